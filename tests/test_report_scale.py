"""The report of a real, large portfolio reads well: summary first, the worst next,
everything else one option away, and bounded in size.

The real portfolio is Atomic Red Team against ATT&CK (1,790 tests × 691 techniques,
in ``shared/data/atomic-red-team`` beside the repository); generated portfolios
(``benchmarks/generate.py``, a 3-level hierarchy) cover the other shapes. The
browser half (render time, first screen) is in ``tests/test_browser.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import area, initiative, portfolio
from gapcheck import render
from gapcheck.analysis.report import build_report
from gapcheck.cli import app
from gapcheck.render import scale, words
from realdata import atomic_data

REPO = Path(__file__).resolve().parents[1]
HTML_LIMIT = 3_000_000  # bytes: the bound at the real portfolio's size

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


def run_report(data: Path, *args: str) -> str:
    result = CliRunner().invoke(
        app, ["report", "--data", str(data), "-o", "-", *args], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def atomic_html() -> str:
    return run_report(atomic_data())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated portfolio of the medium profile's shape: 3 levels, skewed popularity."""
    out = tmp_path_factory.mktemp("medium")
    generate(out, 4_000, 700, levels=3)
    return out


# --- HTML -------------------------------------------------------------------------------


def test_large_html_is_small_and_starts_with_the_summary(atomic_html: str) -> None:
    assert len(atomic_html.encode("utf-8")) < HTML_LIMIT
    sections = re.findall(r'<section id="([a-z]+)">', atomic_html)
    assert sections[:3] == ["summary", "findings", "matrix"]
    summary = atomic_html[atomic_html.index('<section id="summary">') :]
    summary = summary[: summary.index("</section>")]
    for number in ("1,790", "691", "320", "90", "245"):
        assert f"<strong>{number}</strong>" in summary


def test_large_html_lists_the_worst_findings_and_collapses_the_rest(atomic_html: str) -> None:
    findings = atomic_html[atomic_html.index('<section id="findings">') :]
    findings = findings[: findings.index("</section>")]
    assert findings.split("</ol>")[0].count("<li") == scale.WORST_FINDINGS
    assert "The 20 most important of 655 findings, gaps first:" in findings
    # the worst first: uncovered top-level techniques before anything else
    worst = re.findall(r'<li><span class="badge (\w+)">', findings.split("</ol>")[0])
    assert worst == ["bad"] * scale.WORST_FINDINGS  # uncovered
    assert "No initiative serves Fallback Channels." in findings  # t1008, top-level
    # rolled up, with the parent's id
    assert "11 of 17 sub-areas of Obfuscated Files or Information (t1027) uncovered, 2 thin." in (
        findings
    )
    titles = re.findall(r"<summary>([^<]+)</summary>", findings)
    assert "All 320 uncovered focus areas, by parent" in titles
    assert "All 90 thin focus areas, by parent" in titles
    assert "All 245 groups of initiatives with identical focus areas" in titles
    assert findings.count("<details>") == len(titles)
    assert "<details open" not in findings


def test_large_html_aggregates_the_matrix_and_caps_the_charts(atomic_html: str) -> None:
    assert 'class="grid"' not in atomic_html  # no cell-by-cell matrix
    matrix = atomic_html[atomic_html.index('<section id="matrix">') :]
    matrix = matrix[: matrix.index("</section>")]
    assert len(re.findall(r"<tr data-key=", matrix)) == 216  # the top-level techniques
    assert matrix.count('class="sq') == 691  # a square per technique
    assert "1,790 × 691 = 1,236,890 cells" in matrix
    assert "gapcheck matrix --format csv" in matrix
    bars = atomic_html[atomic_html.index('<section id="bars">') :]
    bars = bars[: bars.index("</section>")]
    assert bars.count('<g class="bar ') == scale.BAR_LIMIT
    assert "40 of 216 top-level focus areas" in bars
    graph = atomic_html[atomic_html.index('<section id="graph">') :]
    graph = graph[: graph.index("</section>")]
    assert "<svg" not in graph
    assert "at most 60 initiatives and 60 focus areas" in graph


def test_large_html_links_land_and_evidence_is_grouped(atomic_html: str) -> None:
    ids = set(re.findall(r' id="([^"]+)"', atomic_html))
    links = re.findall(r'href="#([^"]+)"', atomic_html)
    assert links
    assert [link for link in links if link not in ids] == []
    evidence = atomic_html[atomic_html.index('<section id="evidence">') :]
    assert evidence.count("<details>") == 216
    assert len(re.findall(r'<div id="area-', evidence)) == 691


def test_small_report_keeps_its_matrix_and_graph() -> None:
    """The bundled 10 × 5 report: full matrix, graph, all findings, and a summary on top."""
    page = run_report(REPO / "data")
    assert 'class="grid"' in page
    assert page.count("<svg") == 2
    assert page.index('<section id="summary">') < page.index('<section id="findings">')
    assert "<details" not in page


# --- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "da"])
def test_large_markdown_stays_under_the_limit(lang: str, generated: Path) -> None:
    for data in (atomic_data(), generated):
        text = run_report(data, "--format", "markdown", "--lang", lang)
        assert len(text) < scale.MARKDOWN_LIMIT
        assert text.count("<details>") == text.count("</details>") >= 1
        assert re.search(r"^\d+\. ", text, re.MULTILINE)
        numbered = re.findall(r"^(\d+)\. ", text, re.MULTILINE)
        assert len(numbered) == scale.WORST_FINDINGS


def test_markdown_with_changes_stays_under_the_limit(generated: Path, tmp_path: Path) -> None:
    """--base between two generated versions: thousands of changes, cut with a note."""
    base = tmp_path / "base"
    generate(base, 4_000, 700, levels=3, seed=2)
    text = run_report(generated, "--format", "markdown", "--base", str(base))
    assert len(text) < scale.MARKDOWN_LIMIT
    assert re.search(r"^[\d,]+ more changes not shown; `gapcheck diff --format json`", text, re.M)
    page = run_report(generated, "--base", str(base))
    assert len(page.encode("utf-8")) < HTML_LIMIT
    assert "more changes not shown" in page


def test_large_markdown_says_what_it_left_out() -> None:
    text = run_report(atomic_data(), "--format", "markdown")
    left_out = re.findall(
        r"^([\d,]+) more not shown here; every one is in `gapcheck (\w+)", text, re.M
    )
    assert left_out, "a cut list must say so"
    assert "11 of 17 sub-areas of Obfuscated Files or Information (t1027) uncovered" in text
    assert "1,790 × 691 = 1,236,890 cells" in text


def test_markdown_bound_holds_with_very_long_names(tmp_path: Path) -> None:
    """Many findings whose sentences are long: the collapsed lists are cut to fit."""
    areas = [area(f"a{n}", name="Area " + "x" * 300 + str(n)) for n in range(2_000)]
    items = [
        initiative(f"i{n}", f"a{n % 3}", name="Initiative " + "y" * 400 + str(n))
        for n in range(600)
    ]
    report = build_report(portfolio(areas, items))
    text = str(render.report(report, "markdown"))
    assert len(text) < scale.MARKDOWN_LIMIT
    assert "more not shown here" in text
    page = str(render.report(report, "html"))
    assert 'table class="plain keyed"' in page


def test_markdown_bound_holds_at_the_longest_names() -> None:
    """Names at the format's limit (1,000 characters), groups of identical initiatives
    over many focus areas, sub-areas everywhere: still under the limit."""
    longest = "z" * 1000
    areas = [area(f"t{n}", name=longest) for n in range(200)]
    areas += [area(f"t{n}.{k}", parent=f"t{n}", name=longest) for n in range(200) for k in range(3)]
    wide = [f"t{n}" for n in range(100, 160)]  # 60 focus areas each
    items = [initiative(f"w{n}", *wide, name=longest) for n in range(40)]
    items += [initiative(f"c{n}", f"t{n}.0", name=longest) for n in range(100, 200)]
    report = build_report(portfolio(areas, items))
    assert len(report.findings) > scale.WORST_FINDINGS
    for lang in ("en", "da"):
        text = str(render.report(report, "markdown", lang))
        assert len(text) < scale.MARKDOWN_LIMIT, len(text)
        assert "z" * (scale.NAME_CHARS + 1) not in text


# --- labels and roll-ups --------------------------------------------------------------------


def test_labels_show_ids_only_where_names_repeat() -> None:
    found = words.labels([("a", "Same"), ("b", "Same"), ("c", "Other")])
    assert found == {"a": "Same (a)", "b": "Same (b)", "c": "Other"}
    assert words.labels([("c", "Other")], ids=True) == {"c": "Other (c)"}


def test_sub_areas_are_labelled_with_their_parent() -> None:
    found = words.area_labels(
        [
            ("t1001", "Data Obfuscation", None),
            ("t1001.002", "Steganography", "t1001"),
            ("t1027", "Obfuscated Files or Information", None),
            ("t1027.003", "Steganography", "t1027"),
            ("t1027.001", "Binary Padding", "t1027"),
        ]
    )
    assert found["t1027.003"] == "Steganography (t1027.003, under Obfuscated Files or Information)"
    assert found["t1001.002"] == "Steganography (t1001.002, under Data Obfuscation)"
    assert found["t1027.001"] == "Binary Padding (under Obfuscated Files or Information)"
    assert found["t1027"] == "Obfuscated Files or Information"
    danish = words.area_labels([("p", "P", None), ("c", "C", "p")], lang="da")
    assert danish["c"] == "C (under P)"


def test_ids_option_names_every_id() -> None:
    """--ids: every focus area and initiative with its id, in HTML and Markdown."""
    plain = run_report(REPO / "data", "--format", "markdown")
    with_ids = run_report(REPO / "data", "--format", "markdown", "--ids")
    assert "Hjemtagning af viden (hjemtagning-af-viden)" not in plain
    assert "8 of 10 initiatives work on Hjemtagning af viden (hjemtagning-af-viden)." in with_ids
    page = run_report(REPO / "data", "--ids")
    assert "Interreg programmer (interreg)" in page


def test_rollups_and_priority_from_a_tree() -> None:
    areas = [
        area("top"),
        area("top.1", parent="top"),
        area("top.2", parent="top"),
        area("top.3", parent="top"),
        area("top.3.a", parent="top.3"),
        area("empty"),
        area("busy"),
    ]
    items = [initiative(f"i{n}", "busy") for n in range(4)] + [initiative("x", "top.1")]
    report = build_report(portfolio(areas, items), max_share=0.7)
    rollup = {r.parent: r for r in report.rollups}
    assert rollup["top"].uncovered == ("top.2", "top.3")
    assert rollup["top"].thin == ("top.1",)
    assert rollup["top"].sub_areas == 3
    assert rollup["top"].parent_kind == "thin"
    assert rollup["top.3"].uncovered == ("top.3.a",)
    assert rollup["top.3"].parent_kind == "uncovered"
    sentence = words.rollup(rollup["top"], {"top": "Top"})
    assert sentence == ("2 of 3 sub-areas of Top (top) uncovered, 1 thin (and thin as a whole).")
    # the worst first: the uncovered top-level area, then uncovered sub-areas by depth,
    # then thin, then crowded
    ranked = [(f.kind, f.focus_areas) for f in report.ranked]
    assert ranked[0] == ("uncovered", ("empty",))
    assert ranked[1:4] == [
        ("uncovered", ("top.2",)),
        ("uncovered", ("top.3",)),
        ("uncovered", ("top.3.a",)),
    ]
    assert [kind for kind, _ in ranked[4:]] == ["thin", "thin", "crowded", "identical"]
    assert report.summary is not None
    assert report.summary.uncovered_top_level == 1
    assert report.summary.top_level == 3
