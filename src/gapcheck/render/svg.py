"""The drawings of the HTML report, from the document's blocks (``draw``), written
directly as SVG (no plotting library).

Three pictures, all plain SVG with text labels (readable without colour): a
:class:`~gapcheck.views.document.BarChart` of counts (initiatives per focus area,
the thin and crowded thresholds as lines), one of amounts (money per focus area or
owner), and a :class:`~gapcheck.views.document.Network` (initiatives and focus areas).
They draw what the view put in the block and decide nothing of what it shows.
Drawing them by hand keeps the report free of scripts and of a heavy dependency, and
makes the output exact.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction
from html import escape as _html_escape

from gapcheck.render import safe
from gapcheck.views import document as doc

CHAR_WIDTH = 6.6  # average width of a 12px sans-serif character, for layout
BLUE = "#2c6fa6"
GREY = "#6b7280"
RED = "#b42318"
AMBER = "#b54708"
#: A bar's kind from its tone (a gap, crowded), and the kind's colour.
_BAR_KIND = {"bad": "gap", "alarm": "gap", "warn": "crowded"}
_COLOUR = {"gap": RED, "crowded": AMBER, "ok": BLUE}
#: A threshold line's colour and dashes, by its tone.
_LINE = {"bad": (RED, "5 3"), "alarm": (RED, "5 3"), "warn": (AMBER, "2 3")}
#: The height of a row of threshold labels, and the least room between two labels.
_LABEL_ROW = 14
_GAP = 6
#: A chart of more bars is ``long``: printed taller (``report.css``) to stay readable.
_SHORT = 12


def escape(text: str) -> str:
    """Text for SVG: control characters as visible escapes, then HTML-escaped."""
    return _html_escape(safe.html(text))


def _clip(text: str, width: float) -> str:
    """Shorten a label to fit ``width`` pixels (the full text stays in a tooltip)."""
    room = max(4, int(width / CHAR_WIDTH))
    return text if len(text) <= room else text[: room - 1] + "…"


def draw(block: doc.BarChart | doc.Network) -> str:
    """The drawing of a block: bars of amounts (a chart whose values are written, such
    as money), bars of counts with their threshold lines, or the network."""
    if isinstance(block, doc.Network):
        return network(block)
    return amount_bars(block) if block.texts else bar_chart(block)


def bar_chart(block: doc.BarChart, *, width: int = 760) -> str:
    """Horizontal bars of counts, coloured by each bar's tone (a gap, crowded), with a
    dashed line across them for each threshold (``block.lines``), labelled above.

    The scale ends at ``block.peak`` (the number of initiatives) or the longest bar.
    """
    label_width = 300
    row = 28
    plot = width - label_width - 40
    keys = block.keys or tuple(str(i) for i in range(len(block.bars)))
    tones = block.tones or (None,) * len(block.bars)
    bars = [int(n) for _, n in block.bars]
    scale_max = max(block.peak or 0, max(bars, default=0), 1)

    def x(value: float) -> float:
        # Clamped to the plot, and divided exactly: a threshold far above every bar
        # (any whole number, however large) is drawn at the right edge, never as a
        # float overflow or outside the picture.
        if isinstance(value, float) and not math.isfinite(value):
            value = 0 if math.isnan(value) else scale_max * (value > 0)
        clamped = min(max(value, 0), scale_max)
        return label_width + plot * float(Fraction(clamped) / scale_max)

    at = [x(value) for value, _, _ in block.lines]
    # A threshold beyond the scale's end has no line: its label stands at the end.
    beyond = [_beyond(value, scale_max) for value, _, _ in block.lines]
    shown = [
        doc.plain(label) + (" →" if far else "")
        for (_, label, _), far in zip(block.lines, beyond, strict=True)
    ]
    placed = _labels(list(zip(at, shown, strict=True)), width)
    rows = max((r for _, _, r in placed), default=0) + 1
    top = 34 + _LABEL_ROW * (rows - 1)
    height = top + row * len(bars) + 16
    long = " long" if len(bars) > _SHORT else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" class="chart bars{long}">'
    ]
    for index, ((label, _), count) in enumerate(zip(block.bars, bars, strict=True)):
        y = top + index * row
        kind = _BAR_KIND.get(tones[index] or "", "ok")
        name = doc.plain(label)
        parts.append(
            f'<g class="bar {kind}" data-key="{escape(keys[index])}"><title>{escape(name)}: {count}'
            f"</title>"
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_clip(name, label_width - 10))}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{max(x(count) - label_width, 1.5):.1f}"'
            f' height="{row - 10}" fill="{_COLOUR[kind]}"/>'
            f'<text x="{x(count) + 6:.1f}" y="{y + 17}" class="value">{count}</text></g>'
        )
    bottom = top + row * len(bars)
    for position, (_, _, tone), label, far, (text_x, anchor, label_row) in zip(
        at, block.lines, shown, beyond, placed, strict=True
    ):
        colour, dash = _LINE.get(tone, _LINE["bad"])
        line = (
            ""
            if far
            else f'<line x1="{position:.1f}" y1="{top - 6}" x2="{position:.1f}"'
            f' y2="{bottom}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}"/>'
        )
        parts.append(
            f'<g class="threshold">{line}'
            f'<text x="{text_x:.1f}" y="{top - 12 - _LABEL_ROW * label_row}"'
            f' text-anchor="{anchor}" fill="{colour}">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _beyond(value: float, end: int) -> bool:
    """Whether a threshold lies past the scale's end (a non-number counts as at 0)."""
    if isinstance(value, float) and not math.isfinite(value):
        return value == math.inf
    return value > end


def _labels(lines: list[tuple[float, str]], width: int) -> list[tuple[float, str, int]]:
    """Where each threshold line's label goes, ``(x, text-anchor, row)``, so that no two
    overlap: centred over its line; where two centred labels would touch, the left one
    ends at its line and the right one starts at its own; what still touches goes a
    row higher (row 0 is the one nearest the bars). Every label stays in the picture."""
    order = sorted(range(len(lines)), key=lambda i: lines[i][0])
    sizes = [len(label) * CHAR_WIDTH for _, label in lines]
    offset = {"middle": 0.0, "end": -4.0, "start": 4.0}

    def place(i: int, anchor: str) -> tuple[float, str, float]:
        """``(x, anchor, left end)``: as asked, or from its left end where it would
        leave the picture."""
        at, size = lines[i][0] + offset[anchor], sizes[i]
        left = {"middle": at - size / 2, "end": at - size, "start": at}[anchor]
        inside = min(max(left, 0.0), width - size)
        return (at, anchor, left) if inside == left else (inside, "start", inside)

    anchors = dict.fromkeys(order, "middle")
    for a, b in itertools.pairwise(order):
        if place(a, "middle")[2] + sizes[a] + _GAP > place(b, "middle")[2]:
            anchors[a] = "end" if anchors[a] == "middle" else anchors[a]
            anchors[b] = "start"
    rows: list[list[tuple[float, float]]] = []
    found: dict[int, tuple[float, str, int]] = {}
    for i in order:
        at, anchor, left = place(i, anchors[i])
        right = left + sizes[i]
        free = (
            r
            for r, taken in enumerate(rows)
            if all(right + _GAP <= start or end + _GAP <= left for start, end in taken)
        )
        row = next(free, len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append((left, right))
        found[i] = (at, anchor, row)
    return [found[i] for i in range(len(lines))]


def network(block: doc.Network, *, width: int = 760) -> str:
    """Initiatives on the left, focus areas on the right, a line for each mark."""
    initiatives = [(key, doc.plain(name)) for key, name in block.left]
    areas = [(key, doc.plain(name)) for key, name in block.right]
    row = 26
    top = 16
    rows = max(len(initiatives), len(areas), 1)
    height = top * 2 + row * rows
    left_x, right_x = 250, width - 250

    def ys(count: int) -> list[float]:
        offset = top + (rows - count) * row / 2
        return [offset + row * index + row / 2 for index in range(count)]

    left = dict(zip((i for i, _ in initiatives), ys(len(initiatives)), strict=True))
    right = dict(zip((a for a, _ in areas), ys(len(areas)), strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" class="chart graph">'
    ]
    for initiative, area in block.edges:
        if initiative in left and area in right:
            parts.append(
                f'<line x1="{left_x}" y1="{left[initiative]:.1f}" x2="{right_x}"'
                f' y2="{right[area]:.1f}" stroke="{BLUE}" stroke-opacity="0.45"'
                f' stroke-width="1.5"/>'
            )
    for item_id, label in initiatives:
        y = left[item_id]
        parts.append(
            f'<g class="node initiative"><title>{escape(label)}</title>'
            f'<circle cx="{left_x}" cy="{y:.1f}" r="4.5" fill="{GREY}"/>'
            f'<text x="{left_x - 10}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_clip(label, left_x - 14))}</text></g>"
        )
    for area_id, label in areas:
        y = right[area_id]
        parts.append(
            f'<g class="node area"><title>{escape(label)}</title>'
            f'<rect x="{right_x - 5}" y="{y - 5:.1f}" width="10" height="10" fill="{BLUE}"/>'
            f'<text x="{right_x + 12}" y="{y + 4:.1f}">'
            f"{escape(_clip(label, width - right_x - 16))}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def amount_bars(block: doc.BarChart, *, width: int = 440) -> str:
    """Horizontal bars of amounts, longest the largest, each followed by its value as
    the view wrote it (``block.texts``): the money per focus area or owner."""
    bars = [
        (doc.plain(label), Fraction(Decimal(value)), text)
        for (label, value), text in zip(block.bars, block.texts, strict=True)
    ]
    label_width = 200
    row = 20
    top = 4
    # Room for the longest amount written after its bar (bold: wider than CHAR_WIDTH).
    plot = width - label_width - 10 - 7.6 * max((len(b[2]) for b in bars), default=0)
    peak = max((value for _, value, _ in bars), default=Fraction(0)) or Fraction(1)
    height = top + row * len(bars) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" class="chart money">'
    ]
    for index, (label, value, text) in enumerate(bars):
        y = top + index * row
        length = float(plot * max(value, Fraction(0)) / peak)
        parts.append(
            f'<g class="bar"><title>{escape(label)}: {escape(text)}</title>'
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(_clip(label, label_width - 8))}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1.0):.1f}"'
            f' height="{row - 7}" fill="{BLUE}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" class="value">'
            f"{escape(text)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
