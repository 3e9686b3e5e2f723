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
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from gapcheck.interchange import ImportProblem

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


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Grid:
    """A sheet's cell values (``None`` = empty), 1-based by row and column when asked."""

    file: str
    sheet: str
    rows: list[list[Any]]
    #: Merged ranges: (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def ref(self, row: int, column: int) -> str:
        return f"{self.sheet}!{column_letter(column)}{row}"

    def place(self, ref: str) -> str:
        """A cell reference with the file's name when the sheet has another."""
        return ref if self.file == self.sheet else f"{self.file}, {ref}"

    def value(self, row: int, column: int) -> Any:
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return str(value).upper()
    return value


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
        return _read_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{path} is an old binary Excel file (.xls), not XLSX or CSV"
            " (hint: save it as .xlsx or as CSV UTF-8)"
        )
    if sheet is not None:
        raise ImportProblem(f"{path} is CSV, which has no sheets (hint: leave out --sheet)")
    return _read_csv(path)


def _read_csv(path: Path) -> Grid:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            f"{path} is neither an XLSX file nor CSV in UTF-8 (byte {exc.start + 1} is not"
            " UTF-8) (hint: save it from the spreadsheet as .xlsx or as 'CSV UTF-8')"
        ) from None
    if "\x00" in text:
        raise ImportProblem(f"{path} is not a spreadsheet: it holds NUL bytes")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[_clean(value) for value in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ImportProblem(f"{path} is not readable as CSV: {exc}") from None
    return Grid(path.name, path.name, rows)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    # A damaged workbook fails deep inside openpyxl, with a zip, XML, key, value or type
    # error; any of them means the same: not a workbook that can be read.
    except Exception as exc:
        raise ImportProblem(
            f"{path} is not a spreadsheet that can be read ({type(exc).__name__}: {exc})"
            " (hint: save it from the spreadsheet program as .xlsx or as CSV UTF-8)"
        ) from None
    if sheet is None:
        worksheet = book.worksheets[0]
    elif sheet in book.sheetnames:
        worksheet = book[sheet]
    else:
        names = ", ".join(book.sheetnames)
        raise ImportProblem(f"{path} has no sheet '{sheet}' (hint: its sheets: {names})")
    if not hasattr(worksheet, "iter_rows"):
        raise ImportProblem(f"{path}: '{worksheet.title}' is a chart, not a sheet of cells")
    rows = [[_clean(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges]
    return Grid(path.name, worksheet.title, rows, merged)


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
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def raise_any(self) -> None:
        if self.messages:
            shown = self.messages[:MAX_PROBLEMS]
            more = len(self.messages) - len(shown)
            tail = [f"... and {more} more problems"] if more > 0 else []
            raise ImportProblem("\n".join(shown + tail), usage=False)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _key(value: Any) -> str:
    return re.sub(r"[_\-\s]+", " ", str(value)).strip().casefold()


def _header_row(grid: Grid) -> int:
    for number, row in enumerate(grid.rows, start=1):
        if any(value is not None for value in row):
            return number
    raise ImportProblem(
        f"{grid.file}: sheet {grid.sheet} is empty (hint: the first row names the focus"
        " areas, the first column the initiatives)",
        usage=False,
    )


def detect_layout(grid: Grid) -> Layout:
    """``long`` when the header row names an initiative and a focus-area column."""
    header = {_key(value) for value in grid.rows[_header_row(grid) - 1] if value is not None}
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
    for merged in grid.merged:
        first_row, first_col, last_row, last_col = merged
        if merged in groups:
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
    for _, first_col, _, last_col in groups:
        name = _text(grid.value(top, first_col))
        if name is None:
            problems.add(f"{grid.ref(top, first_col)}: empty merged header (hint: name it)")
            continue
        for column in range(first_col, last_col + 1):
            parents[column] = (name, grid.ref(top, first_col))
    return top + 1, parents


def _parse_matrix(grid: Grid) -> Imported:
    problems = _Problems()
    top = _header_row(grid)
    header, parents = _merged_header(grid, top, problems)
    width = max((len(row) for row in grid.rows), default=0)
    areas: list[ImportedArea] = []
    columns: dict[int, str] = {}
    parent_areas: dict[str, ImportedArea] = {}
    body = range(header + 1, len(grid.rows) + 1)
    for column in range(2, width + 1):
        name = _text(grid.value(header, column))
        if name is None and column not in parents:
            name = _text(grid.value(top, column)) if header != top else None
        if name is None:
            filled = [row for row in body if grid.value(row, column) is not None]
            if filled:
                problems.add(
                    f"{grid.ref(header, column)}: empty header above marks (first at"
                    f" {grid.ref(filled[0], column)}) (hint: name the focus area in the"
                    " header row)"
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
        cells = {column: grid.value(row, column) for column in columns}
        if name is None:
            marked = [column for column, value in cells.items() if value is not None]
            if marked:
                problems.add(
                    f"{grid.ref(row, 1)}: marks in this row but no initiative name"
                    f" (first at {grid.ref(row, marked[0])}) (hint: name the initiative in"
                    " the first column)"
                )
            continue
        if _key(name) in TOTALS and all(
            v is None or isinstance(v, int | float) for v in cells.values()
        ):
            continue
        item = ImportedInitiative(name, row)
        for column, value in cells.items():
            strength = mark_strength(value)
            if strength is False:
                problems.add(
                    f"{grid.ref(row, column)}: '{value}' is not a mark (hint: X, ✓, 1 or a"
                    " strength: minimal, partial, significant; leave the cell empty for none)"
                )
            elif strength is not None:
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
    header = _header_row(grid)
    columns: dict[str, int] = {}
    for column, value in enumerate(grid.rows[header - 1], start=1):
        if value is None:
            continue
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
    for row in range(header + 1, len(grid.rows) + 1):
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
        for key in ("owner", "source"):
            if key in columns:
                value = _text(grid.value(row, columns[key]))
                current = getattr(item, key)
                if value is not None and current is not None and current != value:
                    problems.add(
                        f"{grid.ref(row, columns[key])}: {key} '{value}' differs from"
                        f" '{current}' in row {item.row} (hint: one {key} per initiative)"
                    )
                elif value is not None:
                    setattr(item, key, value)
        for key in ("start", "end"):
            if key in columns:
                year = _year(grid, row, columns[key], problems)
                current = getattr(item, key)
                if year is not None and current is not None and current != year:
                    problems.add(
                        f"{grid.ref(row, columns[key])}: {key} {year} differs from {current}"
                        f" in row {item.row} (hint: one {key} per initiative)"
                    )
                elif year is not None:
                    setattr(item, key, year)
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
            value = grid.value(row, columns["strength"])
            found = mark_strength(value)
            if found is False:
                problems.add(
                    f"{grid.ref(row, columns['strength'])}: '{value}' is not a strength"
                    " (hint: minimal, partial or significant, or empty)"
                )
            elif found is not None:
                strength = found
        note = _text(grid.value(row, columns["note"])) if "note" in columns else None
        ref = grid.ref(row, columns["focus_area"])
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
