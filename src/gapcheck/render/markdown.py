"""Markdown renderings: pipe tables for wikis, pull requests and reports.

Text from the data is escaped by ``safe.markdown`` where it enters: every table cell
is escaped unless gapcheck wrote it as Markdown (:class:`_Own`), and names in
headings, bullets and sentences come through :func:`_names` and :func:`_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import singledispatch
from typing import Any

from gapcheck.analysis import CoverageMatrix, DiffReport, GapReport, OverlapReport, Timeline
from gapcheck.analysis.report import Report
from gapcheck.i18n import Lang, t
from gapcheck.render import safe, words


class _Own(str):
    """Markdown that gapcheck wrote (``**3**``, ``1*``): a table cell takes it as it is."""

    __slots__ = ()


#: Untrusted text for a line of Markdown.
_text = safe.markdown


def _title(title: str | None) -> str | None:
    """A portfolio's title, escaped for Markdown; None when it has none."""
    return None if title is None else _text(title)


def _dataset(result: Any, lang: Lang, at: int | None = None) -> str:
    """How a heading names the result's data: its title, else its label; escaped."""
    return words.dataset(_text(result.data), at, lang, _title(result.title))


def _names(ids: Iterable[str], lookup: Mapping[str, str]) -> _Own:
    return _Own(words.names(ids, lookup, escape=_text))


def _cell(text: object) -> str:
    if isinstance(text, _Own):
        return text
    return _text(text) if isinstance(text, str) else str(text)


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def render(result: object, lang: Lang = "en") -> str:
    return "\n".join(_lines(result, lang)) + "\n"


@singledispatch
def _lines(result: object, lang: Lang) -> list[str]:
    raise TypeError(f"no Markdown rendering for {type(result).__name__}")


def matrix_table(
    result: CoverageMatrix, lang: Lang, order: Sequence[str] | None = None
) -> list[str]:
    """The matrix as a pipe table with totals; ``order`` lists initiative ids to show first."""
    total = t("col.total", lang)
    header = [t("col.initiative", lang), *(area.name for area in result.focus_areas), total]
    rows_by_id = {
        item.id: [item.name, *marks, len(item.focus_areas)]
        for item, marks in zip(result.initiatives, words.matrix_cells(result), strict=True)
    }
    ids = list(order) if order is not None else list(rows_by_id)
    rows: list[list[object]] = [rows_by_id[i] for i in ids]
    rows.append(
        [_Own(f"**{total}**"), *(_Own(f"**{len(a.initiatives)}**") for a in result.focus_areas), ""]
    )
    return _table(header, rows)


@_lines.register
def _(result: CoverageMatrix, lang: Lang) -> list[str]:
    lines = [f"## {t('title.matrix', lang)}: {_dataset(result, lang, result.at)}"]
    lines.append("")
    lines += matrix_table(result, lang)
    lines += ["", words.matrix_legend(result, lang)]
    return lines


@_lines.register
def _(result: GapReport, lang: Lang) -> list[str]:
    lines = [
        f"## {t('title.gaps', lang)}: {_dataset(result, lang, result.at)}",
        "",
        words.gaps_summary(result, lang),
    ]
    if result.gaps:
        lines.append("")
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.kind", "col.initiatives", "col.why")],
            (
                [
                    gap.name,
                    words.kind(gap.kind, lang),
                    _names(gap.initiatives, result.names) or t("none", lang),
                    words.gap_reason(gap, lang),
                ]
                for gap in result.gaps
            ),
        )
    if result.orphans:
        lines += ["", t("orphans.label", lang) + _names(result.orphans, result.names) + "."]
    return lines


@_lines.register
def _(result: OverlapReport, lang: Lang) -> list[str]:
    lines = [
        f"## {t('title.overlaps', lang)}: {_dataset(result, lang, result.at)}",
        "",
        words.overlaps_summary(result, lang),
    ]
    if result.crowded:
        lines += ["", f"### {t('section.crowded', lang)}", ""]
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.initiatives", "col.share", "col.why")],
            (
                [a.name, a.count, words.percent(a.share), words.crowded_reason(a, result, lang)]
                for a in result.crowded
            ),
        )
    if result.identical:
        lines += ["", f"### {t('section.identical', lang)}", ""]
        lines += _table(
            [t("col.focus_areas", lang), t("col.initiatives", lang)],
            (
                [_names(g.focus_areas, result.area_names), _names(g.initiatives, result.names)]
                for g in result.identical
            ),
        )
    if result.pairs:
        lines += ["", f"### {t('section.pairs', lang)}", ""]
        lines += _table(
            [
                t("col.initiative", lang),
                t("col.initiative", lang),
                t("col.shared", lang),
                t("col.jaccard", lang),
            ],
            (
                [
                    _names([p.a], result.names),
                    _names([p.b], result.names),
                    _names(p.shared, result.area_names),
                    f"{p.jaccard:.2f}",
                ]
                for p in result.pairs
            ),
        )
    return lines


@_lines.register
def _(result: Timeline, lang: Lang) -> list[str]:
    lines = [f"## {t('title.timeline', lang)}: {_dataset(result, lang)}", ""]
    header = [t("col.year", lang), *(area.name for area in result.focus_areas)]
    rows = (  # identical years folded into one row, as in the terminal
        [year, *(_Own(words.timeline_cell(a.counts[i], a.threshold)) for a in result.focus_areas)]
        for year, i in words.timeline_runs(result)
    )
    lines += _table(header, rows)
    lines += ["", words.timeline_legend(result, lang)]
    return lines


@_lines.register
def _(result: DiffReport, lang: Lang) -> list[str]:
    """Compact, for a pull-request comment or a CI job summary."""
    sides = words.diff_sides(
        _text(result.base),
        _text(result.head),
        lang,
        _title(result.base_title),
        _title(result.head_title),
    )
    lines = [
        f"### gapcheck {t('title.diff', lang).lower()}: {sides}",
        "",
        f"**{words.diff_headline(result, lang)}**",
    ]
    areas, names = result.area_names, result.names

    def bullets(
        key: str, ids: Iterable[str], lookup: Mapping[str, str], mark: str = ""
    ) -> list[str]:
        return [f"- {mark}{t(key, lang)}{_names([i], lookup)}" for i in ids]

    # An opened gap is a problem (a cross), a closed gap good news (a tick).
    items = bullets("diff.gap_opened", result.gaps_opened, areas, "✗ ")
    items += bullets("diff.gap_closed", result.gaps_closed, areas, "✓ ")
    items += bullets("diff.initiative_added", result.initiatives_added, names)
    items += bullets("diff.initiative_removed", result.initiatives_removed, names)
    items += bullets("diff.initiative_started", result.initiatives_started, names)
    items += bullets("diff.initiative_ended", result.initiatives_ended, names)
    for change in result.initiatives_changed:
        if not (change.added or change.removed):
            continue  # only other fields: in the table of other changes
        moves = [f"+{_names([a], areas)}" for a in change.added]
        moves += [f"−{_names([a], areas)}" for a in change.removed]
        items.append(
            f"- {t('diff.initiative_changed', lang)}{_names([change.id], names)}"
            f" ({', '.join(moves)})"
        )
    items += bullets("diff.focus_area_added", result.focus_areas_added, areas)
    items += bullets("diff.focus_area_removed", result.focus_areas_removed, areas)
    if items:
        lines += ["", *items]
    if result.coverage:
        lines.append("")
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.before", "col.after", "col.change")],
            (
                [
                    c.name,
                    "–" if c.before is None else c.before,
                    "–" if c.after is None else c.after,
                    words.signed(c.before, c.after, lang),
                ]
                for c in result.coverage
            ),
        )
    other = words.field_changes(result, lang)
    if other:  # last, so that metadata churn does not bury the coverage changes
        lines += ["", f"#### {t('section.other_changes', lang)}", ""]
        lines += _table(
            [t(k, lang) for k in ("col.what", "col.field", "col.before", "col.after")],
            (
                [what, name, words.field_value(before, lang), words.field_value(after, lang)]
                for what, name, before, after in other
            ),
        )
    return lines


@_lines.register
def _(result: Report, lang: Lang) -> list[str]:
    """The report for wikis and pull requests: findings, then the matrix."""
    initiative_names = {item.id: _text(item.name) for item in result.matrix.initiatives}
    area_names = {area.id: _text(area.name) for area in result.matrix.focus_areas}
    lines = [
        f"## {t('title.report', lang)}: {_dataset(result, lang, result.at)}",
        "",
        f"### {t('report.findings', lang)}",
        "",
    ]
    if result.findings:
        lines += [
            f"{number}. {words.finding(finding, initiative_names, area_names, lang)}"
            for number, finding in enumerate(result.findings, start=1)
        ]
    else:
        lines.append(t("report.no_findings", lang))
    lines += ["", f"### {t('title.matrix', lang)}", ""]
    lines += matrix_table(result.matrix, lang, order=result.row_order)
    lines += ["", words.matrix_legend(result.matrix, lang)]
    if result.diff is not None:
        lines += ["", *_lines(result.diff, lang)]
    return lines
