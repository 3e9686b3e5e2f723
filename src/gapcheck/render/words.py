"""Sentences and labels shared by the human-readable formats (table, Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcheck.locate import BUNDLED, BUNDLED_DESCRIPTION

if TYPE_CHECKING:
    from gapcheck.analysis import (
        CoverageMatrix,
        CrowdedArea,
        DiffReport,
        Gap,
        GapReport,
        OverlapReport,
        Timeline,
    )

DIRECT = "X"
INHERITED = "(X)"


UNCOVERED_MARK = "!"
THIN_MARK = "*"


def dataset(label: str, at: int | None = None) -> str:
    """How a title names the data, and the year it was taken in."""
    name = BUNDLED_DESCRIPTION if label == BUNDLED else label
    return name if at is None else f"{name}, initiatives active in {at}"


def side(label: str) -> str:
    """A side of a diff: a label, or ``label@year`` for a year."""
    name, _, year = label.rpartition("@")
    if name and year.isdigit():
        return f"{dataset(name)} in {year}"
    return dataset(label)


def diff_sides(base: str, head: str) -> str:
    """``data: 2019 → 2024`` for two years of one dataset, else ``base → head``."""
    base_name, _, base_year = base.rpartition("@")
    head_name, _, head_year = head.rpartition("@")
    if base_name and base_name == head_name and base_year.isdigit() and head_year.isdigit():
        return f"{dataset(base_name)}: {base_year} → {head_year}"
    return f"{side(base)} → {side(head)}"


def timeline_cell(count: int, threshold: int) -> str:
    """A count, marked ``!`` when uncovered and ``*`` when thin."""
    if count == 0:
        return f"0{UNCOVERED_MARK}"
    return f"{count}{THIN_MARK}" if count < threshold else str(count)


def timeline_legend(result: Timeline) -> str:
    return (
        f"Active initiatives per focus area and year. {UNCOVERED_MARK} = uncovered,"
        f" {THIN_MARK} = thin (fewer than the minimum, {result.min_initiatives} unless the"
        " focus area sets its own)."
    )


def diff_headline(report: DiffReport) -> str:
    """``2 gaps opened, 1 closed; ...``: the one line a reviewer reads first."""
    if not report.changed:
        return "No coverage changes."
    opened, closed = len(report.gaps_opened), len(report.gaps_closed)
    parts = [
        f"{plural(opened, 'gap')} opened, {closed} closed"
        if opened or closed
        else "no gap opened or closed"
    ]
    for noun, counts in (
        (
            "initiatives",
            (
                (len(report.initiatives_added), "added"),
                (len(report.initiatives_removed), "removed"),
                (len(report.initiatives_changed), "changed"),
            ),
        ),
        (
            "focus areas",
            (
                (len(report.focus_areas_added), "added"),
                (len(report.focus_areas_removed), "removed"),
            ),
        ),
    ):
        listed = [f"{n} {what}" for n, what in counts if n]
        if listed:
            parts.append(f"{noun}: " + ", ".join(listed))
    if report.coverage:
        parts.append(f"coverage changed in {plural(len(report.coverage), 'focus area')}")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def signed(before: int | None, after: int | None) -> str:
    """The change of a count, ``+2`` / ``-1``; ``new`` or ``gone`` for a side without it."""
    if before is None:
        return "new"
    if after is None:
        return "gone"
    return f"{after - before:+d}"


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
