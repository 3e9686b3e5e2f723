"""An Excel workbook as data: ``--data book.xlsx`` (see ``docs/data-format.md``).

Two layouts. *One sheet*: initiatives as rows, focus areas as columns, attribute
columns (owner, budget, start, ...) beside them; title and note rows above the
header are skipped; a merged cell over several focus-area columns names their
parent; the table ends at a total row (``I alt``, ``Total``). *Several sheets*: a
focus-areas sheet, an initiatives sheet (attributes and marks), and optional
settings, owners and mark-notes sheets, for everything the YAML files can say.
Sheets that ``gapcheck export xlsx`` writes as analysis (Matrix, Gaps, ...) are not
read when the data sheets are there.

The reader only turns cells into the plain values the YAML files would hold, each
placed at its cell; the loader checks them with the same rules as YAML
(:func:`gapcheck.loader.load_values`), so what is accepted is decided in one place.
What only a sheet can get wrong (a cell that is not a mark, a year or an amount; a
column without a header) is reported here, at its cell, in the same run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from gapcheck.diagnostics import Code, Diagnostic, column_letter, shorten
from gapcheck.ids import unique_ids
from gapcheck.limits import MAX_BYTES
from gapcheck.loader import (
    FOCUS_AREAS_FILE,
    INITIATIVES_FILE,
    InputError,
    LoadResult,
    PreRead,
    load_values,
)
from gapcheck.xlsxread import UNSAVED, Sheet, read_xlsx_sheets
from gapcheck.yamlread import Mark, SourceMap

#: File names read as workbooks (any other file is refused with a hint).
SUFFIXES = (".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"


def _words(*words: str) -> frozenset[str]:
    return frozenset(words)


#: Sheet names of the several-sheets layout, English and Danish (compared by key()).
SHEETS: dict[str, frozenset[str]] = {
    "focus_areas": _words("focus areas", "fokusområder", "fokusomrader"),
    "initiatives": _words("initiatives", "initiativer", "indsatser"),
    "settings": _words("settings", "indstillinger"),
    "owners": _words("owners", "ejere"),
    "notes": _words("mark notes", "noter til markeringer", "markeringsnoter"),
}
#: The analysis sheets of 'gapcheck export xlsx' (en, da): never data.
ANALYSIS = _words(
    "marks", "markeringer", "gaps", "huller", "overlaps", "overlap", "timeline",
    "tidslinje", "strengths", "styrker", "priorities", "prioriteter", "accepted gaps",
    "accepterede huller",
)  # fmt: skip
#: Attribute columns of an initiatives table, by header (English and Danish).
ATTRIBUTES: dict[str, frozenset[str]] = {
    "id": _words("id"),
    "name": _words("name", "navn", "initiative", "initiativ", "indsats", "initiatives",
                   "initiativer", "indsatser"),
    "owner": _words("owner", "ejer", "ansvarlig"),
    "start": _words("start", "startår", "fra", "start year"),
    "end": _words("end", "slut", "slutår", "til", "end year"),
    "source": _words("source", "kilde"),
    "note": _words("note", "notes", "noter", "bemærkning", "bemærkninger"),
    "priority": _words("priority", "prioritet"),
}  # fmt: skip
#: Columns of the focus-areas sheet.
AREA_COLUMNS: dict[str, frozenset[str]] = {
    "id": _words("id"),
    "name": _words("name", "navn", "focus area", "fokusområde"),
    "parent": _words("parent", "overordnet", "forælder"),
    "description": _words("description", "beskrivelse"),
    "source": _words("source", "kilde"),
    "min_initiatives": _words("min initiatives", "min. initiatives", "minimum", "min. initiativer",
                              "min initiativer"),
    "min_strength": _words("min strength", "min. strength", "min. styrke", "min styrke"),
    "priority": _words("priority", "prioritet"),
    "accepted": _words("accepted", "accepted because", "accepteret", "accepteret fordi"),
    "by": _words("accepted by", "accepteret af"),
    "until": _words("accepted until", "until", "accepteret til", "indtil"),
}  # fmt: skip
OWNER_COLUMNS: dict[str, frozenset[str]] = {
    "id": _words("id"),
    "name": _words("name", "navn", "owner", "ejer"),
    "level": _words("level", "niveau"),
    "source": _words("source", "kilde"),
}
NOTE_COLUMNS: dict[str, frozenset[str]] = {
    "initiative": _words("initiative", "initiativ", "indsats"),
    "focus_area": _words("focus area", "fokusområde"),
    "note": _words("note", "notat"),
    "share": _words("share", "andel"),
}
#: Rows of the settings sheet (a name in the first column, its value in the second).
SETTINGS: dict[str, frozenset[str]] = {
    "title": _words("title", "titel"),
    "as_of": _words("as of", "as_of", "opgjort", "opgjort pr.", "år"),
    "currency": _words("currency", "valuta"),
    "min_initiatives": _words("min initiatives", "min. initiatives", "min. initiativer"),
    "max_share": _words("max share", "max. share", "maks. andel", "maks andel"),
    "min_strength": _words("min strength", "min. strength", "min. styrke"),
}
TOTALS = _words("total", "totals", "i alt", "sum", "total i alt")
#: What a mark cell may hold: a strength by any of its words, English or Danish.
MARK_WORDS: dict[str, str] = {
    "x": "significant", "✓": "significant", "✔": "significant", "1": "significant",
    "significant": "significant", "betydelig": "significant", "væsentlig": "significant",
    "partial": "partial", "delvis": "partial",
    "minimal": "minimal", "lille": "minimal",
}  # fmt: skip
#: Currency signs and words in a budget header, and the ISO 4217 code they mean.
CURRENCY_SIGNS: dict[str, str] = {
    "kr.": "DKK", "kr": "DKK", "€": "EUR", "$": "USD", "£": "GBP", "euro": "EUR",
}  # fmt: skip
_BUDGET = re.compile(r"^budget(?:\s+(\d{4}))?\b\s*(.*)$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")
#: A note above the table that says the data's year: 'Opgjort pr. 2025', 'As of: 2025'.
_AS_OF = re.compile(r"(?i)\b(as of|opgjort pr\.?|opgjort|status pr\.?)\s*:?\s*(\d{4})\b")


def key(value: Any) -> str:
    """A header as compared: casefolded, '_' and '-' as spaces, a trailing ':' dropped."""
    text = re.sub(r"[_\-\s]+", " ", str(value)).strip().casefold()
    return text.rstrip(":").strip()


def is_workbook(path: Path) -> bool:
    """``path`` is a file to read as a workbook (by its name, or by its zip signature)."""
    if not path.is_file():
        return False
    if path.suffix.casefold() in SUFFIXES:
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(4) == ZIP_MAGIC
    except OSError:
        return False


def load_workbook(path: Path, *, label: str | None = None, max_bytes: int) -> LoadResult:
    """Read and check the workbook at ``path``; :class:`InputError` when unreadable."""
    from gapcheck.fileio import TooLarge, read_regular

    display = os.fspath(path)
    try:
        data = read_regular(path, max_bytes)
    except TooLarge as exc:
        raise InputError(
            "input.workbook_too_large", path=display, size=exc.size, most=max_bytes
        ) from None
    except OSError as exc:
        raise InputError("input.unreadable", path=display, reason=exc.strerror or exc) from None
    return load_workbook_bytes(data, display=display, label=label or display, max_bytes=max_bytes)


def load_workbook_bytes(
    data: bytes, *, display: str, label: str, max_bytes: int = MAX_BYTES
) -> LoadResult:
    """Read and check a workbook's bytes (a file, or a git revision's blob)."""
    if not data.startswith(ZIP_MAGIC):
        old = data.startswith(b"\xd0\xcf\x11\xe0")
        raise InputError("input.xls" if old else "input.not_xlsx", path=display)
    from gapcheck.interchange import ImportProblem

    try:  # import's reader, with its limits on what a workbook may cost
        sheets = read_xlsx_sheets(data, choose_sheets, 2 * max_bytes, name=Path(display))
    except ImportProblem as exc:
        raise InputError("input.reason", reason=exc) from None
    book = _Book(display)
    areas, initiatives = book.read(sheets)
    return load_values(
        {FOCUS_AREAS_FILE: areas, INITIATIVES_FILE: initiatives},
        display=lambda _name: display,
        label=label,
        diagnostics=book.diagnostics,
    )


def role(name: str) -> str | None:
    """What a sheet holds by its name: a role of :data:`SHEETS`, else ``None``."""
    return next((r for r, names in SHEETS.items() if key(name) in names), None)


def choose_sheets(names: list[str]) -> list[str]:
    """The sheets to read: those with a role of the several-sheets layout, else the first
    sheet that is not an analysis sheet of 'export xlsx' (else the first)."""
    chosen = [name for name in names if role(name) is not None]
    if any(role(name) == "focus_areas" for name in chosen):
        return chosen
    first = next((n for n in names if key(n) not in ANALYSIS), names[0] if names else None)
    if any(role(name) == "initiatives" for name in chosen) or first is None:
        return chosen
    return [first, *chosen]


# --- cells to values ---------------------------------------------------------------


@dataclass
class _Column:
    kind: str  # an attribute, "budget", "budget_year", "area" or "total"
    header: Mark
    label: str
    year: int | None = None
    parent: str | None = None  # an area column's group (the merged cell above it)
    parent_mark: Mark | None = None


@dataclass
class _Table:
    sheet: Sheet
    header: int  # the last header row
    top: int  # the first header row (the group row, when there are two)
    columns: dict[int, _Column] = field(default_factory=dict)
    currency: tuple[str, Mark] | None = None


class _Book:
    """The values of the two YAML files, read from sheets, with every cell's place."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.diagnostics: list[Diagnostic] = []
        self.areas_source = SourceMap("")
        self.initiatives_source = SourceMap("")

    def problem(self, mark: Mark, code: Code, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(self.display, mark.line, mark.column, code, message, hint, sheet=mark.sheet)
        )

    def unsaved(self, cell: Mark) -> None:
        self.problem(
            cell,
            Code.INVALID_VALUE,
            "a formula without a saved value",
            "open the workbook in Excel or LibreOffice and save it (that stores each"
            " formula's value), or type the value instead of the formula",
        )

    def read(self, sheets: list[Sheet]) -> tuple[PreRead, PreRead]:
        roles: dict[str, Sheet] = {}
        for each in sheets:
            kind = role(each.title)
            if kind is not None and kind not in roles:
                roles[kind] = each
        sheet: Sheet | None
        areas_value: dict[str, Any] = {}
        initiatives_value: dict[str, Any] = {}
        if "settings" in roles:
            self._settings(roles["settings"], areas_value, initiatives_value)
        if "owners" in roles:
            initiatives_value["owners"] = self._owners(roles["owners"])
        if "focus_areas" in roles:
            areas, by_name = self._areas_sheet(roles["focus_areas"])
            sheet = roles.get("initiatives")
            if sheet is None:
                first = Mark(1, 1, roles["focus_areas"].title)
                self.problem(
                    first,
                    Code.FILE_MISSING,
                    "the workbook has a focus-areas sheet but no initiatives sheet",
                    "add a sheet named 'Initiatives' (or 'Initiativer'): one row per"
                    " initiative, one column per focus area",
                )
                items: list[dict[str, Any]] = []
            else:
                ids = {str(area.get("id")) for area in areas}
                items = self._initiatives(sheet, by_name, ids)
        else:
            sheet = roles.get("initiatives") or self._first_sheet(sheets)
            if sheet is None:
                raise InputError("input.no_sheet", path=self.display)
            items, areas = self._one_sheet(sheet, areas_value)
        if "notes" in roles:
            self._notes(roles["notes"], items)
        if self.initiatives_currency is not None and "currency" not in initiatives_value:
            code, mark = self.initiatives_currency
            initiatives_value["currency"] = code
            self.initiatives_source.values[("currency",)] = mark
        areas_value["focus_areas"] = areas
        initiatives_value["initiatives"] = items
        self.areas_source.values[()] = self.initiatives_source.values[()] = Mark(
            1, 1, (sheet or sheets[0]).title if sheets else None
        )
        return (
            PreRead(areas_value, self.areas_source),
            PreRead(initiatives_value, self.initiatives_source),
        )

    @staticmethod
    def _first_sheet(sheets: list[Sheet]) -> Sheet | None:
        return next((s for s in sheets if key(s.title) not in ANALYSIS), None) or (
            sheets[0] if sheets else None
        )

    # --- the one-sheet layout, and the initiatives sheet of the other ---------------

    def _one_sheet(
        self, sheet: Sheet, areas_value: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        table = self._table(sheet)
        if table is None:
            return [], []
        self._title_rows(table, areas_value)
        names: list[str] = []
        marks: list[Mark] = []
        parents: dict[str, Mark] = {}
        for column in table.columns.values():
            if column.kind != "area":
                continue
            if column.parent is not None and column.parent not in parents:
                assert column.parent_mark is not None
                parents[column.parent] = column.parent_mark
                names.append(column.parent)
                marks.append(column.parent_mark)
            names.append(column.label)
            marks.append(column.header)
        ids = unique_ids(names, "focus-area")
        # A name heads one column: a repeated name is two areas, told apart by their ids
        # (the loader reports nothing; repeated names are the sheet's own business).
        area_of_column: dict[int, str] = {}
        id_of_parent: dict[str, str] = {}
        areas: list[dict[str, Any]] = []
        position = 0
        for number, column in table.columns.items():
            if column.kind != "area":
                continue
            if column.parent is not None and column.parent not in id_of_parent:
                id_of_parent[column.parent] = ids[position]
                areas.append(self._area(len(areas), ids[position], column.parent, marks[position]))
                position += 1
            entry = self._area(len(areas), ids[position], column.label, marks[position])
            if column.parent is not None:
                entry["parent"] = id_of_parent[column.parent]
                self.areas_source.values[("focus_areas", len(areas), "parent")] = marks[position]
            areas.append(entry)
            area_of_column[number] = ids[position]
            position += 1
        return self._rows(table, area_of_column), areas

    def _area(self, index: int, area_id: str, name: str, mark: Mark) -> dict[str, Any]:
        for path in (("focus_areas", index), ("focus_areas", index, "id")):
            self.areas_source.values[path] = mark
        self.areas_source.values[("focus_areas", index, "name")] = mark
        return {"id": area_id, "name": name}

    def _title_rows(self, table: _Table, areas_value: dict[str, Any]) -> None:
        """The rows above the header: the first one's lone text is the title (unless a
        settings sheet gives one); 'Opgjort pr. 2025' or 'As of 2025' in any is as_of."""
        sheet = table.sheet
        above = [row for row in sorted(sheet.cells) if row < table.top]
        for row in above:
            values = list(sheet.cells[row].values())
            first = min(sheet.cells[row])
            mark = Mark(row, first, sheet.title)
            lone = len(values) == 1 and isinstance(values[0], str)
            if row == above[0] and lone and "title" not in areas_value:
                areas_value["title"] = values[0]
                self.areas_source.values[("title",)] = mark
            for value in values:
                found = _AS_OF.search(str(value))
                if found is not None and "as_of" not in areas_value:
                    areas_value["as_of"] = int(found.group(2))
                    self.areas_source.values[("as_of",)] = mark

    def _initiatives(
        self, sheet: Sheet, by_name: dict[str, str], ids: set[str]
    ) -> list[dict[str, Any]]:
        """The initiatives sheet: mark columns headed by a focus area's id or name."""
        table = self._table(sheet, known=ids)
        if table is None:
            return []
        area_of_column: dict[int, str] = {}
        for number, column in table.columns.items():
            if column.kind != "area":
                continue
            found = column.label if column.label in ids else by_name.get(key(column.label))
            if found is None:
                import difflib

                close = difflib.get_close_matches(key(column.label), list(by_name), n=1)
                self.problem(
                    column.header,
                    Code.UNKNOWN_FOCUS_AREA,
                    f"the column '{shorten(column.label)}' is not a focus area of the"
                    " focus-areas sheet",
                    f"did you mean '{by_name[close[0]]}'?"
                    if close
                    else "head each mark column with a focus area's id or name",
                )
                continue
            area_of_column[number] = found
        return self._rows(table, area_of_column)

    def _table(self, sheet: Sheet, known: set[str] | None = None) -> _Table | None:
        """The header rows and what each column holds."""
        rows = sorted(sheet.cells)
        if not rows:
            self.problem(
                Mark(1, 1, sheet.title),
                Code.EMPTY_FILE,
                f"the sheet '{shorten(sheet.title)}' is empty",
                "one row per initiative, one column per focus area, names in the header row",
            )
            return None
        header = self._header_row(sheet, rows)
        merged_across = [
            m for m in sheet.merged if m[0] == m[2] and m[3] > m[1] and m[0] in (header - 1, header)
        ]
        name_column = next(
            (
                column
                for column, value in sorted(sheet.cells.get(header, {}).items())
                if key(value) in ATTRIBUTES["name"] | ATTRIBUTES["id"]
            ),
            None,
        )
        groups = [
            m for m in merged_across if name_column is None or not m[1] <= name_column <= m[3]
        ]
        top = header
        if groups and all(m[0] == header for m in groups) and header + 1 in sheet.cells:
            header = header + 1  # the group row is the header row; names are below it
        elif groups and all(m[0] == header - 1 for m in groups):
            top = header - 1
        else:
            groups = []
        table = _Table(sheet, header, top)
        group_of: dict[int, tuple[str, Mark]] = {}
        for first_row, first_col, _, last_col in groups:
            name = sheet.value(first_row, first_col)
            if name is None:
                continue
            for column in range(first_col, last_col + 1):
                group_of[column] = (str(name), Mark(first_row, first_col, sheet.title))
        for column in range(1, sheet.width + 1):
            value = sheet.value(header, column)
            row = header
            if value is None and top != header and column not in group_of:
                value, row = sheet.value(top, column), top  # a header merged down both rows
            mark = Mark(row, column, sheet.title)
            if value is None:
                filled = next(
                    (r for r in rows if r > header and sheet.value(r, column) is not None), None
                )
                if filled is not None:
                    self.problem(
                        Mark(header, column, sheet.title),
                        Code.MISSING_KEY,
                        "a column without a header, with values below it (first at"
                        f" {sheet.title}!{column_letter(column)}{filled})",
                        "name the focus area (or the attribute: owner, budget, start, end)"
                        " in the header row",
                    )
                continue
            label = str(value)
            found = (
                _Column("area", mark, label)
                if known is not None and label in known and column > 1
                else self._column(label, mark, table)
            )
            if found.kind == "area" and column in group_of:
                found.parent, found.parent_mark = group_of[column]
            table.columns[column] = found
        if not any(c.kind == "name" for c in table.columns.values()):
            self.problem(
                Mark(header, 1, sheet.title),
                Code.MISSING_KEY,
                "no column names the initiatives",
                "head the column of initiative names 'Initiativ', 'Navn' or 'Name'",
            )
            return None
        return table

    @staticmethod
    def _header_row(sheet: Sheet, rows: list[int]) -> int:
        """The first row naming the initiatives column, else the first with two cells."""
        for row in rows[:50]:
            if any(key(v) in ATTRIBUTES["name"] for v in sheet.cells[row].values()):
                return row
        return next((row for row in rows if len(sheet.cells[row]) >= 2), rows[0])

    def _column(self, label: str, mark: Mark, table: _Table) -> _Column:
        word = key(label)
        for kind, words in ATTRIBUTES.items():
            if word in words:
                return _Column(kind, mark, label)
        if word in TOTALS:
            return _Column("total", mark, label)
        budget = _BUDGET.match(word)
        if budget is not None:
            year, rest = budget.groups()
            currency = _currency(rest)
            if currency is not None:
                if table.currency is not None and table.currency[0] != currency:
                    self.problem(
                        mark,
                        Code.INVALID_RESOURCE,
                        f"this budget is in {currency}, the one in"
                        f" {_ref(table.currency[1])} in {table.currency[0]}",
                        "give every amount in one currency",
                    )
                elif table.currency is None:
                    table.currency = (currency, mark)
            elif rest.strip("() ") and not rest.strip("() ").isdigit():
                self.problem(
                    mark,
                    Code.INVALID_RESOURCE,
                    f"'{shorten(label)}': the currency '{shorten(rest.strip('() '))}' is not"
                    " one gapcheck knows",
                    "write it as an ISO 4217 code, e.g. Budget 2025 (DKK), or as kr. or €",
                )
            if year is not None:
                return _Column("budget_year", mark, label, int(year))
            return _Column("budget", mark, label)
        return _Column("area", mark, label)

    def _rows(self, table: _Table, area_of_column: dict[int, str]) -> list[dict[str, Any]]:
        sheet = table.sheet
        source = self.initiatives_source
        columns = table.columns
        name_column = next(n for n, c in columns.items() if c.kind == "name")
        id_column = next((n for n, c in columns.items() if c.kind == "id"), None)
        rows = [r for r in sorted(sheet.cells) if r > table.header]
        body: list[int] = []
        for row in rows:
            name = sheet.value(row, name_column)
            if name is not None and key(name) in TOTALS:
                break  # the table ends at its total row; what follows are notes
            if name is None and (id_column is None or sheet.value(row, id_column) is None):
                filled = min(sheet.cells[row])
                self.problem(
                    Mark(row, name_column, sheet.title),
                    Code.MISSING_KEY,
                    "values in this row but no initiative name (first at"
                    f" {sheet.title}!{column_letter(filled)}{row})",
                    "name the initiative, or delete the row",
                )
                continue
            body.append(row)
        area_of_column = self._text_columns(table, body, area_of_column)
        given = [None if id_column is None else sheet.value(row, id_column) for row in body]
        made_ids: list[str | None] = list(given)
        if any(value is None for value in given):  # ids from names, as import makes them
            names = [str(sheet.value(row, name_column) or "") for row in body]
            made_ids = list(unique_ids(names, "initiative"))
        items: list[dict[str, Any]] = []
        for index, (row, made) in enumerate(zip(body, made_ids, strict=True)):
            assert made is not None
            base = ("initiatives", index)
            here = Mark(row, name_column, sheet.title)
            source.values[base] = here
            item: dict[str, Any] = {}
            if id_column is not None and sheet.value(row, id_column) is not None:
                item["id"] = _text(sheet.value(row, id_column))
                source.values[(*base, "id")] = Mark(row, id_column, sheet.title)
            else:
                item["id"] = made
                source.values[(*base, "id")] = here
            name = sheet.value(row, name_column)
            if name is not None:
                item["name"] = _text(name)
                source.values[(*base, "name")] = here
            budget: dict[int, Any] = {}
            marks: list[dict[str, Any]] = []
            source.values[(*base, "focus_areas")] = here
            for number in sorted(sheet.cells[row]):
                column = columns.get(number)
                if column is None or column.kind in ("id", "name", "total"):
                    continue
                value = sheet.value(row, number)
                cell = Mark(row, number, sheet.title)
                if value is UNSAVED:
                    self.unsaved(cell)
                    continue
                if column.kind in ("owner", "source", "note"):
                    item[column.kind] = _text(value)
                    source.values[(*base, column.kind)] = cell
                elif column.kind in ("start", "end"):
                    year = self._year(value, cell, column.kind)
                    if year is not None:
                        item[column.kind] = year
                        source.values[(*base, column.kind)] = cell
                elif column.kind == "priority":
                    self.problem(
                        cell,
                        Code.UNKNOWN_KEY,
                        "a priority belongs to a focus area, not to an initiative",
                        "give priorities in the focus-areas sheet (column 'Prioritet')",
                    )
                elif column.kind in ("budget", "budget_year"):
                    amount = self._amount(value, cell)
                    if amount is None:
                        continue
                    if column.year is None:
                        item["budget"] = amount
                        source.values[(*base, "budget")] = cell
                    else:
                        budget[column.year] = amount
                        where = (*base, "budget", str(column.year))
                        source.values[where] = source.keys[where] = cell
                        source.values.setdefault((*base, "budget"), cell)
                elif number in area_of_column:
                    strength = self._mark(value, cell, column.label)
                    if strength is None:
                        continue
                    path = (*base, "focus_areas", len(marks))
                    for end in ((), ("id",), ("strength",)):
                        source.values[(*path, *end)] = cell
                    mark: dict[str, Any] = {"id": area_of_column[number]}
                    if strength != "significant":
                        mark["strength"] = strength
                    marks.append(mark)
            if budget:
                if "budget" in item:
                    self.problem(
                        source.values[(*base, "budget")],
                        Code.INVALID_RESOURCE,
                        "a budget for every year and budgets per year in one row",
                        "use either the column 'Budget' or the columns 'Budget 2025', ...",
                    )
                item["budget"] = budget
            item["focus_areas"] = marks
            items.append(item)
        if table.currency is not None:
            self.initiatives_currency = table.currency
        return items

    def _text_columns(
        self, table: _Table, body: list[int], area_of_column: dict[int, str]
    ) -> dict[int, str]:
        """The focus-area columns without those that hold text and no mark at all: such
        a column is an attribute under a header gapcheck does not know, reported once
        at its header rather than at every cell."""
        sheet = table.sheet
        kept = dict(area_of_column)
        marked: set[int] = set()
        text: dict[int, list[tuple[int, Any]]] = {}  # column -> its first two non-marks
        for row in body:
            for number, value in sheet.cells[row].items():
                if number not in area_of_column or number in marked or value in _NO_MARK:
                    continue
                if _strength(value) is not None:
                    marked.add(number)
                elif len(seen := text.setdefault(number, [])) < 2:
                    seen.append((row, value))
        for number, filled in text.items():
            if number in marked or len(filled) < 2:
                continue
            column = table.columns[number]
            row, value = filled[0]
            self.problem(
                column.header,
                Code.INVALID_VALUE,
                f"the column '{shorten(column.label)}' holds text, not marks (first at"
                f" {sheet.title}!{column_letter(number)}{row}: '{shorten(value)}')",
                "if it is not a focus area, head it as one of: Ejer, Budget 2025 (kr.),"
                " Start, Slut, Kilde, Note (or Owner, Budget, Start, End, Source, Note)",
            )
            del kept[number]
        return kept

    # --- cell values ------------------------------------------------------------------

    def _mark(self, value: Any, cell: Mark, area: str) -> str | None:
        if value in _NO_MARK:
            return None
        strength = _strength(value)
        if strength is None:
            self.problem(
                cell,
                Code.INVALID_VALUE,
                f"'{shorten(value)}' is not a mark (column '{shorten(area)}')",
                "X, ✓ or 1 for a mark, or a strength: minimal, partial, significant (minimal,"
                " delvis, betydelig); leave the cell empty for none. If the column is not a"
                " focus area, name it as one: Ejer, Budget 2025, Start, Slut, Kilde, Note",
            )
        return strength

    def _year(self, value: Any, cell: Mark, field: str) -> int | None:
        if isinstance(value, date):
            return value.year
        if isinstance(value, int) or (isinstance(value, str) and _YEAR_ONLY.match(value)):
            return int(value)
        self.problem(
            cell,
            Code.INVALID_YEAR,
            f"{field} must be a year, got {_describe(value)}",
            "write the year with four digits, e.g. 2025",
        )
        return None

    def _amount(self, value: Any, cell: Mark) -> Any:
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return Decimal(str(value))
        if isinstance(value, str):
            amount = parse_amount(value)
            if amount is not None:
                return amount
        self.problem(
            cell,
            Code.INVALID_RESOURCE,
            f"a budget must be an amount, got {_describe(value)}",
            "write the amount as a number, e.g. 2500000 (format the cell as a number)",
        )
        return None

    # --- the several-sheets layout ------------------------------------------------------

    def _columns(
        self, sheet: Sheet, words: dict[str, frozenset[str]], required: str
    ) -> tuple[int, dict[str, int]]:
        """A data sheet's header row (the first naming ``required``) and its columns."""
        rows = sorted(sheet.cells)
        header = next(
            (
                row
                for row in rows[:50]
                if any(key(v) in words[required] for v in sheet.cells[row].values())
            ),
            rows[0] if rows else 1,
        )
        columns: dict[str, int] = {}
        for column, value in sorted(sheet.cells.get(header, {}).items()):
            kind = next((k for k, w in words.items() if key(value) in w), None)
            if kind is None or kind in columns:
                self.problem(
                    Mark(header, column, sheet.title),
                    Code.UNKNOWN_KEY,
                    f"unknown column '{shorten(value)}' in the sheet '{shorten(sheet.title)}'",
                    "its columns: " + ", ".join(sorted(words)),
                )
                continue
            columns[kind] = column
        if required not in columns:
            self.problem(
                Mark(header, 1, sheet.title),
                Code.MISSING_KEY,
                f"the sheet '{shorten(sheet.title)}' has no column '{required}'",
                "its columns: " + ", ".join(sorted(words)),
            )
        return header, columns

    def _areas_sheet(self, sheet: Sheet) -> tuple[list[dict[str, Any]], dict[str, str]]:
        header, columns = self._columns(sheet, AREA_COLUMNS, "id")
        source = self.areas_source
        areas: list[dict[str, Any]] = []
        by_name: dict[str, str] = {}
        if "id" not in columns:
            return areas, by_name
        for row in sorted(r for r in sheet.cells if r > header):
            index = len(areas)
            base = ("focus_areas", index)
            entry: dict[str, Any] = {}
            accepted: dict[str, Any] = {}
            source.values[base] = Mark(row, columns["id"], sheet.title)
            for kind, column in columns.items():
                value = sheet.value(row, column)
                if value is None:
                    continue
                cell = Mark(row, column, sheet.title)
                if value is UNSAVED:
                    self.unsaved(cell)
                    continue
                if kind in ("accepted", "by", "until"):
                    name = {"accepted": "reason"}.get(kind, kind)
                    accepted[name] = _date(value) if kind == "until" else _text(value)
                    source.values[(*base, "accepted", name)] = cell
                    source.values.setdefault((*base, "accepted"), cell)
                    continue
                if kind in ("min_initiatives", "priority") and isinstance(value, str):
                    value = int(value) if value.isdigit() else value
                if kind == "min_strength" and isinstance(value, str):
                    value = MARK_WORDS.get(key(value), value)
                if kind not in ("min_initiatives", "priority", "min_strength"):
                    value = _text(value)
                entry[kind] = value
                source.values[(*base, kind)] = cell
            if accepted:
                entry["accepted"] = accepted
            areas.append(entry)
            for word in (entry.get("id"), entry.get("name")):
                if isinstance(word, str):
                    by_name.setdefault(key(word), str(entry.get("id")))
        return areas, by_name

    def _settings(
        self, sheet: Sheet, areas_value: dict[str, Any], initiatives_value: dict[str, Any]
    ) -> None:
        thresholds: dict[str, Any] = {}
        for row in sorted(sheet.cells):
            name = sheet.value(row, 1)
            value = sheet.value(row, 2)
            kind = next((k for k, w in SETTINGS.items() if key(name) in w), None)
            if kind is None or value is None:
                if kind is None and value is not None and row != min(sheet.cells):
                    self.problem(
                        Mark(row, 1, sheet.title),
                        Code.UNKNOWN_KEY,
                        f"unknown setting '{shorten(name)}'",
                        "the settings: " + ", ".join(SETTINGS),
                    )
                continue
            cell = Mark(row, 2, sheet.title)
            if kind in ("min_initiatives", "max_share", "min_strength"):
                if kind == "min_strength" and isinstance(value, str):
                    value = MARK_WORDS.get(key(value), value)
                thresholds[kind] = value
                self.areas_source.values[("thresholds", kind)] = cell
                self.areas_source.values.setdefault(("thresholds",), cell)
            elif kind == "currency":
                text = _text(value)
                initiatives_value["currency"] = CURRENCY_SIGNS.get(text.casefold(), text)
                self.initiatives_source.values[("currency",)] = cell
            else:
                areas_value[kind] = _text(value) if kind == "title" else value
                self.areas_source.values[(kind,)] = cell
        if thresholds:
            areas_value["thresholds"] = thresholds

    def _owners(self, sheet: Sheet) -> list[dict[str, Any]]:
        header, columns = self._columns(sheet, OWNER_COLUMNS, "id")
        owners: list[dict[str, Any]] = []
        for row in sorted(r for r in sheet.cells if r > header):
            base = ("owners", len(owners))
            entry: dict[str, Any] = {}
            for kind, column in columns.items():
                value = sheet.value(row, column)
                if value is not None:
                    entry[kind] = _text(value)
                    self.initiatives_source.values[(*base, kind)] = Mark(row, column, sheet.title)
            self.initiatives_source.values[base] = Mark(row, 1, sheet.title)
            owners.append(entry)
        return owners

    def _notes(self, sheet: Sheet, items: list[dict[str, Any]]) -> None:
        """Notes and shares of marks: (initiative id, focus area id) -> note, share."""
        header, columns = self._columns(sheet, NOTE_COLUMNS, "initiative")
        if "initiative" not in columns or "focus_area" not in columns:
            return
        index = {str(item.get("id")): n for n, item in enumerate(items)}
        for row in sorted(r for r in sheet.cells if r > header):
            initiative = _text(sheet.value(row, columns["initiative"]))
            area = _text(sheet.value(row, columns["focus_area"]))
            number = index.get(initiative)
            marks = items[number]["focus_areas"] if number is not None else []
            position = next((p for p, m in enumerate(marks) if m["id"] == area), None)
            if number is None or position is None:
                self.problem(
                    Mark(row, columns["initiative"], sheet.title),
                    Code.UNKNOWN_FOCUS_AREA,
                    f"no mark of '{shorten(initiative)}' on '{shorten(area)}' in the"
                    " initiatives sheet",
                    "a note belongs to a mark: put an X in the initiatives sheet first",
                )
                continue
            for kind in ("note", "share"):
                if kind not in columns:
                    continue
                value = sheet.value(row, columns[kind])
                if value is None:
                    continue
                if kind == "share" and isinstance(value, float):
                    value = Decimal(str(value))
                marks[position][kind] = _text(value) if kind == "note" else value
                path = ("initiatives", number, "focus_areas", position, kind)
                self.initiatives_source.values[path] = Mark(row, columns[kind], sheet.title)

    initiatives_currency: tuple[str, Mark] | None = None


#: What an empty mark cell may hold instead.
_NO_MARK = (0, "0", "-", "–")


def _strength(value: Any) -> str | None:
    """The strength a mark cell says, if it is a mark."""
    return MARK_WORDS.get(key(value)) if isinstance(value, str | int) else None


def _currency(text: str) -> str | None:
    """The ISO 4217 code a budget header names (``(kr.)``, ``DKK``, ``€``), if any."""
    words: list[str] = re.findall(r"[A-Za-z]{3}|kr\.?|€|\$|£|euro", text, flags=re.IGNORECASE)
    for word in words:
        code = CURRENCY_SIGNS.get(word.casefold())
        if code is not None:
            return code
        if len(word) == 3 and word.isalpha():
            return word.upper()
    return None


_DANISH = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+,\d+$")
_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


def parse_amount(text: str) -> Decimal | None:
    """An amount written as text: ``2.500.000,50`` (Danish), ``2,500,000.50``, ``2 500 000``
    or ``2500000``, a currency sign around it allowed; ``None`` when it is not one."""
    cleaned = re.sub(r"(?i)kr\.?|dkk|eur|€|\s|\u00a0", "", text)
    try:
        if _DANISH.match(cleaned):
            return Decimal(cleaned.replace(".", "").replace(",", "."))
        if _ENGLISH.match(cleaned):
            return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns admit numbers only
        return None
    return None


def _date(value: Any) -> Any:
    """A date cell as is; a date written as text (2027-06-30, 30-06-2027) as the date."""
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(value, pattern).date()
            except ValueError:
                continue
    return value


def _text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return f"the value {shorten(value)}"


def _ref(mark: Mark) -> str:
    return f"{mark.sheet}!{column_letter(mark.column)}{mark.line}"
