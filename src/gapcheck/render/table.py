"""The terminal printer: a document (views/document.py) as rich tables and lines.

It knows documents, not analysis results: a view has decided what to show, in which
order and capped how; this module lays it out for a terminal of a given width.
Colour follows the caller's choice (the command line asks the terminal and
``NO_COLOR``); without colour the output is plain text that pastes cleanly. Every
text from the data enters through ``_text``: control characters and ``::`` cannot
reach the terminal or a CI log (see render/safe.py).
"""

from __future__ import annotations

import io
import os

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gapcheck.i18n import Lang
from gapcheck.render import money, safe
from gapcheck.render.palette import HEAT, heat
from gapcheck.views import document

BAR = HEAT[5]  # dark enough to read on a light or a dark terminal


def console_environment() -> dict[str, str]:
    """The environment rich may see: without COLUMNS and LINES, which rich converts with
    int() whatever they hold (5,000 digits, or '²', raise); the width is given."""
    return {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}


def render(doc: document.Document, *, color: bool = False, width: int = 100) -> str:
    """``doc`` for a terminal ``width`` characters wide."""
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
    console.print(_document(doc, width))
    text = buffer.getvalue()
    if color:
        return text
    # Plain text is pasted into reports: no padding at the ends of lines.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


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


def _tree_label(label: str, depth: int) -> str:
    return label if depth == 0 else "  " * (depth - 1) + "└ " + label


def _bar(count: int, peak: int, room: int) -> Text:
    size = 0 if peak == 0 else max(1 if count else 0, round(count * room / peak))
    return Text.assemble(("█" * size, BAR), f" {count}")


_TONES: dict[str, str] = {
    "alarm": "bold red",
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
    """Text for the terminal: the spans from the data through ``safe.line``."""
    return document.escaped(text, safe.line)


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
        sign = "" if block.sign is None else block.sign + " "
        return Group(
            *(
                Text(sign + _text(document.text_of(item)), style=_style(block.tone))
                for item in block.items
            )
        )
    if isinstance(block, document.Details):  # the terminal folds nothing away
        return Group(*(_block(inner, None, lang, width) for inner in block.blocks))
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
            grid.add_row(_text(label), _bar(int(value), int(peak), room))
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
