"""The report for decision-makers: findings with their evidence, as one typed object.

``build_report`` gathers the analyses (matrix, gaps, overlaps, and optionally the
timeline and a diff) and derives plain-language *findings* from them; renderers
(HTML, Markdown) turn findings into sentences in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from gapcheck.analysis.coverage import (
    CoverageMatrix,
    GapReport,
    GapRollup,
    OverlapReport,
    coverage_matrix,
    find_overlaps,
)
from gapcheck.analysis.gaps import find_gaps
from gapcheck.analysis.judgement import PortfolioSummary, summarise_portfolio
from gapcheck.analysis.spend import SpendReport, year_spend

if TYPE_CHECKING:
    from gapcheck.analysis.diff import DiffReport
    from gapcheck.analysis.timeline import Timeline
    from gapcheck.graph import Portfolio

FindingKind = Literal["uncovered", "thin", "crowded", "identical", "orphan"]

#: The order of importance of the kinds of finding: gaps first, then overlaps.
KIND_RANK: Mapping[str, int] = {
    "uncovered": 0,
    "thin": 1,
    "crowded": 2,
    "identical": 3,
    "orphan": 4,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a decision-maker should know, with what it is about.

    ``focus_areas`` and ``initiatives`` are ids; ``count``/``total``/``threshold``
    are the numbers the sentence quotes. ``anchor`` names the evidence it links to.
    """

    kind: FindingKind
    focus_areas: tuple[str, ...]
    initiatives: tuple[str, ...]
    count: int
    total: int
    threshold: float
    anchor: str
    #: How deep the focus area sits in the tree: 0 for a top-level area (and for
    #: findings about initiatives), 1 for its sub-areas, and so on.
    depth: int = 0


def priority(finding: Finding) -> tuple[int, int, int]:
    """Sort key, most important first: uncovered top-level areas, then uncovered
    sub-areas, thin areas (fewest initiatives first), crowded areas (most first),
    groups of identical initiatives (largest first), initiatives with no focus area."""
    rank = KIND_RANK[finding.kind]
    if finding.kind == "thin":
        return rank, finding.depth, finding.count
    if finding.kind in ("crowded", "identical"):
        return rank, finding.depth, -finding.count
    return rank, finding.depth, 0


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline numbers of a report."""

    initiatives: int
    focus_areas: int
    top_level: int  # focus areas without a parent
    marks: int  # initiative-focus area pairs listed directly
    served: int  # focus areas with at least one initiative (sub-areas included)
    uncovered: int
    uncovered_top_level: int
    thin: int
    crowded: int
    identical_groups: int
    orphans: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an initiative is marked against a focus area: its note, if any."""

    initiative: str
    focus_area: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Report:
    data: str
    at: int | None
    matrix: CoverageMatrix
    gaps: GapReport
    overlaps: OverlapReport
    findings: tuple[Finding, ...]
    row_order: tuple[str, ...]  # initiatives, those with identical focus areas together
    evidence: tuple[Evidence, ...]
    initiative_sources: dict[str, str | None]
    area_sources: dict[str, str | None]
    timeline: Timeline | None = None
    diff: DiffReport | None = None
    title: str | None = None  # the portfolio's title, for headings
    #: The findings again, most important first (see :func:`priority`).
    ranked: tuple[Finding, ...] = ()
    #: Per focus area with sub-areas that are gaps: how many of them, in file order.
    rollups: tuple[GapRollup, ...] = ()
    summary: Summary | None = None
    #: Focus area id -> its parent's id (None for a top-level area).
    parents: Mapping[str, str | None] = field(default_factory=dict)
    #: Name every initiative and focus area with its id, not only where names repeat.
    ids: bool = False
    #: The portfolio in one screen, as ``gapcheck summary`` shows it.
    portfolio: PortfolioSummary | None = None
    #: The money in the year counted (``gapcheck spend``); ``None`` without budgets.
    spend: SpendReport | None = None
    #: The evidence of every mark as an appendix (left out on request).
    appendix: bool = True

    def gaps_by_parent(self, kind: str) -> dict[str | None, list[str]]:
        """The focus areas that are gaps of ``kind`` (``uncovered``, ``thin``), in order,
        under their parent's id (``None`` for top-level areas)."""
        by_parent: dict[str | None, list[str]] = {}
        for gap in self.gaps.gaps:
            if gap.kind == kind:
                by_parent.setdefault(self.parents.get(gap.focus_area), []).append(gap.focus_area)
        return by_parent


def grouped_order(matrix: CoverageMatrix) -> tuple[str, ...]:
    """Initiatives in file order, except that those listing the same focus areas sit together."""
    groups: dict[frozenset[str], list[str]] = {}
    for item in matrix.initiatives:
        groups.setdefault(frozenset(item.focus_areas), []).append(item.id)
    return tuple(item for members in groups.values() for item in members)


def build_report(
    portfolio: Portfolio,
    *,
    min_initiatives: int | None = None,
    max_share: float | None = None,
    timeline: Timeline | None = None,
    diff: DiffReport | None = None,
    ids: bool = False,
    today: date | None = None,
) -> Report:
    """Everything the report shows, from one portfolio (and optionally its timeline and a
    diff); acceptances are judged on ``today``, as ``gapcheck summary`` judges them."""
    matrix = coverage_matrix(portfolio)
    gaps = find_gaps(portfolio, min_initiatives, today=today)
    # The report shows crowded areas and identical groups, never pairs: asking for
    # pairs that share more focus areas than any initiative lists spares the search.
    largest = max((len(item.focus_area_ids) for item in portfolio.initiatives), default=0)
    overlaps = find_overlaps(portfolio, max_share, top=0, min_shared=largest + 1)
    total = len(portfolio.initiatives)
    parents = {area.id: area.parent for area in portfolio.focus_areas}
    depth = depths(parents)
    findings: list[Finding] = []
    for gap in gaps.gaps:
        findings.append(
            Finding(
                # The report's findings know uncovered and thin: a weak area (served
                # only below its min_strength) has no qualifying initiative, a thin one.
                "thin" if gap.kind == "weak" else gap.kind,
                (gap.focus_area,),
                gap.initiatives,
                gap.count,
                total,
                gap.threshold,
                f"area-{gap.focus_area}",
                depth[gap.focus_area],
            )
        )
    for area in overlaps.crowded:
        findings.append(
            Finding(
                "crowded",
                (area.focus_area,),
                area.initiatives,
                area.count,
                total,
                overlaps.max_share,
                f"area-{area.focus_area}",
                depth[area.focus_area],
            )
        )
    for group in overlaps.identical:
        findings.append(
            Finding(
                "identical",
                group.focus_areas,
                group.initiatives,
                len(group.initiatives),
                total,
                0,
                f"initiative-{group.initiatives[0]}",
            )
        )
    for orphan in gaps.orphans:
        findings.append(Finding("orphan", (), (orphan,), 0, total, 0, f"initiative-{orphan}"))
    evidence: list[Evidence] = []
    for item in portfolio.initiatives:
        seen: set[str] = set()
        for ref in item.focus_areas:  # a repeated reference counts once: its first note
            if ref.id not in seen:
                seen.add(ref.id)
                evidence.append(Evidence(item.id, ref.id, ref.note))
    return Report(
        data=portfolio.label,
        title=portfolio.title,
        at=portfolio.at,
        matrix=matrix,
        gaps=gaps,
        overlaps=overlaps,
        findings=tuple(findings),
        row_order=grouped_order(matrix),
        evidence=tuple(evidence),
        initiative_sources={item.id: item.source for item in portfolio.initiatives},
        area_sources={area.id: area.source for area in portfolio.focus_areas},
        timeline=timeline,
        diff=diff,
        ranked=tuple(sorted(findings, key=priority)),  # stable: file order within a rank
        rollups=gaps.rollups,
        summary=summarise(matrix, gaps, overlaps),
        parents=parents,
        ids=ids,
        portfolio=summarise_portfolio(
            portfolio,
            min_initiatives=min_initiatives,
            max_share=max_share,
            today=today,
            gaps=gaps,
            overlaps=overlaps,
        ),
        spend=year_spend(portfolio, max_share=overlaps.max_share),
    )


def depths(parents: Mapping[str, str | None]) -> dict[str, int]:
    """Each focus area's depth in the tree (0 at the top), without recursion."""
    found: dict[str, int] = {}
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in found:
            path.append(node)
            node = parents.get(node)
        level = -1 if node is None else found[node]
        for area_id in reversed(path):
            level += 1
            found[area_id] = level
    return found


def summarise(matrix: CoverageMatrix, gaps: GapReport, overlaps: OverlapReport) -> Summary:
    """The headline numbers."""
    top_level = {area.id for area in matrix.focus_areas if area.parent is None}
    uncovered = [gap.focus_area for gap in gaps.gaps if gap.kind == "uncovered"]
    return Summary(
        initiatives=len(matrix.initiatives),
        focus_areas=len(matrix.focus_areas),
        top_level=len(top_level),
        marks=sum(len(area.direct) for area in matrix.focus_areas),
        served=sum(1 for area in matrix.focus_areas if area.initiatives),
        uncovered=len(uncovered),
        uncovered_top_level=sum(1 for area_id in uncovered if area_id in top_level),
        thin=len(gaps.gaps) - len(uncovered),
        crowded=len(overlaps.crowded),
        identical_groups=len(overlaps.identical),
        orphans=len(gaps.orphans),
    )
