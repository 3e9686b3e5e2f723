"""The document model: what a view builds and what every human printer prints.

A view (``views/<result>.py``) turns one analysis result into a :class:`Document`:
a title, summary sentences and sections of blocks (paragraphs, tables with typed
columns, bullet lists, bar charts, legends, cap notes). Every decision about what
people see is made there; the printers (``render/table.py``, ``markdown.py``,
``csv.py``, and the Word and HTML printers) only lay a document out in their format,
the way pandoc's writers print one document tree.

Text from the data file is untrusted. A view never escapes it: it marks it with
:func:`data`, and each printer applies its own rule of ``render/safe.py`` to the
marked spans (:func:`spans`) in its cell and line helpers. Everything outside the
marks is gapcheck's own words, from the message catalogue. Pure: no rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeAlias

from gapcheck.i18n import Lang

#: The marks around text from the data (Unicode private-use characters, which no
#: catalogue text holds). Inside the marks, these characters from the data themselves
#: are replaced by visible escapes, so that data cannot close its own mark.
_OPEN, _CLOSE = "\ue000", "\ue001"
_UNMARK = str.maketrans({_OPEN: "\\ue000", _CLOSE: "\\ue001"})


def data(text: str) -> str:
    """``text`` from the data file, marked as untrusted for the printers."""
    return _OPEN + text.translate(_UNMARK) + _CLOSE


def spans(text: str) -> Iterator[tuple[str, bool]]:
    """The pieces of ``text``: ``(piece, True)`` for text from the data, else gapcheck's."""
    rest = text
    while rest:
        start = rest.find(_OPEN)
        if start < 0:
            yield rest, False
            return
        if start:
            yield rest[:start], False
        end = rest.find(_CLOSE, start)
        if end < 0:  # a mark cut off (a clipped name): the rest is data, to be safe
            yield rest[start + 1 :], True
            return
        yield rest[start + 1 : end], True
        rest = rest[end + 1 :]


def escaped(text: str, escape: Callable[[str], str]) -> str:
    """``text`` with every span from the data passed through ``escape`` (a printer's
    helper from ``render/safe.py``) and gapcheck's own words left as they are."""
    if _OPEN not in text:
        return text
    return "".join(escape(piece) if untrusted else piece for piece, untrusted in spans(text))


def plain(text: str) -> str:
    """``text`` without its marks: exactly what the data holds (for data formats)."""
    return text.replace(_OPEN, "").replace(_CLOSE, "")


#: How a printer may colour or weigh a piece of text (the terminal does; Markdown,
#: CSV and plain text ignore it): a problem, a warning, good news, an aside, a name;
#: ``alarm`` is the worst of problems (nothing left), which pages set in bold too.
Tone: TypeAlias = Literal["alarm", "bad", "warn", "good", "muted", "accent", "strong"]

#: What a table's column holds, which decides how each printer writes and aligns it:
#: ``text`` (may wrap), ``count`` and ``number`` (right-aligned), ``money`` (a
#: :class:`~decimal.Decimal`, written as an amount for people and exactly for
#: spreadsheets), ``year``, ``id`` (never wrapped), ``bar`` (a :class:`Bar`),
#: ``mark`` (a short centred mark such as ``X``; a table with mark columns is a grid,
#: one mark column per focus area or period).
#: ``strip`` (a :class:`Strip`: a small square per member, on a heat scale; pages draw it,
#: text formats leave the column out).
ColumnKind: TypeAlias = Literal[
    "text", "count", "number", "money", "year", "id", "bar", "mark", "strip"
]


@dataclass(frozen=True, slots=True)
class Styled:
    """A cell or a run of text with a tone; ``url``: a link for what it names (a focus
    area's ``url:`` from the data), which a printer that links (Markdown) checks with
    ``safe.link_target`` and the others leave out.

    For pages (printers without anchors ignore these): ``tag``, a short word shown with
    the text in the tone's colour (a badge: ``Uncovered``); ``anchor``, a name this text
    can be linked to within the document; ``ref``, the ``anchor`` this text links to.
    """

    text: str
    tone: Tone | None = None
    url: str | None = None
    tag: str | None = None
    anchor: str | None = None
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Bar:
    """A bar of ``value`` out of ``peak``, followed by the number."""

    value: int
    peak: int


@dataclass(frozen=True, slots=True)
class Heat:
    """A mark (``X``, ``3*``) on a colour scale of ``value`` out of ``peak``; ``tone``
    overrides the scale (an uncovered year is ``bad`` whatever the scale)."""

    text: str
    value: int
    peak: int
    tone: Tone | None = None


@dataclass(frozen=True, slots=True)
class Strip:
    """Small squares, one per member of a group (each a :class:`Heat`: its text the
    member's name and count), for a ``strip`` column: the picture of a row at a glance."""

    cells: tuple[Heat, ...]


@dataclass(frozen=True, slots=True)
class Tree:
    """A name in a tree: ``depth`` levels below a top-level item."""

    text: str
    depth: int


#: What a table cell holds: text (possibly with data marks), a number, an amount,
#: nothing, or one of those with a tone.
Value: TypeAlias = str | int | float | Decimal | Styled | Bar | Heat | Strip | Tree | None


@dataclass(frozen=True, slots=True)
class Column:
    """``wrap``: False for a column cut short with an ellipsis rather than wrapped;
    ``key``: what the column is about (an id), which a page may carry; ``heat``: the
    heading's colour on a heat scale (a heat map's columns, on a page)."""

    heading: str
    kind: ColumnKind = "text"
    wrap: bool = True
    key: str | None = None
    heat: Heat | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under typed columns; ``total`` is a closing row of totals (a footer);
    ``tones`` colours whole rows (one entry per row, or empty); ``keys``: what each row
    is about (an id, one per row, or empty), which a page may carry."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    total: tuple[Value, ...] | None = None
    tones: tuple[Tone | None, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A sentence or a few; runs may carry a tone (``Styled``). A ``headline`` is the one
    line a reader reads first (a diff's verdict): pages set it in bold."""

    runs: tuple[str | Styled, ...]
    headline: bool = False

    @classmethod
    def of(cls, text: str, tone: Tone | None = None, *, headline: bool = False) -> Paragraph:
        return cls((Styled(text, tone) if tone else text,), headline)


@dataclass(frozen=True, slots=True)
class BulletList:
    """Items of one kind. The terminal draws no bullets: it shows each item as a line,
    after ``sign`` if there is one (``+``, ``-``, ``~``); a page draws bullets.
    ``numbered``: the order matters (the worst first), so the items are numbered. An
    item may be a paragraph of runs (a sentence and a link to its evidence)."""

    items: tuple[str | Styled | Paragraph, ...]
    tone: Tone | None = None
    sign: str | None = None
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class BarChart:
    """One bar per label (the terminal draws blocks; formats without drawings skip it).

    For a page's drawing: ``title`` (a caption), ``texts`` (each value as written, e.g.
    an amount), ``tones`` (each bar's), ``keys`` (what each bar is about), ``lines``
    (thresholds drawn across the bars: ``(value, label, tone)``) and ``peak`` (the end
    of the scale, when it is not the longest bar)."""

    bars: tuple[tuple[str, int | Decimal], ...]
    title: str | None = None
    texts: tuple[str, ...] = ()
    tones: tuple[Tone | None, ...] = ()
    keys: tuple[str, ...] = ()
    lines: tuple[tuple[float, str, Tone], ...] = ()
    peak: int | None = None


@dataclass(frozen=True, slots=True)
class Network:
    """Two columns of nodes, ``(key, name)``, and a line for each ``(left, right)`` edge
    (a page draws it; the other formats leave it out)."""

    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]
    edges: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Figures:
    """The few numbers a reader looks at first: ``(value, label, tone)``, side by side."""

    entries: tuple[tuple[str, str, Tone | None], ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Labelled values in a row: ``(label, value)``."""

    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Definitions:
    """Terms, each with what is said of it: ``(term, details)`` (a page's ``<dl>``)."""

    entries: tuple[tuple[str | Styled, tuple[str | Styled, ...]], ...]


@dataclass(frozen=True, slots=True)
class Key:
    """What numbered or marked headings stand for: ``(mark, meaning)`` pairs."""

    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Legend:
    """What the marks, counts and order of the result mean: read last, shown quietly."""

    text: str


@dataclass(frozen=True, slots=True)
class Cap:
    """``… and 1,312 more (use --all or --format csv)``: what a capped list left out
    (``hidden`` items)."""

    text: str
    hidden: int = 0


@dataclass(frozen=True, slots=True)
class Details:
    """Blocks a page may fold away under ``summary`` (the terminal shows them as they are)."""

    summary: str
    blocks: tuple[Block, ...]


Block: TypeAlias = (
    "Paragraph | Table | BulletList | BarChart | Network | Figures | Facts | Definitions"
    " | Key | Legend | Cap | Details"
)


@dataclass(frozen=True, slots=True)
class Section:
    """Blocks under an optional heading (the terminal shows it as the title of the
    section's first table); ``anchor``: a name a link within the document may point at."""

    heading: str | None
    blocks: tuple[Block, ...]
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Records:
    """The result as one flat table for spreadsheets (CSV): every row, exact values
    (text as the data holds it, never marked: a spreadsheet printer neutralises every
    cell), ids rather than labels. Not capped by the view (``--limit`` trims the result)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One result for people: ``title · subject`` (the subject names the data), the
    summary sentences, then the sections; ``records`` is the spreadsheet table;
    ``anchor``: a name a link may point at (a part of a :class:`Bundle`)."""

    title: str
    subject: str
    lang: Lang
    summary: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    records: Records | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Bundle:
    """Documents one after the other under one ``title · subject`` (a report), with a
    closing line (``footer``: what made it, from which data)."""

    title: str
    subject: str
    lang: Lang
    documents: tuple[Document, ...]
    footer: str


def text_of(item: str | Styled | Paragraph) -> str:
    """The text of a list item or a run, whether styled or not."""
    if isinstance(item, Paragraph):
        return "".join(map(text_of, item.runs))
    return item.text if isinstance(item, Styled) else item


# --- sizes: what views weigh against a page's budget (a Markdown comment's 60,000) -------


def value_chars(value: Value | Paragraph) -> int:
    """About the characters ``value`` (a cell, a run, a list item) takes printed."""
    if isinstance(value, Paragraph):
        return sum(map(value_chars, value.runs))
    if isinstance(value, Styled | Heat | Tree):
        return len(plain(value.text))
    if value is None or isinstance(value, Strip):  # a strip is drawn, never written
        return 0
    if isinstance(value, Bar):
        return len(str(value.value))
    return len(plain(value) if isinstance(value, str) else str(value))


def row_chars(row: tuple[Value, ...]) -> int:
    """About the characters of a table's row in Markdown (``| a | b |``)."""
    return sum(value_chars(v) + 3 for v in row) + 3


def item_chars(item: str | Styled | Paragraph) -> int:
    """About the characters of a list item in Markdown (``1. item``)."""
    return value_chars(item) + 5


def head_chars(columns: tuple[Column, ...]) -> int:
    """About the characters of a table's heading and rule in Markdown."""
    return sum(len(plain(c.heading)) + 8 for c in columns)


def chars(block: Block | Section | Document) -> int:
    """About the characters ``block`` takes printed as Markdown (its text and a little
    markup; drawings none): what a view weighs against a page's budget."""
    if isinstance(block, Document):
        summary = sum(map(chars, block.summary))
        return len(block.title) + len(block.subject) + 8 + summary + sum(map(chars, block.sections))
    if isinstance(block, Section):
        return len(plain(block.heading or "")) + 6 + sum(map(chars, block.blocks))
    if isinstance(block, Table):
        rows = [*block.rows, *(() if block.total is None else (block.total,))]
        return head_chars(block.columns) + sum(map(row_chars, rows))
    if isinstance(block, Paragraph):
        return value_chars(block) + 2
    if isinstance(block, BulletList):
        return sum(map(item_chars, block.items)) + 1
    if isinstance(block, Legend | Cap):
        return len(plain(block.text)) + 2
    if isinstance(block, Facts | Key):
        return sum(len(plain(a)) + len(plain(b)) + 5 for a, b in block.entries) + 2
    if isinstance(block, Details):
        return len(plain(block.summary)) + 40 + sum(map(chars, block.blocks))
    return 0
