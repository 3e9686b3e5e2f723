"""``gapcheck import`` of hostile workbooks and CSV (issue 18, item 3).

A small file must not cost what it claims: a far cell, a cell of 50 MiB, a part that
decompresses to hundreds of megabytes, a zip listing many parts, a sheet of empty
columns. Each is answered or refused with a located message; the ones where memory
matters run in a subprocess under a 1 GiB address-space limit and report their peak.
A formula without a saved value is a located problem, never "no mark". No timing
assertions: linear time is checked by counting how often a cell is looked at.
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from typer.testing import CliRunner, Result

import gapcheck
from gapcheck import limits, spreadsheet
from gapcheck.cli import app
from gapcheck.interchange import ImportProblem
from gapcheck.loader import load_dataset
from gapcheck.xlsxread import column_letter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from import_hostile import workbook

from clirun import limited

SRC = Path(gapcheck.__file__).resolve().parents[1]  # the code under test
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
GIB = 1024**3
MIB = 1024**2

#: A header (B1, C1) and one initiative (A2) with a mark in B2.
HEAD = (
    '<row r="1"><c r="B1" t="inlineStr"><is><t>Export</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Talent</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Council</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>X</t></is></c></row>'
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def run_import(tmp_path: Path, source: Path) -> Result:
    result = invoke("import", str(source), "--to", str(tmp_path / "out"))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def run_limited(tmp_path: Path, source: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """``gapcheck import`` in a child limited to 1 GiB; returns its peak memory in bytes."""
    process, peak = limited(
        ["import", str(source), "--to", str(tmp_path / "out")], tmp_path / "peak", memory=GIB
    )
    assert "Traceback" not in process.stderr, process.stderr
    assert "MemoryError" not in process.stderr
    return process, peak


# --- far cells: what a sheet claims never drives allocation ---------------------------


def test_an_empty_cell_far_away_costs_nothing(tmp_path: Path) -> None:
    """The audit's 4.8 KB file: one styled, empty cell at row 50,000, column 400."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None, "Export"])
    sheet.append(["Council", "X"])
    sheet.cell(row=50_000, column=400).font = Font(bold=True)
    source = tmp_path / "far.xlsx"
    book.save(source)
    process, peak = run_limited(tmp_path, source)
    assert process.returncode == 0, process.stderr
    assert peak < 200 * MIB
    result = load_dataset(tmp_path / "out", label="test")
    assert result.dataset is not None
    assert [ref.id for ref in result.dataset.initiatives[0].focus_areas] == ["export"]


def test_a_filled_cell_at_the_last_row_and_column(tmp_path: Path) -> None:
    """One cell at XFD1048576 under a sheet that claims the whole grid."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>X</t></is></c></row>'
    source = workbook(tmp_path / "far.xlsx", [HEAD, far], before='<?xml version="1.0"?>')
    process, peak = run_limited(tmp_path, source)
    assert process.returncode == 1
    assert "Sheet1!XFD1: empty header above marks (first at Sheet1!XFD1048576)" in process.stderr
    assert peak < 200 * MIB


@pytest.mark.parametrize(
    ("cell", "where"),
    [("XFE1", "Sheet1!XFE1"), ("A1048577", "Sheet1!A1048577"), ("ZZZZ1", "ZZZZ1")],
)
def test_a_cell_beyond_any_spreadsheet_is_refused(tmp_path: Path, cell: str, where: str) -> None:
    far = f'<row r="3"><c r="{cell}" t="inlineStr"><is><t>X</t></is></c></row>'
    result = run_import(tmp_path, workbook(tmp_path / "beyond.xlsx", [HEAD, far]))
    assert result.exit_code == 2
    assert where in result.stderr


# --- decoded size and cell text --------------------------------------------------------


def test_a_cell_of_50_mib_is_refused_at_the_cell(tmp_path: Path) -> None:
    """The audit's 56 KB file whose one cell holds 50 MiB: stopped after 32,767 characters."""
    big = '<row r="3"><c r="C3" t="inlineStr"><is><t>' + "a" * (50 * MIB) + "</t></is></c></row>"
    source = workbook(tmp_path / "big.xlsx", [HEAD, big])
    assert source.stat().st_size < 100_000
    process, peak = run_limited(tmp_path, source)
    assert process.returncode == 1
    assert (
        "Sheet1!C3: more than 32,767 characters in one cell, the most a spreadsheet cell holds"
        in process.stderr
    )
    assert peak < 200 * MIB


def test_a_long_shared_string_is_refused_where_a_cell_uses_it(tmp_path: Path) -> None:
    rows = [HEAD, '<row r="3"><c r="A3" t="inlineStr"><is><t>Fund</t></is></c>'
            '<c r="C3" t="s"><v>1</v></c></row>']  # fmt: skip
    source = workbook(tmp_path / "long.xlsx", rows, strings=["fine", "b" * 40_000])
    result = run_import(tmp_path, source)
    assert result.exit_code == 1
    assert "Sheet1!C3: more than 32,767 characters in one cell" in result.stderr
    within = workbook(tmp_path / "ok.xlsx", rows, strings=["fine", "X"])
    assert run_import(tmp_path, within).exit_code == 0


def test_parts_are_refused_on_their_decompressed_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = '<row r="3"><c r="D3" t="inlineStr"><is><t>' + "a" * 30_000 + "</t></is></c></row>"
    source = workbook(tmp_path / "big.xlsx", [HEAD] + [filler] * 40)  # 1.2 MB as XML
    assert source.stat().st_size < 20_000
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", MIB)
    result = run_import(tmp_path, source)
    assert result.exit_code == 2
    assert "the sheet 'Sheet1' and its strings decompress to 1,20" in result.stderr
    assert f"more than the {MIB:,} import reads of a workbook" in result.stderr


def test_max_bytes_bounds_the_decompressed_size_too(tmp_path: Path) -> None:
    filler = '<row r="3"><c r="D3" t="inlineStr"><is><t>' + "a" * 30_000 + "</t></is></c></row>"
    source = workbook(tmp_path / "big.xlsx", [HEAD] + [filler] * 40)
    result = invoke("import", str(source), "--to", str(tmp_path / "out"), "--max-bytes", "1000000")
    assert result.exit_code == 2
    assert "more than the 1,000,000 import reads of a workbook" in result.stderr


def test_a_zip_listing_too_many_parts_is_refused(tmp_path: Path) -> None:
    source = workbook(tmp_path / "parts.xlsx", [HEAD])
    with zipfile.ZipFile(source, "a") as archive:
        for number in range(10_001):
            archive.writestr(f"x/{number}", b"")
    result = run_import(tmp_path, source)
    assert result.exit_code == 2
    assert "its zip directory lists more than 10,000 parts" in result.stderr


def test_a_workbook_with_a_large_picture_is_read(tmp_path: Path) -> None:
    """Parts import does not read (here 11 MB that do not compress) cost nothing."""
    source = workbook(tmp_path / "picture.xlsx", [HEAD])
    with zipfile.ZipFile(source, "a") as archive:
        archive.writestr("xl/media/image1.png", os.urandom(11 * MIB))
    assert run_import(tmp_path, source).exit_code == 0


def _damaged(data: bytearray, start: int) -> None:
    for at in range(start + 5, start + 60):
        data[at] ^= 0x5A


def _encrypted(data: bytearray, _: int) -> None:
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # the 'encrypted' flag of each entry in the zip's directory
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [(_damaged, "Error -3 while decompressing data"), (_encrypted, "password required")],
)
def test_damaged_or_encrypted_parts_are_refused(
    tmp_path: Path, spoil: Callable[[bytearray, int], None], expected: str
) -> None:
    source = workbook(tmp_path / "spoilt.xlsx", [HEAD])
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(source.read_bytes())
    spoil(data, info.header_offset + 30 + len(info.filename) + len(info.extra))
    source.write_bytes(bytes(data))
    result = run_import(tmp_path, source)
    assert result.exit_code == 2
    assert "is not a spreadsheet that can be read" in result.stderr
    assert expected in result.stderr


def test_a_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    dtd = '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
    result = run_import(tmp_path, workbook(tmp_path / "dtd.xlsx", [HEAD], before=dtd))
    assert result.exit_code == 2
    assert "has a DTD, which no workbook has" in result.stderr


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_FILLED_CELLS", 3, "more than 3 filled cells, more than import reads"),
        ("MAX_SHEET_ENTRIES", 10, "has more than 10 entries"),
    ],
)
def test_counts_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    monkeypatch.setattr(limits, limit, value)
    rows = [HEAD, '<row r="3"><c r="A3" t="inlineStr"><is><t>Fund</t></is></c></row>']
    result = run_import(tmp_path, workbook(tmp_path / "many.xlsx", rows))
    assert result.exit_code == 2
    assert message in result.stderr


def test_overlapping_merged_header_cells_are_refused_in_linear_time(tmp_path: Path) -> None:
    """No program writes them: 16,000 ranges from B1..XFD1 to XFD1 would name 130 million
    columns one by one."""
    merges = "".join(f'<mergeCell ref="{column_letter(n)}1:XFD1"/>' for n in range(2, 16_002))
    source = workbook(tmp_path / "merged.xlsx", [HEAD + f"</sheetData><mergeCells>{merges}"
                      "</mergeCells><sheetData>"])  # fmt: skip
    result = run_import(tmp_path, source)
    assert result.exit_code == 1
    assert "Sheet1!C1:XFD1: merged cells overlap others" in result.stderr


# --- formulas --------------------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_a_located_problem(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Marks"
    sheet.append([None, "Export", "Talent"])
    sheet.append(["Council", "X", '=IF(1,"X","")'])  # openpyxl saves no value
    source = tmp_path / "formula.xlsx"
    book.save(source)
    result = run_import(tmp_path, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Marks!C2: formula without a saved value (hint: open and save the file in Excel or"
        " LibreOffice, or type the value)"
    )


def test_a_formula_with_a_saved_value_uses_the_value(tmp_path: Path) -> None:
    rows = [HEAD, '<row r="3"><c r="A3" t="inlineStr"><is><t>Fund</t></is></c>'
            '<c r="C3" t="str"><f>IF(1,"X","")</f><v>X</v></c>'
            '<c r="B3"><f>1-1</f><v>0</v></c></row>']  # fmt: skip
    result = run_import(tmp_path, workbook(tmp_path / "saved.xlsx", rows))
    assert result.exit_code == 0, result.output
    dataset = load_dataset(tmp_path / "out", label="test").dataset
    assert dataset is not None
    assert [ref.id for ref in dataset.initiatives[1].focus_areas] == ["talent"]


# --- linear time ----------------------------------------------------------------------


def _counting_lookups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = spreadsheet.Grid.value

    def value(self: spreadsheet.Grid, row: int, column: int) -> object:
        calls[0] += 1
        return original(self, row, column)

    monkeypatch.setattr(spreadsheet.Grid, "value", value)
    return calls


def test_a_csv_of_empty_columns_and_blank_rows_is_read_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit's 32 KB CSV: 16,000 unnamed columns and 16,000 blank rows (24-41 s before)."""
    source = tmp_path / "wide.csv"
    source.write_text("x" + "," * 16_000 + "\n" + "\n" * 16_000, encoding="utf-8")
    calls = _counting_lookups(monkeypatch)
    result = run_import(tmp_path, source)
    assert result.exit_code == 1
    assert "wide.csv!B1: no focus area in the header row" in result.stderr
    assert calls[0] < 100_000  # one look per column, not per column and row (256 million)


def test_a_matrix_is_read_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 initiatives x 300 focus areas, a few marks each, unnamed columns after them."""
    header = ",".join(f"Area {n}" for n in range(300)) + "," * 2000
    lines = [f"Initiative {n}," + "X" + "," * 2299 for n in range(2000)]
    source = tmp_path / "matrix.csv"
    source.write_text(f"Initiative,{header}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    calls = _counting_lookups(monkeypatch)
    result = run_import(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert calls[0] < 50_000  # not 2,000 rows x 2,300 columns (4.6 million)


def test_a_csv_cell_beyond_the_last_column_and_a_long_cell(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",Export\nCouncil,X" + "," * 16_383 + "X\n", encoding="utf-8")
    result = run_import(tmp_path, wide)
    assert result.exit_code == 2
    assert "wide.csv!XFE2: a cell beyond row 1,048,576 or column XFD" in result.stderr
    long = tmp_path / "long.csv"
    long.write_text(",Export\nCouncil," + "y" * 40_000 + "\n", encoding="utf-8")
    result = run_import(tmp_path, long)
    assert result.exit_code == 1
    assert "long.csv!B2: more than 32,767 characters in one cell" in result.stderr


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_SHEET_ENTRIES", 10, "blank.csv: more than 10 fields and lines"),
        ("MAX_SHEET_BYTES", 10, "blank.csv: 33 bytes of CSV, more than the 10 import reads"),
    ],
)
def test_csv_counts_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    monkeypatch.setattr(limits, limit, value)
    source = tmp_path / "blank.csv"
    source.write_text(",Export\nCouncil,X\n" + "\n" * 15, encoding="utf-8")
    result = run_import(tmp_path, source)
    assert result.exit_code == 2
    assert message in result.stderr


def test_marks_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_IMPORT_MARKS", 3)
    source = tmp_path / "marks.csv"
    source.write_text(",A,B\nI1,X,X\nI2,X,X\n", encoding="utf-8")
    result = run_import(tmp_path, source)
    assert result.exit_code == 2
    assert "marks.csv!C3: more than 3 marks, more than one import writes" in result.stderr


def test_problems_are_kept_to_twenty(tmp_path: Path) -> None:
    source = tmp_path / "maybe.csv"
    source.write_text(",Export\n" + "".join(f"I{n},maybe\n" for n in range(5000)), "utf-8")
    result = run_import(tmp_path, source)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("maybe.csv!B2: 'maybe' is not a mark")
    assert lines[20] == "... and 4980 more problems"


# --- mutations: never anything but a message ----------------------------------------

TOKENS = [
    b'r="', b't="s"', b't="b"', b't="e"', b't="str"', b't="inlineStr"', b"<f>1</f>", b"<v>",
    b"</v>", b"<v>99999</v>", b'"XFD1048577"', b'"A0"', b"<row>", b"<c>", b"-1", b"1e999",
    b'<mergeCell ref="A1:B"/>', b'<mergeCell ref="B1:C1"/>', b"<is><t>x</t></is>",
    b'r:id="rId9"', b'Target="/nope"', b'<sheet name="S" sheetId="2" r:id="rId1"/>',
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_mutated_workbooks_end_in_a_message(tmp_path: Path, seed: int) -> None:
    """Random edits of a workbook's XML parts and of its bytes: an import or a message."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ([None, "Export", "Talent"], ["Council", "X", "partial"], ["Fund", 1, None]):
        sheet.append(row)
    sheet.merge_cells("A5:B6")
    original = tmp_path / "original.xlsx"
    book.save(original)
    with zipfile.ZipFile(original) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rng = random.Random(seed)
    target = tmp_path / "mutated.xlsx"
    for _ in range(150):
        if rng.random() < 0.7:  # edit one XML part, zip it again
            files = dict(parts)
            name = rng.choice(sorted(files))
            data = bytearray(files[name])
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(data) + 1)
                if rng.random() < 0.5:
                    data[at : at + rng.randint(0, 5)] = rng.choice(TOKENS)
                else:
                    del data[at : at + rng.randint(1, 20)]
            files[name] = bytes(data)
            with zipfile.ZipFile(target, "w") as archive:
                for part, content in files.items():
                    archive.writestr(part, content)
        else:  # edit the file's bytes
            data = bytearray(original.read_bytes())
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            target.write_bytes(bytes(data))
        with contextlib.suppress(ImportProblem):  # anything else fails the test
            spreadsheet.parse(spreadsheet.read_grid(target))
