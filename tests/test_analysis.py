"""Tests for the portfolio graph (:mod:`gapcheck.graph`) and :mod:`gapcheck.analysis`.

Datasets are built directly from the pydantic models, not through YAML, except for
the bundled dataset (Table 3.2 of the 2009 report), which is loaded from ``data/``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

import pytest

from builders import area, dataset, initiative, portfolio
from gapcheck.analysis import (
    DEFAULT_MIN_INITIATIVES,
    CrowdedArea,
    Gap,
    IdenticalGroup,
    OverlapPair,
    coverage_matrix,
    find_gaps,
    find_overlaps,
)
from gapcheck.graph import FOCUS_AREA, INITIATIVE, Portfolio
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset, FocusArea, FocusRef, Initiative

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# --- builders -----------------------------------------------------------------------------


def flat_areas(*area_ids: str) -> list[FocusArea]:
    return [area(area_id) for area_id in area_ids]


def ids(items: Iterable[Initiative | FocusArea]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


def pair_keys(pairs: Iterable[OverlapPair]) -> list[tuple[str, str]]:
    return [(pair.a, pair.b) for pair in pairs]


# --- Portfolio: the bipartite graph --------------------------------------------------------


def test_graph_is_bipartite_with_side_tagged_nodes() -> None:
    p = portfolio(
        flat_areas("a", "b", "c"),
        [initiative("i1", "a", "b"), initiative("i2", "b"), initiative("i3")],
    )
    graph = p.graph
    assert (INITIATIVE, FOCUS_AREA) == (0, 1)
    assert set(graph.nodes) == {(0, "i1"), (0, "i2"), (0, "i3"), (1, "a"), (1, "b"), (1, "c")}
    for node, side in graph.nodes(data="bipartite"):
        assert side == node[0]
    assert {frozenset(edge) for edge in graph.edges} == {
        frozenset({(0, "i1"), (1, "a")}),
        frozenset({(0, "i1"), (1, "b")}),
        frozenset({(0, "i2"), (1, "b")}),
    }
    # Every edge joins an initiative to a focus area.
    for u, v in graph.edges:
        assert {graph.nodes[u]["bipartite"], graph.nodes[v]["bipartite"]} == {0, 1}
    assert p.label == "test"
    assert p.at is None


def test_initiative_and_focus_area_may_share_an_id() -> None:
    p = portfolio(
        flat_areas("x", "y"),
        [initiative("x", "x", "y"), initiative("y", "x")],
    )
    assert p.graph.number_of_nodes() == 4
    assert p.graph.number_of_edges() == 3
    assert p.graph.nodes[(INITIATIVE, "x")]["bipartite"] == 0
    assert p.graph.nodes[(FOCUS_AREA, "x")]["bipartite"] == 1
    assert p.graph.has_edge((INITIATIVE, "x"), (FOCUS_AREA, "x"))
    assert not p.graph.has_edge((INITIATIVE, "y"), (FOCUS_AREA, "y"))
    assert p.direct("x") == ("x", "y")
    assert p.direct("y") == ("x",)
    assert p.focus_areas_of("x") == ("x", "y")
    assert p.focus_areas_of("y") == ("x",)
    matrix = coverage_matrix(p)
    assert [(a.id, a.initiatives) for a in matrix.focus_areas] == [("x", ("x", "y")), ("y", ("x",))]


def test_repeated_references_count_once() -> None:
    twice = Initiative(
        id="twice",
        name="Twice",
        focus_areas=[
            FocusRef(id="b", note="first claim"),
            FocusRef(id="a"),
            FocusRef(id="b", note="second claim"),
        ],
    )
    other = initiative("other", "a", "a")
    p = portfolio(flat_areas("a", "b"), [twice, other])
    assert p.focus_areas_of("twice") == ("b", "a")
    assert p.graph.degree[(INITIATIVE, "twice")] == 2
    assert p.direct("b") == ("twice",)
    assert p.direct("a") == ("twice", "other")

    matrix = coverage_matrix(p)
    assert [item.focus_areas for item in matrix.initiatives] == [("b", "a"), ("a",)]
    assert [len(a.initiatives) for a in matrix.focus_areas] == [2, 1]

    gaps = find_gaps(p)
    assert [(g.focus_area, g.count) for g in gaps.gaps] == [("b", 1)]

    overlaps = find_overlaps(p)
    assert overlaps.pairs == (OverlapPair("twice", "other", ("a",), 0.5),)
    assert overlaps.identical == ()

    # Two initiatives listing the same area twice are identical, with jaccard 1.
    doubled = portfolio(flat_areas("a"), [initiative("p", "a", "a"), initiative("q", "a")])
    report = find_overlaps(doubled)
    assert report.identical == (IdenticalGroup(("a",), ("p", "q")),)
    assert report.pairs == (OverlapPair("p", "q", ("a",), 1.0),)


YEAR_INITIATIVES = [
    initiative("always", "a"),
    initiative("from-2005", "a", start=2005),
    initiative("until-2010", "a", end=2010),
    initiative("window", "a", start=2005, end=2010),
    initiative("only-2008", "a", start=2008, end=2008),
]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (None, ("always", "from-2005", "until-2010", "window", "only-2008")),
        (2004, ("always", "until-2010")),
        (2005, ("always", "from-2005", "until-2010", "window")),
        (2007, ("always", "from-2005", "until-2010", "window")),
        (2008, ("always", "from-2005", "until-2010", "window", "only-2008")),
        (2009, ("always", "from-2005", "until-2010", "window")),
        (2010, ("always", "from-2005", "until-2010", "window")),
        (2011, ("always", "from-2005")),
    ],
)
def test_at_keeps_initiatives_active_in_that_year(
    year: int | None, expected: tuple[str, ...]
) -> None:
    p = portfolio(flat_areas("a"), YEAR_INITIATIVES, at=year)
    assert p.at == year
    assert ids(p.initiatives) == expected
    assert {node[1] for node in p.graph.nodes if node[0] == INITIATIVE} == set(expected)
    assert p.direct("a") == expected
    assert p.rolled_up("a") == expected
    assert find_gaps(p).at == year
    overlaps = find_overlaps(p)
    assert overlaps.at == year
    assert overlaps.initiative_count == len(expected)
    assert overlaps.pair_count == len(expected) * (len(expected) - 1) // 2
    # The dataset itself is untouched.
    assert ids(p.dataset.initiatives) == ids(YEAR_INITIATIVES)


def test_inactive_initiative_is_not_in_the_portfolio() -> None:
    p = portfolio(
        flat_areas("a"),
        [initiative("old", "a", start=1990, end=1999), initiative("new", start=2000)],
        at=2000,
    )
    assert p.focus_areas_of("new") == ()
    with pytest.raises(KeyError):
        p.focus_areas_of("old")
    gaps = find_gaps(p)
    assert gaps.orphans == ("new",)
    assert [(g.focus_area, g.kind) for g in gaps.gaps] == [("a", "uncovered")]


# --- hierarchy roll-up ---------------------------------------------------------------------

# A three-level tree, written with children before their parents in places:
#
#   root
#   ├── mid-a
#   │   ├── leaf-1
#   │   └── leaf-2
#   └── mid-b
TREE = [
    area("leaf-1", parent="mid-a"),
    area("root"),
    area("mid-a", parent="root"),
    area("leaf-2", parent="mid-a"),
    area("mid-b", parent="root"),
]
# Ids not in alphabetical order, so that "file order" is distinguishable from sorting.
TREE_INITIATIVES = [
    initiative("zulu", "leaf-1"),
    initiative("yankee", "mid-a", "leaf-1"),  # a child and its parent: counts once
    initiative("xray", "leaf-2"),
    initiative("whiskey", "mid-b"),
    initiative("victor", "root"),
    initiative("uniform"),
]


def test_rolled_up_counts_each_initiative_once_in_file_order() -> None:
    p = portfolio(TREE, TREE_INITIATIVES)
    assert p.children == {
        "leaf-1": (),
        "root": ("mid-a", "mid-b"),
        "mid-a": ("leaf-1", "leaf-2"),
        "leaf-2": (),
        "mid-b": (),
    }
    expected_direct = {
        "leaf-1": ("zulu", "yankee"),
        "root": ("victor",),
        "mid-a": ("yankee",),
        "leaf-2": ("xray",),
        "mid-b": ("whiskey",),
    }
    expected_rolled = {
        "leaf-1": ("zulu", "yankee"),
        "root": ("zulu", "yankee", "xray", "whiskey", "victor"),
        "mid-a": ("zulu", "yankee", "xray"),
        "leaf-2": ("xray",),
        "mid-b": ("whiskey",),
    }
    for area_id, direct in expected_direct.items():
        assert p.direct(area_id) == direct, area_id
        assert p.rolled_up(area_id) == expected_rolled[area_id], area_id

    matrix = coverage_matrix(p)
    assert matrix.data == "test"
    assert matrix.at is None
    assert [(a.id, a.parent, a.direct, a.initiatives) for a in matrix.focus_areas] == [
        (area_id, parent, expected_direct[area_id], expected_rolled[area_id])
        for area_id, parent in [
            ("leaf-1", "mid-a"),
            ("root", None),
            ("mid-a", "root"),
            ("leaf-2", "mid-a"),
            ("mid-b", "root"),
        ]
    ]
    assert [(i.id, i.focus_areas) for i in matrix.initiatives] == [
        ("zulu", ("leaf-1",)),
        ("yankee", ("mid-a", "leaf-1")),
        ("xray", ("leaf-2",)),
        ("whiskey", ("mid-b",)),
        ("victor", ("root",)),
        ("uniform", ()),
    ]


def test_rolled_up_respects_at() -> None:
    initiatives = [
        initiative("early", "leaf-1", end=2005),
        initiative("late", "leaf-2", start=2006),
        initiative("both", "mid-a", "leaf-2"),
    ]
    p = portfolio(TREE, initiatives, at=2006)
    assert p.rolled_up("root") == ("late", "both")
    assert p.rolled_up("mid-a") == ("late", "both")
    assert p.rolled_up("leaf-1") == ()
    assert p.direct("leaf-2") == ("late", "both")


@pytest.mark.parametrize("deepest_first", [False, True])
def test_deep_chain_rolls_up_without_recursion(deepest_first: bool) -> None:
    depth = 5000
    chain = [area(f"a{n}", parent=f"a{n - 1}" if n else None) for n in range(depth)]
    if deepest_first:
        chain.reverse()
    initiatives = [
        initiative("deep", f"a{depth - 1}"),
        initiative("top", "a0"),
        initiative("middle", f"a{depth // 2}"),
    ]
    p = portfolio(chain, initiatives)
    assert p.rolled_up("a0") == ("deep", "top", "middle")
    assert p.rolled_up("a1") == ("deep", "middle")
    assert p.rolled_up(f"a{depth // 2}") == ("deep", "middle")
    assert p.rolled_up(f"a{depth // 2 + 1}") == ("deep",)
    assert p.rolled_up(f"a{depth - 1}") == ("deep",)
    assert p.children[f"a{depth - 2}"] == (f"a{depth - 1}",)

    report = find_gaps(p)
    # a1 .. a{depth//2} have two initiatives (deep, middle); the rest below have one.
    thin = {gap.focus_area for gap in report.gaps}
    assert thin == {f"a{n}" for n in range(depth // 2 + 1, depth)}
    assert all(gap.kind == "thin" and gap.count == 1 for gap in report.gaps)
    # Equal counts keep file order.
    expected_order = [area.id for area in chain if area.id in thin]
    assert [gap.focus_area for gap in report.gaps] == expected_order

    # Crowded counts direct marks: a0 is listed by "top" alone, not by the chain below it.
    assert find_overlaps(p, max_share=0.5).crowded == ()
    crowded = find_overlaps(p, max_share=0.3).crowded
    assert [(entry.focus_area, entry.count) for entry in crowded] == sorted(
        [("a0", 1), (f"a{depth // 2}", 1), (f"a{depth - 1}", 1)],
        key=lambda entry: [a.id for a in chain].index(entry[0]),
    )


# --- find_gaps -----------------------------------------------------------------------------


def counted_portfolio(counts: Sequence[tuple[FocusArea, int]]) -> Portfolio:
    """A flat portfolio where each area is listed by its own ``count`` initiatives."""
    initiatives = [initiative(f"{a.id}-{n}", a.id) for a, count in counts for n in range(count)]
    return portfolio([a for a, _ in counts], initiatives)


def test_uncovered_and_thin_with_default_threshold() -> None:
    p = counted_portfolio(
        [(area("none"), 0), (area("one"), 1), (area("two"), 2), (area("three"), 3)]
    )
    report = find_gaps(p)
    assert DEFAULT_MIN_INITIATIVES == 2
    assert report.min_initiatives == 2
    assert report.focus_area_count == 4
    assert report.data == "test"
    assert report.gaps == (
        Gap("none", "Area none", "uncovered", 0, 2, ()),
        Gap("one", "Area one", "thin", 1, 2, ("one-0",)),
    )
    assert report.orphans == ()


@pytest.mark.parametrize(
    ("minimum", "expected"),
    [
        (1, [("none", "uncovered", 0)]),
        (2, [("none", "uncovered", 0), ("one", "thin", 1)]),
        (3, [("none", "uncovered", 0), ("one", "thin", 1), ("two", "thin", 2)]),
        (
            4,
            [
                ("none", "uncovered", 0),
                ("one", "thin", 1),
                ("two", "thin", 2),
                ("three", "thin", 3),
            ],
        ),
    ],
)
def test_min_initiatives_argument(minimum: int, expected: list[tuple[str, str, int]]) -> None:
    p = counted_portfolio(
        [(area("none"), 0), (area("one"), 1), (area("two"), 2), (area("three"), 3)]
    )
    report = find_gaps(p, min_initiatives=minimum)
    assert report.min_initiatives == minimum
    assert [(g.focus_area, g.kind, g.count) for g in report.gaps] == expected
    assert all(g.threshold == minimum for g in report.gaps)


def test_per_area_threshold_overrides_argument_up_and_down() -> None:
    p = counted_portfolio(
        [
            (area("strict", min_initiatives=4), 3),  # 3 >= 2, but the area wants 4
            (area("lenient", min_initiatives=1), 1),  # 1 < 3, but the area is happy with 1
            (area("lenient-empty", min_initiatives=1), 0),
            (area("plain"), 2),
        ]
    )
    # Ranked by priority (all 3 here), then shortfall, then file order.
    report = find_gaps(p)
    assert [(g.focus_area, g.kind, g.count, g.threshold) for g in report.gaps] == [
        ("strict", "thin", 3, 4),
        ("lenient-empty", "uncovered", 0, 1),
    ]
    report = find_gaps(p, min_initiatives=3)
    assert [(g.focus_area, g.kind, g.count, g.threshold) for g in report.gaps] == [
        ("strict", "thin", 3, 4),
        ("lenient-empty", "uncovered", 0, 1),
        ("plain", "thin", 2, 3),
    ]
    report = find_gaps(p, min_initiatives=10)
    assert [(g.focus_area, g.threshold) for g in report.gaps] == [
        ("plain", 10),  # shortfall 8
        ("strict", 4),
        ("lenient-empty", 1),
    ]


def test_gap_order_priority_then_shortfall_then_file_order() -> None:
    p = counted_portfolio(
        [
            (area("m-two", min_initiatives=5), 2),
            (area("k-one"), 1),
            (area("z-none"), 0),
            (area("b-one"), 1),
            (area("a-none"), 0),
            (area("c-four", min_initiatives=5), 4),
            (area("ok"), 2),
        ]
    )
    report = find_gaps(p)
    # Shortfalls (all priority 3): m-two 3, k-one 1, z-none 2, b-one 1, a-none 2, c-four 1.
    assert [(g.focus_area, g.kind, g.shortfall) for g in report.gaps] == [
        ("m-two", "thin", 3),
        ("z-none", "uncovered", 2),
        ("a-none", "uncovered", 2),
        ("k-one", "thin", 1),
        ("b-one", "thin", 1),
        ("c-four", "thin", 1),
    ]
    assert report.gaps[0].initiatives == ("m-two-0", "m-two-1")


def test_orphans_in_file_order() -> None:
    p = portfolio(
        flat_areas("a", "b"),
        [
            initiative("zz-orphan"),
            initiative("member", "a"),
            initiative("aa-orphan"),
            initiative("member-2", "a", "b"),
            initiative("late-orphan", start=2020),
        ],
    )
    assert find_gaps(p).orphans == ("zz-orphan", "aa-orphan", "late-orphan")
    assert find_gaps(Portfolio(p.dataset, at=2019)).orphans == ("zz-orphan", "aa-orphan")


def test_roll_up_makes_a_parent_not_a_gap() -> None:
    areas = [
        area("covered-parent"),
        area("kid-1", parent="covered-parent"),
        area("kid-2", parent="covered-parent"),
        area("thin-parent"),
        area("kid-3", parent="thin-parent"),
        area("empty-parent"),
        area("empty-kid", parent="empty-parent"),
    ]
    initiatives = [
        initiative("one", "kid-1"),
        initiative("two", "kid-2"),
        initiative("three", "kid-3", "thin-parent"),  # counts once for thin-parent
    ]
    report = find_gaps(portfolio(areas, initiatives))
    assert [(g.focus_area, g.kind, g.count, g.initiatives) for g in report.gaps] == [
        ("empty-parent", "uncovered", 0, ()),
        ("empty-kid", "uncovered", 0, ()),
        ("kid-1", "thin", 1, ("one",)),
        ("kid-2", "thin", 1, ("two",)),
        ("thin-parent", "thin", 1, ("three",)),
        ("kid-3", "thin", 1, ("three",)),
    ]
    assert "covered-parent" not in {g.focus_area for g in report.gaps}


@pytest.mark.parametrize("minimum", [0, -1, -100])
def test_min_initiatives_below_one_is_an_error(minimum: int) -> None:
    p = counted_portfolio([(area("a"), 1)])
    with pytest.raises(ValueError, match="min_initiatives"):
        find_gaps(p, min_initiatives=minimum)


def test_gaps_of_empty_portfolio() -> None:
    report = find_gaps(portfolio(flat_areas("a", "b"), []))
    assert [(g.focus_area, g.kind) for g in report.gaps] == [("a", "uncovered"), ("b", "uncovered")]
    assert report.orphans == ()
    nothing = find_gaps(portfolio([], []))
    assert nothing.gaps == ()
    assert nothing.focus_area_count == 0


# --- find_overlaps: crowded ----------------------------------------------------------------


def crowding_portfolio(count: int, total: int) -> Portfolio:
    """``count`` of ``total`` initiatives list the area ``hot``, the rest list ``cold``."""
    initiatives = [initiative(f"i{n}", "hot" if n < count else "cold") for n in range(total)]
    return portfolio(flat_areas("hot", "cold"), initiatives)


# Shares where count == share * total exactly, including ones whose float product
# `share * total` is not exactly `count` (0.29 * 100 == 28.999999999999996).
@pytest.mark.parametrize(
    ("count", "total", "share"),
    [
        (5, 10, 0.5),
        (3, 10, 0.3),
        (1, 4, 0.25),
        (7, 100, 0.07),
        (29, 100, 0.29),
        (57, 100, 0.57),
        (58, 100, 0.58),
        (29, 50, 0.58),
        (10, 10, 1.0),
    ],
)
def test_crowded_is_strictly_more_than_the_share(count: int, total: int, share: float) -> None:
    at_share = find_overlaps(crowding_portfolio(count, total), max_share=share)
    assert "hot" not in [entry.focus_area for entry in at_share.crowded]
    if count < total:
        above = find_overlaps(crowding_portfolio(count + 1, total), max_share=share)
        hot = [entry for entry in above.crowded if entry.focus_area == "hot"]
        assert len(hot) == 1
        assert hot[0].count == count + 1
        assert hot[0].share == (count + 1) / total


def test_crowded_share_and_order() -> None:
    # Counts: a 3, b 5, c 3, d 5, e 1 of 6 initiatives; with max_share 0.4 the cut is > 2.4.
    initiatives = [
        initiative("p", "a", "b", "c", "d"),
        initiative("q", "b", "d"),
        initiative("r", "b", "d", "e"),
        initiative("s", "a", "b", "c", "d"),
        initiative("t", "b", "d", "a", "c"),
        initiative("u"),
    ]
    report = find_overlaps(portfolio(flat_areas("a", "b", "c", "d", "e"), initiatives), 0.4)
    assert report.max_share == 0.4
    assert report.initiative_count == 6
    assert report.crowded == (
        CrowdedArea("b", "Area b", 5, 5 / 6, ("p", "q", "r", "s", "t")),
        CrowdedArea("d", "Area d", 5, 5 / 6, ("p", "q", "r", "s", "t")),
        CrowdedArea("a", "Area a", 3, 0.5, ("p", "s", "t")),
        CrowdedArea("c", "Area c", 3, 0.5, ("p", "s", "t")),
    )
    assert (
        find_overlaps(portfolio(flat_areas("a", "b", "c", "d", "e"), initiatives), 0.5)
        .crowded[-1]
        .focus_area
        == "d"
    )


def test_crowded_extremes_count_direct_marks_only() -> None:
    p = portfolio(TREE, TREE_INITIATIVES)  # 6 initiatives
    everything = find_overlaps(p, max_share=0.0)
    # Direct marks (by hand): leaf-1 zulu+yankee; root victor; mid-a yankee; leaf-2
    # xray; mid-b whiskey. Most first, then file order.
    assert [(c.focus_area, c.count, c.initiatives) for c in everything.crowded] == [
        ("leaf-1", 2, ("zulu", "yankee")),
        ("root", 1, ("victor",)),
        ("mid-a", 1, ("yankee",)),
        ("leaf-2", 1, ("xray",)),
        ("mid-b", 1, ("whiskey",)),
    ]
    assert everything.hierarchy
    assert find_overlaps(p, max_share=1.0).crowded == ()
    # root rolls up 5 of 6 initiatives, but only victor lists it: not crowded, and
    # still covered (gaps roll up).
    assert find_overlaps(p).crowded == ()
    assert "root" not in {gap.focus_area for gap in find_gaps(p).gaps}


def test_parent_is_not_crowded_by_unrelated_children() -> None:
    """Four initiatives each on their own sub-area share nothing: the parent they roll
    up into is covered, not crowded; one that three list directly is crowded."""
    areas = [
        area("parent"),
        *(area(f"kid-{n}", parent="parent") for n in range(4)),
        area("busy"),
    ]
    initiatives = [
        initiative("i0", "kid-0", "busy"),
        initiative("i1", "kid-1", "busy"),
        initiative("i2", "kid-2", "busy"),
        initiative("i3", "kid-3"),
    ]
    p = portfolio(areas, initiatives)
    report = find_overlaps(p)  # crowded above 0.5 * 4 = 2
    assert [(c.focus_area, c.count, c.share) for c in report.crowded] == [("busy", 3, 0.75)]
    assert report.hierarchy
    assert coverage_matrix(p).focus_areas[0].initiatives == ("i0", "i1", "i2", "i3")
    gaps = find_gaps(p)
    assert "parent" not in {gap.focus_area for gap in gaps.gaps}
    assert gaps.hierarchy
    assert not find_gaps(portfolio([area("flat")], initiatives[:0])).hierarchy


@pytest.mark.parametrize("share", [-0.01, 1.01, 2.0])
def test_max_share_out_of_range_is_an_error(share: float) -> None:
    with pytest.raises(ValueError, match="max_share"):
        find_overlaps(crowding_portfolio(1, 2), max_share=share)


def test_negative_top_is_an_error() -> None:
    with pytest.raises(ValueError, match="top"):
        find_overlaps(crowding_portfolio(1, 2), top=-1)


# --- find_overlaps: identical groups -------------------------------------------------------


def test_identical_groups() -> None:
    initiatives = [
        initiative("i1", "a", "b"),
        initiative("i2", "b", "a"),  # same set, other order
        initiative("i3", "a"),
        initiative("e1"),
        initiative("e2"),  # empty sets are never grouped
        initiative("i6", "c", "a", "b"),
        initiative("i7", "a"),
        initiative("i8", "b", "c", "a", "b"),
        initiative("lonely", "c"),
        initiative("i10", "a", "b"),
    ]
    report = find_overlaps(portfolio(flat_areas("a", "b", "c"), initiatives))
    assert set(report.identical) == {
        IdenticalGroup(("a", "b"), ("i1", "i2", "i10")),
        IdenticalGroup(("a",), ("i3", "i7")),
        IdenticalGroup(("a", "b", "c"), ("i6", "i8")),
    }
    assert len(report.identical) == 3


def test_identical_group_lists_areas_in_file_order() -> None:
    initiatives = [initiative("p", "first", "last"), initiative("q", "last", "first")]
    report = find_overlaps(portfolio(flat_areas("last", "middle", "first"), initiatives))
    assert report.identical == (IdenticalGroup(("last", "first"), ("p", "q")),)


def test_no_identical_groups_among_empty_or_distinct() -> None:
    report = find_overlaps(
        portfolio(flat_areas("a", "b"), [initiative("x"), initiative("y"), initiative("z", "a")])
    )
    assert report.identical == ()
    assert report.pairs == ()
    assert report.pair_count == 0


# --- find_overlaps: pairs ------------------------------------------------------------------

PAIR_INITIATIVES = [
    initiative("p", "a", "b", "c"),
    initiative("q", "a", "b", "c", "d"),  # with p: 3 shared, jaccard 3/4
    initiative("r", "c", "b", "a"),  # with p: 3 shared, jaccard 1; with q: 3/4
    initiative("s", "d", "e"),  # with q: 1 shared, jaccard 1/5
    initiative("t", "e"),  # with s: 1 shared, jaccard 1/2
    initiative("u"),
]
PAIRS = (
    OverlapPair("p", "r", ("a", "b", "c"), 1.0),
    OverlapPair("p", "q", ("a", "b", "c"), 0.75),
    OverlapPair("q", "r", ("a", "b", "c"), 0.75),
    OverlapPair("s", "t", ("e",), 0.5),
    OverlapPair("q", "s", ("d",), 0.2),
)


def test_pairs_ranked_by_shared_then_jaccard_then_file_order() -> None:
    report = find_overlaps(portfolio(flat_areas("a", "b", "c", "d", "e"), PAIR_INITIATIVES))
    assert report.pairs == PAIRS
    assert report.pair_count == 5


def test_pair_ties_follow_file_order_of_a_then_b() -> None:
    # Ids run against the alphabet so that file order is not sorted order.
    initiatives = [
        initiative("zulu", "a"),
        initiative("yankee", "a"),
        initiative("xray", "a"),
        initiative("whiskey", "a"),
    ]
    report = find_overlaps(portfolio(flat_areas("a"), initiatives))
    assert pair_keys(report.pairs) == [
        ("zulu", "yankee"),
        ("zulu", "xray"),
        ("zulu", "whiskey"),
        ("yankee", "xray"),
        ("yankee", "whiskey"),
        ("xray", "whiskey"),
    ]
    assert all(pair.jaccard == 1.0 and pair.shared == ("a",) for pair in report.pairs)


def test_pair_shared_in_focus_area_file_order() -> None:
    initiatives = [initiative("p", "a", "z", "m"), initiative("q", "m", "a", "z", "x")]
    report = find_overlaps(portfolio(flat_areas("z", "x", "m", "a"), initiatives))
    assert report.pairs == (OverlapPair("p", "q", ("z", "m", "a"), 0.75),)


def test_jaccard_values() -> None:
    initiatives = [
        initiative("one-of-three", "a"),
        initiative("three", "a", "b", "c"),
        initiative("two-of-four", "c", "d"),
    ]
    report = find_overlaps(portfolio(flat_areas("a", "b", "c", "d"), initiatives))
    assert {(pair.a, pair.b): pair.jaccard for pair in report.pairs} == {
        ("one-of-three", "three"): pytest.approx(1 / 3),
        ("three", "two-of-four"): 0.25,
    }
    # Same shared count: higher jaccard first, even though it is later in the file.
    assert pair_keys(report.pairs) == [("one-of-three", "three"), ("three", "two-of-four")]


def test_pairs_use_directly_listed_areas_not_roll_up() -> None:
    initiatives = [
        initiative("left", "leaf-1"),
        initiative("right", "leaf-2"),
        initiative("parent", "mid-a"),
    ]
    report = find_overlaps(portfolio(TREE, initiatives))
    assert report.pairs == ()
    assert report.pair_count == 0


@pytest.mark.parametrize("top", [0, 1, 2, 4, 5, 6, 100])
def test_top_truncates_pairs_but_not_pair_count(top: int) -> None:
    report = find_overlaps(
        portfolio(flat_areas("a", "b", "c", "d", "e"), PAIR_INITIATIVES), top=top
    )
    assert report.pairs == PAIRS[:top]
    assert report.pair_count == len(PAIRS)
    # Crowding and identical groups are not affected by top.
    untruncated = find_overlaps(portfolio(flat_areas("a", "b", "c", "d", "e"), PAIR_INITIATIVES))
    assert report.crowded == untruncated.crowded
    assert report.identical == untruncated.identical


def test_overlaps_of_empty_portfolio() -> None:
    for p in (
        portfolio([], []),
        portfolio(flat_areas("a", "b"), []),
        portfolio(flat_areas("a"), [initiative("gone", "a", end=2000)], at=2001),
    ):
        report = find_overlaps(p, max_share=0.0, top=3)
        assert report.initiative_count == 0
        assert report.crowded == ()
        assert report.identical == ()
        assert report.pairs == ()
        assert report.pair_count == 0


# --- the report's conclusions on the bundled dataset (Table 3.2) ----------------------------


@pytest.fixture(scope="module")
def bundled() -> Portfolio:
    result = load_dataset(DATA_DIR)
    assert result.dataset is not None, result.diagnostics
    return Portfolio(result.dataset)


def test_bundled_shape(bundled: Portfolio) -> None:
    assert len(bundled.focus_areas) == 5
    assert len(bundled.initiatives) == 10
    assert bundled.graph.number_of_edges() == 22  # the X marks of Table 3.2
    assert sum(len(item.focus_area_ids) for item in bundled.initiatives) == 22


def test_bundled_coverage_counts(bundled: Portfolio) -> None:
    matrix = coverage_matrix(bundled)
    assert [(a.id, len(a.initiatives)) for a in matrix.focus_areas] == [
        ("mmv-globale-spillere", 3),
        ("specialisering-og-outsourcing", 1),
        ("specialiseret-arbejdskraft", 6),
        ("hjemtagning-af-viden", 8),
        ("synlighed-og-branding", 4),
    ]
    # A flat list of areas: roll-up changes nothing.
    assert all(a.direct == a.initiatives for a in matrix.focus_areas)


def test_bundled_single_thin_gap(bundled: Portfolio) -> None:
    report = find_gaps(bundled)
    assert [(g.focus_area, g.kind, g.count, g.threshold) for g in report.gaps] == [
        ("specialisering-og-outsourcing", "thin", 1, 2)
    ]
    assert report.gaps[0].initiatives == ("samarbejdsregioner",)
    assert report.orphans == ()


def test_bundled_crowded_areas(bundled: Portfolio) -> None:
    # Section 5.2: many initiatives on knowledge import and on specialised labour.
    report = find_overlaps(bundled)
    assert [(c.focus_area, c.count, c.share) for c in report.crowded] == [
        ("hjemtagning-af-viden", 8, 0.8),
        ("specialiseret-arbejdskraft", 6, 0.6),
    ]


def test_bundled_identical_group_and_pairs(bundled: Portfolio) -> None:
    # Section 5.2: the labour and student initiatives overlap.
    report = find_overlaps(bundled)
    assert report.identical == (
        IdenticalGroup(
            ("specialiseret-arbejdskraft", "hjemtagning-af-viden"),
            (
                "interreg",
                "udenlandske-studerende",
                "international-community",
                "vestdansk-investeringsfremme",
            ),
        ),
    )
    top = report.pairs[0]
    assert (top.a, top.b) == ("samarbejdsregioner", "modtageapparat")
    assert top.shared == (
        "specialiseret-arbejdskraft",
        "hjemtagning-af-viden",
        "synlighed-og-branding",
    )
    assert top.jaccard == 0.6
    assert report.pair_count == 33
    assert len(report.pairs) == 33
    assert find_overlaps(bundled, top=1).pairs == (top,)


# --- differential test against a brute-force reference ------------------------------------


def random_dataset(seed: int) -> Dataset:
    rng = random.Random(seed)
    area_count = 12
    names = [f"f{n:02d}" for n in range(area_count)]
    # A small hierarchy: the first four are roots, the others hang below an earlier one.
    parents: dict[str, str | None] = {}
    for index, area_id in enumerate(names):
        parents[area_id] = None if index < 4 else rng.choice(names[:index])
    file_order = names[:]
    rng.shuffle(file_order)  # children may come before their parents in the file
    areas = [
        area(
            area_id,
            parent=parents[area_id],
            min_initiatives=rng.choice([None, None, None, 1, 3, 5]),
        )
        for area_id in file_order
    ]
    # Skewed popularity, so that some areas are crowded and others thin or uncovered.
    weights = [40, 25, 15, 10, 6, 4, 3, 2, 1, 1, 0.5, 0.2]
    rng.shuffle(weights)
    initiatives = []
    for n in range(50):
        count = rng.choice([0, 1, 1, 2, 2, 3, 4])
        listed = rng.choices(names, weights=weights, k=count)
        if listed and rng.random() < 0.2:
            listed.append(listed[0])  # a repeated reference
        start = rng.choice([None, None, 2000, 2005, 2010])
        end = rng.choice([None, None, 2005, 2010, 2015])
        if start is not None and end is not None and end < start:
            start, end = end, start
        initiatives.append(
            initiative(f"i{rng.randrange(10**6):06d}-{n}", *listed, start=start, end=end)
        )
    return dataset(areas, initiatives, label=f"random-{seed}")


def reference_rolled_up(data: Dataset, active: list[Initiative]) -> dict[str, list[str]]:
    parent = {a.id: a.parent for a in data.focus_areas}
    members: dict[str, list[str]] = {a.id: [] for a in data.focus_areas}
    for item in active:  # file order
        reached: set[str] = set()
        for ref in item.focus_areas:
            node: str | None = ref.id
            while node is not None:
                reached.add(node)
                node = parent[node]
        for area_id in reached:
            members[area_id].append(item.id)
    return members


def reference_gaps(
    data: Dataset, at: int | None, minimum: int
) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    active = [i for i in data.initiatives if at is None or i.active_in(at)]
    members = reference_rolled_up(data, active)
    found = []
    for rank, a in enumerate(data.focus_areas):
        threshold = a.min_initiatives if a.min_initiatives is not None else minimum
        count = len(members[a.id])
        if count < threshold:
            kind = "uncovered" if count == 0 else "thin"
            key = (-a.priority, count - threshold, rank)  # priority, shortfall, file order
            found.append((key, (a.id, kind, count, threshold, tuple(members[a.id]))))
    found.sort(key=lambda entry: entry[0])
    return [gap for _, gap in found]


def reference_pairs(data: Dataset, at: int | None) -> list[tuple[str, str, tuple[str, ...], float]]:
    active = [i for i in data.initiatives if at is None or i.active_in(at)]
    area_ids = [a.id for a in data.focus_areas]
    found = []
    for i in range(len(active)):
        for j in range(i + 1, len(active)):
            first = {ref.id for ref in active[i].focus_areas}
            second = {ref.id for ref in active[j].focus_areas}
            shared = first & second
            if not shared:
                continue
            jaccard = Fraction(len(shared), len(first | second))
            ordered = tuple(area_id for area_id in area_ids if area_id in shared)
            key = (-len(shared), -jaccard, i, j)
            found.append((key, (active[i].id, active[j].id, ordered, float(jaccard))))
    found.sort(key=lambda entry: entry[0])
    return [pair for _, pair in found]


def reference_crowded(
    data: Dataset, at: int | None, max_share: str
) -> list[tuple[str, int, tuple[str, ...]]]:
    active = [i for i in data.initiatives if at is None or i.active_in(at)]
    members = {
        a.id: [i.id for i in active if a.id in {ref.id for ref in i.focus_areas}]
        for a in data.focus_areas
    }
    limit = Fraction(max_share) * len(active)
    found = [
        ((-len(members[a.id]), rank), (a.id, len(members[a.id]), tuple(members[a.id])))
        for rank, a in enumerate(data.focus_areas)
        if active and len(members[a.id]) > limit
    ]
    found.sort(key=lambda entry: entry[0])
    return [entry for _, entry in found]


def reference_identical(
    data: Dataset, at: int | None
) -> set[tuple[frozenset[str], tuple[str, ...]]]:
    active = [i for i in data.initiatives if at is None or i.active_in(at)]
    groups = set()
    for item in active:
        areas = frozenset(ref.id for ref in item.focus_areas)
        same = tuple(
            other.id for other in active if frozenset(ref.id for ref in other.focus_areas) == areas
        )
        if areas and len(same) > 1:
            groups.add((areas, same))
    return groups


SEEDS = (1, 2, 3, 7, 2009)
YEARS = (None, 2005, 2012)
MINIMUMS = (1, 2, 3, 5)


def test_random_portfolios_exercise_every_rule() -> None:
    """The differential test below is only as good as its data: check that, taken
    together, the random portfolios hit every case the orderings must decide."""
    kinds: list[str] = []
    gaps_out_of_file_order = 0
    jaccard_ties = 0
    rolled_up_differs = 0
    identical_groups = 0
    overridden = 0
    for seed in SEEDS:
        data = random_dataset(seed)
        rank = {a.id: n for n, a in enumerate(data.focus_areas)}
        overridden += sum(a.min_initiatives is not None for a in data.focus_areas)
        for at in YEARS:
            for minimum in MINIMUMS:
                gaps = reference_gaps(data, at, minimum)
                kinds.extend(kind for _, kind, _, _, _ in gaps)
                order = [rank[area_id] for area_id, _, _, _, _ in gaps]
                gaps_out_of_file_order += order != sorted(order)
            pairs = reference_pairs(data, at)
            keys = [(len(shared), jaccard) for _, _, shared, jaccard in pairs]
            jaccard_ties += len(keys) - len(set(keys))
            p = Portfolio(data, at=at)
            rolled_up_differs += sum(p.direct(a.id) != p.rolled_up(a.id) for a in data.focus_areas)
            identical_groups += len(reference_identical(data, at))
    assert kinds.count("uncovered") >= 10
    assert kinds.count("thin") >= 10
    assert gaps_out_of_file_order >= 5
    assert jaccard_ties >= 50
    assert rolled_up_differs >= 10
    assert identical_groups >= 5
    assert overridden >= 5


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("at", YEARS)
def test_matches_brute_force_reference(seed: int, at: int | None) -> None:
    data = random_dataset(seed)
    p = Portfolio(data, at=at)
    for minimum in MINIMUMS:
        report = find_gaps(p, min_initiatives=minimum)
        assert [
            (g.focus_area, g.kind, g.count, g.threshold, g.initiatives) for g in report.gaps
        ] == reference_gaps(data, at, minimum)

    for share in ("0", "0.1", "0.14", "0.3", "0.58", "1"):
        overlaps = find_overlaps(p, max_share=float(share))
        assert [
            (c.focus_area, c.count, c.initiatives) for c in overlaps.crowded
        ] == reference_crowded(data, at, share)

    overlaps = find_overlaps(p)
    expected_pairs = reference_pairs(data, at)
    assert len(expected_pairs) > 20  # the portfolio is not trivial
    assert [(q.a, q.b, q.shared, q.jaccard) for q in overlaps.pairs] == expected_pairs
    assert overlaps.pair_count == len(expected_pairs)
    assert {
        (frozenset(group.focus_areas), group.initiatives) for group in overlaps.identical
    } == reference_identical(data, at)
    for group in overlaps.identical:
        ranks = [ids(data.focus_areas).index(area_id) for area_id in group.focus_areas]
        assert ranks == sorted(ranks)

    top = find_overlaps(p, top=10)
    assert [(q.a, q.b) for q in top.pairs] == [(a, b) for a, b, _, _ in expected_pairs[:10]]
    assert top.pair_count == len(expected_pairs)
