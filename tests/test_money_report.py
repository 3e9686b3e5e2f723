"""The council deliverable: money in the report (HTML and Markdown), the changes right
after the summary, numbered matrix columns with a key, evidence as an appendix that can
be left out, and the report on at most three A4 pages (headless Chromium's print to PDF,
through Playwright)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from clirun import in_process
from components import missing

if TYPE_CHECKING:
    from playwright.sync_api import Browser

COUNCIL = Path(__file__).parent / "data" / "council"
BUNDLED = Path(__file__).parent.parent / "data"


def _report(tmp_path: Path, data: Path, *args: str, name: str = "r.html") -> str:
    target = tmp_path / name
    result = in_process("report", "--data", str(data), "-o", str(target), *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return target.read_text(encoding="utf-8")


def _sections(page: str) -> list[str]:
    return re.findall(r'<section id="([a-z]+)"', page)


def _section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}"')
    return page[start : page.index("</section>", start)]


def test_the_money_section_has_spend_per_area_and_owner_as_tables_and_charts(
    tmp_path: Path,
) -> None:
    page = _report(tmp_path, COUNCIL, "--lang", "da")
    assert _sections(page)[:3] == ["summary", "findings", "money"]
    money = _section(page, "money")
    heads = re.findall(r'<th scope="col">([^<]*)</th>', money)
    assert heads[:5] == ["Fokusområde", "Initiativer", "Direkte (DKK)", "Med underområder",
                         "Brugt dobbelt"]  # fmt: skip
    assert heads[5:] == ["Ejer", "Niveau", "Initiativer", "Forbrug (DKK)"]
    # Grøn omstilling: 2,500,000 direct, 4,100,000 with its sub-area (700,000 + 900,000).
    assert re.search(r"<td>Grøn omstilling</td>.*?2\.500\.000,00</td>.*?4\.100\.000,00</td>",
                     money)  # fmt: skip
    assert re.search(r"<td>Staten</td>.*?7\.400\.000,00</td>", money)
    assert money.count('class="chart money"') == 2  # per focus area, per owner
    # Each figure with its rule and threshold in the same sentence.
    (identical,) = [li for li in re.findall(r"<li[^>]*>([^<]*)</li>", money) if "identiske" in li]
    assert "2.300.000,00 DKK" in identical
    assert "største budget" in identical
    (crowded,) = [li for li in re.findall(r"<li[^>]*>([^<]*)</li>", money) if "overbel" in li]
    assert "0,00 DKK" in crowded
    assert "mere end 50%" in crowded


def test_without_budgets_there_is_no_money_section(tmp_path: Path) -> None:
    page = _report(tmp_path, BUNDLED)
    assert "money" not in _sections(page)
    markdown = _report(tmp_path, BUNDLED, "-f", "markdown", name="r.md")
    assert "### Spend" not in markdown


def test_with_a_base_the_changes_come_right_after_the_summary_with_the_budget_move(
    tmp_path: Path,
) -> None:
    base = tmp_path / "base"
    shutil.copytree(COUNCIL, base)
    path = base / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("budget: 3_000_000", "budget: 2_500_000"), encoding="utf-8")
    page = _report(tmp_path, COUNCIL, "--base", str(base), "--lang", "da")
    assert _sections(page)[:4] == ["summary", "diff", "findings", "money"]
    diff = _section(page, "diff")
    assert re.search(r"<td>budget</td><td>2\.500\.000,00</td><td>3\.000\.000,00</td>", diff)
    assert "+500.000,00" in diff
    markdown = _report(tmp_path, COUNCIL, "--base", str(base), "-f", "markdown", name="r.md")
    order = [markdown.index(h) for h in ("### Changes", "### Findings", "### Money")]
    assert order == sorted(order)
    assert "| budget | 2,500,000.00 | 3,000,000.00 |" in markdown


def test_the_markdown_report_carries_the_same_money(tmp_path: Path) -> None:
    markdown = _report(tmp_path, COUNCIL, "-f", "markdown", "--lang", "da", name="r.md")
    assert "- Brugt på identiske initiativer: 2.300.000,00 DKK (regel:" in markdown
    assert "| Grøn omstilling | 1 | 2.500.000,00 | 4.100.000,00 |  |" in markdown
    assert "| Staten | national | 4 | 7.400.000,00 |" in markdown


def test_matrix_columns_are_numbered_with_a_key_of_whole_names(tmp_path: Path) -> None:
    page = _report(tmp_path, COUNCIL)
    matrix = _section(page, "matrix")
    heads = re.findall(r'<th scope="col" class="mark"[^>]*>(\d+)</th>', matrix)
    assert heads == [str(n) for n in range(1, 12)]
    assert "<strong>3</strong>&nbsp;Internationalisering af virksomheder</span>" in matrix


def test_the_evidence_is_an_appendix_that_can_be_left_out(tmp_path: Path) -> None:
    page = _report(tmp_path, COUNCIL)
    assert _sections(page)[-1] == "evidence"
    assert "Appendix: Evidence and sources" in page
    assert 'href="#initiative-' in page or 'href="#area-' in page
    short = _report(tmp_path, COUNCIL, "--no-evidence")
    assert "evidence" not in _sections(short)
    assert 'href="#' not in short  # no link into the missing appendix
    assert "Talentkontor Nord" in short


def _pages(browser: Browser, html: Path) -> int:
    """The pages of ``html`` printed by Chromium (the page's own ``@page`` size wins, as
    when a person prints it), counted by ``pdfinfo``."""
    if shutil.which("pdfinfo") is None:
        missing("pdfinfo (poppler-utils) is not installed")
    page = browser.new_page()
    page.goto(html.as_uri())
    pdf = html.with_suffix(".pdf")
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("data", [BUNDLED, COUNCIL], ids=["bundled", "council-21x11"])
def test_the_report_prints_on_at_most_three_a4_pages(
    browser: Browser, tmp_path: Path, data: Path, lang: str
) -> None:
    _report(tmp_path, data, "--lang", lang)
    assert _pages(browser, tmp_path / "r.html") <= 3
    assert "@page { size: A4;" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_parent_with_money_only_on_its_sub_areas_has_no_bar_at_zero(tmp_path: Path) -> None:
    book = Path(__file__).parent.parent / "docs" / "examples" / "workbook" / "oversigt.xlsx"
    money = _section(_report(tmp_path, book, "--lang", "da"), "money")
    charts = money[money.index('class="chart money"') :]
    assert "Viden og uddannelse" in money  # in the table, with its sub-areas' sum
    assert "Viden og uddannelse" not in charts  # not as a bar of 0,00
    assert "Uddannelse" in charts
