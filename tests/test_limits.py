"""Bounded numbers: every accepted value is one that every command and renderer can use.

A number in the data out of its range is a GC207 problem with a place and a hint
(exit 1); a number on the command line out of its range is a usage error (exit 2).
Every value inside the ranges renders, the report's SVG drawings included.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gapcheck.cli import app
from gapcheck.limits import MAX_BYTES_LIMIT, MAX_MIN_INITIATIVES, MAX_MIN_SHARED, MAX_TOP
from gapcheck.render import svg
from gapcheck.views import document as doc

DATA = Path(__file__).resolve().parents[1] / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
HUGE = "9" * 400

AREAS = "focus_areas:\n  - id: talent\n    name: Talent\n  - id: export\n    name: Export\n"
INITIATIVES = (
    "initiatives:\n"
    "  - id: council\n    name: Council\n    start: 2010\n    focus_areas: [talent]\n"
    "  - id: fund\n    name: Fund\n    focus_areas: [talent, export]\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def write(directory: Path, areas: str, initiatives: str = INITIATIVES) -> Path:
    directory.mkdir()
    (directory / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


#: Every command that reads data, with the arguments it needs besides --data.
COMMANDS: dict[str, list[str]] = {
    "validate": [],
    "matrix": [],
    "gaps": [],
    "overlaps": [],
    "timeline": [],
    "diff": ["--from", "2010", "--to", "2011"],
    "report": ["-o", "-"],
}


# --- min_initiatives in the data ------------------------------------------------------


@pytest.mark.parametrize(
    ("areas", "line", "column"),
    [
        (f"thresholds:\n  min_initiatives: {HUGE}\n" + AREAS, 2, 20),
        (AREAS + f"    min_initiatives: {HUGE}\n", 6, 22),
        (f"thresholds:\n  min_initiatives: {MAX_MIN_INITIATIVES + 1}\n" + AREAS, 2, 20),
    ],
    ids=["thresholds-huge", "focus-area-huge", "thresholds-just-above"],
)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_min_initiatives_out_of_range_in_data(
    tmp_path: Path, areas: str, line: int, column: int, command: str
) -> None:
    data = write(tmp_path / "d", areas)
    result = run(command, "--data", str(data), *COMMANDS[command])
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    place = f"{data / 'focus_areas.yaml'}:{line}:{column}: GC207"
    assert place in result.output
    assert "from 1 to 1,000,000" in result.output
    assert "(hint: for example: min_initiatives: 2)" in result.output


@pytest.mark.parametrize("command", ["gaps", "timeline", "report"])
def test_largest_min_initiatives_in_data_renders(tmp_path: Path, command: str) -> None:
    areas = f"thresholds:\n  min_initiatives: {MAX_MIN_INITIATIVES}\n" + AREAS
    areas += f"    min_initiatives: {MAX_MIN_INITIATIVES}\n"
    data = write(tmp_path / "d", areas)
    result = run(command, "--data", str(data), *COMMANDS[command])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output


def test_report_from_a_revision_with_a_huge_threshold_is_invalid_not_a_crash(
    tmp_path: Path,
) -> None:
    # The other side of a diff is judged by its own thresholds: check they are bounded too.
    base = write(tmp_path / "base", f"thresholds:\n  min_initiatives: {HUGE}\n" + AREAS)
    head = write(tmp_path / "head", AREAS)
    result = run("report", "--data", str(head), "--base", str(base), "-o", "-")
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "GC207" in result.output


# --- numbers on the command line ----------------------------------------------------------

#: (command, option) for every numeric option of every command.
NUMERIC_OPTIONS = [
    *[(command, "--min-initiatives") for command in ("gaps", "timeline", "diff", "report")],
    *[(command, "--max-bytes") for command in COMMANDS],
    *[(command, "--at") for command in ("matrix", "gaps", "overlaps", "diff", "report")],
    ("timeline", "--from"),
    ("timeline", "--to"),
    ("diff", "--from"),
    ("diff", "--to"),
    ("overlaps", "--top"),
    *[(command, "--limit") for command in ("matrix", "gaps", "overlaps", "timeline", "diff")],
    ("overlaps", "--min-shared"),
    ("overlaps", "--max-share"),
    ("overlaps", "--min-jaccard"),
    ("report", "--max-share"),
]


@pytest.mark.parametrize(("command", "option"), NUMERIC_OPTIONS)
@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "1e400"])
def test_huge_number_on_the_command_line_is_a_usage_error(
    command: str, option: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a report would land if the option were accepted
    result = run(command, "--data", str(DATA), option, value)
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output
    # an option with two names is named by both: "Invalid value for '--limit' / '--top'"
    assert re.search(rf"Invalid value for (?:'[^'\n]*' / )?'{option}'", result.output)


@pytest.mark.parametrize(
    ("command", "option", "largest"),
    [
        *[
            (command, "--min-initiatives", MAX_MIN_INITIATIVES)
            for command in ("gaps", "timeline", "diff", "report")
        ],
        ("overlaps", "--top", MAX_TOP),
        ("overlaps", "--min-shared", MAX_MIN_SHARED),
        ("matrix", "--max-bytes", MAX_BYTES_LIMIT),
    ],
)
def test_largest_number_on_the_command_line_is_accepted(
    command: str, option: str, largest: int
) -> None:
    extra = {"diff": [str(DATA)], "report": ["-o", "-"]}.get(command, [])
    result = run(command, "--data", str(DATA), option, str(largest), *extra)
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    too_large = run(command, "--data", str(DATA), option, str(largest + 1), *extra)
    assert too_large.exit_code == 2, too_large.output


@pytest.mark.parametrize(
    "option", ["--min-initiatives", "--top", "--min-shared", "--max-bytes", "--max-share"]
)
def test_help_shows_the_range(option: str) -> None:
    command = "report" if option in ("--min-initiatives", "--max-share") else "overlaps"
    result = CliRunner().invoke(app, [command, "--help"], env={**ENV, "COLUMNS": "200"})
    line = next(line for line in result.output.splitlines() if option in line)
    assert re.search(r"\[[-\d.]+<=x<=[\d.]+\]", line), line


def test_report_with_the_largest_threshold_draws_inside_the_chart() -> None:
    result = run("report", "--data", str(DATA), "--min-initiatives", "1000000", "-o", "-")
    assert result.exit_code == 0, result.output
    chart = re.search(r'<svg[^>]*class="chart bars".*?</svg>', result.output, re.S)
    assert chart is not None
    xs = [float(x) for x in re.findall(r'<line x1="([\d.]+)"', chart.group())]
    assert xs
    assert all(0 <= x <= 760 for x in xs)


# --- the renderers themselves --------------------------------------------------------------


def test_bar_chart_never_overflows() -> None:
    for minimum, crowded in [
        (10**400, 10.0**300),
        (10**400, float("inf")),
        (-(10**400), float("-inf")),
        (3, float("nan")),
    ]:
        drawing = svg.bar_chart(
            doc.BarChart(
                (("A", 10**400), ("B", 0)),
                keys=("a", "b"),
                lines=((minimum, "minimum", "bad"), (crowded, "crowded", "warn")),
                peak=10**401,
            )
        )
        coordinates = [float(x) for x in re.findall(r' x\d?="([^"]+)"', drawing)]
        assert all(0 <= x <= 760 for x in coordinates), drawing


def test_schema_states_the_bounds() -> None:
    schema = json.loads(run("schema", "focus-areas").output)
    definitions = schema["$defs"]
    for name in ("Thresholds", "FocusArea"):
        field = definitions[name]["properties"]["min_initiatives"]["anyOf"][0]
        assert field == {"maximum": MAX_MIN_INITIATIVES, "minimum": 1, "type": "integer"}


@pytest.mark.parametrize("columns", ["9" * 5000, "9" * 400, "²", "999999", " 80x"])
@pytest.mark.parametrize("variable", ["COLUMNS", "LINES"])
def test_any_columns_value_is_a_width(variable: str, columns: str) -> None:
    result = CliRunner().invoke(
        app, ["matrix", "--data", str(DATA)], env={**ENV, variable: columns}
    )
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 100
