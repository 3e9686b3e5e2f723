"""The filled cells of every sheet of a workbook, as the workbook reader reads them.

Only filled cells are kept (a sheet that claims a million rows costs nothing), with
each sheet's merged ranges. Text is stripped (empty text is no value), a whole
number stored as a float is an int, and a formula's value is the one the
spreadsheet program saved with it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: The kinds of failure a damaged workbook raises deep in a zip or XML reader.
_DAMAGED = (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError, EOFError)
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"'
)


class Unreadable(Exception):
    """Not a workbook that can be read; the message says why."""


@dataclass
class Sheet:
    """One sheet: row -> column -> value (1-based), only filled cells; merged ranges."""

    name: str
    cells: dict[int, dict[int, Any]] = field(default_factory=dict)
    #: (first row, first column, last row, last column)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def value(self, row: int, column: int) -> Any:
        return self.cells.get(row, {}).get(column)

    @property
    def width(self) -> int:
        return max((max(row) for row in self.cells.values() if row), default=0)


def clean(value: Any) -> Any:
    """A cell's value as the reader compares it: text stripped, 2.0 as 2, a date as is."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        return value.date()
    return value


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def read_sheets(data: bytes) -> list[Sheet]:
    """Every sheet of cells of the workbook ``data`` (the bytes of an .xlsx file)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # damaged workbooks fail deep inside openpyxl, any way
        raise Unreadable(f"{type(exc).__name__}: {exc}") from None
    sheets = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for worksheet in book.worksheets:
                if not hasattr(worksheet, "iter_rows"):
                    continue  # a chart sheet
                sheet = Sheet(worksheet.title)
                for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                    filled = {
                        column: value
                        for column, value in enumerate(map(clean, row), start=1)
                        if value is not None
                    }
                    if filled:
                        sheet.cells[number] = filled
                part = getattr(worksheet, "_worksheet_path", None)
                if part:
                    for match in _MERGE.finditer(archive.read(part.lstrip("/"))):
                        first, top, last, bottom = match.groups()
                        sheet.merged.append(
                            (int(top), _column_number(first), int(bottom), _column_number(last))
                        )
                sheets.append(sheet)
    except _DAMAGED as exc:
        raise Unreadable(f"{type(exc).__name__}: {exc}") from None
    finally:
        book.close()
    return sheets
