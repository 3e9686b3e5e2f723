"""``gapcheck import`` into a folder with data merges: it updates what the sheet says,
keeps what it does not (owners, budgets, years, notes), prints each change, writes
nothing with ``--dry-run``, and never drops data without ``--force``."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset
from gapcheck.readers.data import load_path

REPO = Path(__file__).resolve().parents[1]
BUDGETS = REPO / "docs" / "examples" / "budgets"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def load(directory: Path) -> Dataset:
    result = load_dataset(directory)
    assert result.dataset is not None, [d.format() for d in result.diagnostics]
    return result.dataset


def setup(tmp_path: Path) -> tuple[Path, Path]:
    """The budgets example as data, and its Matrix sheet edited: Webshop marks 'Visibility
    abroad' (partial), a new initiative, and 'Trade fair pool' gone."""
    data = tmp_path / "data"
    shutil.copytree(BUDGETS, data)
    book = tmp_path / "book.xlsx"
    assert invoke("export", "xlsx", "--data", str(data), "-o", str(book)).exit_code == 0
    workbook = load_workbook(book)
    matrix = workbook["Matrix"]
    matrix.cell(3, 5).value = "partial"
    matrix.insert_rows(5)
    matrix.cell(5, 1).value = "New programme"
    matrix.cell(5, 2).value = "X"
    matrix.delete_rows(7)  # Trade fair pool
    workbook.save(book)
    return data, book


def test_merge_keeps_what_the_sheet_does_not_say(tmp_path: Path) -> None:
    data, book = setup(tmp_path)
    before = {name: (data / name).read_bytes() for name in ("focus_areas.yaml", "initiatives.yaml")}
    dry = invoke("import", str(book), "--to", str(data), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would change in" in dry.stdout
    assert "+ mark: webshop-programme -> 'Visibility abroad'" in dry.stdout
    assert "+ initiative 'New programme' (new-programme)" in dry.stdout
    assert "- initiative 'Trade fair pool' (fair-pool)" in dry.stderr  # would be lost
    assert {name: (data / name).read_bytes() for name in before} == before

    refused = invoke("import", str(book), "--to", str(data))
    assert refused.exit_code == 2
    assert "import would lose them" in refused.stderr
    assert "--force" in refused.stderr
    assert {name: (data / name).read_bytes() for name in before} == before

    done = invoke("import", str(book), "--to", str(data), "--force")
    assert done.exit_code == 0, done.output
    assert "- initiative 'Trade fair pool' (fair-pool)" in done.stdout
    old, new = load(BUDGETS), load(data)
    kept = {item.id: item for item in old.initiatives if item.id != "fair-pool"}
    for item in new.initiatives:
        if item.id in kept:  # budget, owner, years and notes as they were
            was = kept[item.id]
            assert (item.budget, item.owner, item.start, item.end) == (
                was.budget, was.owner, was.start, was.end,
            )  # fmt: skip
            notes = {ref.id: ref.note for ref in was.focus_areas}
            assert all(ref.note == notes[ref.id] for ref in item.focus_areas if ref.id in notes)
    webshop = next(item for item in new.initiatives if item.id == "webshop-programme")
    assert ("visibility", "partial") in {(ref.id, ref.strength) for ref in webshop.focus_areas}
    assert new.currency == old.currency
    assert new.owners == old.owners
    assert [item.id for item in new.initiatives if item.id not in kept] == ["new-programme"]


def test_merge_refuses_data_that_does_not_validate(tmp_path: Path) -> None:
    data, book = setup(tmp_path)
    (data / "initiatives.yaml").write_text("mine\n", encoding="utf-8")
    result = invoke("import", str(book), "--to", str(data))
    assert result.exit_code == 2
    assert "does not validate" in result.stderr
    assert "--force" in result.stderr
    assert (data / "initiatives.yaml").read_text(encoding="utf-8") == "mine\n"


def test_the_analysts_workbook_imported_then_next_year_merged(tmp_path: Path) -> None:
    """The overview that --data reads imports as it reads it (owners, budgets, years,
    title, as_of); next year's sheet adds its budget year and keeps last year's."""
    from openpyxl import load_workbook

    sample = REPO / "docs" / "examples" / "workbook" / "oversigt.xlsx"
    data = tmp_path / "data"
    first = invoke("import", str(sample), "--to", str(data))
    assert first.exit_code == 0, first.output
    imported, direct = load(data), load_path(sample).dataset
    assert direct is not None
    assert imported.initiatives == direct.initiatives
    assert (imported.title, imported.as_of, imported.currency) == (
        direct.title, direct.as_of, direct.currency,
    )  # fmt: skip
    book = load_workbook(sample)
    sheet = book["Oversigt"]
    sheet["A2"] = "Opgjort pr. 2026"
    sheet["C3"] = "Budget 2026 (kr.)"
    for row in range(5, 26):
        if sheet.cell(row, 5).value == 2025:  # ended: no budget for 2026
            sheet.cell(row, 3).value = None
    book.save(tmp_path / "next.xlsx")
    merged = invoke("import", str(tmp_path / "next.xlsx"), "--to", str(data))
    assert merged.exit_code == 0, merged.output
    assert "~ initiative midtjyllands-eu-kontor: budget 2026: – -> 4200000" in merged.stdout
    assert "~ as_of: 2025 -> 2026" in merged.stdout
    after = load(data)
    eu = next(item for item in after.initiatives if item.id == "midtjyllands-eu-kontor")
    assert eu.budget == {2025: 4_200_000, 2026: 4_200_000}
    assert after.as_of == 2026
    # An ended initiative keeps last year's budget, its year written as a year.
    written = (data / "initiatives.yaml").read_text(encoding="utf-8")
    assert "'2025':" not in written
    assert "    2025: " in written


def test_a_misspelt_header_is_named_beside_the_focus_area_it_would_remove(
    tmp_path: Path,
) -> None:
    sample = REPO / "docs" / "examples" / "workbook" / "oversigt.xlsx"
    data = tmp_path / "data"
    assert invoke("import", str(sample), "--to", str(data)).exit_code == 0
    book = load_workbook(sample)
    book["Oversigt"]["O4"] = "Partnerskabr"  # was Partnerskaber
    book.save(tmp_path / "stav.xlsx")
    for lang, said in (
        ("en", "- focus area 'Partnerskaber' (partnerskaber); the sheet has 'Partnerskabr':"
               " the same one, misspelt?"),
        ("da", "- fokusområde 'Partnerskaber' (partnerskaber); arket har 'Partnerskabr':"
               " det samme, stavet anderledes?"),
    ):  # fmt: skip
        result = invoke("import", str(tmp_path / "stav.xlsx"), "--to", str(data), "--lang", lang)
        assert result.exit_code == 2, result.output
        assert said in result.stderr
    # A name not close to any new one is listed as before.
    book["Oversigt"]["O4"] = "Kultur"
    book.save(tmp_path / "other.xlsx")
    result = invoke("import", str(tmp_path / "other.xlsx"), "--to", str(data))
    assert "- focus area 'Partnerskaber' (partnerskaber)\n" in result.stderr


SAMPLE = REPO / "docs" / "examples" / "workbook" / "oversigt.xlsx"


def by_hand(tmp_path: Path) -> Path:
    """The sample workbook imported, then written in by hand: a comment at the top, one
    above an entry (after a blank line), one at the end of a line, quoted names."""
    data = tmp_path / "data"
    assert invoke("import", str(SAMPLE), "--to", str(data)).exit_code == 0
    path = data / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("currency: DKK\n", "# Porteføljen; vedligeholdes af analysen.\ncurrency: DKK\n"),
        ("- id: erasmus-samarbejde\n", "\n# aftalt med direktionen\n- id: erasmus-samarbejde\n"),
        ("  owner: Aarhus Universitet\n", '  owner: "Aarhus Universitet"  # kontakt: Jens\n'),
        ("  name: Midtjyllands EU-kontor\n", "  name: 'Midtjyllands EU-kontor'\n"),
        ("- id: vaekstforum-midt\n", "# ophører 2025\n- id: vaekstforum-midt\n"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return data


def next_year(tmp_path: Path, *, add_and_remove: bool = False) -> Path:
    """The sample workbook with Erasmus's budget and Horizon's mark of 'Forskning'
    (partial) changed; and, if asked, 'Ny indsats' added and 'Vækstforum Midt' gone."""
    book = load_workbook(SAMPLE)
    sheet = book["Oversigt"]
    sheet["C6"] = 900_000
    sheet["I7"] = "delvis"
    if add_and_remove:
        sheet.insert_rows(9)
        row = ("Ny indsats", "Region Midtjylland", 100_000, 2024, "X")
        for column, value in zip("ABCDF", row, strict=True):
            sheet[f"{column}9"] = value
        sheet.delete_rows(8)
    book.save(tmp_path / "next.xlsx")
    return tmp_path / "next.xlsx"


def changed_lines(before: str, after: str) -> list[str]:
    from difflib import unified_diff

    diff = unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def test_next_years_import_changes_only_the_lines_that_changed(tmp_path: Path) -> None:
    data = by_hand(tmp_path)
    book = next_year(tmp_path)
    files = ("focus_areas.yaml", "initiatives.yaml")
    before = {name: (data / name).read_text(encoding="utf-8") for name in files}
    dry = invoke("import", str(book), "--to", str(data), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert {name: (data / name).read_text(encoding="utf-8") for name in files} == before

    done = invoke("import", str(book), "--to", str(data))
    assert done.exit_code == 0, done.output
    assert "budget 2025: 850000 -> 900000" in done.stdout
    after = {name: (data / name).read_text(encoding="utf-8") for name in files}
    assert after["focus_areas.yaml"] == before["focus_areas.yaml"]
    assert changed_lines(before["initiatives.yaml"], after["initiatives.yaml"]) == [
        "-    2025: 850000",
        "+    2025: 900000",
        "-  - forskning",
        "+  - id: forskning",
        "+    strength: partial",
    ]
    for kept in (
        "# Porteføljen; vedligeholdes af analysen.\n",
        "\n\n# aftalt med direktionen\n- id: erasmus-samarbejde\n",
        '  owner: "Aarhus Universitet"  # kontakt: Jens\n',
        "  name: 'Midtjyllands EU-kontor'\n",
    ):
        assert kept in after["initiatives.yaml"]
    horizon = next(i for i in load(data).initiatives if i.id == "horizon-europe-raadgivning")
    assert ("forskning", "partial") in {(ref.id, ref.strength) for ref in horizon.focus_areas}


def test_a_new_initiative_is_written_as_import_writes_and_a_removed_one_goes_with_its_comment(
    tmp_path: Path,
) -> None:
    data = by_hand(tmp_path)
    before = (data / "initiatives.yaml").read_text(encoding="utf-8")
    book = next_year(tmp_path, add_and_remove=True)
    done = invoke("import", str(book), "--to", str(data), "--force")
    assert done.exit_code == 0, done.output
    after = (data / "initiatives.yaml").read_text(encoding="utf-8")
    # In its place in the sheet, as a first import writes an initiative.
    assert (
        "  - forskning\n"
        "    strength: partial\n"
        "- id: ny-indsats\n"
        "  name: Ny indsats\n"
        "  owner: Region Midtjylland\n"
        "  start: 2024\n"
        "  budget:\n"
        "    2025: 100000\n"
        "  focus_areas:\n"
        "  - hjemtagning-af-viden\n"
        "- id: eksportfremme-midt\n"
    ) in after.replace("  - id: forskning\n", "  - forskning\n")
    assert "vaekstforum-midt" not in after
    assert "# ophører 2025" not in after
    removed = [line for line in changed_lines(before, after) if line.startswith("-")]
    assert "-# ophører 2025" in removed
    assert "-# aftalt med direktionen" not in removed
    assert "# aftalt med direktionen\n- id: erasmus-samarbejde\n" in after
    assert '  owner: "Aarhus Universitet"  # kontakt: Jens\n' in after
    assert [i.id for i in load(data).initiatives].count("ny-indsats") == 1


def test_the_first_entry_goes_with_the_lines_above_it_and_a_crlf_file_stays_crlf(
    tmp_path: Path,
) -> None:
    from gapcheck.yamledit import edit

    text = (
        "# my file\r\n"
        "initiatives:\r\n"
        "  # the first\r\n"
        "  - id: a  # eol a\r\n"
        "    focus_areas: [x]\r\n"
        "\r\n"
        "  # the second\r\n"
        "  - id: b\r\n"
        "    focus_areas:\r\n"
        "      - x\r\n"
        "# the end\r\n"
    )
    old = {"initiatives": [{"id": "a", "focus_areas": ["x"]}, {"id": "b", "focus_areas": ["x"]}]}
    new = {"initiatives": [{"id": "b", "focus_areas": ["x", "y"]}, {"id": "c", "name": "C"}]}
    assert edit(text, old, new) == (
        "# my file\r\n"
        "initiatives:\r\n"
        "  # the second\r\n"
        "  - id: b\r\n"
        "    focus_areas:\r\n"
        "      - x\r\n"
        "      - y\r\n"
        "\r\n"
        "  - id: c\r\n"
        "    name: C\r\n"
        "# the end\r\n"
    )


def test_data_whose_edit_would_not_read_back_is_written_afresh(tmp_path: Path) -> None:
    """Two initiatives sharing their marks through an anchor: changing one's marks in
    place would change both, so the file is written anew (its values are right)."""
    data = by_hand(tmp_path)
    path = data / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  focus_areas:\n  - talentudvikling\n  - uddannelse\n",
        "  focus_areas: &shared\n  - talentudvikling\n  - uddannelse\n",
    ).replace(
        "  focus_areas:\n  - hjemtagning-af-viden\n  - forskning\n",
        "  focus_areas: *shared\n",
    )
    assert "*shared" in text
    path.write_text(text, encoding="utf-8")
    done = invoke("import", str(SAMPLE), "--to", str(data))  # Horizon's marks as they were
    assert done.exit_code == 0, done.output
    assert (data / "initiatives.yaml").read_text(encoding="utf-8").startswith("# Merged by")
    marks = {i.id: [r.id for r in i.focus_areas] for i in load(data).initiatives}
    assert marks["horizon-europe-raadgivning"] == ["hjemtagning-af-viden", "forskning"]
    assert marks["erasmus-samarbejde"] == ["talentudvikling", "uddannelse"]


def test_keys_added_to_an_entry_keep_the_comment_above_a_key_and_after_a_mark() -> None:
    from gapcheck.yamledit import edit

    text = (
        "initiatives:\n"
        "  - id: a\n"
        "    # above owner\n"
        "    owner: x  # eol owner\n"
        "    focus_areas:\n"
        "      - x  # eol x\n"
        "  # above b\n"
        "  - id: b\n"
    )
    old = {"initiatives": [{"id": "a", "owner": "x", "focus_areas": ["x"]}, {"id": "b"}]}
    new = {
        "initiatives": [
            {
                "id": "a",
                "owner": "x",
                "budget": {2025: 5},
                "focus_areas": [{"id": "x", "strength": "partial"}],
            },
            {"id": "b"},
        ]
    }
    assert edit(text, old, new) == (
        "initiatives:\n"
        "  - id: a\n"
        "    # above owner\n"
        "    owner: x  # eol owner\n"
        "    budget:\n"
        "      2025: 5\n"
        "    focus_areas:\n"
        "      - id: x # eol x\n"
        "        strength: partial\n"
        "  # above b\n"
        "  - id: b\n"
    )


def test_a_file_the_merge_leaves_as_it_was_is_not_said_to_be_updated(tmp_path: Path) -> None:
    sample = REPO / "docs" / "examples" / "workbook" / "oversigt.xlsx"
    data = tmp_path / "data"
    first = invoke("import", str(sample), "--to", str(data))
    assert "created" in first.output
    again = invoke("import", str(sample), "--to", str(data))
    assert again.exit_code == 0, again.output
    assert "updated" not in again.output
    assert "imported 21 initiatives" in again.output
