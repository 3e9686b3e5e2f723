"""``report --format docx``: a Word document read back with python-docx, hostile text kept
as text, and LibreOffice converting it (skipped without ``soffice`` unless ``CI=true``)."""

from __future__ import annotations

import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from gapcheck.cli import app
from office import Office, convert_all
from test_output_safety import HOSTILE, RAW_CONTROL, hostile  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
BUDGETS = REPO / "docs" / "examples" / "budgets"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "GAPCHECK_TODAY": "2026-06-01"}


def report(tmp_path: Path, *args: str, name: str = "report.docx") -> Path:
    target = tmp_path / name
    result = CliRunner().invoke(app, ["report", "-f", "docx", "-o", str(target), *args], env=ENV)
    assert result.exit_code == 0, result.output
    return target


def headings(word: object, level: int) -> list[str]:
    return [
        p.text
        for p in word.paragraphs  # type: ignore[attr-defined]
        if p.style.name == f"Heading {level}"
    ]


def cells(word: object) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]  # type: ignore[attr-defined]


def all_text(word: object) -> str:
    paragraphs = [p.text for p in word.paragraphs]  # type: ignore[attr-defined]
    return "\n".join(paragraphs + [c for t in cells(word) for row in t for c in row])


def names(directory: Path) -> list[str]:
    text = (directory / "initiatives.yaml").read_text(encoding="utf-8")
    return [item["name"] for item in yaml.safe_load(text)["initiatives"]]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Summary", "Coverage matrix", "Gaps", "Overlaps", "Timeline"]),
        ("da", ["Sammenfatning", "Dækningsmatrix", "Huller", "Overlap", "Tidslinje"]),
    ],
)
def test_the_report_reads_back_with_its_headings_tables_and_initiatives(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    word = docx.Document(str(report(tmp_path, "--data", str(DATA), "--lang", lang)))
    assert headings(word, 1) == expected
    title = [p.text for p in word.paragraphs if p.style.name == "Title"]
    assert title[0].startswith("Coverage report" if lang == "en" else "Dækningsrapport")
    tables = cells(word)
    assert len(tables) >= 6
    matrix = next(t for t in tables if t[0][0] in {"Initiative", "Initiativ"})
    assert [row[0] for row in matrix[1:-1]] == names(DATA)  # every initiative, in order
    # The matrix's headings are numbers (whole words on A4), named in a key below it.
    assert matrix[0][1:6] == ["1", "2", "3", "4", "5"]
    assert "1 MMV bliver globale spillere (Globalisering som et vilkår)  ·  2 " in all_text(word)
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_money_and_changes_right_after_the_summary(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(BUDGETS, base)
    path = base / "initiatives.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    removed = content["initiatives"].pop()
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    target = report(tmp_path, "--data", str(BUDGETS), "--base", str(base), "--lang", "da")
    word = docx.Document(str(target))
    found = headings(word, 1)
    assert found[:2] == ["Sammenfatning", "Ændringer"]
    assert "Forbrug" in found
    assert removed["name"] in all_text(word)
    # Amounts are written for people, right-aligned in their cells.
    money = [t for t in word.tables if any("DKK" in c.text for c in t.rows[0].cells)]
    assert money, [t.rows[0].cells[0].text for t in word.tables]


def test_hostile_text_stays_text(tmp_path: Path, hostile: tuple[Path, Path]) -> None:  # noqa: F811
    base, head = hostile
    target = report(tmp_path, "--data", str(head), "--base", str(base), "--ids")
    with zipfile.ZipFile(target) as package:
        parts = {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    body = parts["word/document.xml"]
    for construct in ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink", "w:object"):
        assert construct not in body
    assert not any('TargetMode="External"' in text for text in parts.values())
    word = docx.Document(BytesIO(target.read_bytes()))
    text = all_text(word)
    found = RAW_CONTROL.search(text.replace("\n", " "))
    assert found is None, repr(text[max(0, found.start() - 40) :][:80])
    assert "##[" not in text
    # Every name is there, as text (with its controls shown as escapes).
    assert '=HYPERLINK("http://evil")' in text
    assert "\\x1b[2J cleared" in text
    assert "bidi \\u202eevil\\u202c \\u2066iso\\u2069" in text
    assert len(re.findall(r"<script>alert\(1\)</script>", text)) >= 1


@pytest.fixture(scope="module")
def converted(
    soffice: Office,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path]]:
    """The English and the Danish report as LibreOffice converts them to PDF and to text
    (one start per target for both)."""
    tmp_path = tmp_path_factory.mktemp("converted")
    langs = ["en", "da"]
    sources = [
        report(tmp_path, "--data", str(DATA), "--lang", lang, name=f"report-{lang}.docx")
        for lang in langs
    ]
    pdfs = convert_all(soffice, sources, "pdf", tmp_path / "pdf")
    texts = convert_all(soffice, sources, "txt:Text", tmp_path / "txt")
    return dict(zip(langs, zip(pdfs, texts, strict=True), strict=True))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_libreoffice_converts_the_word_document(
    converted: dict[str, tuple[Path, Path]], lang: str
) -> None:
    pdf, txt = converted[lang]
    assert pdf.read_bytes().startswith(b"%PDF")
    text = txt.read_text(encoding="utf-8-sig")
    assert ("Dækningsrapport" if lang == "da" else "Coverage report") in text
    for name in names(DATA):
        assert name in text


def test_a_wide_matrix_turns_the_page_and_numbers_its_columns(tmp_path: Path) -> None:
    """30 focus areas do not fit a portrait A4 page: the matrix gets a landscape section
    of its own, numbered columns and a key; the page after it is portrait again."""
    from docx.enum.section import WD_ORIENT

    data = tmp_path / "data"
    data.mkdir()
    areas = [{"id": f"a{i}", "name": f"Focus area number {i}"} for i in range(30)]
    items = [
        {
            "id": f"i{j}",
            "name": f"Initiative {j}",
            "focus_areas": [f"a{(j * 3 + k) % 30}" for k in range(3)],
        }
        for j in range(12)
    ]
    (data / "focus_areas.yaml").write_text(yaml.safe_dump({"focus_areas": areas}), "utf-8")
    (data / "initiatives.yaml").write_text(yaml.safe_dump({"initiatives": items}), "utf-8")
    word = docx.Document(str(report(tmp_path, "--data", str(data))))
    orientations = [section.orientation for section in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert round(word.sections[1].page_width.mm) == 297
    matrix = next(t for t in cells(word) if t[0][0] == "Initiative")
    assert matrix[0][1:31] == [str(n) for n in range(1, 31)]
    assert "30 Focus area number 29" in all_text(word)
