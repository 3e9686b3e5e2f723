"""The view of ``matrix --by KEY`` (an attribute such as ATT&CK's tactics): focus areas
laid out under each value, as the Navigator lays techniques out under tactics.

A row per value, in the catalogue's order: how many focus areas it holds, how many are
covered, and the uncovered ones by name (a few; JSON and CSV list every focus area).
"""

from __future__ import annotations

from gapcheck.analysis.grouping import AttributeMatrix
from gapcheck.i18n import count, num, t
from gapcheck.render import caps, words
from gapcheck.views import document as doc
from gapcheck.views.options import Options, counted, labels, subject


def view(result: AttributeMatrix, options: Options) -> doc.Document:
    lang = options.lang
    key = doc.data(result.by)
    areas = {a.id: a for column in result.columns for a in column.focus_areas}
    uncovered = sum(1 for a in areas.values() if a.gap == "uncovered")
    summary = t(
        "matrix.by.summary",
        lang,
        focus_areas=count("focus_area", len(areas), lang),
        values=num(len(result.columns), lang),
        key=key,
        covered=num(sum(1 for a in areas.values() if a.initiatives), lang),
        uncovered=num(uncovered, lang),
    )
    named = labels({a.id: a.name for a in areas.values()}, options)
    shown, hidden = options.cap(result.columns, caps.BY_VALUES)
    table_rows = []
    tones: list[doc.Tone | None] = []
    for column in shown:
        missing = tuple(a.id for a in column.focus_areas if a.gap == "uncovered")
        table_rows.append(
            (
                doc.data(column.value),
                len(column.focus_areas),
                column.covered,
                words.some(missing, named, caps.NAMES_PER_CELL, lang),
            )
        )
        tones.append("bad" if not column.covered else None)
    columns = (
        doc.Column(key, wrap=False),
        doc.Column(t("col.focus_areas", lang), "count"),
        doc.Column(t("col.covered", lang), "count"),
        doc.Column(t("col.uncovered", lang)),
    )
    blocks: list[doc.Block] = [doc.Table(columns, tuple(table_rows), tones=tuple(tones))]
    if not result.columns:  # the data has no such attribute: say so, not an empty table
        summary = t("gaps.by.none", lang, key=key)
        blocks = []
    blocks += options.more(hidden)
    if result.without:
        ids = {i: doc.data(i) for i in result.without}  # no name of their own here
        text = words.some(result.without, ids, caps.NAMES_PER_CELL, lang)
        label = doc.Styled(t("matrix.without", lang, key=key), "warn")
        blocks.append(doc.Paragraph((label, text + ".")))
    legend = " ".join([t("matrix.by", lang, key=key), *counted(result, options)])
    blocks.append(doc.Legend(legend))
    return doc.Document(
        t("title.matrix", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (doc.Paragraph.of(summary, "strong" if uncovered else None),),
        (doc.Section(None, tuple(blocks)),),
        _records(result) if options.spreadsheet else None,
    )


def _records(result: AttributeMatrix) -> doc.Records:
    """One row per focus area under each value (an area under two values: two rows)."""
    columns = (
        doc.Column(doc.data(result.by)),  # the data's own key: never translated
        *(doc.Column(name) for name in ("id", "name", "parent")),
        doc.Column("initiatives", "count"),
        doc.Column("gap"),
    )
    return doc.Records(
        columns,
        tuple(
            (column.value, a.id, a.name, a.parent or "", len(a.initiatives), a.gap or "")
            for column in result.columns
            for a in column.focus_areas
        ),
    )
