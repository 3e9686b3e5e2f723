"""A portfolio's title in every heading, and gapcheck from Python (the README's example)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapcheck
from clirun import in_process, process_env, python
from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.render import OutputFormat, render

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
TITLE = "Region Midtjylland: internationaliseringsindsatser 2009 (Tabel 3.2)"
ENV = {"NO_COLOR": "1", "COLUMNS": "100"}

AREAS = "title: Min portefølje\nfocus_areas:\n  - id: a\n    name: Area A\n  - id: b\n    name: B\n"
INITIATIVES = "initiatives:\n  - id: one\n    name: One\n    focus_areas: [a]\n    start: 2007\n"


def write(directory: Path, areas: str = AREAS, initiatives: str = INITIATIVES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def real(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return python(*args, cwd=cwd, env=process_env(COLUMNS="100"))


# --- the title in the data ----------------------------------------------------------


def test_loader_reads_the_title(tmp_path: Path) -> None:
    result = load_dataset(write(tmp_path / "d"))
    assert result.diagnostics == []
    assert result.dataset is not None
    assert result.dataset.title == "Min portefølje"
    without = load_dataset(write(tmp_path / "e", AREAS.replace("title: Min portefølje\n", "")))
    assert without.dataset is not None
    assert without.dataset.title is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title: 2009\n", "focus_areas.yaml:1:8: GC204 'title' must be text, got the number 2009"),
        ('title: ""\n', "focus_areas.yaml:1:8: GC207 'title' string should have at least 1"),
        (
            "titel: x\n",
            "focus_areas.yaml:1:1: GC202 unknown key 'titel' (hint: did you mean 'title'?)",
        ),
    ],
)
def test_a_bad_title_is_a_positioned_problem(line: str, expected: str, tmp_path: Path) -> None:
    data = write(tmp_path / "d", line + AREAS.split("\n", 1)[1])
    result = real("-m", "gapcheck", "validate", "--data", "d", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{data.name}/{expected}" in result.stdout


def test_the_schema_knows_the_title() -> None:
    schema = json.loads((REPO / "schema" / "focus_areas.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["title"]["anyOf"][0]["type"] == "string"


def test_the_shipped_data_has_a_title() -> None:
    assert gapcheck.load(REPO / "data").title == TITLE


HEADINGS = [
    (["gaps"], "Gaps · Min portefølje"),
    (["matrix"], "Coverage matrix · Min portefølje"),
    (["overlaps"], "Overlaps · Min portefølje"),
    (["timeline", "--from", "2007", "--to", "2008"], "Timeline · Min portefølje"),
    (["gaps", "--at", "2008"], "Gaps · Min portefølje, as of 2008"),
    (["gaps", "--lang", "da"], "Huller · Min portefølje"),
    (["gaps", "--format", "markdown"], "## Gaps: Min portefølje"),
    (["diff", "--from", "2006", "--to", "2008"], "Diff · Min portefølje: 2006 → 2008"),
    (["report", "--format", "markdown", "-o", "-"], "## Coverage report: Min portefølje"),
    (["report", "-o", "-"], "Min portefølje"),
]


@pytest.mark.parametrize(
    ("how", "args", "heading"),
    # every heading in process; the first also in a real process (a start costs more
    # than these commands: one is the smoke test of what a shell shows)
    [("in-process", *case) for case in HEADINGS] + [("subprocess", *HEADINGS[0])],
    ids=str,
)
def test_headings_use_the_title(how: str, args: list[str], heading: str, tmp_path: Path) -> None:
    """Before: 'Gaps · data', the folder's name."""
    write(tmp_path / "data")
    if how == "subprocess":
        done = real("-m", "gapcheck", *args, cwd=tmp_path)
    else:
        done = in_process(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert heading in done.stdout
    assert "· data" not in done.stdout


def test_json_carries_the_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for command in ("gaps", "matrix", "overlaps", "timeline"):
        result = CliRunner().invoke(app, [command, "--format", "json"], env=ENV)
        data = json.loads(result.stdout)
        assert (data["data"], data["title"]) == ("data", "Min portefølje"), command
    result = CliRunner().invoke(
        app, ["diff", "--from", "2006", "--to", "2008", "--format", "json"], env=ENV
    )
    data = json.loads(result.stdout)
    assert (data["base_title"], data["head_title"]) == ("Min portefølje", "Min portefølje")
    write(tmp_path / "plain", AREAS.replace("title: Min portefølje\n", ""))
    result = CliRunner().invoke(app, ["gaps", "--data", "plain", "--format", "json"], env=ENV)
    assert json.loads(result.stdout)["title"] is None


def test_a_hostile_title_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "data", AREAS.replace("Min portefølje", '"::error::x\\e[31m *y* <b>"'))
    monkeypatch.chdir(tmp_path)
    table = CliRunner().invoke(app, ["gaps"], env=ENV).stdout
    assert "\x1b" not in table
    assert "\\x1b[31m" in table
    assert "\n::" not in table
    markdown = CliRunner().invoke(app, ["gaps", "--format", "markdown"], env=ENV).stdout
    assert "\\*y\\* &lt;b&gt;" in markdown
    html = CliRunner().invoke(app, ["report", "-o", "-"], env=ENV).stdout
    assert "*y* &lt;b&gt;" in html
    assert "*y* <b>" not in html
    assert "\x1b" not in html


# --- gapcheck from Python -----------------------------------------------------------


def _readme_python() -> tuple[str, str]:
    section = README.split("## Using gapcheck from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    printed = re.search(r"It prints:\n\n```text\n(.*?)```", section, flags=re.DOTALL)
    assert code, "no Python example in the README"
    assert printed, "the README does not say what the example prints"
    return code.group(1), printed.group(1)


def test_readme_python_example_runs_and_prints_what_it_says(tmp_path: Path) -> None:
    code, printed = _readme_python()
    shutil.copytree(REPO / "data", tmp_path / "data")  # a clone
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    done = real("example.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == printed


def test_load_takes_str_and_path() -> None:
    assert gapcheck.load(str(REPO / "data")) == gapcheck.load(REPO / "data")


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad", initiatives=INITIATIVES.replace("[a]", "[a, nope, nix]"))
    with pytest.raises(gapcheck.InvalidData) as caught:
        gapcheck.load(bad)
    assert [d.code.value for d in caught.value.diagnostics] == ["GC302", "GC302"]
    assert "initiatives.yaml:4:22: GC302 unknown focus area 'nope'" in str(caught.value)
    with pytest.raises(gapcheck.InputError):
        gapcheck.load(tmp_path / "missing")


def test_analyses_take_a_path_a_dataset_or_a_portfolio() -> None:
    dataset = gapcheck.load(REPO / "data")
    by_path = gapcheck.find_gaps(str(REPO / "data"))
    assert gapcheck.find_gaps(dataset).gaps == by_path.gaps
    assert gapcheck.find_gaps(gapcheck.Portfolio(dataset)).gaps == by_path.gaps
    assert gapcheck.coverage_matrix(dataset, at=2006).at == 2006
    assert gapcheck.find_overlaps(dataset, top=1).pairs
    assert gapcheck.coverage_timeline(dataset, 2005, 2006).years == (2005, 2006)
    assert not gapcheck.diff_portfolios(dataset, REPO / "data").changed


@pytest.mark.parametrize("fmt", ["json", "JSON", OutputFormat.JSON])
def test_render_takes_a_format_name(fmt: str | OutputFormat) -> None:
    gaps = gapcheck.find_gaps(REPO / "data")
    assert render(gaps, fmt) == render(gaps, OutputFormat.JSON)
    assert json.loads(render(gaps, fmt))["title"] == TITLE


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render(gapcheck.find_gaps(REPO / "data"), "yaml")


def test_import_gapcheck_stays_light(tmp_path: Path) -> None:
    probe = (
        "import sys, gapcheck; print(sorted(m for m in"
        " ('pydantic', 'networkx', 'rich', 'yaml') if m in sys.modules))"
    )
    done = real("-c", probe, cwd=tmp_path)
    assert done.stdout.strip() == "[]", done.stderr
    assert "load" in dir(gapcheck)
