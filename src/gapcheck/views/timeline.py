"""The view of ``timeline``: for each year, how many initiatives serve each focus area.

Runs of years with identical counts are one row. A grid of years against focus areas
when the focus areas fit as columns (the terminal's width, or at most
``scale.MATRIX_MAX_COLUMNS`` on a page); otherwise turned: one row per focus area and
the latest periods that fit as columns.
"""

from __future__ import annotations

from gapcheck.analysis import Timeline
from gapcheck.analysis.timeline import AreaTimeline
from gapcheck.i18n import t
from gapcheck.render import caps, scale, words
from gapcheck.views import layout
from gapcheck.views.document import (
    Block,
    Column,
    Document,
    Heat,
    Key,
    Legend,
    Paragraph,
    Records,
    Section,
    Table,
    Tone,
    Tree,
    Value,
    data,
)
from gapcheck.views.options import Options, subject

#: Periods (folded years) shown as columns on a page when the timeline is turned.
PAGE_PERIODS = 8


def _mark(area: AreaTimeline, index: int, peak: int) -> Heat:
    """A count, marked and red when uncovered, marked and yellow when thin."""
    number = area.counts[index]
    tone: Tone | None = "bad" if number == 0 else "warn" if number < area.threshold else None
    return Heat(words.timeline_cell(number, area.threshold), number, peak, tone)


def view(result: Timeline, options: Options) -> Document:
    lang, width = options.lang, options.width
    runs = words.timeline_runs(result)  # identical years folded into one row
    peak = max((max(a.counts, default=0) for a in result.focus_areas), default=0) or 1
    if width is None:
        as_grid = len(result.focus_areas) <= scale.MATRIX_MAX_COLUMNS
    else:
        first = max([layout.cells(t("col.year", lang)), *(layout.cells(r) for r, _ in runs)])
        as_grid = layout.grid_fits(len(result.focus_areas), width, first)
    blocks = _grid(result, runs, peak, options) if as_grid else _turned(result, runs, peak, options)
    blocks.append(Legend(words.timeline_legend(result, lang)))
    return Document(
        t("title.timeline", lang),
        subject(result.data, None, lang, result.title),
        lang,
        (Paragraph.of(words.timeline_summary(result, lang)),),
        (Section(None, tuple(blocks)),),
        _records(result) if options.spreadsheet else None,
    )


def _grid(
    result: Timeline, runs: list[tuple[str, int]], peak: int, options: Options
) -> list[Block]:
    """Years down, focus areas across (numbered, with a key, when their names do not fit)."""
    shown, hidden = options.cap(runs, caps.TIMELINE_ROWS)
    year = t("col.year", options.lang)
    names = [area.name for area in result.focus_areas]
    numbered = options.width is not None and not layout.names_fit(
        [year, *(label for label, _ in shown)], names, options.width
    )
    columns = [Column(year)]
    columns += [
        Column(str(n) if numbered else data(name), "mark") for n, name in enumerate(names, 1)
    ]
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (label, *(_mark(area, i, peak) for area in result.focus_areas)) for label, i in shown
    )
    blocks: list[Block] = [Table(tuple(columns), rows), *options.more(hidden)]
    if numbered:
        blocks.append(Key(tuple((str(n), data(name)) for n, name in enumerate(names, 1))))
    return blocks


def _turned(
    result: Timeline, runs: list[tuple[str, int]], peak: int, options: Options
) -> list[Block]:
    """One row per focus area (sub-areas under their parent), the latest periods as columns."""
    lang, width = options.lang, options.width
    if width is None:
        chosen = runs[-PAGE_PERIODS:]
    else:  # as many of the latest periods as fit beside the names
        room = width - (caps.MIN_NAME_COLUMN + 3) - 1
        chosen = []
        for label, index in reversed(runs):
            need = max(layout.cells(label), caps.MIN_COLUMN) + 3
            if chosen and room - need < 0:
                break
            chosen.insert(0, (label, index))
            room -= need
    periods = (
        ""
        if len(chosen) == len(runs)
        else t("layout.periods", lang, shown=len(chosen), total=len(runs))
    )
    columns = f"{len(result.focus_areas):,}"
    if width is None:
        note = t("layout.timeline.markdown", lang, columns=columns, periods=periods)
    else:
        note = t("layout.timeline", lang, columns=columns, width=width, periods=periods)
    areas = {area.id: area for area in result.focus_areas}
    labels = words.labels(
        ((a.id, data(a.name)) for a in result.focus_areas), ids=options.ids, lang=lang
    )
    order = words.tree_order((a.id, a.parent) for a in result.focus_areas)
    shown, hidden = options.cap(order, caps.AREA_ROWS)
    heads = [Column(t("col.focus_area", lang), wrap=False)]
    heads += [Column(label, "mark") for label, _ in chosen]
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (Tree(labels[area_id], depth), *(_mark(areas[area_id], i, peak) for _, i in chosen))
        for area_id, depth in shown
    )
    return [Paragraph.of(note, "muted"), Table(tuple(heads), rows), *options.more(hidden)]


def _records(result: Timeline) -> Records:
    """One row per year (every year, none folded), a count per focus area."""
    columns = (Column("year", "year"), *(Column(a.id, "count") for a in result.focus_areas))
    rows = tuple(
        (year, *(a.counts[i] for a in result.focus_areas)) for i, year in enumerate(result.years)
    )
    return Records(columns, rows)
