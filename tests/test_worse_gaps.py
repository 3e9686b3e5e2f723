"""Losses fail the check: a gap that gets worse fails ``--fail-on opened-gaps``.

Hand-worked toys first (the analysis, then each format), then a real git history.
Default minimum 2 throughout unless a test says otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from builders import area, initiative, portfolio
from gapcheck.analysis import (
    DiffReport,
    GapReport,
    GapWorsened,
    diff_portfolios,
    find_gaps,
    what_if,
)
from gapcheck.cli import app
from gapcheck.model import FocusArea, Initiative
from gapcheck.render import words
from gitrepo import commit, git, isolate, needs_git

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
TODAY = date(2026, 6, 1)


def diff(
    base_areas: list[FocusArea],
    base_items: list[Initiative],
    head_areas: list[FocusArea],
    head_items: list[Initiative],
) -> DiffReport:
    return diff_portfolios(
        portfolio(base_areas, base_items),
        portfolio(head_areas, head_items),
        base_label="base",
        head_label="head",
        today=TODAY,
    )


# --- the analysis, by hand -----------------------------------------------------------


def test_thin_to_uncovered_is_worsened_not_opened() -> None:
    # a: 1 of 2 (thin) -> 0 (uncovered). It was a gap, so it did not open: it got worse.
    report = diff([area("a")], [initiative("x", "a")], [area("a")], [])
    assert report.gaps_opened == ()
    assert report.gaps_worsened == (GapWorsened("a", "Area a", "thin", "uncovered", 1, 0, 2),)
    assert report.failing
    assert words.diff_headline(report).startswith("0 gaps opened, 1 worsened, 0 closed")


def test_two_to_one_still_opens_a_gap() -> None:
    report = diff(
        [area("a")],
        [initiative("x", "a"), initiative("y", "a")],
        [area("a")],
        [initiative("x", "a")],
    )
    assert (report.gaps_opened, report.gaps_worsened) == (("a",), ())
    assert report.failing


def test_fewer_while_below_the_minimum_is_worsened() -> None:
    # Minimum 3: 2 -> 1 is thin both sides, one qualifying initiative fewer.
    areas = [area("a", min_initiatives=3)]
    report = diff(
        areas, [initiative("x", "a"), initiative("y", "a")], areas, [initiative("x", "a")]
    )
    assert report.gaps_worsened == (GapWorsened("a", "Area a", "thin", "thin", 2, 1, 3),)
    assert words.worsened_how(report.gaps_worsened[0]) == "thin: 2 → 1, minimum 3"
    assert report.failing


def test_weak_to_uncovered_is_worsened() -> None:
    areas = [area("a", min_strength="significant")]
    weak = [initiative("x", "a", strengths={"a": "minimal"})]
    report = diff(areas, weak, areas, [])
    assert [(g.kind_before, g.kind_after) for g in report.gaps_worsened] == [("weak", "uncovered")]
    assert words.worsened_how(report.gaps_worsened[0]) == "weak → uncovered"


def test_a_gap_that_gets_no_worse_or_better_is_not_worsened() -> None:
    areas = [area("a", min_initiatives=3)]
    one, two = [initiative("x", "a")], [initiative("x", "a"), initiative("y", "a")]
    assert diff(areas, one, areas, one).gaps_worsened == ()
    better = diff(areas, one, areas, two)
    assert (better.gaps_worsened, better.failing) == ((), False)
    # A weak mark that leaves, with the qualifying count unchanged (0): no worse.
    weak_areas = [area("b", min_strength="significant")]
    two_weak = [initiative(i, "b", strengths={"b": "minimal"}) for i in ("x", "y")]
    assert diff(weak_areas, two_weak, weak_areas, two_weak[:1]).gaps_worsened == ()


@pytest.mark.parametrize(
    ("until", "fails"), [(date(2026, 12, 31), False), (date(2026, 1, 1), True)]
)
def test_an_accepted_gap_that_gets_worse_keeps_its_expiry(until: date, fails: bool) -> None:
    areas = [area("a", accepted_until=until)]
    report = diff(areas, [initiative("x", "a")], areas, [])
    assert [g.focus_area for g in report.gaps_worsened] == ["a"]
    assert report.gaps_worsened_accepted == (() if fails else ("a",))
    assert report.failing is fails


# --- losses first --------------------------------------------------------------------

# In file order: a gains, b drops 3 -> 2 (still fine), c goes 1 -> 0 (none left),
# d goes 2 -> 1 (now a gap). Shown: c, d, b, a.
AREAS = [area(x) for x in "abcd"]
BEFORE = [
    initiative("p", "a", "b", "d"),
    initiative("q", "b", "d"),
    initiative("r", "b", "c"),
]
AFTER = [
    initiative("p", "a", "b", "d"),
    initiative("q", "b"),
    initiative("s", "a"),
]


def test_losses_first_in_the_analysis() -> None:
    report = diff(AREAS, BEFORE, AREAS, AFTER)
    assert [c.focus_area for c in report.coverage] == ["a", "b", "c", "d"]  # JSON: file order
    assert [(c.focus_area, report.severity(c)) for c in report.coverage_by_severity] == [
        ("c", "uncovered"),
        ("d", "gap"),
        ("b", "drop"),
        ("a", "gain"),
    ]
    assert [words.coverage_change(report, c) for c in report.coverage_by_severity] == [
        "-1 (none left)",
        "-1 (now a gap)",
        "-1",
        "+1",
    ]


def write(folder: Path, areas: str, initiatives: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (folder / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return folder


TOY_AREAS = "focus_areas:\n" + "".join(f"  - id: {x}\n    name: Area {x.upper()}\n" for x in "abcd")


def toy_initiatives(items: dict[str, str]) -> str:
    return "initiatives:\n" + "".join(
        f"  - id: {i}\n    name: Initiative {i}\n    focus_areas: [{areas}]\n"
        for i, areas in items.items()
    )


TOY_BEFORE = toy_initiatives({"p": "a, b, d", "q": "b, d", "r": "b, c"})
TOY_AFTER = toy_initiatives({"p": "a, b, d", "q": "b", "s": "a"})


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


@pytest.fixture
def sides(tmp_path: Path) -> tuple[str, str]:
    return (
        str(write(tmp_path / "old", TOY_AREAS, TOY_BEFORE)),
        str(write(tmp_path / "new", TOY_AREAS, TOY_AFTER)),
    )


def order(text: str, names: list[str]) -> list[str]:
    """``names`` in the order they first appear in a coverage table of ``text``."""
    found = {name: min(m.start() for m in re.finditer(rf"[│|] {name} ", text)) for name in names}
    return sorted(names, key=found.__getitem__)


def test_losses_first_in_the_table_and_markdown(sides: tuple[str, str]) -> None:
    table = run("diff", *sides)
    assert table.exit_code == 0, table.output
    assert order(table.stdout, ["Area A", "Area B", "Area C", "Area D"]) == [
        "Area C",
        "Area D",
        "Area B",
        "Area A",
    ]
    assert re.search(r"│ Area C\s+│\s+1 │\s+0 │ -1 \(none left\) │", table.stdout)
    assert "Losses first:" in table.stdout
    md = run("diff", *sides, "--format", "markdown").stdout
    assert order(md, ["Area A", "Area B", "Area C", "Area D"]) == [
        "Area C",
        "Area D",
        "Area B",
        "Area A",
    ]
    assert "| Area C | 1 | 0 | **-1 (none left)** |" in md
    assert "| Area D | 2 | 1 | -1 (now a gap) |" in md
    da = run("diff", *sides, "--format", "markdown", "--lang", "da").stdout
    assert "| Area C | 1 | 0 | **-1 (ingen tilbage)** |" in da


def test_losses_first_in_csv_and_the_html_report(sides: tuple[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(run("diff", *sides, "--format", "csv").stdout)))
    assert [(r[1], r[5]) for r in rows if r[0] == "coverage"] == [
        ("c", "uncovered"),
        ("d", "gap"),
        ("b", "drop"),
        ("a", "gain"),
    ]
    old, new = sides
    html = run("report", "--data", new, "--base", old, "-o", "-").stdout
    assert order(
        html.replace("<td>", "| ").replace("</td>", " "), ["Area A", "Area B", "Area C", "Area D"]
    )[:2] == [
        "Area C",
        "Area D",
    ]
    assert "-1 (none left)" in html


def test_json_keeps_file_order_and_lists_worsened(tmp_path: Path) -> None:
    # a thin (1 of 2) loses its one initiative: gaps.worsened, with the kinds.
    old = write(
        tmp_path / "old", TOY_AREAS, toy_initiatives({"x": "a", "y": "b, c, d", "z": "b, c, d"})
    )
    new = write(tmp_path / "new", TOY_AREAS, toy_initiatives({"y": "b, c, d", "z": "b, c, d"}))
    result = run("diff", str(old), "--data", str(new), "-f", "json", "--fail-on", "opened-gaps")
    assert result.exit_code == 1
    gaps = json.loads(result.stdout)["gaps"]
    assert gaps == {
        "opened": [],
        "closed": [],
        "opened_accepted": [],
        "worsened": [
            {
                "focus_area": "a",
                "kind_before": "thin",
                "kind_after": "uncovered",
                "count_before": 1,
                "count_after": 0,
                "threshold": 2,
            }
        ],
        "worsened_accepted": [],
    }


# --- whatif --------------------------------------------------------------------------


def test_whatif_fails_when_a_thin_area_loses_its_one_initiative(tmp_path: Path) -> None:
    data = write(
        tmp_path / "d",
        TOY_AREAS,
        toy_initiatives({"x": "a", "y": "b, c, d", "z": "b, c, d", "w": "b, c, d"}),
    )
    args = ("whatif", "--data", str(data), "--without", "x", "--fail-on", "opened-gaps")
    table = run(*args)
    assert table.exit_code == 1, table.output
    assert "✗ gap worsened: Area A (thin → uncovered)" in table.stdout
    data_json = json.loads(run(*args, "-f", "json").stdout)
    assert [g["focus_area"] for g in data_json["diff"]["gaps"]["worsened"]] == ["a"]
    assert run(*args[:-2]).exit_code == 0  # without --fail-on: shown, not failing
    github = run(*args, "-f", "github").stdout
    assert "::error file=" in github
    assert "title=gapcheck%3A gap worsened::gap worsened: Area A (a) (thin → uncovered;" in github
    # Keeping it, nothing gets worse.
    assert (
        run("whatif", "--data", str(data), "--without", "y", "--fail-on", "opened-gaps").exit_code
        == 0
    )


def test_whatif_matches_the_analysis() -> None:
    p = portfolio(
        [area("a"), area("b")], [initiative("x", "a"), initiative("y", "b"), initiative("z", "b")]
    )
    report = what_if(p, ["x"], today=TODAY)
    assert [g.focus_area for g in report.diff.gaps_worsened] == ["a"]
    assert report.diff.failing


# --- the headline sums ---------------------------------------------------------------


def test_the_gaps_headline_names_each_kind_once_and_sums() -> None:
    areas = [area(x, min_strength="significant") for x in "abcdef"]
    items = [
        initiative("x", "b"),  # b thin
        initiative("y", "c", strengths={"c": "minimal"}),  # c weak
        initiative("v", "d"),
        initiative("w", "d"),  # d fine
    ]
    report: GapReport = find_gaps(portfolio(areas, items))  # a, e, f uncovered
    text = words.gaps_summary(report)
    assert text == (
        "5 gaps among 6 focus areas: 3 uncovered, 1 thin (fewer than 2 initiatives),"
        " 1 weak (served only by marks below the area's min_strength)."
    )
    total, *parts = (int(n) for n in re.findall(r"(\d+) (?:gaps|uncovered|thin \(|weak)", text))
    assert total == sum(parts) == len(report.gaps)
    assert "Of these" not in text
    assert "3 udækkede, 1 tyndt dækket (færre end 2 initiativer), 1 svagt dækket" in (
        words.gaps_summary(report, "da")
    )


# --- a real git history --------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose last commit deletes the only initiative of a thin area."""
    isolate(tmp_path, monkeypatch)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / "data", TOY_AREAS, toy_initiatives({"x": "a", "y": "b, c, d", "z": "b, c, d"}))
    commit(root, "four areas, a thin")
    write(root / "data", TOY_AREAS, toy_initiatives({"y": "b, c, d", "z": "b, c, d"}))
    commit(root, "drop x")
    monkeypatch.chdir(root)
    return root


@needs_git
def test_deleting_the_only_initiative_fails_the_pull_request_check(repo: Path) -> None:
    table = run("diff", "HEAD~1", "--fail-on", "opened-gaps")
    assert table.exit_code == 1, table.output
    lines = table.stdout.splitlines()
    assert lines[0] == "Diff · HEAD~1 → working tree"  # as the user wrote it, not "data"
    assert lines[1].startswith("0 gaps opened, 1 worsened, 0 closed")
    assert "✗ gap worsened: Area A (thin → uncovered)" in lines
    md = run("diff", "HEAD~1", "--fail-on", "opened-gaps", "--format", "markdown")
    assert md.exit_code == 1
    assert md.stdout.startswith("## Diff: HEAD\\~1 → working tree\n")  # escaped
    assert "- ✗ gap worsened: Area A (thin → uncovered)" in md.stdout
    assert "| Area A | 1 | 0 | **-1 (none left)** |" in md.stdout
    sarif = json.loads(run("diff", "HEAD~1", "--fail-on", "opened-gaps", "-f", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("gap-worsened", "error")
    assert "Area A (a)" in result["message"]["text"]
    # Two revisions: named as written.
    git(repo, "branch", "before", "HEAD~1")
    both = run("diff", "before", "main", "--fail-on", "opened-gaps")
    assert both.exit_code == 1
    assert both.stdout.splitlines()[0] == "Diff · before → main"
    # The other way round the gap gets better: nothing fails.
    assert run("diff", "main", "before", "--fail-on", "opened-gaps").exit_code == 0


@needs_git
def test_an_accepted_gap_may_lose_its_last_initiative(repo: Path) -> None:
    accepted = TOY_AREAS.replace(
        "name: Area A\n",
        "name: Area A\n    accepted:\n      reason: Known\n      until: 9999-12-31\n",
    )
    (repo / "data" / "focus_areas.yaml").write_text(accepted, encoding="utf-8")
    result = run("diff", "HEAD~1", "--fail-on", "opened-gaps", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gaps"]["worsened_accepted"] == ["a"]
