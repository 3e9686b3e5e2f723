"""The data sheets of ``export xlsx``: everything the YAML files say, for ``--data book.xlsx``.

*Focus areas* (id, name, parent, thresholds, priority, acceptance), *Initiatives*
(attributes, a budget column per year, one mark column per focus area, headed by
its id), and where the data has them *Settings* (title, as_of, currency,
thresholds), *Owners* and *Mark notes* (a mark's note and share). Read back with
``--data``, they give the same dataset (:mod:`gapcheck.readers.workbook`); the
analysis sheets beside them are not read.

Text is written as string cells (never formulas), as everywhere in the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from gapcheck.model import DEFAULT_STRENGTH, STRENGTHS, Dataset, Initiative

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from gapcheck.i18n import Lang

#: Sheet and column names, English and Danish; the reader knows both.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "focus_areas": "Focus areas", "initiatives": "Initiatives", "settings": "Settings",
        "owners": "Owners", "notes": "Mark notes", "id": "Id", "name": "Name",
        "parent": "Parent", "description": "Description", "source": "Source",
        "min_initiatives": "Min initiatives", "min_strength": "Min strength",
        "priority": "Priority", "accepted": "Accepted because", "by": "Accepted by",
        "until": "Accepted until", "owner": "Owner", "note": "Note", "start": "Start",
        "end": "End", "budget": "Budget", "level": "Level", "initiative": "Initiative",
        "focus_area": "Focus area", "share": "Share", "setting": "Setting", "value": "Value",
        "title": "Title", "as_of": "As of", "currency": "Currency", "max_share": "Max share",
    },
    "da": {
        "focus_areas": "Fokusområder", "initiatives": "Initiativer",
        "settings": "Indstillinger", "owners": "Ejere", "notes": "Noter til markeringer",
        "id": "Id", "name": "Navn", "parent": "Overordnet", "description": "Beskrivelse",
        "source": "Kilde", "min_initiatives": "Min. initiativer",
        "min_strength": "Min. styrke", "priority": "Prioritet",
        "accepted": "Accepteret fordi", "by": "Accepteret af", "until": "Accepteret til",
        "owner": "Ejer", "note": "Note", "start": "Start", "end": "Slut", "budget": "Budget",
        "level": "Niveau", "initiative": "Initiativ", "focus_area": "Fokusområde",
        "share": "Andel", "setting": "Indstilling", "value": "Værdi", "title": "Titel",
        "as_of": "Opgjort pr.", "currency": "Valuta", "max_share": "Maks. andel",
    },
}  # fmt: skip
#: Floats hold every integer up to 2**53 exactly; larger amounts are written as text.
_EXACT = 2**53

Put = Callable[["Worksheet", int, int, Any], None]


def number(value: Decimal) -> int | float | str:
    """An exact amount or share as a cell: a number when a float holds it, else text."""
    if value == value.to_integral_value() and abs(value) < _EXACT:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return str(value)


def add_data_sheets(book: Workbook, dataset: Dataset, lang: Lang, put: Put) -> None:
    """The data sheets, after the analysis sheets."""
    word = WORDS[lang]
    strength_word = _strength_words(lang)
    _settings(book, dataset, word, put)
    _areas(book, dataset, word, put)
    _initiatives(book, dataset, word, put, strength_word)
    if dataset.owners:
        sheet = book.create_sheet(word["owners"])
        _rows(
            sheet,
            [word[k] for k in ("id", "name", "level", "source")],
            [[o.id, o.name, o.level, o.source] for o in dataset.owners],
            put,
        )
    notes = [
        [item.id, ref.id, ref.note, None if ref.share is None else number(ref.share)]
        for item in dataset.initiatives
        for ref in _first_marks(item)
        if ref.note is not None or ref.share is not None
    ]
    if notes:
        sheet = book.create_sheet(word["notes"])
        _rows(sheet, [word[k] for k in ("initiative", "focus_area", "note", "share")], notes, put)


def _strength_words(lang: Lang) -> Callable[[str], str]:
    from gapcheck.i18n import t

    def word(strength: str) -> str:
        return "X" if strength == DEFAULT_STRENGTH else t(f"strength.{strength}", lang)

    return word


def _rows(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Any]], put: Put) -> None:
    from openpyxl.styles import Font

    for column, label in enumerate(header, start=1):
        put(sheet, 1, column, label)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for number_, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is not None:
                put(sheet, number_, column, value)
    sheet.freeze_panes = "A2"


def _settings(book: Workbook, dataset: Dataset, word: dict[str, str], put: Put) -> None:
    thresholds = dataset.thresholds
    settings = [
        (word["title"], dataset.title),
        (word["as_of"], dataset.as_of),
        (word["currency"], dataset.currency),
        (word["min_initiatives"], thresholds.min_initiatives),
        (word["max_share"], thresholds.max_share),
        (word["min_strength"], thresholds.min_strength),
    ]
    rows = [[name, value] for name, value in settings if value is not None]
    if rows:
        _rows(book.create_sheet(word["settings"]), [word["setting"], word["value"]], rows, put)


def _areas(book: Workbook, dataset: Dataset, word: dict[str, str], put: Put) -> None:
    keys = (
        "id", "name", "parent", "description", "source", "min_initiatives", "min_strength",
        "priority", "accepted", "by", "until",
    )  # fmt: skip
    rows = []
    for area in dataset.focus_areas:
        accepted = area.accepted
        rows.append(
            [
                area.id,
                area.name,
                area.parent,
                area.description,
                area.source,
                area.min_initiatives,
                None if area.min_strength is None else area.min_strength,
                area.priority,
                None if accepted is None else accepted.reason,
                None if accepted is None else accepted.by,
                None if accepted is None else accepted.until,
            ]
        )
    _rows(book.create_sheet(word["focus_areas"]), [word[k] for k in keys], rows, put)


def _initiatives(
    book: Workbook,
    dataset: Dataset,
    word: dict[str, str],
    put: Put,
    strength_word: Callable[[str], str],
) -> None:
    currency = "" if dataset.currency is None else f" ({dataset.currency})"
    single = any(
        i.budget is not None and not isinstance(i.budget, dict) for i in dataset.initiatives
    )
    years = sorted(
        {year for i in dataset.initiatives if isinstance(i.budget, dict) for year in i.budget}
    )
    header = [word[k] for k in ("id", "name", "owner", "source", "note", "start", "end")]
    if single:
        header.append(f"{word['budget']}{currency}")
    header += [f"{word['budget']} {year}{currency}" for year in years]
    first_area = len(header) + 1
    header += [area.id for area in dataset.focus_areas]
    column_of = {area.id: first_area + n for n, area in enumerate(dataset.focus_areas)}
    rows = []
    for item in dataset.initiatives:
        row: list[Any] = [
            item.id, item.name, item.owner, item.source, item.note, item.start, item.end,
        ]  # fmt: skip
        budget = item.budget
        if single:
            row.append(None if budget is None or isinstance(budget, dict) else number(budget))
        row += [
            number(budget[year]) if isinstance(budget, dict) and year in budget else None
            for year in years
        ]
        row += [None] * len(dataset.focus_areas)
        for area_id, rank in item.strengths.items():
            row[column_of[area_id] - 1] = strength_word(STRENGTHS[rank])
        rows.append(row)
    _rows(book.create_sheet(word["initiatives"]), header, rows, put)


def _first_marks(item: Initiative) -> list[Any]:
    """Each focus area's first mark (a repeated reference counts once)."""
    seen: dict[str, Any] = {}
    for ref in item.focus_areas:
        seen.setdefault(ref.id, ref)
    return list(seen.values())
