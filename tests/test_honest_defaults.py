"""Honest defaults, through ``python -m gapcheck`` in real processes.

Which year is counted (this year by default when the data has years), what changed
in a ``diff`` (every field, at a year), and crowded parents (direct marks only).
Each test builds its data relative to the current year, so none of them breaks when
the calendar turns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
THIS_YEAR = date.today().year


def gapcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"})
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


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
    data = str(write_data(tmp_path / "eu", AREAS, ENDED))
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
    data = str(write_data(tmp_path / "eu", AREAS, ENDED))
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
    data = str(write_data(tmp_path / "eu", AREAS, ENDED))
    for command in ("matrix", "gaps", "overlaps", "report"):
        extra = ["HEAD"] if command == "diff" else []
        done = gapcheck(
            command, *extra, "--data", data, "--at", "2010", "--all-years", cwd=tmp_path
        )
        assert done.returncode == 2, (command, done.stderr)
        assert "give one of them" in done.stderr


def test_data_without_years_is_counted_whole(tmp_path: Path) -> None:
    data = str(write_data(tmp_path / "plain", AREAS, NO_YEARS))
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
    data = str(write_data(tmp_path / "eu", AREAS, ENDED))
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
