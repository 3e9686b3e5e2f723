"""Writes oversigt.xlsx: a secretariat's yearly overview as it keeps it in Excel.

21 initiatives x 11 focus areas in three groups (merged cells over each group), a
title row and a note row above the table, the columns Initiativ, Ejer, Budget 2025
(kr.), Start and Slut, marks X or 'delvis', and a total row with formulas. gapcheck
reads it as it is: ``gapcheck gaps --data docs/examples/workbook/oversigt.xlsx``.

    python docs/examples/workbook/make.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

GROUPS = [
    ("Viden og uddannelse", ["Hjemtagning af viden", "Talentudvikling", "Uddannelse", "Forskning"]),
    ("Erhverv og vækst", ["Eksport", "Investeringer", "Innovation"]),
    ("Synlighed og samarbejde", ["Branding", "Netværk", "Partnerskaber", "Turisme"]),
]
#: name, owner, budget 2025 (kr.), start, end, marks (area number: 'X' or 'delvis')
ROWS = [
    (
        "Midtjyllands EU-kontor",
        "Region Midtjylland",
        4_200_000,
        2007,
        None,
        {0: "X", 8: "X", 9: "X"},
    ),
    ("Erasmus+ samarbejde", "VIA University College", 850_000, 2014, None, {1: "X", 2: "X"}),
    ("Horizon Europe rådgivning", "Aarhus Universitet", 1_300_000, 2021, None, {0: "X", 3: "X"}),
    ("Vækstforum Midt", "Region Midtjylland", 2_000_000, 2007, 2025, {4: "X", 5: "delvis", 6: "X"}),
    ("Eksportfremme Midt", "Eksportrådet", 1_750_000, 2016, None, {4: "X"}),
    ("Invest in Aarhus", "Aarhus Kommune", 1_100_000, 2012, None, {5: "X", 7: "delvis"}),
    ("Innovationsnetværk for robotter", "Erhvervsstyrelsen", 900_000, 2019, None, {6: "X", 9: "X"}),
    ("Talentpulje", "Region Midtjylland", 600_000, 2020, None, {1: "X"}),
    ("Internationale studerende", "Aarhus Universitet", 700_000, 2015, 2025, {1: "X", 2: "delvis"}),
    (
        "Forskerskole i grøn omstilling",
        "Aarhus Universitet",
        1_500_000,
        2022,
        None,
        {3: "X", 0: "delvis"},
    ),
    ("Branding Midtjylland", "Region Midtjylland", 1_200_000, 2010, None, {7: "X"}),
    ("Turistfremme Vestkysten", "VisitDenmark", 950_000, 2018, None, {10: "X", 7: "delvis"}),
    ("Partnerskab Nordsø", "Region Midtjylland", 400_000, 2017, 2025, {9: "X", 8: "delvis"}),
    ("Interreg: Nordsøprogrammet", "EU-Kommissionen", 3_100_000, 2021, 2027, {9: "X", 3: "delvis"}),
    ("Kulturudveksling", "Aarhus Kommune", 300_000, 2019, None, {8: "X"}),
    (
        "Sundhedssamarbejde med Schleswig-Holstein",
        "Region Midtjylland",
        550_000,
        2020,
        None,
        {0: "X", 9: "delvis"},
    ),
    ("Grøn omstilling EU", "Region Midtjylland", 2_400_000, 2023, None, {0: "X", 6: "X"}),
    ("Fødevareklynge", "Food & Bio Cluster Denmark", 1_000_000, 2018, 2025, {4: "X", 6: "delvis"}),
    ("Robotklynge", "Odense Robotics", 800_000, 2020, None, {6: "X", 5: "delvis"}),
    ("Global Aarhus", "Aarhus Kommune", 650_000, 2016, None, {7: "X", 8: "X"}),
    ("Ungdomsudveksling", "Region Midtjylland", 250_000, 2019, None, {2: "X"}),
]
YEAR = 2025


def build(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Oversigt"
    attributes = ["Initiativ", "Ejer", f"Budget {YEAR} (kr.)", "Start", "Slut"]
    areas = [area for _, names in GROUPS for area in names]
    last = len(attributes) + len(areas)
    sheet["A1"] = f"Internationaliseringsindsatser i Region Midtjylland {YEAR}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet["A2"] = f"Opgjort pr. {YEAR}. X: indsatsen bidrager til fokusområdet; delvis: delvist."
    for column, name in enumerate(attributes, start=1):
        sheet.cell(3, column, name)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    column = len(attributes) + 1
    for group, names in GROUPS:
        sheet.cell(3, column, group).alignment = Alignment(horizontal="center")
        sheet.merge_cells(
            start_row=3, start_column=column, end_row=3, end_column=column + len(names) - 1
        )
        for name in names:
            sheet.cell(4, column, name).alignment = Alignment(wrap_text=True)
            column += 1
    for row in (3, 4):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for number, (name, owner, budget, start, end, marks) in enumerate(ROWS, start=5):
        sheet.cell(number, 1, name)
        sheet.cell(number, 2, owner)
        sheet.cell(number, 3, budget).number_format = "#,##0"
        sheet.cell(number, 4, start)
        if end is not None:
            sheet.cell(number, 5, end)
        for area, mark in marks.items():
            sheet.cell(number, len(attributes) + 1 + area, mark)
    total = 5 + len(ROWS)
    sheet.cell(total, 1, "I alt").font = Font(bold=True)
    sheet.cell(total, 3, f"=SUM(C5:C{total - 1})").number_format = "#,##0"
    for column in range(len(attributes) + 1, last + 1):
        letter = get_column_letter(column)
        sheet.cell(total, column, f"=COUNTA({letter}5:{letter}{total - 1})")
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 18
    sheet.freeze_panes = "B5"
    book.save(path)


def next_year(path: Path) -> None:
    """The overview a year later, as the README's example edits it: 2026, a budget for
    2026 (none for the four initiatives that ended in 2025), one new initiative."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Oversigt"]
    sheet["A1"] = f"Internationaliseringsindsatser i Region Midtjylland {YEAR + 1}"
    sheet["A2"] = f"Opgjort pr. {YEAR + 1}. X: indsatsen bidrager til fokusområdet."
    sheet["C3"] = f"Budget {YEAR + 1} (kr.)"
    for row in range(5, 5 + len(ROWS)):
        if sheet.cell(row, 5).value == YEAR:
            sheet.cell(row, 3).value = None
    new = 5 + len(ROWS)
    sheet.insert_rows(new)
    for column, value in enumerate(
        ["Turismesamarbejde Limfjorden", "VisitDenmark", 500_000, YEAR + 1], start=1
    ):
        sheet.cell(new, column, value)
    sheet["P" + str(new)] = "X"  # Turisme
    book.save(path)


if __name__ == "__main__":
    build(Path(__file__).with_name("oversigt.xlsx"))
