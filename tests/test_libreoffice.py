"""A real spreadsheet program reads what ``export xlsx`` writes, and ``import`` reads what it saves.

Headless LibreOffice (Debian's ``libreoffice-calc-nogui``, which ``.ci/run`` installs)
converts the exported workbook to CSV, which must show the matrix, with data text as
text (no formula runs); it saves the workbook and a hand-made Table 3.2 as XLSX of its
own, which ``import`` must read to the same marks. Skipped, with the reason, on a
machine without ``soffice``; under ``CI=true`` a missing LibreOffice fails instead.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset
from office import Office, convert, convert_all

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
#: CSV export: comma, double quote, UTF-8 (76), starting at line 1.
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def renamed(tmp_path: Path, name: str) -> Path:
    """A copy of the bundled data with one initiative's ``name:`` line replaced."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "initiatives.yaml"
    text = path.read_text(encoding="utf-8").replace("name: Int. Community", name)
    path.write_text(text, encoding="utf-8")
    return data


def invoke(*args: str) -> None:
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, result.output


def marks(directory: Path) -> set[tuple[str, str, str]]:
    result = load_dataset(directory, label="test")
    dataset: Dataset | None = result.dataset
    assert dataset is not None, [d.format() for d in result.diagnostics]
    names = {area.id: area.name for area in dataset.focus_areas}
    return {
        (item.name, names[ref.id], ref.strength)
        for item in dataset.initiatives
        for ref in item.focus_areas
    }


def test_libreoffice_opens_the_export_and_import_reads_what_it_saves(
    soffice: Office, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "initiatives.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Int. Community", 'name: "=1+1"'),
        encoding="utf-8",
    )
    exported = tmp_path / "portfolio.xlsx"
    invoke("export", "xlsx", "--data", str(data), "--all-years", "-o", str(exported))

    table = convert(soffice, exported, CSV_OUT, tmp_path / "csv")
    rows = list(csv.reader(table.read_text(encoding="utf-8").splitlines()))
    assert rows[0][0] == "Initiative"
    assert rows[0][1] == "MMV bliver globale spillere (Globalisering som et vilkår)"
    assert rows[1] == ["Internationale samarbejdsregioner", "X", "X", "X", "X", "X", "5"]
    assert rows[9] == ["=1+1", "", "", "X", "X", "", "2"]  # text, not the formula's 2
    assert rows[-1] == ["Total", "3", "1", "6", "8", "4", ""]

    saved = convert(soffice, exported, "xlsx", tmp_path / "saved")
    invoke("import", str(saved), "--to", str(tmp_path / "back"))
    assert marks(tmp_path / "back") == marks(data)


def test_import_of_a_table_saved_by_libreoffice(soffice: Office, tmp_path: Path) -> None:
    from test_import import TABLE_3_2

    source = tmp_path / "tabel.csv"
    source.write_text(TABLE_3_2, encoding="utf-8")
    # Semicolons (59), double quotes, UTF-8 (76), from line 1.
    saved = convert(soffice, source, "xlsx", tmp_path / "saved", "--infilter=CSV:59,34,76,1")
    invoke("import", str(saved), "--to", str(tmp_path / "imported"))
    assert marks(tmp_path / "imported") == marks(DATA)


@pytest.mark.parametrize(("separator", "code"), [(";", 59), ("tab", 9), (" ", 32), ("|", 124)])
def test_csv_output_runs_no_formula_whatever_the_separator(
    soffice: Office, tmp_path: Path, separator: str, code: int
) -> None:
    """A name like ``B;=2*21;`` is one cell in a comma CSV, but LibreOffice told to split
    on ``;`` (or tab, space, ``|``) makes ``=2*21`` a cell of its own: it must be text."""
    from openpyxl import load_workbook

    data = renamed(tmp_path, 'name: "B;=2*21; C\\t=2*21 D =2*21 E|=2*21 F;\\"=2*21\\""')
    result = CliRunner().invoke(app, ["matrix", "--data", str(data), "--format", "csv"], env=ENV)
    assert result.exit_code == 0, result.output
    source = tmp_path / "matrix.csv"
    source.write_text(result.stdout, encoding="utf-8")
    saved = convert(soffice, source, "xlsx", tmp_path / "out", f"--infilter=CSV:{code},34,76,1")
    book = load_workbook(saved)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert any("2*21" in str(cell.value) for cell in cells)
    assert [cell.value for cell in cells if cell.data_type == "f"] == []


#: Danish CSV as Danish Excel reads it: ``;``, double quote, UTF-8, line 1, Danish locale.
DANISH_CSV = "--infilter=CSV:59,34,76,1,,1030"


def _csv(directory: Path, name: str, *args: str) -> Path:
    """``gapcheck ARGS`` (a CSV on stdout) saved as ``directory/NAME.csv``."""
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, result.output
    source = directory / f"{name}.csv"
    source.write_bytes(result.stdout.encode("utf-8"))
    return source


@pytest.fixture(scope="module")
def danish(soffice: Office, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Danish CSV of ``spend`` (the budgets example) and of ``matrix`` and ``summary`` (a
    name holding ``;=2*21``), as LibreOffice in a Danish locale saves them: one start."""
    tmp_path = tmp_path_factory.mktemp("danish")
    budgets = REPO / "docs" / "examples" / "budgets"
    data = renamed(tmp_path, 'name: "B;=2*21; C -1,5 =2*21 F;\\"=2*21\\""')
    sources = [
        _csv(tmp_path, "spend", "spend", "--data", str(budgets), "-f", "csv", "--lang", "da")
    ]
    for command in ("matrix", "summary"):
        sources.append(
            _csv(tmp_path, command, command, "--data", str(data), "-f", "csv", "--lang", "da")
        )
    saved = convert_all(soffice, sources, "xlsx", tmp_path / "out", DANISH_CSV)
    return {source.stem: path for source, path in zip(sources, saved, strict=True)} | {
        f"{source.stem}.csv": source for source in sources
    }


def test_danish_csv_opens_with_numbers_as_numbers(danish: dict[str, Path]) -> None:
    """``spend -f csv --lang da`` (UTF-8 with BOM, ``;``, decimal comma, Danish headings):
    LibreOffice in a Danish locale reads the amounts as numbers, the headings whole."""
    from openpyxl import load_workbook

    assert (
        danish["spend.csv"].read_text(encoding="utf-8").startswith("\ufefftype;id;navn;år;forbrug;")
    )
    sheet = load_workbook(danish["spend"]).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["type", "id", "navn", "år", "forbrug"]  # no BOM in the first cell
    assert rows[1][0] == "total"
    assert isinstance(rows[1][4], (int, float))
    assert rows[1][4] == 7_200_000
    export = next(row for row in rows if row[1] == "export")
    assert export[4:7] == [3_600_000, 4_800_000, 1_350_000]
    assert export[7] == "export-advice;trade-missions;fair-pool"  # quoted: one cell


@pytest.mark.parametrize("command", ["matrix", "summary"])
def test_danish_csv_runs_no_formula(danish: dict[str, Path], command: str) -> None:
    """A name holding ``;=2*21`` splits into a cell of its own in ``;``-CSV: it is text."""
    from openpyxl import load_workbook

    saved = danish[command]
    cells = [cell for sheet in load_workbook(saved) for row in sheet.iter_rows() for cell in row]
    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    if command == "matrix":
        assert any("2*21" in str(cell.value) for cell in cells)
    else:  # the measures are numbers: the Shannon index with its decimal comma
        values = {row[0].value: row[1].value for row in load_workbook(saved).active.iter_rows()}
        assert isinstance(values["shannon"], float), values
