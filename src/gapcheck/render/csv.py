"""CSV renderings: one flat table per result, for spreadsheets (see docs/json.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import singledispatch

from gapcheck.analysis import CoverageMatrix, GapReport, OverlapReport
from gapcheck.render import words


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _ids(ids: Iterable[str]) -> str:
    return ";".join(ids)


@singledispatch
def render(result: object) -> str:
    raise TypeError(f"no CSV rendering for {type(result).__name__}")


@render.register
def _(result: CoverageMatrix) -> str:
    header = ["initiative", "name", *(area.id for area in result.focus_areas)]
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
        [g.kind, g.focus_area, g.name, g.count, g.threshold, _ids(g.initiatives)]
        for g in result.gaps
    ]
    rows += [["orphan", "", "", 0, "", orphan] for orphan in result.orphans]
    return _write(["kind", "focus_area", "name", "count", "threshold", "initiatives"], rows)


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
        ["pair", _ids(p.shared), _ids((p.a, p.b)), len(p.shared), "", round(p.jaccard, 4)]
        for p in result.pairs
    ]
    return _write(["kind", "focus_areas", "initiatives", "count", "share", "jaccard"], rows)
