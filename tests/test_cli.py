"""The command line, in process, through typer's CliRunner.

Output is pinned with NO_COLOR=1 and COLUMNS=100 (CliRunner's stdout is not a
terminal, so the CLI reads its width from COLUMNS). The bundled dataset is the
repository's data/ directory, passed with --data unless a test is about
finding the data directory itself.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

import gapcheck
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
ESC = "\x1b"

INITIATIVE_IDS = [
    "samarbejdsregioner",
    "eu-kontor",
    "eksportraad",
    "enterprise-europe-network",
    "interreg",
    "sportsbegivenheder",
    "modtageapparat",
    "udenlandske-studerende",
    "international-community",
    "vestdansk-investeringsfremme",
]
INITIATIVE_NAMES = [
    "Internationale samarbejdsregioner",
    "Midtjyllands EU-kontor",
    "Danmarks Eksportråd (Væksthus Midtjylland)",
    "Europe Enterprise Network",
    "Interreg programmer",
    "Store sportsbegivenheder",
    "Modtageapparat for udenlandske ansatte",
    "Fastholde udenlandske studerende",
    "Int. Community",
    "Vestdansk Investeringsfremme",
]
AREA_IDS = [
    "mmv-globale-spillere",
    "specialisering-og-outsourcing",
    "specialiseret-arbejdskraft",
    "hjemtagning-af-viden",
    "synlighed-og-branding",
]
AREA_NAMES = [
    "MMV bliver globale spillere (Globalisering som et vilkår)",
    "Specialiserede virksomheder og outsourcing",
    "Behov for specialiseret arbejdskraft",
    "Hjemtagning af viden",
    "Synlighed og branding",
]
TOTALS = ["3", "1", "6", "8", "4"]
TITLE = "Region Midtjylland: internationaliseringsindsatser 2009 (Tabel 3.2)"

UNKNOWN_REF_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas:
      - a
      - no-such-area
"""
TWO_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
"""
REPEATED_REF_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b, a]
  - id: two
    name: Two
    focus_areas: [a, b]
"""
WELL_COVERED_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b]
  - id: two
    name: Two
    focus_areas: [a, b]
"""
HIERARCHY_AREAS = """\
focus_areas:
  - id: top
    name: Top
  - id: child
    name: Child
    parent: top
"""
HIERARCHY_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [child]
  - id: two
    name: Two
    focus_areas: [top]
"""

THIS_YEAR = date.today().year  # the bundled data has years: counted as of this year


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})


def run_data(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run a command on the repository's data directory."""
    return run(*args, "--data", str(DATA), env=env)


def assert_clean(result: Result) -> None:
    """The command ended through an exit code, not an unexpected exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def write_data(directory: Path, focus_areas: str, initiatives: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(focus_areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in text")


def table_cells(line: str) -> list[str]:
    """The stripped cells of one body or footer row of a rich table."""
    return [cell.strip() for cell in line.split("│")[1:-1]]


def body_rows(output: str) -> list[list[str]]:
    """The body rows of the first table in ``output`` (between the header and footer rules)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    end = next(i for i, line in enumerate(lines) if i > start and line[:1] in "├└")
    return [table_cells(line) for line in lines[start + 1 : end]]


def footer_cells(output: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith("│ Total "))
    return table_cells(line)


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def as_csv(result: Result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.stdout)))


# --- version and help ---------------------------------------------------------------


def test_version() -> None:
    assert gapcheck.__version__ == "0.1.0"
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"gapcheck {gapcheck.__version__}\n"


def test_no_arguments_prints_usage() -> None:
    result = run()
    assert_clean(result)
    # click >= 8.2 exits 2 for no_args_is_help; older versions exit 0.
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.output
    for command in ("validate", "matrix", "gaps", "overlaps"):
        assert command in result.output


# --- every command in every format --------------------------------------------------

ALL_FORMATS = ["table", "json", "markdown", "csv"]


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@pytest.mark.parametrize("command", ["matrix", "gaps", "overlaps"])
def test_every_command_in_every_format(command: str, fmt: str) -> None:
    result = run_data(command, "--format", fmt)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    assert result.stderr == ""
    assert ESC not in result.stdout
    if fmt == "json":
        assert as_json(result)["data"] == str(DATA)
    elif fmt == "csv":
        assert len(as_csv(result)) > 1
    elif fmt == "markdown":
        assert result.stdout.startswith("## ")
        assert any(line.startswith("| --- |") for line in result.stdout.splitlines())
    else:
        assert "┏" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "JSON"])
def test_validate_formats(fmt: str) -> None:
    result = run_data("validate", "-f", fmt)
    assert_clean(result)
    assert result.exit_code == 0
    if fmt == "text":
        assert result.stdout == f"{DATA} is valid: 5 focus areas, 10 initiatives\n"
    else:
        assert as_json(result) == {"data": str(DATA), "valid": True, "problems": []}


def test_matrix_json() -> None:
    data = as_json(run_data("matrix", "-f", "json"))
    assert set(data) == {
        "data",
        "title",
        "at",
        "focus_areas",
        "initiatives",
        "by",
        "rollup",
        "where",
        "where_initiative",
    }
    assert [item["id"] for item in data["initiatives"]] == INITIATIVE_IDS
    assert [item["name"] for item in data["initiatives"]] == INITIATIVE_NAMES
    assert [area["id"] for area in data["focus_areas"]] == AREA_IDS
    assert [area["name"] for area in data["focus_areas"]] == AREA_NAMES
    assert sum(len(area["direct"]) for area in data["focus_areas"]) == 22
    assert [str(len(area["initiatives"])) for area in data["focus_areas"]] == TOTALS
    assert sum(len(item["focus_areas"]) for item in data["initiatives"]) == 22
    assert all(area["parent"] is None for area in data["focus_areas"])
    eksportraad = data["initiatives"][2]
    assert eksportraad == {
        "id": "eksportraad",
        "name": "Danmarks Eksportråd (Væksthus Midtjylland)",
        "focus_areas": ["mmv-globale-spillere"],
        "url": None,
        "attributes": {},
    }


def test_matrix_csv() -> None:
    result = run_data("matrix", "-f", "csv")
    assert len(result.stdout.splitlines()) == 11
    rows = as_csv(result)
    assert rows[0] == ["initiative", "name", *AREA_IDS]
    assert [row[0] for row in rows[1:]] == INITIATIVE_IDS
    assert [row[1] for row in rows[1:]] == INITIATIVE_NAMES
    cells = [cell for row in rows[1:] for cell in row[2:]]
    assert cells.count("X") == 22
    assert set(cells) == {"X", ""}
    assert rows[1][2:] == ["X"] * 5  # samarbejdsregioner serves every area


def test_matrix_table() -> None:
    result = run_data("matrix")
    out = result.stdout
    for name in INITIATIVE_NAMES:
        assert name in out
    assert "Eksportråd" in out
    assert "Væksthus" in out
    assert footer_cells(out) == ["Total", *TOTALS, ""]
    rows = body_rows(out)
    assert [row[0] for row in rows] == INITIATIVE_NAMES
    assert [row[-1] for row in rows] == ["5", "2", "1", "2", "2", "1", "3", "2", "2", "2"]
    assert sum(row[1:-1].count("X") for row in rows) == 22
    assert "10 initiatives × 5 focus areas, 22 marks." in out
    assert all(cell_len(line) <= 100 for line in out.splitlines())


def test_matrix_markdown() -> None:
    out = run_data("matrix", "-f", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == f"## Coverage matrix: {TITLE}, as of {THIS_YEAR}"
    assert lines[2].startswith("10 initiatives × 5 focus areas, 22 marks. Most served:")
    assert lines[4] == "| " + " | ".join(["Initiative", *AREA_NAMES, "Total"]) + " |"
    assert lines[5] == "|" + "|".join([" --- "] * 7) + "|"
    assert "| Danmarks Eksportråd (Væksthus Midtjylland) | X |  |  |  |  | 1 |" in lines
    assert "| **Total** | **3** | **1** | **6** | **8** | **4** |  |" in lines


GAP = {
    "focus_area": "specialisering-og-outsourcing",
    "name": "Specialiserede virksomheder og outsourcing",
    "kind": "thin",
    "count": 1,
    "threshold": 2,
    "initiatives": ["samarbejdsregioner"],
    "priority": 3,
    "shortfall": 1,
    "min_strength": "minimal",
    "below_strength": [],
    "accepted": None,
    "fails": True,
    "spend": None,  # the bundled data has no budgets
}


def test_gaps_json() -> None:
    assert as_json(run_data("gaps", "-f", "json")) == {
        "data": str(DATA),
        "title": TITLE,
        "at": THIS_YEAR,
        "min_initiatives": 2,
        "gaps": [GAP],
        "orphans": [],
        "today": date.today().isoformat(),
        "currency": None,
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }


def test_gaps_json_with_higher_minimum() -> None:
    data = as_json(run_data("gaps", "-f", "json", "--min-initiatives", "5"))
    assert data["min_initiatives"] == 5
    assert [(g["focus_area"], g["count"], g["threshold"]) for g in data["gaps"]] == [
        ("specialisering-og-outsourcing", 1, 5),
        ("mmv-globale-spillere", 3, 5),
        ("synlighed-og-branding", 4, 5),
    ]


def test_gaps_csv() -> None:
    rows = as_csv(run_data("gaps", "-f", "csv"))
    assert rows == [
        [
            "kind",
            "focus_area",
            "name",
            "count",
            "threshold",
            "initiatives",
            "priority",
            "shortfall",
            "below_strength",
            "accepted_until",
            "reason",
            "fails",
        ],
        [
            "thin",
            "specialisering-og-outsourcing",
            "Specialiserede virksomheder og outsourcing",
            "1",
            "2",
            "samarbejdsregioner",
            "3",
            "1",
            "",
            "",
            "",
            "yes",
        ],
    ]


def test_gaps_markdown() -> None:
    lines = run_data("gaps", "-f", "markdown").stdout.splitlines()
    assert lines[0] == f"## Gaps: {TITLE}, as of {THIS_YEAR}"
    assert "1 gap among 5 focus areas: 0 uncovered, 1 thin (fewer than 2 initiatives)." in lines
    assert "| Focus area | Kind | Initiatives | Why flagged |" in lines
    assert (
        "| Specialiserede virksomheder og outsourcing | thin | Internationale samarbejdsregioner"
        " | served by 1 initiative only; the minimum is 2 |"
    ) in lines


def test_gaps_table() -> None:
    out = run_data("gaps").stdout
    assert "Gaps · " in out
    rows = body_rows(out)
    assert rows[0][:2] == ["Specialiserede virksomheder", "thin"]
    assert rows[1][0] == "og outsourcing"
    assert "1 gap among 5 focus areas: 0 uncovered, 1 thin (fewer than 2 initiatives)." in out


def test_gaps_without_gaps_says_so() -> None:
    out = run_data("gaps", "--min-initiatives", "1").stdout
    assert "No gaps: each of the 5 focus areas is served by at least 1 initiative." in out
    assert "┏" not in out


def test_overlaps_json() -> None:
    data = as_json(run_data("overlaps", "-f", "json"))
    assert set(data) == {
        "data",
        "title",
        "at",
        "max_share",
        "crowded",
        "identical",
        "pairs",
        "pair_count",
        "truncated",
        "has_owners",
        "coordination",
        "identical_owners",
        "rollup",
        "where",
        "where_initiative",
    }
    assert data["max_share"] == 0.5
    assert [c["focus_area"] for c in data["crowded"]] == [
        "hjemtagning-af-viden",
        "specialiseret-arbejdskraft",
    ]
    assert [(c["count"], c["share"]) for c in data["crowded"]] == [(8, 0.8), (6, 0.6)]
    assert data["identical"] == [
        {
            "focus_areas": ["specialiseret-arbejdskraft", "hjemtagning-af-viden"],
            "initiatives": [
                "interreg",
                "udenlandske-studerende",
                "international-community",
                "vestdansk-investeringsfremme",
            ],
        }
    ]
    assert data["pair_count"] == 33
    assert len(data["pairs"]) == 33
    assert data["pairs"][0] == {
        "a": "samarbejdsregioner",
        "b": "modtageapparat",
        "shared": ["specialiseret-arbejdskraft", "hjemtagning-af-viden", "synlighed-og-branding"],
        "jaccard": 0.6,
    }
    # Jaccard values are rounded to 4 decimals (2/3 -> 0.6667).
    assert {p["jaccard"] for p in data["pairs"]} == {1.0, 0.6667, 0.6, 0.5, 0.4, 0.3333, 0.25, 0.2}


def test_overlaps_top() -> None:
    data = as_json(run_data("overlaps", "-f", "json", "--top", "3"))
    assert len(data["pairs"]) == 3
    assert data["pair_count"] == 33
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [
        ("samarbejdsregioner", "modtageapparat"),
        ("interreg", "udenlandske-studerende"),
        ("interreg", "international-community"),
    ]


def test_overlaps_max_share() -> None:
    data = as_json(run_data("overlaps", "-f", "json", "--max-share", "0.7"))
    assert [c["focus_area"] for c in data["crowded"]] == ["hjemtagning-af-viden"]
    assert data["max_share"] == 0.7


def test_overlaps_csv() -> None:
    rows = as_csv(run_data("overlaps", "-f", "csv"))
    assert rows[0] == ["kind", "focus_areas", "initiatives", "count", "share", "jaccard", "owners"]
    kinds = [row[0] for row in rows[1:]]
    assert kinds[:36] == ["crowded"] * 2 + ["identical"] + ["pair"] * 33
    assert set(kinds[36:]) == {"coordination", "identical_owners"}  # the data has owners
    assert rows[1] == [
        "crowded",
        "hjemtagning-af-viden",
        "samarbejdsregioner;eu-kontor;enterprise-europe-network;interreg;modtageapparat;"
        "udenlandske-studerende;international-community;vestdansk-investeringsfremme",
        "8",
        "0.8",
        "",
        "",
    ]
    assert rows[4] == [
        "pair",
        "specialiseret-arbejdskraft;hjemtagning-af-viden;synlighed-og-branding",
        "samarbejdsregioner;modtageapparat",
        "3",
        "",
        "0.6",
        "",
    ]


def test_overlaps_markdown() -> None:
    out = run_data("overlaps", "-f", "markdown", "--top", "3").stdout
    lines = out.splitlines()
    assert lines[0] == f"## Overlaps: {TITLE}, as of {THIS_YEAR}"
    assert (
        "2 crowded focus areas, 1 group of identical initiatives,"
        " 27 overlapping pairs (top 3 shown). The 6 pairs inside the identical groups"
        " are shown as the groups."
    ) in lines
    for heading in (
        "### Crowded focus areas",
        "### Initiatives with identical focus areas",
        "### Overlapping pairs",
    ):
        assert heading in lines
    # The six pairs of the identical group (Jaccard 1.00) are the group, not repeated.
    assert not any(line.endswith(" | 1.00 |") for line in lines)
    pair_rows = [line for line in lines if line.endswith((" | 0.60 |", " | 0.67 |"))]
    assert len(pair_rows) == 3
    assert pair_rows[0].startswith(
        "| Internationale samarbejdsregioner | Modtageapparat for udenlandske ansatte | 3 |"
    )


def test_overlaps_table() -> None:
    out = run_data("overlaps").stdout
    for title in (
        "Crowded focus areas",
        "Initiatives with identical focus areas",
        "Overlapping pairs",
    ):
        assert title in out
    assert (
        "2 crowded focus areas, 1 group of identical initiatives, 27 overlapping pairs"
        " (top 20 shown)." in out
    )
    # 33 pairs: 6 inside the identical group (shown as the group), 20 shown, 7 more.
    assert "… and 7 more (use --all or --format csv)" in out.splitlines()
    assert "Ranked by shared focus areas, then Jaccard index" in out
    top = run_data("overlaps", "--top", "3").stdout
    assert "27 overlapping pairs (top 3 shown)." in top
    everything = run_data("overlaps", "--all").stdout
    assert "27 overlapping pairs. The 6 pairs" in everything
    assert "more (use --all" not in everything


# --- where the data comes from ------------------------------------------------------


def test_bundled_data_when_no_local_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("gaps", "-f", "json")
    assert result.exit_code == 0
    assert "bundled dataset" in result.stderr
    assert "note:" not in result.stdout
    data = as_json(result)
    assert data["data"] == "bundled"
    assert data["gaps"] == [GAP]


def test_bundled_data_is_named_in_human_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("gaps")
    assert result.exit_code == 0
    assert result.stderr.startswith("note: no data here")
    assert "using the bundled dataset (Table 3.2 of the 2009 Region Midtjylland report)" in (
        result.stderr
    )


def test_validate_never_uses_the_bundled_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: no data found in {tmp_path}: ")


def test_local_data_directory_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path / "data", TWO_AREAS, WELL_COVERED_INITIATIVES)
    monkeypatch.chdir(tmp_path)
    result = run("matrix", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = as_json(result)
    assert data["data"] == "data"
    assert [area["id"] for area in data["focus_areas"]] == ["a", "b"]


def test_copy_of_the_data_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("gaps", "-f", "json")
    assert result.stderr == ""
    assert as_json(result) == {
        "data": "data",
        "title": TITLE,
        "at": THIS_YEAR,
        "min_initiatives": 2,
        "gaps": [GAP],
        "orphans": [],
        "today": date.today().isoformat(),
        "currency": None,
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }


# --- usage errors -------------------------------------------------------------------


def test_missing_data_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    for command in ("gaps", "validate"):
        result = run(command, "--data", str(missing))
        assert_clean(result)
        assert result.exit_code == 2
        assert result.stderr == f"error: {missing}: no such directory\n"
        assert result.stdout == ""


def test_data_pointing_to_a_file() -> None:
    result = run("gaps", "--data", str(DATA / "focus_areas.yaml"))
    assert_clean(result)
    assert result.exit_code == 2
    assert "--data" in result.stderr


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["gaps", "--min-initiatives", "0"], "--min-initiatives"),
        (["overlaps", "--max-share", "2"], "--max-share"),
        (["overlaps", "--max-share", "-0.1"], "--max-share"),
        (["overlaps", "--top", "-1"], "--top"),
        (["matrix", "--format", "xml"], "--format"),
        (["validate", "--format", "csv"], "--format"),
    ],
)
def test_bad_options_exit_2(args: list[str], option: str) -> None:
    result = run_data(*args)
    assert_clean(result)
    assert result.exit_code == 2
    assert option in result.stderr
    assert result.stdout == ""


# --- invalid data -------------------------------------------------------------------


@pytest.fixture
def bad_data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "bad", TWO_AREAS, UNKNOWN_REF_INITIATIVES)


def bad_location(bad_data: Path) -> str:
    line, column = position(UNKNOWN_REF_INITIATIVES, "no-such-area")
    return f"{bad_data / 'initiatives.yaml'}:{line}:{column}"


def test_analysis_on_invalid_data_fails_with_positions(bad_data: Path) -> None:
    for command in ("gaps", "matrix", "overlaps"):
        result = run(command, "--data", str(bad_data), "-f", "json")
        assert_clean(result)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"{bad_location(bad_data)}: GC302 unknown focus area 'no-such-area'" in result.stderr
        assert f"error: {bad_data} is not valid" in result.stderr


def test_validate_invalid_data_text(bad_data: Path) -> None:
    result = run("validate", "--data", str(bad_data))
    assert_clean(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad_location(bad_data)}: GC302 unknown focus area 'no-such-area'")
    assert lines[-1] == f"{bad_data} is not valid: 1 error, 0 warnings"
    assert result.stderr == ""


def test_validate_invalid_data_json(bad_data: Path) -> None:
    result = run("validate", "--data", str(bad_data), "-f", "json")
    assert result.exit_code == 1
    data = as_json(result)
    line, column = position(UNKNOWN_REF_INITIATIVES, "no-such-area")
    assert data["data"] == str(bad_data)
    assert data["valid"] is False
    [problem] = data["problems"]
    assert set(problem) == {"file", "line", "column", "code", "severity", "message", "hint"}
    assert problem["file"] == str(bad_data / "initiatives.yaml")
    assert (problem["line"], problem["column"]) == (line, column)
    assert problem["code"] == "GC302"
    assert problem["severity"] == "error"
    assert "no-such-area" in problem["message"]


def test_missing_files_are_reported(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    problems = as_json(result)["problems"]
    assert [(p["file"], p["code"]) for p in problems] == [
        (str(tmp_path / "focus_areas.yaml"), "GC101"),
        (str(tmp_path / "initiatives.yaml"), "GC101"),
    ]


# --- warnings -----------------------------------------------------------------------


@pytest.fixture
def warning_data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "warn", TWO_AREAS, REPEATED_REF_INITIATIVES)


def test_warning_passes_validate(warning_data: Path) -> None:
    result = run("validate", "--data", str(warning_data))
    assert result.exit_code == 0
    assert " GC306 warning: " in result.stdout
    assert result.stdout.splitlines()[-1] == (
        f"{warning_data} is valid: 2 focus areas, 2 initiatives (1 warning)"
    )


def test_warning_fails_validate_strict(warning_data: Path) -> None:
    result = run("validate", "--data", str(warning_data), "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        f"{warning_data} is not valid: 0 errors, 1 warning (--strict: warnings fail)"
    )
    data = as_json(run("validate", "--data", str(warning_data), "--strict", "-f", "json"))
    assert data["valid"] is False
    assert [(p["code"], p["severity"]) for p in data["problems"]] == [("GC306", "warning")]


def test_warning_is_shown_but_analysis_runs(warning_data: Path) -> None:
    result = run("gaps", "--data", str(warning_data), "-f", "json")
    assert result.exit_code == 0
    assert " GC306 warning: " in result.stderr
    assert as_json(result)["gaps"] == []


# --- gaps --fail --------------------------------------------------------------------


def test_gaps_fail_on_the_report_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("gaps", "--fail", "-f", "json")
    assert result.exit_code == 1
    assert as_json(result)["gaps"] == [GAP]  # the report is still printed
    assert run("gaps", "--fail", "--min-initiatives", "1").exit_code == 0
    assert run("gaps").exit_code == 0  # without --fail gaps are not a failure


def test_gaps_fail_without_gaps(tmp_path: Path) -> None:
    covered = write_data(tmp_path / "covered", TWO_AREAS, WELL_COVERED_INITIATIVES)
    result = run("gaps", "--fail", "--data", str(covered))
    assert result.exit_code == 0
    assert "No gaps: each of the 2 focus areas is served by at least 2 initiatives." in (
        result.stdout
    )
    assert run("gaps", "--fail", "--data", str(covered), "--min-initiatives", "3").exit_code == 1


# --- a focus-area hierarchy ---------------------------------------------------------


@pytest.fixture
def hierarchy(tmp_path: Path) -> Path:
    return write_data(tmp_path / "tree", HIERARCHY_AREAS, HIERARCHY_INITIATIVES)


def test_hierarchy_table(hierarchy: Path) -> None:
    out = run("matrix", "--data", str(hierarchy)).stdout
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "Initiative",
        "Top",
        "Child",
        "Total",
    ]
    assert body_rows(out) == [["One", "(X)", "X", "1"], ["Two", "X", "", "1"]]
    assert footer_cells(out) == ["Total", "2", "1", ""]
    assert "(X) = it lists a sub-area." in " ".join(out.split())


def test_hierarchy_markdown_and_csv(hierarchy: Path) -> None:
    lines = run("matrix", "--data", str(hierarchy), "-f", "markdown").stdout.splitlines()
    assert "| One | (X) | X | 1 |" in lines
    assert "| **Total** | **2** | **1** |  |" in lines
    rows = as_csv(run("matrix", "--data", str(hierarchy), "-f", "csv"))
    assert rows == [
        ["initiative", "name", "top", "child"],
        ["one", "One", "(X)", "X"],
        ["two", "Two", "X", ""],
    ]


def test_hierarchy_json_and_gaps(hierarchy: Path) -> None:
    data = as_json(run("matrix", "--data", str(hierarchy), "-f", "json"))
    assert data["focus_areas"] == [
        {
            "id": "top",
            "name": "Top",
            "parent": None,
            "direct": ["two"],
            "initiatives": ["one", "two"],
            "url": None,
            "attributes": {},
        },
        {
            "id": "child",
            "name": "Child",
            "parent": "top",
            "direct": ["one"],
            "initiatives": ["one"],
            "url": None,
            "attributes": {},
        },
    ]
    gaps = as_json(run("gaps", "--data", str(hierarchy), "-f", "json"))["gaps"]
    assert [g["focus_area"] for g in gaps] == ["child"]  # top counts its sub-area's initiative


# --- colour and width ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["matrix", "gaps", "overlaps", "validate"])
def test_no_color(command: str) -> None:
    result = run_data(command, env={"TERM": "xterm-256color", "FORCE_COLOR": None})
    assert result.exit_code == 0
    assert ESC not in result.output


@pytest.mark.parametrize("command", ["matrix", "gaps", "overlaps"])
def test_force_color(command: str) -> None:
    env: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = run_data(command, env=env)
    assert result.exit_code == 0
    assert f"{ESC}[" in result.stdout
    # Machine formats never carry colour.
    assert ESC not in run_data(command, "-f", "json", env=env).stdout
    # NO_COLOR wins over FORCE_COLOR.
    both = run_data(command, env={**env, "NO_COLOR": "1"})
    assert ESC not in both.stdout


def test_narrow_matrix_keeps_names_whole() -> None:
    out = run_data("matrix", env={"COLUMNS": "62"}).stdout  # the narrowest grid of 5 columns
    lines = out.splitlines()
    assert all(cell_len(line) <= 62 for line in lines)
    header = next(line for line in lines if line.startswith("┃"))
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "Initiative",
        "1",
        "2",
        "3",
        "4",
        "5",
        "Total",
    ]
    # Names may wrap onto more lines, but only between words: rejoin each
    # row's first cell (a row starts where its Total cell is filled in).
    names: list[list[str]] = []
    for row in body_rows(out):
        if row[-1]:
            names.append([])
        names[-1].append(row[0])
    assert [" ".join(parts) for parts in names] == INITIATIVE_NAMES
    for number, name in enumerate(AREA_NAMES, start=1):
        assert f"{number} {name}" in lines  # the legend
    assert footer_cells(out) == ["Total", *TOTALS, ""]


def test_version_fast_path_says_what_typer_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``gapcheck --version`` is answered before typer builds the commands; the answer is
    the one typer's own --version option gives."""
    from gapcheck.cli import main

    monkeypatch.setattr("sys.argv", ["gapcheck", "--version"])
    main()
    assert (
        capsys.readouterr().out == run("--version").stdout == f"gapcheck {gapcheck.__version__}\n"
    )
