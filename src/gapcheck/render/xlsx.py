"""The portfolio as an Excel workbook (openpyxl), for Excel and LibreOffice Calc.

Sheets: *Matrix* (initiatives down, focus areas across, in the report's order; ``X``
for a mark, the strength word for a weaker one; totals; uncovered columns red, weak
or thin orange, crowded blue; header row and first column frozen), *Marks* (every
mark with its strength and note), *Gaps*, *Overlaps* (crowded areas, identical
groups, pairs), *Timeline* (where the data has years) and, where the data uses them,
*Strengths*, *Priorities* and *Accepted gaps*.

Text from the data is untrusted: every such cell is written as a string (never a
formula, whatever it starts with), and characters a workbook cannot hold are shown
as ``\\xNN`` escapes. ``gapcheck import`` reads the Matrix sheet back.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gapcheck.analysis.interchange import PortfolioExport

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from gapcheck.i18n import Lang

#: Characters a workbook's XML cannot hold (openpyxl refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "matrix": "Matrix",
        "marks": "Marks",
        "gaps": "Gaps",
        "overlaps": "Overlaps",
        "timeline": "Timeline",
        "strengths": "Strengths",
        "priorities": "Priorities",
        "accepted": "Accepted gaps",
        "initiative": "Initiative",
        "focus_area": "Focus area",
        "total": "Total",
        "strength": "Strength",
        "note": "Note",
        "kind": "Kind",
        "count": "Initiatives",
        "threshold": "Minimum",
        "priority": "Priority",
        "names": "Initiatives serving it",
        "accepted_reason": "Accepted because",
        "by": "Accepted by",
        "until": "Until",
        "crowded": "Crowded focus areas",
        "share": "Share",
        "identical": "Initiatives with identical focus areas",
        "focus_areas": "Focus areas",
        "initiatives": "Initiatives",
        "pairs": "Overlapping pairs",
        "pairs_cut": "The best {shown} of {total} pairs; 'gapcheck overlaps --format csv'"
        " lists every pair.",
        "shared": "Shared focus areas",
        "jaccard": "Jaccard",
        "year": "Year",
        "none": "No gaps.",
    },
    "da": {
        "matrix": "Matrix",
        "marks": "Markeringer",
        "gaps": "Huller",
        "overlaps": "Overlap",
        "timeline": "Tidslinje",
        "strengths": "Styrker",
        "priorities": "Prioriteter",
        "accepted": "Accepterede huller",
        "initiative": "Indsats",
        "focus_area": "Fokusområde",
        "total": "I alt",
        "strength": "Styrke",
        "note": "Note",
        "kind": "Art",
        "count": "Indsatser",
        "threshold": "Minimum",
        "priority": "Prioritet",
        "names": "Indsatser, der dækker det",
        "accepted_reason": "Accepteret fordi",
        "by": "Accepteret af",
        "until": "Indtil",
        "crowded": "Overfyldte fokusområder",
        "share": "Andel",
        "identical": "Indsatser med samme fokusområder",
        "focus_areas": "Fokusområder",
        "initiatives": "Indsatser",
        "pairs": "Overlappende par",
        "pairs_cut": "De bedste {shown} af {total} par; 'gapcheck overlaps --format csv'"
        " viser alle par.",
        "shared": "Fælles fokusområder",
        "jaccard": "Jaccard",
        "year": "År",
        "none": "Ingen huller.",
    },
}

RED = "FFC7CE"
ORANGE = "FFE0B2"
BLUE = "C5D9F1"
GREY = "E7E6E6"
GAP_FILL = {"uncovered": RED, "weak": ORANGE, "thin": ORANGE}


def text(value: str) -> str:
    """Data text as a workbook can hold it: forbidden characters as ``\\xNN``."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


Value = str | int | float | None


def _put(sheet: Worksheet, row: int, column: int, value: Value, fill: str | None = None) -> None:
    """One cell; text is always a string cell, never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"  # openpyxl makes '=...' a formula otherwise
    else:
        cell.value = value
    if fill is not None:
        from openpyxl.styles import PatternFill

        cell.fill = PatternFill(fill_type="solid", fgColor=fill)


def _table(
    sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Value]], start: int = 1
) -> int:
    """A header (bold) and rows from row ``start``; returns the next free row."""
    from openpyxl.styles import Font

    for column, label in enumerate(header, start=1):
        _put(sheet, start, column, label)
        sheet.cell(row=start, column=column).font = Font(bold=True)
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            _put(sheet, start + offset, column, value)
    return start + len(rows) + 2


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def mark_text(strength: str) -> str:
    """A matrix cell: ``X`` for a mark of the default strength, else the strength word."""
    return "X" if strength == "significant" else strength


def _matrix(sheet: Worksheet, export: PortfolioExport, label: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font

    areas = export.areas
    _put(sheet, 1, 1, label["initiative"])
    for column, area in enumerate(areas, start=2):
        fill = GAP_FILL.get(area.gap or "") or (BLUE if area.crowded else None)
        _put(sheet, 1, column, area.name, fill)
    total_column = len(areas) + 2
    _put(sheet, 1, total_column, label["total"])
    strengths: dict[tuple[str, str], str] = {}
    for mark in export.marks:
        key = (mark.initiative, mark.focus_area)
        if key not in strengths or mark.strength == "significant":
            strengths[key] = mark.strength
    for row, item in enumerate(export.initiatives, start=2):
        _put(sheet, row, 1, item.name)
        for column, area in enumerate(areas, start=2):
            strength = strengths.get((item.id, area.id))
            if strength is not None:
                _put(sheet, row, column, mark_text(strength))
                sheet.cell(row=row, column=column).alignment = Alignment(horizontal="center")
        _put(sheet, row, total_column, len(item.focus_areas))
    total_row = len(export.initiatives) + 2
    _put(sheet, total_row, 1, label["total"])
    for column, area in enumerate(areas, start=2):
        fill = GAP_FILL.get(area.gap or "") or (BLUE if area.crowded else None)
        _put(sheet, total_row, column, len(area.direct), fill)
    for column in range(1, total_column + 1):
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.cell(row=1, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=total_row, column=column).font = Font(bold=True)
    sheet.freeze_panes = "B2"
    _widths(sheet, [40, *([18] * len(areas)), 8])


def render(export: PortfolioExport, lang: Lang = "en") -> bytes:
    from openpyxl import Workbook

    label = LABELS[lang]
    names = {item.id: item.name for item in export.initiatives}
    area_names = {area.id: area.name for area in export.areas}
    book = Workbook()
    matrix = book.active
    assert matrix is not None
    matrix.title = label["matrix"]
    _matrix(matrix, export, label)

    marks = book.create_sheet(label["marks"])
    _table(
        marks,
        [label["initiative"], label["focus_area"], label["strength"], label["note"]],
        [
            [
                names.get(m.initiative, m.initiative),
                area_names.get(m.focus_area, m.focus_area),
                m.strength,
                m.note,
            ]
            for m in export.marks
        ],
    )
    _widths(marks, [40, 40, 12, 80])

    gaps = book.create_sheet(label["gaps"])
    gap_rows: list[list[Value]] = [
        [
            gap.name,
            gap.kind,
            gap.count,
            gap.threshold,
            gap.priority,
            "; ".join(names.get(i, i) for i in gap.initiatives),
        ]
        for gap in export.gaps.gaps
    ]
    _table(
        gaps,
        [label[key] for key in ("focus_area", "kind", "count", "threshold", "priority", "names")],
        gap_rows or [[label["none"]]],
    )
    for row, gap in enumerate(export.gaps.gaps, start=2):
        gaps.cell(row=row, column=2).fill = _fill(GAP_FILL[gap.kind])
    _widths(gaps, [40, 12, 12, 10, 10, 60])

    overlaps = book.create_sheet(label["overlaps"])
    report = export.overlaps
    nxt = _table(
        overlaps,
        [label["crowded"], label["count"], label["share"], label["names"]],
        [
            [c.name, c.count, round(c.share, 3), "; ".join(names.get(i, i) for i in c.initiatives)]
            for c in report.crowded
        ],
    )
    nxt = _table(
        overlaps,
        [label["identical"], label["focus_areas"]],
        [
            [
                "; ".join(names.get(i, i) for i in group.initiatives),
                "; ".join(area_names.get(a, a) for a in group.focus_areas),
            ]
            for group in report.identical
        ],
        nxt,
    )
    end = _table(
        overlaps,
        [label["pairs"], label["initiative"], label["shared"], label["jaccard"]],
        [
            [
                names.get(pair.a, pair.a),
                names.get(pair.b, pair.b),
                "; ".join(area_names.get(a, a) for a in pair.shared),
                round(pair.jaccard, 3),
            ]
            for pair in report.pairs
        ],
        nxt,
    )
    if report.pair_count is None or report.pair_count > len(report.pairs):
        total = "?" if report.pair_count is None else f"{report.pair_count:,}"
        text = label["pairs_cut"].format(shown=f"{len(report.pairs):,}", total=total)
        _put(overlaps, end - 1, 1, text)
    _widths(overlaps, [50, 40, 50, 12])

    if export.timeline is not None:
        timeline = book.create_sheet(label["timeline"])
        years = export.timeline
        _put(timeline, 1, 1, label["year"])
        for column, area in enumerate(years.focus_areas, start=2):
            _put(timeline, 1, column, area.name)
        for row, year in enumerate(years.years, start=2):
            _put(timeline, row, 1, year)
            for column, area in enumerate(years.focus_areas, start=2):
                count = area.counts[row - 2]
                fill = RED if count == 0 else ORANGE if count < area.threshold else None
                _put(timeline, row, column, count, fill)
        timeline.freeze_panes = "B2"
        _widths(timeline, [10, *([18] * len(years.focus_areas))])

    if export.has_strength:
        sheet = book.create_sheet(label["strengths"])
        _table(
            sheet,
            [label["initiative"], label["focus_area"], label["strength"]],
            [
                [names.get(m.initiative, m.initiative), area_names[m.focus_area], m.strength]
                for m in export.marks
                if m.strength != "significant"
            ],
        )
        _widths(sheet, [40, 40, 12])
    if export.has_priority:
        sheet = book.create_sheet(label["priorities"])
        _table(
            sheet,
            [label["focus_area"], label["priority"]],
            [[area.name, area.priority] for area in export.areas],
        )
        _widths(sheet, [40, 10])
    if export.has_accepted:
        sheet = book.create_sheet(label["accepted"])
        _table(
            sheet,
            [
                label["focus_area"],
                label["kind"],
                label["accepted_reason"],
                label["by"],
                label["until"],
            ],
            [
                [
                    gap.name,
                    gap.kind,
                    gap.accepted.reason,
                    gap.accepted.by,
                    gap.accepted.until.isoformat(),
                ]
                for gap in export.gaps.gaps
                if gap.accepted is not None
            ],
        )
        _widths(sheet, [40, 12, 50, 20, 12])

    if export.dataset is not None:
        from gapcheck.render.xlsx_data import add_data_sheets

        add_data_sheets(book, export.dataset, lang, _put)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(color: str) -> object:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", fgColor=color)
