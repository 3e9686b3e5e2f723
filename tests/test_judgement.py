"""Judgement beyond counting, with answers computed by hand: strength thresholds,
roll-up of strength, weak gaps, ranking, accepted gaps and their expiry, whatif,
critical (also against removing each initiative one by one), summary measures."""

from __future__ import annotations

import math
import random
import sys
from datetime import date
from pathlib import Path

import pytest

from builders import area, initiative, portfolio
from gapcheck.analysis import (
    diff_portfolios,
    find_critical,
    find_gaps,
    stale_acceptances,
    summarise_portfolio,
    what_if,
    without_initiatives,
)
from gapcheck.analysis.judgement import gini_simpson, pielou_evenness, shannon_diversity
from gapcheck.graph import Portfolio
from gapcheck.loader import load_dataset
from gapcheck.model import STRENGTHS, FocusRef, Thresholds

ROOT = Path(__file__).resolve().parents[1]
UNTIL = date(2027, 6, 30)


# --- strength thresholds --------------------------------------------------------------


def test_marks_below_min_strength_do_not_count() -> None:
    p = portfolio(
        [area("a", min_strength="partial")],
        [
            initiative("weak", "a", strengths={"a": "minimal"}),
            initiative("half", "a", strengths={"a": "partial"}),
            initiative("full", "a"),  # significant by default
        ],
    )
    # partial and significant qualify: 2 of 3, so not a gap at the default minimum 2.
    assert find_gaps(p).gaps == ()
    report = find_gaps(p, min_initiatives=3)
    (gap,) = report.gaps
    assert (gap.kind, gap.count, gap.initiatives) == ("thin", 2, ("half", "full"))
    assert gap.below_strength == ("weak",)
    assert gap.shortfall == 1


def test_thresholds_min_strength_applies_unless_the_area_sets_its_own() -> None:
    areas = [area("a"), area("b", min_strength="minimal")]
    initiatives = [
        initiative(f"i{n}", "a", "b", strengths={"a": "partial", "b": "partial"}) for n in range(2)
    ]
    strict = Thresholds(min_strength="significant")
    report = find_gaps(portfolio(areas, initiatives, thresholds=strict))
    # a: both marks are partial < significant: served, none qualifying -> weak.
    assert [(g.focus_area, g.kind, g.count, g.min_strength) for g in report.gaps] == [
        ("a", "weak", 0, "significant")
    ]
    assert report.gaps[0].below_strength == ("i0", "i1")
    assert find_gaps(portfolio(areas, initiatives)).gaps == ()  # default minimal


def test_weak_is_not_uncovered() -> None:
    p = portfolio(
        [area("a", min_strength="significant"), area("b")],
        [initiative("x", "a", strengths={"a": "minimal"})],
    )
    kinds = {g.focus_area: g.kind for g in find_gaps(p, min_initiatives=1).gaps}
    assert kinds == {"a": "weak", "b": "uncovered"}


# --- roll-up of strength --------------------------------------------------------------


def test_parent_strength_is_the_strongest_of_its_own_and_descendants_marks() -> None:
    areas = [
        area("p", min_strength="significant"),
        area("c1", parent="p"),
        area("c2", parent="p"),
        area("g", parent="c1"),
    ]
    initiatives = [
        # minimal on p itself, significant on a grandchild: significant for p.
        initiative("x", "p", "g", strengths={"p": "minimal", "g": "significant"}),
        # partial on both children: partial for p, counted once.
        initiative("y", "c1", "c2", strengths={"c1": "partial", "c2": "partial"}),
        initiative("z", "c2", strengths={"c2": "minimal"}),
    ]
    p = portfolio(areas, initiatives)
    assert p.strongest("p") == {"x": 2, "y": 1, "z": 0}
    assert p.strongest("c1") == {"x": 2, "y": 1}
    assert p.qualifying("p", 2) == ("x",)
    assert p.qualifying("p", 1) == ("x", "y")
    assert p.qualifying("p", 0) == ("x", "y", "z")
    gaps = {g.focus_area: g for g in find_gaps(p, min_initiatives=2).gaps}
    assert (gaps["p"].kind, gaps["p"].count, gaps["p"].below_strength) == ("thin", 1, ("y", "z"))
    assert "c2" not in gaps  # y and z: min_strength minimal, 2 qualify


def test_repeated_reference_takes_its_strongest_mark() -> None:
    item = initiative("x", "a")
    repeated = item.model_copy(
        update={
            "focus_areas": [
                FocusRef(id="a", strength="minimal"),
                FocusRef(id="a", strength="partial"),
            ]
        }
    )
    assert repeated.strengths == {"a": 1}


# --- ranking --------------------------------------------------------------------------


def test_gaps_rank_by_priority_then_shortfall_then_file_order() -> None:
    p = portfolio(
        [
            area("low-big", priority=1, min_initiatives=5),  # shortfall 5
            area("mid-one", priority=3),  # shortfall 1 (1 of 2)
            area("mid-two"),  # shortfall 2
            area("top", priority=5),  # shortfall 1
            area("mid-two-later"),  # shortfall 2, later in the file
        ],
        [initiative("i", "mid-one", "top")],
    )
    assert [(g.focus_area, g.priority, g.shortfall) for g in find_gaps(p).gaps] == [
        ("top", 5, 1),
        ("mid-two", 3, 2),
        ("mid-two-later", 3, 2),
        ("mid-one", 3, 1),
        ("low-big", 1, 5),
    ]


# --- accepted gaps and their expiry ---------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expired"),
    [(date(2027, 6, 29), False), (date(2027, 6, 30), False), (date(2027, 7, 1), True)],
    ids=["day-before", "day-of", "day-after"],
)
def test_acceptance_holds_through_until_and_expires_the_day_after(
    today: date, expired: bool
) -> None:
    p = portfolio([area("a", accepted_until=UNTIL, reason="National programme")], [])
    report = find_gaps(p, today=today)
    (gap,) = report.gaps
    assert gap.accepted is not None
    assert (gap.accepted.until, gap.accepted.reason, gap.accepted.expired) == (
        UNTIL,
        "National programme",
        expired,
    )
    assert gap.fails is expired
    assert len(report.failing) == (1 if expired else 0)
    assert report.gaps == (gap,)  # shown either way, never hidden


def test_without_a_day_no_acceptance_expires() -> None:
    p = portfolio([area("a", accepted_until=date(2000, 1, 1))], [])
    assert find_gaps(p).failing == ()


def test_diff_lists_opened_gaps_that_are_accepted() -> None:
    areas = [area("a", accepted_until=UNTIL), area("b")]
    before = portfolio(areas, [initiative(f"i{n}", "a", "b") for n in range(2)])
    after = without_initiatives(before, ["i0"])
    for today, failing in ((date(2027, 6, 30), ("b",)), (date(2027, 7, 1), ("a", "b"))):
        report = diff_portfolios(before, after, base_label="x", head_label="y", today=today)
        assert report.gaps_opened == ("a", "b")
        assert report.gaps_opened_failing == failing


def test_stale_acceptance_is_an_accepted_area_that_is_not_a_gap() -> None:
    p = portfolio(
        [area("gap", accepted_until=UNTIL), area("fine", accepted_until=UNTIL), area("plain")],
        [initiative(f"i{n}", "fine") for n in range(2)],
    )
    assert stale_acceptances(p) == ("fine",)


# --- whatif ---------------------------------------------------------------------------


def _three() -> Portfolio:
    return portfolio(
        [area("a"), area("b"), area("c"), area("d")],
        [
            initiative("x", "a", "b"),
            initiative("y", "a", "b", "c"),
            initiative("z", "b", "c"),
            initiative("w", "c"),
        ],
    )


def test_whatif_removing_one() -> None:
    # a: x y (2), b: x y z (3), c: y z w (3), d: none (a gap already).
    report = what_if(_three(), ["x"])
    assert report.without == ("x",)
    assert report.diff.initiatives_removed == ("x",)
    assert report.diff.gaps_opened == ("a",)  # a: 2 -> 1, thin
    assert report.diff.gaps_closed == ()
    assert [(c.focus_area, c.before, c.after) for c in report.diff.coverage] == [
        ("a", 2, 1),
        ("b", 3, 2),
    ]
    assert report.orphaned == ()


def test_whatif_removing_several() -> None:
    report = what_if(_three(), ["x", "y", "x"])  # a repeat counts once
    assert report.without == ("x", "y")
    assert report.diff.gaps_opened == ("a", "b")  # a: 0, b: 1
    assert [(c.focus_area, c.before, c.after) for c in report.diff.coverage] == [
        ("a", 2, 0),
        ("b", 3, 1),
        ("c", 3, 2),
    ]
    assert report.orphaned == ("a",)


# --- critical -------------------------------------------------------------------------


def test_critical_on_a_tree() -> None:
    areas = [
        area("root", priority=2),
        area("left", parent="root", priority=5),
        area("right", parent="root", priority=4),
        area("leaf", parent="left", min_initiatives=1),
    ]
    initiatives = [
        initiative("a", "leaf"),
        initiative("b", "left", "right"),  # counts once toward root
        initiative("c", "right"),
        initiative("d", "right"),
    ]
    report = find_critical(portfolio(areas, initiatives))
    # Qualifying (rolled up): root a b c d (4), left a b (2), right b c d (3), leaf a (1).
    assert [(r.focus_area, r.count, r.threshold, r.redundancy) for r in report.areas] == [
        ("root", 4, 2, 3),
        ("left", 2, 2, 1),
        ("right", 3, 2, 2),
        ("leaf", 1, 1, 1),
    ]
    # a is the sole initiative of leaf (3) and protects left (5); b protects left (5);
    # c and d protect nothing. Sole ones first, and their sole areas first.
    assert [(c.id, c.focus_areas, c.sole, c.priority) for c in report.critical] == [
        ("a", ("leaf", "left"), ("leaf",), 5),
        ("b", ("left",), (), 5),
    ]
    assert report.critical[0].at_minimum == ("left",)


def test_the_sole_initiative_of_a_thin_area_is_critical_as_sole() -> None:
    # Thin already (1 of 2), yet removing its one initiative leaves it uncovered.
    report = find_critical(portfolio([area("a")], [initiative("only", "a")]))
    assert report.areas[0].redundancy == 0
    [only] = report.critical
    assert (only.id, only.focus_areas, only.sole, only.at_minimum) == ("only", ("a",), ("a",), ())


def test_a_thin_area_of_two_has_no_critical_initiative() -> None:
    # 2 of 3: a gap already, and no one of them is alone in it.
    report = find_critical(
        portfolio([area("a", min_initiatives=3)], [initiative("x", "a"), initiative("y", "a")])
    )
    assert report.critical == ()


def test_sole_initiatives_come_first() -> None:
    areas = [area("high", priority=5), area("low", priority=1)]
    # x keeps "high" at its minimum (2 of 2); z is the sole initiative of "low".
    report = find_critical(
        portfolio(areas, [initiative("x", "high"), initiative("y", "high"), initiative("z", "low")])
    )
    assert [(c.id, c.sole) for c in report.critical] == [("z", ("low",)), ("x", ()), ("y", ())]


def _brute_critical(p: Portfolio) -> dict[str, set[str]]:
    """Remove each initiative in turn: the gaps it opens, and the areas it leaves with
    no initiative at all (a gap worsened to uncovered, or opened)."""
    before = {gap.focus_area for gap in find_gaps(p).gaps}
    found = {}
    for item in p.initiatives:
        rest = without_initiatives(p, [item.id])
        after = {gap.focus_area for gap in find_gaps(rest).gaps}
        emptied = {a.id for a in p.focus_areas if p.rolled_up(a.id) and not rest.rolled_up(a.id)}
        if (after - before) | emptied:
            found[item.id] = (after - before) | emptied
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_critical_matches_removing_each_initiative_one_by_one(seed: int, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path, 120, 40, seed=seed, levels=3, mean_areas=1.5)
    dataset = load_dataset(tmp_path).dataset
    assert dataset is not None
    rng = random.Random(seed)
    # Strengths, thresholds and min_strength drawn at random, so every rule is exercised.
    areas = tuple(
        a.model_copy(
            update={
                "min_strength": rng.choice([None, *STRENGTHS]),
                "min_initiatives": rng.choice([None, 1, 2, 3]),
            }
        )
        for a in dataset.focus_areas
    )
    initiatives = tuple(
        i.model_copy(
            update={
                "focus_areas": [
                    FocusRef(id=ref.id, strength=rng.choice(STRENGTHS)) for ref in i.focus_areas
                ]
            }
        )
        for i in dataset.initiatives
    )
    import dataclasses

    p = Portfolio(dataclasses.replace(dataset, focus_areas=areas, initiatives=initiatives), at=2015)
    expected = _brute_critical(p)
    report = find_critical(p)
    assert {c.id: set(c.focus_areas) for c in report.critical} == expected
    assert len(expected) >= 3  # the case is not vacuous


# --- summary measures -----------------------------------------------------------------


def test_diversity_measures_by_hand() -> None:
    # Marks per area 2, 1, 1, 0: p = 1/2, 1/4, 1/4.
    counts = [2, 1, 1, 0]
    h = -(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25))  # = 1.5 ln 2
    assert shannon_diversity(counts) == pytest.approx(1.5 * math.log(2))
    assert shannon_diversity(counts) == pytest.approx(h)
    assert gini_simpson(counts) == pytest.approx(1 - (0.25 + 0.0625 + 0.0625))  # 0.625
    assert pielou_evenness(counts) == pytest.approx(1.5 * math.log(2) / math.log(4))  # 0.75
    assert pielou_evenness([3]) is None
    assert shannon_diversity([0, 0]) == 0.0
    assert gini_simpson([]) == 0.0
    assert pielou_evenness([5, 5, 5]) == pytest.approx(1.0)


def test_summary_of_a_small_portfolio() -> None:
    p = portfolio(
        [
            area("a"),
            area("b", min_strength="significant"),
            area("c", accepted_until=date(2026, 12, 31)),
            area("d", parent="a"),
        ],
        [
            initiative("x", "a", "b", strengths={"b": "minimal"}),
            initiative("y", "a", "b", strengths={"b": "minimal"}),
            initiative("z", "d"),
        ],
    )
    summary = summarise_portfolio(p, today=date(2026, 11, 1))
    assert (summary.initiatives, summary.focus_areas, summary.marks) == (3, 4, 5)
    assert (summary.covered_direct, summary.covered_rolled_up) == (3, 3)
    # a: x y z (3); b weak; c uncovered; d thin (z).
    assert dict(summary.gaps) == {"uncovered": 1, "weak": 1, "thin": 1}
    assert summary.configurations == 2  # {a, b} twice, {d}
    assert summary.identical_groups == 1
    assert summary.crowded == 2  # a and b: 2 of 3 > 0.5
    # a: 3 of 2 needed, redundancy 2; z is the sole initiative of d (thin already).
    assert summary.critical_initiatives == 1
    assert [e.focus_area for e in summary.accepted] == ["c"]
    assert [e.focus_area for e in summary.expiring] == ["c"]  # 60 days ahead
    assert summary.shannon == pytest.approx(shannon_diversity([2, 2, 0, 1]))
    assert summary.evenness == pytest.approx(shannon_diversity([2, 2, 0, 1]) / math.log(4))
    later = summarise_portfolio(p, today=date(2026, 9, 1))  # 121 days ahead: not within 90
    assert later.expiring == ()


def test_the_bundled_dataset_answers_are_unchanged() -> None:
    dataset = load_dataset(ROOT / "data").dataset
    assert dataset is not None
    p = Portfolio(dataset, at=2026)
    gaps = find_gaps(p)
    assert [(g.name, g.kind, g.count) for g in gaps.gaps] == [
        ("Specialiserede virksomheder og outsourcing", "thin", 1)
    ]
    critical = find_critical(p)
    # The thin area is a gap already, but its one initiative is all it has.
    assert [(c.id, c.sole) for c in critical.critical] == [
        ("samarbejdsregioner", ("specialisering-og-outsourcing",))
    ]
    report = what_if(p, ["samarbejdsregioner"])
    # Without it, the thin area (its one initiative) is left with none: already a
    # gap, so none opens, but it is worse (orphaned); every area loses one.
    assert report.diff.gaps_opened == ()
    assert [(g.focus_area, g.kind_before, g.kind_after) for g in report.diff.gaps_worsened] == [
        ("specialisering-og-outsourcing", "thin", "uncovered")
    ]
    assert report.diff.failing
    assert report.orphaned == ("specialisering-og-outsourcing",)
    assert [(c.before, c.after) for c in report.diff.coverage] == [
        (3, 2),
        (1, 0),
        (6, 5),
        (8, 7),
        (4, 3),
    ]
