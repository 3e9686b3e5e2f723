"""The filled cells of a workbook's sheets, as the workbook reader reads them.

An .xlsx file is a zip of XML parts. This reader parses the parts it needs with
expat (no DTD, hence no entities), streaming: the workbook's list of sheets, the
shared strings, the styles (to tell a date from a number) and the chosen sheets.
Only filled cells are kept, never a grid sized by what a sheet claims, with each
sheet's merged ranges. Text is stripped (empty text is no value), a whole number
stored as a float is an int, a number in a date format a date. A formula's value is
the one the spreadsheet program saved with it; a formula saved without one (as
some libraries write them) is :data:`UNSAVED`, which the caller reports at its cell.

The decompressed size of what is read is bounded (``max_bytes``), and so is the
number of parts in the zip: a small file must not stand for a huge one.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from xml.parsers import expat

#: The most entries (parts) a workbook's zip may list: workbooks have tens.
MAX_PARTS = 10_000
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_RANGE = re.compile(r"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})")
#: Excel's built-in number formats that show dates.
_DATE_FORMATS = {*range(14, 23), 45, 46, 47}
_DATE_CODE = re.compile(r"[dmy]", re.IGNORECASE)
_EPOCH = datetime(1899, 12, 30)


class Unreadable(Exception):
    """Not a workbook that can be read; the message says why."""


class _Unsaved:
    """A formula saved without its value."""

    def __repr__(self) -> str:
        return "UNSAVED"


UNSAVED: Any = _Unsaved()


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
    """A cell's value as the reader compares it: text stripped, 2.0 as 2."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _local(name: str) -> str:
    """An element's or attribute's name without its prefix (``x:c`` -> ``c``)."""
    return name if ":" not in name else name.rsplit(":", 1)[-1]


class _Book:
    def __init__(self, archive: zipfile.ZipFile, max_bytes: int) -> None:
        self.archive = archive
        self.budget = max_bytes

    def parse(self, part: str, start: Any, end: Any = None, text: Any = None) -> None:
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            raise Unreadable(f"it has no {part}") from None
        self.budget -= info.file_size
        if self.budget < 0:
            raise Unreadable("its sheets decompress to more than the limit (--max-bytes)")
        # Elements are told apart by their local names (the parts' namespaces are fixed
        # by the format), which spares expat resolving them for every cell.
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        # A document type declaration could define entities: none is read.
        parser.StartDoctypeDeclHandler = _no_doctype
        with self.archive.open(info) as stream:
            try:
                parser.ParseFile(stream)
            except expat.ExpatError as exc:
                raise Unreadable(f"{part}: {exc}") from None

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part) of ``part``."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels not in self.archive.NameToInfo:
            return found

        def start(tag: str, attrs: dict[str, str]) -> None:
            if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(folder, target))
                found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

        self.parse(rels, start)
        return found


def _no_doctype(*_args: Any) -> None:
    raise Unreadable("a document type declaration in a part")


def read_sheets(
    data: bytes, choose: Callable[[list[str]], list[str]], max_bytes: int
) -> list[Sheet]:
    """The sheets of cells of the workbook ``data`` (an .xlsx file's bytes) that ``choose``
    picks from the names of all, in the workbook's order; no other sheet is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_PARTS:
                raise Unreadable(f"more than {MAX_PARTS:,} parts")
            return _read(_Book(archive, max_bytes), choose)
    # A damaged zip or part: a bad directory, compressed data that does not inflate
    # (zlib.error), an encrypted part (RuntimeError), a zip version it does not know.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise Unreadable(str(exc)) from None


def _read(book: _Book, choose: Callable[[list[str]], list[str]]) -> list[Sheet]:
    main = next(
        (t for kind, t in book.relations("").values() if kind.endswith("/officeDocument")), None
    )
    if main is None:
        raise Unreadable("no workbook in it")
    listed: list[tuple[str, str]] = []

    def book_start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            rel = next((v for k, v in attrs.items() if _local(k) == "id"), None)
            if "name" in attrs and rel is not None:
                listed.append((attrs["name"], rel))

    book.parse(main, book_start)
    relations = book.relations(main)
    worksheets = [
        (name, relations[rel][1])
        for name, rel in listed
        if rel in relations and relations[rel][0].endswith("/worksheet")
    ]
    chosen = set(choose([name for name, _ in worksheets]))
    parts = {kind.rsplit("/", 1)[-1]: target for kind, target in relations.values()}
    strings = _strings(book, parts["sharedStrings"]) if "sharedStrings" in parts else []
    dates = _date_styles(book, parts["styles"]) if "styles" in parts else set()
    sheets = []
    for name, part in worksheets:
        if name in chosen:
            sheet = Sheet(name)
            reader = _SheetReader(sheet, strings, dates)
            book.parse(part, reader.start, reader.end, reader.text)
            sheets.append(sheet)
    return sheets


def _strings(book: _Book, part: str) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    state = {"in_t": False, "skip": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "si":
            pieces.clear()
        elif name == "t":
            state["in_t"] = True
        elif name in ("rPh", "phoneticPr"):
            state["skip"] += 1  # phonetic guides are not the text

    def end(tag: str) -> None:
        name = _local(tag)
        if name == "si":
            strings.append("".join(pieces))
        elif name == "t":
            state["in_t"] = False
        elif name in ("rPh", "phoneticPr"):
            state["skip"] -= 1

    def text(data: str) -> None:
        if state["in_t"] and not state["skip"]:
            pieces.append(data)

    book.parse(part, start, end, text)
    return strings


def _date_styles(book: _Book, part: str) -> set[int]:
    """The indexes of the cell styles (``s="N"``) whose number format shows a date."""
    custom: dict[int, str] = {}
    formats: list[int] = []
    where = {"xfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "numFmt" and attrs.get("numFmtId", "").isdigit():
            custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            where["xfs"] = True
        elif name == "xf" and where["xfs"]:
            number = attrs.get("numFmtId", "0")
            formats.append(int(number) if number.isdigit() else 0)

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            where["xfs"] = False

    book.parse(part, start, end)

    def is_date(number: int) -> bool:
        if number in custom:
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom[number])
            return bool(_DATE_CODE.search(code))
        return number in _DATE_FORMATS

    return {index for index, number in enumerate(formats) if is_date(number)}


class _SheetReader:
    def __init__(self, sheet: Sheet, strings: list[str], dates: set[int]) -> None:
        self.sheet = sheet
        self.strings = strings
        self.dates = dates
        self.row = 0
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.formula = False
        self.value: list[str] | None = None  # the text of <v> or of <is><t>
        self.collect = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag if ":" not in tag else _local(tag)
        if name == "c":
            ref = _REF.fullmatch(attrs.get("r", ""))
            if ref is not None:
                self.column = _column_number(ref.group(1))
                self.row = int(ref.group(2))
            else:
                self.column += 1
            self.kind = attrs.get("t", "n")
            style = attrs.get("s", "0")
            self.style = int(style) if style.isdigit() else 0
            self.formula = False
            self.value = None
        elif name == "row":
            number = attrs.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            self.column = 0
        elif name in ("v", "t"):
            self.collect = True
            if self.value is None:
                self.value = []
        elif name == "f":
            self.formula = True
        elif name == "mergeCell":
            found = _RANGE.fullmatch(attrs.get("ref", ""))
            if found is not None:
                first, top, last, bottom = found.groups()
                self.sheet.merged.append(
                    (int(top), _column_number(first), int(bottom), _column_number(last))
                )

    def end(self, tag: str) -> None:
        name = tag if ":" not in tag else _local(tag)
        if name == "c":
            self.collect = False
            value = self._value()
            if value is not None:
                self.sheet.cells.setdefault(self.row, {})[self.column] = value
        elif name in ("v", "t"):
            self.collect = False

    def text(self, data: str) -> None:
        if self.collect and self.value is not None:
            self.value.append(data)

    def _value(self) -> Any:
        if self.value is None:
            return UNSAVED if self.formula else None
        text = "".join(self.value)
        kind = self.kind
        try:
            if kind == "s":
                return clean(self.strings[int(text)])
            if kind in ("str", "inlineStr"):
                return clean(text)
            if kind == "b":
                return "TRUE" if text.strip() == "1" else "FALSE"
            if kind == "e":
                return clean(text)  # '#N/A': reported where it is not a value
            if kind == "d":
                return date.fromisoformat(text.strip()[:10])
            number = float(text)
        except (ValueError, IndexError):
            return clean(text)
        if self.style in self.dates and 0 <= number < 2_958_466:
            moment = _EPOCH + timedelta(days=number)
            return moment.date() if moment.time() == datetime.min.time() else moment
        return clean(number)
