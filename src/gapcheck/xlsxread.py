"""A streaming XLSX reader for ``gapcheck import``: the filled cells of one sheet.

A workbook is a zip of XML parts, and both layers can lie: a few kilobytes may
decompress to gigabytes, a sheet may claim a million rows, one cell may hold a
novel. So this reader checks the decompressed sizes of the parts it reads before it
parses them, parses with expat (no DTD, hence no entities), keeps only filled cells
(never a grid sized by what the sheet claims), stops a cell's text at the most a
spreadsheet cell holds, and counts what it reads. Every limit is in
:mod:`gapcheck.limits`; every refusal is an :class:`ImportProblem` naming the file,
and the cell when there is one.

A formula cell carries the value the spreadsheet program last computed; a formula
saved without one (as openpyxl writes them) is :data:`UNSAVED`, which the caller
reports at its cell.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import IO, Any, TypeVar
from xml.parsers import expat

from gapcheck import limits
from gapcheck.i18n import Sentence
from gapcheck.interchange import ImportProblem

DOCUMENT_RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
#: The most entries (parts) a workbook's zip may list: workbooks have tens.
MAX_PARTS = 10_000
_RELATION_ID = tuple(f"{namespace} id" for namespace in DOCUMENT_RELS)
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
_RANGE = re.compile(r"([A-Za-z]{1,3}[0-9]{1,7})(?::([A-Za-z]{1,3}[0-9]{1,7}))?")


_T = TypeVar("_T")


class _Unsaved:
    """A formula saved without its value."""

    def __repr__(self) -> str:
        return "UNSAVED"


UNSAVED: Any = _Unsaved()


class _TooLong:
    """A shared string longer than a cell may hold (reported where a cell uses it)."""


_TOO_LONG = _TooLong()


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _LocalNames(dict[str, str]):
    """Expat names ('namespace local', with namespace_separator ' ') to local names."""

    def __missing__(self, name: str) -> str:
        local = self[name] = name.rpartition(" ")[2]
        return local


_local = _LocalNames().__getitem__


class Sheet:
    """What :func:`read_xlsx` returns: the sheet's name, its filled cells and merged ranges."""

    def __init__(self, title: str) -> None:
        self.title = title
        #: row -> column -> value (str, int, float or UNSAVED); only filled cells.
        self.cells: dict[int, dict[int, Any]] = {}
        #: (first row, first column, last row, last column)
        self.merged: list[tuple[int, int, int, int]] = []

    def value(self, row: int, column: int) -> Any:
        """The cell's value; ``None`` when it is empty."""
        return self.cells.get(row, {}).get(column)

    @property
    def width(self) -> int:
        """The last column with a filled cell."""
        return max((max(row) for row in self.cells.values() if row), default=0)


class _Budget:
    """What a workbook may cost: decompressed bytes, XML elements, filled cells."""

    def __init__(self, path: Path, decoded: int) -> None:
        self.path = path
        self.limit = self.decoded = decoded
        self.elements = limits.MAX_SHEET_ENTRIES
        self.filled = limits.MAX_FILLED_CELLS

    def element(self, where: str) -> None:
        self.elements -= 1
        if self.elements < 0:
            raise ImportProblem(
                "import.entries", path=self.path, part=where, most=limits.MAX_SHEET_ENTRIES
            )

    def cell(self, ref: str) -> None:
        self.filled -= 1
        if self.filled < 0:  # (the sheet reader counts down itself and calls this to raise)
            raise ImportProblem(
                "import.more_than_read",
                path=f"{self.path}, {ref}",
                what=Sentence("import.filled_cells", {"most": limits.MAX_FILLED_CELLS}),
            )


def _unreadable(path: Path, reason: Sentence | str) -> ImportProblem:
    """``reason``: a sentence of the catalogue, or the zip or XML library's own words."""
    return ImportProblem("import.unreadable", path=path, reason=reason)


def _count_parts(path: Path, stream: IO[bytes]) -> None:
    """Refuse a zip whose directory lists more than MAX_PARTS entries, before zipfile
    builds an object for each (a small file can list a million)."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_size = min(size, 22 + 65_535)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise _unreadable(path, Sentence("import.no_zip_directory"))
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    # 0xFFFF entries means more, in a zip64 record: far more than a workbook has.
    if entries > MAX_PARTS or directory_size > MAX_PARTS * 1024:
        raise _unreadable(path, Sentence("import.zip_parts", {"most": MAX_PARTS}))
    stream.seek(0)


def _parse(
    archive: zipfile.ZipFile,
    budget: _Budget,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    *,
    end: Callable[[str], None] | None = None,
    data: Callable[[str], None] | None = None,
) -> None:
    """Parse one part with expat, after checking its decompressed size."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise _unreadable(budget.path, Sentence("import.no_part", {"part": part})) from None
    if info.file_size > budget.decoded:
        raise ImportProblem(
            "import.decompresses",
            path=budget.path,
            part=part,
            size=info.file_size,
            most=budget.limit,
        )
    budget.decoded -= info.file_size
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16

    def no_dtd(*_: object) -> None:
        raise ImportProblem("import.dtd", path=budget.path, part=part)

    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    try:
        with archive.open(info) as stream:
            parser.ParseFile(stream)
    # Damaged XML or compressed data, a part shorter than declared, an unsupported
    # compression method (NotImplementedError) or an encrypted part (RuntimeError).
    except (
        expat.ExpatError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise _unreadable(budget.path, f"{part}: {exc}") from None


def _relationships(
    archive: zipfile.ZipFile, budget: _Budget, part: str
) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, target part)."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        budget.element(rels_part)
        if _local(tag) == "Relationship" and "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            found[attrs["Id"]] = (attrs.get("Type", ""), target)

    _parse(archive, budget, rels_part, start)
    return found


def _shared_strings(archive: zipfile.ZipFile, budget: _Budget, part: str) -> list[Any]:
    """The shared strings; one longer than a cell may hold is kept as a marker."""
    strings: list[Any] = []
    parts: list[str] = []
    state = {"text": False, "phonetic": 0, "size": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        budget.element(part)
        local = _local(tag)
        if local == "t":
            state["text"] = True
        elif local == "si":
            parts.clear()
            state["size"] = 0
            if len(strings) >= limits.MAX_FILLED_CELLS:
                budget.cell("the shared strings")
        elif local == "rPh":  # phonetic hints (Japanese): not the cell's text
            state["phonetic"] += 1

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "t":
            state["text"] = False
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "si":
            strings.append(_TOO_LONG if state["size"] > limits.MAX_CELL_CHARS else "".join(parts))

    def data(text: str) -> None:
        if state["text"] and not state["phonetic"]:
            state["size"] += len(text)
            if state["size"] <= limits.MAX_CELL_CHARS:
                parts.append(text)

    _parse(archive, budget, part, start, end=end, data=data)
    return strings


def _number(text: str) -> Any:
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:  # not a number after all, or more digits than int() takes
        return text


class _SheetReader:
    """The expat handlers of one worksheet part."""

    def __init__(
        self,
        path: Path,
        sheet: Sheet,
        strings: list[Any],
        budget: _Budget,
        dates: frozenset[str] = frozenset(),
    ) -> None:
        self.dates = dates  # the cell styles (s="N") that show a number as a date
        self.style = ""
        self.path = path
        self.sheet = sheet
        self.strings = strings
        self.budget = budget
        self.row = 0
        self.column = 0
        self.kind = "n"
        self.parts: list[str] = []
        self.size = 0
        self.collect = False
        self.value_seen = False
        self.formula = False
        self.phonetic = 0

    def ref(self) -> str:
        return f"{self.sheet.title}!{column_letter(self.column)}{self.row}"

    def _place(self, text: str | None) -> tuple[int, int]:
        """A cell reference as (row, column), within a spreadsheet's bounds."""
        match = _REF.fullmatch(text or "")
        if match is None:
            reason = Sentence(
                "import.bad_reference", {"sheet": self.sheet.title, "ref": repr(text)}
            )
            raise _unreadable(self.path, reason)
        return int(match[2]), _column_number(match[1])

    def _check_bounds(self, row: int, column: int) -> None:
        if not 1 <= row <= limits.MAX_SHEET_ROWS or not 1 <= column <= limits.MAX_SHEET_COLUMNS:
            raise ImportProblem(
                "import.xlsx_beyond",
                where=f"{self.path}, {self.sheet.title}!{column_letter(column)}{row}",
                rows=limits.MAX_SHEET_ROWS,
                column=column_letter(limits.MAX_SHEET_COLUMNS),
            )

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        budget = self.budget
        budget.elements -= 1
        if budget.elements < 0:
            budget.element(self.sheet.title)
        local = _local(tag)
        if local == "c":
            reference = attrs.get("r")
            if reference is None:
                self.column += 1
                if self.column > limits.MAX_SHEET_COLUMNS:
                    self._check_bounds(self.row, self.column)
            else:
                self.row, self.column = self._place(reference)
                self._check_bounds(self.row, self.column)
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s", "")
            self.parts = []
            self.size = 0
            self.value_seen = self.formula = False
        elif local == "v":
            self.collect = True
            self.value_seen = True
        elif local == "t":
            self.collect = self.kind == "inlineStr"
            self.value_seen = True
        elif local == "f":
            self.formula = True
        elif local == "rPh":
            self.phonetic += 1
        elif local == "row":
            number = attrs.get("r")
            if number is None:
                self.row += 1
            elif number.isdigit() and len(number) <= 7:
                self.row = int(number)
            else:
                reason = Sentence(
                    "import.bad_row_number", {"sheet": self.sheet.title, "number": repr(number)}
                )
                raise _unreadable(self.path, reason)
            self._check_bounds(self.row, 1)
            self.column = 0
        elif local == "mergeCell":
            match = _RANGE.fullmatch(attrs.get("ref", ""))
            if match is None:
                reason = Sentence("import.bad_merged_range", {"sheet": self.sheet.title})
                raise _unreadable(self.path, reason)
            first = self._place(match[1])
            last = self._place(match[2] or match[1])
            for row, column in (first, last):
                self._check_bounds(row, column)
            self.sheet.merged.append((*first, *last))

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local in ("v", "t"):
            self.collect = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "c" and (self.value_seen or self.formula):
            value = self._value()
            if value is not None:
                budget = self.budget
                budget.filled -= 1
                if budget.filled < 0:
                    budget.cell(self.ref())
                self.sheet.cells.setdefault(self.row, {})[self.column] = value

    def data(self, text: str) -> None:
        if self.collect and not self.phonetic:
            self.size += len(text)
            if self.size > limits.MAX_CELL_CHARS:
                raise self._too_long()
            self.parts.append(text)

    def _too_long(self) -> ImportProblem:
        return ImportProblem(
            "import.csv_cell_too_long", usage=False, where=self.ref(), most=limits.MAX_CELL_CHARS
        )

    def _value(self) -> Any:
        text = "".join(self.parts)
        kind = self.kind
        if self.formula and not text and kind not in ("str", "inlineStr"):
            return UNSAVED
        if not self.value_seen:
            return None
        if kind == "s":
            if not text.isdigit() or int(text) >= len(self.strings):
                reason = Sentence("import.no_shared_string", {"ref": self.ref()})
                raise _unreadable(self.path, reason)
            value = self.strings[int(text)]
            if value is _TOO_LONG:
                raise self._too_long()
            return clean(value)
        if kind == "n":
            if text and self.style in self.dates:
                return _date(text)
            return clean(_number(text)) if text else None
        if kind == "b":
            return "TRUE" if text.strip() == "1" else "FALSE"
        return clean(text)  # str, inlineStr, e (an error such as #N/A), d (a date)


#: Day 0 of the 1900 date system as Excel counts (its 1900-02-29 included).
_EPOCH = datetime(1899, 12, 30)
#: Excel's built-in number formats that show a date.
_DATE_FORMATS = {*range(14, 23), 45, 46, 47}


def _date(text: str) -> Any:
    """A number in a date format: the date (a datetime when it has a time of day)."""
    number = _number(text)
    if not isinstance(number, int | float) or not 0 <= number < 2_958_466:  # to 9999-12-31
        return clean(number)
    moment = _EPOCH + timedelta(days=number)
    return moment.date() if moment.time() == time() else moment


def _date_styles(archive: zipfile.ZipFile, budget: _Budget, part: str) -> frozenset[str]:
    """The cell styles (as ``s`` names them: their index) whose number format is a date."""
    custom: dict[str, str] = {}
    formats: list[str] = []
    inside = {"xfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        budget.element(part)
        local = _local(tag)
        if local == "numFmt":
            custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            inside["xfs"] = True
        elif local == "xf" and inside["xfs"]:
            formats.append(attrs.get("numFmtId", "0"))

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            inside["xfs"] = False

    _parse(archive, budget, part, start, end=end)

    def is_date(number: str) -> bool:
        if number in custom:  # y, m or d outside quotes, brackets and escapes
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom[number])
            return re.search(r"[dmy]", code, flags=re.IGNORECASE) is not None
        return number.isdigit() and int(number) in _DATE_FORMATS

    return frozenset(str(index) for index, number in enumerate(formats) if is_date(number))


def clean(value: Any) -> Any:
    """A cell's value as import compares it: text stripped (empty is None), 2.0 as 2."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_xlsx(path: Path, sheet_name: str | None, max_bytes: int | None = None) -> Sheet:
    """The filled cells of ``sheet_name`` (or the first sheet) of the workbook at ``path``.

    The parts it parses may decompress to MAX_SHEET_BYTES, or ``max_bytes`` if smaller
    (``--max-bytes`` bounds what import reads, compressed or not).
    """
    return _with_archive(
        path, path, max_bytes, lambda archive, budget: _read(archive, budget, sheet_name)
    )


def read_xlsx_sheets(
    source: Path | bytes,
    choose: Callable[[list[str]], list[str]],
    max_bytes: int | None = None,
    *,
    name: Path | None = None,
) -> list[Sheet]:
    """The sheets of cells that ``choose`` picks from the names of a workbook's sheets
    (in the workbook's order), with numbers in date formats as dates: ``--data book.xlsx``.

    ``source`` is the file, or its bytes (a git revision's), then named ``name`` in
    messages. The same limits as :func:`read_xlsx`, over every part read.
    """
    path = source if isinstance(source, Path) else (name or Path("workbook.xlsx"))
    return _with_archive(
        source, path, max_bytes, lambda archive, budget: _read_sheets(archive, budget, choose)
    )


def _with_archive(
    source: Path | bytes,
    path: Path,
    max_bytes: int | None,
    read: Callable[[zipfile.ZipFile, _Budget], _T],
) -> _T:
    """``read`` on the workbook's zip, within the limits; every failure an ImportProblem.

    The parts it parses may decompress to MAX_SHEET_BYTES, or ``max_bytes`` if smaller.
    """
    import io

    decoded = (
        limits.MAX_SHEET_BYTES if max_bytes is None else min(max_bytes, limits.MAX_SHEET_BYTES)
    )
    budget = _Budget(path, decoded)
    try:
        with source.open("rb") if isinstance(source, Path) else io.BytesIO(source) as stream:
            _count_parts(path, stream)
            with zipfile.ZipFile(stream) as archive:
                return read(archive, budget)
    # A damaged zip directory: also a version it does not know (NotImplementedError).
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise _unreadable(path, str(exc)) from None
    except OSError as exc:
        raise ImportProblem("import.cannot_read", path=path, reason=exc.strerror or exc) from None


def _read_sheets(
    archive: zipfile.ZipFile, budget: _Budget, choose: Callable[[list[str]], list[str]]
) -> list[Sheet]:
    sheets, relations = _book(archive, budget)
    worksheets = [
        (title, relations[rel][1])
        for title, rel in sheets
        if relations.get(rel, ("", ""))[0].endswith("/worksheet")
    ]
    chosen = set(choose([title for title, _ in worksheets]))
    by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in relations.values()}
    strings_part = by_kind.get("sharedStrings")
    strings = _shared_strings(archive, budget, strings_part) if strings_part else []
    styles = by_kind.get("styles")
    dates = _date_styles(archive, budget, styles) if styles else frozenset()
    found = []
    for title, part in worksheets:
        if title in chosen:
            sheet = Sheet(title)
            reader = _SheetReader(budget.path, sheet, strings, budget, dates)
            _parse(archive, budget, part, reader.start, end=reader.end, data=reader.data)
            found.append(sheet)
    return found


def _book(
    archive: zipfile.ZipFile, budget: _Budget
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """The workbook's sheets, (name, relationship id) in order, and its relationships."""
    path = budget.path
    book_part = next(
        (
            target
            for kind, target in _relationships(archive, budget, "").values()
            if kind.endswith("/officeDocument")
        ),
        None,
    )
    if book_part is None:
        raise _unreadable(path, Sentence("import.no_workbook"))
    sheets: list[tuple[str, str]] = []  # (name, relationship id)

    def book_start(tag: str, attrs: dict[str, str]) -> None:
        budget.element(book_part)
        if _local(tag) == "sheet":
            rel = next((attrs[key] for key in _RELATION_ID if key in attrs), None)
            if "name" in attrs and rel is not None:
                sheets.append((attrs["name"], rel))

    _parse(archive, budget, book_part, book_start)
    relations = _relationships(archive, budget, book_part)
    if not sheets:
        raise _unreadable(path, Sentence("import.no_sheet"))
    return sheets, relations


def _read(archive: zipfile.ZipFile, budget: _Budget, sheet_name: str | None) -> Sheet:
    path = budget.path
    sheets, relations = _book(archive, budget)
    if sheet_name is None:
        title, rel = sheets[0]
    else:
        chosen = next(((n, r) for n, r in sheets if n == sheet_name), None)
        if chosen is None:
            names = ", ".join(name for name, _ in sheets)
            raise ImportProblem("import.no_such_sheet", path=path, sheet=sheet_name, names=names)
        title, rel = chosen
    kind, part = relations.get(rel, ("", ""))
    if not kind.endswith("/worksheet"):
        chart = kind.endswith("/chartsheet")
        raise ImportProblem(
            "import.chart" if chart else "import.not_a_sheet", path=path, title=title
        )
    strings_part = next(
        (target for kind, target in relations.values() if kind.endswith("/sharedStrings")), None
    )
    parts = [part] + ([strings_part] if strings_part else [])
    total = 0
    for name in parts:
        try:
            total += archive.getinfo(name).file_size
        except KeyError:
            raise _unreadable(path, Sentence("import.no_part", {"part": name})) from None
    if total > budget.decoded:
        raise ImportProblem(
            "import.sheet_decompresses", path=path, title=title, size=total, most=budget.limit
        )
    strings = _shared_strings(archive, budget, strings_part) if strings_part else []
    sheet = Sheet(title)
    reader = _SheetReader(path, sheet, strings, budget)
    _parse(archive, budget, part, reader.start, end=reader.end, data=reader.data)
    return sheet
