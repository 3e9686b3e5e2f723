"""Coverage over time: active initiatives per focus area and year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from gapcheck.analysis.coverage import min_initiatives_in_force
from gapcheck.contract import SELECTED, Entry
from gapcheck.selection import named, selection_fields

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset


@dataclass(frozen=True, slots=True)
class AreaTimeline:
    """One focus area's rolled-up count of active initiatives in each year."""

    JSON: ClassVar[tuple[Entry, ...]] = ("id", "name", "threshold", "counts")

    id: str
    name: str
    counts: tuple[int, ...]
    threshold: int  # below this an area is thin (a gap) in that year
    parent: str | None = None  # the parent focus area's id, for labels


@dataclass(frozen=True, slots=True)
class Timeline:
    LIMITED: ClassVar[tuple[str, ...]] = ("focus_areas",)
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "years", "clipped_from", "min_initiatives", "focus_areas"),
        *SELECTED,
    )

    data: str
    years: tuple[int, ...]
    min_initiatives: int
    focus_areas: tuple[AreaTimeline, ...]
    title: str | None = None  # the portfolio's title, for headings
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False
    #: The range asked for, when it was longer than :data:`YEAR_AXIS` years and
    #: ``years`` is the window of it around the counted year.
    clipped_from: tuple[int, int] | None = None


#: A year axis spans at most this many years, like every other axis of the output
#: has a cap: years are the one axis the data can stretch by typing one number
#: (``start: 1000`` to ``end: 9999`` is 9,000 rows of every focus area).
YEAR_AXIS = 100


def year_window(first: int, last: int, around: int) -> tuple[int, int]:
    """``first``-``last``, or the :data:`YEAR_AXIS` years of it around ``around``
    (half before, as the range allows) when it is longer."""
    if last - first + 1 <= YEAR_AXIS:
        return first, last
    start = min(max(around - YEAR_AXIS // 2, first), last - YEAR_AXIS + 1)
    return start, start + YEAR_AXIS - 1


def has_years(dataset: Dataset) -> bool:
    """Whether any initiative has a ``start`` or an ``end``: then a year can be counted."""
    return any(item.start is not None or item.end is not None for item in dataset.initiatives)


@dataclass(frozen=True, slots=True)
class YearSpan:
    """The years a dataset's initiatives run: ``first`` to ``last`` (``None``: still open)."""

    first: int
    last: int | None
    #: The year with the most initiatives active (the latest such year on a tie).
    busiest: int


def year_span(dataset: Dataset) -> YearSpan | None:
    """The years the data covers; ``None`` when no initiative has a year.

    ``first`` is the earliest start (the earliest end if nothing has a start);
    ``last`` the latest end, or ``None`` when some initiative has no end.
    """
    starts = [item.start for item in dataset.initiatives if item.start is not None]
    ends = [item.end for item in dataset.initiatives if item.end is not None]
    if not starts and not ends:
        return None
    first = min(starts) if starts else min(ends)
    open_ended = any(item.end is None for item in dataset.initiatives)
    last = None if open_ended else max(ends)
    # The busiest year: a difference array over every year that begins or ends something.
    low, high = min(starts + ends), max(starts + ends)
    steps = [0] * (high - low + 2)
    for item in dataset.initiatives:
        begin = low if item.start is None else item.start
        end = high if item.end is None else item.end
        steps[begin - low] += 1
        steps[end - low + 1] -= 1
    best, best_count, running = low, -1, 0
    for offset, step in enumerate(steps[:-1]):
        running += step
        if running >= best_count:
            best, best_count = low + offset, running
    return YearSpan(first, last, best)


def default_range(dataset: Dataset, current_year: int) -> tuple[int, int]:
    """The years the data spans: from the earliest start to the latest end, or to
    ``current_year`` (if later) when some initiative is still open.

    Without any start, the range begins at the earliest end; without any year at
    all it is ``current_year`` alone. It never ends before it begins.
    """
    span = year_span(dataset)
    if span is None:
        return current_year, current_year
    if span.last is None:
        ends = [item.end for item in dataset.initiatives if item.end is not None]
        last = max([current_year, *ends])
    else:
        last = span.last
    return span.first, max(span.first, last)


def coverage_timeline(
    portfolio: Portfolio,
    first: int,
    last: int,
    min_initiatives: int | None = None,
    *,
    around: int | None = None,
) -> Timeline:
    """Rolled-up active initiatives per focus area for each year from ``first`` to ``last``.

    Uses the activity rule of the data format: an initiative counts in year Y when
    it has no start or starts by Y, and has no end or ends in Y or later; one
    without a start counts from the beginning of the range. ``portfolio`` must
    hold every initiative (built without ``at``).

    A range longer than :data:`YEAR_AXIS` years is cut to the window around
    ``around`` (the counted year; default the last year), and ``clipped_from``
    says what was asked.
    """
    if first > last:
        raise ValueError(f"the range {first}..{last} is empty: the first year is after the last")
    asked = first, last
    first, last = year_window(first, last, last if around is None else around)
    min_initiatives = min_initiatives_in_force(portfolio, min_initiatives)
    if min_initiatives < 1:
        raise ValueError("min_initiatives must be at least 1")
    span = last - first + 1
    by_id = {item.id: item for item in portfolio.initiatives}
    areas = []
    for area in portfolio.focus_areas:
        # A difference array: +1 where an initiative's years begin, -1 after they end.
        steps = [0] * (span + 1)
        for initiative_id in portfolio.rolled_up(area.id):
            item = by_id[initiative_id]
            begin = first if item.start is None else max(item.start, first)
            end = last if item.end is None else min(item.end, last)
            if begin <= end:
                steps[begin - first] += 1
                steps[end - first + 1] -= 1
        counts = []
        running = 0
        for step in steps[:span]:
            running += step
            counts.append(running)
        threshold = area.min_initiatives or min_initiatives
        areas.append(AreaTimeline(area.id, area.name, tuple(counts), threshold, area.parent))
    return Timeline(
        **selection_fields(portfolio),
        **named(portfolio.dataset),
        years=tuple(range(first, last + 1)),
        min_initiatives=min_initiatives,
        focus_areas=tuple(areas),
        clipped_from=None if (first, last) == asked else asked,
    )
