"""How long the lists of the human formats get: the caps, and the one helper that applies them.

The rule of ``scale.py`` for the terminal and the Markdown of every command: the
summary first, the worst N next, everything else one option away (``--limit N``,
``--all``, or ``--format csv``/``json``), and a line saying what was left out.
Caps are for people: JSON, CSV and GitHub annotations stay complete unless
``--limit`` is given (``contract.limited``). Pure: no rich, no I/O.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TypeVar

from gapcheck.i18n import Lang, t
from gapcheck.limits import MAX_SHEET_COLUMNS
from gapcheck.render import scale

#: ``--all``: a limit no list reaches.
ALL = sys.maxsize

#: Default caps of the table and Markdown formats.
GAPS = 20  # rows of gaps (a rolled-up row counts as one)
ORPHANS = 20  # initiatives with no focus area, named
CROWDED = 20  # crowded focus areas
GROUPS = 10  # groups of initiatives with identical focus areas
PAIRS = 20  # overlapping pairs
COORDINATION = 20  # focus areas served by several owners
DIFF_ENTRIES = 50  # entries per section of a diff
TIMELINE_ROWS = scale.TIMELINE_ROWS  # rows of the timeline, after folding identical years
AREA_ROWS = 60  # focus areas in the list layout of matrix and timeline
MATRIX_ROWS = 60  # initiatives in the grid of the matrix
CRITICAL = 20  # critical initiatives
#: Names in one cell (the members of a group, a pair's shared focus areas): a row
#: stays a few lines high however large the group.
NAMES_PER_CELL = 4
#: Owners named in a cell (their names are long: a body and its partners).
OWNERS_PER_CELL = 2
#: A parent with at least this many sub-area gaps is shown as one rolled-up line.
ROLLUP_MIN = 3
#: GitHub annotations written before one summary notice stands for the rest. GitHub
#: shows at most 10 warning and 10 error annotations per step and 50 per job.
ANNOTATIONS = 50

#: Characters of a name in a list for people (``words.labels``): a longer name is cut
#: with an ellipsis and shown with its id, so a row stays a few lines and 1,000-character
#: names keep the Markdown within its budget. Real names (a body and its partners, 103
#: characters in the bundled data) fit.
LABEL_CHARS = 120

#: Focus areas that fit as columns of a workbook sheet (``export xlsx``'s Matrix and
#: Timeline: a name column and a total column besides): Excel and LibreOffice hold
#: 16,384 columns and silently drop the rest, so a wider export is refused.
XLSX_AREAS = MAX_SHEET_COLUMNS - 2

#: Each terminal column of a grid needs this many characters of text ...
MIN_COLUMN = 3
#: ... and the column naming the rows this many, or the grid gives way to a list.
MIN_NAME_COLUMN = 20

T = TypeVar("T")


def effective(limit: int | None, default: int) -> int:
    """The number to show: ``limit`` (``--limit N`` or :data:`ALL`), else ``default``."""
    return default if limit is None else limit


def cap(items: Sequence[T], limit: int | None, default: int = ALL) -> tuple[Sequence[T], int]:
    """The first items to show and how many were left out."""
    most = effective(limit, default)
    if len(items) <= most:
        return items, 0
    return items[:most], len(items) - most


def more(hidden: int, lang: Lang = "en", *, full: str = "csv") -> str:
    """``… and 1,312 more (use --all or --format csv)``."""
    return t("caps.more", lang, count=f"{hidden:,}", format=full)
