"""The CSV printer: a document's flat table (``records``), for spreadsheets (see docs/json.md).

It knows documents, not analysis results: the view chose the columns and rows.
Every cell goes through ``safe.csv_row`` (no formula can start a cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from gapcheck.render import safe
from gapcheck.views.document import Document, Styled, Value, plain


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The table, every row through ``safe.csv_row``: text that a spreadsheet would
    run as a formula gets a leading ``'``; numbers stay numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe.csv_row(header))
    writer.writerows(map(safe.csv_row, rows))
    return buffer.getvalue()


#: Cells a spreadsheet takes as they are (a matrix's rows are all text: millions of cells).
_AS_IS = frozenset({str, int, float})


def render(doc: Document) -> str:
    """The document's flat table (``records``): exact values, every row through
    ``safe.csv_row``; amounts written exactly, as text; nothing as an empty cell."""
    if doc.records is None:
        raise TypeError(f"no CSV table in the document {doc.title!r}")
    kinds = [column.kind for column in doc.records.columns]

    def cell(value: Value, kind: str) -> object:
        if value is None:
            return ""
        if isinstance(value, Styled):
            value = value.text
        if isinstance(value, str):
            return plain(value)
        if kind == "money":
            return str(value)
        return value

    def row(values: tuple[Value, ...]) -> Sequence[object]:
        if _AS_IS.issuperset(map(type, values)):  # records hold plain text, never marks
            return values
        return [cell(v, k) for v, k in zip(values, kinds, strict=True)]

    return _write([column.heading for column in doc.records.columns], map(row, doc.records.rows))
