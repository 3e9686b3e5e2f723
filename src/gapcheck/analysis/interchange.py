"""The portfolio as other tools want it: one typed result that every export renders.

``export_portfolio`` gathers, for the year counted, each focus area with its counts,
qualifying initiatives, gap kind and crowding, each initiative with its fields, and
every mark with its strength and note, plus the gap and overlap reports. The
renderers of ``gapcheck export`` (xlsx, navigator, graphml) read only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from gapcheck.analysis.coverage import (
    GapReport,
    OverlapReport,
    find_overlaps,
    min_initiatives_in_force,
    qualifying,
)
from gapcheck.analysis.gaps import find_gaps
from gapcheck.analysis.timeline import Timeline
from gapcheck.model import DEFAULT_PRIORITY, DEFAULT_STRENGTH, STRENGTHS
from gapcheck.selection import named

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset


@dataclass(frozen=True, slots=True)
class AreaRow:
    """A focus area as exported: a column of the matrix, a node, a technique."""

    id: str
    name: str
    parent: str | None
    priority: int
    threshold: int
    direct: tuple[str, ...]  # initiatives that list the area itself
    initiatives: tuple[str, ...]  # qualifying initiatives, rolled up over sub-areas
    #: Each qualifying initiative's rolled-up strength: minimal, partial or significant.
    strengths: tuple[tuple[str, str], ...]
    gap: str | None  # uncovered, weak or thin; None when covered
    crowded: bool
    accepted: bool  # a gap accepted (not expired)
    url: str | None = None
    #: The area's ``tactics`` attribute (ATT&CK's kill-chain phases), in the data's order.
    tactics: tuple[str, ...] = ()
    #: The initiatives that serve the area only below its min_strength (a weak gap's).
    below: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    id: str
    name: str
    owner: str | None
    start: int | None
    end: int | None
    focus_areas: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """An initiative's mark on a focus area: a cell of the matrix, an edge."""

    initiative: str
    focus_area: str
    strength: str
    note: str | None


@dataclass(frozen=True)
class PortfolioExport:
    data: str
    title: str | None
    at: int | None
    areas: tuple[AreaRow, ...]
    initiatives: tuple[InitiativeRow, ...]
    marks: tuple[Mark, ...]
    gaps: GapReport
    overlaps: OverlapReport
    timeline: Timeline | None
    #: Whether the data uses strength, priority, acceptances (sheets only where it does).
    has_strength: bool
    has_priority: bool
    has_accepted: bool
    #: The data itself, every initiative whatever its years: the workbook's data
    #: sheets, which ``--data book.xlsx`` reads back.
    dataset: Dataset | None = None
    #: The catalogue's version (``catalogue: version``), e.g. ATT&CK's "18.1".
    catalogue_version: str | None = None

    @property
    def heading(self) -> str:
        return self.title or self.data


#: The best overlapping pairs an export carries: a workbook is for people (and a sheet
#: holds at most 1,048,576 rows); ``gapcheck overlaps --format csv`` lists them all.
EXPORT_PAIRS = 10_000


def export_portfolio(
    portfolio: Portfolio,
    *,
    min_initiatives: int | None = None,
    max_share: float | None = None,
    today: date | None = None,
    timeline: Timeline | None = None,
) -> PortfolioExport:
    """Everything the exports show, counted as :func:`find_gaps` counts."""
    gaps = find_gaps(portfolio, min_initiatives, today=today)
    overlaps = find_overlaps(portfolio, max_share=max_share, top=EXPORT_PAIRS)
    by_area = {gap.focus_area: gap for gap in gaps.gaps}
    crowded = {entry.focus_area for entry in overlaps.crowded}
    default = min_initiatives_in_force(portfolio, min_initiatives)
    areas = []
    for area in portfolio.focus_areas:
        counted = qualifying(portfolio, area)
        strongest = portfolio.strongest(area.id)
        gap = by_area.get(area.id)
        areas.append(
            AreaRow(
                id=area.id,
                name=area.name,
                parent=area.parent,
                priority=area.priority,
                threshold=area.min_initiatives or default,
                direct=portfolio.direct(area.id),
                initiatives=counted,
                strengths=tuple((i, STRENGTHS[strongest[i]]) for i in counted),
                gap=None if gap is None else gap.kind,
                crowded=area.id in crowded,
                accepted=gap is not None and gap.accepted is not None and not gap.accepted.expired,
                url=area.url,
                tactics=area.attribute("tactics"),
                below=() if gap is None else gap.below_strength,
            )
        )
    marks = tuple(
        Mark(item.id, ref.id, ref.strength, ref.note)
        for item in portfolio.initiatives
        for ref in item.focus_areas
    )
    return PortfolioExport(
        **named(portfolio.dataset),
        at=portfolio.at,
        areas=tuple(areas),
        initiatives=tuple(
            InitiativeRow(
                item.id, item.name, item.owner, item.start, item.end, item.focus_area_ids, item.url
            )
            for item in portfolio.initiatives
        ),
        marks=marks,
        gaps=gaps,
        overlaps=overlaps,
        timeline=timeline,
        has_strength=any(mark.strength != DEFAULT_STRENGTH for mark in marks),
        has_priority=any(area.priority != DEFAULT_PRIORITY for area in portfolio.focus_areas),
        has_accepted=any(area.accepted is not None for area in portfolio.focus_areas),
        dataset=portfolio.dataset,
        catalogue_version=(
            None if portfolio.dataset.catalogue is None else portfolio.dataset.catalogue.version
        ),
    )
