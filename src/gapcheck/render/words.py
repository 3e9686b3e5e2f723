"""Sentences and labels shared by the human-readable formats (table, Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcheck.locate import BUNDLED, BUNDLED_DESCRIPTION

if TYPE_CHECKING:
    from gapcheck.analysis import CoverageMatrix, CrowdedArea, Gap, GapReport, OverlapReport

DIRECT = "X"
INHERITED = "(X)"


def dataset(label: str) -> str:
    return BUNDLED_DESCRIPTION if label == BUNDLED else label


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def gap_reason(gap: Gap) -> str:
    if gap.kind == "uncovered":
        return "no initiative serves it"
    return f"served by {plural(gap.count, 'initiative')} only; the minimum is {gap.threshold}"


def crowded_reason(area: CrowdedArea, report: OverlapReport) -> str:
    return (
        f"{area.count} of {report.initiative_count} initiatives ({area.share:.0%}),"
        f" more than the maximum share of {report.max_share:.0%}"
    )


def gaps_summary(report: GapReport) -> str:
    if not report.gaps:
        text = (
            f"No gaps: each of the {plural(report.focus_area_count, 'focus area')}"
            f" is served by at least {plural(report.min_initiatives, 'initiative')}."
        )
    else:
        uncovered = sum(gap.kind == "uncovered" for gap in report.gaps)
        text = (
            f"{plural(len(report.gaps), 'gap')}"
            f" among {plural(report.focus_area_count, 'focus area')}:"
            f" {uncovered} uncovered, {len(report.gaps) - uncovered} thin"
            f" (fewer than {plural(report.min_initiatives, 'initiative')})."
        )
    if report.orphans:
        verb = "serves" if len(report.orphans) == 1 else "serve"
        text += f" {plural(len(report.orphans), 'initiative')} {verb} no focus area."
    return text


def overlaps_summary(report: OverlapReport) -> str:
    shown = "" if len(report.pairs) == report.pair_count else f" (top {len(report.pairs)} shown)"
    return (
        f"{plural(len(report.crowded), 'crowded focus area')},"
        f" {plural(len(report.identical), 'group')} of identical initiatives,"
        f" {plural(report.pair_count, 'overlapping pair')}{shown}."
    )


def mark(matrix_area_direct: bool, matrix_area_rolled: bool) -> str:
    if matrix_area_direct:
        return DIRECT
    return INHERITED if matrix_area_rolled else ""


def matrix_cells(result: CoverageMatrix) -> list[list[str]]:
    """One row per initiative: a mark per focus area (X direct, (X) through a sub-area)."""
    direct = [set(area.direct) for area in result.focus_areas]
    rolled = [set(area.initiatives) for area in result.focus_areas]
    return [
        [mark(item.id in d, item.id in r) for d, r in zip(direct, rolled, strict=True)]
        for item in result.initiatives
    ]


def matrix_legend(result: CoverageMatrix) -> str:
    text = "X = the initiative lists the focus area."
    if any(area.parent for area in result.focus_areas):
        text += " (X) = it lists a sub-area. Totals count distinct initiatives, sub-areas included."
    return text
