"""Words and numbers for money, shared by the human formats (table, Markdown, HTML).

Amounts arrive exact (:class:`~decimal.Decimal` with the currency's minor unit);
this is the one place they are written for people: grouped by thousands, in the
language's separators, with the currency code. No rounding is needed: the core
never makes more decimals than the minor unit.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gapcheck.analysis.coverage import GapReport
from gapcheck.analysis.diff import DiffReport
from gapcheck.analysis.judgement import PortfolioSummary, WhatIfReport
from gapcheck.analysis.spend import SpendReport
from gapcheck.i18n import Lang, count, num, t
from gapcheck.render import words


def amount(value: Decimal, currency: str | None, lang: Lang = "en") -> str:
    """``1,234,567.50 DKK`` (en) or ``1.234.567,50 DKK`` (da)."""
    text = num(value, lang)
    return f"{text} {currency}" if currency else text


def number(value: Decimal, lang: Lang = "en") -> str:
    """An amount without its currency (for table cells under a heading that names it)."""
    return amount(value, None, lang)


def period(report: SpendReport, lang: Lang = "en") -> str:
    years = [year for year in report.years if year is not None]
    if not years:
        return t("spend.period.none", lang)
    if len(years) == 1:
        return t("spend.period.year", lang, year=years[0])
    return t("spend.period.range", lang, first=years[0], last=years[-1])


def in_year(year: int | None, lang: Lang = "en") -> str:
    """``in 2026``, or ``a year`` for data without years."""
    return t("spend.period.none", lang) if year is None else t("spend.period.year", lang, year=year)


def _money_line(
    key: str, year: int | None, currency: str | None, lang: Lang, **amounts: Decimal | None
) -> str | None:
    """The sentence ``key`` with its ``amounts`` in ``year``; ``None`` when one is
    missing (the data has no budgets)."""
    written = {}
    for name, value in amounts.items():
        if value is None:
            return None
        written[name] = amount(value, currency, lang)
    return t(key, lang, period=in_year(year, lang), **written)


def freed_line(report: WhatIfReport, lang: Lang = "en") -> str | None:
    """``Money freed in 2026: 4,200,000.00 DKK.``; ``None`` when the data has no budgets."""
    return _money_line("whatif.freed", report.at, report.currency, lang, amount=report.freed)


def summary_money_line(summary: PortfolioSummary, lang: Lang = "en") -> str | None:
    """The total spend; ``None`` when the data has no budgets."""
    return _money_line(
        "summary.money",
        summary.at,
        summary.currency,
        lang,
        total=summary.spend,
    )


def twice(
    crowded: Decimal,
    identical: Decimal,
    *,
    groups: int,
    max_share: float,
    currency: str | None,
    lang: Lang = "en",
) -> list[str]:
    """The money spent twice, each figure by both rules with the rule and its threshold
    in the same sentence: on crowded focus areas, and on identical initiatives."""
    return [
        t(
            "spend.crowded",
            lang,
            amount=amount(crowded, currency, lang),
            max=words.percent(max_share),
        ),
        t(
            "spend.identical",
            lang,
            amount=amount(identical, currency, lang),
            groups=count("group", groups, lang),
        ),
    ]


def twice_lines(summary: PortfolioSummary, lang: Lang = "en") -> list[str]:
    """``twice`` for a portfolio summary; none when the data has no budgets."""
    if summary.crowded_spend is None or summary.identical_spend is None:
        return []
    return twice(
        summary.crowded_spend,
        summary.identical_spend,
        groups=summary.identical_groups,
        max_share=summary.max_share or 0.0,
        currency=summary.currency,
        lang=lang,
    )


def signed(before: Decimal | None, after: Decimal | None, lang: Lang = "en") -> str:
    """The change of an amount, ``+300,000.00`` / ``-1,000.00``; ``new`` or ``gone``."""
    if before is None:
        return t("new", lang)
    if after is None:
        return t("gone", lang)
    change = after - before
    return ("+" if change >= 0 else "-") + number(abs(change), lang)


def spend_heading(report: DiffReport, lang: Lang = "en") -> str:
    """``Spend per focus area (direct, DKK)``."""
    return t("section.spend_change", lang, currency=report.currency or "")


def spend_totals(report: DiffReport, lang: Lang = "en") -> str:
    """``Total spend: 7,200,000.00 DKK → 6,000,000.00 DKK (-1,200,000.00).``"""
    before, after = report.spend_before, report.spend_after
    assert before is not None
    assert after is not None
    return t(
        "diff.spend_total",
        lang,
        before=amount(before, report.currency, lang),
        after=amount(after, report.currency, lang),
        change=signed(before, after, lang),
    )


def gap_heading(report: GapReport, lang: Lang = "en") -> str:
    """``Money in 2026 (DKK)``: the heading of the gaps' money column."""
    heading = t("col.money", lang, period=in_year(report.at, lang))
    return heading + (f" ({report.currency})" if report.currency else "")


def gap_cell(report: GapReport, area_id: str, lang: Lang = "en") -> list[str]:
    """The money cell of a gap's row: none without budgets, empty for a roll-up row."""
    if report.spend is None:
        return []
    value = report.spend.get(area_id)
    return [""] if value is None else [number(value, lang)]


def budget_text(value: object, lang: Lang = "en") -> str:
    """A budget as a diff's field change holds it (``1500000.00``, or per year
    ``2025: 800000.00; 2026: 1200000.00``), written for people: ``1.500.000,00``."""
    if value is None:
        return "–"
    parts = []
    for part in str(value).split("; "):
        year, colon, text = part.rpartition(": ")
        try:
            written = number(Decimal(text), lang)
        except ArithmeticError:
            return str(value)
        parts.append(f"{year}{colon}{written}")
    return "; ".join(parts)


def owner_name(name: str, owner: str | None, lang: Lang = "en") -> str:
    return t("owner.none", lang) if owner is None else name


def level(value: str | None, lang: Lang = "en") -> str:
    return "" if value is None else t("level." + value, lang)


def summary_lines(
    report: SpendReport, lang: Lang = "en", escape: Callable[[str], str] | None = None
) -> list[str]:
    """The sentences under the tables; data text (names) through ``escape``."""

    def money(value: Decimal) -> str:
        return amount(value, report.currency, lang)

    lines = [
        t(
            "spend.total",
            lang,
            period=period(report, lang),
            total=money(report.total),
            initiatives=count("initiative", len(report.initiatives), lang),
        )
    ]
    if report.currency is None and not report.total:
        lines.append(t("spend.no_budgets", lang))
        return lines
    lines += twice(
        report.crowded_spend,
        report.identical_spend,
        groups=len(report.identical_groups),
        max_share=report.max_share,
        currency=report.currency,
        lang=lang,
    )
    if report.unfunded:
        unfunded = words.names(report.unfunded, report.area_names, escape)
        lines.append(t("spend.unfunded", lang, names=unfunded))
    if report.unallocated:
        lines.append(t("spend.unallocated", lang, amount=money(report.unallocated)))
    if report.unbudgeted:
        item_names = {item.id: item.name for item in report.initiatives}
        unbudgeted = words.names(report.unbudgeted, item_names, escape)
        lines.append(t("spend.unbudgeted", lang, initiatives=unbudgeted))
    return lines


def legend(report: SpendReport, lang: Lang = "en") -> str:
    return t("spend.legend", lang, max=words.percent(report.max_share))
