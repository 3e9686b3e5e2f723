"""CSV renderings: one flat table per result, for spreadsheets (see docs/json.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import singledispatch

from gapcheck.analysis import (
    CoverageMatrix,
    CriticalReport,
    DiffReport,
    GapReport,
    OverlapReport,
    PortfolioSummary,
    SpendReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.analysis.compare import Comparison
from gapcheck.analysis.grouping import AttributeMatrix
from gapcheck.render import safe, words


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The table, every row through ``safe.csv_row``: text that a spreadsheet would
    run as a formula gets a leading ``'``; numbers stay numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe.csv_row(header))
    writer.writerows(map(safe.csv_row, rows))
    return buffer.getvalue()


def _ids(ids: Iterable[str]) -> str:
    return ";".join(ids)


@singledispatch
def render(result: object) -> str:
    raise TypeError(f"no CSV rendering for {type(result).__name__}")


@render.register
def _(result: CoverageMatrix) -> str:
    header = [result.by, "name", *(area.id for area in result.focus_areas)]
    cells = words.matrix_cells(result)
    return _write(
        header,
        (
            [item.id, item.name, *marks]
            for item, marks in zip(result.initiatives, cells, strict=True)
        ),
    )


@render.register
def _(result: GapReport) -> str:
    rows: list[list[object]] = [
        [
            g.kind,
            g.focus_area,
            g.name,
            g.count,
            g.threshold,
            _ids(g.initiatives),
            g.priority,
            g.shortfall,
            _ids(g.below_strength),
            "" if g.accepted is None else g.accepted.until.isoformat(),
            "" if g.accepted is None else g.accepted.reason,
            "yes" if g.fails else "no",
        ]
        for g in result.gaps
    ]
    rows += [["orphan", "", "", 0, "", orphan, "", "", "", "", "", ""] for orphan in result.orphans]
    header = ["kind", "focus_area", "name", "count", "threshold", "initiatives"]
    header += ["priority", "shortfall", "below_strength", "accepted_until", "reason", "fails"]
    if result.spend is None:
        return _write(header, rows)
    # With budgets, one more column: the money on each gap area, direct, in the year counted.
    money = result.spend
    rows = [[*row, str(money[str(row[1])]) if row[0] != "orphan" else ""] for row in rows]
    return _write([*header, "spend"], rows)


@render.register
def _(result: OverlapReport) -> str:
    rows: list[list[object]] = [
        ["crowded", a.focus_area, _ids(a.initiatives), a.count, round(a.share, 4), ""]
        for a in result.crowded
    ]
    rows += [
        ["identical", _ids(g.focus_areas), _ids(g.initiatives), len(g.initiatives), "", ""]
        for g in result.identical
    ]
    rows += [
        ["pair", _ids(p.shared), _ids((p.a, p.b)), len(p.shared), "", round(p.jaccard, 4), ""]
        for p in result.pairs
    ]
    rows = [[*row, ""] if len(row) == 6 else row for row in rows]
    rows += [
        ["coordination", a.focus_area, _ids(a.initiatives), len(a.owners), "", "", _ids(a.owners)]
        for a in result.coordination
    ]
    rows += [
        ["identical_owners", _ids(g.focus_areas), "", len(g.owners), "", "", _ids(g.owners)]
        for g in result.identical_owners
    ]
    header = ["kind", "focus_areas", "initiatives", "count", "share", "jaccard", "owners"]
    return _write(header, rows)


@render.register
def _(result: Timeline) -> str:
    header = ["year", *(area.id for area in result.focus_areas)]
    return _write(
        header,
        ([year, *(a.counts[i] for a in result.focus_areas)] for i, year in enumerate(result.years)),
    )


@render.register
def _(result: DiffReport) -> str:
    rows: list[list[object]] = []
    rows += [["gap", a, "opened", "", "", ""] for a in result.gaps_opened]
    # A worse gap: the kinds before and after, and the qualifying count against the minimum.
    rows += [
        [
            "gap",
            g.focus_area,
            "worsened",
            g.kind_before,
            g.kind_after,
            f"{g.count_before} -> {g.count_after} (minimum {g.threshold})",
        ]
        for g in result.gaps_worsened
    ]
    rows += [["gap", a, "closed", "", "", ""] for a in result.gaps_closed]
    rows += [["initiative", i, "added", "", "", ""] for i in result.initiatives_added]
    rows += [["initiative", i, "removed", "", "", ""] for i in result.initiatives_removed]
    rows += [["initiative", i, "started", "", "", ""] for i in result.initiatives_started]
    rows += [["initiative", i, "ended", "", "", ""] for i in result.initiatives_ended]
    rows += [
        [
            "initiative",
            c.id,
            "changed",
            "",
            "",
            _ids([*(f"+{a}" for a in c.added), *(f"-{a}" for a in c.removed)]),
        ]
        for c in result.initiatives_changed
        if c.added or c.removed
    ]
    rows += [["focus_area", a, "added", "", "", ""] for a in result.focus_areas_added]
    rows += [["focus_area", a, "removed", "", "", ""] for a in result.focus_areas_removed]
    # Edits of other fields: one row each, the field named in details.
    rows += [
        ["initiative", c.id, "edited", _blank(f.before), _blank(f.after), f.field]
        for c in result.initiatives_changed
        for f in c.fields
    ]
    rows += [
        ["focus_area", c.id, "edited", _blank(f.before), _blank(f.after), f.field]
        for c in result.focus_areas_changed
        for f in c.fields
    ]
    rows += [
        ["thresholds", "", "edited", _blank(f.before), _blank(f.after), f.field]
        for f in result.thresholds
    ]
    # Losses first; details say how bad: uncovered (none left), gap, drop or gain.
    rows += [
        [
            "coverage",
            c.focus_area,
            "changed",
            _blank(c.before),
            _blank(c.after),
            result.severity(c),
        ]
        for c in result.coverage_by_severity
    ]
    if result.has_budgets:
        rows.append(["spend", "", "total", str(result.spend_before), str(result.spend_after), ""])
        rows += [
            ["spend", c.focus_area, "changed", _blank(_str(c.before)), _blank(_str(c.after)), ""]
            for c in result.spend
        ]
    return _write(["kind", "id", "change", "before", "after", "details"], rows)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _blank(value: object) -> object:
    return "" if value is None else value


@render.register
def _(result: WhatIfReport) -> str:
    """The diff's rows, then a row per initiative removed and per focus area orphaned."""
    extra = [["without", i, "removed", "", "", ""] for i in result.without]
    extra += [["focus_area", a, "orphaned", "", "", ""] for a in result.orphaned]
    if result.freed is not None:
        extra.append(["money", "", "freed", "", str(result.freed), result.currency or ""])
    return render(result.diff) + "".join(_write([], [row]).split("\n", 1)[1] for row in extra)


@render.register
def _(result: CriticalReport) -> str:
    rows: list[list[object]] = [
        ["focus_area", a.focus_area, a.name, a.priority, a.count, a.threshold, a.redundancy, "", ""]
        for a in result.areas
    ]
    # sole: the areas of focus_areas it is the only initiative of (removal leaves them
    # uncovered); the others it keeps at their minimum.
    rows += [
        ["critical", c.id, c.name, c.priority, "", "", 1, _ids(c.focus_areas), _ids(c.sole)]
        for c in result.critical
    ]
    header = ["kind", "id", "name", "priority", "count", "threshold", "redundancy"]
    if not result.has_budgets:
        return _write([*header, "focus_areas", "sole"], rows)
    # With budgets, one more column: each critical initiative's budget in the year counted.
    budgets = {c.id: c.budget for c in result.critical}
    rows = [[*row, str(budgets[str(row[1])]) if row[0] == "critical" else ""] for row in rows]
    return _write([*header, "focus_areas", "sole", "budget"], rows)


@render.register
def _(result: PortfolioSummary) -> str:
    rows: list[list[object]] = [
        ["initiatives", result.initiatives],
        ["focus_areas", result.focus_areas],
        ["marks", result.marks],
        ["covered_direct", result.covered_direct],
        ["covered_rolled_up", result.covered_rolled_up],
        *(["gaps_" + kind, number] for kind, number in result.gaps.items()),
        ["crowded", result.crowded],
        ["identical_groups", result.identical_groups],
        ["critical_initiatives", result.critical_initiatives],
        ["accepted", len(result.accepted)],
        ["expiring", len(result.expiring)],
        ["configurations", result.configurations],
        ["shannon", round(result.shannon, 4)],
        ["gini_simpson", round(result.gini_simpson, 4)],
        ["evenness", "" if result.evenness is None else round(result.evenness, 4)],
    ]
    if result.spend is not None:
        rows += [["spend", str(result.spend)], ["crowded_spend", str(result.crowded_spend)]]
    return _write(["measure", "value"], rows)


@render.register
def _(result: SpendReport) -> str:
    """One row per focus area, owner, year and initiative; amounts as exact decimals."""
    header = ["kind", "id", "name", "year", "spend", "rolled_up", "crowded_spend", "initiatives"]
    rows: list[list[object]] = [
        ["total", "", "", "", str(result.total), "", str(result.crowded_spend), ""],
        ["unallocated", "", "", "", str(result.unallocated), "", "", ""],
    ]
    rows += [
        [
            "focus_area",
            area.focus_area,
            area.name,
            "",
            str(area.direct),
            str(area.rolled_up),
            str(area.crowded_spend),
            _ids(area.initiatives),
        ]
        for area in result.areas
    ]
    rows += [
        [
            "owner",
            owner.owner or "",
            owner.name,
            "",
            str(owner.spend),
            "",
            "",
            _ids(owner.initiatives),
        ]
        for owner in result.owners
    ]
    rows += [
        ["year", "", "", "" if year.year is None else year.year, str(year.total), "", "", ""]
        for year in result.per_year
    ]
    rows += [
        ["initiative", item.id, item.name, "", str(item.spend), "", "", ""]
        for item in result.initiatives
    ]
    return _write(header, rows)


@render.register
def _(result: Comparison) -> str:
    return _write(
        ["id", "name", "parent", "served", "a", "b"],
        (
            [area.id, area.name, area.parent or "", area.served, _ids(area.a), _ids(area.b)]
            for area in result.focus_areas
        ),
    )


@render.register
def _(result: AttributeMatrix) -> str:
    return _write(
        [result.by, "id", "name", "parent", "initiatives", "gap"],
        (
            [column.value, a.id, a.name, a.parent or "", len(a.initiatives), a.gap or ""]
            for column in result.columns
            for a in column.focus_areas
        ),
    )
