"""Judgement beyond counting: what removing initiatives does, single points of failure,
the portfolio in one screen, and acceptances that outlived their gap.

Pure functions over a :class:`~gapcheck.graph.Portfolio`; "today" is a parameter.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from gapcheck.analysis.coverage import (
    find_overlaps,
    min_initiatives_in_force,
    qualifying,
)
from gapcheck.analysis.diff import DiffReport, diff_portfolios
from gapcheck.analysis.gaps import find_gaps
from gapcheck.analysis.spend import year_spend
from gapcheck.contract import SELECTED, Entry, rounded
from gapcheck.selection import about

if TYPE_CHECKING:
    from gapcheck.analysis.coverage import GapReport, OverlapReport
    from gapcheck.graph import Portfolio

#: Accepted gaps whose ``until`` falls within this many days are "expiring soon".
EXPIRING_DAYS = 90


# --- whatif ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WhatIfReport:
    """The portfolio without some initiatives, as a diff against the portfolio today.

    ``orphaned``: focus areas served now that no initiative would serve at all.
    """

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("title", "at", "without", "orphaned", "diff", "currency", "freed"),
    )

    without: tuple[str, ...]
    diff: DiffReport
    orphaned: tuple[str, ...]
    at: int | None = None
    title: str | None = None
    #: The removed initiatives' budget in the year counted (``at``; data without years:
    #: once); ``None`` when the data has no budgets.
    freed: Decimal | None = None
    currency: str | None = None


def without_initiatives(portfolio: Portfolio, removed: Iterable[str]) -> Portfolio:
    """``portfolio``'s data without the initiatives ``removed``, in the same year."""
    from gapcheck.graph import Portfolio

    gone = set(removed)
    dataset = dataclasses.replace(
        portfolio.dataset,
        initiatives=tuple(item for item in portfolio.dataset.initiatives if item.id not in gone),
    )
    return Portfolio(dataset, at=portfolio.at)


def what_if(
    portfolio: Portfolio,
    without: Iterable[str],
    *,
    min_initiatives: int | None = None,
    today: date | None = None,
) -> WhatIfReport:
    """What happens if the initiatives ``without`` stop: gaps opened and closed,
    coverage changes and orphaned focus areas (by ``diff_portfolios``)."""
    removed = tuple(dict.fromkeys(without))
    head = without_initiatives(portfolio, removed)
    label = portfolio.label
    year = "" if portfolio.at is None else f"@{portfolio.at}"
    report = diff_portfolios(
        portfolio,
        head,
        base_label=label + year,
        head_label=f"{label} without {', '.join(removed)}{year}",
        min_initiatives=min_initiatives,
        today=today,
    )
    orphaned = tuple(
        area.id
        for area in portfolio.focus_areas
        if portfolio.rolled_up(area.id) and not head.rolled_up(area.id)
    )
    money = year_spend(portfolio)
    freed = None
    if money is not None:
        gone = set(removed)
        freed = sum(
            (item.spend for item in money.initiatives if item.id in gone),
            Decimal(0).scaleb(-money.minor_unit),
        )
    return WhatIfReport(
        removed,
        report,
        orphaned,
        portfolio.at,
        portfolio.title,
        freed=freed,
        currency=portfolio.dataset.currency,
    )


# --- critical -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Redundancy:
    """A focus area's margin: ``redundancy`` qualifying initiatives must go before it
    becomes a gap (``count - threshold + 1``; 0 for an area that is a gap already)."""

    focus_area: str
    name: str
    priority: int
    count: int
    threshold: int
    redundancy: int


@dataclass(frozen=True, slots=True)
class CriticalInitiative:
    """An initiative whose removal alone opens a gap in, or leaves with no initiative at
    all, each of ``focus_areas``: those of ``sole`` it is the only initiative of
    (removing it leaves them uncovered), the others it keeps at their minimum."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        ("initiative", "id"),
        *("name", "priority", "focus_areas"),
        ("sole", lambda item, report: bool(item.sole)),
        ("sole_focus_areas", "sole"),
        "budget",
    )

    id: str
    name: str
    focus_areas: tuple[str, ...]  # sole ones first; each part highest priority first
    priority: int  # the highest priority among them
    #: Its budget in the year counted; ``None`` when the data has no budgets.
    budget: Decimal | None = None
    sole: tuple[str, ...] = ()

    @property
    def at_minimum(self) -> tuple[str, ...]:
        """The areas of ``focus_areas`` it keeps at their minimum (not ``sole``)."""
        return tuple(area for area in self.focus_areas if area not in self.sole)


@dataclass(frozen=True, slots=True)
class CriticalReport:
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "min_initiatives"),
        ("focus_areas", "areas"),
        *("critical", "currency"),
        *SELECTED,
    )

    data: str
    at: int | None
    min_initiatives: int
    areas: tuple[Redundancy, ...]  # file order
    critical: tuple[CriticalInitiative, ...]
    area_names: Mapping[str, str] = field(default_factory=dict)
    area_priorities: Mapping[str, int] = field(default_factory=dict)
    title: str | None = None
    initiative_count: int = 0
    #: The data has budgets: each critical initiative carries its ``budget``.
    has_budgets: bool = False
    currency: str | None = None
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False


def find_critical(portfolio: Portfolio, min_initiatives: int | None = None) -> CriticalReport:
    """Single points of failure, in one pass over the qualifying initiatives.

    An area is a gap when its qualifying initiatives (rolled up, at least its
    ``min_strength``, each once) are fewer than its threshold. Removing initiative X
    changes only the areas X qualifies for, each by one; so X's removal opens a gap
    at area A exactly when A is not a gap now, X qualifies for A, and A's count
    equals its threshold (redundancy 1). X is also critical when it is the *sole*
    initiative of an area (rolled up, of any strength): removing it leaves the area
    uncovered, a gap opened or (when the area is thin or weak already) worsened.
    Critical initiatives are sorted sole ones first, then by the highest priority
    they protect, then by how many areas, then file order.
    """
    minimum = min_initiatives_in_force(portfolio, min_initiatives)
    areas = []
    protects: dict[str, list[str]] = {}
    sole: dict[str, list[str]] = {}
    for area in portfolio.focus_areas:
        members = qualifying(portfolio, area)
        threshold = area.min_initiatives or minimum
        redundancy = max(len(members) - threshold + 1, 0)
        areas.append(
            Redundancy(area.id, area.name, area.priority, len(members), threshold, redundancy)
        )
        if redundancy == 1:
            for item_id in members:
                protects.setdefault(item_id, []).append(area.id)
        everyone = portfolio.rolled_up(area.id)
        if len(everyone) == 1:
            sole.setdefault(everyone[0], []).append(area.id)
            if redundancy != 1 or everyone[0] not in members:
                protects.setdefault(everyone[0], []).append(area.id)
    priority = {area.id: area.priority for area in portfolio.focus_areas}
    rank = {area.id: index for index, area in enumerate(portfolio.focus_areas)}
    money = year_spend(portfolio)
    budgets = {} if money is None else {item.id: item.spend for item in money.initiatives}
    zero = None if money is None else Decimal(0).scaleb(-money.minor_unit)
    found = []
    for position, item in enumerate(portfolio.initiatives):
        guarded = protects.get(item.id)
        if not guarded:
            continue
        alone = set(sole.get(item.id, ()))
        ordered = tuple(sorted(guarded, key=lambda a: (a not in alone, -priority[a], rank[a])))
        top = max(priority[a] for a in ordered)
        budget = budgets.get(item.id, zero)
        found.append(
            (
                (not alone, -top, -len(ordered), position),
                CriticalInitiative(
                    item.id,
                    item.name,
                    ordered,
                    top,
                    budget,
                    sole=tuple(a for a in ordered if a in alone),
                ),
            )
        )
    found.sort(key=lambda entry: entry[0])
    return CriticalReport(
        **about(portfolio),
        min_initiatives=minimum,
        areas=tuple(areas),
        critical=tuple(entry for _, entry in found),
        area_names={area.id: area.name for area in portfolio.focus_areas},
        area_priorities=priority,
        initiative_count=len(portfolio.initiatives),
        has_budgets=money is not None,
        currency=portfolio.dataset.currency,
    )


# --- summary --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpiringAcceptance:
    JSON: ClassVar[tuple[Entry, ...]] = ("focus_area", "name", "until", "reason", "expired")

    focus_area: str
    name: str
    until: date
    reason: str
    expired: bool


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    """The portfolio in one screen (see ``docs/data-format.md``, "Portfolio measures")."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "today", "initiatives", "focus_areas", "marks"),
        *("covered_direct", "covered_rolled_up", "gaps", "crowded", "identical_groups"),
        *("critical_initiatives", "accepted", "expiring", "configurations"),
        ("shannon", rounded("shannon")),
        ("gini_simpson", rounded("gini_simpson")),
        ("evenness", rounded("evenness")),
        *("currency", "spend", "crowded_spend", "identical_spend"),
        *SELECTED,
    )

    data: str
    at: int | None
    title: str | None
    initiatives: int
    focus_areas: int
    marks: int  # distinct (initiative, focus area) pairs listed
    covered_direct: int  # focus areas listed by an initiative themselves
    covered_rolled_up: int  # ... or through a sub-area
    gaps: Mapping[str, int]  # kind -> count: uncovered, weak, thin
    crowded: int
    identical_groups: int
    critical_initiatives: int
    accepted: tuple[ExpiringAcceptance, ...]  # every accepted gap, by until
    expiring: tuple[ExpiringAcceptance, ...]  # accepted, in force, until within 90 days
    configurations: int  # distinct non-empty sets of focus areas among initiatives
    shannon: float  # H = -sum p_i ln p_i, p_i = marks of area i / all marks
    gini_simpson: float  # 1 - sum p_i^2
    evenness: float | None  # Pielou's J = H / ln n over all n focus areas; None if n < 2
    today: date | None = None
    #: The money in the year counted (``None`` when the data has no budgets): the total,
    #: and the money spent twice on crowded focus areas (``spend``'s rule).
    spend: Decimal | None = None
    crowded_spend: Decimal | None = None
    currency: str | None = None
    #: The money of identical initiatives (all but the largest budget of each group).
    identical_spend: Decimal | None = None
    #: The crowded threshold the money was judged with (for the sentence that says it).
    max_share: float | None = None
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False


def shannon_diversity(counts: Iterable[int]) -> float:
    """Shannon's H = -Σ p_i ln p_i, with p_i = count_i / total (0 when total is 0)."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    if total == 0:
        return 0.0
    return -sum((c / total) * math.log(c / total) for c in values)


def gini_simpson(counts: Iterable[int]) -> float:
    """The Gini-Simpson index 1 - Σ p_i² (0 when total is 0)."""
    values = list(counts)
    total = sum(values)
    if total == 0:
        return 0.0
    return 1.0 - sum((c / total) ** 2 for c in values)


def pielou_evenness(counts: Iterable[int]) -> float | None:
    """Pielou's J = H / ln n over all n categories (zeros included); None when n < 2."""
    values = list(counts)
    if len(values) < 2:
        return None
    return shannon_diversity(values) / math.log(len(values))


def summarise_portfolio(
    portfolio: Portfolio,
    *,
    min_initiatives: int | None = None,
    max_share: float | None = None,
    today: date | None = None,
    gaps: GapReport | None = None,
    overlaps: OverlapReport | None = None,
) -> PortfolioSummary:
    """Size, coverage, gaps by kind, overlaps, critical initiatives, acceptances and
    the portfolio measures, from one portfolio. ``gaps`` and ``overlaps``, when given,
    are those already found for the same portfolio and settings (the report's)."""
    if gaps is None:
        gaps = find_gaps(portfolio, min_initiatives, today=today)
    if overlaps is None:
        largest = max((len(item.focus_area_ids) for item in portfolio.initiatives), default=0)
        overlaps = find_overlaps(portfolio, max_share, top=0, min_shared=largest + 1)
    critical = find_critical(portfolio, min_initiatives)
    money = year_spend(portfolio, max_share=overlaps.max_share)
    per_area = [len(portfolio.direct(area.id)) for area in portfolio.focus_areas]
    kinds = Counter(gap.kind for gap in gaps.gaps)
    accepted = []
    for area in portfolio.focus_areas:
        if area.accepted is not None:
            expired = today is not None and today > area.accepted.until
            accepted.append(
                ExpiringAcceptance(
                    area.id, area.name, area.accepted.until, area.accepted.reason, expired
                )
            )
    accepted.sort(key=lambda entry: entry.until)
    horizon = None if today is None else today + timedelta(days=EXPIRING_DAYS)
    configurations = {
        frozenset(item.focus_area_ids) for item in portfolio.initiatives if item.focus_area_ids
    }
    return PortfolioSummary(
        **about(portfolio),
        initiatives=len(portfolio.initiatives),
        focus_areas=len(portfolio.focus_areas),
        marks=sum(per_area),
        covered_direct=sum(1 for count in per_area if count),
        covered_rolled_up=sum(1 for area in portfolio.focus_areas if portfolio.rolled_up(area.id)),
        gaps={kind: kinds.get(kind, 0) for kind in ("uncovered", "weak", "thin")},
        crowded=len(overlaps.crowded),
        identical_groups=len(overlaps.identical),
        critical_initiatives=len(critical.critical),
        accepted=tuple(accepted),
        expiring=tuple(
            entry
            for entry in accepted
            if horizon is not None and not entry.expired and entry.until <= horizon
        ),
        configurations=len(configurations),
        shannon=shannon_diversity(per_area),
        gini_simpson=gini_simpson(per_area),
        evenness=pielou_evenness(per_area),
        today=today,
        spend=None if money is None else money.total,
        crowded_spend=None if money is None else money.crowded_spend,
        currency=portfolio.dataset.currency,
        identical_spend=None if money is None else money.identical_spend,
        max_share=None if money is None else money.max_share,
    )


# --- stale acceptances ----------------------------------------------------------------


def stale_acceptances(portfolio: Portfolio, min_initiatives: int | None = None) -> tuple[str, ...]:
    """Focus areas with ``accepted:`` that are not a gap (GC307, reported by validate)."""
    gaps = {gap.focus_area for gap in find_gaps(portfolio, min_initiatives).gaps}
    return tuple(
        area.id
        for area in portfolio.focus_areas
        if area.accepted is not None and area.id not in gaps
    )
