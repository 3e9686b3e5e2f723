"""``gapcheck report``: the self-contained HTML page (and its Markdown form), read back.

The page is rendered through typer's CliRunner and parsed with a small tree builder
on the standard library's :class:`html.parser.HTMLParser`, so the tests look at
elements, attributes and text rather than at the template's whitespace. The
expected numbers are those of Table 3.2 of the bundled dataset (data/).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
LANGS = ("en", "da")

INITIATIVE_NAMES = {
    "samarbejdsregioner": "Internationale samarbejdsregioner",
    "eu-kontor": "Midtjyllands EU-kontor",
    "eksportraad": "Danmarks Eksportråd (Væksthus Midtjylland)",
    "enterprise-europe-network": "Europe Enterprise Network",
    "interreg": "Interreg programmer",
    "sportsbegivenheder": "Store sportsbegivenheder",
    "modtageapparat": "Modtageapparat for udenlandske ansatte",
    "udenlandske-studerende": "Fastholde udenlandske studerende",
    "international-community": "Int. Community",
    "vestdansk-investeringsfremme": "Vestdansk Investeringsfremme",
}
AREA_NAMES = {
    "mmv-globale-spillere": "MMV bliver globale spillere (Globalisering som et vilkår)",
    "specialisering-og-outsourcing": "Specialiserede virksomheder og outsourcing",
    "specialiseret-arbejdskraft": "Behov for specialiseret arbejdskraft",
    "hjemtagning-af-viden": "Hjemtagning af viden",
    "synlighed-og-branding": "Synlighed og branding",
}
AREA_IDS = list(AREA_NAMES)
COLUMN_TOTALS = ["3", "1", "6", "8", "4"]
ROW_TOTALS = {
    "samarbejdsregioner": "5",
    "eu-kontor": "2",
    "eksportraad": "1",
    "enterprise-europe-network": "2",
    "interreg": "2",
    "sportsbegivenheder": "1",
    "modtageapparat": "3",
    "udenlandske-studerende": "2",
    "international-community": "2",
    "vestdansk-investeringsfremme": "2",
}
IDENTICAL = [
    "interreg",
    "udenlandske-studerende",
    "international-community",
    "vestdansk-investeringsfremme",
]
# tfoot: the class of each column's total, and the label it carries.
FLAGS = {
    "mmv-globale-spillere": "",
    "specialisering-og-outsourcing": "gap",
    "specialiseret-arbejdskraft": "crowded",
    "hjemtagning-af-viden": "crowded",
    "synlighed-og-branding": "",
}
#: The class (the document's tone) a flagged column total carries on the page.
TONE_CLASS = {"gap": "bad", "crowded": "accent"}
FLAG_LABELS = {
    "en": {"gap": "thin", "crowded": "crowded"},
    "da": {"gap": "tyndt dækket", "crowded": "overbelastet"},
}
FINDINGS = {
    "en": [
        "Specialiserede virksomheder og outsourcing is served by one initiative only.",
        "8 of 10 initiatives work on Hjemtagning af viden.",
        "6 of 10 initiatives work on Behov for specialiseret arbejdskraft.",
        "4 initiatives list exactly the same focus areas (Behov for specialiseret arbejdskraft,"
        " Hjemtagning af viden): Interreg programmer, Fastholde udenlandske studerende,"
        " Int. Community, Vestdansk Investeringsfremme.",
    ],
    "da": [
        "Specialiserede virksomheder og outsourcing dækkes kun af ét initiativ.",
        "8 af 10 initiativer arbejder med Hjemtagning af viden.",
        "6 af 10 initiativer arbejder med Behov for specialiseret arbejdskraft.",
        "4 initiativer angiver præcis de samme fokusområder (Behov for specialiseret"
        " arbejdskraft, Hjemtagning af viden): Interreg programmer, Fastholde udenlandske"
        " studerende, Int. Community, Vestdansk Investeringsfremme.",
    ],
}
HEADINGS = {
    "en": [
        "Findings",
        "Coverage matrix",
        "Initiatives per focus area",
        "Appendix: Evidence and sources",
    ],
    "da": [
        "Konklusioner",
        "Dækningsmatrix",
        "Initiativer pr. fokusområde",
        "Bilag: Belæg og kilder",
    ],
}
THRESHOLD_LABELS = {
    "en": ["minimum: 2", "crowded from 6"],
    "da": ["minimum: 2", "overbelastet fra 6"],
}
BUNDLED_NAME = {
    "en": "the bundled dataset (Region Midtjylland 2009, Table 3.2)",
    "da": "det medfølgende datasæt (Region Midtjylland 2009, tabel 3.2)",
}

# Attributes that make a browser fetch (or navigate to) what they name.
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href"}


# --- a small element tree on html.parser -------------------------------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """All text inside, whitespace collapsed."""
        return " ".join("".join(self._strings()).split())

    def own_text(self) -> str:
        """The text directly inside (not in child elements), whitespace collapsed."""
        return " ".join("".join(c for c in self.children if isinstance(c, str)).split())

    def _strings(self) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._strings()

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """Descendants in document order (not ``self``), optionally of one tag."""
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter(tag) if cls is None or cls in n.classes]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}> in <{self.tag}>"
        return found[0]

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        assert node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


class Page:
    """A parsed report: the tree, and shortcuts to its parts."""

    def __init__(self, source: str) -> None:
        builder = TreeBuilder()
        builder.feed(source)
        builder.close()
        assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
        self.source = source
        self.doctype = builder.doctype
        self.root = builder.root
        self.ids: dict[str, Node] = {}
        for node in self.root.iter():
            if "id" in node.attrs:
                assert node.attrs["id"] not in self.ids, f"duplicate id {node.attrs['id']}"
                self.ids[node.attrs["id"]] = node

    def text(self) -> str:
        return self.root.text()

    def section(self, section_id: str) -> Node:
        node = self.ids[section_id]
        assert node.tag == "section"
        return node

    @property
    def matrix(self) -> Node:
        return self.section("matrix").find("table", "grid")

    def body_rows(self) -> list[Node]:
        return self.matrix.find("tbody").find_all("tr")

    def findings(self) -> list[Node]:
        lists = self.section("findings").find_all("ol")  # the findings, the worst first
        return lists[0].find_all("li") if lists else []

    def svgs(self) -> list[Node]:
        return self.root.find_all("svg")


def parse(source: str) -> Page:
    return Page(source)


# --- running the command -----------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def assert_clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def report_stdout(*args: str, data: Path = DATA) -> str:
    result = run("report", "--data", str(data), "-o", "-", *args)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    return result.stdout


def write_data(directory: Path, focus_areas: str, initiatives: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(focus_areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def initiatives_yaml() -> list[dict[str, Any]]:
    loaded = yaml.safe_load((DATA / "initiatives.yaml").read_text(encoding="utf-8"))
    return list(loaded["initiatives"])


def focus_areas_yaml() -> list[dict[str, Any]]:
    loaded = yaml.safe_load((DATA / "focus_areas.yaml").read_text(encoding="utf-8"))
    return list(loaded["focus_areas"])


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def page(lang: str, tmp_path_factory: pytest.TempPathFactory) -> Page:
    """The report of data/ in ``lang``, written to a file with -o."""
    target = tmp_path_factory.mktemp(f"report-{lang}") / "r.html"
    result = run("report", "--data", str(DATA), "--lang", lang, "-o", str(target))
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == ("wrote " if lang == "en" else "skrev ") + f"{target}\n"
    return parse(target.read_text(encoding="utf-8"))


# --- the bundled data, both languages ----------------------------------------------------


def test_file_and_stdout_are_the_same_document(page: Page, lang: str) -> None:
    assert report_stdout("--lang", lang) == page.source


def test_document_frame(page: Page, lang: str) -> None:
    assert page.doctype is not None
    assert page.doctype.lower() == "doctype html"
    html = page.root.find("html")
    assert html.attrs["lang"] == lang
    assert page.root.find("meta").attrs.get("charset", "").lower() == "utf-8"
    headings = [h2.text() for h2 in page.root.find_all("h2")]
    for heading in HEADINGS[lang]:
        assert heading in headings
    title = page.root.find("title").text()
    assert title.startswith("Coverage report" if lang == "en" else "Dækningsrapport")


def test_every_name_is_present(page: Page) -> None:
    text = page.text()
    for name in [*INITIATIVE_NAMES.values(), *AREA_NAMES.values()]:
        assert name in text
    row_names = {row.attrs["data-key"]: row.find("th").text() for row in page.body_rows()}
    assert row_names == INITIATIVE_NAMES
    head = page.matrix.find("thead").find_all("th", "mark")
    # Numbered columns, each named in full in its title and in the key under the table.
    assert [th.text() for th in head] == [str(n) for n in range(1, len(AREA_NAMES) + 1)]
    key = page.section("matrix").find("p", "key").find_all("span")
    assert [span.text() for span in key] == [
        f"{n} {name}" for n, name in enumerate(AREA_NAMES.values(), start=1)
    ]


def test_matrix_marks_match_the_data(page: Page) -> None:
    rows = page.body_rows()
    assert len(rows) == 10
    marks = 0
    for row in rows:
        cells = row.find_all("td", "mark")
        assert len(cells) == len(AREA_IDS)
        marked = {area for area, cell in zip(AREA_IDS, cells, strict=True) if cell.text() == "X"}
        on = {area for area, cell in zip(AREA_IDS, cells, strict=True) if "accent" in cell.classes}
        assert marked == on
        item = next(i for i in initiatives_yaml() if i["id"] == row.attrs["data-key"])
        assert marked == {ref["id"] for ref in item["focus_areas"]}
        marks += len(marked)
    assert marks == 22
    assert sum(td.text() == "X" for td in page.matrix.find("tbody").find_all("td")) == 22


def test_matrix_totals(page: Page) -> None:
    totals = {row.attrs["data-key"]: row.find_all("td")[-1].text() for row in page.body_rows()}
    assert totals == ROW_TOTALS
    foot = page.matrix.find("tfoot").find_all("td")
    columns = [td for td in foot if "data-key" in td.attrs]
    assert [td.attrs["data-key"] for td in columns] == AREA_IDS
    assert [td.own_text() for td in columns] == COLUMN_TOTALS


def test_matrix_flags_gaps_and_crowded_areas(page: Page, lang: str) -> None:
    for td in page.matrix.find("tfoot").find_all("td"):
        if "data-key" not in td.attrs:
            continue
        flag = FLAGS[td.attrs["data-key"]]
        assert td.classes == ([TONE_CLASS[flag]] if flag else [])
        labels = [span.text() for span in td.find_all("span", "flag")]
        assert labels == ([FLAG_LABELS[lang][flag]] if flag else [])


def test_matrix_header_is_a_heatmap(page: Page) -> None:
    head = {th.attrs["data-key"]: th.attrs["style"] for th in page.matrix.find_all("th", "mark")}
    assert set(head) == set(AREA_IDS)
    # five different counts, five different shades
    assert len(set(head.values())) == 5
    assert all("background:" in style for style in head.values())


def test_rows_with_identical_coverage_sit_together(page: Page) -> None:
    order = [row.attrs["data-key"] for row in page.body_rows()]
    assert sorted(order) == sorted(INITIATIVE_NAMES)
    start = order.index(IDENTICAL[0])
    assert order[start : start + len(IDENTICAL)] == IDENTICAL
    # and in general: every group of identical rows is one run
    coverage = {
        i["id"]: frozenset(ref["id"] for ref in i["focus_areas"]) for i in initiatives_yaml()
    }
    runs = [
        coverage[item]
        for index, item in enumerate(order)
        if index == 0 or coverage[item] != coverage[order[index - 1]]
    ]
    assert len(runs) == len(set(runs))


def test_findings_are_exact_sentences(page: Page, lang: str) -> None:
    sentences = [item.own_text() for item in page.findings()]
    assert sentences == FINDINGS[lang]
    badges = [[b.text() for b in item.find_all("span", "badge")] for item in page.findings()]
    labels = FLAG_LABELS[lang]
    assert badges == [[labels["gap"]], [labels["crowded"]], [labels["crowded"]], []]


def test_each_finding_links_to_its_evidence(page: Page, lang: str) -> None:
    targets = []
    for item in page.findings():
        links = item.find_all("a")
        assert len(links) == 1
        assert links[0].text() == ("evidence" if lang == "en" else "belæg")
        href = links[0].attrs["href"]
        assert href.startswith("#")
        target = page.ids.get(href[1:])
        assert target is not None, f"{href} points nowhere"
        assert any(a.attrs.get("id") == "evidence" for a in target.ancestors())
        targets.append((href, target.text()))
    assert [href for href, _ in targets] == [
        "#area-specialisering-og-outsourcing",
        "#area-hjemtagning-af-viden",
        "#area-specialiseret-arbejdskraft",
        "#initiative-interreg",
    ]
    assert targets[0][1].startswith(AREA_NAMES["specialisering-og-outsourcing"])
    assert targets[1][1].startswith(AREA_NAMES["hjemtagning-af-viden"])
    assert targets[3][1].startswith(INITIATIVE_NAMES["interreg"])


def test_bar_chart_with_threshold_lines(page: Page, lang: str) -> None:
    svgs = page.svgs()
    assert len(svgs) == 2
    bars = page.section("bars").find("svg")
    assert bars is svgs[0]
    groups = bars.find_all("g", "bar")
    assert [g.attrs["data-key"] for g in groups] == AREA_IDS
    assert [g.find("text", "value").text() for g in groups] == COLUMN_TOTALS
    kinds = [next(c for c in g.classes if c != "bar") for g in groups]
    assert kinds == [FLAGS[area] or "ok" for area in AREA_IDS]
    thresholds = bars.find_all("g", "threshold")
    assert [g.find("text").text() for g in thresholds] == THRESHOLD_LABELS[lang]
    # the lines stand where 2 and 5 initiatives end: the bar of 1 is the unit
    one = next(g for g in groups if g.find("text", "value").text() == "1").find("rect")
    left, unit = float(one.attrs["x"]), float(one.attrs["width"])
    for group, value in zip(thresholds, (2, 5), strict=True):
        line = group.find("line")
        assert line.attrs["x1"] == line.attrs["x2"]
        assert float(line.attrs["x1"]) == pytest.approx(left + unit * value, abs=0.2)


def test_graph_has_a_line_per_mark(page: Page) -> None:
    graph = page.section("graph").find("svg")
    assert graph is page.svgs()[1]
    initiatives = graph.find_all("g", "initiative")
    areas = graph.find_all("g", "area")
    assert len(initiatives) == 10
    assert len(areas) == 5
    assert {g.find("title").text() for g in initiatives} == set(INITIATIVE_NAMES.values())
    assert [g.find("title").text() for g in areas] == list(AREA_NAMES.values())
    lines = graph.find_all("line")
    assert len(lines) == 22
    # every line joins an initiative's dot to a focus area's square, as the data says
    by_y = {g.find("circle").attrs["cy"]: g.find("title").text() for g in initiatives}
    area_by_y = {
        f"{float(g.find('rect').attrs['y']) + 5:.1f}": g.find("title").text() for g in areas
    }
    edges = {(by_y[line.attrs["y1"]], area_by_y[line.attrs["y2"]]) for line in lines}
    expected = {
        (INITIATIVE_NAMES[i["id"]], AREA_NAMES[ref["id"]])
        for i in initiatives_yaml()
        for ref in i["focus_areas"]
    }
    assert edges == expected


def test_evidence_has_every_note_and_source(page: Page) -> None:
    evidence = page.section("evidence")
    text = evidence.text()
    for item in initiatives_yaml():
        block = page.ids[f"initiative-{item['id']}"]
        assert evidence in block.ancestors()
        assert block.find("h3").text() == item["name"]
        block_text = block.text()
        assert item["source"] in block_text
        for ref in item["focus_areas"]:
            assert " ".join(ref["note"].split()) in block_text
    for area in focus_areas_yaml():
        assert area["source"] in page.ids[f"area-{area['id']}"].text()
        assert area["source"] in text


def test_page_is_self_contained(page: Page) -> None:
    assert page.root.find_all("script") == []
    assert page.root.find_all("link") == []
    assert page.root.find_all("iframe") == []
    assert page.root.find_all("img") == []
    assert "<script" not in page.source.lower()
    for node in page.root.iter():
        for name, value in node.attrs.items():
            if name in URL_ATTRIBUTES:
                assert value.startswith("#"), f"<{node.tag} {name}={value!r}>"
            elif name != "xmlns":  # the SVG namespace is a name, not a request
                assert "://" not in value, f"<{node.tag} {name}={value!r}>"
            assert not name.startswith("on"), f"event handler <{node.tag} {name}>"
    css = " ".join(style.text() for style in page.root.find_all("style"))
    css += " ".join(node.attrs.get("style", "") for node in page.root.iter())
    assert "url(" not in css
    assert "@import" not in css
    assert "@font-face" not in css


def test_print_stylesheet_is_a4(page: Page) -> None:
    css = page.root.find("head").find("style").text()
    assert re.search(r"@media print\s*\{", css)
    printed = css[css.index("@media print") :]
    assert re.search(r"@page\s*\{\s*size:\s*A4", printed)


def test_bundled_data_has_a_timeline(page: Page) -> None:
    timeline = page.section("timeline")
    years = [th.text() for th in timeline.find("thead").find_all("th")][1:]
    assert years[0] == "2007"  # eu-kontor starts in 2007
    assert years == [str(year) for year in range(2007, 2007 + len(years))]
    rows = timeline.find("tbody").find_all("tr")
    assert [row.find("th").text() for row in rows] == list(AREA_NAMES.values())
    # eu-kontor counts from 2007 on, so every year shows today's totals; thin is starred
    for row, total in zip(rows, COLUMN_TOTALS, strict=True):
        cells = {td.text() for td in row.find_all("td")}
        assert cells == ({f"{total}*"} if total == "1" else {total})


def test_no_diff_section_without_base(page: Page) -> None:
    assert "diff" not in page.ids


# --- other ways to call it ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_bundled_default_in_an_empty_directory(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", "--lang", lang, "-o", "r.html")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert {"en": "bundled dataset", "da": "medfølgende data"}[lang] in result.stderr
    page = parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    # The bundled data has years: the report counts this year, and says so.
    as_of = {"en": "as of", "da": "pr."}[lang]
    assert page.root.find("p", "sub").text() == f"{BUNDLED_NAME[lang]}, {as_of} {date.today().year}"
    assert [item.own_text() for item in page.findings()] == FINDINGS[lang]
    assert [td.own_text() for td in page.matrix.find("tfoot").find_all("td") if td.own_text()] == (
        COLUMN_TOTALS
    )
    stdout = run("report", "--lang", lang, "-o", "-")
    assert stdout.exit_code == 0
    assert stdout.stdout == page.source


def test_default_output_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", "--data", str(DATA))
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote gapcheck-report.html\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gapcheck-report.html"]
    assert parse((tmp_path / "gapcheck-report.html").read_text(encoding="utf-8")).findings()
    result = run("report", "--data", str(DATA), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "gapcheck-report.md").read_text(encoding="utf-8").startswith("## ")


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "r.html"
    result = run("report", "--data", str(DATA), "-o", str(missing))
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write {missing}")
    assert not missing.parent.exists()
    result = run("report", "--data", str(DATA), "-o", str(tmp_path))  # a directory
    assert_clean(result)
    assert result.exit_code == 2


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_report(lang: str) -> None:
    text = report_stdout("--format", "markdown", "--lang", lang)
    lines = text.splitlines()
    for number, sentence in enumerate(FINDINGS[lang], start=1):
        assert f"{number}. {sentence}" in lines
    header = "| " + ("Initiative" if lang == "en" else "Initiativ") + " | "
    table = [line for line in lines if line.startswith("|")]
    assert table[0].startswith(header)
    assert table[1] == "|" + "|".join(" --- " for _ in range(7)) + "|"
    total = "Total" if lang == "en" else "I alt"
    assert f"| **{total}** | " + " | ".join(f"**{n}**" for n in COLUMN_TOTALS) + " |  |" in lines
    assert len(table) == 2 + 10 + 1
    assert "<" not in text


#: The rows of ``gapcheck summary`` that the report's summary adds to its tiles, for
#: data/ at the default minimum of 2 initiatives.
PORTFOLIO_MEASURES = {
    "en": {
        "Gaps": "0 uncovered, 0 weak, 1 thin",
        "Critical initiatives": "1",  # the thin area's sole initiative
        "Accepted gaps": "0",
        "Acceptances expiring within 90 days": "0",
        "Distinct focus-area configurations": "7",
        "Shannon diversity of marks (H)": "1.444",
        "Gini-Simpson index": "0.740",
        "Equality of coverage (Pielou's J)": "0.897",
    },
    "da": {
        "Huller": "0 udækkede, 0 svagt dækkede, 1 tyndt dækket",
        "Kritiske initiativer": "1",
        "Accepterede huller": "0",
        "Accepterede huller med frist inden for 90 dage": "0",
        "Forskellige konfigurationer af fokusområder": "7",
        "Shannon-diversitet af markeringer (H)": "1,444",
        "Gini-Simpson-indeks": "0,740",
        "Lighed i dækning (Pielous J)": "0,897",
    },
}


def test_summary_section_carries_the_portfolio_measures(page: Page, lang: str) -> None:
    section = page.section("summary")
    measures = section.find("dl", "measures")
    rows = [(row.find("dt").text(), row.find("dd").text()) for row in measures.find_all("div")]
    assert rows == list(PORTFOLIO_MEASURES[lang].items())
    note = section.find("p", "note")
    if lang == "en":
        assert note.find("code").text() == "gapcheck summary"
        assert note.text().startswith("gapcheck summary ")
    else:  # the Danish report is for people who do not run the tool: no command in it
        assert not note.find_all("code")
        assert note.text() == "Nøgletallene beskriver porteføljen som helhed."
    # In the summary, after the tiles and their sentences; the findings follow.
    children = [child for child in section.children if isinstance(child, Node)]
    assert [child.tag for child in children][-2:] == ["dl", "p"]
    assert "div" in [child.tag for child in children[:-2]]


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_report_summary_carries_the_portfolio_measures(lang: str) -> None:
    text = report_stdout("--format", "markdown", "--lang", lang)
    summary = text.split("\n### ", 2)[1]  # the summary's section, up to the next heading
    line = next(line for line in summary.splitlines() if "Shannon" in line)
    places = [line.index(f"{label}: {value}") for label, value in PORTFOLIO_MEASURES[lang].items()]
    assert places == sorted(places)
    alone = {
        "en": "`gapcheck summary` shows the portfolio summary",
        "da": "Nøgletallene beskriver porteføljen som helhed.",
    }
    assert alone[lang] in summary.split(line, 1)[1]  # the note right after the measures


def test_at_leaves_out_initiatives_not_yet_started() -> None:
    page = parse(report_stdout("--at", "2006"))
    order = [row.attrs["data-key"] for row in page.body_rows()]
    assert sorted(order) == sorted(set(INITIATIVE_NAMES) - {"eu-kontor"})
    assert "initiative-eu-kontor" not in page.ids
    assert INITIATIVE_NAMES["eu-kontor"] not in page.text()
    assert len(page.section("graph").find("svg").find_all("line")) == 20
    assert "7 of 9 initiatives work on Hjemtagning af viden." in [
        item.own_text() for item in page.findings()
    ]
    assert page.root.find("p", "sub").text().endswith(", as of 2006")
    columns = [td for td in page.matrix.find("tfoot").find_all("td") if "data-key" in td.attrs]
    assert [td.own_text() for td in columns] == ["3", "1", "6", "7", "3"]


YEARS_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
"""
YEARS_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    start: 2020
    end: 2021
    focus_areas: [a, b]
  - id: two
    name: Two
    start: 2021
    focus_areas: [b]
  - id: three
    name: Three
    focus_areas: [b]
"""
NO_YEARS_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b]
"""


def test_timeline_section_from_years(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", YEARS_AREAS, YEARS_INITIATIVES)
    page = parse(report_stdout(data=data))
    timeline = page.section("timeline")
    years = [th.text() for th in timeline.find("thead").find_all("th")][1:]
    assert years[:3] == ["2020", "2021", "2022"]
    rows = {
        row.find("th").text(): [td.text() for td in row.find_all("td")]
        for row in timeline.find("tbody").find_all("tr")
    }
    assert rows["Area A"][:3] == ["1*", "1*", "0!"]
    assert rows["Area B"][:3] == ["2", "3", "2"]
    assert set(rows["Area A"][2:]) == {"0!"}
    assert years == [str(year) for year in range(2020, date.today().year + 1)]
    # the matrix counts the initiatives active this year (two and three); the timeline
    # every year's own
    columns = [td for td in page.matrix.find("tfoot").find_all("td") if "data-key" in td.attrs]
    assert [td.own_text() for td in columns] == ["0", "2"]
    everything = parse(report_stdout("--all-years", data=data))
    columns = [
        td for td in everything.matrix.find("tfoot").find_all("td") if "data-key" in td.attrs
    ]
    assert [td.own_text() for td in columns] == ["1", "3"]
    # without years, no timeline
    without = parse(
        report_stdout(data=write_data(tmp_path / "plain", YEARS_AREAS, NO_YEARS_INITIATIVES))
    )
    assert "matrix" in without.ids
    assert "timeline" not in without.ids


def _base_directory(tmp_path: Path) -> Path:
    """data/ as it was before: no EU office, and the export council also on outsourcing."""
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(DATA / "focus_areas.yaml", base / "focus_areas.yaml")
    items = [i for i in initiatives_yaml() if i["id"] != "eu-kontor"]
    for item in items:
        if item["id"] == "eksportraad":
            item["focus_areas"].append({"id": "specialisering-og-outsourcing"})
    (base / "initiatives.yaml").write_text(
        yaml.safe_dump({"initiatives": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return base


DIFF = {
    "en": (
        "1 gap opened, 0 closed; initiatives: 1 added, 1 changed;"
        " coverage changed in 3 focus areas.",
        [
            "✗ gap opened: Specialiserede virksomheder og outsourcing",
            "initiative added: Midtjyllands EU-kontor",
            "initiative changed: Danmarks Eksportråd (Væksthus Midtjylland)"
            " (−Specialiserede virksomheder og outsourcing)",
        ],
    ),
    "da": (
        "1 hul åbnet, 0 lukket; initiativer: 1 tilføjet, 1 ændret;"
        " dækningen er ændret i 3 fokusområder.",
        [
            "✗ hul åbnet: Specialiserede virksomheder og outsourcing",
            "initiativ tilføjet: Midtjyllands EU-kontor",
            "initiativ ændret: Danmarks Eksportråd (Væksthus Midtjylland)"
            " (−Specialiserede virksomheder og outsourcing)",
        ],
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_base_directory_adds_a_diff_section(lang: str, tmp_path: Path) -> None:
    base = _base_directory(tmp_path)
    page = parse(report_stdout("--base", str(base), "--lang", lang))
    diff = page.section("diff")
    headline, lines = DIFF[lang]
    assert diff.find("strong").text() == headline
    assert [li.text() for ul in diff.find_all("ul") for li in ul.find_all("li")] == lines
    assert [li.classes for li in diff.find_all("li")] == [["bad"], ["good"], ["warn"]]
    changes = [[td.text() for td in tr.find_all("td")] for tr in diff.find("tbody").find_all("tr")]
    now_a_gap = {"en": "now a gap", "da": "nu et hul"}[lang]
    assert changes == [  # losses first, the new gap marked
        [AREA_NAMES["specialisering-og-outsourcing"], "2", "1", f"-1 ({now_a_gap})"],
        [AREA_NAMES["hjemtagning-af-viden"], "7", "8", "+1"],
        [AREA_NAMES["synlighed-og-branding"], "3", "4", "+1"],
    ]
    if lang == "en":
        assert str(base) in diff.find("h2").text()
    else:  # the Danish report names no folders: its readers never run the tool
        # both versions counted in the bundled data's year (its as_of:, else this year)
        assert diff.find("h2").text().startswith("Ændringer: fra den tidligere version til denne")
        assert str(base) not in diff.find("h2").text()


def test_base_that_is_neither_directory_nor_revision_exits_2(tmp_path: Path) -> None:
    result = run("report", "--data", str(DATA), "--base", "no-such-rev-xyz", "-o", "-")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")


HOSTILE_AREAS = """\
focus_areas:
  - id: a
    name: "<script>alert('area')</script> & Co"
    source: "<script>source()</script> & <b>bold</b>"
  - id: b
    name: "B & B"
"""
HOSTILE_INITIATIVES = """\
initiatives:
  - id: one
    name: "Tom & Jerry <script>alert(1)</script>"
    source: "a & b <img src=x onerror=alert(1)>"
    focus_areas:
      - id: a
        note: "<script>note()</script> & \\"quoted\\""
      - id: b
  - id: two
    name: "<Two>"
    focus_areas: [a]
"""


def test_names_and_notes_are_escaped(tmp_path: Path) -> None:
    data = write_data(tmp_path / "d<script>&", HOSTILE_AREAS, HOSTILE_INITIATIVES)
    for lang in LANGS:
        source = report_stdout("--lang", lang, data=data)
        assert "&lt;script&gt;" in source
        assert "<script" not in source.lower()
        assert "<img" not in source.lower()
        assert "<b>" not in source
        assert "<two>" not in source.lower()
        assert "Tom &amp; Jerry" in source
        page = parse(source)
        assert page.root.find_all("script") == []
        assert page.root.find_all("img") == []
        text = page.text()
        for literal in (
            "Tom & Jerry <script>alert(1)</script>",
            "<script>alert('area')</script> & Co",
            "<script>source()</script> & <b>bold</b>",
            "a & b <img src=x onerror=alert(1)>",
            '<script>note()</script> & "quoted"',
            "<Two>",
            "d<script>&",
        ):
            assert literal in text, literal
        # the SVG labels too
        titles = {t.text() for svg in page.svgs() for t in svg.find_all("title")}
        assert "Tom & Jerry <script>alert(1)</script>" in titles
        assert "<Two>" in titles
        markdown = report_stdout("--format", "markdown", "--lang", lang, data=data)
        assert "Tom & Jerry" in markdown


OWN_MINIMUM_AREAS = """\
focus_areas:
  - id: a
    name: Area A
    min_initiatives: 3
  - id: b
    name: Area B
    min_initiatives: 1
"""
OWN_MINIMUM_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b]
  - id: two
    name: Two
    focus_areas: [a]
  - id: three
    name: Three
    focus_areas: []
"""


def test_bars_follow_each_focus_areas_own_minimum(tmp_path: Path) -> None:
    """Area A (2 of its own minimum 3) is thin; Area B (1, its own minimum 1) is not."""
    data = write_data(tmp_path / "data", OWN_MINIMUM_AREAS, OWN_MINIMUM_INITIATIVES)
    page = parse(report_stdout(data=data))
    foot = {
        td.attrs["data-key"]: td.classes
        for td in page.matrix.find("tfoot").find_all("td")
        if "data-key" in td.attrs
    }
    assert foot == {"a": ["bad"], "b": []}
    bars = {g.attrs["data-key"]: g.classes for g in page.svgs()[0].find_all("g", "bar")}
    assert bars == {"a": ["bar", "gap"], "b": ["bar", "ok"]}
    sentences = [item.own_text() for item in page.findings()]
    assert "Area A is served by 2 initiatives only (the minimum is 3)." in sentences
    assert "Three serves no focus area." in sentences
    for item in page.findings():
        href = item.find("a").attrs["href"]
        assert href[1:] in page.ids


def test_empty_portfolio_report(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", "focus_areas: []\n", "initiatives: []\n")
    result = run("report", "--data", str(data), "-o", "-")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    page = parse(result.stdout)
    assert page.findings() == []
    assert "No gaps or overlaps found." in page.section("findings").text()
    assert len(page.svgs()) == 2


# --- --lang on the terminal tables -------------------------------------------------------


def test_gaps_in_danish() -> None:
    result = run("gaps", "--data", str(DATA), "--lang", "da")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Huller")
    assert "Fokusområde" in out
    assert "tyndt dækket" in out
    assert "Gaps" not in out
    assert "Focus area" not in out
    english = run("gaps", "--data", str(DATA)).stdout
    assert english.startswith("Gaps")
    assert "Focus area" in english


def test_matrix_in_danish() -> None:
    result = run("matrix", "--data", str(DATA), "--lang", "da")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Dækningsmatrix")
    assert "I alt" in out
    assert "Initiativ" in out
    assert "Total" not in out
    assert "Coverage matrix" not in out
    footer = next(line for line in out.splitlines() if line.startswith("│ I alt "))
    assert [cell.strip() for cell in footer.split("│")[2:-2]] == COLUMN_TOTALS


def _many_areas(directory: Path, areas: int) -> Path:
    """``areas`` focus areas: every third crowded (7 of 10), the next thin (1 of 10)."""
    focus = "focus_areas:\n" + "".join(
        f"  - id: a{i}\n    name: Area number {i}\n" for i in range(areas)
    )
    items = "initiatives:\n" + "".join(
        f"  - id: i{j}\n    name: Initiative {j}\n    focus_areas: ["
        + ", ".join(f"a{i}" for i in range(areas) if (i % 3 == 0 and j < 7) or j == 0)
        + "]\n"
        for j in range(10)
    )
    return write_data(directory, focus, items)


@pytest.mark.parametrize(("areas", "worded"), [(6, True), (7, False), (12, False)])
def test_matrix_totals_flagged_by_word_or_mark(tmp_path: Path, areas: int, worded: bool) -> None:
    """A flag's word under a total while every column has room for it on A4 (never
    cut within a word); with more columns, a mark that a key names."""
    page = parse(report_stdout("--lang", "da", data=_many_areas(tmp_path, areas)))
    foot = [td for td in page.matrix.find("tfoot").find_all("td") if "data-key" in td.attrs]
    flags = [[span.text() for span in td.find_all("span", "flag")] for td in foot]
    crowded, thin = (["overbelastet"], ["tyndt dækket"]) if worded else (["▲"], ["*"])
    assert flags[:3] == [crowded, thin, thin]
    assert [td.own_text() for td in foot[:3]] == ["7", "1", "1"]
    keys = [p.text() for p in page.section("matrix").find_all("p", "key")]
    marks = "* tyndt dækket · ▲ overbelastet"
    assert (marks in keys) is not worded


def test_bars_of_a_large_portfolio_end_at_the_longest(tmp_path: Path) -> None:
    """40 initiatives on 4 focus areas, at most 3 on one: the scale ends at the longest
    bar (not at 40, where every bar would be a sliver), and the crowded threshold (20),
    beyond it, is named at the end without a line."""
    focus = "focus_areas:\n" + "".join(f"  - id: a{i}\n    name: Area {i}\n" for i in range(4))
    served = {j: f"a{j % 4}" if j < 9 else "" for j in range(40)}  # 3, 2, 2, 2 of 40
    items = "initiatives:\n" + "".join(
        f"  - id: i{j}\n    name: Initiative {j}\n    focus_areas: [{area}]\n"
        for j, area in served.items()
    )
    page = parse(report_stdout(data=write_data(tmp_path / "data", focus, items)))
    chart = page.section("bars").find("svg")
    widths = {
        g.find("text", "value").text(): float(g.find("rect").attrs["width"])
        for g in chart.find_all("g", "bar")
    }
    assert widths["3"] == pytest.approx(420)  # the whole plot
    assert widths["2"] == pytest.approx(280)
    minimum, crowded = chart.find_all("g", "threshold")
    assert len(minimum.find_all("line")) == 1
    assert crowded.find_all("line") == []
    assert crowded.find("text").text() == "crowded from 21 →"
