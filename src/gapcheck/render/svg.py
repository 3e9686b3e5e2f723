"""Small SVG drawings for the HTML report, written directly (no plotting library).

Two pictures, both plain SVG with text labels (readable without colour): a bar
chart of initiatives per focus area with the thin and crowded thresholds as lines,
and the bipartite graph of initiatives and focus areas. Drawing them by hand keeps
the report free of scripts and of a heavy dependency, and makes the output exact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from html import escape as _html_escape

from gapcheck.render import safe

CHAR_WIDTH = 6.6  # average width of a 12px sans-serif character, for layout
BLUE = "#2c6fa6"
GREY = "#6b7280"
RED = "#b42318"
AMBER = "#b54708"


def escape(text: str) -> str:
    """Text for SVG: control characters as visible escapes, then HTML-escaped."""
    return _html_escape(safe.html(text))


def _clip(text: str, width: float) -> str:
    """Shorten a label to fit ``width`` pixels (the full text stays in a tooltip)."""
    room = max(4, int(width / CHAR_WIDTH))
    return text if len(text) <= room else text[: room - 1] + "…"


def bar_chart(
    bars: list[tuple[str, str, int]],
    *,
    total: int,
    minimum: int,
    crowded_above: float,
    minimum_label: str,
    crowded_label: str,
    flags: Mapping[str, str] | None = None,
    width: int = 760,
) -> str:
    """Horizontal bars (``(id, label, count)``) with threshold lines at ``minimum``
    and ``crowded_above`` initiatives.

    ``flags`` maps a bar's id to ``gap`` or ``crowded`` as the analyses found it (a
    focus area may set its own minimum); without it, the bar is compared with the lines.
    """
    label_width = 300
    row = 28
    top = 34
    plot = width - label_width - 40
    scale_max = max(total, max((b[2] for b in bars), default=0), 1)
    height = top + row * len(bars) + 16

    def x(value: float) -> float:
        # Clamped to the plot, and divided exactly: a threshold far above every bar
        # (any whole number, however large) is drawn at the right edge, never as a
        # float overflow or outside the picture.
        if isinstance(value, float) and not math.isfinite(value):
            value = 0 if math.isnan(value) else scale_max * (value > 0)
        clamped = min(max(value, 0), scale_max)
        return label_width + plot * float(Fraction(clamped) / scale_max)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" class="chart bars">'
    ]
    for index, (area_id, label, count) in enumerate(bars):
        y = top + index * row
        if flags is not None:
            kind = flags.get(area_id, "ok")
        else:
            kind = "gap" if count < minimum else ("crowded" if count > crowded_above else "ok")
        fill = {"gap": RED, "crowded": AMBER, "ok": BLUE}[kind]
        parts.append(
            f'<g class="bar {kind}" data-key="{escape(area_id)}"><title>{escape(label)}: {count}'
            f"</title>"
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_clip(label, label_width - 10))}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{max(x(count) - label_width, 1.5):.1f}"'
            f' height="{row - 10}" fill="{fill}"/>'
            f'<text x="{x(count) + 6:.1f}" y="{y + 17}" class="value">{count}</text></g>'
        )
    bottom = top + row * len(bars)
    for value, label, dash, colour in (
        (minimum, minimum_label, "5 3", RED),
        (crowded_above, crowded_label, "2 3", AMBER),
    ):
        parts.append(
            f'<g class="threshold"><line x1="{x(value):.1f}" y1="{top - 6}" x2="{x(value):.1f}"'
            f' y2="{bottom}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}"/>'
            f'<text x="{x(value):.1f}" y="{top - 12}" text-anchor="middle" fill="{colour}">'
            f"{escape(label)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bipartite(
    initiatives: list[tuple[str, str]],
    areas: list[tuple[str, str]],
    edges: list[tuple[str, str]],
    *,
    width: int = 760,
) -> str:
    """Initiatives on the left, focus areas on the right, a line for each mark."""
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
    for initiative, area in edges:
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


def amount_bars(bars: list[tuple[str, Fraction, str]], *, width: int = 440) -> str:
    """Horizontal bars of amounts (``(label, value, value as written)``), longest the
    largest: the money per focus area or owner, for the report's money section."""
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
