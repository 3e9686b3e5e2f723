"""Coverage over time: active initiatives per focus area and year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gapcheck.analysis.coverage import min_initiatives_in_force

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset


@dataclass(frozen=True, slots=True)
class AreaTimeline:
    """One focus area's rolled-up count of active initiatives in each year."""

    id: str
    name: str
    counts: tuple[int, ...]
    threshold: int  # below this an area is thin (a gap) in that year


@dataclass(frozen=True, slots=True)
class Timeline:
    data: str
    years: tuple[int, ...]
    min_initiatives: int
    focus_areas: tuple[AreaTimeline, ...]
    title: str | None = None  # the portfolio's title, for headings


def default_range(dataset: Dataset, current_year: int) -> tuple[int, int]:
    """From the earliest start to ``current_year`` (or that start, if it is later)."""
    starts = [item.start for item in dataset.initiatives if item.start is not None]
    first = min(starts) if starts else current_year
    return first, max(first, current_year)


def coverage_timeline(
    portfolio: Portfolio,
    first: int,
    last: int,
    min_initiatives: int | None = None,
) -> Timeline:
    """Rolled-up active initiatives per focus area for each year from ``first`` to ``last``.

    Uses the activity rule of the data format: an initiative counts in year Y when
    it has no start or starts by Y, and has no end or ends in Y or later; one
    without a start counts from the beginning of the range. ``portfolio`` must
    hold every initiative (built without ``at``).
    """
    if first > last:
        raise ValueError(f"the range {first}..{last} is empty: the first year is after the last")
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
        areas.append(AreaTimeline(area.id, area.name, tuple(counts), threshold))
    return Timeline(
        data=portfolio.label,
        title=portfolio.title,
        years=tuple(range(first, last + 1)),
        min_initiatives=min_initiatives,
        focus_areas=tuple(areas),
    )
