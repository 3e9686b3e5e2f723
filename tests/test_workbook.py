"""``--data book.xlsx``: an Excel workbook is data, checked as YAML is, located by cell.

Workbooks are built with openpyxl (and, in ``test_saved_by_libreoffice``, saved again
by LibreOffice): the analyst's one-sheet overview (title row, merged group headers,
Danish attribute columns, a budget per year, a total row), the several-sheets layout,
each problem at its cell, the round trip of ``export xlsx`` on the three datasets, a
workbook in git, and ``as_of``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from tests.gitrepo import commit, git, isolate, needs_git
from tests.office import Office, convert_all
from tests.realdata import atomic_data
from typer.testing import CliRunner

import components
from gapcheck.cli import app
from gapcheck.model import Dataset
from gapcheck.readers.data import load_path

REPO = Path(__file__).resolve().parents[1]
ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "FORCE_COLOR": None,
    "GAPCHECK_TODAY": "2026-06-15",
}
GROUPS = [
    ("Viden og uddannelse", ["Hjemtagning af viden", "Talentudvikling", "Forskning"]),
    ("Erhverv", ["Eksport", "Investeringer"]),
]
OWNERS = ["Region Midtjylland", "Aarhus Kommune", "Interreg: Nordsøprogrammet"]


def overview(
    path: Path,
    *,
    rows: int = 6,
    year: int = 2025,
    as_of: bool = True,
    edit: dict[str, Any] | None = None,
) -> Path:
    """The analyst's overview: a title row, a note, two header rows with merged groups,
    Initiativ, Ejer, Budget YEAR (kr.), Start, Slut, marks, then a total row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Oversigt"
    sheet["A1"] = f"Internationale indsatser {year}"
    sheet.merge_cells("A1:J1")
    sheet["A2"] = f"Opgjort pr. {year}" if as_of else "X = bidrager"
    attributes = ["Initiativ", "Ejer", f"Budget {year} (kr.)", "Start", "Slut"]
    for column, name in enumerate(attributes, start=1):
        sheet.cell(3, column, name)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    column = len(attributes) + 1
    for group, areas in GROUPS:
        sheet.cell(3, column, group)
        sheet.merge_cells(
            start_row=3, start_column=column, end_row=3, end_column=column + len(areas) - 1
        )
        for area in areas:
            sheet.cell(4, column, area)
            column += 1
    for index in range(rows):
        row = 5 + index
        sheet.cell(row, 1, f"Indsats nr. {index + 1}")
        sheet.cell(row, 2, OWNERS[index % len(OWNERS)])
        sheet.cell(row, 3, 100_000 * (index + 1))
        sheet.cell(row, 4, 2020 + index)
        sheet.cell(row, 6 + index % 5, "X")
        sheet.cell(row, 6 + (index + 1) % 5, "delvis")
    total = 5 + rows
    sheet.cell(total, 1, "I alt")
    sheet.cell(total, 3, f"=SUM(C5:C{total - 1})")  # a formula without a saved value
    sheet.cell(total + 2, 1, "Kilde: sekretariatet")
    for ref, value in (edit or {}).items():
        sheet[ref] = value
    book.save(path)
    return path


def load(path: Path) -> Dataset:
    result = load_path(path)
    assert result.dataset is not None, [d.format() for d in result.diagnostics]
    return result.dataset


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env=ENV)


def test_the_analysts_overview_reads_as_data(tmp_path: Path) -> None:
    dataset = load(overview(tmp_path / "oversigt.xlsx"))
    assert dataset.title == "Internationale indsatser 2025"
    assert dataset.as_of == 2025
    assert dataset.currency == "DKK"
    areas = {area.name: area for area in dataset.focus_areas}
    assert list(areas) == [
        "Viden og uddannelse",
        "Hjemtagning af viden",
        "Talentudvikling",
        "Forskning",
        "Erhverv",
        "Eksport",
        "Investeringer",
    ]
    assert areas["Forskning"].parent == "viden-og-uddannelse"
    assert areas["Eksport"].parent == "erhverv"
    assert len(dataset.initiatives) == 6  # the total row and the note below it are not
    first = dataset.initiatives[0]
    assert (first.id, first.name, first.owner, first.start, first.end) == (
        "indsats-nr-1",
        "Indsats nr. 1",
        "Region Midtjylland",
        2020,
        None,
    )
    assert first.budget == {2025: Decimal(100_000)}
    assert [(ref.id, ref.strength) for ref in first.focus_areas] == [
        ("hjemtagning-af-viden", "significant"),
        ("talentudvikling", "partial"),
    ]
    assert dataset.initiatives[2].owner == "Interreg: Nordsøprogrammet"


def test_as_of_is_the_default_year(tmp_path: Path) -> None:
    book = overview(tmp_path / "oversigt.xlsx", edit={"E5": 2025})  # ends in 2025
    gaps = json.loads(run("gaps", "--data", str(book), "--format", "json").stdout)
    assert gaps["at"] == 2025  # the data's year, not the clock's (2026)
    later = json.loads(run("gaps", "--data", str(book), "--format", "json", "--at", "2026").stdout)
    assert later["at"] == 2026


def test_every_problem_at_its_cell_in_one_run(tmp_path: Path) -> None:
    book = overview(
        tmp_path / "oversigt.xlsx",
        edit={
            "G5": "Region Midtjylland",  # not a mark
            "D6": "snart",  # not a year
            "C7": "mange penge",  # not an amount
            "K8": "X",  # a mark under no header
            "B9": None,
            "A9": None,  # a row of values without a name
            "E10": 2010,  # ends before it starts (2025): the loader's rule, at its cell
        },
    )
    result = run("validate", "--data", str(book))
    assert result.exit_code == 1
    out = result.stdout
    for cell, words in (
        ("Oversigt!G5", "GC207 'Region Midtjylland' is not a mark"),
        ("Oversigt!D6", "GC206 start must be a year, got the text 'snart'"),
        ("Oversigt!C7", "GC209 a budget must be an amount"),
        ("Oversigt!K4", "GC203 a column without a header"),
        ("Oversigt!A9", "GC203 values in this row but no initiative name"),
        ("Oversigt!E10", "GC305 end 2010 is before start 2025"),
    ):
        assert f"{book}:{cell}: {words}" in out, out
    report = json.loads(run("validate", "--data", str(book), "--format", "json").stdout)
    cells = {problem.get("cell") for problem in report["problems"]}
    assert {"Oversigt!G5", "Oversigt!E10"} <= cells


def test_validate_speaks_danish(tmp_path: Path) -> None:
    book = overview(tmp_path / "oversigt.xlsx", edit={"G5": "Region Midtjylland"})
    result = run("validate", "--data", str(book), "--lang", "da")
    assert result.exit_code == 1
    assert "Oversigt!G5: GC207 'Region Midtjylland' er ikke en markering" in result.stdout
    assert "(tip: X, ✓ eller 1 for en markering" in result.stdout


def test_an_unreadable_workbook_is_exit_2(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("gaps", "--data", str(book))
    assert result.exit_code == 2
    assert "is not a spreadsheet that can be read" in result.stderr


def several_sheets(path: Path) -> Path:
    book = Workbook()
    settings = book.active
    assert settings is not None
    settings.title = "Indstillinger"
    for row in (["Indstilling", "Værdi"], ["Titel", "Portefølje"], ["Opgjort pr.", 2025]):
        settings.append(row)
    settings.append(["Valuta", "EUR"])
    settings.append(["Min. initiativer", 2])
    areas = book.create_sheet("Fokusområder")
    areas.append(["Id", "Navn", "Overordnet", "Prioritet", "Accepteret fordi", "Accepteret til"])
    areas.append(["viden", "Viden", None, 5])
    areas.append(["forskning", "Forskning", "viden", 4])
    areas.append(["eksport", "Eksport", None, 2, "Dækket nationalt", date(2027, 6, 30)])
    items = book.create_sheet("Initiativer")
    items.append(["Id", "Navn", "Ejer", "Start", "Slut", "Budget 2025", "Budget 2026", "Viden"])
    items.cell(1, 9, "forskning")
    items.append(["eu-kontor", "EU-kontoret", "Regionen", 2024, 2026, 1000.5, 1200, "X"])
    items.append(["talent", "Talentpulje", None, 2025, None, None, None, None, "delvis"])
    book.create_sheet("Huller")["A1"] = "an analysis sheet: never read"
    book.save(path)
    return path


def test_the_several_sheets_layout(tmp_path: Path) -> None:
    dataset = load(several_sheets(tmp_path / "book.xlsx"))
    assert (dataset.title, dataset.as_of, dataset.currency) == ("Portefølje", 2025, "EUR")
    assert dataset.thresholds.min_initiatives == 2
    areas = {area.id: area for area in dataset.focus_areas}
    assert areas["forskning"].parent == "viden"
    assert areas["viden"].priority == 5
    accepted = areas["eksport"].accepted
    assert accepted is not None
    assert accepted.until == date(2027, 6, 30)
    first, second = dataset.initiatives
    assert first.budget == {2025: Decimal("1000.5"), 2026: Decimal(1200)}
    assert [ref.id for ref in first.focus_areas] == ["viden"]
    assert [(ref.id, ref.strength) for ref in second.focus_areas] == [("forskning", "partial")]


def test_an_unknown_focus_area_column_and_a_danish_id(tmp_path: Path) -> None:
    path = several_sheets(tmp_path / "book.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Initiativer"]["J1"] = "Forskningg"
    book["Initiativer"]["J2"] = "X"
    book["Fokusområder"]["A5"] = "grøn-omstilling"
    book["Fokusområder"]["B5"] = "Grøn omstilling"
    book.save(path)
    out = run("validate", "--data", str(path)).stdout
    assert f"{path}:Initiativer!J1: GC302" in out
    assert "did you mean 'forskning'?" in out
    assert f"{path}:Fokusområder!A5: GC205 'grøn-omstilling' is not a valid id" in out
    assert "did you mean 'groen-omstilling'?" in out  # the id import would make


@pytest.mark.parametrize("name", ["table32", "budgets", "atomic"])
def test_export_round_trip(name: str, tmp_path: Path) -> None:
    source = {
        "table32": REPO / "data",
        "budgets": REPO / "docs" / "examples" / "budgets",
    }.get(name) or atomic_data()
    book = tmp_path / "book.xlsx"
    assert run("export", "xlsx", "--data", str(source), "-o", str(book)).exit_code == 0
    assert same(load(source), load(book))
    if name != "atomic":  # the Danish sheet and column names, and strength words
        danish = tmp_path / "bog.xlsx"
        exported = run("export", "xlsx", "--lang", "da", "--data", str(source), "-o", str(danish))
        assert exported.exit_code == 0, exported.output
        assert same(load(source), load(danish))
    unchanged = run("diff", str(source), str(book), "--all-years", "--format", "json")
    assert unchanged.exit_code == 0, unchanged.output
    report = json.loads(unchanged.stdout)
    assert report["initiatives"] == {
        "added": [], "removed": [], "started": [], "ended": [], "changed": [],
    }  # fmt: skip
    assert report["focus_areas"] == {"added": [], "removed": [], "changed": []}
    assert report["thresholds"] == []
    if name != "atomic":
        for command in ("gaps", "overlaps", "summary", "critical"):
            args = ("--format", "json", "--all-years")
            yaml_side = json.loads(run(command, "--data", str(source), *args).stdout)
            book_side = json.loads(run(command, "--data", str(book), *args).stdout)
            yaml_side.pop("data", None)
            book_side.pop("data", None)
            assert yaml_side == book_side, command


def same(a: Dataset, b: Dataset) -> bool:
    """The same data: every field of every focus area, initiative (marks by area, with
    strength, note and share), owner, threshold, title, as_of and currency."""

    def fields(dataset: Dataset) -> Any:
        items = {}
        for item in dataset.initiatives:
            marks = {}
            for ref in item.focus_areas:
                marks.setdefault(ref.id, (item.strengths[ref.id], ref.note, ref.share))
            items[item.id] = (item.model_dump(exclude={"focus_areas"}), marks)
        return (
            [area.model_dump() for area in dataset.focus_areas],
            items,
            dataset.thresholds,
            dataset.title,
            dataset.as_of,
            dataset.currency,
            dataset.owners,
        )

    return bool(fields(a) == fields(b))


@needs_git
def test_a_workbook_in_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    book = overview(repo / "oversigt.xlsx", edit={"E6": 2025})
    commit(repo, "2025")
    added = {"A11": "Ny indsats", "F11": "X", "C11": None, "A12": "I alt"}
    overview(book, year=2026, edit={"E6": 2025, "C6": None, **added})
    commit(repo, "2026")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "--data", "oversigt.xlsx", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["base_at"], report["head_at"], report["at"]) == (2025, 2026, None)
    assert report["initiatives"]["ended"] == ["indsats-nr-2"]
    assert report["initiatives"]["added"] == ["ny-indsats"]
    forced = json.loads(
        run("diff", "HEAD~1", "--data", "oversigt.xlsx", "--format", "json", "--at", "2025").stdout
    )
    assert (forced["base_at"], forced["head_at"], forced["at"]) == (2025, 2025, 2025)
    missing = run("diff", "HEAD~5", "--data", "oversigt.xlsx")
    assert missing.exit_code == 2


def test_saved_by_libreoffice(soffice: Office, tmp_path: Path) -> None:
    made = tmp_path / "made"
    made.mkdir()
    sources = [overview(made / "oversigt.xlsx"), several_sheets(made / "book.xlsx")]
    for path, saved in zip(
        sources, convert_all(soffice, sources, "xlsx", tmp_path / "saved"), strict=True
    ):
        assert saved.read_bytes() != path.read_bytes()
        assert same(load(path), load(saved))


@needs_git
def test_the_pre_commit_hook_checks_a_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import yaml
    from tests.clirun import process_env

    pre_commit = components.pre_commit()
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "gapcheck-validate-workbook"]
    program, *arguments = hook["entry"].split()
    local = {
        **hook,
        "language": "system",
        "entry": " ".join([sys.executable, "-m", program, *arguments]),
        "args": ["--data", "oversigt.xlsx"],
    }
    config = yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]})
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    overview(repo / "oversigt.xlsx", edit={"G5": "Region Midtjylland"})
    git(repo, "add", "-A")
    env = process_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    command = [pre_commit, "run", "--all-files", "--color", "never"]
    failed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "oversigt.xlsx:Oversigt!G5: GC207" in failed.stdout
    overview(repo / "oversigt.xlsx")
    git(repo, "add", "-A")
    passed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_the_readme_sample_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "gapcheck gaps --data docs/examples/workbook/oversigt.xlsx --lang da"
    sample = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    result = run(*command.split()[1:])
    assert result.exit_code == 0
    assert result.stdout == sample


def test_a_column_of_text_under_an_unknown_header_is_one_problem(tmp_path: Path) -> None:
    book = overview(tmp_path / "oversigt.xlsx", edit={"B3": "Ansvarlig organisation"})
    result = run("validate", "--data", str(book))
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if ": GC" in line]
    assert problems == [
        f"{book}:Oversigt!B3: GC207 the column 'Ansvarlig organisation' holds text, not marks"
        " (first at Oversigt!B5: 'Region Midtjylland') (hint: if it is not a focus area, head"
        " it as one of: Ejer, Budget 2025 (kr.), Start, Slut, Kilde, Note (or Owner, Budget,"
        " Start, End, Source, Note))"
    ]


def test_a_damaged_workbook_is_a_message_never_a_traceback(tmp_path: Path) -> None:
    """Mutated XML parts of a real overview: data, problems, or exit 2 with a message."""
    import io
    import random
    import zipfile

    from gapcheck.loader import InputError
    from gapcheck.readers.workbook import load_workbook_bytes

    data = overview(tmp_path / "oversigt.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    chosen = [name for name in parts if name.endswith((".xml", ".rels"))]
    pieces = [b'<c r="A1"/>', b"<v>1e999</v>", b'<row r="0">', b's="1"', b'r="ZZZZ9"']
    rng = random.Random(20)
    messages: list[str] = []
    for _ in range(200):
        name = rng.choice(chosen)
        mutated = bytearray(parts[name])
        at = rng.randrange(len(mutated))
        if rng.random() < 0.5:
            del mutated[at : at + rng.randint(1, 20)]
        else:
            mutated[at:at] = rng.choice(pieces)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as book:
            for part, content in parts.items():
                book.writestr(part, bytes(mutated) if part == name else content)
        try:
            load_workbook_bytes(out.getvalue(), display="x.xlsx", label="x")
        except InputError as exc:
            messages.append(str(exc))
    assert all(messages)


def test_as_of_in_yaml_and_diff_each_side_in_its_year(tmp_path: Path) -> None:
    """``as_of:`` in focus_areas.yaml is the default year; diff counts each side in its own
    (an initiative that ended in 2025 is 'ended', not 'removed'); --at forces one year."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, year in ((old, 2025), (new, 2026)):
        shutil.copytree(REPO / "data", folder)
        areas = folder / "focus_areas.yaml"
        areas.write_text(f"as_of: {year}\n" + areas.read_text(encoding="utf-8"), encoding="utf-8")
    items = new / "initiatives.yaml"
    text = items.read_text(encoding="utf-8")
    items.write_text(text.replace("    start: 2007\n", "    start: 2007\n    end: 2025\n", 1))
    gaps = json.loads(run("gaps", "--data", str(old), "--format", "json").stdout)
    assert gaps["at"] == 2025
    report = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert (report["base_at"], report["head_at"], report["at"]) == (2025, 2026, None)
    assert report["initiatives"]["ended"] == ["eu-kontor"]
    forced = json.loads(run("diff", str(old), str(new), "--format", "json", "--at", "2025").stdout)
    assert (forced["base_at"], forced["head_at"]) == (2025, 2025)
    assert forced["initiatives"]["ended"] == []


@needs_git
def test_the_readme_next_year_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's 'next year' example, as it says: the sample overview committed, then
    edited as docs/examples/workbook/make.py's next_year does, then diff HEAD~1."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_overview", REPO / "docs" / "examples" / "workbook" / "make.py"
    )
    assert spec is not None
    assert spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(REPO / "docs" / "examples" / "workbook" / "oversigt.xlsx", repo)
    commit(repo, "2025")
    make.next_year(repo / "oversigt.xlsx")
    commit(repo, "2026")
    monkeypatch.chdir(repo)
    command = "gapcheck diff HEAD~1 --data oversigt.xlsx --lang da"
    result = run(*command.split()[1:])
    assert result.exit_code == 0, result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sample = readme.split(f"$ {command}\n", 1)[1].split("...\n```", 1)[0]
    assert result.stdout.startswith(sample)
