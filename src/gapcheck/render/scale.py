"""How the human formats of the report stay readable at any size.

One rule for the HTML and Markdown report: the summary first, the worst N next,
everything else one option away (collapsed, or in ``--format csv``/``json``), and
never a layout that degrades into noise. The budgets are named here; the helpers
choose what to show from the report's typed results, without I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gapcheck.i18n import Lang, num

if TYPE_CHECKING:  # caps.py (every view) reads the budgets; validate imports no analysis
    from gapcheck.analysis.coverage import AreaCoverage, CoverageMatrix, GapReport, GapRollup

#: The matrix is drawn cell by cell only up to this many cells ...
MATRIX_CELL_BUDGET = 20_000
#: ... and this many focus-area columns (more would overprint their headers).
MATRIX_MAX_COLUMNS = 40
#: Findings listed one by one before the rest is grouped and collapsed.
WORST_FINDINGS = 20
#: Rolled-up sub-area gaps listed before the rest is collapsed.
TOP_ROLLUPS = 15
#: Bars in the bar chart; above it, the least and the most served half each.
BAR_LIMIT = 40
#: The graph is drawn for at most this many initiatives and this many focus areas.
GRAPH_NODE_LIMIT = 60
#: Rows of the matrix by top-level focus area (HTML); the worst first beyond it.
AGGREGATE_ROWS = 250
#: Rows of the matrix by top-level focus area in Markdown.
MARKDOWN_AGGREGATE_ROWS = 40
#: Rows of the timeline.
TIMELINE_ROWS = 60
#: Lines of the diff section.
DIFF_LINES = 100
#: Initiatives named in one finding about a group; the rest are counted.
NAMES_PER_FINDING = 8
#: Characters of a name in the Markdown of a large report (a pull-request comment).
NAME_CHARS = 80
#: Items in one collapsed list of the HTML page.
DETAIL_ITEMS = 1_000
#: Marks up to which the evidence lists every initiative under its focus areas.
EVIDENCE_MARKS = 20_000
#: Characters of the changes (``--base``) in the Markdown report.
MARKDOWN_DIFF_CHARS = 15_000
#: Markdown (for a pull-request comment) stays below this many characters.
MARKDOWN_LIMIT = 60_000


def clip(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def matrix_is_large(matrix: CoverageMatrix) -> bool:
    """Too many cells or columns to draw the matrix one cell at a time."""
    columns = len(matrix.focus_areas)
    return columns > MATRIX_MAX_COLUMNS or len(matrix.initiatives) * columns > MATRIX_CELL_BUDGET


def graph_fits(matrix: CoverageMatrix) -> bool:
    return (
        len(matrix.initiatives) <= GRAPH_NODE_LIMIT and len(matrix.focus_areas) <= GRAPH_NODE_LIMIT
    )


def roots(parents: Mapping[str, str | None]) -> dict[str, str]:
    """Each focus area's top-level ancestor (itself at the top), without recursion."""
    found: dict[str, str] = {}
    for start in parents:
        path: list[str] = []
        node = start
        while node not in found:
            up = parents.get(node)
            if up is None or up not in parents:  # the top (a dangling parent counts as none)
                found[node] = node
                break
            path.append(node)
            node = up
        for area_id in path:
            found[area_id] = found[node]
    return found


@dataclass(frozen=True, slots=True)
class AggregateRow:
    """A top-level focus area with its whole subtree, for the matrix by parent."""

    area: AreaCoverage
    subtree: tuple[AreaCoverage, ...]  # the area itself first, then its descendants
    uncovered: int  # in the subtree
    thin: int

    @property
    def gaps(self) -> int:
        return self.uncovered + self.thin


def aggregated_note(matrix: CoverageMatrix, lang: Lang = "en") -> dict[str, str]:
    """The numbers of the note above an aggregated matrix: its initiatives, focus areas
    and cells, and the cell budget it exceeds (``report.aggregated``), as ``lang``
    writes numbers."""
    return {
        "initiatives": num(len(matrix.initiatives), lang),
        "focus_areas": num(len(matrix.focus_areas), lang),
        "cells": num(len(matrix.initiatives) * len(matrix.focus_areas), lang),
        "budget": num(MATRIX_CELL_BUDGET, lang),
    }


def aggregate(matrix: CoverageMatrix, gaps: GapReport) -> list[AggregateRow]:
    """The focus areas grouped under their top-level ancestor, in file order."""
    parents = {area.id: area.parent for area in matrix.focus_areas}
    top = roots(parents)
    kinds = {gap.focus_area: gap.kind for gap in gaps.gaps}
    members: dict[str, list[AreaCoverage]] = {}
    for area in matrix.focus_areas:
        members.setdefault(top[area.id], []).append(area)
    by_id = {area.id: area for area in matrix.focus_areas}
    rows = []
    for root_id, subtree in members.items():
        # the root first, whatever its place in the file
        ordered = [by_id[root_id], *(a for a in subtree if a.id != root_id)]
        rows.append(
            AggregateRow(
                by_id[root_id],
                tuple(ordered),
                sum(1 for a in ordered if kinds.get(a.id) == "uncovered"),
                sum(1 for a in ordered if kinds.get(a.id) == "thin"),
            )
        )
    return rows


def worst_rows(rows: Sequence[AggregateRow], limit: int) -> list[AggregateRow]:
    """All rows in file order when they fit; else the ``limit`` with the most gaps."""
    if len(rows) <= limit:
        return list(rows)
    ranked = sorted(rows, key=lambda row: (-row.gaps, -row.uncovered))
    return ranked[:limit]


def ranked_rollups(rollups: Sequence[GapRollup]) -> list[GapRollup]:
    """Rolled-up gaps, the parents with the most uncovered sub-areas first."""
    return sorted(rollups, key=lambda r: (-len(r.uncovered), -r.gaps))


def bar_selection(bars: Sequence[tuple[str, str, int]], limit: int = BAR_LIMIT) -> list[int]:
    """Indexes of the bars to draw: all when they fit, else the ``limit // 2`` least
    and most served, most served first."""
    order = sorted(range(len(bars)), key=lambda i: (-bars[i][2], i))
    if len(bars) <= limit:
        return list(range(len(bars)))
    half = limit // 2
    return order[:half] + order[-half:]
