"""``gapcheck import``: spreadsheets (matrix and long, CSV and XLSX) to valid YAML.

Round trips: YAML -> export xlsx -> import gives the same marks, on the bundled data
and on a generated portfolio with a hierarchy and strengths; a hand-made Table 3.2
sheet gives the shipped data's marks.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner, Result

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset
from gapcheck.spreadsheet import slug, unique_ids

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

Marks = set[tuple[str, str, str]]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def load(directory: Path) -> Dataset:
    result = load_dataset(directory, label="test")
    assert result.dataset is not None, [d.format() for d in result.diagnostics]
    return result.dataset


def marks(dataset: Dataset) -> Marks:
    """(initiative name, focus-area name, strength) of every mark."""
    names = {area.id: area.name for area in dataset.focus_areas}
    return {
        (item.name, names[ref.id], ref.strength)
        for item in dataset.initiatives
        for ref in item.focus_areas
    }


def imported(tmp_path: Path, source: Path, *extra: str) -> Dataset:
    target = tmp_path / "imported"
    result = invoke("import", str(source), "--to", str(target), *extra)
    assert result.exit_code == 0, result.output
    return load(target)


def refused(tmp_path: Path, source: Path, *extra: str) -> Result:
    result = invoke("import", str(source), "--to", str(tmp_path / "out"), *extra)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "focus_areas.yaml").exists()
    return result


TABLE_3_2 = """\
Indsats;MMV bliver globale spillere (Globalisering som et vilkår);\
Specialiserede virksomheder og outsourcing;Behov for specialiseret arbejdskraft;\
Hjemtagning af viden;Synlighed og branding
Internationale samarbejdsregioner;X;x;✓;1;X
Midtjyllands EU-kontor;;;;X;X
Danmarks Eksportråd (Væksthus Midtjylland);X;;;;
Europe Enterprise Network;X;;;X;
Interreg programmer;;;X;X;
Store sportsbegivenheder;;;;;X
Modtageapparat for udenlandske ansatte;;;X;X;X
Fastholde udenlandske studerende;;;X;X;
Int. Community;;;X;X;
Vestdansk Investeringsfremme;;;X;X;
"""


def test_table_3_2_by_hand_equals_the_shipped_data(tmp_path: Path) -> None:
    source = tmp_path / "tabel-3-2.csv"
    source.write_text(TABLE_3_2, encoding="utf-8")
    dataset = imported(tmp_path, source)
    assert marks(dataset) == marks(load(DATA))
    assert [area.id for area in dataset.focus_areas][:2] == [
        "mmv-bliver-globale-spillere-globalisering-som-et-vilkaar",
        "specialiserede-virksomheder-og-outsourcing",
    ]
    first = dataset.initiatives[0]
    assert first.source == "tabel-3-2.csv!A2"
    assert [ref.note for ref in first.focus_areas] == [f"tabel-3-2.csv!{c}2" for c in "BCDEF"]
    text = (tmp_path / "imported" / "initiatives.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported by 'gapcheck import' from tabel-3-2.csv (matrix layout).")


def test_round_trip_of_the_bundled_data(tmp_path: Path) -> None:
    out = tmp_path / "data.xlsx"
    assert (
        invoke("export", "xlsx", "--data", str(DATA), "--all-years", "-o", str(out)).exit_code == 0
    )
    dataset = imported(tmp_path, out)
    assert marks(dataset) == marks(load(DATA))
    assert [item.name for item in dataset.initiatives] == [i.name for i in load(DATA).initiatives]
    assert dataset.focus_areas[0].source == "data.xlsx, Matrix!B1"


def generated(directory: Path, seed: int) -> None:
    """A portfolio with a two-level hierarchy, strengths and names that need care."""
    rng = random.Random(seed)
    areas = []
    for top in range(4):
        areas.append({"id": f"top-{top}", "name": f"Område {top} æøå"})
        areas += [
            {"id": f"sub-{top}-{sub}", "name": f"Delområde {top}.{sub}", "parent": f"top-{top}"}
            for sub in range(3)
        ]
    initiatives = []
    for number in range(25):
        chosen = rng.sample([a["id"] for a in areas], rng.randint(0, 5))
        refs = [
            {"id": area_id, "strength": rng.choice(["minimal", "partial", "significant"])}
            for area_id in chosen
        ]
        name = "=SUM(A1)" if number == 3 else f"Indsats nr. {number} (ß)"
        initiatives.append({"id": f"i{number}", "name": name, "focus_areas": refs})
    directory.mkdir()
    dump = {"allow_unicode": True, "sort_keys": False}
    (directory / "focus_areas.yaml").write_text(yaml.safe_dump({"focus_areas": areas}, **dump))
    (directory / "initiatives.yaml").write_text(
        yaml.safe_dump({"initiatives": initiatives}, **dump)
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_round_trip_with_a_hierarchy_and_strengths(tmp_path: Path, seed: int) -> None:
    generated(tmp_path / "data", seed)
    original = load(tmp_path / "data")
    out = tmp_path / "portfolio.xlsx"
    result = invoke("export", "xlsx", "--data", str(tmp_path / "data"), "-o", str(out))
    assert result.exit_code == 0, result.output
    dataset = imported(tmp_path, out)
    assert marks(dataset) == marks(original)
    assert "=SUM(A1)" in [item.name for item in dataset.initiatives]


def test_long_layout_csv(tmp_path: Path) -> None:
    source = tmp_path / "long.csv"
    source.write_text(
        "Initiative,Focus area,Note,Start,End,Owner,Strength\n"
        "EU office,Knowledge,Projects,2007,,Region,\n"
        "EU office,Branding,,2007,,Region,partial\n"
        "Export council,Knowledge,,,2012,,\n",
        encoding="utf-8",
    )
    dataset = imported(tmp_path, source)
    office, council = dataset.initiatives
    assert (office.id, office.start, office.end, office.owner) == (
        "eu-office",
        2007,
        None,
        "Region",
    )
    assert council.end == 2012
    assert office.focus_areas[0].note == "Projects [long.csv!B2]"
    assert office.focus_areas[1].strength == "partial"
    assert [area.name for area in dataset.focus_areas] == ["Knowledge", "Branding"]


def test_long_layout_xlsx_chosen_with_the_option(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Initiative", "Focus area"])
    sheet.append(["A", "Ø-område"])
    sheet.append(["B", "Ø-område"])
    source = tmp_path / "long.xlsx"
    book.save(source)
    dataset = imported(tmp_path, source, "--layout", "long")
    assert [area.id for area in dataset.focus_areas] == ["oe-omraade"]
    assert len(dataset.initiatives) == 2
    result = refused(tmp_path, source, "--layout", "matrix")  # 'Ø-område' is not a mark
    assert "Sheet!B2: 'Ø-område' is not a mark" in result.stderr


def test_slugs() -> None:
    assert slug("Æble, Øl & Ål – Größe über Ärger", "x") == "aeble-oel-aal-groesse-ueber-aerger"
    assert slug("Café Crème", "x") == "cafe-creme"
    assert slug("!!!", "fallback") == "fallback"
    assert unique_ids(["A b", "a-B", "A  B", "c"], "x") == ["a-b", "a-b-2", "a-b-3", "c"]


def xlsx(tmp_path: Path, rows: list[list[object]], merge: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    path = tmp_path / "in.xlsx"
    book.save(path)
    return path


def test_not_a_mark_names_the_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [["", "A", "B", "C"]] + [
        [f"I{n}", "X", None, None] for n in range(5)
    ]
    rows.append(["I9", None, None, "maybe"])
    result = refused(tmp_path, xlsx(tmp_path, rows))
    assert result.exit_code == 1
    assert "Sheet1!D7: 'maybe' is not a mark" in result.stderr


def test_empty_header_above_marks(tmp_path: Path) -> None:
    result = refused(tmp_path, xlsx(tmp_path, [["", "A", None, "C"], ["I1", "X", "X", None]]))
    assert "Sheet1!C1: empty header above marks" in result.stderr


def test_duplicate_names_say_which_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["", "A", "a"],
        ["I1", "X", None],
        ["I2", "X", None],
        ["i1", None, "X"],
    ]
    result = refused(tmp_path, xlsx(tmp_path, rows))
    assert "Sheet1!A2, Sheet1!A4: the initiative 'I1' is named in 2 rows" in result.stderr
    assert "Sheet1!B1, Sheet1!C1: the focus area 'A' is named in 2 header cells" in result.stderr


def test_merged_cells_in_the_body_are_refused(tmp_path: Path) -> None:
    rows: list[list[object]] = [["", "A", "B"], ["I1", "X", None], ["I2", None, "X"]]
    result = refused(tmp_path, xlsx(tmp_path, rows, ("B2:B3",)))
    assert "Sheet1!B2:B3: merged cells" in result.stderr


def test_merged_header_cells_become_parents(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Initiative", "Growth", None, "Talent"],
        [None, "Export", "Investment", None],
        ["I1", "X", None, "X"],
        ["I2", None, "partial", None],
    ]
    dataset = imported(tmp_path, xlsx(tmp_path, rows, ("B1:C1", "D1:D2", "A1:A2")))
    areas = {area.name: area for area in dataset.focus_areas}
    assert [area.name for area in dataset.focus_areas] == [
        "Growth",
        "Export",
        "Investment",
        "Talent",
    ]
    assert areas["Export"].parent == "growth"
    assert areas["Investment"].parent == "growth"
    assert areas["Talent"].parent is None
    assert marks(dataset) == {
        ("I1", "Export", "significant"),
        ("I1", "Talent", "significant"),
        ("I2", "Investment", "partial"),
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b"PK\x03\x04garbage", "is not a spreadsheet that can be read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary Excel file"),
        ("no content types", "is not a spreadsheet that can be read"),
        ("broken XML", "is not a spreadsheet that can be read"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet(
    tmp_path: Path, content: bytes | str, expected: str
) -> None:
    source = tmp_path / "table.xlsx"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:  # a zip file that is no workbook
        with zipfile.ZipFile(source, "w") as archive:
            name = "hello.txt" if content == "no content types" else "[Content_Types].xml"
            archive.writestr(name, "<not xml")
    result = refused(tmp_path, source)
    assert result.exit_code == 2
    assert expected in result.stderr


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(TABLE_3_2, encoding="utf-8")
    target = tmp_path / "data"
    target.mkdir()
    (target / "initiatives.yaml").write_text("mine\n", encoding="utf-8")
    result = invoke("import", str(source), "--to", str(target))
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert (target / "initiatives.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (target / "focus_areas.yaml").exists()
    assert invoke("import", str(source), "--to", str(target), "--force").exit_code == 0
    assert marks(load(target)) == marks(load(DATA))


def test_unknown_sheet_and_empty_sheet(tmp_path: Path) -> None:
    path = xlsx(tmp_path, [["", "A"], ["I1", "X"]])
    result = refused(tmp_path, path, "--sheet", "Nope")
    assert "has no sheet 'Nope'" in result.stderr
    assert "Sheet1" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    assert "is empty" in refused(tmp_path, empty).stderr


def test_attack_ids_keep_their_dot() -> None:
    from gapcheck.spreadsheet import slug

    # import turned T1059.005 into t1059-005, which export navigator then refused.
    assert slug("T1059.005", "x") == "t1059.005"
    assert slug("Dr. Smith", "x") == "dr-smith"
    assert slug("Tabel 3.2.", "x") == "tabel-3.2"
