"""``--format sarif`` on validate, gaps, diff, whatif and critical: SARIF 2.1.0.

Every log is checked against ``tests/schemas/sarif-2.1.0-subset.json``, a subset of the
OASIS SARIF 2.1.0 schema written from the standard (no package on PyPI ships the
schema file, and the tests run offline): the objects gapcheck writes, with their
required properties, types, enumerations and ``additionalProperties: false``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from clirun import gapcheck
from gapcheck.cli import app
from gapcheck.diagnostics import Code

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-subset.json").read_text())
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


def run(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    return result.exit_code, log


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    [the_run] = log["runs"]
    found: list[dict[str, Any]] = the_run["results"]
    rules = [rule["id"] for rule in the_run["tool"]["driver"]["rules"]]
    for result in found:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    return found


def where(result: dict[str, Any]) -> tuple[str, int, int]:
    location = result["locations"][0]["physicalLocation"]
    region = location["region"]
    return location["artifactLocation"]["uri"], region["startLine"], region["startColumn"]


def id_line(path: Path, area_id: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == f"- id: {area_id}":
            return number
    raise AssertionError(area_id)


def test_schema_refuses_what_sarif_refuses() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert not validator.is_valid({"version": "2.0.0", "runs": []})
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})
    bad_level = {"message": {"text": "x"}, "level": "fatal"}
    assert not validator.is_valid(
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [bad_level]}]}
    )


def test_gaps_sarif_points_at_the_focus_area(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(REPO))
    code, log = run("gaps", "--data", str(DATA), "--format", "sarif", "--all-years")
    assert code == 0
    [gap] = results(log)
    assert gap["ruleId"] == "thin"
    assert gap["level"] == "warning"
    # The message names the focus area by name and id.
    assert (
        "Specialiserede virksomheder og outsourcing (specialisering-og-outsourcing) is thin"
        in gap["message"]["text"]
    )
    line = id_line(DATA / "focus_areas.yaml", "specialisering-og-outsourcing")
    assert where(gap) == ("data/focus_areas.yaml", line, 9)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["tool"]["driver"]["name"] == "gapcheck"


def test_gaps_sarif_fail_makes_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(REPO))
    code, log = run("gaps", "--data", str(DATA), "--format", "sarif", "--fail", "--all-years")
    assert code == 1
    assert [r["level"] for r in results(log)] == ["error"]


def test_validate_sarif_has_codes_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "initiatives.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "- id: synlighed-og-branding", "- id: synlighed-og-brandig", 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, log = run("validate", "--data", str(tmp_path / "data"), "--format", "sarif")
    assert code == 1
    [problem] = results(log)
    assert problem["ruleId"] == "GC302"
    assert problem["level"] == "error"
    assert "did you mean 'synlighed-og-branding'" in problem["message"]["text"]
    uri, line, column = where(problem)
    assert uri == "data/initiatives.yaml"
    assert "synlighed-og-brandig" in path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert column > 1


@pytest.mark.parametrize(
    "check",
    [["gaps", "--fail"], ["critical"], ["whatif", "--without", "x"], ["diff", "./before"]],
    ids=["gaps", "critical", "whatif", "diff"],
)
def test_a_check_of_invalid_data_annotates_its_problems(
    check: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not an empty log for the upload step: the problems, where validate puts them."""
    shutil.copytree(DATA, tmp_path / "before")
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: synlighed-og-branding", "- id: brandig", 1), "utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    code, log = run(*check, "--data", "data", "--format", "sarif")
    assert code == 1
    [problem] = results(log)
    assert problem["ruleId"] == "GC302"
    assert where(problem)[0] == "data/initiatives.yaml"
    annotations = CliRunner().invoke(app, [*check, "--data", "data", "-f", "github"], env=ENV)
    assert annotations.exit_code == 1
    assert annotations.stdout.startswith("::error file=data/initiatives.yaml,line=")
    assert "GC302" in annotations.stdout


def test_validate_sarif_of_valid_data_is_an_empty_run() -> None:
    code, log = run("validate", "--data", str(DATA), "--format", "sarif")
    assert code == 0
    assert results(log) == []


def test_diff_sarif_opened_and_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA, tmp_path / "new")
    path = tmp_path / "new" / "initiatives.yaml"
    # The regions drop "mmv-globale-spillere": 3 -> 2, a gap when the minimum is 3.
    text = re.sub(
        r"      - id: mmv-globale-spillere\n        note: .*\n",
        "",
        path.read_text(encoding="utf-8"),
        count=1,
    )
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, log = run(
        "diff", str(DATA), "--data", str(tmp_path / "new"), "--format", "sarif",
        "--min-initiatives", "3", "--fail-on", "opened-gaps", "--all-years",
    )  # fmt: skip
    assert code == 1
    [opened] = results(log)
    assert opened["ruleId"] == "gap-opened"
    assert opened["level"] == "error"
    line = id_line(tmp_path / "new" / "focus_areas.yaml", "mmv-globale-spillere")
    assert where(opened) == ("new/focus_areas.yaml", line, 9)


def test_critical_and_whatif_sarif() -> None:
    code, log = run("critical", "--data", str(DATA), "--format", "sarif", "--all-years")
    assert code == 0
    # The thin area's one initiative is its sole initiative: a rule of its own.
    [sole] = results(log)
    assert sole["ruleId"] == "critical-sole"
    assert sole["message"]["text"] == (
        "Internationale samarbejdsregioner is the sole initiative of Specialiserede"
        " virksomheder og outsourcing (specialisering-og-outsourcing): removing it leaves"
        " them uncovered"
    )
    code, log = run(
        "whatif", "--without", "samarbejdsregioner", "--data", str(DATA), "--format", "sarif",
        "--all-years", "--fail-on", "opened-gaps",
    )  # fmt: skip
    assert code == 1  # thin -> uncovered: a worse gap fails the check
    [worse] = results(log)
    assert (worse["ruleId"], worse["level"]) == ("gap-worsened", "error")
    assert worse["message"]["text"].startswith(
        "gap worsened: Specialiserede virksomheder og outsourcing"
        " (specialisering-og-outsourcing) (thin → uncovered;"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["gaps"], ["uncovered", "weak", "thin"]),
        (["diff", str(DATA)], ["gap-opened", "gap-worsened", "gap-closed"]),
        (["critical"], ["critical-sole", "critical"]),
        (["validate"], [code.value for code in Code]),
    ],
)
def test_every_kind_of_finding_is_a_rule_with_help(args: list[str], expected: list[str]) -> None:
    _, log = run(*args, "--data", str(DATA), "--format", "sarif")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == expected
    for rule in rules:
        assert re.fullmatch(r"[A-Z][A-Za-z]+", rule["name"]), rule
        for key in ("shortDescription", "fullDescription", "help"):
            assert len(rule[key]["text"]) > 20, (rule["id"], key)
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        assert "helpUri" not in rule  # focus areas have no link in the data yet
    by_id = {rule["id"]: rule for rule in rules}
    if "gap-worsened" in by_id:
        assert "thin or weak to uncovered" in by_id["gap-worsened"]["fullDescription"]["text"]


def test_fingerprints_stay_when_lines_move(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    areas = tmp_path / "data" / "focus_areas.yaml"

    def gaps_log() -> list[dict[str, Any]]:
        _, log = run(
            "gaps", "--data", str(tmp_path / "data"), "-f", "sarif", "--min-initiatives", "4"
        )
        return results(log)

    first, again = gaps_log(), gaps_log()
    assert len(first) >= 2
    fingerprints = [r["partialFingerprints"] for r in first]
    assert fingerprints == [r["partialFingerprints"] for r in again]  # two runs, the same
    assert len({json.dumps(f, sort_keys=True) for f in fingerprints}) == len(first)  # distinct
    # Three lines above every focus area: each alert moves down, and stays the same alert.
    areas.write_text("# a\n# b\n# c\n" + areas.read_text(encoding="utf-8"), encoding="utf-8")
    moved = gaps_log()
    assert [where(r)[1] for r in moved] == [where(r)[1] + 3 for r in first]
    assert [r["partialFingerprints"] for r in moved] == fingerprints


def test_sarif_escapes_what_could_drive_a_log(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "focus_areas.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: Specialiserede virksomheder og outsourcing",
            'name: "##[group]evil\\u202e\\x9b"',
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["gaps", "--data", str(tmp_path / "data"), "-f", "sarif", "--all-years"], env=ENV
    )
    assert "##[" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "\x9b" not in result.stdout
    [gap] = results(json.loads(result.stdout))
    assert gap["message"]["text"].startswith(
        "##[group]evil\u202e\x9b (specialisering-og-outsourcing) is thin"
    )


def test_sarif_in_a_real_process(tmp_path: Path) -> None:
    result = gapcheck("gaps", "--data", str(DATA), "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_a_folder_outside_the_repository_has_a_base_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No URI climbs out of its base (``../outside/...``); each is percent-encoded."""
    repo = tmp_path / "repo"
    repo.mkdir()
    data = tmp_path / "out side #1 æ"
    shutil.copytree(DATA, data)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    _, log = run("gaps", "--data", str(data), "--format", "sarif", "--all-years")
    [gap] = results(log)
    location = gap["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "focus_areas.yaml", "uriBaseId": "DATAROOT"}
    base = log["runs"][0]["originalUriBaseIds"]["DATAROOT"]["uri"]
    assert base == data.resolve().as_uri() + "/"
    assert "%20side%20%231%20%C3%A6/" in base


def test_paths_inside_the_repository_are_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "my data#2"
    shutil.copytree(DATA, data)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    _, log = run("gaps", "--data", str(data), "--format", "sarif", "--all-years")
    [gap] = results(log)
    assert where(gap)[0] == "my%20data%232/focus_areas.yaml"
    assert "originalUriBaseIds" not in log["runs"][0]
