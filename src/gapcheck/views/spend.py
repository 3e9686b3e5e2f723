"""The view of ``spend``: the totals first, then money per focus area, owner and year."""

from __future__ import annotations

from gapcheck.analysis import SpendReport
from gapcheck.i18n import t
from gapcheck.render import caps, money
from gapcheck.views.document import (
    Block,
    BulletList,
    Column,
    Document,
    Legend,
    Records,
    Section,
    Table,
    data,
)
from gapcheck.views.options import Options, subject


def view(result: SpendReport, options: Options) -> Document:
    lang = options.lang
    currency = f" ({data(result.currency)})" if result.currency else ""
    # Summary first: the totals, crowded spend and unfunded areas, then the tables.
    blocks: list[Block] = [BulletList(tuple(money.summary_lines(result, lang, data)))]
    columns = [
        Column(t("col.focus_area", lang)),
        Column(t("col.initiatives", lang), "count"),
        Column(t("col.direct", lang) + currency, "money"),
    ]
    if result.has_tree:
        columns.append(Column(t("col.rolled_up", lang), "money"))
    columns.append(Column(t("col.crowded_spend", lang), "money"))
    shown, hidden = options.cap(result.areas, caps.AREA_ROWS)
    blocks.append(
        Table(
            tuple(columns),
            tuple(
                (
                    data(area.name),
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
        blocks.append(
            Table(
                (
                    Column(t("col.owner", lang)),
                    Column(t("col.level", lang)),
                    Column(t("col.initiatives", lang), "count"),
                    Column(t("col.spend", lang) + currency, "money"),
                ),
                tuple(
                    (
                        data(money.owner_name(owner.name, owner.owner, lang)),
                        money.level(owner.level, lang),
                        len(owner.initiatives),
                        owner.spend,
                    )
                    for owner in result.owners
                ),
            )
        )
    if len(result.per_year) > 1:
        blocks.append(
            Table(
                (
                    Column(t("col.year", lang), "year"),
                    Column(t("col.total", lang) + currency, "money"),
                    Column(t("col.unallocated", lang), "money"),
                ),
                tuple((year.year, year.total, year.unallocated) for year in result.per_year),
            )
        )
    blocks.append(Legend(money.legend(result, lang)))
    at = result.years[0] if len(result.years) == 1 else None
    return Document(
        t("title.spend", lang),
        subject(result.data, at, lang, result.title),
        lang,
        sections=(Section(None, tuple(blocks)),),
        records=_records(result) if options.spreadsheet else None,
    )


def _records(result: SpendReport) -> Records:
    """One row per total, focus area, owner, year and initiative; amounts exact."""
    names = ["kind", "id", "name", "year", "spend", "rolled_up", "crowded_spend", "initiatives"]
    kinds = ["text", "id", "text", "year", "money", "money", "money", "text"]
    rows: list[tuple[object, ...]] = [
        ("total", "", "", None, result.total, None, result.crowded_spend, ""),
        ("unallocated", "", "", None, result.unallocated, None, None, ""),
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
    return Records(
        tuple(Column(name, kind) for name, kind in zip(names, kinds, strict=True)),  # type: ignore[arg-type]
        tuple(rows),  # type: ignore[arg-type]
    )
