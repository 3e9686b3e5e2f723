"""Markdown renderings: pipe tables for wikis, pull requests and reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import singledispatch

from gapcheck.analysis import CoverageMatrix, DiffReport, GapReport, OverlapReport, Timeline
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
    lines = [f"## Coverage matrix: {words.dataset(result.data, result.at)}", ""]
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
    lines = [f"## Gaps: {words.dataset(result.data, result.at)}", "", words.gaps_summary(result)]
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
    lines = [
        f"## Overlaps: {words.dataset(result.data, result.at)}",
        "",
        words.overlaps_summary(result),
    ]
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


@render.register
def _(result: Timeline) -> str:
    lines = [f"## Timeline: {words.dataset(result.data)}", ""]
    header = ["Year", *(area.name for area in result.focus_areas)]
    rows = (
        [year, *(words.timeline_cell(a.counts[i], a.threshold) for a in result.focus_areas)]
        for i, year in enumerate(result.years)
    )
    lines += _table(header, rows)
    lines += ["", words.timeline_legend(result)]
    return "\n".join(lines) + "\n"


@render.register
def _(result: DiffReport) -> str:
    """Compact, for a pull-request comment or a CI job summary."""
    lines = [
        f"### gapcheck diff: {words.diff_sides(result.base, result.head)}",
        "",
        f"**{words.diff_headline(result)}**",
    ]
    areas, names = result.area_names, result.names
    bullets = [f"- :red_circle: gap opened: {_names([a], areas)}" for a in result.gaps_opened]
    bullets += [f"- :green_circle: gap closed: {_names([a], areas)}" for a in result.gaps_closed]
    bullets += [f"- initiative added: {_names([i], names)}" for i in result.initiatives_added]
    bullets += [f"- initiative removed: {_names([i], names)}" for i in result.initiatives_removed]
    for change in result.initiatives_changed:
        moves = [f"+{_names([a], areas)}" for a in change.added]
        moves += [f"−{_names([a], areas)}" for a in change.removed]
        bullets.append(f"- initiative changed: {_names([change.id], names)} ({', '.join(moves)})")
    bullets += [f"- focus area added: {_names([a], areas)}" for a in result.focus_areas_added]
    bullets += [f"- focus area removed: {_names([a], areas)}" for a in result.focus_areas_removed]
    if bullets:
        lines += ["", *bullets]
    if result.coverage:
        lines.append("")
        lines += _table(
            ["Focus area", "Before", "After", "Change"],
            (
                [
                    c.name,
                    "–" if c.before is None else c.before,
                    "–" if c.after is None else c.after,
                    words.signed(c.before, c.after),
                ]
                for c in result.coverage
            ),
        )
    return "\n".join(lines) + "\n"
