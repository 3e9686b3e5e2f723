"""The Word printer: documents (views/document.py) as one Word document (python-docx).

``report --format docx`` prints the report's documents (``views/report.py``) one after
the other under the report's title: each document's title a heading, its summary
sentences paragraphs, its sections headings one level below, its tables real Word
tables (a header row repeated on every page, numbers right-aligned, marks centred).
It knows documents, not results: whatever the report composes, it prints.

Text from the data is only ever text: every marked span goes through ``safe.docx``
(control characters shown as escapes, line breaks as spaces) into a plain run; the
printer writes no fields, no hyperlinks and no formulas. A grid with long column
headings (the matrix) numbers its columns and names them in a key under the table, so
that headings keep their words whole on an A4 page; a table wider than a portrait
page still has is set in a landscape section of its own.

python-docx is imported here only, and this module only for ``--format docx``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gapcheck.i18n import Lang
from gapcheck.render import safe
from gapcheck.views import document

#: A mark column's heading longer than this is numbered (years and numbers are not).
_SHORT_HEADING = 4
#: More columns than this do not fit a portrait A4 page: the table turns the page.
_PORTRAIT_COLUMNS = 14
#: The width of the text on an A4 page, portrait and landscape (20 mm margins), in mm.
_PORTRAIT, _LANDSCAPE = 170, 257
#: Millimetres per character of 9 pt text and of bold headings (generous averages:
#: LibreOffice may set Calibri in a wider font), and the cell padding.
_MM_PER_CHAR, _MM_PER_BOLD, _PADDING = 2.1, 2.5, 5
#: The size of a table's text, and the smallest it gets to fit a wide table on the page.
_CELL_POINTS, _SMALLEST = 9.0, 6.0
_TONES = {"alarm": "B3261E", "bad": "B3261E", "warn": "8A5A00", "good": "1E6B34"}


def _text(text: str) -> str:
    """Text of a document for a Word run: data spans through ``safe.docx``."""
    return document.escaped(text, safe.docx)


def render(bundle: document.Bundle) -> bytes:
    """The report's documents (``views/report.py``, for paper) as a Word document (the
    bytes of a ``.docx`` file)."""
    title = f"{bundle.title}: {bundle.subject}"
    return documents(bundle.documents, title, bundle.lang, bundle.footer)


def documents(docs: Sequence[document.Document], title: str, lang: Lang, footer: str) -> bytes:
    """``docs`` one after the other under ``title``, ``footer`` last, as a ``.docx`` file."""
    import docx
    from docx.shared import Mm, Pt

    word = docx.Document()
    page = word.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Mm(20))
    word.styles["Normal"].font.name = "Calibri"
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = safe.docx(document.plain(title))
    word.core_properties.language = lang
    word.add_heading(_text(title), 0)
    printer = _Printer(word, lang)
    for doc in docs:
        printer.print(doc)
    printer.paragraph(document.Legend(footer))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _widths(
    kinds: Sequence[str], headings: Sequence[str], rows: Sequence[Sequence[str]], page: int
) -> tuple[list[Any], float]:
    """Column widths (EMU) that fill ``page`` mm: numbers and marks as wide as their
    longest text (a heading's longest word: words are never cut), text columns share
    the rest in proportion to their longest text; and the scale (at most 1) that the
    table's text must take for the columns to fit the page."""
    from docx.shared import Mm

    def longest(i: int, whole: bool) -> float:
        """The mm the column needs: its heading (bold) and, if ``whole``, its cells."""
        words = headings[i].split() or [""]
        heading = headings[i] if len(headings[i]) <= 10 else max(words, key=len)
        cells = [len(row[i]) for row in rows] if whole else []
        return _PADDING + max([_MM_PER_BOLD * len(heading), *(_MM_PER_CHAR * n for n in cells)])

    narrow = {i: longest(i, True) for i, k in enumerate(kinds) if k != "text"}
    wanted = {i: longest(i, True) for i, k in enumerate(kinds) if k == "text"}
    floor = {i: max(longest(i, False), _PADDING + 8 * _MM_PER_CHAR) for i in wanted}
    rest = page - sum(narrow.values())
    share = sum(wanted.values())
    widths = dict(narrow)
    if share:
        scale = min(1.0, max(rest, 0) / share)
        widths |= {i: max(floor[i], w * scale) for i, w in wanted.items()}
    total = sum(widths.values())
    fit = min(1.0, page / total) if total else 1.0
    return [Mm(widths[i] * fit) for i in range(len(kinds))], fit


class _Printer:
    def __init__(self, word: Any, lang: Lang) -> None:
        self.word = word
        self.lang = lang

    def print(self, doc: document.Document) -> None:
        self.word.add_heading(_text(f"{doc.title}"), 1)
        for paragraph in doc.summary:
            self.paragraph(paragraph)
        for section in doc.sections:
            if section.heading is not None:
                self.word.add_heading(_text(section.heading), 2)
            for block in section.blocks:
                self.block(block)

    def block(self, block: document.Block) -> None:
        if isinstance(block, document.Table):
            self.table(block)
        elif isinstance(block, document.BulletList):
            for item in block.items:
                self.word.add_paragraph(_text(document.text_of(item)), style="List Bullet")
        elif isinstance(block, document.Details):
            self.paragraph(document.Paragraph.of(block.summary, "strong"))
            for inner in block.blocks:
                self.block(inner)
        elif isinstance(block, document.Key):
            # One paragraph, as the page has it: a line per column ran to a page.
            entry = self.word.add_paragraph()
            for index, (mark, meaning) in enumerate(block.entries):
                entry.add_run(("  ·  " if index else "") + _text(mark)).bold = True
                entry.add_run(f" {_text(meaning)}")
        elif isinstance(block, (document.Paragraph, document.Legend, document.Cap)):
            self.paragraph(block)
        # A BarChart draws what a table next to it already says: Word gets the table.

    def paragraph(self, block: document.Paragraph | document.Legend | document.Cap) -> None:
        from docx.shared import Pt, RGBColor

        runs = block.runs if isinstance(block, document.Paragraph) else (block.text,)
        quiet = not isinstance(block, document.Paragraph)
        paragraph = self.word.add_paragraph()
        for piece in runs:
            styled = piece if isinstance(piece, document.Styled) else document.Styled(piece)
            run = paragraph.add_run(_text(styled.text))
            run.bold = styled.tone in {"alarm", "strong"} or (
                isinstance(block, document.Paragraph) and block.headline
            )
            if styled.tone in _TONES:
                run.font.color.rgb = RGBColor.from_string(_TONES[styled.tone])
            if quiet or styled.tone == "muted":
                run.italic = True
                run.font.size = Pt(9)

    def table(self, block: document.Table) -> None:
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.enum.table import WD_TABLE_ALIGNMENT

        kinds = [column.kind for column in block.columns]
        headings = [column.heading for column in block.columns]
        key: list[tuple[str, str]] = []
        marks = [i for i, kind in enumerate(kinds) if kind == "mark"]
        if any(len(document.plain(headings[i])) > _SHORT_HEADING for i in marks):
            for number, i in enumerate(marks, start=1):
                key.append((str(number), headings[i]))
                headings[i] = str(number)
        rows = list(block.rows) + ([block.total] if block.total is not None else [])
        texts = [[self._value(v, k) for v, k in zip(values, kinds, strict=True)] for values in rows]
        wide = len(headings) > _PORTRAIT_COLUMNS
        if wide:
            self._turn(WD_SECTION, WD_ORIENT.LANDSCAPE)
        table = self.word.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths, fit = _widths(
            kinds, [_text(h) for h in headings], texts, _LANDSCAPE if wide else _PORTRAIT
        )
        size = max(_SMALLEST, _CELL_POINTS * fit)  # a table too wide for the page: smaller
        self._header(table.rows[0])
        for cell, heading, kind in zip(table.rows[0].cells, headings, kinds, strict=True):
            self._cell(cell, _text(heading), kind, None, size, bold=True)
        for index, (values, cells) in enumerate(zip(rows, texts, strict=True), start=1):
            bold = block.total is not None and index == len(rows)
            for cell, value, text, kind in zip(
                table.rows[index].cells, values, cells, kinds, strict=True
            ):
                self._cell(cell, text, kind, value, size, bold=bold)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice follows; the cells, for Word
            for cell in column.cells:
                cell.width = width
        if key:
            self.block(document.Key(tuple(key)))
        if wide:
            self._turn(WD_SECTION, WD_ORIENT.PORTRAIT)
        self.word.add_paragraph()

    def _turn(self, kinds: Any, orientation: Any) -> None:
        """A new section on a new page, in ``orientation`` (A4 either way)."""
        from docx.shared import Mm

        section = self.word.add_section(kinds.NEW_PAGE)
        section.orientation = orientation
        long_side, short_side = Mm(297), Mm(210)
        landscape = orientation == type(orientation).LANDSCAPE
        section.page_width = long_side if landscape else short_side
        section.page_height = short_side if landscape else long_side

    @staticmethod
    def _header(row: Any) -> None:
        """The header row repeats at the top of every page the table runs onto."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(marker)

    @staticmethod
    def _cell(
        cell: Any, text: str, kind: str, value: document.Value, size: float, *, bold: bool = False
    ) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        paragraph = cell.paragraphs[0]
        tone = value.tone if isinstance(value, (document.Styled, document.Heat)) else None
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or tone in {"alarm", "strong"}
        if tone in _TONES:
            run.font.color.rgb = RGBColor.from_string(_TONES[tone])
        if isinstance(value, document.Tree) and value.depth:
            paragraph.paragraph_format.left_indent = Pt(8 * value.depth)
        if kind in {"count", "number", "money", "year", "bar"}:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "mark":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _value(self, value: document.Value, kind: str) -> str:
        if value is None:
            return ""
        if isinstance(value, (document.Styled, document.Heat, document.Tree)):
            return _text(value.text)
        if isinstance(value, document.Bar):
            return str(value.value)
        if kind == "money" and isinstance(value, (Decimal, int)):
            from gapcheck.render import money

            return money.number(Decimal(value), self.lang)
        return _text(value) if isinstance(value, str) else str(value)
