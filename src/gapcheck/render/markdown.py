"""Markdown renderings: pipe tables for wikis, pull requests and reports.

Text from the data is escaped by ``safe.markdown`` where it enters: every table cell
is escaped unless gapcheck wrote it as Markdown (:class:`_Own`), and names in
headings, bullets and sentences come through :func:`_names` and :func:`_text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import singledispatch
from typing import Any

from gapcheck.analysis import (
    CoverageMatrix,
    CriticalReport,
    DiffReport,
    GapReport,
    OverlapReport,
    PortfolioSummary,
    SpendReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.analysis.report import GapRollup, Report
from gapcheck.i18n import Lang, t
from gapcheck.render import safe, scale, words


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
    row = "col.owner" if result.by == "owner" else "col.initiative"
    header = [t(row, lang), *(area.name for area in result.focus_areas), total]
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
                    _names(gap.initiatives or gap.below_strength, result.names) or t("none", lang),
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
    """The report for wikis and pull requests: the summary, the findings (the worst
    first, the rest collapsed in ``<details>`` when there are many), then the matrix
    (by top-level focus area when it is large); under ``scale.MARKDOWN_LIMIT``
    characters at any size."""
    matrix = result.matrix
    many = len(result.findings) > scale.WORST_FINDINGS
    large = many or scale.matrix_is_large(matrix)
    # In a large report every name is cut to a length, so that the parts shown in full
    # (the worst findings, the roll-ups, the matrix by top-level area) fit the limit.
    name = (lambda text: _text(scale.clip(text))) if large else _text
    initiative_labels = words.labels(
        ((item.id, name(item.name)) for item in matrix.initiatives), ids=result.ids, lang=lang
    )
    area_labels = words.area_labels(
        ((area.id, name(area.name), area.parent) for area in matrix.focus_areas),
        ids=result.ids,
        lang=lang,
    )
    lines = [
        f"## {t('title.report', lang)}: {_dataset(result, lang, result.at)}",
        "",
    ]
    if result.summary is not None:
        lines += [" ".join(words.summary_lines(result.summary, lang)), ""]
    lines += [f"### {t('report.findings', lang)}", ""]
    most = scale.NAMES_PER_FINDING
    shown = result.ranked[: scale.WORST_FINDINGS] if many else result.findings
    if many:
        lines += [
            t(
                "report.worst",
                lang,
                count=len(shown),
                total=f"{len(result.findings):,}",
            ),
            "",
        ]
    if shown:
        lines += [
            f"{number}. {words.finding(finding, initiative_labels, area_labels, lang, most=most)}"
            for number, finding in enumerate(shown, start=1)
        ]
    else:
        lines.append(t("report.no_findings", lang))
    rollups = scale.ranked_rollups(result.rollups)
    if rollups:
        lines += ["", f"#### {t('report.rollups', lang)}", ""]
        lines += [f"- {words.rollup(r, area_labels, lang)}" for r in rollups[: scale.TOP_ROLLUPS]]
    groups = (
        _report_groups(
            result,
            rollups,
            initiative_labels=initiative_labels,
            area_labels=area_labels,
            name=name,
            lang=lang,
        )
        if many
        else []
    )

    tail = ["", f"### {t('title.matrix', lang)}", ""]
    if scale.matrix_is_large(matrix):
        tail += _aggregate_table(result, name, lang)
    else:
        tail += matrix_table(matrix, lang, order=result.row_order)
        tail += ["", words.matrix_legend(matrix, lang)]
    if result.diff is not None:
        tail += ["", *_bounded(_lines(result.diff, lang), scale.MARKDOWN_DIFF_CHARS, lang)]

    # The collapsed lists get what the rest leaves of the budget; each says what it left out.
    room = scale.MARKDOWN_LIMIT - 2_000 - sum(len(line) + 1 for line in [*lines, *tail])
    for title, items, command in groups:
        block = ["", "<details>", f"<summary>{title}</summary>", ""]
        room -= sum(len(line) + 1 for line in block) + 20
        kept = 0
        for item in items:
            if room - len(item) - 1 < 300:
                break
            block.append(item)
            room -= len(item) + 1
            kept += 1
        if kept < len(items):
            note = t("report.left_out", lang, count=f"{len(items) - kept:,}", command=command)
            block += ["", note]
            room -= len(note) + 2
        block += ["", "</details>"]
        lines += block
    return lines + tail


def _bounded(lines: list[str], limit: int, lang: Lang) -> list[str]:
    """The diff's lines up to ``limit`` characters, then a line saying what was left out
    (a table cut short keeps its header)."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > limit:
            left = sum(1 for rest in lines[len(kept) :] if rest.strip())
            return [*kept, "", t("report.diff_more", lang, count=f"{left:,}")]
        kept.append(line)
        used += len(line) + 1
    return kept


def _report_groups(
    result: Report,
    rollups: Sequence[GapRollup],
    *,
    initiative_labels: Mapping[str, str],
    area_labels: Mapping[str, str],
    name: Callable[[str], str],
    lang: Lang,
) -> list[tuple[str, list[str], str]]:
    """Every finding beyond the worst, grouped: (summary, bullet lines, command for all)."""
    most = scale.NAMES_PER_FINDING
    groups: list[tuple[str, list[str], str]] = []
    if len(rollups) > scale.TOP_ROLLUPS:
        groups.append(
            (
                f"{t('report.rollups', lang)} ({len(rollups):,})",
                [f"- {words.rollup(r, area_labels, lang)}" for r in rollups],
                "gaps",
            )
        )
    plain = words.labels(
        ((a.id, name(a.name)) for a in result.matrix.focus_areas), ids=result.ids, lang=lang
    )
    for kind in ("uncovered", "thin"):
        ids = [gap.focus_area for gap in result.gaps.gaps if gap.kind == kind]
        if not ids:
            continue
        by_parent: dict[str | None, list[str]] = {}
        for area_id in ids:
            by_parent.setdefault(result.parents.get(area_id), []).append(area_id)
        items = [
            f"- **{t('group.top_level', lang) if parent is None else plain.get(parent, parent)}**:"
            f" {', '.join(plain.get(i, i) for i in members)}"
            for parent, members in by_parent.items()
        ]
        groups.append((t(f"group.{kind}", lang, count=f"{len(ids):,}"), items, "gaps"))
    for kind, command in (("crowded", "overlaps"), ("identical", "overlaps"), ("orphan", "gaps")):
        chosen = [f for f in result.ranked if f.kind == kind]
        if chosen:
            groups.append(
                (
                    t(f"group.{kind}", lang, count=f"{len(chosen):,}"),
                    [
                        f"- {words.finding(f, initiative_labels, area_labels, lang, most=most)}"
                        for f in chosen
                    ],
                    command,
                )
            )
    return groups


def _aggregate_table(result: Report, name: Callable[[str], str], lang: Lang) -> list[str]:
    """The matrix by top-level focus area, the worst rows when there are many."""
    matrix = result.matrix
    rows = scale.aggregate(matrix, result.gaps)
    shown = scale.worst_rows(rows, scale.MARKDOWN_AGGREGATE_ROWS)
    cells = len(matrix.initiatives) * len(matrix.focus_areas)
    lines = [
        t(
            "report.aggregated.markdown",
            lang,
            initiatives=f"{len(matrix.initiatives):,}",
            focus_areas=f"{len(matrix.focus_areas):,}",
            cells=f"{cells:,}",
            budget=f"{scale.MATRIX_CELL_BUDGET:,}",
        ),
        "",
    ]
    lines += _table(
        [
            t(key, lang)
            for key in ("col.focus_area", "col.sub_areas", "col.initiatives", "col.uncovered")
        ]
        + [t("col.thin", lang)],
        (
            [
                _Own(f"{name(row.area.name)} `{row.area.id}`"),
                len(row.subtree) - 1,
                len(row.area.initiatives),
                row.uncovered,
                row.thin,
            ]
            for row in shown
        ),
    )
    if len(shown) < len(rows):
        lines += ["", t("report.rows_more", lang, shown=len(shown), total=len(rows))]
    return lines


@_lines.register
def _(result: WhatIfReport, lang: Lang) -> list[str]:
    diff = result.diff
    name = words.dataset(_text(diff.base), None, lang, _title(result.title))
    lines = [
        f"## {t('title.whatif', lang)}: {name}",
        "",
        t("whatif.without", lang) + _names(result.without, diff.names),
        "",
    ]
    lines += _lines(diff, lang)
    if result.orphaned:
        lines += ["", t("whatif.orphaned", lang) + _names(result.orphaned, diff.area_names)]
    return lines


@_lines.register
def _(result: CriticalReport, lang: Lang) -> list[str]:
    lines = [
        f"## {t('title.critical', lang)}: {_dataset(result, lang, result.at)}",
        "",
        words.critical_summary(result, lang),
    ]
    if result.critical:
        lines.append("")
        lines += _table(
            [t(k, lang) for k in ("col.initiative", "col.would_leave", "col.priority")],
            (
                [item.name, _names(item.focus_areas, result.area_names), item.priority]
                for item in result.critical
            ),
        )
    return lines


@_lines.register
def _(result: PortfolioSummary, lang: Lang) -> list[str]:
    lines = [f"## {t('title.summary', lang)}: {_dataset(result, lang, result.at)}", ""]
    lines += _table(
        [t("col.measure", lang), t("col.value", lang)], words.summary_rows(result, lang)
    )
    for entry in result.expiring:
        lines.append(f"- {entry.until.isoformat()} · {_text(entry.name)}: {_text(entry.reason)}")
    lines += ["", t("summary.legend", lang)]
    return lines


@_lines.register
def _(result: SpendReport, lang: Lang) -> list[str]:
    from gapcheck.render import money

    at = result.years[0] if len(result.years) == 1 else None
    lines = [f"## {t('title.spend', lang)}: {_dataset(result, lang, at)}", ""]
    currency = f" ({result.currency})" if result.currency else ""
    header = [
        t("col.focus_area", lang),
        t("col.initiatives", lang),
        t("col.direct", lang) + currency,
    ]
    if result.has_tree:
        header.append(t("col.rolled_up", lang))
    header.append(t("col.crowded_spend", lang))
    lines += _table(
        header,
        (
            [
                area.name,
                len(area.initiatives),
                money.number(area.direct, lang),
                *([money.number(area.rolled_up, lang)] if result.has_tree else []),
                money.number(area.crowded_spend, lang) if area.crowded_years else "",
            ]
            for area in result.areas
        ),
    )
    if result.owners:
        lines.append("")
        lines += _table(
            [
                t("col.owner", lang),
                t("col.level", lang),
                t("col.initiatives", lang),
                t("col.spend", lang) + currency,
            ],
            (
                [
                    money.owner_name(owner.name, owner.owner, lang),
                    money.level(owner.level, lang),
                    len(owner.initiatives),
                    money.number(owner.spend, lang),
                ]
                for owner in result.owners
            ),
        )
    if len(result.per_year) > 1:
        lines.append("")
        lines += _table(
            [t("col.year", lang), t("col.total", lang) + currency, t("col.unallocated", lang)],
            (
                [
                    str(year.year),
                    money.number(year.total, lang),
                    money.number(year.unallocated, lang),
                ]
                for year in result.per_year
            ),
        )
    lines.append("")
    lines += [f"- {line}" for line in money.summary_lines(result, lang, _text)]
    lines += ["", money.legend(result, lang)]
    return lines
