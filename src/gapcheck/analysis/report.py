"""The report for decision-makers: findings with their evidence, as one typed object.

``build_report`` gathers the analyses (matrix, gaps, overlaps, and optionally the
timeline and a diff) and derives plain-language *findings* from them; renderers
(HTML, Markdown) turn findings into sentences in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from gapcheck.analysis.coverage import (
    CoverageMatrix,
    GapReport,
    OverlapReport,
    coverage_matrix,
    find_gaps,
    find_overlaps,
)

if TYPE_CHECKING:
    from gapcheck.analysis.diff import DiffReport
    from gapcheck.analysis.timeline import Timeline
    from gapcheck.graph import Portfolio

FindingKind = Literal["uncovered", "thin", "crowded", "identical", "orphan"]


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
) -> Report:
    """Everything the report shows, from one portfolio (and optionally its timeline and a diff)."""
    matrix = coverage_matrix(portfolio)
    gaps = find_gaps(portfolio, min_initiatives)
    overlaps = find_overlaps(portfolio, max_share)
    total = len(portfolio.initiatives)
    findings: list[Finding] = []
    for gap in gaps.gaps:
        findings.append(
            Finding(
                gap.kind,
                (gap.focus_area,),
                gap.initiatives,
                gap.count,
                total,
                gap.threshold,
                f"area-{gap.focus_area}",
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
    )
