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
    DiffReport,
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


@singledispatch
def _renderable(result: object, view: _View) -> RenderableType:
    raise TypeError(f"no table rendering for {type(result).__name__}")


def _note(hidden: int, lang: Lang, full: str = "csv") -> Text:
    """The line that says what a capped list left out."""
    return Text(caps.more(hidden, lang, full=full), style="dim")


def _tree_label(label: str, depth: int) -> str:
    return label if depth == 0 else "  " * (depth - 1) + "└ " + label


def _bar(count: int, peak: int, room: int) -> Text:
    size = 0 if peak == 0 else max(1 if count else 0, round(count * room / peak))
    return Text.assemble(("█" * size, BAR), f" {count}")


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


def _heat(value: document.Heat) -> Text:
    """A mark on the heat scale of its column (a tone, such as an uncovered year, wins)."""
    if not value.text:
        return Text("")
    if value.tone is not None:
        return Text(value.text, style=_TONES[value.tone])
    background, colour = heat(value.value, value.peak)
    return Text(value.text, style=f"bold {colour} on {background}")


def _cell(value: document.Value, kind: str, lang: Lang, width: int) -> RenderableType:
    if isinstance(value, document.Styled):
        return Text(_text(value.text), style=_style(value.tone))
    if isinstance(value, document.Bar):
        return _bar(value.value, value.peak, max(5, min(30, width // 4)))
    if isinstance(value, document.Heat):
        return _heat(value)
    if isinstance(value, document.Tree):
        return _tree_label(_text(value.text), value.depth)
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


def _grid(block: document.Table, lang: Lang, width: int) -> Table:
    """A table with a column of marks per focus area or period: each mark column as wide
    as its heading's longest word, spare room to the first column, then evenly."""
    kinds = [column.kind for column in block.columns]
    marks = [i for i, kind in enumerate(kinds) if kind == "mark"]
    after = block.columns[marks[-1] + 1 :]
    headings = [_text(block.columns[i].heading) for i in marks]
    first = [_text(block.columns[0].heading)]
    if block.total is not None and isinstance(block.total[0], str):
        first.append(_text(block.total[0]))
    first += [_text(row[0]) if isinstance(row[0], str) else "" for row in block.rows]
    reserved = sum(3 + max(5, cell_len(_text(c.heading))) for c in after)
    # Numbered headings (the view's key names them) take rich's own widths.
    numbered = all(heading.isdigit() for heading in headings)
    widths = (
        None
        if numbered
        else _column_widths(
            [_min_width(name) for name in first],
            [max(cell_len(name) for name in first)],
            [max(_min_width(heading), 3) for heading in headings],
            [cell_len(heading) for heading in headings],
            width - reserved - (3 * (len(headings) + 1) + 1),
        )
    )
    total = block.total
    table = Table(show_footer=total is not None, header_style="bold", footer_style="bold")

    def footer(index: int) -> str:
        value = None if total is None else total[index]
        return "" if value is None else _text(str(value))

    table.add_column(
        first[0],
        footer=footer(0),
        overflow="fold",
        no_wrap=not block.columns[0].wrap,
        width=None if widths is None else widths[0],
    )
    for number, index in enumerate(marks, start=1):
        table.add_column(
            headings[number - 1],
            footer=footer(index),
            justify="center",
            width=None if widths is None else widths[number],
        )
    for offset, column in enumerate(after, start=marks[-1] + 1):
        table.add_column(_text(column.heading), footer=footer(offset), justify="right")
    for row in block.rows:
        table.add_row(*(_cell(v, k, lang, width) for v, k in zip(row, kinds, strict=True)))
    return table


def _table(block: document.Table, title: str | None, lang: Lang, width: int) -> Table:
    # A grid: names (that may wrap) down the first column, a mark per focus area or period.
    if block.columns[0].wrap and any(column.kind == "mark" for column in block.columns):
        return _grid(block, lang, width)
    table = Table(
        title=None if title is None else _text(title),
        title_justify="left",
        header_style="bold",
        show_footer=block.total is not None,
        footer_style="bold",
    )
    for column in block.columns:
        if column.kind == "mark":
            table.add_column(_text(column.heading), justify="center", no_wrap=True)
        elif column.kind in ("bar", "id"):
            table.add_column(_text(column.heading), no_wrap=True, overflow="crop")
        elif not column.wrap:
            table.add_column(_text(column.heading), no_wrap=True, overflow="ellipsis")
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
    if isinstance(block, document.Key):
        key = Table.grid(padding=(0, 1))
        key.add_column(justify="right", style="bold")
        key.add_column(overflow="fold")
        for mark, meaning in block.entries:
            key.add_row(_text(mark), _text(meaning))
        return key
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
