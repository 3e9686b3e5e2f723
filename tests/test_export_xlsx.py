"""``gapcheck export xlsx``: the workbook's sheets, order, colours and safety."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


def export(tmp_path: Path, data: Path = DATA, *extra: str) -> openpyxl.Workbook:
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(
        app, ["export", "xlsx", "--data", str(data), "-o", str(out), *extra], env=ENV
    )
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_matrix_sheet(tmp_path: Path) -> None:
    book = export(tmp_path, DATA, "--all-years")
    assert book.sheetnames[:4] == ["Matrix", "Marks", "Gaps", "Overlaps"]
    assert "Timeline" in book.sheetnames  # the data has years
    sheet = book["Matrix"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Initiative"
    assert rows[0][1] == "MMV bliver globale spillere (Globalisering som et vilkår)"
    assert rows[0][-1] == "Total"
    assert rows[1] == ["Internationale samarbejdsregioner", "X", "X", "X", "X", "X", 5]
    assert rows[-1] == ["Total", 3, 1, 6, 8, 4, None]
    assert sheet.freeze_panes == "B2"
    thin = sheet.cell(row=1, column=3)  # Specialiserede virksomheder og outsourcing
    assert thin.fill.fgColor.rgb.endswith("FFE0B2")
    crowded = sheet.cell(row=1, column=5)  # Hjemtagning af viden
    assert crowded.fill.fgColor.rgb.endswith("C5D9F1")
    gaps = [[cell.value for cell in row] for row in book["Gaps"].iter_rows()]
    assert gaps[1][:2] == ["Specialiserede virksomheder og outsourcing", "thin"]
    marks = [[cell.value for cell in row] for row in book["Marks"].iter_rows()]
    assert len(marks) == 23
    assert marks[1][3].startswith("Hjælpe iværksættervirksomheder")


def test_danish_labels(tmp_path: Path) -> None:
    book = export(tmp_path, DATA, "--lang", "da")
    assert book.sheetnames[:3] == ["Matrix", "Markeringer", "Huller"]
    assert book["Matrix"]["A1"].value == "Initiativ"


def test_data_text_never_becomes_a_formula(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Interreg programmer", 'name: "=HYPERLINK(\\"http://x\\")"')
    text = text.replace("name: Int. Community", 'name: "+1\\x07"')
    path.write_text(text, encoding="utf-8")
    book = export(tmp_path, tmp_path / "data")
    names = {cell.value: cell for cell in book["Matrix"]["A"]}
    formula = names['=HYPERLINK("http://x")']
    assert formula.data_type == "s"
    assert names["+1\\x07"].data_type == "s"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_strengths_priorities_and_accepted_sheets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "focus_areas.yaml").write_text(
        "focus_areas:\n"
        "  - {id: a, name: Alpha, priority: 5}\n"
        "  - id: b\n    name: Beta\n"
        "    accepted: {reason: Known, until: 2999-01-01}\n",
        encoding="utf-8",
    )
    (data / "initiatives.yaml").write_text(
        "initiatives:\n  - id: one\n    name: One\n    focus_areas: [{id: a, strength: partial}]\n",
        encoding="utf-8",
    )
    book = export(tmp_path, data)
    assert {"Strengths", "Priorities", "Accepted gaps"} <= set(book.sheetnames)
    assert "Timeline" not in book.sheetnames
    assert book["Matrix"]["B2"].value == "partial"
    assert [c.value for c in book["Strengths"][2]] == ["One", "Alpha", "partial"]
    accepted = [c.value for c in book["Accepted gaps"][2]]
    assert accepted[0] == "Beta"
    assert accepted[2] == "Known"


@pytest.mark.parametrize("option", ["--id-map", "--diff"])
def test_navigator_options_refused(option: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "xlsx", "--data", str(DATA), option, "x", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2


def test_overlaps_sheet_holds_the_best_pairs_and_says_how_many_more(tmp_path: Path) -> None:
    """A portfolio with more overlapping pairs than a workbook is for: the best
    ``EXPORT_PAIRS`` of them, and a line pointing to the complete CSV."""
    import sys

    from gapcheck.analysis.interchange import EXPORT_PAIRS

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    data = tmp_path / "data"
    generate(data, 1_200, 40, seed=3)
    sheet = export(tmp_path, data, "--all-years")["Overlaps"]
    column = [cell.value for cell in sheet["A"]]
    note = [value for value in column if isinstance(value, str) and "gapcheck overlaps" in value]
    assert len(note) == 1
    assert note[0].startswith(f"The best {EXPORT_PAIRS:,} of ")
    header = column.index("Overlapping pairs")
    pairs = column[header + 1 : column.index(note[0])]
    assert len([value for value in pairs if value is not None]) == EXPORT_PAIRS


def test_the_danish_workbook_speaks_danish_and_imports_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "focus_areas.yaml").write_text(
        "focus_areas:\n  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\n", encoding="utf-8"
    )
    (data / "initiatives.yaml").write_text(
        "initiatives:\n  - id: one\n    name: One\n"
        "    focus_areas: [{id: a, strength: partial}, {id: b, strength: minimal}]\n",
        encoding="utf-8",
    )
    book = export(tmp_path, data, "--lang", "da")
    assert [book["Matrix"]["B2"].value, book["Matrix"]["C2"].value] == ["delvis", "minimal"]
    assert [c.value for c in book["Markeringer"][2]][:3] == ["One", "Alpha", "delvis"]
    assert book["Huller"]["B2"].value in ("udækket", "tyndt dækket", "svagt dækket")
    back = tmp_path / "back"
    result = CliRunner().invoke(
        app, ["import", str(tmp_path / "out.xlsx"), "--to", str(back)], env=ENV
    )
    assert result.exit_code == 0, result.output
    text = (back / "initiatives.yaml").read_text("utf-8")
    assert "partial" in text
    assert "minimal" in text
