"""The view of ``critical``: single points of failure, the most important first."""

from __future__ import annotations

from gapcheck.analysis import CriticalReport
from gapcheck.i18n import t
from gapcheck.render import caps, money, words
from gapcheck.views.document import Column, Document, Paragraph, Records, Section, Table, data
from gapcheck.views.options import Options, subject


def view(result: CriticalReport, options: Options) -> Document:
    lang = options.lang
    summary = Paragraph.of(
        words.critical_summary(result, lang), "strong" if result.critical else "good"
    )
    sections: tuple[Section, ...] = ()
    if result.critical:
        shown, hidden = options.cap(result.critical, caps.CRITICAL)
        # Which areas each keeps: those it alone serves, those it keeps at their minimum
        # (a column only when some initiative has such areas).
        parts_of = words.critical_columns(shown)
        columns = [
            Column(t("col.initiative", lang)),
            *(Column(t(key, lang)) for key, _ in parts_of),
            Column(t("col.priority", lang), "count"),
        ]
        if result.has_budgets:
            heading = t("col.budget", lang) + " " + money.in_year(result.at, lang)
            currency = f" ({data(result.currency)})" if result.currency else ""
            columns.append(Column(heading + currency, "money"))
        rows = tuple(
            (
                data(item.name),
                *(words.names(part(item), result.area_names, data) for _, part in parts_of),
                item.priority,
                *((item.budget,) if result.has_budgets else ()),
            )
            for item in shown
        )
        sections = (Section(None, (Table(tuple(columns), rows), *options.more(hidden))),)
    return Document(
        t("title.critical", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        (summary,),
        sections,
        _records(result) if options.spreadsheet else None,
    )


def _records(result: CriticalReport) -> Records:
    """One row per focus area (its redundancy), then one per critical initiative."""
    columns = ["kind", "id", "name", "priority", "count", "threshold", "redundancy"]
    columns += ["focus_areas", "sole"]
    rows: list[tuple[object, ...]] = [
        ("focus_area", a.focus_area, a.name, a.priority, a.count, a.threshold, a.redundancy, "", "")
        for a in result.areas
    ]
    # sole: the areas of focus_areas it is the only initiative of (removal leaves them
    # uncovered); the others it keeps at their minimum.
    rows += [
        ("critical", c.id, c.name, c.priority, "", "", 1, ";".join(c.focus_areas), ";".join(c.sole))
        for c in result.critical
    ]
    kinds = ["text"] * len(columns)
    if result.has_budgets:  # each critical initiative's budget in the year counted
        budgets = {c.id: c.budget for c in result.critical}
        rows = [(*row, budgets[str(row[1])] if row[0] == "critical" else None) for row in rows]
        columns.append("budget")
        kinds.append("money")
    return Records(
        tuple(Column(name, kind) for name, kind in zip(columns, kinds, strict=True)),  # type: ignore[arg-type]
        tuple(rows),  # type: ignore[arg-type]
    )
