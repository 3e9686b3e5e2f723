"""Gaps of a :class:`~gapcheck.graph.Portfolio`: focus areas served by too few.

Apart from :mod:`gapcheck.analysis.coverage` because a gap report carries the money
on each gap area, from :mod:`gapcheck.analysis.spend`, which builds on coverage.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gapcheck.analysis.coverage import (
    Gap,
    GapKind,
    GapReport,
    _has_hierarchy,
    _initiative_names,
    accepted_gap,
    gap_rank,
    min_initiatives_in_force,
    min_strength_of,
    rollups,
)
from gapcheck.analysis.spend import year_spend
from gapcheck.model import STRENGTH_RANK
from gapcheck.selection import about

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio


def find_gaps(
    portfolio: Portfolio, min_initiatives: int | None = None, *, today: date | None = None
) -> GapReport:
    """Focus areas served by fewer qualifying initiatives than their threshold.

    The threshold is the area's own ``min_initiatives``, else ``min_initiatives``,
    else the data's ``thresholds``, else 2. An initiative qualifies for an area when
    its strength there (its strongest mark on the area or a descendant) is at least
    the area's ``min_strength``. Kinds: ``uncovered`` (no initiative at all),
    ``weak`` (initiatives, none qualifying), ``thin`` (too few qualifying). Ranked
    by priority descending, then shortfall descending, then file order. Acceptances
    are judged on ``today`` (none expires without it).
    """
    min_initiatives = min_initiatives_in_force(portfolio, min_initiatives)
    if min_initiatives < 1:
        raise ValueError("min_initiatives must be at least 1")
    gaps: list[tuple[tuple[int, int, int], Gap]] = []
    for rank, area in enumerate(portfolio.focus_areas):
        members = portfolio.rolled_up(area.id)
        threshold = area.min_initiatives or min_initiatives
        strength = min_strength_of(portfolio, area)
        counted = portfolio.qualifying(area.id, STRENGTH_RANK[strength])
        if len(counted) >= threshold:
            continue
        kind: GapKind = "uncovered" if not members else "weak" if not counted else "thin"
        below: tuple[str, ...] = ()
        if len(counted) != len(members):
            qualified = set(counted)
            below = tuple(i for i in members if i not in qualified)
        gap = Gap(
            area.id,
            area.name,
            kind,
            len(counted),
            threshold,
            counted,
            priority=area.priority,
            min_strength=strength,
            below_strength=below,
            accepted=accepted_gap(area, today),
        )
        gaps.append((gap_rank(gap, rank), gap))
    gaps.sort(key=lambda entry: entry[0])
    orphans = tuple(item.id for item in portfolio.initiatives if not item.focus_area_ids)
    found = tuple(gap for _, gap in gaps)
    money = year_spend(portfolio)
    direct = {} if money is None else {area.focus_area: area.direct for area in money.areas}
    return GapReport(
        **about(portfolio),
        min_initiatives=min_initiatives,
        focus_area_count=len(portfolio.focus_areas),
        gaps=found,
        orphans=orphans,
        names=_initiative_names(portfolio),
        hierarchy=_has_hierarchy(portfolio),
        today=today,
        initiative_count=len(portfolio.initiatives),
        area_names={area.id: area.name for area in portfolio.focus_areas},
        parents={area.id: area.parent for area in portfolio.focus_areas},
        rollups=rollups(portfolio.children, found),
        spend=None if money is None else {gap.focus_area: direct[gap.focus_area] for gap in found},
        currency=portfolio.dataset.currency,
        urls={area.id: area.url for area in portfolio.focus_areas if area.url},
    )
