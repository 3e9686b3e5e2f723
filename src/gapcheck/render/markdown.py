"""Markdown renderings: pipe tables for wikis, pull requests and reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import singledispatch

from gapcheck.analysis import CoverageMatrix, GapReport, OverlapReport
from gapcheck.render import words


def _cell(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _names(ids: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


@singledispatch
def render(result: object) -> str:
    raise TypeError(f"no Markdown rendering for {type(result).__name__}")


@render.register
def _(result: CoverageMatrix) -> str:
    lines = [f"## Coverage matrix: {words.dataset(result.data)}", ""]
    header = ["Initiative", *(area.name for area in result.focus_areas), "Total"]
    cells = words.matrix_cells(result)
    rows: list[list[object]] = [
        [item.name, *marks, len(item.focus_areas)]
        for item, marks in zip(result.initiatives, cells, strict=True)
    ]
    rows.append(["**Total**", *(f"**{len(a.initiatives)}**" for a in result.focus_areas), ""])
    lines += _table(header, rows)
    lines += ["", words.matrix_legend(result)]
    return "\n".join(lines) + "\n"


@render.register
def _(result: GapReport) -> str:
    lines = [f"## Gaps: {words.dataset(result.data)}", "", words.gaps_summary(result)]
    if result.gaps:
        lines.append("")
        lines += _table(
            ["Focus area", "Kind", "Initiatives", "Why"],
            (
                [
                    gap.name,
                    gap.kind,
                    _names(gap.initiatives, result.names) or "none",
                    words.gap_reason(gap),
                ]
                for gap in result.gaps
            ),
        )
    if result.orphans:
        lines += [
            "",
            "Initiatives with no focus area: " + _names(result.orphans, result.names) + ".",
        ]
    return "\n".join(lines) + "\n"


@render.register
def _(result: OverlapReport) -> str:
    lines = [f"## Overlaps: {words.dataset(result.data)}", "", words.overlaps_summary(result)]
    if result.crowded:
        lines += ["", "### Crowded focus areas", ""]
        lines += _table(
            ["Focus area", "Initiatives", "Share", "Why"],
            (
                [a.name, a.count, f"{a.share:.0%}", words.crowded_reason(a, result)]
                for a in result.crowded
            ),
        )
    if result.identical:
        lines += ["", "### Initiatives with identical focus areas", ""]
        lines += _table(
            ["Focus areas", "Initiatives"],
            (
                [_names(g.focus_areas, result.area_names), _names(g.initiatives, result.names)]
                for g in result.identical
            ),
        )
    if result.pairs:
        lines += ["", "### Overlapping pairs", ""]
        lines += _table(
            ["Initiative", "Initiative", "Shared focus areas", "Jaccard"],
            (
                [
                    _names([p.a], result.names),
                    _names([p.b], result.names),
                    _names(p.shared, result.area_names),
                    f"{p.jaccard:.2f}",
                ]
                for p in result.pairs
            ),
        )
    return "\n".join(lines) + "\n"
