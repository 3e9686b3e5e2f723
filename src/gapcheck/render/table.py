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
    DiffReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.i18n import Lang, t
from gapcheck.render import caps, safe, words
from gapcheck.render.palette import HEAT, heat
from gapcheck.views import document

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
    if isinstance(result, document.Document):
        console.print(_document(result, width))
    else:
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
    table, legend = _area_grid(
        t("col.owner" if result.by == "owner" else "col.initiative", lang),
        [labels[item.id] for item in rows],
        [area.name for area in areas],
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
                _data(result.head),
                lang,
                None if result.base_title is None else _data(result.base_title),
                None if result.head_title is None else _data(result.head_title),
            ),
            "cyan",
        ),
    )
    style = "bold red" if result.gaps_opened else ("bold green" if result.changed else "green")
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
        shown, hidden = caps.cap(result.coverage, limit, caps.DIFF_ENTRIES)
        for count in shown:
            delta = words.signed(count.before, count.after, lang)
            table.add_row(
                _data(areas.get(count.focus_area, count.name)),
                "–" if count.before is None else str(count.before),
                "–" if count.after is None else str(count.after),
                Text(
                    delta, style="red" if delta.startswith("-") or count.after is None else "green"
                ),
            )
        parts.append(table)
        if hidden:
            parts.append(_note(hidden, lang, "json"))
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


# --- Documents -------------------------------------------------------------------------
# The terminal prints a document (views/document.py): every text from the data enters
# through ``_text``, which applies ``safe.line`` to the marked spans.

_TONES: dict[str, str] = {
    "bad": "bold red",
    "warn": "yellow",
    "good": "green",
    "muted": "dim",
    "accent": "magenta",
    "strong": "bold",
}


def _style(tone: str | None) -> str:
    return "" if tone is None else _TONES[tone]


def _text(text: str) -> str:
    return document.escaped(text, _data)


def _cell(value: document.Value, kind: str, lang: Lang, width: int) -> RenderableType:
    if isinstance(value, document.Styled):
        return Text(_text(value.text), style=_style(value.tone))
    if isinstance(value, document.Bar):
        return _bar(value.value, value.peak, max(5, min(30, width // 4)))
    if value is None:
        return ""
    if kind == "money":
        from gapcheck.render import money

        return money.number(value, lang)  # type: ignore[arg-type]
    if isinstance(value, str):
        return _text(value)
    return str(value)


_JUSTIFY = {
    "count": "right",
    "number": "right",
    "money": "right",
    "year": "right",
    "mark": "center",
}


def _table(block: document.Table, title: str | None, lang: Lang, width: int) -> Table:
    table = Table(
        title=None if title is None else _text(title),
        title_justify="left",
        header_style="bold",
        show_footer=block.total is not None,
        footer_style="bold",
    )
    for column in block.columns:
        if column.kind in ("bar", "id"):
            table.add_column(_text(column.heading), no_wrap=True, overflow="crop")
        elif column.kind == "text":
            table.add_column(_text(column.heading), overflow="fold")
        else:
            table.add_column(_text(column.heading), justify=_JUSTIFY[column.kind])  # type: ignore[arg-type]
    kinds = [column.kind for column in block.columns]
    for number, row in enumerate(block.rows):
        tone = block.tones[number] if block.tones else None
        table.add_row(
            *(_cell(value, kind, lang, width) for value, kind in zip(row, kinds, strict=True)),
            style=_style(tone) or None,
        )
    return table


def _block(block: document.Block, title: str | None, lang: Lang, width: int) -> RenderableType:
    if isinstance(block, document.Table):
        return _table(block, title, lang, width)
    if isinstance(block, document.Paragraph):
        return Text.assemble(
            *(
                (_text(run.text), _style(run.tone))
                if isinstance(run, document.Styled)
                else _text(run)
                for run in block.runs
            )
        )
    if isinstance(block, document.BulletList):
        return Group(*(Text(_text(item), style=_style(block.tone)) for item in block.items))
    if isinstance(block, (document.Legend, document.Cap)):
        return Text(_text(block.text), style="dim")
    if isinstance(block, document.BarChart):
        peak = max((value for _, value in block.bars), default=0)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(overflow="fold", max_width=max(10, width // 3))
        grid.add_column(no_wrap=True)
        room = max(10, min(40, width - width // 3 - 8))
        for label, value in block.bars:
            grid.add_row(_text(label), _bar(value, peak, room))
        return grid
    raise TypeError(f"no terminal layout for {type(block).__name__}")  # pragma: no cover


def _document(doc: document.Document, width: int) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble((_text(doc.title), "bold"), " · ", (_text(doc.subject), "cyan"))
    ]
    parts += [_block(paragraph, None, doc.lang, width) for paragraph in doc.summary]
    for section in doc.sections:
        # A section's heading is the title of its first table (a line of its own if none).
        title = section.heading
        if title is not None and not any(isinstance(b, document.Table) for b in section.blocks):
            parts.append(Text(_text(title), style="bold"))
            title = None
        for block in section.blocks:
            parts.append(_block(block, title, doc.lang, width))
            if isinstance(block, document.Table):
                title = None
    return Group(*parts)
