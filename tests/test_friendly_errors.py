"""Errors a non-programmer can act on: Word's quotes named as such, at the line where the
text starts; an unquoted colon in a name; never a line past the end of the file; an id
with æ/ø/å gets the id ``import`` would make; ``validate --lang da`` in Danish."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.loader import load_dataset

REPO = Path(__file__).resolve().parents[1]
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


def data(tmp_path: Path, focus: str | None = None, initiatives: str | None = None) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    if focus is not None:
        (folder / "focus_areas.yaml").write_text(focus, encoding="utf-8")
    if initiatives is not None:
        (folder / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return folder


AREAS = """focus_areas:
  - id: viden
    name: Viden
"""


def items(last_name: str) -> str:
    entries = "".join(
        f"  - id: i{n}\n    name: Indsats {n}\n    focus_areas: [viden]\n" for n in range(10)
    )
    return (
        f"initiatives:\n{entries}  - id: sidste\n    name: {last_name}\n    focus_areas: [viden]\n"
    )


def test_a_typographic_closing_quote_at_the_end_of_the_file(tmp_path: Path) -> None:
    text = items('"Midtjyllands EU-kontor”')
    folder = data(tmp_path, AREAS, text)
    result = load_dataset(folder)
    [problem] = result.diagnostics
    lines = text.count("\n")
    assert problem.line == lines - 1 <= lines  # where the text starts, never past the end
    assert problem.column == 11
    assert "closes with ”, a typographic quote" in problem.message
    assert problem.hint == 'replace ” with a straight ": name: "Midtjyllands EU-kontor"'


def test_a_single_typographic_quote(tmp_path: Path) -> None:
    result = load_dataset(data(tmp_path, AREAS, items("'Børnenes hus’")))
    assert any("closes with ’" in d.message for d in result.diagnostics)


def test_an_unquoted_colon_in_a_name(tmp_path: Path) -> None:
    result = load_dataset(data(tmp_path, AREAS, items("Interreg: Nordsøprogrammet")))
    [problem] = result.diagnostics
    assert problem.message.startswith("the value of 'name' holds a colon and a space")
    assert problem.hint == 'put the name in quotes: name: "Interreg: Nordsøprogrammet"'


def test_both_files_problems_in_one_run(tmp_path: Path) -> None:
    areas = AREAS.replace("name: Viden", "name: Viden: og forskning")
    result = load_dataset(data(tmp_path, areas, items('"Midtjyllands EU-kontor”')))
    assert {Path(d.file).name for d in result.diagnostics} == {
        "focus_areas.yaml",
        "initiatives.yaml",
    }


def test_a_danish_id_gets_the_id_import_would_make(tmp_path: Path) -> None:
    result = load_dataset(data(tmp_path, AREAS.replace("id: viden", "id: grøn-omstilling")))
    hints = [d.hint for d in result.diagnostics if d.code.value == "GC205"]
    assert hints
    assert "did you mean 'groen-omstilling'?" in hints[0]


def test_validate_speaks_danish(tmp_path: Path) -> None:
    folder = data(tmp_path, AREAS, items("Interreg: Nordsøprogrammet"))
    result = CliRunner().invoke(app, ["validate", "--data", str(folder), "--lang", "da"], env=ENV)
    assert result.exit_code == 1
    assert "sæt navnet i anførselstegn" in result.stdout, result.stdout


def test_every_problem_in_the_catalogue_says_the_same_in_danish() -> None:
    import re

    from gapcheck.i18n import MESSAGES, PROBLEM_PREFIX, problem_text

    entries = [texts for key, texts in MESSAGES.items() if key.startswith(PROBLEM_PREFIX)]
    assert len(entries) > 50
    for entry in entries:
        english, danish = entry["en"], entry["da"]
        # Danish quotes what English does (the noun of 'duplicate {a} id' it says itself).
        assert set(re.findall(r"\{[a-c]\}", danish)) <= set(re.findall(r"\{[a-c]\}", english))
        assert len(re.findall(r"\{[a-c]\}", english)) - len(re.findall(r"\{[a-c]\}", danish)) <= 1
    # A quoted value stays as written; the words around it are Danish.
    assert problem_text("unknown focus area 'grøn'", "da") == "ukendt fokusområde 'grøn'"
    assert problem_text("something new", "da") == "something new"  # no entry: English
