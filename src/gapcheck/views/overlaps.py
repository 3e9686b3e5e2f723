"""The view of ``overlaps``: crowded focus areas, identical initiatives, overlapping
pairs, then the owners' overlaps (coordination needed, owners alike).

One cap for every section: ``--top N``/``--limit N`` shows at most N rows of each, and
each section's default otherwise; every cell names a few items and counts the rest.
"""

from __future__ import annotations

from gapcheck.analysis import OverlapReport
from gapcheck.i18n import t
from gapcheck.render import caps, words
from gapcheck.views.document import (
    Block,
    Column,
    Document,
    Paragraph,
    Records,
    Section,
    Styled,
    Table,
    Value,
    data,
)
from gapcheck.views.options import Options, labels, subject


def view(result: OverlapReport, options: Options) -> Document:
    lang, most = options.lang, caps.NAMES_PER_CELL
    names = labels(result.names, options)
    areas = words.area_labels(
        ((i, data(n), result.parents.get(i)) for i, n in result.area_names.items()),
        ids=options.ids,
        lang=lang,
    )

    def area(area_id: str, name: str) -> Styled:
        return Styled(areas.get(area_id, data(name)), "accent")

    # Pairs inside an identical group are shown as the group, not repeated as pairs.
    pairs, hidden_pairs = options.cap(words.distinct_pairs(result), caps.PAIRS)
    if result.pair_count is not None:
        hidden_pairs = max(
            hidden_pairs, result.pair_count - words.pairs_in_groups(result) - len(pairs)
        )
    sections: list[Section] = []
    if result.crowded:
        crowded, hidden = options.cap(result.crowded, caps.CROWDED)
        table = Table(
            tuple(
                Column(t(key, lang), kind)  # type: ignore[arg-type]
                for key, kind in (
                    ("col.focus_area", "text"),
                    ("col.initiatives", "count"),
                    ("col.share", "number"),
                    ("col.why", "text"),
                )
            ),
            tuple(
                (
                    area(a.focus_area, a.name),
                    a.count,
                    words.percent(a.share),
                    words.crowded_reason(a, result, lang),
                )
                for a in crowded
            ),
        )
        sections.append(Section(t("section.crowded", lang), (table, *options.more(hidden))))
    if result.identical:
        largest = sorted(result.identical, key=lambda g: -len(g.initiatives))
        members = [(g.focus_areas, g.initiatives) for g in largest]
        sections.append(
            _groups(
                "section.identical",
                "col.initiatives",
                members,
                areas=areas,
                names=names,
                most=most,
                options=options,
            )
        )
    if pairs:
        table = Table(
            (
                Column(t("col.initiative", lang)),
                Column(t("col.initiative", lang)),
                Column(t("col.shared_count", lang), "count"),
                Column(t("col.shared", lang)),
                Column(t("col.jaccard", lang), "number"),
            ),
            tuple(
                (
                    names.get(p.a, data(p.a)),
                    names.get(p.b, data(p.b)),
                    len(p.shared),
                    words.some(p.shared, areas, most, lang),
                    f"{p.jaccard:.2f}",
                )
                for p in pairs
            ),
        )
        ranking = Paragraph.of(t("overlaps.ranking", lang), "muted")
        sections.append(
            Section(t("section.pairs", lang), (ranking, table, *options.more(hidden_pairs)))
        )
    elif hidden_pairs:
        sections.append(Section(None, options.more(hidden_pairs)))
    sections += _owner_overlaps(result, options, areas)
    return Document(
        t("title.overlaps", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (Paragraph.of(words.overlaps_opening(result, pairs, lang), "strong"),),
        tuple(sections),
        _records(result) if options.spreadsheet else None,
    )


def _owner_overlaps(
    result: OverlapReport, options: Options, areas: dict[str, str]
) -> list[Section]:
    """Coordination needed (areas served by several owners) and owners alike."""
    lang, most = options.lang, caps.OWNERS_PER_CELL
    owners = labels(result.owner_names, options)
    sections: list[Section] = []
    if result.coordination:
        shared, hidden = options.cap(result.coordination, caps.COORDINATION)
        table = Table(
            (
                Column(t("col.focus_area", lang)),
                Column(t("col.count", lang), "count"),
                Column(t("col.owners", lang)),
            ),
            tuple(
                (
                    Styled(areas.get(a.focus_area, data(a.name)), "accent"),
                    len(a.owners),
                    words.some(a.owners, owners, most, lang),
                )
                for a in shared
            ),
        )
        sections.append(Section(t("section.coordination", lang), (table, *options.more(hidden))))
    if result.identical_owners:
        members = [(g.focus_areas, g.owners) for g in result.identical_owners]
        sections.append(
            _groups(
                "section.identical_owners",
                "col.owners",
                members,
                areas=areas,
                names=owners,
                most=most,
                options=options,
            )
        )
    return sections


def _groups(
    heading: str,
    column: str,
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]],
    *,
    areas: dict[str, str],
    names: dict[str, str],
    most: int,
    options: Options,
) -> Section:
    """Groups with the same focus areas (initiatives, or owners): their areas and members,
    a few named in each cell; capped."""
    lang = options.lang
    shown, hidden = options.cap(groups, caps.GROUPS)
    table = Table(
        (Column(t("col.focus_areas", lang)), Column(t(column, lang))),
        tuple(
            (words.some(focus, areas, most, lang), words.some(members, names, most, lang))
            for focus, members in shown
        ),
    )
    blocks: tuple[Block, ...] = (table, *options.more(hidden))
    return Section(t(heading, lang), blocks)


def _records(result: OverlapReport) -> Records:
    """One row per crowded area, identical group, pair, area needing coordination and
    group of owners alike."""
    ids = ";".join
    rows: list[tuple[Value, ...]] = [
        ("crowded", a.focus_area, ids(a.initiatives), a.count, round(a.share, 4), "", "")
        for a in result.crowded
    ]
    rows += [
        ("identical", ids(g.focus_areas), ids(g.initiatives), len(g.initiatives), "", "", "")
        for g in result.identical
    ]
    rows += [
        ("pair", ids(p.shared), ids((p.a, p.b)), len(p.shared), "", round(p.jaccard, 4), "")
        for p in result.pairs
    ]
    rows += [
        ("coordination", a.focus_area, ids(a.initiatives), len(a.owners), "", "", ids(a.owners))
        for a in result.coordination
    ]
    rows += [
        ("identical_owners", ids(g.focus_areas), "", len(g.owners), "", "", ids(g.owners))
        for g in result.identical_owners
    ]
    header = ("kind", "focus_areas", "initiatives", "count", "share", "jaccard", "owners")
    return Records(tuple(Column(name) for name in header), tuple(rows))
