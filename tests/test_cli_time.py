"""The command line over time: ``--at YEAR`` on matrix, gaps and overlaps, and ``timeline``.

In process through typer's CliRunner, on small hand-made data directories; output is
pinned with NO_COLOR=1 and COLUMNS=100.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from gapcheck.cli import app

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

# top
# └── child            lonely          strict (min_initiatives: 3)
FOCUS_AREAS = """\
focus_areas:
  - id: top
    name: Top
  - id: child
    name: Child
    parent: top
  - id: lonely
    name: Lonely
  - id: strict
    name: Strict
    min_initiatives: 3
"""
INITIATIVES = """\
initiatives:
  - id: old
    name: Old one
    end: 2011
    focus_areas: [child, strict]
  - id: new
    name: New one
    start: 2012
    focus_areas: [top, strict]
  - id: window
    name: Window
    start: 2010
    end: 2013
    focus_areas: [child, lonely]
  - id: always
    name: Always
    focus_areas: [strict]
"""
AREA_NAMES = {"top": "Top", "child": "Child", "lonely": "Lonely", "strict": "Strict"}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def assert_clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def as_csv(result: Result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.stdout)))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A data directory ``my-data`` in the current directory (a short label for titles)."""
    monkeypatch.chdir(tmp_path)
    directory = tmp_path / "my-data"
    directory.mkdir()
    (directory / "focus_areas.yaml").write_text(FOCUS_AREAS, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    return "my-data"


def table_rows(output: str) -> list[list[str]]:
    """The stripped cells of the body rows of the first rich table in ``output``."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    end = next(i for i, line in enumerate(lines) if i > start and line[:1] in "├└")
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines[start + 1 : end]]


# --- --at YEAR ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "initiatives"),
    [
        (None, ["new", "always"]),  # this year, by default: the data has years
        (2009, ["old", "always"]),
        (2011, ["old", "window", "always"]),  # old's last year
        (2012, ["new", "window", "always"]),  # new's first year
        (2014, ["new", "always"]),
    ],
)
def test_matrix_at_year_json(data: str, year: int | None, initiatives: list[str]) -> None:
    args = ["matrix", "--data", data, "--format", "json"]
    result = run(*args, *([] if year is None else ["--at", str(year)]))
    assert_clean(result)
    assert result.exit_code == 0, result.output
    out = as_json(result)
    assert out["at"] == (date.today().year if year is None else year)
    assert [item["id"] for item in out["initiatives"]] == initiatives
    # Focus areas stay, whatever the year; their counts follow the year.
    assert [area["id"] for area in out["focus_areas"]] == list(AREA_NAMES)
    by_id = {area["id"]: area for area in out["focus_areas"]}
    expected_top = [i for i in initiatives if i in ("old", "new", "window")]
    assert by_id["top"]["initiatives"] == expected_top
    assert by_id["top"]["direct"] == [i for i in initiatives if i == "new"]


def test_matrix_at_year_table_names_the_year_and_drops_inactive(data: str) -> None:
    result = run("matrix", "--data", data, "--at", "2012")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"Coverage matrix · {data}, as of 2012"
    rows = table_rows(result.stdout)
    assert [row[0] for row in rows] == ["New one", "Window", "Always"]
    assert "Old one" not in result.stdout
    # With --all-years the title names no year and every initiative is there.
    everything = run("matrix", "--data", data, "--all-years")
    assert everything.stdout.splitlines()[0] == f"Coverage matrix · {data}"
    assert "Old one" in everything.stdout
    assert as_json(run("matrix", "--data", data, "--all-years", "-f", "json"))["at"] is None


def test_gaps_at_year(data: str) -> None:
    result = run("gaps", "--data", data, "--at", "2009", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    # The keys of the first contract (later keys are tested in test_judgement_cli.py).
    found = as_json(result)
    assert found.pop("today") is not None
    assert found.pop("currency") is None  # money: tests/test_resources_judgement.py
    assert (found.pop("rollup"), found.pop("where"), found.pop("where_initiative")) == (
        "any",
        [],
        [],
    )
    for gap in found["gaps"]:
        for key in ("priority", "shortfall", "min_strength", "below_strength", "accepted"):
            del gap[key]
        assert gap.pop("fails") is True
        assert gap.pop("spend") is None
    assert found == {
        "data": data,
        "title": None,
        "at": 2009,
        "min_initiatives": 2,
        "gaps": [
            {
                "focus_area": "lonely",
                "name": "Lonely",
                "kind": "uncovered",
                "count": 0,
                "threshold": 2,
                "initiatives": [],
            },
            {
                "focus_area": "top",
                "name": "Top",
                "kind": "thin",
                "count": 1,
                "threshold": 2,
                "initiatives": ["old"],
            },
            {
                "focus_area": "child",
                "name": "Child",
                "kind": "thin",
                "count": 1,
                "threshold": 2,
                "initiatives": ["old"],
            },
            {
                "focus_area": "strict",
                "name": "Strict",
                "kind": "thin",
                "count": 2,
                "threshold": 3,
                "initiatives": ["old", "always"],
            },
        ],
        "orphans": [],
    }
    table = run("gaps", "--data", data, "--at", "2009")
    assert table.stdout.splitlines()[0] == f"Gaps · {data}, as of 2009"
    assert "Window" not in table.stdout
    markdown = run("gaps", "--data", data, "--at", "2009", "--format", "markdown")
    assert markdown.stdout.startswith(f"## Gaps: {data}, as of 2009\n")
    # --fail follows the year: in 2009 there are gaps.
    assert run("gaps", "--data", data, "--at", "2009", "--fail").exit_code == 1


def test_overlaps_at_year(data: str) -> None:
    result = run("overlaps", "--data", data, "--at", "2014", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    out = as_json(result)
    assert out["at"] == 2014
    # Only "new" and "always" are active; they share "strict".
    assert out["pairs"] == [{"a": "new", "b": "always", "shared": ["strict"], "jaccard": 0.5}]
    assert out["pair_count"] == 1
    assert [a["focus_area"] for a in out["crowded"]] == ["strict"]
    assert out["crowded"][0]["initiatives"] == ["new", "always"]
    assert as_json(run("overlaps", "--data", data, "--all-years", "-f", "json"))["at"] is None
    this_year = as_json(run("overlaps", "--data", data, "--format", "json"))
    assert this_year["at"] == date.today().year
    table = run("overlaps", "--data", data, "--at", "2014")
    assert table.stdout.splitlines()[0] == f"Overlaps · {data}, as of 2014"
    assert "Window" not in table.stdout


@pytest.mark.parametrize("year", ["999", "10000", "soon"])
def test_at_must_be_a_year(data: str, year: str) -> None:
    result = run("gaps", "--data", data, "--at", year)
    assert_clean(result)
    assert result.exit_code == 2
    assert "--at" in result.output


# --- timeline -------------------------------------------------------------------------------


def test_timeline_json_exact(data: str) -> None:
    result = run("timeline", "--data", data, "--from", "2009", "--to", "2014", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {
        "data": data,
        "title": None,
        "years": [2009, 2010, 2011, 2012, 2013, 2014],
        "clipped_from": None,
        "min_initiatives": 2,
        "focus_areas": [
            {"id": "top", "name": "Top", "threshold": 2, "counts": [1, 2, 2, 2, 2, 1]},
            {"id": "child", "name": "Child", "threshold": 2, "counts": [1, 2, 2, 1, 1, 0]},
            {"id": "lonely", "name": "Lonely", "threshold": 2, "counts": [0, 1, 1, 1, 1, 0]},
            {"id": "strict", "name": "Strict", "threshold": 3, "counts": [2, 2, 2, 2, 2, 2]},
        ],
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }


def test_timeline_min_initiatives(data: str) -> None:
    result = run(
        "timeline", "--data", data, "--from", "2010", "--to", "2010", "--min-initiatives", "1"
    )
    assert_clean(result)
    assert result.exit_code == 0, result.output
    # Lonely has 1 and is no longer thin at 1; Strict keeps its own threshold of 3.
    assert table_rows(result.stdout) == [["2010", "2", "2", "1", "2*"]]
    out = as_json(
        run(
            "timeline",
            "--data",
            data,
            "--from",
            "2010",
            "--to",
            "2010",
            "--min-initiatives",
            "1",
            "--format",
            "json",
        )
    )
    assert out["min_initiatives"] == 1
    assert [a["threshold"] for a in out["focus_areas"]] == [1, 1, 1, 3]


def test_timeline_default_range_is_earliest_start_to_this_year(data: str) -> None:
    this_year = date.today().year
    out = as_json(run("timeline", "--data", data, "--format", "json"))
    assert out["years"] == list(range(2010, this_year + 1))  # "window" starts in 2010
    # "old" has no start, so it counts from 2010, the first year of the range, to 2011.
    by_id = {a["id"]: a["counts"] for a in out["focus_areas"]}
    assert by_id["child"][:3] == [2, 2, 1]
    assert by_id["strict"][:3] == [2, 2, 2]
    # --from alone: from that year to this year.
    out = as_json(run("timeline", "--data", data, "--from", "2000", "--format", "json"))
    assert out["years"] == list(range(2000, this_year + 1))
    # --to alone: from the earliest start.
    out = as_json(run("timeline", "--data", data, "--to", "2012", "--format", "json"))
    assert out["years"] == [2010, 2011, 2012]
    # --from after this year: that year only.
    out = as_json(run("timeline", "--data", data, "--from", "9998", "--format", "json"))
    assert out["years"] == [9998]


def test_timeline_default_range_without_any_start(tmp_path: Path) -> None:
    directory = tmp_path / "d"
    directory.mkdir()
    (directory / "focus_areas.yaml").write_text("focus_areas:\n  - id: a\n    name: A\n")
    (directory / "initiatives.yaml").write_text(
        "initiatives:\n  - id: x\n    name: X\n    end: 1999\n    focus_areas: [a]\n"
    )
    out = as_json(run("timeline", "--data", str(directory), "--format", "json"))
    assert out["years"] == [1999]  # no start: from the earliest end, to the latest
    assert out["focus_areas"][0]["counts"] == [1]


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2012", "--to", "2011"],
        ["--to", "2005"],  # before the earliest start, 2010
    ],
)
def test_timeline_empty_range_exits_2(data: str, args: list[str]) -> None:
    result = run("timeline", "--data", data, *args)
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")


def test_timeline_error_names_the_options_given(data: str) -> None:
    both = run("timeline", "--data", data, "--from", "2012", "--to", "2011")
    assert "--from 2012" in both.stderr
    assert "--to 2011" in both.stderr
    # Without --from, the message does not blame an option that was not given.
    only_to = run("timeline", "--data", data, "--to", "2005")
    assert "--from" not in only_to.stderr.replace("give --from", "")
    assert "2010" in only_to.stderr
    assert "--to 2005" in only_to.stderr


def test_timeline_table_marks_uncovered_and_thin(data: str) -> None:
    result = run("timeline", "--data", data, "--from", "2009", "--to", "2014")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Timeline · {data}"
    assert lines[1] == (
        "4 focus areas, 2009-2014 (4 rows after folding identical years); in 2014:"
        " 2 uncovered, 2 thin."
    )
    header = lines[3]
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "Year",
        "Top",
        "Child",
        "Lonely",
        "Strict",
    ]
    # Runs of identical years are folded into one row.
    assert table_rows(result.stdout) == [
        ["2009", "1*", "1*", "0!", "2*"],
        ["2010-2011", "2", "2", "1*", "2*"],
        ["2012-2013", "2", "1*", "1*", "2*"],
        ["2014", "1*", "0!", "0!", "2*"],
    ]
    assert "! = uncovered, * = thin" in result.stdout


def test_timeline_csv(data: str) -> None:
    result = run("timeline", "--data", data, "--from", "2010", "--to", "2013", "--format", "csv")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_csv(result) == [
        ["year", "top", "child", "lonely", "strict"],
        ["2010", "2", "2", "1", "2"],
        ["2011", "2", "2", "1", "2"],
        ["2012", "2", "1", "1", "2"],
        ["2013", "2", "1", "1", "2"],
    ]


def test_timeline_markdown(data: str) -> None:
    result = run(
        "timeline", "--data", data, "--from", "2013", "--to", "2014", "--format", "markdown"
    )
    assert_clean(result)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"## Timeline: {data}"
    assert lines[2] == (
        "4 focus areas, 2013-2014 (2 rows after folding identical years); in 2014:"
        " 2 uncovered, 2 thin."
    )
    assert lines[4:8] == [
        "| Year | Top | Child | Lonely | Strict |",
        "| --- | --- | --- | --- | --- |",
        "| 2013 | 2 | 1* | 1* | 2* |",
        "| 2014 | 1* | 0! | 0! | 2* |",
    ]


def test_timeline_on_invalid_data_exits_1(tmp_path: Path) -> None:
    directory = tmp_path / "bad"
    directory.mkdir()
    (directory / "focus_areas.yaml").write_text("focus_areas:\n  - id: a\n    name: A\n")
    (directory / "initiatives.yaml").write_text(
        "initiatives:\n  - id: x\n    name: X\n    focus_areas: [b]\n"
    )
    result = run("timeline", "--data", str(directory))
    assert_clean(result)
    assert result.exit_code == 1
    assert "GC302" in result.stderr
    assert result.stdout == ""
