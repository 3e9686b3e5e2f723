"""Rich tables for people: the ``table`` format.

Colour follows the caller's choice (the command line asks the terminal and
``NO_COLOR``); without colour the output is plain text that pastes cleanly.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import singledispatch

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gapcheck.analysis import (
    AreaCoverage,
    CoverageMatrix,
    CriticalReport,
    DiffReport,
    Gap,
    GapReport,
    OverlapReport,
    PortfolioSummary,
    SpendReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.analysis.compare import Comparison
from gapcheck.analysis.grouping import AttributeMatrix
from gapcheck.i18n import Lang, t
from gapcheck.render import caps, safe, words
from gapcheck.render.palette import HEAT, heat

BAR = HEAT[5]  # dark enough to read on a light or a dark terminal


def console_environment() -> dict[str, str]:
    """The environment rich may see: without COLUMNS and LINES, which rich converts with
    int() whatever they hold (5,000 digits, or '²', raise); the width is given."""
    return {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}


@dataclass(frozen=True, slots=True)
class _View:
    """How to render: the terminal's width, the language, the caps and ids."""

    width: int
    lang: Lang
    limit: int | None = None  # --limit N, caps.ALL for --all, None for the defaults
    ids: bool = False
    heading: bool = True  # False inside another result that has its own (whatif)


def render(
    result: object,
    *,
    color: bool = False,
    width: int = 100,
    lang: Lang = "en",
    limit: int | None = None,
    ids: bool = False,
) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,  # names are data: "[/]" or "[bold]" in a name is text, not markup
        emoji=False,
        soft_wrap=False,
        _environ=console_environment(),
    )
    console.print(_renderable(result, _View(width, lang, limit, ids)))
    text = buffer.getvalue()
    if color:
        return text
    # Plain text is pasted into reports: no padding at the ends of lines.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


#: Every text from the data enters a table through these two: control characters
#: and ``::`` cannot reach the terminal or a CI log (see render/safe.py).
_data = safe.line


def _names(ids: Iterable[str], lookup: Mapping[str, str]) -> str:
    return words.names(ids, lookup, escape=_data)


def _fell(before: int | None, after: int | None) -> bool:
    return after is None or (before is not None and after < before)


def _title(key: str, label: str, at: int | None, lang: Lang, title: str | None) -> Text:
    name = words.dataset(_data(label), at, lang, None if title is None else _data(title))
    return Text.assemble((t(key, lang), "bold"), " · ", (name, "cyan"))


def _min_width(text: str) -> int:
    """The narrowest a column can get without breaking a word."""
    return max((cell_len(word) for word in text.split()), default=1)


def _column_widths(
    first_min: list[int], first_max: list[int], mins: list[int], maxes: list[int], room: int
) -> list[int] | None:
    """Widths for the name column and one column per focus area, or None if words won't fit.

    Every column starts at its longest word; spare room goes first to the name
    column, then evenly to the focus-area columns, each up to its full text.
    """
    widths = [max(first_min), *mins]
    limits = [max(first_max), *maxes]
    spare = room - sum(widths)
    if spare < 0:
        return None
    grow = min(spare, limits[0] - widths[0])
    widths[0] += grow
    spare -= grow
    while spare > 0:
        growing = [i for i in range(1, len(widths)) if widths[i] < limits[i]]
        if not growing:
            break
        for i in growing:
            if spare == 0:
                break
            widths[i] += 1
            spare -= 1
    return widths


def _area_grid(
    first: str,
    row_names: list[str],
    areas: list[str],
    width: int,
    *,
    reserved: int = 0,
    footers: list[str] | None = None,
) -> tuple[Table, Table | None]:
    """A table with a column naming the rows, then one column per focus area.

    Full focus-area names head the columns when every word fits ``width``
    (less ``reserved`` for columns added later); otherwise the columns are
    numbered and a legend is returned too, so that no word is ever cut.
    """
    row_names = [_data(name) for name in row_names]
    areas = [_data(area) for area in areas]
    # The first column's header and footer must fit unbroken too, not only the names.
    names = [first, *(footers[:1] if footers else []), *row_names]
    widths = _column_widths(
        [_min_width(name) for name in names],
        [max(cell_len(name) for name in names)],
        [max(_min_width(area), 3) for area in areas],
        [cell_len(area) for area in areas],
        width - reserved - (3 * (len(areas) + 1) + 1),  # borders and padding
    )
    table = Table(show_footer=footers is not None, header_style="bold", footer_style="bold")
    table.add_column(
        first,
        footer=footers[0] if footers else "",
        overflow="fold",
        width=None if widths is None else widths[0],
    )
    for number, area in enumerate(areas, start=1):
        table.add_column(
            area if widths else str(number),
            footer=footers[number] if footers else "",
            justify="center",
            width=widths[number] if widths else None,
        )
    if widths is not None:
        return table, None
    legend = Table.grid(padding=(0, 1))
    legend.add_column(justify="right", style="bold")
    legend.add_column(overflow="fold")
    for number, area in enumerate(areas, start=1):
        legend.add_row(f"{number}", area)
    return table, legend


@singledispatch
def _renderable(result: object, view: _View) -> RenderableType:
    raise TypeError(f"no table rendering for {type(result).__name__}")


def _note(hidden: int, lang: Lang, full: str = "csv") -> Text:
    """The line that says what a capped list left out."""
    return Text(caps.more(hidden, lang, full=full), style="dim")


def _grid_fits(columns: int, width: int, first: int, reserved: int = 0) -> bool:
    """Whether a grid of ``columns`` focus areas fits ``width``: the column naming the
    rows at least ``first`` characters, each other column :data:`caps.MIN_COLUMN`,
    each with its borders and padding."""
    return first + 3 + columns * (caps.MIN_COLUMN + 3) + reserved + 1 <= width


def _tree_label(label: str, depth: int) -> str:
    return label if depth == 0 else "  " * (depth - 1) + "└ " + label


def _bar(count: int, peak: int, room: int) -> Text:
    size = 0 if peak == 0 else max(1 if count else 0, round(count * room / peak))
    return Text.assemble(("█" * size, BAR), f" {count}")


@_renderable.register
def _(result: CoverageMatrix, view: _View) -> RenderableType:
    width, lang = view.width, view.lang
    areas = result.focus_areas
    total = t("col.total", lang)
    parts: list[RenderableType] = [
        _title("title.matrix", result.data, result.at, lang, result.title),
        Text(words.matrix_opening(result, lang, _data)),
    ]
    reserved = 3 + max(5, cell_len(total))
    if not _grid_fits(len(areas), width, caps.MIN_NAME_COLUMN, reserved):
        parts.append(
            Text(t("layout.matrix", lang, columns=f"{len(areas):,}", width=width), style="dim")
        )
        parts += _area_list(result, view)
        parts.append(Text(words.matrix_legend(result, lang), style="dim"))
        return Group(*parts)
    rows, hidden = caps.cap(result.initiatives, view.limit, caps.MATRIX_ROWS)
    labels = words.labels(((i.id, i.name) for i in result.initiatives), ids=view.ids, lang=lang)
    headers = words.labels(((a.id, a.name) for a in areas), ids=view.ids, lang=lang)
    table, legend = _area_grid(
        t("col.owner" if result.by == "owner" else "col.initiative", lang),
        [labels[item.id] for item in rows],
        [headers[area.id] for area in areas],
        width,
        reserved=reserved,
        footers=[total, *(str(len(area.initiatives)) for area in areas)],
    )
    table.add_column(total, footer="", justify="right")
    # A heatmap: a marked cell is coloured by how many initiatives its focus area has.
    counts = [len(area.initiatives) for area in areas]
    peak = max(counts, default=0)
    styles = []
    for number in counts:
        background, colour = heat(number, peak)
        styles.append(f"bold {colour} on {background}")
    cells = words.matrix_cells(result)
    for item, marks in zip(rows, cells, strict=False):
        styled = [
            Text(mark, style=style if mark else "")
            for mark, style in zip(marks, styles, strict=True)
        ]
        table.add_row(_data(labels[item.id]), *styled, str(len(item.focus_areas)))
    parts.append(table)
    if hidden:
        parts.append(_note(hidden, lang))
    if legend is not None:
        parts.append(legend)
    parts.append(_totals_bar(areas, peak, width, numbered=legend is not None))
    parts.append(
        Text(
            f"{words.matrix_legend(result, lang)}"
            f" {t('matrix.total_row.owner' if result.by == 'owner' else 'matrix.total_row', lang)}",
            style="dim",
        )
    )
    return Group(*parts)


def _area_list(result: CoverageMatrix, view: _View) -> list[RenderableType]:
    """One row per focus area, sub-areas under their parent: its initiatives (direct,
    and with its sub-areas) and a bar; capped, with a line for the rest."""
    lang = view.lang
    areas = result.focus_areas
    by_id = {area.id: area for area in areas}
    hierarchy = any(area.parent for area in areas)
    labels = words.labels(((a.id, _data(a.name)) for a in areas), ids=view.ids, lang=lang)
    order = words.tree_order((area.id, area.parent) for area in areas)
    shown, hidden = caps.cap(order, view.limit, caps.AREA_ROWS)
    table = Table(header_style="bold")
    table.add_column(t("col.focus_area", lang), no_wrap=True, overflow="ellipsis", ratio=None)
    table.add_column(t("col.direct", lang), justify="right", no_wrap=True)
    if hierarchy:
        table.add_column(t("col.rolled", lang), justify="right", no_wrap=True)
    table.add_column(t("col.initiatives", lang), no_wrap=True, overflow="crop")
    peak = max((len(area.initiatives) for area in areas), default=0)
    room = max(5, min(30, view.width // 4))
    for area_id, depth in shown:
        area = by_id[area_id]
        cells: list[RenderableType] = [_tree_label(labels[area_id], depth), str(len(area.direct))]
        if hierarchy:
            cells.append(str(len(area.initiatives)))
        cells.append(_bar(len(area.initiatives), peak, room))
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    if hidden:
        parts.append(_note(hidden, lang))
    return parts


def _totals_bar(
    areas: tuple[AreaCoverage, ...], peak: int, width: int, *, numbered: bool
) -> RenderableType:
    """Initiatives per focus area as a bar of blocks: readable with and without colour."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(overflow="fold", max_width=max(10, width // 3))
    grid.add_column(no_wrap=True)
    room = max(10, min(40, width - width // 3 - 8))
    for number, area in enumerate(areas, start=1):
        label = str(number) if numbered else _data(area.name)
        grid.add_row(label, _bar(len(area.initiatives), peak, room))
    return grid


def _timeline_cell(count: int, threshold: int, peak: int) -> Text:
    text = words.timeline_cell(count, threshold)
    if count == 0:
        style = "bold white on red"
    elif count < threshold:
        style = "black on yellow"
    else:  # a heat scale: deeper green for more initiatives
        style = ("green", "bold green", "bold black on green")[min(2, 3 * count // (peak + 1))]
    return Text(text, style=style)


@_renderable.register
def _(result: Timeline, view: _View) -> RenderableType:
    width, lang = view.width, view.lang
    runs = words.timeline_runs(result)  # identical years folded into one row
    peak = max((max(a.counts, default=0) for a in result.focus_areas), default=0) or 1
    parts: list[RenderableType] = [
        _title("title.timeline", result.data, None, lang, result.title),
        Text(words.timeline_summary(result, lang)),
    ]
    first = max([cell_len(t("col.year", lang)), *(cell_len(label) for label, _ in runs)])
    if _grid_fits(len(result.focus_areas), width, first):
        shown, hidden = caps.cap(runs, view.limit, caps.TIMELINE_ROWS)
        table, legend = _area_grid(
            t("col.year", lang),
            [label for label, _ in shown],
            [a.name for a in result.focus_areas],
            width,
        )
        for year, i in shown:
            table.add_row(
                year, *(_timeline_cell(a.counts[i], a.threshold, peak) for a in result.focus_areas)
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
        if legend is not None:
            parts.append(legend)
    else:
        parts += _timeline_list(result, runs, peak, view)
    parts.append(Text(words.timeline_legend(result, lang), style="dim"))
    return Group(*parts)


def _timeline_list(
    result: Timeline, runs: Sequence[tuple[str, int]], peak: int, view: _View
) -> list[RenderableType]:
    """The timeline turned: one row per focus area (sub-areas under their parent), the
    latest periods that fit as columns."""
    lang, width = view.lang, view.width
    room = width - (caps.MIN_NAME_COLUMN + 3) - 1
    chosen: list[tuple[str, int]] = []
    for label, index in reversed(runs):
        need = max(cell_len(label), caps.MIN_COLUMN) + 3
        if chosen and room - need < 0:
            break
        chosen.insert(0, (label, index))
        room -= need
    periods = (
        ""
        if len(chosen) == len(runs)
        else t("layout.periods", lang, shown=len(chosen), total=len(runs))
    )
    parts: list[RenderableType] = [
        Text(
            t(
                "layout.timeline",
                lang,
                columns=f"{len(result.focus_areas):,}",
                width=width,
                periods=periods,
            ),
            style="dim",
        )
    ]
    areas = {area.id: area for area in result.focus_areas}
    labels = words.labels(
        ((a.id, _data(a.name)) for a in result.focus_areas), ids=view.ids, lang=lang
    )
    order = words.tree_order((a.id, a.parent) for a in result.focus_areas)
    shown, hidden = caps.cap(order, view.limit, caps.AREA_ROWS)
    table = Table(header_style="bold")
    table.add_column(t("col.focus_area", lang), no_wrap=True, overflow="ellipsis")
    for label, _ in chosen:
        table.add_column(label, justify="center", no_wrap=True)
    for area_id, depth in shown:
        area = areas[area_id]
        table.add_row(
            _tree_label(labels[area_id], depth),
            *(_timeline_cell(area.counts[i], area.threshold, peak) for _, i in chosen),
        )
    parts.append(table)
    if hidden:
        parts.append(_note(hidden, lang))
    return parts


@_renderable.register
def _(result: DiffReport, view: _View) -> RenderableType:
    lang, limit = view.lang, view.limit
    title = Text.assemble(
        (t("title.diff", lang), "bold"),
        " · ",
        (
            words.diff_sides(
                _data(result.base),
                _data(words.diff_head(result, lang)),
                lang,
                None if result.base_title is None else _data(result.base_title),
                None if result.head_title is None else _data(result.head_title),
            ),
            "cyan",
        ),
    )
    worse = result.gaps_opened or result.gaps_worsened
    style = "bold red" if worse else ("bold green" if result.changed else "green")
    parts: list[RenderableType] = [Text(words.diff_headline(result, lang), style=style)]
    if view.heading:
        parts.insert(0, title)
    areas = words.labels(result.area_names.items(), ids=view.ids, lang=lang)
    names = words.labels(result.names.items(), ids=view.ids, lang=lang)
    lines: list[Text] = []

    def section(ids: Sequence[str], make: Callable[[str], Text]) -> None:
        shown, hidden = caps.cap(ids, limit, caps.DIFF_ENTRIES)
        lines.extend(make(item) for item in shown)
        if hidden:
            lines.append(_note(hidden, lang, "json"))

    # An opened gap is a problem: a cross, in red; a closed gap good news, a tick.
    section(
        result.gaps_opened,
        lambda a: Text(f"✗ {t('diff.gap_opened', lang)}{_names([a], areas)}", style="red"),
    )
    worsened = {gap.focus_area: gap for gap in result.gaps_worsened}
    section(
        list(worsened),
        lambda a: Text(
            f"✗ {t('diff.gap_worsened', lang)}{_names([a], areas)}"
            f" ({words.worsened_how(worsened[a], lang)})",
            style="red",
        ),
    )
    section(
        result.gaps_closed,
        lambda a: Text(f"✓ {t('diff.gap_closed', lang)}{_names([a], areas)}", style="green"),
    )
    for sign, key, ids, lookup in (
        ("+", "diff.initiative_added", result.initiatives_added, names),
        ("-", "diff.initiative_removed", result.initiatives_removed, names),
        ("+", "diff.initiative_started", result.initiatives_started, names),
        ("-", "diff.initiative_ended", result.initiatives_ended, names),
    ):
        section(
            ids,
            lambda i, sign=sign, key=key, lookup=lookup: Text(  # type: ignore[misc]
                f"{sign} {t(key, lang)}{_names([i], lookup)}"
            ),
        )
    moved = [c for c in result.initiatives_changed if c.added or c.removed]
    by_id = {c.id: c for c in moved}

    def change_line(item: str) -> Text:
        change = by_id[item]
        line = Text(f"~ {t('diff.initiative', lang)}{_names([change.id], names)}", style="yellow")
        for area in change.added[: caps.NAMES_PER_CELL]:
            line.append(f"  +{_names([area], areas)}")
        for area in change.removed[: caps.NAMES_PER_CELL]:
            line.append(f"  -{_names([area], areas)}")
        extra = max(0, len(change.added) - caps.NAMES_PER_CELL)
        extra += max(0, len(change.removed) - caps.NAMES_PER_CELL)
        if extra:
            line.append(" " + t("names.more", lang, names="", count=extra).strip())
        return line

    section([c.id for c in moved], change_line)
    section(
        result.focus_areas_added,
        lambda a: Text(f"+ {t('diff.focus_area_added', lang)}{_names([a], areas)}"),
    )
    section(
        result.focus_areas_removed,
        lambda a: Text(f"- {t('diff.focus_area_removed', lang)}{_names([a], areas)}"),
    )
    if lines:
        parts.append(Text("\n").join(lines))
    if result.coverage:
        table = Table(title=t("section.coverage", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.before", lang), justify="right")
        table.add_column(t("col.after", lang), justify="right")
        table.add_column(t("col.change", lang), justify="right")
        shown, hidden = caps.cap(result.coverage_by_severity, limit, caps.DIFF_ENTRIES)
        for count in shown:
            severity = result.severity(count)
            table.add_row(
                _data(areas.get(count.focus_area, count.name)),
                "–" if count.before is None else str(count.before),
                "–" if count.after is None else str(count.after),
                Text(
                    words.coverage_change(result, count, lang),
                    style={"uncovered": "bold red", "gap": "red", "drop": "yellow"}.get(
                        severity, "green"
                    ),
                ),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang, "json"))
        if result.coverage_by_severity != result.coverage:  # say why not in file order
            parts.append(Text(t("coverage.order", lang), style="dim"))
    other = words.field_changes(result, lang)
    if other:  # after coverage, so that metadata churn does not bury it
        table = Table(
            title=t("section.other_changes", lang), title_justify="left", header_style="bold"
        )
        for key in ("col.what", "col.field", "col.before", "col.after"):
            table.add_column(t(key, lang), overflow="fold")
        rows, hidden = caps.cap(other, limit, caps.DIFF_ENTRIES)
        for what, name, before, after in rows:
            table.add_row(
                _data(what),
                _data(name),
                _data(words.field_value(before, lang)),
                _data(words.field_value(after, lang)),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang, "json"))
    if result.has_budgets:
        parts += _spend_changes(result, view, areas)
    return Group(*parts)


def _spend_changes(result: DiffReport, view: _View, areas: dict[str, str]) -> list[RenderableType]:
    """The money of a diff: the totals, and each focus area whose direct money changed."""
    from gapcheck.render import money

    lang = view.lang
    parts: list[RenderableType] = [Text(money.spend_totals(result, lang), style="bold")]
    if result.spend:
        table = Table(
            title=_data(money.spend_heading(result, lang)),
            title_justify="left",
            header_style="bold",
        )
        table.add_column(t("col.focus_area", lang), overflow="fold")
        for key in ("col.before", "col.after", "col.change"):
            table.add_column(t(key, lang), justify="right")
        shown, hidden = caps.cap(result.spend, view.limit, caps.DIFF_ENTRIES)
        for change in shown:
            table.add_row(
                _data(areas.get(change.focus_area, change.name)),
                "–" if change.before is None else money.number(change.before, lang),
                "–" if change.after is None else money.number(change.after, lang),
                money.signed(change.before, change.after, lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang, "json"))
    return parts


def gap_labels(
    report: GapReport, ids: bool, lang: Lang, escape: Callable[[str], str]
) -> dict[str, str]:
    """Focus area id -> its label (``name (id)`` where names repeat, the parent named)."""
    found = words.area_labels(
        ((i, escape(name), report.parents.get(i)) for i, name in report.area_names.items()),
        ids=ids,
        lang=lang,
    )
    for gap in report.gaps:  # a report made without the areas: the gaps' own names
        found.setdefault(gap.focus_area, escape(gap.name))
    return found


@_renderable.register
def _(result: GapReport, view: _View) -> RenderableType:
    lang = view.lang
    areas = gap_labels(result, view.ids, lang, _data)
    names = words.labels(((i, _data(n)) for i, n in result.names.items()), ids=view.ids, lang=lang)
    opening = words.gaps_summary(result, lang)
    worst = words.worst_gap(result, areas, caps.ROLLUP_MIN, lang, _data)
    parts: list[RenderableType] = [
        _title("title.gaps", result.data, result.at, lang, result.title),
        Text(
            opening if worst is None or len(result.gaps) < 2 else f"{opening} {worst}",
            style="bold" if result.gaps else "green",
        ),
    ]
    if result.gaps:
        entries = words.gap_entries(result, caps.ROLLUP_MIN)
        shown, _ = caps.cap(entries, view.limit, caps.GAPS)
        hidden = sum(words.entry_gaps(entry) for entry in entries[len(shown) :])
        table = Table(header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.kind", lang))
        table.add_column(t("col.initiatives", lang), overflow="fold")
        table.add_column(t("col.why", lang), overflow="fold")
        from gapcheck.render import money

        if result.spend is not None:
            table.add_column(_data(money.gap_heading(result, lang)), justify="right")
        for entry in shown:
            if isinstance(entry, Gap):
                style = "bold red" if entry.kind == "uncovered" else "yellow"
                if not entry.fails:
                    style = "dim"
                table.add_row(
                    areas[entry.focus_area],
                    Text(words.kind(entry.kind, lang), style=style),
                    words.some(
                        entry.initiatives or entry.below_strength,
                        names,
                        caps.NAMES_PER_CELL,
                        lang,
                    )
                    or Text(t("none", lang), style="red"),
                    words.gap_reason(entry, lang, escape=_data),
                    *money.gap_cell(result, entry.focus_area, lang),
                )
                continue
            kinds = [k for k, ids in (("uncovered", entry.uncovered), ("thin", entry.thin)) if ids]
            table.add_row(
                t(
                    "gaps.rollup_row",
                    lang,
                    parent=areas.get(entry.parent, entry.parent),
                    count=entry.gaps,
                ),
                Text(
                    ", ".join(words.kind(k, lang) for k in kinds),
                    style="bold red" if entry.uncovered else "yellow",
                ),
                "",
                words.rollup(entry, areas, lang),
                *money.gap_cell(result, "", lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
        legend = words.gaps_legend(result, lang)
        if legend:
            parts.append(Text(legend, style="dim"))
    if result.by is not None:
        parts.append(Text(t("gaps.by", lang, key=_data(result.by)), style="bold"))
        header, rows = words.gap_group_rows(result, lang)
        groups = Table(header_style="bold")
        for position, name in enumerate(header):
            groups.add_column(name, justify="left" if position == 0 else "right")
        for row in rows:
            groups.add_row(*(_data(str(cell)) for cell in row))
        parts.append(groups)
    if result.orphans:
        shown_orphans, hidden = caps.cap(result.orphans, view.limit, caps.ORPHANS)
        parts.append(
            Text.assemble(
                (t("orphans.label", lang), "bold yellow"),
                words.names(shown_orphans, names),
            )
        )
        if hidden:
            parts.append(_note(hidden, lang))
    return Group(*parts)


@_renderable.register
def _(result: OverlapReport, view: _View) -> RenderableType:
    lang, limit, most = view.lang, view.limit, caps.NAMES_PER_CELL
    names = words.labels(((i, _data(n)) for i, n in result.names.items()), ids=view.ids, lang=lang)
    areas = words.area_labels(
        ((i, _data(n), result.parents.get(i)) for i, n in result.area_names.items()),
        ids=view.ids,
        lang=lang,
    )
    distinct = words.distinct_pairs(result)
    pairs, hidden_pairs = caps.cap(distinct, limit, caps.PAIRS)
    if result.pair_count is not None:
        hidden_pairs = max(
            hidden_pairs, result.pair_count - words.pairs_in_groups(result) - len(pairs)
        )
    parts: list[RenderableType] = [
        _title("title.overlaps", result.data, result.at, lang, result.title),
        Text(
            words.overlaps_opening(result, pairs, lang),
            style="bold",
        ),
    ]
    if result.crowded:
        table = Table(title=t("section.crowded", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.count", lang), justify="right")
        table.add_column(t("col.initiatives", lang), overflow="fold")
        table.add_column(t("col.why", lang), overflow="fold")
        crowded, hidden = caps.cap(result.crowded, limit, caps.CROWDED)
        for area in crowded:
            table.add_row(
                Text(areas.get(area.focus_area, _data(area.name)), style="magenta"),
                str(area.count),
                words.some(area.initiatives, names, most, lang),
                words.crowded_reason(area, result, lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
    if result.identical:
        table = Table(
            title=t("section.identical", lang),
            title_justify="left",
            header_style="bold",
        )
        table.add_column(t("col.focus_areas", lang), overflow="fold")
        table.add_column(t("col.initiatives", lang), overflow="fold")
        largest = sorted(result.identical, key=lambda g: -len(g.initiatives))
        groups, hidden = caps.cap(largest, limit, caps.GROUPS)
        for group in groups:
            table.add_row(
                words.some(group.focus_areas, areas, most, lang),
                words.some(group.initiatives, names, most, lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
    if pairs:
        table = Table(title=t("section.pairs", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.initiative", lang), overflow="fold")
        table.add_column(t("col.initiative", lang), overflow="fold")
        table.add_column(t("col.shared_count", lang), justify="right")
        table.add_column(t("col.shared", lang), overflow="fold")
        table.add_column(t("col.jaccard", lang), justify="right")
        for pair in pairs:
            table.add_row(
                names.get(pair.a, _data(pair.a)),
                names.get(pair.b, _data(pair.b)),
                str(len(pair.shared)),
                words.some(pair.shared, areas, most, lang),
                f"{pair.jaccard:.2f}",
            )
        parts.append(Text(t("overlaps.ranking", lang), style="dim"))
        parts.append(table)
    if hidden_pairs:
        parts.append(_note(hidden_pairs, lang))
    parts += _owner_overlaps(result, view, areas)
    return Group(*parts)


def _owner_overlaps(
    result: OverlapReport, view: _View, areas: dict[str, str]
) -> list[RenderableType]:
    """Coordination needed (areas served by several owners) and owners alike."""
    lang, most = view.lang, caps.OWNERS_PER_CELL
    owners = words.labels(
        ((i, _data(n)) for i, n in result.owner_names.items()), ids=view.ids, lang=lang
    )
    parts: list[RenderableType] = []
    if result.coordination:
        table = Table(
            title=t("section.coordination", lang), title_justify="left", header_style="bold"
        )
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.owners", lang), overflow="fold")
        shared, hidden = caps.cap(result.coordination, view.limit, caps.COORDINATION)
        for area in shared:
            table.add_row(
                Text(areas.get(area.focus_area, _data(area.name)), style="magenta"),
                words.some(area.owners, owners, most, lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
    if result.identical_owners:
        table = Table(
            title=t("section.identical_owners", lang), title_justify="left", header_style="bold"
        )
        table.add_column(t("col.focus_areas", lang), overflow="fold")
        table.add_column(t("col.owners", lang), overflow="fold")
        groups, hidden = caps.cap(result.identical_owners, view.limit, caps.GROUPS)
        for group in groups:
            table.add_row(
                words.some(group.focus_areas, areas, most, lang),
                words.some(group.owners, owners, most, lang),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
    return parts


@_renderable.register
def _(result: WhatIfReport, view: _View) -> RenderableType:
    lang = view.lang
    diff = result.diff
    title = _title("title.whatif", diff.base, result.at, lang, result.title)
    parts: list[RenderableType] = [
        title,
        Text.assemble((t("whatif.without", lang), "bold"), _names(result.without, diff.names)),
    ]
    from gapcheck.render import money

    freed = money.freed_line(result, lang)
    if freed is not None:
        parts.append(Text(freed, style="bold"))
    parts.append(_renderable(diff, dataclasses.replace(view, heading=False)))
    if result.orphaned:
        parts.append(
            Text.assemble(
                (t("whatif.orphaned", lang), "bold red"),
                _names(result.orphaned, diff.area_names),
            )
        )
    return Group(*parts)


@_renderable.register
def _(result: CriticalReport, view: _View) -> RenderableType:
    lang = view.lang
    style = "bold yellow" if result.critical else "green"
    parts: list[RenderableType] = [
        _title("title.critical", result.data, result.at, lang, result.title),
        Text(words.critical_summary(result, lang), style=style),
    ]
    if result.critical:
        shown, hidden = caps.cap(result.critical, view.limit, caps.CRITICAL)
        table = Table(header_style="bold")
        # Which areas each keeps: those it alone serves, those it keeps at their minimum
        # (a column only when some initiative has such areas).
        parts_of = words.critical_columns(shown)
        table.add_column(t("col.initiative", lang), overflow="fold")
        for key, _ in parts_of:
            table.add_column(t(key, lang), overflow="fold")
        table.add_column(t("col.priority", lang), justify="right")
        if result.has_budgets:
            table.add_column(_budget_heading(result, lang), justify="right")
        from gapcheck.render import money

        for item in shown:
            budget = [] if item.budget is None else [money.number(item.budget, lang)]
            table.add_row(
                _data(item.name),
                *(_names(part(item), result.area_names) for _, part in parts_of),
                str(item.priority),
                *budget,
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang))
    return Group(*parts)


@_renderable.register
def _(result: PortfolioSummary, view: _View) -> RenderableType:
    lang = view.lang
    table = Table(header_style="bold")
    table.add_column(t("col.measure", lang), overflow="fold")
    table.add_column(t("col.value", lang), overflow="fold")
    for label, value in words.summary_rows(result, lang):
        table.add_row(label, value)
    parts: list[RenderableType] = [
        _title("title.summary", result.data, result.at, lang, result.title),
        table,
    ]
    for entry in result.expiring:
        parts.append(
            Text(
                f"{entry.until.isoformat()} · {_data(entry.name)}: {_data(entry.reason)}",
                style="yellow",
            )
        )
    from gapcheck.render import money

    line = money.summary_money_line(result, lang)
    if line is not None:
        parts.append(Text(line, style="bold"))
    parts.append(Text(t("summary.legend", lang), style="dim"))
    return Group(*parts)


def _budget_heading(result: CriticalReport, lang: Lang) -> str:
    from gapcheck.render import money

    heading = t("col.budget", lang) + " " + money.in_year(result.at, lang)
    return heading + (f" ({_data(result.currency)})" if result.currency else "")


@_renderable.register
def _(result: SpendReport, view: _View) -> RenderableType:
    from gapcheck.render import money

    lang = view.lang
    at = result.years[0] if len(result.years) == 1 else None
    parts: list[RenderableType] = [_title("title.spend", result.data, at, lang, result.title)]
    # Summary first: the totals, crowded spend and unfunded areas, then the tables.
    parts.extend(Text(line) for line in money.summary_lines(result, lang, _data))
    currency = f" ({result.currency})" if result.currency else ""
    areas = Table(header_style="bold")
    areas.add_column(t("col.focus_area", lang), overflow="fold")
    areas.add_column(t("col.initiatives", lang), justify="right")
    areas.add_column(t("col.direct", lang) + currency, justify="right")
    if result.has_tree:
        areas.add_column(t("col.rolled_up", lang), justify="right")
    areas.add_column(t("col.crowded_spend", lang), justify="right")
    shown_areas, hidden_areas = caps.cap(result.areas, view.limit, caps.AREA_ROWS)
    for area in shown_areas:
        cells = [
            _data(area.name),
            str(len(area.initiatives)),
            money.number(area.direct, lang),
            *([money.number(area.rolled_up, lang)] if result.has_tree else []),
            money.number(area.crowded_spend, lang) if area.crowded_years else "",
        ]
        areas.add_row(*cells, style="yellow" if area.unfunded else None)
    parts.append(areas)
    if hidden_areas:
        parts.append(_note(hidden_areas, lang))
    if result.owners:
        owners = Table(header_style="bold")
        owners.add_column(t("col.owner", lang), overflow="fold")
        owners.add_column(t("col.level", lang))
        owners.add_column(t("col.initiatives", lang), justify="right")
        owners.add_column(t("col.spend", lang) + currency, justify="right")
        for owner in result.owners:
            owners.add_row(
                _data(money.owner_name(owner.name, owner.owner, lang)),
                money.level(owner.level, lang),
                str(len(owner.initiatives)),
                money.number(owner.spend, lang),
            )
        parts.append(owners)
    if len(result.per_year) > 1:
        years = Table(header_style="bold")
        years.add_column(t("col.year", lang), justify="right")
        years.add_column(t("col.total", lang) + currency, justify="right")
        years.add_column(t("col.unallocated", lang), justify="right")
        for year in result.per_year:
            years.add_row(
                str(year.year), money.number(year.total, lang), money.number(year.unallocated, lang)
            )
        parts.append(years)
    parts.append(Text(money.legend(result, lang), style="dim"))
    return Group(*parts)


@_renderable.register
def _(result: Comparison, view: _View) -> RenderableType:
    lang = view.lang
    labels = words.labels(
        ((a.id, _data(a.name)) for a in result.focus_areas), ids=view.ids, lang=lang
    )
    shown, hidden = caps.cap(words.compare_rows(result), view.limit, caps.COMPARE_ROWS)
    table = Table(header_style="bold")
    table.add_column(t("col.focus_area", lang))
    table.add_column(t("col.served", lang), no_wrap=True)
    table.add_column("A", justify="right", no_wrap=True)
    table.add_column("B", justify="right", no_wrap=True)
    for area in shown:
        table.add_row(
            labels[area.id], t(f"compare.{area.served}", lang), str(len(area.a)), str(len(area.b))
        )
    parts: list[RenderableType] = [
        _title("title.compare", result.data, result.at, lang, result.title),
        Text(words.compare_summary(result, lang, _data)),
        table,
    ]
    if hidden:
        parts.append(_note(hidden, lang))
    legend = [t("compare.order", lang), *words.counted(result, lang)]
    parts.append(Text(" ".join(legend), style="dim"))
    return Group(*parts)


@_renderable.register
def _(result: AttributeMatrix, view: _View) -> RenderableType:
    lang = view.lang
    table = Table(header_style="bold")
    table.add_column(_data(result.by), no_wrap=True)
    table.add_column(t("col.focus_areas", lang), justify="right", no_wrap=True)
    table.add_column(t("col.covered", lang), justify="right", no_wrap=True)
    table.add_column(t("col.uncovered_areas", lang), overflow="fold")
    for row in words.column_rows(result, caps.NAMES_PER_CELL, lang, _data, view.ids):
        table.add_row(*row)
    legend = [t("matrix.by", lang, key=_data(result.by)), *words.counted(result, lang)]
    return Group(
        _title("title.matrix", result.data, result.at, lang, result.title),
        table,
        Text(" ".join(legend), style="dim"),
    )
