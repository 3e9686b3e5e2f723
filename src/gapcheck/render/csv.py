"""The CSV printer: a document's flat table (``records``), for spreadsheets (see docs/json.md).

It knows documents, not analysis results: the view chose the columns and rows.
Every cell goes through ``safe.csv_row`` (no formula can start a cell).

English CSV is for machines: RFC 4180 (commas, ``.`` decimals, the keys of
docs/json.md as headings). Danish CSV is for people, what Danish Excel opens by a
double-click: UTF-8 with a byte-order mark, ``;`` between fields, decimal commas,
Danish headings (focus area ids, which are data, stay as they are).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from gapcheck.i18n import MESSAGES, Lang, t
from gapcheck.render import safe
from gapcheck.views.document import Document, Styled, Value, plain

#: Danish Excel's list separator and what it reads first: the byte-order mark of UTF-8.
_DA_SEPARATOR, _BOM = ";", "\ufeff"
#: Columns of numbers, and a number written exactly with a decimal point.
_NUMBERS = frozenset({"number", "money", "count"})
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def _write(header: Sequence[str], rows: Iterable[Sequence[object]], lang: Lang = "en") -> str:
    """The table, every row through ``safe.csv_row``: text that a spreadsheet would
    run as a formula gets a leading ``'``; numbers stay numbers (in Danish, written
    with a decimal comma after that check, so that ``-1,5`` stays a number)."""
    buffer = io.StringIO()
    if lang == "da":
        writer = csv.writer(buffer, delimiter=_DA_SEPARATOR, lineterminator="\n")
        buffer.write(_BOM)
        writer.writerow(safe.csv_row(header))
        writer.writerows(_danish(safe.csv_row(row)) for row in rows)
    else:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(safe.csv_row(header))
        writer.writerows(map(safe.csv_row, rows))
    return buffer.getvalue()


def _danish(row: Sequence[object]) -> Sequence[object]:
    """Numbers with a decimal comma (``1,444``, ``7200000,00``): Danish Excel's numbers."""
    return [
        str(value).replace(".", ",")
        if isinstance(value, (float, Decimal)) and not isinstance(value, bool)
        else value
        for value in row
    ]


def _heading(heading: str, lang: Lang) -> str:
    """A column's heading: a key of gapcheck's in ``lang``, or data (an id) as it is."""
    key = f"csv.{heading}"
    if lang == "da" and heading == plain(heading) and key in MESSAGES:
        return t(key, lang)
    return plain(heading)


#: Cells a spreadsheet takes as they are (a matrix's rows are all text: millions of cells).
_AS_IS = frozenset({str, int, float})


def render(doc: Document) -> str:
    """The document's flat table (``records``): exact values, every row through
    ``safe.csv_row``; amounts written exactly, as text; nothing as an empty cell."""
    if doc.records is None:
        raise TypeError(f"no CSV table in the document {doc.title!r}")
    kinds = [column.kind for column in doc.records.columns]
    danish = doc.lang == "da"
    # Danish CSV reads amounts a view wrote as text (exactly) as numbers: cell by cell.
    as_is = _AS_IS if not danish or _NUMBERS.isdisjoint(kinds) else frozenset()

    def cell(value: Value, kind: str) -> object:
        if value is None:
            return ""
        if isinstance(value, Styled):
            value = value.text
        if isinstance(value, str):
            if danish and kind in _NUMBERS and _DECIMAL.fullmatch(value):
                return Decimal(value)  # an amount a view wrote exactly: a number in Danish
            return plain(value)
        if kind == "money":
            return value if danish else str(value)
        return value

    def row(values: tuple[Value, ...]) -> Sequence[object]:
        if as_is.issuperset(map(type, values)):  # records hold plain text, never marks
            return values
        return [cell(v, k) for v, k in zip(values, kinds, strict=True)]

    header = [_heading(column.heading, doc.lang) for column in doc.records.columns]
    return _write(header, map(row, doc.records.rows), doc.lang)
