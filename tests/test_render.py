"""Renderers on hand-built result objects: the JSON contract, CSV, Markdown and tables."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rich.cells import cell_len

from gapcheck.analysis import (
    AreaCoverage,
    CoverageMatrix,
    CrowdedArea,
    Gap,
    GapReport,
    IdenticalGroup,
    InitiativeCoverage,
    OverlapPair,
    OverlapReport,
)
from gapcheck.diagnostics import Code, Diagnostic, Severity, ValidationReport
from gapcheck.render import CheckFormat, OutputFormat, ValidateFormat, render
from gapcheck.render import json as json_render
from gapcheck.render import text as text_render
from gapcheck.views import Options, build

ESC = "\x1b"
LONG_NAME = "Regionalt program for internationalisering af små virksomheder"  # 62 cells


def make_matrix() -> CoverageMatrix:
    return CoverageMatrix(
        data="data",
        at=None,
        focus_areas=(
            AreaCoverage("parent", "Parent | area", None, ("p1",), ("p1", "p2")),
            AreaCoverage("child", "Child area", "parent", ("p2",), ("p2",)),
            AreaCoverage("lonely", "Lonely", None, (), ()),
        ),
        initiatives=(
            InitiativeCoverage("p1", "Pipe | name", ("parent",)),
            InitiativeCoverage("p2", "Plain æøå", ("child",)),
            InitiativeCoverage("p3", LONG_NAME, ()),
        ),
    )


def make_gaps() -> GapReport:
    return GapReport(
        data="bundled",
        at=None,
        min_initiatives=2,
        focus_area_count=3,
        gaps=(
            Gap("lonely", "Lonely | area", "uncovered", 0, 2, ()),
            Gap("child", "Child area", "thin", 1, 3, ("p2",)),
        ),
        orphans=("p3",),
        names={"p1": "Pipe | name", "p2": "Plain æøå", "p3": "Orphan"},
    )


def make_overlaps() -> OverlapReport:
    return OverlapReport(
        data="data",
        at=None,
        max_share=0.5,
        initiative_count=3,
        crowded=(CrowdedArea("a", "Area | A", 2, 2 / 3, ("p1", "p2")),),
        identical=(IdenticalGroup(("a", "b"), ("p1", "p2")),),
        pairs=(
            OverlapPair("p1", "p2", ("a", "b"), 1.0),
            OverlapPair("p1", "p3", ("a",), 1 / 3),
            OverlapPair("p2", "p3", ("b",), 2 / 3),
        ),
        pair_count=5,
        names={"p1": "One | 1", "p2": "Two", "p3": "Three"},
        area_names={"a": "Area | A", "b": "Area B"},
    )


def make_validation() -> ValidationReport:
    return ValidationReport(
        data="data",
        diagnostics=(
            Diagnostic("data/initiatives.yaml", 6, 9, Code.UNKNOWN_FOCUS_AREA, "unknown", "fix"),
            Diagnostic(
                "data/initiatives.yaml",
                8,
                3,
                Code.REPEATED_REFERENCE,
                "twice",
                None,
                Severity.WARNING,
            ),
        ),
    )


def empty_matrix() -> CoverageMatrix:
    return CoverageMatrix(data="data", at=None, focus_areas=(), initiatives=())


def empty_gaps() -> GapReport:
    return GapReport("data", None, 2, 0, (), ())


def empty_overlaps() -> OverlapReport:
    return OverlapReport("data", None, 0.5, 0, (), (), (), 0)


def empty_validation() -> ValidationReport:
    return ValidationReport(data="data", diagnostics=())


RESULTS = {
    "matrix": make_matrix,
    "gaps": make_gaps,
    "overlaps": make_overlaps,
    "empty matrix": empty_matrix,
    "empty gaps": empty_gaps,
    "empty overlaps": empty_overlaps,
}


def parsed(result: object) -> Any:
    return json.loads(json_render.render(result))


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --- the JSON contract --------------------------------------------------------------


def test_matrix_json_contract() -> None:
    data = parsed(make_matrix())
    assert list(data) == [
        "data",
        "title",
        "at",
        "focus_areas",
        "initiatives",
        "by",
        "rollup",
        "where",
        "where_initiative",
    ]
    for area in data["focus_areas"]:
        assert list(area) == ["id", "name", "parent", "direct", "initiatives", "url", "attributes"]
    for item in data["initiatives"]:
        assert list(item) == ["id", "name", "focus_areas", "url", "attributes"]
    assert data["focus_areas"][0] == {
        "id": "parent",
        "name": "Parent | area",
        "parent": None,
        "direct": ["p1"],
        "initiatives": ["p1", "p2"],
        "url": None,
        "attributes": {},
    }
    assert data["focus_areas"][1]["parent"] == "parent"
    assert data["initiatives"][2] == {
        "id": "p3",
        "name": LONG_NAME,
        "focus_areas": [],
        "url": None,
        "attributes": {},
    }


def test_gaps_json_contract() -> None:
    data = parsed(make_gaps())
    assert list(data) == [
        "data",
        "title",
        "at",
        "min_initiatives",
        "gaps",
        "orphans",
        "today",
        "currency",
        "rollup",
        "where",
        "where_initiative",
    ]
    for gap in data["gaps"]:
        assert list(gap) == [
            "focus_area",
            "name",
            "kind",
            "count",
            "threshold",
            "initiatives",
            "priority",
            "shortfall",
            "min_strength",
            "below_strength",
            "accepted",
            "fails",
            "spend",
        ]
    assert data["data"] == "bundled"
    assert data["gaps"][1] == {
        "focus_area": "child",
        "name": "Child area",
        "kind": "thin",
        "count": 1,
        "threshold": 3,
        "initiatives": ["p2"],
        "priority": 3,
        "shortfall": 2,
        "min_strength": "minimal",
        "below_strength": [],
        "accepted": None,
        "fails": True,
        "spend": None,
    }
    assert data["orphans"] == ["p3"]
    assert "names" not in data


def test_overlaps_json_contract() -> None:
    data = parsed(make_overlaps())
    assert list(data) == [
        "data",
        "title",
        "at",
        "max_share",
        "crowded",
        "identical",
        "pairs",
        "pair_count",
        "truncated",
        "has_owners",
        "coordination",
        "identical_owners",
        "rollup",
        "where",
        "where_initiative",
    ]
    assert list(data["crowded"][0]) == ["focus_area", "name", "count", "share", "initiatives"]
    assert list(data["identical"][0]) == ["focus_areas", "initiatives"]
    for pair in data["pairs"]:
        assert list(pair) == ["a", "b", "shared", "jaccard"]
    assert data["crowded"][0]["share"] == 0.6667
    assert [p["jaccard"] for p in data["pairs"]] == [1.0, 0.3333, 0.6667]
    assert data["pairs"][0] == {"a": "p1", "b": "p2", "shared": ["a", "b"], "jaccard": 1.0}
    assert data["pair_count"] == 5
    assert data["identical"] == [{"focus_areas": ["a", "b"], "initiatives": ["p1", "p2"]}]


def test_validation_json_contract() -> None:
    data = parsed(make_validation())
    assert list(data) == ["data", "valid", "problems"]
    assert data["valid"] is False
    assert data["problems"] == [
        {
            "file": "data/initiatives.yaml",
            "line": 6,
            "column": 9,
            "code": "GC302",
            "severity": "error",
            "message": "unknown",
            "hint": "fix",
        },
        {
            "file": "data/initiatives.yaml",
            "line": 8,
            "column": 3,
            "code": "GC306",
            "severity": "warning",
            "message": "twice",
            "hint": None,
        },
    ]


def test_json_keeps_non_ascii() -> None:
    assert "Plain æøå" in json_render.render(make_matrix())


def test_json_of_empty_results() -> None:
    assert parsed(empty_matrix()) == {
        "data": "data",
        "title": None,
        "at": None,
        "focus_areas": [],
        "initiatives": [],
        "by": "initiative",
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }
    assert parsed(empty_gaps()) == {
        "data": "data",
        "title": None,
        "at": None,
        "min_initiatives": 2,
        "gaps": [],
        "orphans": [],
        "today": None,
        "currency": None,
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }
    assert parsed(empty_overlaps()) == {
        "data": "data",
        "title": None,
        "at": None,
        "max_share": 0.5,
        "crowded": [],
        "identical": [],
        "pairs": [],
        "pair_count": 0,
        "truncated": False,
        "has_owners": False,
        "coordination": [],
        "identical_owners": [],
        "rollup": "any",
        "where": [],
        "where_initiative": [],
    }
    assert parsed(empty_validation()) == {"data": "data", "valid": True, "problems": []}


def test_json_rejects_unknown_types() -> None:
    with pytest.raises(TypeError):
        json_render.render(object())


# --- CSV ----------------------------------------------------------------------------


def test_matrix_csv() -> None:
    assert rows(render(make_matrix(), "csv")) == [
        ["initiative", "name", "parent", "child", "lonely"],
        ["p1", "Pipe | name", "X", "", ""],
        ["p2", "Plain æøå", "(X)", "X", ""],
        ["p3", LONG_NAME, "", "", ""],
    ]


GAP_COLUMNS = (
    "kind",
    "focus_area",
    "name",
    "count",
    "threshold",
    "initiatives",
    "priority",
    "shortfall",
    "below_strength",
    "accepted_until",
    "reason",
    "fails",
)


def test_gaps_csv() -> None:
    assert rows(render(make_gaps(), "csv")) == [
        [*GAP_COLUMNS],
        ["uncovered", "lonely", "Lonely | area", "0", "2", "", "3", "2", "", "", "", "yes"],
        ["thin", "child", "Child area", "1", "3", "p2", "3", "2", "", "", "", "yes"],
        ["orphan", "", "", "0", "", "p3", "", "", "", "", "", ""],
    ]


def test_overlaps_csv() -> None:
    assert rows(render(make_overlaps(), "csv")) == [
        ["kind", "focus_areas", "initiatives", "count", "share", "jaccard", "owners"],
        ["crowded", "a", "p1;p2", "2", "0.6667", "", ""],
        ["identical", "a;b", "p1;p2", "2", "", "", ""],
        ["pair", "a;b", "p1;p2", "2", "", "1.0", ""],
        ["pair", "a", "p1;p3", "1", "", "0.3333", ""],
        ["pair", "b", "p2;p3", "1", "", "0.6667", ""],
    ]


def test_csv_of_empty_results_is_the_header() -> None:
    assert render(empty_matrix(), "csv") == "initiative,name\n"
    assert render(empty_gaps(), "csv") == ",".join(GAP_COLUMNS) + "\n"
    assert (
        render(empty_overlaps(), "csv")
        == "kind,focus_areas,initiatives,count,share,jaccard,owners\n"
    )


def test_csv_quotes_awkward_names() -> None:
    matrix = CoverageMatrix(
        data="data",
        at=None,
        focus_areas=(AreaCoverage("a", "A", None, ("x",), ("x",)),),
        initiatives=(InitiativeCoverage("x", 'Comma, "quote"\nnewline', ("a",)),),
    )
    # Quotes and commas are the csv module's; a newline is shown as \n (one line a row).
    assert rows(render(matrix, "csv"))[1] == ["x", 'Comma, "quote"\\nnewline', "X"]


# --- Markdown -----------------------------------------------------------------------


def test_markdown_escapes_pipes() -> None:
    out = render(make_matrix(), "markdown")
    lines = out.splitlines()
    assert lines[0] == "## Coverage matrix: data"
    assert "| Initiative | Parent \\| area | Child area | Lonely | Total |" in lines
    assert "| Pipe \\| name | X |  |  | 1 |" in lines
    assert "| Plain æøå | (X) | X |  | 1 |" in lines
    assert "| **Total** | **2** | **1** | **0** |  |" in lines
    # Every table row has as many unescaped cell separators as the header.
    table = [line for line in lines if line.startswith("|")]
    assert {line.replace("\\|", "").count("|") for line in table} == {6}


def test_markdown_gaps() -> None:
    lines = render(make_gaps(), "markdown").splitlines()
    assert lines[0].startswith("## Gaps: the bundled dataset")
    assert "| Lonely \\| area | uncovered | none | no initiative serves it |" in lines
    assert (
        "| Child area | thin | Plain æøå | served by 1 initiative only; the minimum is 3 |" in lines
    )
    assert lines[-1] == "Initiatives with no focus area: Orphan."


def test_markdown_overlaps() -> None:
    lines = render(make_overlaps(), "markdown").splitlines()
    # One and Two are an identical group: shown as the group, not again as a pair.
    assert not any("| 1.00 |" in line for line in lines)
    assert "| One \\| 1 | Three | 1 | Area \\| A | 0.33 |" in lines
    assert "| Area \\| A, Area B | One \\| 1, Two |" in lines
    assert any(line.startswith("| Area \\| A | 2 | 67% |") for line in lines)
    assert "(top 2 shown)" in lines[2]
    assert "Ranked by shared focus areas, then Jaccard index" in "\n".join(lines)


def test_markdown_escapes_backslashes_and_newlines() -> None:
    gaps = GapReport(
        "data", None, 2, 1, (Gap("a", "back\\slash\nline", "uncovered", 0, 2, ()),), ()
    )
    out = render(gaps, "markdown")
    assert "| back\\\\slash line | uncovered |" in out


# --- every format renders every result type -----------------------------------------


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("make", list(RESULTS.values()), ids=list(RESULTS))
def test_every_format_renders_every_result(fmt: OutputFormat, make: Any) -> None:
    result = make()
    out = render(result, fmt)
    assert isinstance(out, str)
    assert out.endswith("\n")
    assert out.strip()
    assert ESC not in out
    if fmt is OutputFormat.JSON:
        assert json.loads(out)["data"] == result.data
    elif fmt is OutputFormat.CSV:
        assert rows(out)[0][0] in ("initiative", "kind")
    elif fmt is OutputFormat.MARKDOWN:
        assert out.startswith("## ")


def test_formats_are_the_documented_ones() -> None:
    assert [f.value for f in OutputFormat] == ["table", "json", "markdown", "csv"]
    assert [f.value for f in ValidateFormat] == ["text", "json", "github", "sarif"]
    assert [f.value for f in CheckFormat] == [*(f.value for f in OutputFormat), "github", "sarif"]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_rejects_unknown_results(fmt: OutputFormat) -> None:
    with pytest.raises(TypeError):
        render(object(), fmt)


@pytest.mark.parametrize("make", [make_validation, empty_validation])
def test_every_validate_format_renders(make: Any) -> None:
    report = make()
    for fmt in ValidateFormat:
        out = json_render.render(report) if fmt is ValidateFormat.JSON else _text(report)
        assert out.endswith("\n")
        assert out.strip()


# --- validation text ----------------------------------------------------------------


def _text(report: ValidationReport) -> str:
    return text_render.render(build(report, Options()))


def test_validation_text() -> None:
    assert _text(make_validation()) == (
        "data/initiatives.yaml:6:9: GC302 unknown (hint: fix)\n"
        "data/initiatives.yaml:8:3: GC306 warning: twice\n"
        "data is not valid: 1 error, 1 warning\n"
    )
    strict = ValidationReport("data", make_validation().diagnostics[1:], strict=True)
    assert _text(strict).endswith(
        "data is not valid: 0 errors, 1 warning (--strict: warnings fail)\n"
    )
    ok = ValidationReport("bundled", (), focus_area_count=1, initiative_count=2)
    assert _text(ok) == (
        "the bundled dataset (Region Midtjylland 2009, Table 3.2) is valid:"
        " 1 focus area, 2 initiatives\n"
    )


def test_validation_in_danish_and_in_the_other_printers() -> None:
    """validate's view is a document like any other: Danish words, and the terminal and
    Markdown print it too (the problem lines, then the verdict)."""
    report = make_validation()
    assert text_render.render(build(report, Options("da"))) == (
        "data/initiatives.yaml:6:9: GC302 unknown (tip: fix)\n"
        "data/initiatives.yaml:8:3: GC306 advarsel: twice\n"
        "data er ikke gyldigt: 1 fejl, 1 advarsel\n"
    )
    table = render(report, "table")
    assert table.startswith("Data check · data\n")
    assert table.endswith("data is not valid: 1 error, 1 warning\n")
    assert "- data/initiatives.yaml:6:9: GC302 unknown (hint: fix)" in render(report, "markdown")


def test_plain_text_printer_escapes_data_and_refuses_layouts() -> None:
    from gapcheck.views import document as doc

    hostile = doc.data("::error::x\x1b[31m\ny")
    page = doc.Document(
        "title",
        "subject",
        "en",
        (doc.Paragraph.of("summary " + hostile),),
        (
            doc.Section("heading", (doc.BulletList(("a", hostile), sign="+"), doc.Cap("more"))),
            doc.Section(None, (doc.Details("folded", (doc.Legend("legend"),)),)),
        ),
    )
    assert text_render.render(page) == (
        "summary \\x3a:error\\x3a:x\\x1b[31m\\ny\n"
        "heading\n+ a\n+ \\x3a:error\\x3a:x\\x1b[31m\\ny\nmore\nlegend\n"
    )
    table = doc.Document("t", "s", "en", (), (doc.Section(None, (doc.Table((), ()),)),))
    with pytest.raises(TypeError, match="no plain-text layout for Table"):
        text_render.render(table)


# --- tables -------------------------------------------------------------------------


@pytest.mark.parametrize("make", list(RESULTS.values()), ids=list(RESULTS))
def test_table_colour_is_the_callers_choice(make: Any) -> None:
    plain = render(make(), "table", color=False, width=100)
    assert ESC not in plain
    assert all(line == line.rstrip() for line in plain.splitlines())
    assert all(cell_len(line) <= 100 for line in plain.splitlines())
    coloured = render(make(), "table", color=True, width=100)
    assert f"{ESC}[" in coloured


def _join(pieces: list[list[str]]) -> list[str]:
    """Rejoin the cells of a table row that rich wrapped over several lines."""
    return [" ".join(" ".join(column).split()) for column in zip(*pieces, strict=True)]


def matrix_parts(out: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The header, the body rows and the footer of a matrix table, wrapped cells rejoined."""
    lines = out.splitlines()
    header = _join([line.split("┃")[1:-1] for line in lines if line.startswith("┃")])
    start = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("├"))
    groups: list[list[list[str]]] = []
    for line in lines[start + 1 : rule]:
        cells = line.split("│")[1:-1]
        if cells[-1].strip():  # a row starts where its Total cell is filled in
            groups.append([])
        groups[-1].append(cells)
    footer = [cell.strip() for cell in lines[rule + 1].split("│")[1:-1]]
    return header, [_join(group) for group in groups], footer


def test_table_matrix_keeps_long_names_whole() -> None:
    out = render(make_matrix(), "table", color=False, width=100)
    lines = out.splitlines()
    assert any(f"│ {LONG_NAME} " in line for line in lines)  # it fits on one line
    header, body, footer = matrix_parts(out)
    # Full focus-area names fit as headers at this width (wrapped between words).
    assert header == ["Initiative", "Parent | area", "Child area", "Lonely", "Total"]
    assert body == [
        ["Pipe | name", "X", "", "", "1"],
        ["Plain æøå", "(X)", "X", "", "1"],
        [LONG_NAME, "", "", "", "0"],
    ]
    assert footer == ["Total", "2", "1", "0", ""]
    assert "(X) = it lists a sub-area." in " ".join(out.split())


def test_table_matrix_wraps_names_between_words_only() -> None:
    areas = tuple(
        AreaCoverage(
            f"a{n}", f"Focus area number {n} with a rather long name", None, ("x",), ("x",)
        )
        for n in range(1, 5)
    )
    matrix = CoverageMatrix(
        data="data",
        at=None,
        focus_areas=areas,
        initiatives=(InitiativeCoverage("x", LONG_NAME, tuple(a.id for a in areas)),),
    )
    out = render(matrix, "table", color=False, width=100)
    assert all(cell_len(line) <= 100 for line in out.splitlines())
    header, body, footer = matrix_parts(out)
    assert header == ["Initiative", *(area.name for area in areas), "Total"]
    assert body == [[LONG_NAME, "X", "X", "X", "X", "4"]]
    assert footer == ["Total", "1", "1", "1", "1", ""]


def test_table_matrix_numbers_headers_that_do_not_fit() -> None:
    areas = tuple(
        AreaCoverage(f"a{n}", f"{n} Internationaliseringsstrategien", None, ("x",), ("x",))
        for n in range(1, 5)
    )
    matrix = CoverageMatrix(
        data="data",
        at=None,
        focus_areas=areas,
        initiatives=(InitiativeCoverage("x", LONG_NAME, tuple(a.id for a in areas)),),
    )
    out = render(matrix, "table", color=False, width=100)
    lines = out.splitlines()
    assert all(cell_len(line) <= 100 for line in lines)
    header, body, footer = matrix_parts(out)
    assert header == ["Initiative", "1", "2", "3", "4", "Total"]
    assert any(f"│ {LONG_NAME} " in line for line in lines)
    assert body == [[LONG_NAME, "X", "X", "X", "X", "4"]]
    assert footer == ["Total", "1", "1", "1", "1", ""]
    for n, area in enumerate(areas, start=1):
        assert f"{n} {area.name}" in lines  # the legend


def test_table_matrix_header_is_never_cut() -> None:
    matrix = CoverageMatrix(
        data="data",
        at=None,
        focus_areas=(AreaCoverage("a", "A", None, ("x",), ("x",)),),
        initiatives=(InitiativeCoverage("x", "X1", ("a",)),),
    )
    header, body, footer = matrix_parts(render(matrix, "table", color=False, width=100))
    assert header == ["Initiative", "A", "Total"]
    assert body == [["X1", "X", "1"]]
    assert footer == ["Total", "1", ""]


def test_table_gaps_and_overlaps_do_not_split_words() -> None:
    for result, names in (
        (make_gaps(), ["Lonely | area", "Child area", "Plain æøå", "Orphan"]),
        (make_overlaps(), ["Area | A", "One | 1", "Two", "Three"]),
    ):
        out = render(result, "table", color=False, width=60)
        # A list of names ends a sentence: its full stop is not part of the last name.
        words = {word.rstrip(".") for word in out.replace("│", " ").replace(",", " ").split()}
        for name in names:
            assert set(name.split()) <= words


def test_names_with_commas_of_their_own_are_separated_by_semicolons() -> None:
    from gapcheck.render import words

    lookup = {"a": "Region A", "b": "Region A, B and C", "c": "C"}
    assert words.names(("a", "c"), lookup) == "Region A, C"
    assert words.names(("a", "b"), lookup) == "Region A; Region A, B and C"


# --- the report's drawings -------------------------------------------------------------------


def _label_spans(drawing: str) -> list[tuple[float, float, float]]:
    """Each threshold label's (left, right, baseline), its width estimated as svg.py does."""
    import re

    from gapcheck.render import svg

    spans = []
    for x, y, anchor, text in re.findall(
        r'<g class="threshold">.*?<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"'
        r"[^>]*>([^<]*)</text>",
        drawing,
    ):
        size = len(text) * svg.CHAR_WIDTH
        left = {"start": 0.0, "middle": size / 2, "end": size}[anchor]
        spans.append((float(x) - left, float(x) - left + size, float(y)))
    return spans


@pytest.mark.parametrize(
    ("minimum", "above"),
    [(2, 2.4), (2, 2), (3, 2.4), (6, 6), (0, 0.1), (1, 5), (6, 5.9)],
)
def test_threshold_labels_never_collide(minimum: int, above: float) -> None:
    """However close the two thresholds (the budgets example: 2 and 2.4 of 6), their
    labels stand apart, each within the picture."""
    from gapcheck.render import svg
    from gapcheck.views import document as doc

    chart = doc.BarChart(
        (("A", 4), ("B", 1)),
        tones=("warn", "bad"),
        keys=("a", "b"),
        lines=(
            (minimum, f"minimum: {minimum}", "bad"),
            (above, f"overbelastet over {above}", "warn"),
        ),
        peak=6,
    )
    spans = _label_spans(svg.draw(chart))
    assert len(spans) == 2
    assert all(left >= 0 and right <= 760 for left, right, _ in spans)
    (left_a, right_a, y_a), (left_b, right_b, y_b) = spans
    assert y_a != y_b or right_a <= left_b or right_b <= left_a, spans


# --- the printers of the newer blocks: Markdown, and HTML's escaping of data ----------------


def _md_lines(*blocks: Any) -> list[str]:
    from gapcheck.render import markdown
    from gapcheck.views import document as doc

    page = doc.Document("T", "", "en", sections=(doc.Section(None, tuple(blocks)),))
    return [line for line in markdown.document_lines(page)[1:] if line]


def test_markdown_prints_figures_in_a_line() -> None:
    from gapcheck.views import document as doc

    figures = doc.Figures((("10", "initiatives", None), ("1", doc.data("thin | *x*"), "warn")))
    assert _md_lines(figures) == [r"**10** initiatives · **1** thin \| \*x\*"]


def test_markdown_prints_definitions_as_bold_terms() -> None:
    from gapcheck.views import document as doc

    terms = doc.Definitions(
        (
            (doc.Styled(doc.data("Area_1"), url="https://example.org/a"), ("Source: A",)),
            (doc.data("<b>Two</b>"), (doc.Styled(doc.data("note [x]"), "muted"), "more")),
            (doc.Styled("No link", url="javascript:alert(1)"), ()),
        )
    )
    assert _md_lines(terms) == [
        r"- **[Area\_1](https://example.org/a)** Source: A",
        r"- **&lt;b&gt;Two&lt;/b&gt;** note \[x\] more",
        "- **No link**",
    ]


def test_markdown_prints_a_tag_before_its_text_in_lists_and_paragraphs() -> None:
    from gapcheck.views import document as doc

    tagged = doc.Styled(doc.data("Area *1*"), "warn", tag="Thin")
    lines = _md_lines(
        doc.BulletList((tagged, doc.Paragraph((tagged, " ", doc.Styled("evidence", ref="x"))))),
        doc.Paragraph((tagged,)),
    )
    assert lines == [
        r"- **Thin** Area \*1\*",
        r"- **Thin** Area \*1\* evidence",
        r"**Thin** Area \*1\*",
    ]


def test_markdown_numbers_an_ordered_list() -> None:
    from gapcheck.views import document as doc

    items = tuple(doc.data(f"{n}. item") for n in range(1, 12))
    lines = _md_lines(doc.BulletList(items, numbered=True), doc.BulletList(("a", "b")))
    assert lines[0] == "1. 1. item"
    assert lines[10] == "11. 11. item"
    assert lines[11:] == ["- a", "- b"]


HOSTILE = '<script>alert(1)</script>"onload=alert(2) \x1b[31m\x07'


def _hostile_bundle() -> Any:
    """Every kind of block with data text in every place it can hold some."""
    from gapcheck.views import document as doc

    h = doc.data(HOSTILE)
    styled = doc.Styled(h, "warn", url="https://x.org/" + HOSTILE, tag=h, anchor=h, ref=h)
    heat = doc.Heat(h, 1, 2)
    blocks: tuple[doc.Block, ...] = (
        doc.Paragraph((h, styled), headline=True),
        doc.Legend(h),
        doc.Cap(h, 1),
        doc.BulletList((h, styled, doc.Paragraph((h, styled))), numbered=True),
        doc.Table(
            (doc.Column(h), doc.Column(h, "mark", key=h, heat=heat), doc.Column(h, "strip")),
            ((styled, heat, doc.Strip((heat,))), (doc.Tree(h, 1), styled, None)),
            total=(h, styled, None),
            keys=(h, h),
        ),
        doc.Table((doc.Column(h), doc.Column(h, "count")), ((h, 1),), keys=(h,)),
        doc.Details(h, (doc.Paragraph((h,)),)),
        doc.Definitions(((styled, (h, styled)), (h, ()))),
        doc.Figures(((h, h, "bad"),)),
        doc.Facts(((h, h),)),
        doc.Key(((h, h),)),
        doc.BarChart(
            ((h, 3),), tones=("bad",), keys=(h,), lines=((1, h, "bad"), (2, h, "warn")), peak=3
        ),
        doc.BarChart(((h, 3),), title=h, texts=(h,)),
        doc.Network(((h, h),), ((h, h),), ((h, h),)),
    )
    part = doc.Document(h, h, "en", (doc.Paragraph((h,)),), (doc.Section(h, blocks, h),), anchor=h)
    return doc.Bundle(h, h, "en", (part,), h)


def test_html_prints_data_as_text_in_every_block() -> None:
    """A hostile name opens no element, closes no attribute, runs no script, and its
    control characters are visible escapes, whichever block it is in."""
    import re

    from gapcheck.render import html

    page = html.render(_hostile_bundle())
    assert "<script" not in page.lower()
    assert "\x1b" not in page
    assert "\x07" not in page
    assert '"onload' not in page  # the quote is &quot;: no attribute is closed early
    assert not re.search(r"\sonload\s*=", page)
    # Each kind of block printed the name, escaped (and the page's own markup is intact).
    shown = page.count("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=alert(2) \\x1b[31m\\x07")
    assert shown >= 30
    assert page.count("<svg") == 3
    assert 'href="javascript' not in page
    attributes = re.findall(r'(?:id|href|data-key|title)="([^"]*)"', page)
    assert attributes
    assert all("<" not in value for value in attributes)


def test_markdown_prints_data_as_text_in_every_block() -> None:
    from gapcheck.render import markdown

    text = markdown.render(_hostile_bundle())
    assert "<script" not in text.lower()
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "](https://x.org/" in text  # the link is kept, its target percent-encoded
    assert "<script" not in text.split("](https://x.org/")[1].split(")")[0]
