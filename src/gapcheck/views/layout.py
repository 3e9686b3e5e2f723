"""Layout decisions a view makes for a terminal of a known width: whether a grid of
focus areas fits as columns, and whether their full names fit as headings. Pure: the
width of text in terminal cells is measured here without rich."""

from __future__ import annotations

import unicodedata

from gapcheck.render import caps


def cells(text: str) -> int:
    """The width of ``text`` in terminal cells (wide East Asian characters count 2)."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def min_width(text: str) -> int:
    """The narrowest a column can get without breaking a word."""
    return max((cells(word) for word in text.split()), default=1)


def grid_fits(columns: int, width: int, first: int, reserved: int = 0) -> bool:
    """Whether a grid of ``columns`` focus areas fits ``width``: the column naming the
    rows at least ``first`` characters, each other column :data:`caps.MIN_COLUMN`,
    each with its borders and padding."""
    return first + 3 + columns * (caps.MIN_COLUMN + 3) + reserved + 1 <= width


def names_fit(first: list[str], headings: list[str], width: int, reserved: int = 0) -> bool:
    """Whether the grid's column headings fit as full names, no word cut: the column
    naming the rows as wide as its longest word (of ``first``), each other column as
    wide as its heading's longest word (at least 3)."""
    need = max((min_width(text) for text in first), default=1)
    need += sum(max(min_width(heading), 3) for heading in headings)
    return need <= width - reserved - (3 * (len(headings) + 1) + 1)


def trailing(headings: list[str]) -> int:
    """The room taken by columns after the grid's marks (a total)."""
    return sum(3 + max(5, cells(heading)) for heading in headings)
