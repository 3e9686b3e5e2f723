"""The view of ``compare``: two portfolios over one catalogue, focus area by focus area.

For a detection engineer comparing two sources (rules against tests, two teams): the
counts first (served by neither, A only, B only, both), then the focus areas, those
served by neither side first (the losses), then by one side, then by both, capped.
"""

from __future__ import annotations

from gapcheck.analysis.compare import AreaComparison, Comparison, Served
from gapcheck.i18n import count, t
from gapcheck.render import caps, words
from gapcheck.views import document as doc
from gapcheck.views.options import Options, counted, labels, subject

#: The order people read the areas in: losses first.
ORDER: tuple[Served, ...] = ("neither", "only_a", "only_b", "both")
_TONES: dict[Served, doc.Tone | None] = {
    "neither": "bad",
    "only_a": None,
    "only_b": None,
    "both": "good",
}


def rows(result: Comparison) -> list[AreaComparison]:
    """The focus areas in :data:`ORDER` (file order within each)."""
    rank = {served: position for position, served in enumerate(ORDER)}
    return sorted(result.focus_areas, key=lambda area: rank[area.served])


def view(result: Comparison, options: Options) -> doc.Document:
    lang = options.lang
    found = result.counts
    summary = t(
        "compare.summary",
        lang,
        focus_areas=count("focus_area", len(result.focus_areas), lang),
        both=f"{found.get('both', 0):,}",
        only_a=f"{found.get('only_a', 0):,}",
        only_b=f"{found.get('only_b', 0):,}",
        neither=f"{found.get('neither', 0):,}",
        a=doc.data(result.a),
        b=doc.data(result.b),
        a_initiatives=count("initiative", result.a_initiatives, lang),
        b_initiatives=count("initiative", result.b_initiatives, lang),
    )
    total = sum(found.values()) or 1
    tally = doc.Table(
        (
            doc.Column(t("col.served", lang)),
            doc.Column(t("col.focus_areas", lang), "count"),
            doc.Column(t("col.share", lang), "number"),
        ),
        tuple(
            (
                doc.Styled(t(f"compare.{served}", lang), _TONES[served]),
                found.get(served, 0),
                words.percent(found.get(served, 0) / total),
            )
            for served in ORDER
        ),
    )
    named = labels({area.id: area.name for area in result.focus_areas}, options)
    shown, hidden = options.cap(rows(result), caps.COMPARE_ROWS)
    areas = doc.Table(
        (
            doc.Column(t("col.focus_area", lang)),
            doc.Column(t("col.served", lang), wrap=False),
            doc.Column("A", "count"),
            doc.Column("B", "count"),
        ),
        tuple(
            (
                named[area.id],
                doc.Styled(t(f"compare.{area.served}", lang), _TONES[area.served]),
                len(area.a),
                len(area.b),
            )
            for area in shown
        ),
    )
    legend = " ".join([t("compare.order", lang), *counted(result, options)])
    sections = (
        doc.Section(None, (tally,)),
        doc.Section(t("compare.areas", lang), (areas, *options.more(hidden), doc.Legend(legend))),
    )
    return doc.Document(
        t("title.compare", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (doc.Paragraph.of(summary, "strong" if found.get("neither") else None),),
        sections,
        _records(result) if options.spreadsheet else None,
    )


def _records(result: Comparison) -> doc.Records:
    """One row per focus area, in file order: what serves it on each side (ids)."""
    names = ("id", "name", "parent", "served", "a", "b")
    return doc.Records(
        tuple(doc.Column(name) for name in names),
        tuple(
            (a.id, a.name, a.parent or "", a.served, ";".join(a.a), ";".join(a.b))
            for a in result.focus_areas
        ),
    )
