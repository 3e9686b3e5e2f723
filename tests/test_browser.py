"""The HTML report in a real browser: headless Chromium through Playwright.

What only a browser can tell: the page opens from a file with no console error and
no request to any address, renders the same with JavaScript switched off, fits the
window it was made for, draws its charts, and prints to A4. The screenshot's PNG is
decoded with zlib and struct (no image library) to see that something was drawn.

The module is skipped, with the reason, only when Playwright cannot be imported or
no Chromium executable exists, and only outside CI: under ``CI=true`` either is a
failure (``components.missing``); CI installs both.
"""

from __future__ import annotations

import re
import struct
import sys
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from components import missing
from gapcheck.cli import app
from realdata import atomic_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

try:
    from playwright import sync_api  # noqa: F401  (a missing Playwright is this module's failure)
except ImportError:
    missing("Playwright is not installed (pip install playwright)", module=True)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

WIDTH = 1100  # the viewport, in CSS pixels (device scale factor 1)
HEIGHT = 900

# Colours the report must show: the darkest heat step (the most-served column's
# header) and the red of the thin bar and of the thin column's total.
HEAT_DARKEST = (0x08, 0x51, 0x9C)
BAR_RED = (0xB4, 0x23, 0x18)
GAP_BACKGROUND = "rgb(253, 226, 225)"  # --red-bg
TITLES = {"en": "Coverage report", "da": "Dækningsrapport"}
PORTFOLIO = "Region Midtjylland: internationaliseringsindsatser 2009 (Tabel 3.2)"
A4_POINTS = (595.28, 841.89)


@pytest.fixture(params=["en", "da"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def report_file(lang: str, tmp_path: Path) -> Path:
    """The report of data/ in ``lang``, as a file."""
    target = tmp_path / f"report-{lang}.html"
    result = CliRunner().invoke(
        app,
        ["report", "--data", str(DATA), "--lang", lang, "-o", str(target)],
        env={"NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    return target


class Watch:
    """What a page did besides showing the file: console errors, page errors, requests."""

    def __init__(self, page: Page, own_url: str) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self._request(request.url, own_url))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _request(self, url: str, own_url: str) -> None:
        if url != own_url and not url.startswith(("data:", "about:")):
            self.requests.append(url)

    def assert_quiet(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.requests == [], "the report asked the network for something"


def open_report(browser: Browser, path: Path, *, javascript: bool = True) -> tuple[Page, Watch]:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        device_scale_factor=1,
        java_script_enabled=javascript,
    )
    # Belt and braces: whatever is not the file itself is refused, never fetched.
    context.route(
        lambda url: not url.startswith(("file:", "data:", "about:")),
        lambda route: route.abort(),
    )
    page = context.new_page()
    url = path.as_uri()
    watch = Watch(page, url)
    response = page.goto(url, wait_until="load")
    assert response is None or response.ok
    return page, watch


# --- PNG, with the standard library -----------------------------------------------------


def png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        yield kind, data[position + 8 : position + 8 + length]
        position += 12 + length


def png_size(data: bytes) -> tuple[int, int]:
    kind, header = next(png_chunks(data))
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", header[:8])
    return width, height


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA, non-interlaced PNG."""
    header = next(body for kind, body in png_chunks(data) if kind == b"IHDR")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8
    assert interlace == 0
    assert colour in (2, 6), f"colour type {colour}"
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(body for kind, body in png_chunks(data) if kind == b"IDAT"))
    stride = width * channels
    assert len(raw) == height * (stride + 1)
    previous = bytearray(stride)
    rows: list[bytes] = []
    for y in range(height):
        start = y * (stride + 1)
        method = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if method == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif method == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif method == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif method == 4:  # Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        else:
            assert method == 0, f"filter {method}"
        # keep RGB only
        rows.append(bytes(line) if channels == 3 else bytes(_drop_alpha(line)))
        previous = line
    return width, height, rows


def _drop_alpha(line: bytearray) -> bytearray:
    out = bytearray()
    for i in range(0, len(line), 4):
        out += line[i : i + 3]
    return out


def colours(rows: list[bytes]) -> dict[tuple[int, int, int], int]:
    """How many pixels have each colour."""
    counts: dict[tuple[int, int, int], int] = {}
    for row in rows:
        for i in range(0, len(row), 3):
            key = (row[i], row[i + 1], row[i + 2])
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_png_decoder_reads_a_known_image() -> None:
    """The decoder itself: a 2×2 image written with all five filters' worth of rows."""
    pixels = [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 255, 255, 255])]
    raw = b"".join(b"\x00" + row for row in pixels)
    # row 2 again, Up-filtered against row 1
    up = bytes((b - a) & 0xFF for a, b in zip(pixels[0], pixels[1], strict=True))
    for body in (raw, b"\x00" + pixels[0] + b"\x02" + up):
        header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
        png = b"\x89PNG\r\n\x1a\n"
        for kind, chunk in ((b"IHDR", header), (b"IDAT", zlib.compress(body)), (b"IEND", b"")):
            png += struct.pack(">I", len(chunk)) + kind + chunk + b"\0\0\0\0"
        assert png_size(png) == (2, 2)
        assert png_pixels(png)[2] == pixels


# --- the report in Chromium -------------------------------------------------------------


def test_report_in_chromium(browser: Browser, report_file: Path, lang: str, tmp_path: Path) -> None:
    page, watch = open_report(browser, report_file)
    as_of = {"en": "as of", "da": "pr."}[lang]  # the data has years: this year is counted
    assert page.title() == f"{TITLES[lang]} · {PORTFOLIO}, {as_of} {date.today().year}"
    assert page.evaluate("document.documentElement.lang") == lang

    layout = page.evaluate(
        """() => ({
            width: window.innerWidth,
            scrollWidth: document.documentElement.scrollWidth,
            scrollHeight: document.documentElement.scrollHeight,
            fonts: document.fonts.size,
            scripts: document.scripts.length,
            charts: [...document.querySelectorAll('svg.chart')].map(
                svg => [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height]),
            brokenLinks: [...document.querySelectorAll('a[href]')]
                .filter(a => !a.getAttribute('href').startsWith('#')
                             || !document.getElementById(a.getAttribute('href').slice(1)))
                .map(a => a.getAttribute('href')),
            gapBackground: getComputedStyle(
                document.querySelector('table.grid tfoot td.bad')).backgroundColor,
        })"""
    )
    assert layout["width"] == WIDTH
    assert layout["scrollWidth"] == WIDTH, "something is wider than the window"
    assert layout["scrollHeight"] > 1000
    assert layout["fonts"] == 0, "no web fonts: the report uses the system's"
    assert layout["scripts"] == 0
    assert len(layout["charts"]) == 2
    for width, height in layout["charts"]:
        assert width > 500
        assert height > 150
    assert layout["brokenLinks"] == []
    assert layout["gapBackground"] == GAP_BACKGROUND

    shot = tmp_path / f"report-{lang}.png"
    png = page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes() == png
    width, height = png_size(png)
    assert width == WIDTH
    assert height == layout["scrollHeight"]
    assert height >= 1500
    _, _, rows = png_pixels(png)
    counts = colours(rows)
    pixels = width * height
    white = counts.get((255, 255, 255), 0)
    assert pixels - white > pixels // 100, "the page is (almost) blank"
    assert len(counts) > 50, "too few colours for text, heatmap and charts"
    assert counts.get(HEAT_DARKEST, 0) > 500, "the heatmap's darkest header is not drawn"
    assert counts.get(BAR_RED, 0) > 200, "the thin bar is not drawn red"

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000
    # The stylesheet's own page size wins over a Letter default: @page { size: A4 }.
    css_sized = page.pdf(format="Letter", prefer_css_page_size=True)
    for document in (pdf, css_sized):
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", document)
        assert len(boxes) >= 2, "the report should run over more than one A4 page"
        for box in boxes:
            assert float(box[0]) == pytest.approx(A4_POINTS[0], abs=1.5)
            assert float(box[1]) == pytest.approx(A4_POINTS[1], abs=1.5)

    watch.assert_quiet()
    page.context.close()


def test_report_needs_no_javascript(browser: Browser, report_file: Path) -> None:
    """With scripts off the page looks exactly the same."""
    shots = []
    for javascript in (True, False):
        page, watch = open_report(browser, report_file, javascript=javascript)
        shots.append(page.screenshot(full_page=True))
        watch.assert_quiet()
        page.context.close()
    assert png_size(shots[0]) == png_size(shots[1])
    assert shots[0] == shots[1]


LONG_AREAS = """\
focus_areas:
  - id: a
    name: A focus area with a name long enough to wrap in its cell
  - id: b
    name: B
"""
LONG_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    start: 1980
    end: 1999
    focus_areas: [a, b]
  - id: two
    name: Two
    start: 1995
    focus_areas: [b]
"""


def test_a_long_timeline_fits_the_page(browser: Browser, tmp_path: Path) -> None:
    """Forty-odd years of columns stay inside the page, and no cell's text is cut off."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "focus_areas.yaml").write_text(LONG_AREAS, encoding="utf-8")
    (data / "initiatives.yaml").write_text(LONG_INITIATIVES, encoding="utf-8")
    target = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--data", str(data), "-o", str(target)])
    assert result.exit_code == 0, result.output
    page, watch = open_report(browser, target)
    found = page.evaluate(
        """() => {
            const table = document.querySelector('#timeline table');
            const cells = [...table.querySelectorAll('th, td')];
            return {
                scrollWidth: document.documentElement.scrollWidth,
                right: table.getBoundingClientRect().right,
                bodyRight: document.body.getBoundingClientRect().right,
                years: table.querySelectorAll('thead th').length - 1,
                cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1
                                       || c.scrollHeight > c.clientHeight + 1)
                          .map(c => c.textContent),
            };
        }"""
    )
    assert found["years"] >= 47  # 1980 to this year
    assert found["scrollWidth"] == WIDTH
    assert found["right"] <= found["bodyRight"]
    assert found["cut"] == []
    watch.assert_quiet()
    page.context.close()


# --- the report of a real, large portfolio ------------------------------------------------

LARGE_BYTES = 3_000_000  # the bounds at the real portfolio's size
LARGE_RENDER_MS = 5_000


def test_large_report_renders_fast_with_the_summary_first(browser: Browser, tmp_path: Path) -> None:
    """1,790 tests × 691 ATT&CK techniques: under 3 MB, loaded and rendered by Chromium
    in under 5 s by its own navigation timing, the summary on the first screen."""
    atomic = atomic_data()
    target = tmp_path / "large.html"
    result = CliRunner().invoke(
        app, ["report", "--data", str(atomic), "-o", str(target)], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert target.stat().st_size < LARGE_BYTES

    page, watch = open_report(browser, target)
    found = page.evaluate(
        """() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const summary = document.getElementById('summary').getBoundingClientRect();
            return {
                loadEventEnd: nav.loadEventEnd,
                summaryTop: summary.top,
                summaryBottom: summary.bottom,
                viewport: window.innerHeight,
                scrollWidth: document.documentElement.scrollWidth,
                firstFindingTop: document.querySelector('#findings ol li')
                    .getBoundingClientRect().top,
                brokenLinks: [...document.querySelectorAll('a[href^="#"]')]
                    .filter(a => !document.getElementById(a.getAttribute('href').slice(1)))
                    .length,
            };
        }"""
    )
    # A generous bound on Chromium's own figure: navigation start to the end of load.
    assert 0 < found["loadEventEnd"] < LARGE_RENDER_MS, found
    assert found["summaryTop"] < found["viewport"]
    assert found["summaryBottom"] < found["viewport"], "the whole summary is on the first screen"
    assert found["firstFindingTop"] < found["viewport"], "the worst finding too"
    assert found["scrollWidth"] == WIDTH, "nothing is wider than the window"
    assert found["brokenLinks"] == 0
    watch.assert_quiet()
    page.context.close()


def test_generated_3_level_report_fits_and_cuts_no_cell(browser: Browser, tmp_path: Path) -> None:
    """4,000 initiatives × 700 focus areas in three levels, with years: the page fits the
    window, no timeline count is cut off, and the summary is on the first screen."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    data = tmp_path / "data"
    generate(data, 4_000, 700, levels=3)
    target = tmp_path / "medium.html"
    result = CliRunner().invoke(
        app, ["report", "--data", str(data), "-o", str(target)], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert target.stat().st_size < LARGE_BYTES
    page, watch = open_report(browser, target)
    found = page.evaluate(
        """() => {
            const cells = [...document.querySelectorAll('#timeline td')];
            return {
                scrollWidth: document.documentElement.scrollWidth,
                summaryBottom: document.getElementById('summary').getBoundingClientRect().bottom,
                viewport: window.innerHeight,
                cells: cells.length,
                cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1
                                       || c.scrollHeight > c.clientHeight + 1)
                          .map(c => c.textContent).slice(0, 5),
            };
        }"""
    )
    assert found["scrollWidth"] == WIDTH
    assert found["summaryBottom"] < found["viewport"]
    assert found["cells"] > 0
    assert found["cut"] == []
    watch.assert_quiet()
    page.context.close()
