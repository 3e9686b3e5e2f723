"""Views and the document model: one view per result, printers that know only documents."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gapcheck import views
from gapcheck.analysis import (
    CrowdedArea,
    IdenticalGroup,
    OverlapPair,
    OverlapReport,
)
from gapcheck.analysis.coverage import OwnerGroup, SharedArea
from gapcheck.render import render, safe
from gapcheck.views import document
from gapcheck.views.document import Section, Table

SRC = Path(__file__).resolve().parents[1] / "src" / "gapcheck"


def test_data_marks_are_escaped_by_each_printer_and_cannot_be_forged() -> None:
    hostile = "A\x1b[31m \ue001\x1b[0m B"  # a closing mark inside the data
    text = f"our words: {document.data(hostile)}."
    pieces = list(document.spans(text))
    assert [untrusted for _, untrusted in pieces] == [False, True, False]
    assert pieces[1][0] == "A\x1b[31m \\ue001\x1b[0m B"  # the forged mark is shown, not obeyed
    terminal = document.escaped(text, safe.line)
    assert "\x1b" not in terminal
    assert terminal.startswith("our words: ")
    assert terminal.endswith(".")
    assert document.plain(document.data("x")) == "x"
    # A name cut short with its closing mark: what is left is still data.
    cut = document.data("\x1b[2J and more")[:5]
    assert list(document.spans(cut)) == [("\x1b[2J", True)]


def _overlaps(size: int) -> OverlapReport:
    """Every section of overlaps with ``size`` rows."""
    ids = tuple(f"p{i}" for i in range(size + 1))
    areas = tuple(f"a{i}" for i in range(size))
    return OverlapReport(
        data="data",
        at=None,
        max_share=0.1,
        initiative_count=len(ids),
        crowded=tuple(CrowdedArea(a, a.upper(), 5, 0.5, ids[:5]) for a in areas),
        identical=tuple(IdenticalGroup((a,), (ids[i], ids[i + 1])) for i, a in enumerate(areas)),
        pairs=tuple(OverlapPair(ids[i], ids[i + 1], areas[:2], 0.5) for i in range(size)),
        pair_count=size,
        names={i: i.upper() for i in ids},
        area_names={a: a.upper() for a in areas},
        has_owners=True,
        coordination=tuple(SharedArea(a, a.upper(), ("o1", "o2"), ids[:2]) for a in areas),
        identical_owners=tuple(OwnerGroup((a,), ("o1", "o2")) for a in areas),
        owner_names={"o1": "Owner 1", "o2": "Owner 2"},
    )


def _table_rows(section: Section) -> int:
    return sum(len(block.rows) for block in section.blocks if isinstance(block, Table))


@pytest.mark.parametrize("limit", [3, 10])
def test_one_cap_for_every_section_of_overlaps(limit: int) -> None:
    doc = views.build(_overlaps(30), views.Options(limit=limit))
    headed = [section for section in doc.sections if section.heading]
    assert len(headed) == 5  # crowded, identical, pairs, coordination, owners alike
    assert all(_table_rows(section) == limit for section in headed)


def test_every_printer_of_documents_imports_no_result_type() -> None:
    """The terminal, Markdown, HTML, Word, CSV, JSON and CI printers know documents,
    contracts and findings."""
    for name in ("table", "csv", "json", "github", "sarif", "markdown", "html", "docx"):
        tree = ast.parse((SRC / "render" / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module is not None
        }
        assert not any(module.startswith("gapcheck.analysis") for module in imported), name


def test_every_format_prints_a_view() -> None:
    report = _overlaps(2)
    for fmt in ("table", "markdown", "csv", "json"):
        assert "A0" in render(report, fmt) or "a0" in render(report, fmt)


def test_a_long_name_marked_as_data_is_cut_as_the_same_name_unmarked() -> None:
    from gapcheck.render import words

    name = "N" * 130
    marked = words.labels([("x", document.data(name))])["x"]
    plain = words.labels([("x", name)])["x"]
    assert document.plain(marked) == plain  # cut at the same length, the id added
    assert plain.endswith("… (x)")


@pytest.mark.parametrize("data", ["data", "docs/examples/budgets"])
def test_one_size_estimate_is_close_to_the_markdown(data: str) -> None:
    """``document.chars``, what the report's and the diff's views weigh against the
    Markdown budget, is within a tenth of what the Markdown printer writes."""
    from gapcheck import api
    from gapcheck.render import markdown
    from gapcheck.views import report

    root = Path(__file__).resolve().parents[1]
    bundle = report.bundle(api.report(root / data), "en", "markdown")
    for part in bundle.documents:
        written = len("\n".join(markdown.document_lines(part, level=3)))
        assert abs(document.chars(part) - written) <= written / 10, part.anchor


def test_a_title_that_ends_with_the_year_counted_is_not_told_it_again() -> None:
    from gapcheck.views.document import plain
    from gapcheck.views.options import subject

    said = subject("data", 2025, "da", "Indsatser i Region Midtjylland 2025")
    assert plain(said) == "Indsatser i Region Midtjylland 2025"
    other = subject("data", 2024, "da", "Indsatser i Region Midtjylland 2025")
    assert plain(other) == "Indsatser i Region Midtjylland 2025, pr. 2024"
    assert plain(subject("data", 2025, "en", "Plan 12025")) == "Plan 12025, as of 2025"
