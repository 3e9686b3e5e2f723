"""The view of ``gaps``: focus areas served by no or too few initiatives, the worst first."""

from __future__ import annotations

from gapcheck.analysis import Gap, GapReport
from gapcheck.i18n import Lang, t
from gapcheck.render import caps, money, words
from gapcheck.views.document import (
    Block,
    Column,
    Document,
    Legend,
    Paragraph,
    Records,
    Section,
    Styled,
    Table,
    Tone,
    Value,
    data,
)
from gapcheck.views.options import Options, subject


def area_labels(report: GapReport, ids: bool, lang: Lang) -> dict[str, str]:
    """Focus area id -> its label (``name (id)`` where names repeat, the parent named)."""
    found = words.area_labels(
        ((i, data(name), report.parents.get(i)) for i, name in report.area_names.items()),
        ids=ids,
        lang=lang,
    )
    for gap in report.gaps:  # a report made without the areas: the gaps' own names
        found.setdefault(gap.focus_area, data(gap.name))
    return found


def view(result: GapReport, options: Options) -> Document:
    lang = options.lang
    areas = area_labels(result, options.ids, lang)
    names = words.labels(
        ((i, data(n)) for i, n in result.names.items()), ids=options.ids, lang=lang
    )
    opening = words.gaps_summary(result, lang)
    worst = words.worst_gap(result, areas, caps.ROLLUP_MIN, lang, data)
    if worst is not None and len(result.gaps) >= 2:
        opening = f"{opening} {worst}"
    blocks: list[Block] = []
    if result.gaps:
        blocks += _gap_table(result, options, areas, names)
    if result.orphans:
        shown, hidden = options.cap(result.orphans, caps.ORPHANS)
        label = Styled(t("orphans.label", lang), "warn")
        blocks.append(Paragraph((label, words.names(shown, names) + ".")))
        blocks += options.more(hidden)
    return Document(
        t("title.gaps", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (Paragraph.of(opening, "strong" if result.gaps else "good"),),
        (Section(None, tuple(blocks)),) if blocks else (),
        _records(result) if options.spreadsheet else None,
    )


def _gap_table(
    result: GapReport, options: Options, areas: dict[str, str], names: dict[str, str]
) -> list[Block]:
    """The gaps, the worst first; a parent with many sub-area gaps as one rolled-up row."""
    lang = options.lang
    entries = words.gap_entries(result, caps.ROLLUP_MIN)
    shown, _ = options.cap(entries, caps.GAPS)
    hidden = sum(words.entry_gaps(entry) for entry in entries[len(shown) :])
    columns = [Column(t(k, lang)) for k in ("col.focus_area", "col.kind", "col.initiatives")]
    columns.append(Column(t("col.why", lang)))
    with_money = result.spend is not None
    if with_money:
        columns.append(Column(data(money.gap_heading(result, lang)), "money"))
    rows: list[tuple[Value, ...]] = []
    for entry in shown:
        if isinstance(entry, Gap):
            tone: Tone = "bad" if entry.kind == "uncovered" else "warn"
            serving = entry.initiatives or entry.below_strength
            amount = result.spend.get(entry.focus_area) if result.spend is not None else None
            rows.append(
                (
                    areas[entry.focus_area],
                    Styled(words.kind(entry.kind, lang), tone if entry.fails else "muted"),
                    words.some(serving, names, caps.NAMES_PER_CELL, lang)
                    or Styled(t("none", lang), "bad"),
                    words.gap_reason(entry, lang, escape=data),
                    *((amount,) if with_money else ()),
                )
            )
            continue
        kinds = [k for k, ids in (("uncovered", entry.uncovered), ("thin", entry.thin)) if ids]
        parent = areas.get(entry.parent, entry.parent)
        rows.append(
            (
                t("gaps.rollup_row", lang, parent=parent, count=entry.gaps),
                Styled(
                    ", ".join(words.kind(k, lang) for k in kinds),
                    "bad" if entry.uncovered else "warn",
                ),
                "",
                words.rollup(entry, areas, lang),
                *((None,) if with_money else ()),
            )
        )
    blocks: list[Block] = [Table(tuple(columns), tuple(rows)), *options.more(hidden)]
    legend = words.gaps_legend(result, lang)
    if legend:
        blocks.append(Legend(legend))
    return blocks


def _records(result: GapReport) -> Records:
    """One row per gap, then one per orphan; with budgets, the money on each gap area."""
    names = ["kind", "focus_area", "name", "count", "threshold", "initiatives"]
    names += ["priority", "shortfall", "below_strength", "accepted_until", "reason", "fails"]
    rows: list[tuple[Value, ...]] = [
        (
            g.kind,
            g.focus_area,
            g.name,
            g.count,
            g.threshold,
            ";".join(g.initiatives),
            g.priority,
            g.shortfall,
            ";".join(g.below_strength),
            "" if g.accepted is None else g.accepted.until.isoformat(),
            "" if g.accepted is None else g.accepted.reason,
            "yes" if g.fails else "no",
        )
        for g in result.gaps
    ]
    rows += [("orphan", "", "", 0, "", orphan, "", "", "", "", "", "") for orphan in result.orphans]
    kinds = ["text"] * len(names)
    if result.spend is not None:
        spend = result.spend
        rows = [(*row, spend[str(row[1])] if row[0] != "orphan" else None) for row in rows]
        names.append("spend")
        kinds.append("money")
    return Records(
        tuple(Column(n, k) for n, k in zip(names, kinds, strict=True)),  # type: ignore[arg-type]
        tuple(rows),
    )
