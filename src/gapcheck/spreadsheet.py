"""``gapcheck import``: a spreadsheet (XLSX or CSV) to the two YAML files.

Two layouts: a *matrix* like Table 3.2 (initiative names down the first column,
focus-area names across a header row, a mark in the cells) and a *long* table (one
row per mark: initiative, focus area, and optional note, strength, start, end,
owner and source columns), told apart by the header row. Every problem names the
sheet and cell (``Sheet1!D7``), says what is wrong and gives a hint; they are
collected and raised together as :class:`~gapcheck.interchange.ImportProblem`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from gapcheck.interchange import ImportProblem
from gapcheck.xlsxread import clean, column_letter

Layout = Literal["matrix", "long"]
MARKS = {"x", "✓", "✔", "1"}
STRENGTH_WORDS = ("minimal", "partial", "significant")
TOTALS = {"total", "i alt", "sum"}
#: Header words of the long layout (compared case-insensitively, '_' and '-' as spaces).
LONG_COLUMNS: dict[str, set[str]] = {
    "initiative": {"initiative", "indsats", "initiativ"},
    "focus_area": {"focus area", "fokusområde", "fokusomrade"},
    "note": {"note", "notat", "evidence"},
    "strength": {"strength", "styrke"},
    "start": {"start"},
    "end": {"end", "slut"},
    "owner": {"owner", "ejer"},
    "source": {"source", "kilde"},
}
MAX_PROBLEMS = 20
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})


def slug(name: str, fallback: str) -> str:
    """An id from a name: lowercase, æ/ø/å/ä/ö/ü/ß spelled out, other letters unaccented."""
    text = name.casefold().replace("ß", "ss").translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    # A dot between digits stays (an ATT&CK id T1059.005 is t1059.005, a section 3.2
    # stays 3.2); every other run of other characters is one '-'.
    text = re.sub(r"(?:[^a-z0-9.]|(?<![0-9])\.|\.(?![0-9]))+", "-", text)
    text = text.strip("-")[:60].strip("-.")
    return text or fallback


def unique_ids(names: list[str], fallback: str) -> list[str]:
    """Slugs of ``names``, a repeated one as ``-2``, ``-3``, ..."""
    taken: set[str] = set()
    ids = []
    for name in names:
        base = slug(name, fallback)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


@dataclass
class Grid:
    """A sheet's filled cells, 1-based by row and column; an empty cell is absent.

    Only filled cells are kept, so what a grid costs follows what the sheet holds,
    never the size it claims or where its last cell is.
    """

    file: str
    sheet: str
    #: row -> column -> value (str, int or float); only filled cells, rows in order.
    cells: dict[int, dict[int, Any]]
    #: Merged ranges: (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def ref(self, row: int, column: int) -> str:
        return f"{self.sheet}!{column_letter(column)}{row}"

    def place(self, ref: str) -> str:
        """A cell reference with the file's name when the sheet has another."""
        return ref if self.file == self.sheet else f"{self.file}, {ref}"

    def value(self, row: int, column: int) -> Any:
        cells = self.cells.get(row)
        return None if cells is None else cells.get(column)

    def row(self, row: int) -> dict[int, Any]:
        """The filled cells of ``row``: column -> value."""
        return self.cells.get(row, {})

    def rows_below(self, row: int) -> list[int]:
        """The rows below ``row`` that have a filled cell, in order."""
        return [number for number in self.cells if number > row]

    def width(self) -> int:
        """The last column with a filled cell."""
        return max((max(cells) for cells in self.cells.values()), default=0)


def read_grid(path: Path, sheet: str | None = None, max_bytes: int | None = None) -> Grid:
    """The cells of an XLSX sheet (the first, or ``sheet``) or of a CSV file."""
    from gapcheck.fileio import regular_size

    try:
        # A regular file only: a pipe would block forever, /dev/zero never end.
        size = regular_size(path)
        with path.open("rb") as stream:
            head = stream.read(8)
    except IsADirectoryError:
        raise ImportProblem(f"{path} is a directory, not a spreadsheet") from None
    except OSError as exc:
        raise ImportProblem(f"cannot read {path}: {exc.strerror or exc}") from None
    if max_bytes is not None and size > max_bytes:
        raise ImportProblem(
            f"{path} is larger than {max_bytes} bytes (hint: raise --max-bytes if it is right)"
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet, max_bytes)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{path} is an old binary Excel file (.xls), not XLSX or CSV"
            " (hint: save it as .xlsx or as CSV UTF-8)"
        )
    if sheet is not None:
        raise ImportProblem(f"{path} is CSV, which has no sheets (hint: leave out --sheet)")
    return _read_csv(path, size)


def _too_large(path: Path, what: str) -> ImportProblem:
    return ImportProblem(
        f"{path}: {what}, more than import reads (hint: import only the table,"
        " as a sheet of its own or as CSV)"
    )


def _read_csv(path: Path, size: int) -> Grid:
    from gapcheck import limits

    if size > limits.MAX_SHEET_BYTES:
        raise ImportProblem(
            f"{path}: {size:,} bytes of CSV, more than the {limits.MAX_SHEET_BYTES:,} import"
            " reads (hint: import only the table; a table for gapcheck is far smaller)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            f"{path} is neither an XLSX file nor CSV in UTF-8 (byte {exc.start + 1} is not"
            " UTF-8) (hint: save it from the spreadsheet as .xlsx or as 'CSV UTF-8')"
        ) from None
    del data
    if "\x00" in text:
        raise ImportProblem(f"{path} is not a spreadsheet: it holds NUL bytes")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = Grid(path.name, path.name, {})
    fields = filled = 0
    reader = csv.reader(_lines(text), dialect)
    try:
        for number, row in enumerate(reader, start=1):
            fields += len(row) + 1  # a blank line is an entry too
            if fields > limits.MAX_SHEET_ENTRIES:
                raise _too_large(path, f"more than {limits.MAX_SHEET_ENTRIES:,} fields and lines")
            if not any(row):  # a blank line, or a row of empty fields: cheap to skip
                continue
            cells = {
                column: value
                for column, value in enumerate(map(clean, row), start=1)
                if value is not None
            }
            if not cells:
                continue
            last = max(cells)
            if number > limits.MAX_SHEET_ROWS or last > limits.MAX_SHEET_COLUMNS:
                raise ImportProblem(
                    f"{grid.ref(number, last)}: a cell beyond row {limits.MAX_SHEET_ROWS:,}"
                    f" or column {column_letter(limits.MAX_SHEET_COLUMNS)}, where no"
                    " spreadsheet has cells (hint: check the file, or its separator)"
                )
            for column, value in cells.items():
                if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                    raise ImportProblem(
                        f"{grid.ref(number, column)}: more than {limits.MAX_CELL_CHARS:,}"
                        " characters in one cell, the most a spreadsheet cell holds (hint: a"
                        " name or mark is short; check the file)",
                        usage=False,
                    )
            filled += len(cells)
            if filled > limits.MAX_FILLED_CELLS:
                raise _too_large(path, f"more than {limits.MAX_FILLED_CELLS:,} filled cells")
            grid.cells[number] = cells
    except csv.Error as exc:
        raise ImportProblem(
            f"{path} is not readable as CSV (line {reader.line_num}: {exc})"
        ) from None
    return grid


def _ascending(numbers: dict[int, Any]) -> bool:
    return all(a < b for a, b in pairwise(numbers))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time (io.StringIO would hold a
    second copy, at four bytes a character)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _read_xlsx(path: Path, sheet: str | None, max_bytes: int | None) -> Grid:
    from gapcheck.xlsxread import UNSAVED, read_xlsx

    found = read_xlsx(path, sheet, max_bytes)
    cells = found.cells
    # Rows and cells come in order from every spreadsheet program; any other file is
    # put in order, so that "first" means first and problems come row by row.
    if not _ascending(cells):
        cells = dict(sorted(cells.items()))
    for row, values in cells.items():
        if not _ascending(values):
            cells[row] = dict(sorted(values.items()))
    grid = Grid(path.name, found.title, cells, found.merged)
    problems = _Problems()
    for row, cells in grid.cells.items():
        for column, value in cells.items():
            if value is UNSAVED:
                problems.add(
                    f"{grid.ref(row, column)}: formula without a saved value (hint: open and"
                    " save the file in Excel or LibreOffice, or type the value)"
                )
    problems.raise_any()
    return grid


@dataclass
class ImportedMark:
    area: str  # the focus area's name
    strength: str
    ref: str
    note: str | None = None


@dataclass
class ImportedInitiative:
    name: str
    row: int
    marks: list[ImportedMark] = field(default_factory=list)
    owner: str | None = None
    start: int | None = None
    end: int | None = None
    source: str | None = None


@dataclass
class ImportedArea:
    name: str
    ref: str
    parent: str | None = None  # the parent's name


@dataclass
class Imported:
    """What a sheet says, by name; :func:`to_yaml` makes ids and the files."""

    grid: Grid
    layout: Layout
    areas: list[ImportedArea]
    initiatives: list[ImportedInitiative]


class _Problems:
    """The first MAX_PROBLEMS problems, and how many more there were."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.more = 0

    def add(self, message: str) -> None:
        if len(self.messages) < MAX_PROBLEMS:
            self.messages.append(message)
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.messages:
            tail = [f"... and {self.more} more problems"] if self.more else []
            raise ImportProblem("\n".join(self.messages + tail), usage=False)


class _Marks:
    """Counts the marks read; stops at the most one import writes."""

    def __init__(self, grid: Grid) -> None:
        from gapcheck.limits import MAX_IMPORT_MARKS

        self.grid = grid
        self.limit = self.left = MAX_IMPORT_MARKS

    def mark(self, row: int, column: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise ImportProblem(
                f"{self.grid.ref(row, column)}: more than {self.limit:,} marks, more than"
                " one import writes (hint: import"
                " the table in parts, e.g. a sheet or CSV file per group of initiatives)"
            )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _key(value: Any) -> str:
    return re.sub(r"[_\-\s]+", " ", str(value)).strip().casefold()


def _header_row(grid: Grid) -> int:
    if grid.cells:
        return min(grid.cells)
    raise ImportProblem(
        f"{grid.file}: sheet {grid.sheet} is empty (hint: the first row names the focus"
        " areas, the first column the initiatives)",
        usage=False,
    )


def detect_layout(grid: Grid) -> Layout:
    """``long`` when the header row names an initiative and a focus-area column."""
    header = {_key(value) for value in grid.row(_header_row(grid)).values()}
    long = all(header & LONG_COLUMNS[name] for name in ("initiative", "focus_area"))
    return "long" if long else "matrix"


def parse(grid: Grid, layout: Layout | None = None) -> Imported:
    layout = layout or detect_layout(grid)
    return _parse_long(grid) if layout == "long" else _parse_matrix(grid)


def mark_strength(value: Any) -> str | Literal[False] | None:
    """A cell's mark: a strength, ``None`` for no mark, ``False`` for not a mark."""
    if value is None or value in {0, "0"}:
        return None
    if value == 1:
        return "significant"
    if isinstance(value, str):
        word = value.casefold()
        if word in MARKS:
            return "significant"
        if word in STRENGTH_WORDS:
            return word
    return False


_NOT_A_MARK = (
    "is not a mark (hint: X, ✓, 1 or a strength: minimal, partial, significant;"
    " leave the cell empty for none)"
)
_NOT_A_STRENGTH = "is not a strength (hint: minimal, partial or significant, or empty)"


def _strength(
    grid: Grid, row: int, column: int, value: Any, problems: _Problems, *, problem: str
) -> str | None:
    """The strength of the mark ``value`` in a cell, ``None`` for none; anything else is
    a ``problem`` at the cell."""
    strength = mark_strength(value)
    if strength is False:
        problems.add(f"{grid.ref(row, column)}: '{value}' {problem}")
        return None
    return strength


def _duplicates(names: list[tuple[str, str]], what: str, unit: str, problems: _Problems) -> None:
    """Names given twice or more (any case): one problem each, naming every place."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for name, ref in names:
        seen.setdefault(name.casefold(), []).append((name, ref))
    for places in seen.values():
        if len(places) > 1:
            refs = ", ".join(ref for _, ref in places)
            problems.add(
                f"{refs}: the {what} '{places[0][0]}' is named in {len(places)} {unit}"
                f" (hint: name each {what} once; tell them apart in the name)"
            )


def _merged_header(
    grid: Grid, top: int, problems: _Problems
) -> tuple[int, dict[int, tuple[str, str]]]:
    """Parents from merged header cells: (the row naming the focus areas, column -> parent).

    A first header row with cells merged across columns is a group row: each merged
    cell names the parent of the focus areas in the columns under it, and the next
    row names those focus areas (a cell merged down both rows is a focus area without
    a parent). Cells merged anywhere else are refused.
    """
    groups = [m for m in grid.merged if m[0] == top == m[2] and m[1] >= 2 and m[3] > m[1]]
    grouped = set(groups)
    for merged in grid.merged:
        first_row, first_col, last_row, last_col = merged
        if merged in grouped:
            continue
        if groups and first_row == top and first_col == last_col and last_row == top + 1:
            continue
        span = f"{grid.ref(first_row, first_col)}:{column_letter(last_col)}{last_row}"
        problems.add(
            f"{span}: merged cells (hint: unmerge them; gapcheck reads merged cells only"
            " across the first header row, as the parents of the focus areas below them)"
        )
    if not groups:
        return top, {}
    parents: dict[int, tuple[str, str]] = {}
    end = 0  # the last column of the groups so far, in order: each column is named once
    for _, first_col, _, last_col in sorted(groups, key=lambda group: group[1]):
        if first_col <= end:
            problems.add(
                f"{grid.ref(top, first_col)}:{column_letter(last_col)}{top}: merged cells"
                " overlap others (hint: save the file again from the spreadsheet program)"
            )
            continue
        end = last_col
        name = _text(grid.value(top, first_col))
        if name is None:
            problems.add(f"{grid.ref(top, first_col)}: empty merged header (hint: name it)")
            continue
        for column in range(first_col, last_col + 1):
            parents[column] = (name, grid.ref(top, first_col))
    return top + 1, parents


def _parse_matrix(grid: Grid) -> Imported:
    problems = _Problems()
    budget = _Marks(grid)
    top = _header_row(grid)
    header, parents = _merged_header(grid, top, problems)
    areas: list[ImportedArea] = []
    columns: dict[int, str] = {}
    parent_areas: dict[str, ImportedArea] = {}
    body = grid.rows_below(header)
    first_below: dict[int, int] = {}  # column -> its first filled row below the header
    for row in body:
        for column in grid.row(row):
            first_below.setdefault(column, row)
    for column in range(2, grid.width() + 1):
        name = _text(grid.value(header, column))
        if name is None and column not in parents:
            name = _text(grid.value(top, column)) if header != top else None
        if name is None:
            if column in first_below:
                problems.add(
                    f"{grid.ref(header, column)}: empty header above marks (first at"
                    f" {grid.ref(first_below[column], column)}) (hint: name the focus area in"
                    " the header row)"
                )
            continue
        if _key(name) in TOTALS:
            continue
        parent = parents.get(column)
        if parent is not None and parent[0] not in parent_areas:
            parent_areas[parent[0]] = ImportedArea(parent[0], parent[1])
            areas.append(parent_areas[parent[0]])
        areas.append(ImportedArea(name, grid.ref(header, column), parent and parent[0]))
        columns[column] = name
    _duplicates([(area.name, area.ref) for area in areas], "focus area", "header cells", problems)
    initiatives: list[ImportedInitiative] = []
    for row in body:
        name = _text(grid.value(row, 1))
        cells = {column: value for column, value in grid.row(row).items() if column in columns}
        if name is None:
            if cells:
                problems.add(
                    f"{grid.ref(row, 1)}: marks in this row but no initiative name"
                    f" (first at {grid.ref(row, min(cells))}) (hint: name the initiative in"
                    " the first column)"
                )
            continue
        if _key(name) in TOTALS and all(isinstance(v, int | float) for v in cells.values()):
            continue
        item = ImportedInitiative(name, row)
        for column, value in cells.items():
            strength = _strength(grid, row, column, value, problems, problem=_NOT_A_MARK)
            if strength is not None:
                budget.mark(row, column)
                item.marks.append(ImportedMark(columns[column], strength, grid.ref(row, column)))
        initiatives.append(item)
    _duplicates([(i.name, grid.ref(i.row, 1)) for i in initiatives], "initiative", "rows", problems)
    if not columns and not problems.messages:
        problems.add(
            f"{grid.ref(header, 2)}: no focus area in the header row (hint: focus-area"
            " names across the first row, initiative names down the first column)"
        )
    problems.raise_any()
    return Imported(grid, "matrix", areas, initiatives)


def _year(grid: Grid, row: int, column: int, problems: _Problems) -> int | None:
    value = grid.value(row, column)
    if value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        year = int(value)
        if 1000 <= year <= 9999:
            return year
    problems.add(f"{grid.ref(row, column)}: '{value}' is not a year (hint: e.g. 2008)")
    return None


def _parse_long(grid: Grid) -> Imported:
    problems = _Problems()
    budget = _Marks(grid)
    header = _header_row(grid)
    columns: dict[str, int] = {}
    for column, value in grid.row(header).items():
        kind = next((k for k, words in LONG_COLUMNS.items() if _key(value) in words), None)
        if kind is None:
            known = ", ".join(sorted(LONG_COLUMNS))
            problems.add(
                f"{grid.ref(header, column)}: unknown column '{value}' (hint: the long"
                f" layout's columns: {known})"
            )
        elif kind in columns:
            problems.add(
                f"{grid.ref(header, column)}: a second '{kind}' column (first in column"
                f" {column_letter(columns[kind])})"
            )
        else:
            columns[kind] = column
    for needed in ("initiative", "focus_area"):
        if needed not in columns:
            problems.add(
                f"{grid.ref(header, 1)}: no '{needed.replace('_', ' ')}' column in the header"
                " row (hint: a long table has the columns initiative and focus area; for a"
                " matrix use --layout matrix)"
            )
    for merged in grid.merged:
        problems.add(f"{grid.ref(merged[0], merged[1])}: merged cells (hint: unmerge them)")
    problems.raise_any()
    areas: dict[str, ImportedArea] = {}
    items: dict[str, ImportedInitiative] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in grid.rows_below(header):
        name = _text(grid.value(row, columns["initiative"]))
        area = _text(grid.value(row, columns["focus_area"]))
        if name is None and area is None:
            continue
        if name is None or area is None:
            column = columns["initiative" if name is None else "focus_area"]
            problems.add(f"{grid.ref(row, column)}: empty cell (hint: every row names both)")
            continue
        areas.setdefault(area.casefold(), ImportedArea(area, grid.ref(row, columns["focus_area"])))
        item = items.setdefault(
            name.casefold(),
            ImportedInitiative(name, row),
        )
        for key in ("owner", "source", "start", "end"):
            if key not in columns:
                continue
            column = columns[key]
            found: str | int | None = (
                _text(grid.value(row, column))
                if key in ("owner", "source")
                else _year(grid, row, column, problems)
            )
            current = getattr(item, key)
            if found is not None and current is not None and current != found:
                quote = "'" if isinstance(found, str) else ""  # texts quoted, years not
                problems.add(
                    f"{grid.ref(row, column)}: {key} {quote}{found}{quote} differs from"
                    f" {quote}{current}{quote} in row {item.row} (hint: one {key} per initiative)"
                )
            elif found is not None:
                setattr(item, key, found)
        pair = (name.casefold(), area.casefold())
        if pair in seen:
            problems.add(
                f"{grid.ref(row, columns['focus_area'])}: '{name}' marks '{area}' again (first"
                f" in row {seen[pair]}) (hint: one row per mark)"
            )
            continue
        seen[pair] = row
        strength = "significant"
        if "strength" in columns:
            column = columns["strength"]
            value = grid.value(row, column)
            given = _strength(grid, row, column, value, problems, problem=_NOT_A_STRENGTH)
            strength = given or strength
        note = _text(grid.value(row, columns["note"])) if "note" in columns else None
        ref = grid.ref(row, columns["focus_area"])
        budget.mark(row, columns["focus_area"])
        item.marks.append(ImportedMark(areas[area.casefold()].name, strength, ref, note))
    problems.raise_any()
    return Imported(grid, "long", list(areas.values()), list(items.values()))


def to_yaml(imported: Imported) -> tuple[str, str]:
    """focus_areas.yaml and initiatives.yaml: ids from names, each mark's cell in its note."""
    import yaml

    grid = imported.grid
    area_ids = dict(
        zip(
            (a.name for a in imported.areas),
            unique_ids([a.name for a in imported.areas], "focus-area"),
            strict=True,
        )
    )
    item_ids = unique_ids([i.name for i in imported.initiatives], "initiative")
    areas = []
    for area in imported.areas:
        entry: dict[str, Any] = {"id": area_ids[area.name], "name": area.name}
        if area.parent is not None:
            entry["parent"] = area_ids[area.parent]
        entry["source"] = grid.place(area.ref)
        areas.append(entry)
    initiatives = []
    for item_id, item in zip(item_ids, imported.initiatives, strict=True):
        entry = {"id": item_id, "name": item.name}
        if item.owner is not None:
            entry["owner"] = item.owner
        entry["source"] = item.source or grid.place(grid.ref(item.row, 1))
        if item.start is not None:
            entry["start"] = item.start
        if item.end is not None:
            entry["end"] = item.end
        marks = []
        for mark in item.marks:
            ref: dict[str, Any] = {"id": area_ids[mark.area]}
            ref["note"] = mark.ref if mark.note is None else f"{mark.note} [{mark.ref}]"
            if mark.strength != "significant":
                ref["strength"] = mark.strength
            marks.append(ref)
        entry["focus_areas"] = marks
        initiatives.append(entry)
    sheet = "" if grid.file == grid.sheet else f", sheet {_comment(grid.sheet)}"
    origin = (
        f"# Imported by 'gapcheck import' from {_comment(grid.file)}{sheet}"
        f" ({imported.layout} layout).\n"
        "# Ids are made from the names; each mark's note names the cell it came from.\n"
        "# Format: see docs/data-format.md.\n"
    )

    def dump(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    return origin + dump({"focus_areas": areas}), origin + dump({"initiatives": initiatives})


def _comment(text: str) -> str:
    """Text for a YAML comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", "?", text)


def check(imported: Imported, focus_text: str, initiatives_text: str) -> str:
    """The problems of the two files as the loader sees them ('' when they validate).

    The files are checked as written, in memory, and each problem is placed at the
    cell it came from (a mark's cell, else the first cell of the initiative's row or
    the focus area's cell): the files do not exist yet, a temporary copy never will.
    """
    from gapcheck.diagnostics import Severity
    from gapcheck.loader import FOCUS_AREAS_FILE, INITIATIVES_FILE, load_contents
    from gapcheck.yamlread import read_yaml

    texts = {FOCUS_AREAS_FILE: focus_text, INITIATIVES_FILE: initiatives_text}
    result = load_contents(
        {name: text.encode("utf-8") for name, text in texts.items()},
        display=lambda name: name,
        label="import",
    )
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if not errors:
        return ""
    places = {name: sorted(
        ((mark.line, mark.column), path)
        for path, mark in read_yaml(text, name).source.values.items()
        if len(path) >= 2
    ) for name, text in texts.items()}  # fmt: skip
    lines = []
    for problem in errors:
        found = [
            path
            for mark, path in places.get(problem.file, [])
            if mark <= (problem.line, problem.column)
        ]
        cell = _cell_of(imported, found[-1]) if found else imported.grid.place("")
        hint = f" (hint: {problem.hint})" if problem.hint else ""
        lines.append(f"{cell}: {problem.code.value} {problem.message}{hint}")
    return "\n".join(lines)


def _cell_of(imported: Imported, path: tuple[str | int, ...]) -> str:
    """The cell the value at ``path`` (of the files :func:`to_yaml` wrote) came from."""
    grid = imported.grid
    index = path[1]
    assert isinstance(index, int)
    if path[0] == "focus_areas":
        return grid.place(imported.areas[index].ref)
    item = imported.initiatives[index]
    if len(path) >= 4 and path[2] == "focus_areas" and isinstance(path[3], int):
        return grid.place(item.marks[path[3]].ref)
    return grid.place(grid.ref(item.row, 1))
