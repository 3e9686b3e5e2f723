"""Every command reads well on a real, large portfolio in the terminal and in Markdown:
summary first, the worst N next, everything else one option away (--limit, --all,
--format csv), and never a layout that degrades into noise.

The real portfolio is Atomic Red Team against ATT&CK (1,790 tests × 691 techniques,
in ``shared/data/atomic-red-team`` beside the repository: skipped on a dev machine
without it, a failure in CI); generated portfolios (``benchmarks/generate.py``, a
3-level hierarchy) cover the other shapes. No test here times anything.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from clirun import gapcheck
from gapcheck.cli import app
from gapcheck.render import caps, scale
from realdata import atomic_data

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data"
LINES = 150  # the most lines any command prints by default, at any size

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402

#: What these tests check is what people see of large data, not its reading: each
#: folder is read once (``cached_loads`` in conftest.py).
pytestmark = pytest.mark.usefixtures("cached_loads")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 initiatives × 400 focus areas, 3 levels, skewed popularity."""
    out = tmp_path_factory.mktemp("generated")
    generate(out, 1_500, 400, levels=3)
    return out


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two unrelated versions of a 4,000 × 700 portfolio: a diff of thousands of changes."""
    base = tmp_path_factory.mktemp("v1")
    head = tmp_path_factory.mktemp("v2")
    generate(base, 4_000, 700, levels=3, seed=1)
    generate(head, 4_000, 700, levels=3, seed=2)
    return base, head


def run(*args: str, columns: int = 100, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(columns)})
    assert result.exit_code == code, result.output
    return result.stdout


#: A column of zero width: two borders side by side.
ZERO_WIDTH = re.compile(r"[│┃][│┃]|[┳┬╇┼┴┻][┳┬╇┼┴┻]")


def assert_reads_well(text: str, columns: int) -> None:
    lines = text.splitlines()
    assert len(lines) < LINES, f"{len(lines)} lines"
    wide = [line for line in lines if cell_len(line) > columns]
    assert wide == []
    assert [line for line in lines if ZERO_WIDTH.search(line)] == []
    # no row of a table that holds nothing but its borders (an emptied column)
    assert [line for line in lines if line.strip() and not line.strip(" │┃")] == []


def data_dirs(generated: Path) -> list[Path]:
    return [atomic_data(), generated, BUNDLED]


@pytest.mark.parametrize(
    "command", ["matrix", "gaps", "overlaps", "timeline", "summary", "critical", "spend"]
)
@pytest.mark.parametrize("columns", [80, 200])
def test_every_command_reads_well_at_any_size(command: str, columns: int, generated: Path) -> None:
    for data in data_dirs(generated):
        assert_reads_well(run(command, "--data", str(data), columns=columns), columns)


def test_the_matrix_turns_into_a_list_and_says_so() -> None:
    out = run("matrix", "--data", str(atomic_data()))
    lines = out.splitlines()
    assert lines[1].startswith("1,790 initiatives × 691 focus areas, 1,790 marks. Most served:")
    assert "691 columns do not fit 100 characters: one row per focus area instead" in out
    assert "The full grid: --format csv." in out
    header = next(line for line in lines if line.startswith("┃"))
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "Focus area",
        "Direct",
        "With sub-areas",
        "Initiatives",
    ]
    assert "│ OS Credential Dumping " in out
    assert "│ └ LSASS Memory " in out  # a sub-area under its parent
    assert "│ └ Steganography (t1001.002) " in out  # a repeated name with its id
    assert f"… and {691 - caps.AREA_ROWS} more (use --all or --format csv)" in lines
    everything = run("matrix", "--data", str(atomic_data()), "--all")
    assert len(everything.splitlines()) > 691
    assert "more (use --all" not in everything


def test_the_timeline_turns_into_a_list(generated: Path) -> None:
    out = run("timeline", "--data", str(generated), columns=80)
    assert "focus areas do not fit" not in out
    assert "400 columns do not fit 80 characters: one row per focus area instead" in out
    assert "periods)" in out  # the latest periods that fit, and how many there are
    assert "… and 340 more (use --all or --format csv)" in out.splitlines()


def test_gaps_summary_first_rolled_up_and_capped() -> None:
    out = run("gaps", "--data", str(atomic_data()))
    lines = out.splitlines()
    assert lines[1].startswith("410 gaps among 691 focus areas: 320 uncovered, 90 thin")
    summary = " ".join(lines[1:4])
    assert "Worst: 11 of 17 sub-areas of Obfuscated Files or Information (t1027)" in summary
    wide = run("gaps", "--data", str(atomic_data()), columns=200)
    # one rolled-up row stands for the 13 gaps among T1027's 17 sub-areas
    assert "│ 13 sub-areas of Obfuscated Files or Information " in wide
    assert "│ 11 of 17 sub-areas of Obfuscated Files or Information (t1027) uncovered, 2 thin." in (
        wide
    )
    assert "Steganography" not in wide  # t1027.003, one of the 13: not a row of its own
    more = [line for line in lines if line.startswith("… and ")]
    assert len(more) == 1
    assert more[0].endswith(" more (use --all or --format csv)")
    # 20 rows, rolled-up rows among them (ranked by summed shortfall: all priorities are
    # the default), stand for 140 of the 410 gaps
    assert more[0].startswith("… and 270 more")
    limited = run("gaps", "--data", str(atomic_data()), "--limit", "3")
    rows = [line for line in limited.splitlines() if re.match(r"│ \d+ sub-areas of ", line)]
    assert len(rows) == 3
    # 13 + 9 + 8 gaps in the three largest roll-ups
    assert "… and 380 more (use --all or --format csv)" in limited


def test_caps_are_for_people_json_and_csv_stay_complete() -> None:
    data = str(atomic_data())
    every = json.loads(run("gaps", "--data", data, "--format", "json"))
    assert len(every["gaps"]) == 410
    five = json.loads(run("gaps", "--data", data, "--format", "json", "--limit", "5"))
    assert len(five["gaps"]) == 5
    csv = run("overlaps", "--data", data, "--format", "csv")
    assert len(csv.splitlines()) > 13_882  # every pair, those inside groups too
    matrix = run("matrix", "--data", data, "--format", "csv")
    assert matrix.splitlines()[0].count(",") >= 691


def test_overlaps_groups_capped_and_pairs_not_repeated() -> None:
    out = run("overlaps", "--data", str(atomic_data()))
    lines = out.splitlines()
    summary = " ".join(lines[1:4])
    assert "245 groups of identical initiatives, 0 overlapping pairs." in summary
    assert "The 13,882 pairs inside the identical groups are shown as the groups." in summary
    assert "… and 235 more (use --all or --format csv)" in lines  # 10 groups shown
    assert "Overlapping pairs" not in out
    assert "and 86 more" in out  # a group names 4 of its 90 initiatives


def test_limit_and_all_go_together_on_no_command() -> None:
    for command in ("matrix", "gaps", "overlaps", "timeline"):
        result = CliRunner().invoke(
            app, [command, "--data", str(BUNDLED), "--limit", "3", "--all"], env={"NO_COLOR": "1"}
        )
        assert result.exit_code == 2, command
        assert "give one of them" in result.stderr


def test_top_is_limit_on_overlaps() -> None:
    top = run("overlaps", "--data", str(BUNDLED), "--top", "2")
    assert run("overlaps", "--data", str(BUNDLED), "--limit", "2") == top
    assert "27 overlapping pairs (top 2 shown)." in top


def test_ids_names_every_id() -> None:
    out = run("gaps", "--data", str(BUNDLED), "--ids", columns=200)
    assert "Specialiserede virksomheder og outsourcing (specialisering-og-outsourcing)" in out
    assert "Internationale samarbejdsregioner (samarbejdsregioner)" in out
    assert "(samarbejdsregioner)" not in run("gaps", "--data", str(BUNDLED), columns=200)


# --- Markdown --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["matrix", "gaps", "overlaps", "timeline", "summary", "critical", "spend"]
)
def test_markdown_of_every_command_is_bounded(command: str, generated: Path) -> None:
    for data in (atomic_data(), generated):
        text = run(command, "--data", str(data), "--format", "markdown")
        assert len(text) < scale.MARKDOWN_LIMIT
        assert len(text.splitlines()) < LINES
        assert text.splitlines()[2]  # the summary right after the heading


def test_large_markdown_matrix_is_one_row_per_focus_area() -> None:
    text = run("matrix", "--data", str(atomic_data()), "--format", "markdown")
    assert "691 focus areas are too many columns: one row per focus area instead" in text
    assert "| Focus area | Direct | With sub-areas |" in text
    assert "… and 631 more (use --all or --format csv)" in text


@pytest.mark.parametrize("lang", ["en", "da"])
def test_diff_markdown_stays_under_the_limit(lang: str, versions: tuple[Path, Path]) -> None:
    base, head = versions
    text = run("diff", str(base), str(head), "--format", "markdown", "--lang", lang)
    assert len(text) < scale.MARKDOWN_LIMIT
    assert "<details>" in text
    more = "more (use --all or --format json)" if lang == "en" else "til (brug --all"
    assert more in text
    assert "✗ " in text.split("<details>")[0]  # opened gaps in sight, not collapsed


def test_diff_table_and_github_are_capped(versions: tuple[Path, Path]) -> None:
    base, head = versions
    out = run("diff", str(base), str(head), columns=100)
    assert len(out.splitlines()) < 600  # 15,000 lines before the caps
    assert "… and " in out
    github = run("diff", str(base), str(head), "--format", "github")
    annotations = github.splitlines()
    assert len(annotations) <= caps.ANNOTATIONS + 2
    assert sum(line.startswith("::warning") for line in annotations) == 21  # every opened gap


def test_gaps_github_annotations_capped_with_a_notice() -> None:
    out = run("gaps", "--data", str(atomic_data()), "--format", "github")
    lines = out.splitlines()
    assert len(lines) == caps.ANNOTATIONS + 1
    assert lines[-1].startswith("::notice title=gapcheck gaps::360 more not annotated")
    everything = run("gaps", "--data", str(atomic_data()), "--format", "github", "--all")
    assert len(everything.splitlines()) == 410


# --- a real process and the README -----------------------------------------------------


def test_real_process_on_the_large_portfolio(tmp_path: Path) -> None:
    result = gapcheck("gaps", "--data", str(atomic_data()), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_reads_well(result.stdout, 100)
    assert result.stdout.splitlines()[1].startswith("410 gaps among 691 focus areas")


def test_readme_large_portfolio_sample_is_real_output(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"```console\n\$ gapcheck gaps --data atomic-red-team --limit 8\n(.*?)```",
        readme,
        flags=re.DOTALL,
    )
    assert match, "no large-portfolio sample in README.md"
    data = atomic_data()
    result = gapcheck("gaps", "--data", data.name, "--limit", "8", cwd=data.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == match.group(1)
