"""Attributes, links and catalogues in the data: what is accepted, what is refused, where."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.diagnostics import Code
from gapcheck.loader import load_dataset

AREAS = """\
rollup: all
catalogue:
  name: MITRE ATT&CK Enterprise
  version: "18.1"
  show_ids: true
  revoked: {t9999: t1, t8888: null}
focus_areas:
  - id: t1
    name: One
    url: https://attack.mitre.org/techniques/T1
    attributes: {platforms: [windows, linux], tactics: execution}
  - id: t1.001
    name: Sub
    parent: t1
"""
INITIATIVES = """\
initiatives:
  - id: a
    name: A
    url: https://example.org/rule?a=1&b=2
    attributes: {kind: detection}
    focus_areas: [t1]
"""


def write(tmp_path: Path, areas: str = AREAS, initiatives: str = INITIATIVES) -> Path:
    (tmp_path / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return tmp_path


def test_attributes_urls_rollup_and_catalogue_are_read(tmp_path: Path) -> None:
    result = load_dataset(write(tmp_path))
    assert result.dataset is not None
    assert not result.diagnostics
    data = result.dataset
    first = data.focus_areas[0]
    assert first.url == "https://attack.mitre.org/techniques/T1"
    assert first.attributes == {"platforms": ("windows", "linux"), "tactics": "execution"}
    assert data.initiatives[0].attributes == {"kind": "detection"}
    assert data.rollup == "all"
    assert data.catalogue is not None
    assert data.catalogue.version == "18.1"
    assert data.catalogue.show_ids


def test_matrix_json_carries_urls_and_attributes(tmp_path: Path) -> None:
    write(tmp_path)
    out = CliRunner().invoke(app, ["matrix", "-d", str(tmp_path), "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    area = doc["focus_areas"][0]
    assert area["url"] == "https://attack.mitre.org/techniques/T1"
    assert area["attributes"] == {"platforms": ["windows", "linux"], "tactics": "execution"}
    assert doc["focus_areas"][1]["attributes"] == {}
    assert doc["initiatives"][0]["url"] == "https://example.org/rule?a=1&b=2"


def problems(tmp_path: Path, areas: str = AREAS, initiatives: str = INITIATIVES) -> list[str]:
    result = load_dataset(write(tmp_path, areas, initiatives))
    return [
        f"{Path(d.file).name}:{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics
    ]


def test_urls_other_than_http_are_located_errors(tmp_path: Path) -> None:
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://", "http://a b", "ftp://x"):
        areas = AREAS.replace("https://attack.mitre.org/techniques/T1", f'"{bad}"')
        found = problems(tmp_path, areas)
        assert len(found) == 1, (bad, found)
        assert found[0].startswith(f"focus_areas.yaml:10:10 {Code.INVALID_VALUE}"), found
        assert "http:// or https://" in found[0]
    found = problems(
        tmp_path, initiatives=INITIATIVES.replace("https://example", "javascript://example")
    )
    assert found
    assert found[0].startswith(f"initiatives.yaml:4:10 {Code.INVALID_VALUE}")


def test_bad_attributes_are_located_errors(tmp_path: Path) -> None:
    for bad, says in (
        ("{Platforms: x}", "attribute name 'Platforms'"),
        ("{platforms: [1]}", "attribute 'platforms' must be a text or a list"),
        ("{platforms: {a: b}}", "attribute 'platforms' must be a text or a list"),
        ("[x]", "attributes must be a mapping"),
    ):
        areas = AREAS.replace("{platforms: [windows, linux], tactics: execution}", bad)
        found = problems(tmp_path, areas)
        assert len(found) == 1, (bad, found)
        assert found[0].startswith("focus_areas.yaml:11:"), (bad, found)
        assert says in found[0]


def test_rollup_must_be_a_policy(tmp_path: Path) -> None:
    found = problems(tmp_path, AREAS.replace("rollup: all", "rollup: alll"))
    assert len(found) == 1
    assert found[0].startswith(f"focus_areas.yaml:1:9 {Code.INVALID_VALUE}")
    assert "rollup must be one of any, own, all" in found[0]


def test_revoked_ids_name_their_replacement(tmp_path: Path) -> None:
    initiatives = INITIATIVES.replace("[t1]", "[t1, t9999, t8888]")
    found = problems(tmp_path, initiatives=initiatives)
    assert found == [
        f"initiatives.yaml:6:23 {Code.UNKNOWN_FOCUS_AREA} focus area 't9999' was revoked by the"
        " catalogue; it is now 't1'",
        f"initiatives.yaml:6:30 {Code.UNKNOWN_FOCUS_AREA} focus area 't8888' was deprecated by"
        " the catalogue, with no replacement",
    ]


def test_urls_become_links_escaped(tmp_path: Path) -> None:
    hostile = "https://example.org/a)(javascript:alert(1)<b>"
    areas = AREAS.replace("https://attack.mitre.org/techniques/T1", f'"{hostile}"')
    write(tmp_path, areas, "initiatives: []\n")
    runner = CliRunner()
    markdown = runner.invoke(app, ["gaps", "-d", str(tmp_path), "-f", "markdown"]).stdout
    target = "https://example.org/a%29%28javascript:alert%281%29%3Cb%3E"
    assert f"[One (t1)]({target})" in markdown  # the catalogue shows ids
    assert "<b>" not in markdown
    sarif = json.loads(runner.invoke(app, ["gaps", "-d", str(tmp_path), "-f", "sarif"]).stdout)
    first = sarif["runs"][0]["results"][0]
    assert first["properties"] == {"helpUri": target}
    assert first["message"]["markdown"].startswith(f"[One (t1)]({target}) is uncovered")


def test_link_targets_are_http_only() -> None:
    from gapcheck.render import safe

    assert safe.link_target("javascript:alert(1)") is None
    assert safe.markdown_link("x", "file:///etc/passwd") == "x"
    assert safe.markdown_link("x", "HTTPS://a.b/c d") == "[x](HTTPS://a.b/c%20d)"


def test_the_html_report_links_focus_areas(tmp_path: Path) -> None:
    hostile = 'https://example.org/?a=1&b="><script>'
    areas = AREAS.replace("https://attack.mitre.org/techniques/T1", f"'{hostile}'")
    write(tmp_path, areas, INITIATIVES)
    out = tmp_path / "report.html"
    done = CliRunner().invoke(app, ["report", "-d", str(tmp_path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert '<a href="https://example.org/?a=1&amp;b=%22%3E%3Cscript%3E">' in html
    assert '"><script>' not in html


def test_matrix_by_an_attribute_the_data_lacks_says_so(tmp_path: Path) -> None:
    folder = write(tmp_path)
    result = CliRunner().invoke(
        app, ["matrix", "--data", str(folder), "--by", "colour"], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    assert "No focus area looked at has colour." in result.stdout
    assert "┏" not in result.stdout  # no empty table
