"""Honest defaults, through the command line as a user runs it (in this process:
``clirun.in_process``; test_subprocess checks the real process).

Which year is counted (this year by default when the data has years), what changed
in a ``diff`` (every field, at a year), and crowded parents (direct marks only).
Each test builds its data relative to the current year, so none of them breaks when
the calendar turns.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clirun import in_process as gapcheck
from gitrepo import commit, git, isolate, needs_git

THIS_YEAR = date.today().year


def write_data(directory: Path, focus_areas: str, initiatives: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(focus_areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (tables wrap)."""
    return " ".join(text.split())


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


# --- 4. crowded parents -------------------------------------------------------------------

TREE_AREAS = """\
focus_areas:
  - id: parent
    name: Parent
  - id: kid-a
    name: Kid A
    parent: parent
  - id: kid-b
    name: Kid B
    parent: parent
  - id: kid-c
    name: Kid C
    parent: parent
  - id: shared
    name: Shared
"""
TREE_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [kid-a, shared]
  - id: two
    name: Two
    focus_areas: [kid-b, shared]
  - id: three
    name: Three
    focus_areas: [kid-c, shared]
"""


def test_parent_is_not_crowded_by_its_childrens_initiatives(tmp_path: Path) -> None:
    data = write_data(tmp_path / "tree", TREE_AREAS, TREE_INITIATIVES)
    out = as_json(gapcheck("overlaps", "--data", str(data), "--format", "json", cwd=tmp_path))
    # parent rolls up 3 of 3 initiatives but none lists it: only "shared" is crowded.
    assert [(c["focus_area"], c["count"]) for c in out["crowded"]] == [("shared", 3)]
    # Coverage still rolls up: the parent is covered (thin: 3 >= 2, so no gap at all).
    gaps = as_json(gapcheck("gaps", "--data", str(data), "--format", "json", cwd=tmp_path))
    assert "parent" not in [gap["focus_area"] for gap in gaps["gaps"]]
    # The tables say which count a number is.
    table = flat(gapcheck("overlaps", "--data", str(data), cwd=tmp_path).stdout)
    assert "3 of 3 initiatives list it directly" in table
    assert "Crowded counts direct marks only" in table
    assert "Counts include sub-areas" in flat(
        gapcheck("gaps", "--data", str(data), cwd=tmp_path).stdout
    )


# --- 2. which year ------------------------------------------------------------------------

AREAS = """\
focus_areas:
  - id: research
    name: Research
  - id: talent
    name: Talent
"""
# Like the EU funds of 2007-2013: every project has ended, the last in 2016.
ENDED = """\
initiatives:
  - id: fund-a
    name: Fund A
    start: 2007
    end: 2013
    focus_areas: [research, talent]
  - id: fund-b
    name: Fund B
    start: 2007
    end: 2013
    focus_areas: [research, talent]
  - id: fund-c
    name: Fund C
    start: 2009
    end: 2016
    focus_areas: [research]
"""
NO_YEARS = """\
initiatives:
  - id: one
    name: One
    focus_areas: [research]
"""


def test_gaps_count_this_year_and_say_so(tmp_path: Path) -> None:
    data = write_data(tmp_path / "eu", AREAS, ENDED).name  # relative to cwd
    # By default: this year, when nothing runs any more. Both areas are uncovered.
    done = gapcheck("gaps", "--data", data, "--fail", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == f"Gaps · {data}, as of {THIS_YEAR}"
    assert "2 gaps among 2 focus areas: 2 uncovered" in done.stdout
    # ... and a plain note on stderr: which years the data covers, and one to try.
    assert (
        f"note: no initiative is active in {THIS_YEAR}; the data covers 2007-2016;"
        " try --at 2013 (or --all-years)"
    ) in done.stderr
    out = as_json(gapcheck("gaps", "--data", data, "--format", "json", cwd=tmp_path))
    assert out["at"] == THIS_YEAR
    assert [(g["focus_area"], g["kind"]) for g in out["gaps"]] == [
        ("research", "uncovered"),
        ("talent", "uncovered"),
    ]
    # --at picks another year; --all-years counts everything, as before.
    at = as_json(gapcheck("gaps", "--data", data, "--at", "2012", "-f", "json", cwd=tmp_path))
    assert (at["at"], at["gaps"]) == (2012, [])
    every = gapcheck("gaps", "--data", data, "--all-years", "--fail", "-f", "json", cwd=tmp_path)
    assert every.returncode == 0, every.stderr
    assert (json.loads(every.stdout)["at"], json.loads(every.stdout)["gaps"]) == (None, [])
    assert "note:" not in every.stderr


def test_matrix_overlaps_and_report_count_this_year(tmp_path: Path) -> None:
    data = write_data(tmp_path / "eu", AREAS, ENDED).name  # relative to cwd
    for command in ("matrix", "overlaps"):
        out = as_json(gapcheck(command, "--data", data, "-f", "json", cwd=tmp_path))
        assert out["at"] == THIS_YEAR, command
        table = gapcheck(command, "--data", data, cwd=tmp_path)
        assert f", as of {THIS_YEAR}" in table.stdout.splitlines()[0]
        assert "no initiative is active" in table.stderr
    matrix = as_json(gapcheck("matrix", "--data", data, "-f", "json", cwd=tmp_path))
    assert matrix["initiatives"] == []
    report = gapcheck("report", "--data", data, "-o", "-", "-f", "markdown", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[0].endswith(f", as of {THIS_YEAR}")
    assert "No initiative serves Research." in report.stdout
    danish = gapcheck("gaps", "--data", data, "--lang", "da", cwd=tmp_path)
    assert danish.stdout.splitlines()[0] == f"Huller · {data}, pr. {THIS_YEAR}"
    assert f"intet initiativ er aktivt i {THIS_YEAR}" in danish.stderr


def test_at_and_all_years_together_are_a_usage_error(tmp_path: Path) -> None:
    data = write_data(tmp_path / "eu", AREAS, ENDED).name  # relative to cwd
    for command in ("matrix", "gaps", "overlaps", "report", "diff"):
        extra = ["HEAD"] if command == "diff" else []
        done = gapcheck(
            command, *extra, "--data", data, "--at", "2010", "--all-years", cwd=tmp_path
        )
        assert done.returncode == 2, (command, done.stderr)
        assert "give one of them" in done.stderr


def test_data_without_years_is_counted_whole(tmp_path: Path) -> None:
    data = write_data(tmp_path / "plain", AREAS, NO_YEARS).name  # relative to cwd
    out = as_json(gapcheck("gaps", "--data", data, "--format", "json", cwd=tmp_path))
    assert out["at"] is None
    assert [(g["focus_area"], g["count"]) for g in out["gaps"]] == [("talent", 0), ("research", 1)]
    table = gapcheck("gaps", "--data", data, cwd=tmp_path)
    assert table.stdout.splitlines()[0] == f"Gaps · {data}"
    assert table.stderr == ""


def test_bundled_answers_stay_the_same(tmp_path: Path) -> None:
    """Every bundled initiative runs on (the EU office since 2007): this year counts all ten."""
    now = as_json(gapcheck("gaps", "--format", "json", cwd=tmp_path))
    every = as_json(gapcheck("gaps", "--all-years", "--format", "json", cwd=tmp_path))
    assert now["at"] == THIS_YEAR
    assert every["at"] is None
    assert now["gaps"] == every["gaps"]
    overlaps = as_json(gapcheck("overlaps", "--format", "json", cwd=tmp_path))
    assert [c["count"] for c in overlaps["crowded"]] == [8, 6]


def test_timeline_spans_the_data_and_folds_identical_years(tmp_path: Path) -> None:
    data = write_data(tmp_path / "eu", AREAS, ENDED).name  # relative to cwd
    out = as_json(gapcheck("timeline", "--data", data, "--format", "json", cwd=tmp_path))
    assert out["years"] == list(range(2007, 2017))  # to the last end, not to this year
    assert [a["counts"] for a in out["focus_areas"]] == [
        [2, 2, 3, 3, 3, 3, 3, 1, 1, 1],
        [2, 2, 2, 2, 2, 2, 2, 0, 0, 0],
    ]
    table = gapcheck("timeline", "--data", data, cwd=tmp_path).stdout
    rows = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
    assert rows == ["2007-2008", "2009-2013", "2014-2016"]
    # The bundled data: one row, from the EU office's start to this year.
    bundled = gapcheck("timeline", cwd=tmp_path).stdout
    rows = [line.split("│")[1].strip() for line in bundled.splitlines() if line.startswith("│")]
    assert rows == [f"2007-{THIS_YEAR}"]
    markdown = gapcheck("timeline", "--data", data, "-f", "markdown", cwd=tmp_path).stdout
    assert "| 2009-2013 | 3 | 2 |" in markdown


# --- 3. what changed ----------------------------------------------------------------------

# "lab" runs until two years from now; "school" covers both areas; "academy" talent only.
LATER, EARLIER = THIS_YEAR + 2, THIS_YEAR - 2
PROGRAMMES = f"""\
initiatives:
  - id: lab
    name: Lab
    start: 2020
    end: {LATER}
    focus_areas: [research, talent]
  - id: school
    name: School
    start: 2020
    focus_areas: [research, talent]
  - id: academy
    name: Academy
    focus_areas:
      - id: talent
        note: trains people
"""


def _repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write_data(repo / "data", AREAS, PROGRAMMES)
    commit(repo, "programmes")
    # Shorten lab's end to two years ago, rename school, reword academy's note.
    edited = (
        PROGRAMMES.replace(f"end: {LATER}", f"end: {EARLIER}")
        .replace("name: School", "name: School of Science")
        .replace("trains people", "trains more people")
    )
    write_data(repo / "data", AREAS, edited)
    return repo


@needs_git
def test_diff_counts_this_year_so_an_early_end_opens_a_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path, monkeypatch)
    done = gapcheck("diff", "HEAD", "--fail-on", "opened-gaps", cwd=repo)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Diff · HEAD → working tree, as of {THIS_YEAR}"
    # Research falls from 2 to 1 this year: a gap opens, shown as a problem.
    assert "✗ gap opened: Research" in lines
    assert "- initiative ended: Lab" in lines
    assert not any(line.startswith("+ gap") for line in lines)
    out = as_json(gapcheck("diff", "HEAD", "--format", "json", cwd=repo))
    assert out["at"] == THIS_YEAR
    assert (out["base"], out["head"]) == (f"HEAD@{THIS_YEAR}", f"data@{THIS_YEAR}")
    assert out["gaps"] == {
        "opened": ["research"],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    assert out["initiatives"]["ended"] == ["lab"]
    assert out["initiatives"]["removed"] == []  # still in the data
    # --all-years compares all-time counts: nothing about coverage changed.
    every = gapcheck(
        "diff", "HEAD", "--all-years", "--fail-on", "opened-gaps", "-f", "json", cwd=repo
    )
    assert every.returncode == 0, every.stderr
    assert json.loads(every.stdout)["at"] is None
    assert json.loads(every.stdout)["gaps"] == {
        "opened": [],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    assert json.loads(every.stdout)["coverage"] == []
    # GitHub annotations: the opened gap is an error on its focus area's line.
    github = gapcheck("diff", "HEAD", "--fail-on", "opened-gaps", "-f", "github", cwd=repo)
    assert github.returncode == 1
    assert "::error file=data/focus_areas.yaml,line=2," in github.stdout
    assert "gap opened: Research" in github.stdout


@needs_git
def test_diff_lists_every_field_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path, monkeypatch)
    out = as_json(gapcheck("diff", "HEAD", "--all-years", "--format", "json", cwd=repo))
    assert out["initiatives"]["changed"] == [
        {
            "id": "lab",
            "added": [],
            "removed": [],
            "fields": [{"field": "end", "before": LATER, "after": EARLIER}],
        },
        {
            "id": "school",
            "added": [],
            "removed": [],
            "fields": [{"field": "name", "before": "School", "after": "School of Science"}],
        },
        {
            "id": "academy",
            "added": [],
            "removed": [],
            "fields": [
                {
                    "field": "focus_areas[talent].note",
                    "before": "trains people",
                    "after": "trains more people",
                }
            ],
        },
    ]
    table = gapcheck("diff", "HEAD", "--all-years", cwd=repo)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[1] == "No gap opened or closed; initiatives: 3 changed."
    assert "Other changes (names, years, notes, sources, thresholds)" in table.stdout
    assert "│ Lab " in table.stdout
    assert f"│ {LATER} " in table.stdout
    markdown = gapcheck("diff", "HEAD", "-f", "markdown", "--lang", "da", cwd=repo).stdout
    assert "- ✗ hul åbnet: Research" in markdown
    assert "| School of Science | name | School | School of Science |" in markdown
    rows = gapcheck("diff", "HEAD", "-f", "csv", cwd=repo).stdout.splitlines()
    assert f"initiative,lab,edited,{LATER},{EARLIER},end" in rows
    # Focus areas and the thresholds block too.
    areas = AREAS.replace("name: Talent", "name: Talent\n    min_initiatives: 3")
    write_data(repo / "data", "thresholds:\n  max_share: 0.4\n" + areas, PROGRAMMES)
    out = as_json(gapcheck("diff", "HEAD", "--format", "json", cwd=repo))
    assert out["focus_areas"]["changed"] == [
        {"id": "talent", "fields": [{"field": "min_initiatives", "before": None, "after": 3}]}
    ]
    assert out["thresholds"] == [{"field": "max_share", "before": None, "after": 0.4}]


def test_year_to_year_diff_says_started_and_ended(tmp_path: Path) -> None:
    data = write_data(tmp_path / "eu", AREAS, ENDED).name  # relative to cwd
    out = as_json(
        gapcheck(
            "diff", "--data", data, "--from", "2008", "--to", "2014", "-f", "json", cwd=tmp_path
        )
    )
    assert out["initiatives"] == {
        "added": [],
        "removed": [],
        "started": ["fund-c"],
        "ended": ["fund-a", "fund-b"],
        "changed": [],
    }
    # 2014: research has fund-c alone (thin), talent nothing (uncovered).
    assert out["gaps"] == {
        "opened": ["research", "talent"],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    table = gapcheck("diff", "--data", data, "--from", "2008", "--to", "2014", cwd=tmp_path)
    lines = table.stdout.splitlines()
    assert "+ initiative started: Fund C" in lines
    assert "- initiative ended: Fund A" in lines
    assert "✗ gap opened: Talent" in lines
    assert not any("added" in line or "removed" in line for line in lines)


def test_field_changes_are_escaped_in_every_human_format(tmp_path: Path) -> None:
    hostile = '"\\x1b[31m::error::pwned\\r\\n##[group]<b>=cmd|x"'
    write_data(tmp_path / "old", AREAS, NO_YEARS)
    write_data(tmp_path / "new", AREAS, NO_YEARS.replace("name: One", f"name: {hostile}"))
    for fmt in ("table", "markdown", "csv"):
        done = gapcheck("diff", "old", "new", "-f", fmt, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "pwned" in done.stdout, fmt  # the change is listed ...
        assert "\x1b" not in done.stdout, fmt  # ... but cannot drive the terminal
        assert "\r" not in done.stdout, fmt
        assert "##[group]" not in done.stdout, fmt
        assert not any(line.lstrip().startswith("::") for line in done.stdout.splitlines()), fmt
    markdown = gapcheck("diff", "old", "new", "-f", "markdown", cwd=tmp_path).stdout
    assert "<b>" not in markdown
    out = as_json(gapcheck("diff", "old", "new", "-f", "json", cwd=tmp_path))
    assert out["initiatives"]["changed"][0]["fields"][0]["after"].startswith("\x1b[31m::error")


def test_a_folder_named_bundled_is_not_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--data bundled`` is the user's folder: its own title, never "the bundled dataset"."""
    import shutil

    from typer.testing import CliRunner

    from gapcheck.cli import app

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", tmp_path / "bundled")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["gaps", "--data", "bundled"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "the bundled dataset" not in result.stdout
    assert result.stdout.startswith("Gaps · Region Midtjylland")
