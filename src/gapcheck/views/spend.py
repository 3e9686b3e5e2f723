"""The view of ``spend``: the totals first, then money per focus area, owner and year."""

from __future__ import annotations

from gapcheck.analysis import SpendReport
from gapcheck.i18n import t
from gapcheck.render import caps, money
from gapcheck.views import document as doc
from gapcheck.views.options import Options, subject


def view(result: SpendReport, options: Options) -> doc.Document:
    lang = options.lang
    currency = f" ({doc.data(result.currency)})" if result.currency else ""
    # Summary first: the totals, crowded spend and unfunded areas, then the tables.
    blocks: list[doc.Block] = [doc.BulletList(tuple(money.summary_lines(result, lang, doc.data)))]
    columns = [
        doc.Column(t("col.focus_area", lang)),
        doc.Column(t("col.initiatives", lang), "count"),
        doc.Column(t("col.direct", lang) + currency, "money"),
    ]
    if result.has_tree:
        columns.append(doc.Column(t("col.rolled_up", lang), "money"))
    columns.append(doc.Column(t("col.crowded_spend", lang), "money"))
    shown, hidden = options.cap(result.areas, caps.AREA_ROWS)
    blocks.append(
        doc.Table(
            tuple(columns),
            tuple(
                (
                    doc.data(area.name),
                    len(area.initiatives),
                    area.direct,
                    *((area.rolled_up,) if result.has_tree else ()),
                    area.crowded_spend if area.crowded_years else None,
                )
                for area in shown
            ),
            tones=tuple("warn" if area.unfunded else None for area in shown),
        )
    )
    blocks += options.more(hidden)
    if result.owners:
        # The owners' level (national, regional, ...) only where the data gives one.
        levels = any(owner.level for owner in result.owners)
        blocks.append(
            doc.Table(
                (
                    doc.Column(t("col.owner", lang)),
                    *([doc.Column(t("col.level", lang))] if levels else []),
                    doc.Column(t("col.initiatives", lang), "count"),
                    doc.Column(t("col.spend", lang) + currency, "money"),
                ),
                tuple(
                    (
                        doc.data(money.owner_name(owner.name, owner.owner, lang)),
                        *([money.level(owner.level, lang)] if levels else []),
                        len(owner.initiatives),
                        owner.spend,
                    )
                    for owner in result.owners
                ),
            )
        )
    if len(result.per_year) > 1:
        blocks.append(
            doc.Table(
                (
                    doc.Column(t("col.year", lang), "year"),
                    doc.Column(t("col.total", lang) + currency, "money"),
                    doc.Column(t("col.unallocated", lang), "money"),
                ),
                tuple((year.year, year.total, year.unallocated) for year in result.per_year),
            )
        )
    blocks.append(doc.Legend(money.legend(result, lang)))
    at = result.years[0] if len(result.years) == 1 else None
    return doc.Document(
        t("title.spend", lang),
        subject(result.data, at, lang, result.title),
        lang,
        sections=(doc.Section(None, tuple(blocks)),),
        records=_records(result) if options.spreadsheet else None,
    )


def _records(result: SpendReport) -> doc.Records:
    """One row per total, focus area, owner, year and initiative; amounts exact."""
    names = ["kind", "id", "name", "year", "spend", "rolled_up", "crowded_spend", "initiatives"]
    kinds = ["text", "id", "text", "year", "money", "money", "money", "text"]
    rows: list[tuple[object, ...]] = [
        ("total", "", "", None, result.total, None, result.crowded_spend, ""),
        ("unallocated", "", "", None, result.unallocated, None, None, ""),
        (
            "identical",
            "",
            "",
            None,
            result.identical_spend,
            None,
            None,
            " | ".join(";".join(group) for group in result.identical_groups),
        ),
    ]
    rows += [
        (
            "focus_area",
            a.focus_area,
            a.name,
            None,
            a.direct,
            a.rolled_up,
            a.crowded_spend,
            ";".join(a.initiatives),
        )
        for a in result.areas
    ]
    rows += [
        ("owner", o.owner or "", o.name, None, o.spend, None, None, ";".join(o.initiatives))
        for o in result.owners
    ]
    rows += [("year", "", "", y.year, y.total, None, None, "") for y in result.per_year]
    rows += [
        ("initiative", i.id, i.name, None, i.spend, None, None, "") for i in result.initiatives
    ]
    return doc.Records(
        tuple(doc.Column(name, kind) for name, kind in zip(names, kinds, strict=True)),  # type: ignore[arg-type]
        tuple(rows),  # type: ignore[arg-type]
    )
