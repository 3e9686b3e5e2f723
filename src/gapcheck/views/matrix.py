"""The view of ``matrix``: initiatives (or owners) against focus areas, with totals.

A grid when the focus areas fit as columns (the terminal's width, or at most
``scale.MATRIX_MAX_COLUMNS`` on a page), their full names as headings when every
word fits, else numbered with a key; otherwise one row per focus area.
"""

from __future__ import annotations

from gapcheck.analysis import CoverageMatrix
from gapcheck.i18n import t
from gapcheck.render import caps, scale, words
from gapcheck.views import layout
from gapcheck.views.document import (
    Bar,
    BarChart,
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
    Tree,
    Value,
    data,
)
from gapcheck.views.options import Options, subject


def view(result: CoverageMatrix, options: Options) -> Document:
    lang, width = options.lang, options.width
    total = t("col.total", lang)
    if width is None:
        as_list = scale.matrix_is_large(result)
    else:
        reserved = layout.trailing([total])
        as_list = not layout.grid_fits(
            len(result.focus_areas), width, caps.MIN_NAME_COLUMN, reserved
        )
    blocks = _area_list(result, options) if as_list else _grid(result, options)
    return Document(
        t("title.matrix", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (Paragraph.of(words.matrix_opening(result, lang, data)),),
        (Section(None, tuple(blocks)),),
        _records(result) if options.spreadsheet else None,
    )


def _grid(result: CoverageMatrix, options: Options) -> list[Block]:
    """One row per initiative, a mark per focus area coloured by how many serve it."""
    lang, width = options.lang, options.width
    areas = result.focus_areas
    total = t("col.total", lang)
    rows, hidden = options.cap(result.initiatives, caps.MATRIX_ROWS)
    labels = words.labels(((i.id, i.name) for i in result.initiatives), ids=options.ids, lang=lang)
    first = t("col.owner" if result.by == "owner" else "col.initiative", lang)
    # Headings name each focus area as a list does (with its id where names repeat).
    headings = words.labels(((a.id, a.name) for a in areas), ids=options.ids, lang=lang)
    names = [headings[area.id] for area in areas]
    numbered = width is not None and not layout.names_fit(
        [first, total, *(labels[item.id] for item in rows)],
        names,
        width,
        layout.trailing([total]),
    )
    counts = [len(area.initiatives) for area in areas]
    peak = max(counts, default=0)
    columns = [Column(first)]
    columns += [
        Column(str(number) if numbered else data(name), "mark")
        for number, name in enumerate(names, start=1)
    ]
    columns.append(Column(total, "count"))
    body: list[tuple[Value, ...]] = [
        (
            data(labels[item.id]),
            *(Heat(mark, n, peak) for mark, n in zip(marks, counts, strict=True)),
            len(item.focus_areas),
        )
        for item, marks in zip(rows, words.matrix_cells(result, rows), strict=True)
    ]
    blocks: list[Block] = [
        Table(tuple(columns), tuple(body), total=(total, *counts, None)),
        *options.more(hidden),
    ]
    if numbered:
        blocks.append(Key(tuple((str(n), data(name)) for n, name in enumerate(names, start=1))))
    legend = words.matrix_legend(result, lang)
    if width is not None:  # the terminal draws the totals as bars, and says what they are
        labels_ = [str(n) if numbered else data(a.name) for n, a in enumerate(areas, start=1)]
        blocks.append(BarChart(tuple(zip(labels_, counts, strict=True))))
        key = "matrix.total_row.owner" if result.by == "owner" else "matrix.total_row"
        legend += " " + t(key, lang)
    blocks.append(Legend(legend))
    return blocks


def _area_list(result: CoverageMatrix, options: Options) -> list[Block]:
    """One row per focus area, sub-areas under their parent: its initiatives (direct,
    and with its sub-areas) and a bar; capped."""
    lang = options.lang
    areas = result.focus_areas
    columns = f"{len(areas):,}"
    if options.width is None:
        note = t("layout.matrix.markdown", lang, columns=columns)
    else:
        note = t("layout.matrix", lang, columns=columns, width=options.width)
    by_id = {area.id: area for area in areas}
    hierarchy = any(area.parent for area in areas)
    labels = words.labels(((a.id, data(a.name)) for a in areas), ids=options.ids, lang=lang)
    order = words.tree_order((area.id, area.parent) for area in areas)
    shown, hidden = options.cap(order, caps.AREA_ROWS)
    peak = max((len(area.initiatives) for area in areas), default=0)
    heads = [Column(t("col.focus_area", lang), wrap=False), Column(t("col.direct", lang), "count")]
    if hierarchy:
        heads.append(Column(t("col.rolled", lang), "count"))
    heads.append(Column(t("col.initiatives", lang), "bar"))
    rows = tuple(
        (
            Tree(labels[area_id], depth),
            len(by_id[area_id].direct),
            *((len(by_id[area_id].initiatives),) if hierarchy else ()),
            Bar(len(by_id[area_id].initiatives), peak),
        )
        for area_id, depth in shown
    )
    return [
        Paragraph.of(note, "muted"),
        Table(tuple(heads), rows),
        *options.more(hidden),
        Legend(words.matrix_legend(result, lang)),
    ]


def _records(result: CoverageMatrix) -> Records:
    """One row per initiative (or owner): a mark per focus area, by id."""
    columns = [Column(result.by), Column("name"), *(Column(a.id) for a in result.focus_areas)]
    rows = tuple(
        (item.id, item.name, *marks)
        for item, marks in zip(result.initiatives, words.matrix_cells(result), strict=True)
    )
    return Records(tuple(columns), rows)
