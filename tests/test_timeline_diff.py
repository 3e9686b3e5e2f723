"""Tests for coverage over time (:mod:`gapcheck.analysis.timeline`) and the diff of two
portfolios (:mod:`gapcheck.analysis.diff`), on hand-made datasets with known answers.

Datasets are built directly from the pydantic models, not through YAML.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from builders import area, dataset, initiative, portfolio
from gapcheck.analysis import (
    DEFAULT_MIN_INITIATIVES,
    AreaTimeline,
    CoverageChange,
    FieldChange,
    FocusAreaChange,
    InitiativeChange,
    YearSpan,
    coverage_timeline,
    default_range,
    diff_portfolios,
    has_years,
    year_span,
)
from gapcheck.graph import Portfolio
from gapcheck.model import Dataset, Initiative, Thresholds

# --- builders -----------------------------------------------------------------------------


def counts(timeline_areas: Iterable[AreaTimeline]) -> dict[str, tuple[int, ...]]:
    return {a.id: a.counts for a in timeline_areas}


# --- timeline -----------------------------------------------------------------------------

# root
# └── child          (and a separate area "other" with its own threshold)
TIMELINE_AREAS = [
    area("root"),
    area("child", parent="root"),
    area("other", min_initiatives=3),
]
TIMELINE_INITIATIVES = [
    initiative("no-start", "child", end=2011),  # counts from the beginning of any range
    initiative("no-end", "root", start=2012),  # runs on to the end of any range
    initiative("both", "child", "other", start=2010, end=2012),
    initiative("always", "other"),  # neither start nor end
    initiative("before", "child", start=2001, end=2003),  # over before the range
    initiative("after", "other", start=2020),  # begins after the range
    initiative("parent-and-child", "root", "child", start=2013, end=2013),  # counts once
    initiative("nothing", start=2009),  # no focus area at all
]


def test_timeline_counts_with_every_kind_of_years() -> None:
    p = portfolio(TIMELINE_AREAS, TIMELINE_INITIATIVES, label="tl")
    result = coverage_timeline(p, 2009, 2013)
    assert result.data == "tl"
    assert result.years == (2009, 2010, 2011, 2012, 2013)
    assert result.min_initiatives == DEFAULT_MIN_INITIATIVES
    assert counts(result.focus_areas) == {
        # no-start 2009-2011, both 2010-2012, parent-and-child 2013
        "child": (1, 2, 2, 1, 1),
        # child's, plus no-end from 2012; parent-and-child counted once in 2013
        "root": (1, 2, 2, 2, 2),
        # always every year, both 2010-2012
        "other": (1, 2, 2, 2, 1),
    }
    assert [(a.id, a.name, a.threshold) for a in result.focus_areas] == [
        ("root", "Area root", 2),
        ("child", "Area child", 2),
        ("other", "Area other", 3),
    ]


def test_timeline_agrees_with_portfolio_at_each_year() -> None:
    """Each count equals the rolled-up count of the portfolio taken in that year."""
    p = portfolio(TIMELINE_AREAS, TIMELINE_INITIATIVES)
    result = coverage_timeline(p, 1999, 2022)
    for index, year in enumerate(result.years):
        at_year = portfolio(TIMELINE_AREAS, TIMELINE_INITIATIVES, at=year)
        for timeline_area in result.focus_areas:
            expected = len(at_year.rolled_up(timeline_area.id))
            assert timeline_area.counts[index] == expected, (timeline_area.id, year)
    # The range reaches years where "before" and "after" count.
    assert counts(result.focus_areas)["child"][2001 - 1999] == 2  # no-start and before
    assert counts(result.focus_areas)["other"][-1] == 2  # always and after


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # start and end both inclusive: [2010, 2012]
        (2010, 2012, (1, 1, 1)),
        (2009, 2009, (0,)),
        (2010, 2010, (1,)),
        (2012, 2012, (1,)),
        (2013, 2013, (0,)),
        (2008, 2014, (0, 0, 1, 1, 1, 0, 0)),
        (2011, 2011, (1,)),
    ],
)
def test_timeline_boundaries_are_inclusive(
    first: int, last: int, expected: tuple[int, ...]
) -> None:
    p = portfolio([area("a")], [initiative("x", "a", start=2010, end=2012)])
    result = coverage_timeline(p, first, last)
    assert result.years == tuple(range(first, last + 1))
    assert result.focus_areas[0].counts == expected


def test_timeline_open_ended_initiatives_fill_the_range() -> None:
    p = portfolio(
        [area("a"), area("b"), area("c")],
        [
            initiative("until", "a", end=2005),
            initiative("from", "b", start=2005),
            initiative("forever", "c"),
        ],
    )
    result = coverage_timeline(p, 2003, 2007)
    assert counts(result.focus_areas) == {
        "a": (1, 1, 1, 0, 0),
        "b": (0, 0, 1, 1, 1),
        "c": (1, 1, 1, 1, 1),
    }


def test_timeline_rolls_up_a_three_level_tree() -> None:
    areas = [area("leaf", parent="mid"), area("top"), area("mid", parent="top"), area("side")]
    p = portfolio(
        areas,
        [
            initiative("l", "leaf", start=2000, end=2001),
            initiative("m", "mid", start=2001, end=2002),
            initiative("lm", "leaf", "mid", "top", start=2002),  # one initiative, three levels
            initiative("s", "side", end=2000),
        ],
    )
    result = coverage_timeline(p, 2000, 2003)
    assert counts(result.focus_areas) == {
        "leaf": (1, 1, 1, 1),
        "top": (1, 2, 2, 1),
        "mid": (1, 2, 2, 1),
        "side": (1, 0, 0, 0),
    }


def test_timeline_thresholds_argument_and_per_area() -> None:
    areas = [area("a"), area("b", min_initiatives=1), area("c", min_initiatives=5)]
    result = coverage_timeline(portfolio(areas, []), 2000, 2000, min_initiatives=4)
    assert result.min_initiatives == 4
    assert [(a.id, a.threshold, a.counts) for a in result.focus_areas] == [
        ("a", 4, (0,)),
        ("b", 1, (0,)),
        ("c", 5, (0,)),
    ]


def test_timeline_of_an_empty_portfolio() -> None:
    result = coverage_timeline(portfolio([], []), 2000, 2002)
    assert result.years == (2000, 2001, 2002)
    assert result.focus_areas == ()


def test_timeline_first_after_last_is_an_error() -> None:
    p = portfolio([area("a")], [])
    with pytest.raises(ValueError, match="empty"):
        coverage_timeline(p, 2011, 2010)
    # One year is fine.
    assert coverage_timeline(p, 2010, 2010).years == (2010,)


@pytest.mark.parametrize("minimum", [0, -1])
def test_timeline_min_initiatives_below_one_is_an_error(minimum: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        coverage_timeline(portfolio([area("a")], []), 2000, 2001, minimum)


@pytest.mark.parametrize(
    ("initiatives", "current", "expected"),
    [
        # From the earliest start (not the first in the file) to the current year.
        (
            [
                initiative("x", start=2010),
                initiative("y", start=2005, end=2006),
                initiative("z"),
            ],
            2024,
            (2005, 2024),
        ),
        # Without any start, from the earliest end; "y" is open, so to the current year.
        ([initiative("x", end=1999), initiative("y")], 2024, (1999, 2024)),
        ([initiative("x", end=1999)], 2024, (1999, 1999)),
        # No years at all: the current year alone.
        ([initiative("x")], 2024, (2024, 2024)),
        ([], 2024, (2024, 2024)),
        # Everything ended: to the latest end, not the current year.
        (
            [initiative("x", start=2007, end=2013), initiative("y", start=2008, end=2016)],
            2026,
            (2007, 2016),
        ),
        # Everything ends, later than the current year: to the latest end.
        ([initiative("x", start=2020, end=2030)], 2024, (2020, 2030)),
        # Something open, something ending after the current year: the later of the two.
        (
            [initiative("x", start=2020), initiative("y", start=2021, end=2035)],
            2024,
            (2020, 2035),
        ),
        # A start after the current year: that year only.
        ([initiative("x", start=2030), initiative("y", start=2031)], 2024, (2030, 2030)),
        ([initiative("x", start=2024)], 2024, (2024, 2024)),
    ],
)
def test_default_range(
    initiatives: list[Initiative], current: int, expected: tuple[int, int]
) -> None:
    assert default_range(dataset([area("a")], initiatives), current) == expected


def test_year_span_and_busiest_year() -> None:
    assert year_span(dataset([area("a")], [initiative("x")])) is None
    assert not has_years(dataset([area("a")], [initiative("x")]))
    # 2007-2013 (two of them), 2009-2016: three active in 2009-2013, the latest is 2013.
    ended = dataset(
        [area("a")],
        [
            initiative("p", start=2007, end=2013),
            initiative("q", start=2007, end=2013),
            initiative("r", start=2009, end=2016),
        ],
    )
    assert has_years(ended)
    assert year_span(ended) == YearSpan(first=2007, last=2016, busiest=2013)
    # Something open: no last year; without a start an initiative counts from the first.
    running = dataset(
        [area("a")],
        [initiative("p", start=2030), initiative("q", end=2031), initiative("r", start=2031)],
    )
    assert year_span(running) == YearSpan(first=2030, last=None, busiest=2031)


# --- diff: initiatives ------------------------------------------------------------------

FLAT = [area("a"), area("b"), area("c")]


def test_added_removed_and_changed_initiatives_in_file_order() -> None:
    base = portfolio(
        FLAT,
        [
            initiative("r1", "a"),
            initiative("x", "a"),
            initiative("y", "a", "b", "c"),
            initiative("r2", "b"),
            initiative("same", "a", "b"),
            initiative("to-none", "c"),
        ],
        label="base",
    )
    head = portfolio(
        FLAT,
        [
            initiative("n2", "c"),
            initiative("to-none"),
            initiative("y", "c", "a"),  # b dropped; order of the rest changed
            initiative("x", "b", "a", "c"),  # b and c added
            initiative("n1"),
            initiative("same", "b", "a"),  # the same set, written the other way round
        ],
        label="head",
    )
    report = diff_portfolios(base, head, base_label="B", head_label="H")
    assert report.base == "B"
    assert report.head == "H"
    assert report.initiatives_added == ("n2", "n1")  # head's file order
    assert report.initiatives_removed == ("r1", "r2")  # base's file order
    assert report.initiatives_changed == (  # head's file order
        InitiativeChange("to-none", added=(), removed=("c",)),
        InitiativeChange("y", added=(), removed=("b",)),
        InitiativeChange("x", added=("b", "c"), removed=()),
    )
    assert report.changed


def test_changed_lists_added_in_head_order_and_removed_in_base_order() -> None:
    areas = [*FLAT, area("d"), area("e")]
    base = portfolio(areas, [initiative("x", "d", "c", "e", "a")])
    head = portfolio(areas, [initiative("x", "b", "e", "d"), initiative("y", "a")])
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.initiatives_changed == (InitiativeChange("x", added=("b",), removed=("c", "a")),)
    # A repeated reference counts once.
    repeated = portfolio(areas, [initiative("x", "d", "c", "e", "a", "c")])
    assert diff_portfolios(base, repeated, base_label="b", head_label="h").changed is False


def test_every_field_of_an_initiative_is_a_change() -> None:
    base = portfolio(
        FLAT,
        [initiative("x", "a", "b", name="Old name", owner="Old", notes={"a": "old note"})],
    )
    head = portfolio(
        FLAT,
        [
            initiative(
                "x",
                "a",
                "b",
                name="New name",
                owner="New",
                notes={"a": "new note", "b": "added note"},
                start=2000,
                end=2001,
            )
        ],
    )
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.initiatives_changed == (
        InitiativeChange(
            "x",
            added=(),
            removed=(),
            fields=(
                FieldChange("name", "Old name", "New name"),
                FieldChange("owner", "Old", "New"),
                FieldChange("start", None, 2000),
                FieldChange("end", None, 2001),
                FieldChange("focus_areas[a].note", "old note", "new note"),
                FieldChange("focus_areas[b].note", None, "added note"),
            ),
        ),
    )
    assert report.changed
    assert not report.coverage_changed  # names, years and notes: not who serves what
    # The name shown is the head's.
    assert report.names == {"x": "New name"}


def test_focus_area_fields_and_thresholds_are_changes() -> None:
    base = Portfolio(
        Dataset(
            label="b",
            focus_areas=(area("a"), area("b"), area("c")),
            initiatives=(),
            thresholds=Thresholds(min_initiatives=2),
        )
    )
    head = Portfolio(
        Dataset(
            label="h",
            focus_areas=(
                area("a", name="A renamed", min_initiatives=3),
                area("b", parent="a"),
                area("c"),
            ),
            initiatives=(),
            thresholds=Thresholds(min_initiatives=3, max_share=0.4),
        )
    )
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.focus_areas_changed == (
        FocusAreaChange(
            "a",
            (FieldChange("name", "Area a", "A renamed"), FieldChange("min_initiatives", None, 3)),
        ),
        FocusAreaChange("b", (FieldChange("parent", None, "a"),)),
    )
    assert report.thresholds == (
        FieldChange("min_initiatives", 2, 3),
        FieldChange("max_share", None, 0.4),
    )
    assert report.changed


def test_shortened_end_is_ended_in_the_year_counted_not_removed() -> None:
    base = portfolio(FLAT, [initiative("x", "a", start=2020, end=2028), initiative("y", "a")])
    head = portfolio(FLAT, [initiative("x", "a", start=2020, end=2024), initiative("y", "a")])
    at_2026 = diff_portfolios(
        Portfolio(base.dataset, at=2026),
        Portfolio(head.dataset, at=2026),
        base_label="b@2026",
        head_label="h@2026",
    )
    assert at_2026.at == 2026
    assert at_2026.initiatives_removed == ()
    assert at_2026.initiatives_ended == ("x",)
    assert at_2026.gaps_opened == ("a",)  # 2 -> 1: thin
    assert at_2026.initiatives_changed == (
        InitiativeChange("x", (), (), (FieldChange("end", 2028, 2024),)),
    )
    # Every initiative counted: the same edit changes no coverage.
    every = diff_portfolios(base, head, base_label="b", head_label="h")
    assert (every.at, every.initiatives_ended, every.gaps_opened, every.coverage) == (
        None,
        (),
        (),
        (),
    )


def test_identical_portfolios_are_not_changed() -> None:
    areas = [area("a"), area("b", parent="a")]
    items = [initiative("x", "a"), initiative("y", "b", start=2000)]
    report = diff_portfolios(
        portfolio(areas, items), portfolio(areas, items), base_label="b", head_label="h"
    )
    assert not report.changed
    assert report.initiatives_added == report.initiatives_removed == ()
    assert report.initiatives_changed == ()
    assert report.focus_areas_added == report.focus_areas_removed == ()
    assert report.coverage == ()
    assert report.gaps_opened == report.gaps_closed == ()
    assert report.min_initiatives == DEFAULT_MIN_INITIATIVES


def test_names_of_removed_initiatives_and_areas_come_from_base() -> None:
    base = portfolio(
        [area("a", name="A old"), area("gone", name="Gone")],
        [initiative("x", "a", name="X old"), initiative("old", "a", name="Old one")],
    )
    head = portfolio([area("a", name="A new")], [initiative("x", "a", name="X new")])
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.names == {"x": "X new", "old": "Old one"}
    assert report.area_names == {"a": "A new", "gone": "Gone"}


# --- diff: focus areas and coverage -------------------------------------------------------


def test_focus_areas_added_and_removed_with_null_counts() -> None:
    base = portfolio(
        [area("keep"), area("gone-1"), area("gone-2")],
        [initiative("x", "keep", "gone-1"), initiative("y", "keep")],
    )
    head = portfolio(
        [area("new-1"), area("keep"), area("new-2")],
        [initiative("x", "keep", "new-1"), initiative("y", "keep", "new-1")],
    )
    report = diff_portfolios(base, head, base_label="b", head_label="h", min_initiatives=1)
    assert report.focus_areas_added == ("new-1", "new-2")
    assert report.focus_areas_removed == ("gone-1", "gone-2")
    # Head's order first, then what exists only in base, in base's order; "keep" has 2 on
    # both sides and is left out.
    assert report.coverage == (
        CoverageChange("new-1", "Area new-1", None, 2),
        CoverageChange("new-2", "Area new-2", None, 0),
        CoverageChange("gone-1", "Area gone-1", 1, None),
        CoverageChange("gone-2", "Area gone-2", 0, None),
    )
    assert report.initiatives_changed == (
        InitiativeChange("x", added=("new-1",), removed=("gone-1",)),
        InitiativeChange("y", added=("new-1",), removed=()),
    )


def test_coverage_rolls_up_the_hierarchy() -> None:
    areas = [area("top"), area("mid", parent="top"), area("leaf", parent="mid"), area("side")]
    base = portfolio(
        areas,
        [initiative("x", "leaf"), initiative("y", "top"), initiative("z", "side")],
    )
    head = portfolio(
        areas,
        [
            initiative("x", "mid"),  # up one level: top unchanged, mid unchanged, leaf -1
            initiative("y", "top"),
            initiative("z", "side", "leaf"),  # a new leaf: counts for mid and top too
            initiative("w", "leaf", "mid", "top"),  # three levels, counts once in each
        ],
    )
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.coverage == (
        CoverageChange("top", "Area top", 2, 4),
        CoverageChange("mid", "Area mid", 1, 3),
        CoverageChange("leaf", "Area leaf", 1, 2),
    )
    # mid and leaf were thin (1 < 2) and are not any more; side stays thin.
    assert report.gaps_closed == ("mid", "leaf")
    assert report.gaps_opened == ()


def test_moving_an_initiative_to_a_sub_area_keeps_the_parent_count() -> None:
    areas = [area("top"), area("sub", parent="top")]
    base = portfolio(areas, [initiative("x", "top"), initiative("y", "top")])
    head = portfolio(areas, [initiative("x", "sub"), initiative("y", "top")])
    report = diff_portfolios(base, head, base_label="b", head_label="h", min_initiatives=1)
    assert report.coverage == (CoverageChange("sub", "Area sub", 0, 1),)
    assert report.initiatives_changed == (InitiativeChange("x", added=("sub",), removed=("top",)),)
    assert report.gaps_closed == ("sub",)


# --- diff: gaps -----------------------------------------------------------------------------


def test_gaps_opened_and_closed_including_areas_on_one_side_only() -> None:
    base = portfolio(
        [
            area("stays-gap"),
            area("closes"),
            area("opens"),
            area("base-only-gap"),
            area("base-only-covered"),
        ],
        [
            initiative("p", "opens", "base-only-covered"),
            initiative("q", "opens", "base-only-covered"),
            initiative("r", "closes"),
        ],
    )
    head = portfolio(
        [
            area("head-only-gap"),
            area("opens"),
            area("closes"),
            area("stays-gap"),
            area("head-only-covered"),
        ],
        [
            initiative("p", "opens", "closes", "head-only-covered"),
            initiative("r", "closes", "head-only-covered"),
        ],
    )
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    # Opened: in head's order; "head-only-gap" exists only in head and is a gap there.
    assert report.gaps_opened == ("head-only-gap", "opens")
    # Closed: in base's order; "base-only-gap" was a gap and is gone.
    assert report.gaps_closed == ("closes", "base-only-gap")
    assert report.focus_areas_added == ("head-only-gap", "head-only-covered")
    assert report.focus_areas_removed == ("base-only-gap", "base-only-covered")


def test_gap_changing_kind_is_neither_opened_nor_closed() -> None:
    base = portfolio([area("a")], [])
    head = portfolio([area("a")], [initiative("x", "a")])
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    assert report.coverage == (CoverageChange("a", "Area a", 0, 1),)
    assert report.gaps_opened == report.gaps_closed == ()  # uncovered -> thin


def test_each_side_uses_its_own_per_area_threshold() -> None:
    items = [initiative("x", "a", "b"), initiative("y", "a", "b")]
    base = portfolio([area("a"), area("b", min_initiatives=3)], items)
    head = portfolio([area("a", min_initiatives=3), area("b", min_initiatives=1)], items)
    report = diff_portfolios(base, head, base_label="b", head_label="h")
    # Nothing about the initiatives changed, only the thresholds.
    assert report.coverage == ()
    assert report.initiatives_changed == ()
    assert report.gaps_opened == ("a",)
    assert report.gaps_closed == ("b",)
    assert report.changed


def test_min_initiatives_argument_applies_to_both_sides() -> None:
    base = portfolio([area("a")], [initiative("x", "a"), initiative("y", "a")])
    head = portfolio([area("a")], [initiative("x", "a"), initiative("y", "a"), initiative("z")])
    low = diff_portfolios(base, head, base_label="b", head_label="h", min_initiatives=2)
    assert (low.gaps_opened, low.gaps_closed, low.min_initiatives) == ((), (), 2)
    # With 3, "a" is thin on both sides: no gap opens or closes.
    high = diff_portfolios(base, head, base_label="b", head_label="h", min_initiatives=3)
    assert (high.gaps_opened, high.gaps_closed, high.min_initiatives) == ((), (), 3)
    assert high.initiatives_added == ("z",)


@pytest.mark.parametrize("minimum", [0, -3])
def test_diff_min_initiatives_below_one_is_an_error(minimum: int) -> None:
    p = portfolio([area("a")], [])
    with pytest.raises(ValueError, match="at least 1"):
        diff_portfolios(p, p, base_label="b", head_label="h", min_initiatives=minimum)


# --- diff: two years of one dataset ------------------------------------------------------


def test_diff_between_two_years() -> None:
    data = dataset(
        [area("a"), area("b")],
        [
            initiative("early", "a", end=2012),
            initiative("late", "b", start=2013),
            initiative("always", "a", "b"),
            initiative("mid", "a", start=2011, end=2016),
        ],
        label="data",
    )
    report = diff_portfolios(
        Portfolio(data, at=2010),
        Portfolio(data, at=2015),
        base_label="data@2010",
        head_label="data@2015",
    )
    # Nothing appears in or disappears from the data: initiatives start and end.
    assert report.initiatives_added == report.initiatives_removed == ()
    assert report.initiatives_started == ("late", "mid")
    assert report.initiatives_ended == ("early",)
    assert report.initiatives_changed == ()
    assert report.at is None  # two years: the labels name them
    assert report.coverage == (CoverageChange("b", "Area b", 1, 2),)  # a: 2 -> 2
    assert report.gaps_closed == ("b",)
    assert report.gaps_opened == ()
    # And the other way round.
    back = diff_portfolios(
        Portfolio(data, at=2015), Portfolio(data, at=2010), base_label="x", head_label="y"
    )
    assert back.initiatives_started == ("early",)
    assert back.initiatives_ended == ("late", "mid")
    assert back.initiatives_added == back.initiatives_removed == ()
    assert back.gaps_opened == ("b",)
    assert back.gaps_closed == ()
