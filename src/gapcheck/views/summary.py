"""The view of ``summary``: the portfolio in one screen."""

from __future__ import annotations

from gapcheck.analysis import PortfolioSummary
from gapcheck.i18n import t
from gapcheck.render import money, words
from gapcheck.views.document import (
    Block,
    BulletList,
    Column,
    Document,
    Legend,
    Paragraph,
    Records,
    Section,
    Table,
    data,
)
from gapcheck.views.options import Options, subject


def view(result: PortfolioSummary, options: Options) -> Document:
    lang = options.lang
    measures = Table(
        (Column(t("col.measure", lang)), Column(t("col.value", lang))),
        tuple(words.summary_rows(result, lang)),
    )
    blocks: list[Block] = [measures]
    if result.expiring:  # accepted gaps whose acceptance runs out soon
        blocks.append(
            BulletList(
                tuple(
                    f"{entry.until.isoformat()} · {data(entry.name)}: {data(entry.reason)}"
                    for entry in result.expiring
                ),
                "warn",
            )
        )
    line = money.summary_money_line(result, lang)
    if line is not None:
        blocks.append(Paragraph.of(line, "strong"))
    blocks.append(Legend(t("summary.legend", lang)))
    return Document(
        t("title.summary", lang),
        subject(result.data, result.at, lang, result.title),
        lang,
        sections=(Section(None, tuple(blocks)),),
        records=_records(result) if options.spreadsheet else None,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _records(result: PortfolioSummary) -> Records:
    rows: list[tuple[str, object]] = [
        ("initiatives", result.initiatives),
        ("focus_areas", result.focus_areas),
        ("marks", result.marks),
        ("covered_direct", result.covered_direct),
        ("covered_rolled_up", result.covered_rolled_up),
        *(("gaps_" + kind, number) for kind, number in result.gaps.items()),
        ("crowded", result.crowded),
        ("identical_groups", result.identical_groups),
        ("critical_initiatives", result.critical_initiatives),
        ("accepted", len(result.accepted)),
        ("expiring", len(result.expiring)),
        ("configurations", result.configurations),
        ("shannon", _round(result.shannon)),
        ("gini_simpson", _round(result.gini_simpson)),
        ("evenness", _round(result.evenness)),
    ]
    if result.spend is not None:
        rows += [("spend", str(result.spend)), ("crowded_spend", str(result.crowded_spend))]
    return Records((Column("measure"), Column("value", "number")), tuple(rows))  # type: ignore[arg-type]
