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
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gapcheck.i18n import Lines, Sentence
from gapcheck.ids import unique_ids
from gapcheck.interchange import ImportProblem
from gapcheck.xlsxread import clean, column_letter

if TYPE_CHECKING:
    from gapcheck.diagnostics import Diagnostic

Layout = Literal["matrix", "long"]
MARKS = {"x", "✓", "✔", "1"}
STRENGTH_WORDS = ("minimal", "partial", "significant")
#: The Danish export's strength words (the catalogue's), read back as the data's.
DANISH_STRENGTHS = {"minimal": "minimal", "delvis": "partial", "betydelig": "significant"}
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
        raise ImportProblem("import.directory", path=path) from None
    except OSError as exc:
        raise ImportProblem("import.cannot_read", path=path, reason=exc.strerror or exc) from None
    if max_bytes is not None and size > max_bytes:
        raise ImportProblem("import.too_large", path=path, most=max_bytes)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet, max_bytes)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem("import.xls", path=path)
    if sheet is not None:
        raise ImportProblem("import.csv_sheet", path=path)
    return _read_csv(path, size)


def _too_large(path: Path, what: Sentence) -> ImportProblem:
    return ImportProblem("import.more_than_read", path=path, what=what)


def _read_csv(path: Path, size: int) -> Grid:
    from gapcheck import limits

    if size > limits.MAX_SHEET_BYTES:
        raise ImportProblem(
            "import.csv_too_large", path=path, size=size, most=limits.MAX_SHEET_BYTES
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem("import.cannot_read", path=path, reason=exc.strerror or exc) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem("import.not_utf8_csv", path=path, byte=exc.start + 1) from None
    del data
    if "\x00" in text:
        raise ImportProblem("import.nul", path=path)
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
                raise _too_large(
                    path, Sentence("import.csv_fields", {"most": limits.MAX_SHEET_ENTRIES})
                )
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
                    "import.csv_beyond",
                    where=grid.ref(number, last),
                    rows=limits.MAX_SHEET_ROWS,
                    column=column_letter(limits.MAX_SHEET_COLUMNS),
                )
            for column, value in cells.items():
                if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                    raise ImportProblem(
                        "import.csv_cell_too_long",
                        usage=False,
                        where=grid.ref(number, column),
                        most=limits.MAX_CELL_CHARS,
                    )
            filled += len(cells)
            if filled > limits.MAX_FILLED_CELLS:
                raise _too_large(
                    path, Sentence("import.filled_cells", {"most": limits.MAX_FILLED_CELLS})
                )
            grid.cells[number] = cells
    except csv.Error as exc:
        raise ImportProblem(
            "import.csv_unreadable", path=path, line=reader.line_num, reason=exc
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
                problems.add("import.unsaved_formula", where=grid.ref(row, column))
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
        self.messages: list[Sentence] = []
        self.more = 0

    def add(self, key: str, /, **values: object) -> None:
        """The problem ``key`` of the catalogue (``import.*``), with ``values``."""
        if len(self.messages) < MAX_PROBLEMS:
            self.messages.append(Sentence(key, values))
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.messages:
            tail = [Sentence("import.more_problems", {"more": self.more})] if self.more else []
            raise ImportProblem(
                "import.problems", usage=False, problems=Lines((*self.messages, *tail))
            )


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
                "import.too_many_marks", where=self.grid.ref(row, column), most=self.limit
            )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _key(value: Any) -> str:
    return re.sub(r"[_\-\s]+", " ", str(value)).strip().casefold()


def _header_row(grid: Grid) -> int:
    if grid.cells:
        return min(grid.cells)
    raise ImportProblem("import.empty_sheet", usage=False, file=grid.file, sheet=grid.sheet)


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
        if word in DANISH_STRENGTHS:
            return DANISH_STRENGTHS[word]
    return False


def _strength(
    grid: Grid, row: int, column: int, value: Any, problems: _Problems, *, problem: str
) -> str | None:
    """The strength of the mark ``value`` in a cell, ``None`` for none; anything else is
    the ``problem`` (a key) at the cell."""
    strength = mark_strength(value)
    if strength is False:
        problems.add(problem, where=grid.ref(row, column), value=value)
        return None
    return strength


def _duplicates(names: list[tuple[str, str]], problem: str, problems: _Problems) -> None:
    """Names given twice or more (any case): one ``problem`` (a key) each, naming every place."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for name, ref in names:
        seen.setdefault(name.casefold(), []).append((name, ref))
    for places in seen.values():
        if len(places) > 1:
            refs = ", ".join(ref for _, ref in places)
            problems.add(problem, where=refs, name=places[0][0], count=len(places))


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
        problems.add("import.merged_cells", where=span)
    if not groups:
        return top, {}
    parents: dict[int, tuple[str, str]] = {}
    end = 0  # the last column of the groups so far, in order: each column is named once
    for _, first_col, _, last_col in sorted(groups, key=lambda group: group[1]):
        if first_col <= end:
            span = f"{grid.ref(top, first_col)}:{column_letter(last_col)}{top}"
            problems.add("import.merged_overlap", where=span)
            continue
        end = last_col
        name = _text(grid.value(top, first_col))
        if name is None:
            problems.add("import.empty_merged_header", where=grid.ref(top, first_col))
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
                    "import.empty_header",
                    where=grid.ref(header, column),
                    first=grid.ref(first_below[column], column),
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
    _duplicates([(area.name, area.ref) for area in areas], "import.duplicate_area", problems)
    initiatives: list[ImportedInitiative] = []
    for row in body:
        name = _text(grid.value(row, 1))
        cells = {column: value for column, value in grid.row(row).items() if column in columns}
        if name is None:
            if cells:
                problems.add(
                    "import.no_initiative_name",
                    where=grid.ref(row, 1),
                    first=grid.ref(row, min(cells)),
                )
            continue
        if _key(name) in TOTALS and all(isinstance(v, int | float) for v in cells.values()):
            continue
        item = ImportedInitiative(name, row)
        for column, value in cells.items():
            strength = _strength(grid, row, column, value, problems, problem="import.not_a_mark")
            if strength is not None:
                budget.mark(row, column)
                item.marks.append(ImportedMark(columns[column], strength, grid.ref(row, column)))
        initiatives.append(item)
    _duplicates(
        [(i.name, grid.ref(i.row, 1)) for i in initiatives], "import.duplicate_initiative", problems
    )
    if not columns and not problems.messages:
        problems.add("import.no_focus_area", where=grid.ref(header, 2))
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
    problems.add("import.not_a_year", where=grid.ref(row, column), value=value)
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
                "import.unknown_column", where=grid.ref(header, column), value=value, known=known
            )
        elif kind in columns:
            problems.add(
                "import.second_column",
                where=grid.ref(header, column),
                kind=kind,
                first=column_letter(columns[kind]),
            )
        else:
            columns[kind] = column
    for needed in ("initiative", "focus_area"):
        if needed not in columns:
            problems.add(
                "import.no_column", where=grid.ref(header, 1), column=needed.replace("_", " ")
            )
    for merged in grid.merged:
        problems.add("import.merged_long", where=grid.ref(merged[0], merged[1]))
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
            problems.add("import.empty_cell", where=grid.ref(row, column))
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
                    "import.differs",
                    where=grid.ref(row, column),
                    key=key,
                    found=f"{quote}{found}{quote}",
                    current=f"{quote}{current}{quote}",
                    row=item.row,
                )
            elif found is not None:
                setattr(item, key, found)
        pair = (name.casefold(), area.casefold())
        if pair in seen:
            problems.add(
                "import.marks_again",
                where=grid.ref(row, columns["focus_area"]),
                name=name,
                area=area,
                row=seen[pair],
            )
            continue
        seen[pair] = row
        strength = "significant"
        if "strength" in columns:
            column = columns["strength"]
            value = grid.value(row, column)
            given = _strength(grid, row, column, value, problems, problem="import.not_a_strength")
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


def check(
    imported: Imported | None, focus_text: str, initiatives_text: str
) -> tuple[Diagnostic, ...]:
    """The problems of the two files as the loader sees them (none when they validate).

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
    if not errors or imported is None:  # not from a sheet of this module's: the files' places
        return tuple(errors)
    places = {name: sorted(
        ((mark.line, mark.column), path)
        for path, mark in read_yaml(text, name).source.values.items()
        if len(path) >= 2
    ) for name, text in texts.items()}  # fmt: skip
    placed = []
    for problem in errors:
        found = [
            path
            for mark, path in places.get(problem.file, [])
            if mark <= (problem.line, problem.column)
        ]
        cell = _cell_of(imported, found[-1]) if found else imported.grid.place("")
        placed.append(replace(problem, place=cell))
    return tuple(placed)


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
