"""CSV renderings: one flat table per result, for spreadsheets (see docs/json.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import singledispatch

from gapcheck.analysis import (
    DiffReport,
    WhatIfReport,
)
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


def _ids(ids: Iterable[str]) -> str:
    return ";".join(ids)


@singledispatch
def render(result: object) -> str:
    raise TypeError(f"no CSV rendering for {type(result).__name__}")


@render.register
def _(result: DiffReport) -> str:
    rows: list[list[object]] = []
    rows += [["gap", a, "opened", "", "", ""] for a in result.gaps_opened]
    rows += [["gap", a, "closed", "", "", ""] for a in result.gaps_closed]
    rows += [["initiative", i, "added", "", "", ""] for i in result.initiatives_added]
    rows += [["initiative", i, "removed", "", "", ""] for i in result.initiatives_removed]
    rows += [["initiative", i, "started", "", "", ""] for i in result.initiatives_started]
    rows += [["initiative", i, "ended", "", "", ""] for i in result.initiatives_ended]
    rows += [
        [
            "initiative",
            c.id,
            "changed",
            "",
            "",
            _ids([*(f"+{a}" for a in c.added), *(f"-{a}" for a in c.removed)]),
        ]
        for c in result.initiatives_changed
        if c.added or c.removed
    ]
    rows += [["focus_area", a, "added", "", "", ""] for a in result.focus_areas_added]
    rows += [["focus_area", a, "removed", "", "", ""] for a in result.focus_areas_removed]
    # Edits of other fields: one row each, the field named in details.
    rows += [
        ["initiative", c.id, "edited", _blank(f.before), _blank(f.after), f.field]
        for c in result.initiatives_changed
        for f in c.fields
    ]
    rows += [
        ["focus_area", c.id, "edited", _blank(f.before), _blank(f.after), f.field]
        for c in result.focus_areas_changed
        for f in c.fields
    ]
    rows += [
        ["thresholds", "", "edited", _blank(f.before), _blank(f.after), f.field]
        for f in result.thresholds
    ]
    rows += [
        ["coverage", c.focus_area, "changed", _blank(c.before), _blank(c.after), ""]
        for c in result.coverage
    ]
    if result.has_budgets:
        rows.append(["spend", "", "total", str(result.spend_before), str(result.spend_after), ""])
        rows += [
            ["spend", c.focus_area, "changed", _blank(_str(c.before)), _blank(_str(c.after)), ""]
            for c in result.spend
        ]
    return _write(["kind", "id", "change", "before", "after", "details"], rows)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _blank(value: object) -> object:
    return "" if value is None else value


@render.register
def _(result: WhatIfReport) -> str:
    """The diff's rows, then a row per initiative removed and per focus area orphaned."""
    extra = [["without", i, "removed", "", "", ""] for i in result.without]
    extra += [["focus_area", a, "orphaned", "", "", ""] for a in result.orphaned]
    if result.freed is not None:
        extra.append(["money", "", "freed", "", str(result.freed), result.currency or ""])
    return render(result.diff) + "".join(_write([], [row]).split("\n", 1)[1] for row in extra)


def document(doc: Document) -> str:
    """The document's flat table (``records``): exact values, every row through
    ``safe.csv_row``; amounts written exactly, as text."""
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

    return _write(
        [column.heading for column in doc.records.columns],
        ([cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in doc.records.rows),
    )
