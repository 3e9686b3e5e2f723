"""Markdown renderings: pipe tables for wikis, pull requests and reports.

Text from the data is escaped by ``safe.markdown`` where it enters: every table cell
is escaped unless gapcheck wrote it as Markdown (:class:`_Own`), and names in
headings, bullets and sentences come through :func:`_names` and :func:`_text`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import singledispatch
from typing import Any

from gapcheck.analysis import (
    CoverageMatrix,
    CriticalReport,
    DiffReport,
    Gap,
    GapReport,
    OverlapReport,
    PortfolioSummary,
    SpendReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.analysis.compare import Comparison
from gapcheck.analysis.coverage import GapRollup
from gapcheck.analysis.grouping import AttributeMatrix
from gapcheck.analysis.report import Report
from gapcheck.i18n import Lang, t
from gapcheck.render import caps, safe, scale, words


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


@dataclass(frozen=True, slots=True)
class _View:
    """The caps (``--limit N``, ``caps.ALL`` for ``--all``, None: the defaults) and ids."""

    limit: int | None = None
    ids: bool = False
    #: Long lists of a diff collapsed in ``<details>`` (the report bounds its diff itself).
    collapse: bool = True
    #: False inside another result that has its own heading (whatif).
    heading: bool = True


def render(
    result: object, lang: Lang = "en", *, limit: int | None = None, ids: bool = False
) -> str:
    if isinstance(result, Report):
        return "\n".join(_lines(result, lang)) + "\n"
    return "\n".join(_lines(result, lang, _View(limit, ids))) + "\n"


@singledispatch
def _lines(result: object, lang: Lang, view: _View | None = None) -> list[str]:
    raise TypeError(f"no Markdown rendering for {type(result).__name__}")


def _more(hidden: int, lang: Lang, full: str = "csv") -> list[str]:
    """The line saying what a capped list left out (none when nothing was)."""
    return ["", caps.more(hidden, lang, full=full)] if hidden else []


def matrix_table(
    result: CoverageMatrix, lang: Lang, order: Sequence[str] | None = None
) -> list[str]:
    """The matrix as a pipe table with totals; ``order`` lists initiative ids to show first."""
    total = t("col.total", lang)
    row = "col.owner" if result.by == "owner" else "col.initiative"
    areas = words.labels(((a.id, a.name) for a in result.focus_areas), lang=lang)
    names = words.labels(((i.id, i.name) for i in result.initiatives), lang=lang)
    header = [t(row, lang), *(areas[area.id] for area in result.focus_areas), total]
    rows_by_id = {
        item.id: [names[item.id], *marks, len(item.focus_areas)]
        for item, marks in zip(result.initiatives, words.matrix_cells(result), strict=True)
    }
    ids = list(order) if order is not None else list(rows_by_id)
    rows: list[list[object]] = [rows_by_id[i] for i in ids]
    rows.append(
        [_Own(f"**{total}**"), *(_Own(f"**{len(a.initiatives)}**") for a in result.focus_areas), ""]
    )
    return _table(header, rows)


@_lines.register
def _(result: CoverageMatrix, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    lines = [f"## {t('title.matrix', lang)}: {_dataset(result, lang, result.at)}", ""]
    lines += [words.matrix_opening(result, lang, _text), ""]
    if scale.matrix_is_large(result):
        lines += [t("layout.matrix.markdown", lang, columns=f"{len(result.focus_areas):,}"), ""]
        areas = {area.id: area for area in result.focus_areas}
        labels = words.labels(
            ((a.id, _text(a.name)) for a in result.focus_areas), ids=view.ids, lang=lang
        )
        order = words.tree_order((a.id, a.parent) for a in result.focus_areas)
        shown, hidden = caps.cap(order, view.limit, caps.AREA_ROWS)
        hierarchy = any(a.parent for a in result.focus_areas)
        header = [t("col.focus_area", lang), t("col.direct", lang)]
        if hierarchy:
            header.append(t("col.rolled", lang))
        lines += _table(
            header,
            (
                [
                    _Own(("&nbsp;&nbsp;" * depth) + labels[i]),
                    len(areas[i].direct),
                    *([len(areas[i].initiatives)] if hierarchy else []),
                ]
                for i, depth in shown
            ),
        )
        lines += _more(hidden, lang)
    else:
        rows, hidden = caps.cap(result.initiatives, view.limit, caps.MATRIX_ROWS)
        lines += matrix_table(result, lang, order=[item.id for item in rows])
        lines += _more(hidden, lang)
    lines += ["", words.matrix_legend(result, lang)]
    return lines


def _gap_labels(report: GapReport, ids: bool, lang: Lang) -> dict[str, str]:
    found = words.area_labels(
        ((i, _text(name), report.parents.get(i)) for i, name in report.area_names.items()),
        ids=ids,
        lang=lang,
    )
    for gap in report.gaps:  # a report made without the areas: the gaps' own names
        found.setdefault(gap.focus_area, _text(gap.name))
    for area_id, url in report.urls.items():  # a focus area's url: a link
        if area_id in found:
            found[area_id] = safe.markdown_link(found[area_id], url)
    return found


@_lines.register
def _(result: GapReport, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    areas = _gap_labels(result, view.ids, lang)
    names = words.labels(((i, _text(n)) for i, n in result.names.items()), ids=view.ids, lang=lang)
    opening = words.gaps_summary(result, lang)
    worst = words.worst_gap(result, areas, caps.ROLLUP_MIN, lang, _text)
    lines = [
        f"## {t('title.gaps', lang)}: {_dataset(result, lang, result.at)}",
        "",
        opening if worst is None or len(result.gaps) < 2 else f"{opening} {worst}",
    ]
    if result.gaps:
        from gapcheck.render import money

        entries = words.gap_entries(result, caps.ROLLUP_MIN)
        shown, _ = caps.cap(entries, view.limit, caps.GAPS)
        hidden = sum(words.entry_gaps(entry) for entry in entries[len(shown) :])
        rows: list[list[object]] = []
        for entry in shown:
            if isinstance(entry, Gap):
                rows.append(
                    [
                        _Own(areas[entry.focus_area]),
                        words.kind(entry.kind, lang),
                        _Own(
                            words.some(
                                entry.initiatives or entry.below_strength,
                                names,
                                caps.NAMES_PER_CELL,
                                lang,
                            )
                        )
                        or t("none", lang),
                        words.gap_reason(entry, lang),
                        *money.gap_cell(result, entry.focus_area, lang),
                    ]
                )
                continue
            kinds = [k for k, ids in (("uncovered", entry.uncovered), ("thin", entry.thin)) if ids]
            parent = areas.get(entry.parent, entry.parent)
            rows.append(
                [
                    _Own(t("gaps.rollup_row", lang, parent=parent, count=entry.gaps)),
                    ", ".join(words.kind(k, lang) for k in kinds),
                    "",
                    _Own(words.rollup(entry, areas, lang)),
                    *money.gap_cell(result, "", lang),
                ]
            )
        lines.append("")
        header = [t(k, lang) for k in ("col.focus_area", "col.kind", "col.initiatives", "col.why")]
        if result.spend is not None:
            header.append(money.gap_heading(result, lang))
        lines += _table(header, rows)
        lines += _more(hidden, lang)
        legend = words.gaps_legend(result, lang)
        if legend:
            lines += ["", f"_{legend}_"]
    if result.orphans:
        shown_orphans, hidden = caps.cap(result.orphans, view.limit, caps.ORPHANS)
        lines += ["", t("orphans.label", lang) + words.names(shown_orphans, names) + "."]
        lines += _more(hidden, lang)
    if result.by is not None:
        header, rows = words.gap_group_rows(result, lang)
        lines += ["", f"### {t('gaps.by', lang, key=_text(result.by))}", "", *_table(header, rows)]
    return lines


@_lines.register
def _(result: OverlapReport, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    most = caps.NAMES_PER_CELL
    names = words.labels(((i, _text(n)) for i, n in result.names.items()), ids=view.ids, lang=lang)
    areas = words.area_labels(
        ((i, _text(n), result.parents.get(i)) for i, n in result.area_names.items()),
        ids=view.ids,
        lang=lang,
    )
    distinct = words.distinct_pairs(result)
    pairs, hidden_pairs = caps.cap(distinct, view.limit, caps.PAIRS)
    if result.pair_count is not None:
        hidden_pairs = max(
            hidden_pairs, result.pair_count - words.pairs_in_groups(result) - len(pairs)
        )
    lines = [
        f"## {t('title.overlaps', lang)}: {_dataset(result, lang, result.at)}",
        "",
        words.overlaps_opening(result, pairs, lang),
    ]
    if result.crowded:
        crowded, hidden = caps.cap(result.crowded, view.limit, caps.CROWDED)
        lines += ["", f"### {t('section.crowded', lang)}", ""]
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.initiatives", "col.share", "col.why")],
            (
                [
                    _Own(areas.get(a.focus_area, _text(a.name))),
                    a.count,
                    words.percent(a.share),
                    words.crowded_reason(a, result, lang),
                ]
                for a in crowded
            ),
        )
        lines += _more(hidden, lang)
    if result.identical:
        largest = sorted(result.identical, key=lambda g: -len(g.initiatives))
        groups, hidden = caps.cap(largest, view.limit, caps.GROUPS)
        lines += ["", f"### {t('section.identical', lang)}", ""]
        lines += _table(
            [t("col.focus_areas", lang), t("col.initiatives", lang)],
            (
                [
                    _Own(words.some(g.focus_areas, areas, most, lang)),
                    _Own(words.some(g.initiatives, names, most, lang)),
                ]
                for g in groups
            ),
        )
        lines += _more(hidden, lang)
    if pairs:
        lines += ["", f"### {t('section.pairs', lang)}", "", t("overlaps.ranking", lang), ""]
        lines += _table(
            [
                t("col.initiative", lang),
                t("col.initiative", lang),
                t("col.shared_count", lang),
                t("col.shared", lang),
                t("col.jaccard", lang),
            ],
            (
                [
                    _Own(names.get(p.a, _text(p.a))),
                    _Own(names.get(p.b, _text(p.b))),
                    len(p.shared),
                    _Own(words.some(p.shared, areas, most, lang)),
                    f"{p.jaccard:.2f}",
                ]
                for p in pairs
            ),
        )
    lines += _more(hidden_pairs, lang)
    lines += _owner_overlaps(result, lang, view, areas)
    return lines


def _owner_overlaps(
    result: OverlapReport, lang: Lang, view: _View, areas: dict[str, str]
) -> list[str]:
    """Coordination needed (areas served by several owners) and owners alike."""
    most = caps.OWNERS_PER_CELL
    owners = words.labels(
        ((i, _text(n)) for i, n in result.owner_names.items()), ids=view.ids, lang=lang
    )
    lines: list[str] = []
    if result.coordination:
        shared, hidden = caps.cap(result.coordination, view.limit, caps.COORDINATION)
        lines += ["", f"### {t('section.coordination', lang)}", ""]
        lines += _table(
            [t("col.focus_area", lang), t("col.count", lang), t("col.owners", lang)],
            (
                [
                    _Own(areas.get(a.focus_area, _text(a.name))),
                    len(a.owners),
                    _Own(words.some(a.owners, owners, most, lang)),
                ]
                for a in shared
            ),
        )
        lines += _more(hidden, lang)
    if result.identical_owners:
        groups, hidden = caps.cap(result.identical_owners, view.limit, caps.GROUPS)
        lines += ["", f"### {t('section.identical_owners', lang)}", ""]
        lines += _table(
            [t("col.focus_areas", lang), t("col.owners", lang)],
            (
                [
                    _Own(words.some(g.focus_areas, areas, most, lang)),
                    _Own(words.some(g.owners, owners, most, lang)),
                ]
                for g in groups
            ),
        )
        lines += _more(hidden, lang)
    return lines


#: Periods (folded years) shown as columns when the timeline is turned.
TIMELINE_PERIODS = 8


@_lines.register
def _(result: Timeline, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    lines = [f"## {t('title.timeline', lang)}: {_dataset(result, lang)}", ""]
    lines += [words.timeline_summary(result, lang), ""]
    runs = words.timeline_runs(result)
    if len(result.focus_areas) <= scale.MATRIX_MAX_COLUMNS:
        shown_runs, hidden = caps.cap(runs, view.limit, caps.TIMELINE_ROWS)
        header = [t("col.year", lang), *(area.name for area in result.focus_areas)]
        rows = (  # identical years folded into one row, as in the terminal
            [
                year,
                *(_Own(words.timeline_cell(a.counts[i], a.threshold)) for a in result.focus_areas),
            ]
            for year, i in shown_runs
        )
        lines += _table(header, rows)
        lines += _more(hidden, lang)
    else:
        chosen = runs[-TIMELINE_PERIODS:]
        periods = (
            ""
            if len(chosen) == len(runs)
            else t("layout.periods", lang, shown=len(chosen), total=len(runs))
        )
        lines += [
            t(
                "layout.timeline.markdown",
                lang,
                columns=f"{len(result.focus_areas):,}",
                periods=periods,
            ),
            "",
        ]
        areas = {a.id: a for a in result.focus_areas}
        labels = words.labels(
            ((a.id, _text(a.name)) for a in result.focus_areas), ids=view.ids, lang=lang
        )
        order = words.tree_order((a.id, a.parent) for a in result.focus_areas)
        shown, hidden = caps.cap(order, view.limit, caps.AREA_ROWS)
        lines += _table(
            [t("col.focus_area", lang), *(label for label, _ in chosen)],
            (
                [
                    _Own(("&nbsp;&nbsp;" * depth) + labels[i]),
                    *(
                        _Own(words.timeline_cell(areas[i].counts[c], areas[i].threshold))
                        for _, c in chosen
                    ),
                ]
                for i, depth in shown
            ),
        )
        lines += _more(hidden, lang)
    lines += ["", words.timeline_legend(result, lang)]
    return lines


#: Sections of a diff with more entries than this are collapsed in ``<details>``.
DIFF_INLINE = 10


@_lines.register
def _(result: DiffReport, lang: Lang, view: _View | None = None) -> list[str]:
    """Compact, for a pull-request comment or a CI job summary: under
    ``scale.MARKDOWN_LIMIT`` characters at any size unless ``--all`` asks for more."""
    view = view or _View()
    if view.limit is not None:
        return _diff_lines(result, lang, view, view.limit, _text)
    for per_section in (caps.DIFF_ENTRIES, 20, 10, 5, 1):
        lines = _diff_lines(result, lang, view, per_section, lambda text: _text(scale.clip(text)))
        if sum(len(line) + 1 for line in lines) < scale.MARKDOWN_LIMIT - 2_000:
            break
    return lines


def _diff_lines(
    result: DiffReport, lang: Lang, view: _View, most: int, name: Callable[[str], str]
) -> list[str]:
    sides = words.diff_sides(
        _text(result.base),
        _text(words.diff_head(result, lang)),
        lang,
        _title(result.base_title),
        _title(result.head_title),
    )
    lines = [f"**{words.diff_headline(result, lang)}**"]
    if view.heading:
        lines[:0] = [f"### gapcheck {t('title.diff', lang).lower()}: {sides}", ""]
    areas = words.labels(
        ((i, name(n)) for i, n in result.area_names.items()), ids=view.ids, lang=lang
    )
    names = words.labels(((i, name(n)) for i, n in result.names.items()), ids=view.ids, lang=lang)

    def label(item: str, lookup: Mapping[str, str]) -> str:
        return lookup.get(item) or name(item)

    sections: list[tuple[str, list[str]]] = []

    def bullets(key: str, ids: Iterable[str], lookup: Mapping[str, str], mark: str = "") -> None:
        sections.append((key, [f"- {mark}{t(key, lang)}{label(i, lookup)}" for i in ids]))

    # An opened gap is a problem (a cross), a closed gap good news (a tick).
    bullets("diff.gap_opened", result.gaps_opened, areas, "✗ ")
    sections.append(
        (
            "diff.gap_worsened",
            [
                f"- ✗ {t('diff.gap_worsened', lang)}{label(gap.focus_area, areas)}"
                f" ({words.worsened_how(gap, lang)})"
                for gap in result.gaps_worsened
            ],
        )
    )
    bullets("diff.gap_closed", result.gaps_closed, areas, "✓ ")
    bullets("diff.initiative_added", result.initiatives_added, names)
    bullets("diff.initiative_removed", result.initiatives_removed, names)
    bullets("diff.initiative_started", result.initiatives_started, names)
    bullets("diff.initiative_ended", result.initiatives_ended, names)
    changed = []
    for change in result.initiatives_changed:
        if not (change.added or change.removed):
            continue  # only other fields: in the table of other changes
        moves = [f"+{label(a, areas)}" for a in change.added]
        moves += [f"−{label(a, areas)}" for a in change.removed]
        named = caps.effective(view.limit, caps.NAMES_PER_CELL)
        shown_moves = ", ".join(moves[:named])
        if len(moves) > named:
            shown_moves = t("names.more", lang, names=shown_moves, count=len(moves) - named)
        changed.append(
            f"- {t('diff.initiative_changed', lang)}{label(change.id, names)} ({shown_moves})"
        )
    sections.append(("diff.initiative_changed", changed))
    bullets("diff.focus_area_added", result.focus_areas_added, areas)
    bullets("diff.focus_area_removed", result.focus_areas_removed, areas)
    for key, items in sections:
        if not items:
            continue
        shown, hidden = caps.cap(items, view.limit, most)
        failing = key in ("diff.gap_opened", "diff.gap_worsened")  # always in sight
        if not view.collapse or len(items) <= DIFF_INLINE or failing:
            lines += ["", *shown, *_more(hidden, lang, "json")]
            continue
        title = t(key, lang).rstrip(": ")
        lines += ["", "<details>", f"<summary>{title} ({len(items):,})</summary>", "", *shown]
        lines += _more(hidden, lang, "json")
        lines += ["", "</details>"]
    if result.coverage:
        rows, hidden = caps.cap(result.coverage_by_severity, view.limit, most)
        lines.append("")
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.before", "col.after", "col.change")],
            (
                [
                    _Own(label(c.focus_area, areas)),
                    "–" if c.before is None else c.before,
                    "–" if c.after is None else c.after,
                    _Own(f"**{words.coverage_change(result, c, lang)}**")
                    if result.severity(c) == "uncovered"
                    else words.coverage_change(result, c, lang),
                ]
                for c in rows
            ),
        )
        lines += _more(hidden, lang, "json")
        if result.coverage_by_severity != result.coverage:  # say why not in file order
            lines += ["", f"_{t('coverage.order', lang)}_"]
    other = words.field_changes(result, lang)
    if other:  # last, so that metadata churn does not bury the coverage changes
        rows_other, hidden = caps.cap(other, view.limit, most)
        lines += ["", f"#### {t('section.other_changes', lang)}", ""]
        lines += _table(
            [t(k, lang) for k in ("col.what", "col.field", "col.before", "col.after")],
            (
                [
                    _Own(name(what)),
                    field_name,
                    _Own(name(words.field_value(before, lang))),
                    _Own(name(words.field_value(after, lang))),
                ]
                for what, field_name, before, after in rows_other
            ),
        )
        lines += _more(hidden, lang, "json")
    if result.has_budgets:
        lines += _spend_changes(result, lang, view, most, areas=areas, name=name)
    return lines


def _spend_changes(
    result: DiffReport,
    lang: Lang,
    view: _View,
    most: int,
    *,
    areas: Mapping[str, str],
    name: Callable[[str], str],
) -> list[str]:
    """The money of a diff: the totals, and each focus area whose direct money changed."""
    from gapcheck.render import money

    lines = ["", f"#### {name(money.spend_heading(result, lang))}", ""]
    lines.append(money.spend_totals(result, lang))
    if result.spend:
        rows, hidden = caps.cap(result.spend, view.limit, most)
        lines.append("")
        lines += _table(
            [t(k, lang) for k in ("col.focus_area", "col.before", "col.after", "col.change")],
            (
                [
                    _Own(areas.get(c.focus_area) or name(c.name)),
                    "–" if c.before is None else money.number(c.before, lang),
                    "–" if c.after is None else money.number(c.after, lang),
                    money.signed(c.before, c.after, lang),
                ]
                for c in rows
            ),
        )
        lines += _more(hidden, lang, "json")
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
    if result.portfolio is not None:
        rows = words.report_summary_rows(result.portfolio, lang)
        alone = t("report.portfolio", lang, command="`gapcheck summary`")
        lines += [" · ".join(f"{label}: {value}" for label, value in rows) + f". {alone}", ""]
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
        whole = _lines(result.diff, lang, _View(caps.ALL, collapse=False))
        tail += ["", *_bounded(whole, scale.MARKDOWN_DIFF_CHARS, lang)]

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
def _(result: WhatIfReport, lang: Lang, view: _View | None = None) -> list[str]:
    diff = result.diff
    name = words.dataset(_text(diff.base), result.at, lang, _title(result.title))
    lines = [
        f"## {t('title.whatif', lang)}: {name}",
        "",
        t("whatif.without", lang) + _names(result.without, diff.names),
        "",
    ]
    from gapcheck.render import money

    freed = money.freed_line(result, lang)
    if freed is not None:
        lines += [freed, ""]
    lines += _lines(diff, lang, dataclasses.replace(view or _View(), heading=False))
    if result.orphaned:
        lines += ["", t("whatif.orphaned", lang) + _names(result.orphaned, diff.area_names)]
    return lines


@_lines.register
def _(result: CriticalReport, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    lines = [
        f"## {t('title.critical', lang)}: {_dataset(result, lang, result.at)}",
        "",
        words.critical_summary(result, lang),
    ]
    if result.critical:
        shown, hidden = caps.cap(result.critical, view.limit, caps.CRITICAL)
        lines.append("")
        from gapcheck.render import money

        parts_of = words.critical_columns(shown)
        keys = ("col.initiative", *(key for key, _ in parts_of), "col.priority")
        header = [t(k, lang) for k in keys]
        if result.has_budgets:
            heading = t("col.budget", lang) + " " + money.in_year(result.at, lang)
            header.append(heading + (f" ({result.currency})" if result.currency else ""))
        lines += _table(
            header,
            (
                [
                    item.name,
                    *(_names(part(item), result.area_names) for _, part in parts_of),
                    item.priority,
                    *([] if item.budget is None else [money.number(item.budget, lang)]),
                ]
                for item in shown
            ),
        )
        lines += _more(hidden, lang)
    return lines


@_lines.register
def _(result: PortfolioSummary, lang: Lang, view: _View | None = None) -> list[str]:
    lines = [f"## {t('title.summary', lang)}: {_dataset(result, lang, result.at)}", ""]
    lines += _table(
        [t("col.measure", lang), t("col.value", lang)], words.summary_rows(result, lang)
    )
    for entry in result.expiring:
        lines.append(f"- {entry.until.isoformat()} · {_text(entry.name)}: {_text(entry.reason)}")
    from gapcheck.render import money

    line = money.summary_money_line(result, lang)
    if line is not None:
        lines += ["", line]
    lines += ["", t("summary.legend", lang)]
    return lines


@_lines.register
def _(result: SpendReport, lang: Lang, view: _View | None = None) -> list[str]:
    from gapcheck.render import money

    view = view or _View()
    at = result.years[0] if len(result.years) == 1 else None
    lines = [f"## {t('title.spend', lang)}: {_dataset(result, lang, at)}", ""]
    # Summary first: the totals, crowded spend and unfunded areas, then the tables.
    lines += [f"- {line}" for line in money.summary_lines(result, lang, _text)]
    lines.append("")
    currency = f" ({result.currency})" if result.currency else ""
    shown_areas, hidden_areas = caps.cap(result.areas, view.limit, caps.AREA_ROWS)
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
            for area in shown_areas
        ),
    )
    lines += _more(hidden_areas, lang)
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

    lines += ["", money.legend(result, lang)]
    return lines


@_lines.register
def _(result: Comparison, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    lines = [f"## {t('title.compare', lang)}: {_dataset(result, lang, result.at)}", ""]
    lines += [words.compare_summary(result, lang, _text), ""]
    labels = words.labels(((a.id, a.name) for a in result.focus_areas), ids=view.ids, lang=lang)
    shown, hidden = caps.cap(words.compare_rows(result), view.limit, caps.COMPARE_ROWS)
    lines += _table(
        [t("col.focus_area", lang), t("col.served", lang), "A", "B"],
        ([labels[a.id], t(f"compare.{a.served}", lang), len(a.a), len(a.b)] for a in shown),
    )
    lines += _more(hidden, lang)
    legend = [t("compare.order", lang), *words.counted(result, lang)]
    return [*lines, "", " ".join(legend)]


@_lines.register
def _(result: AttributeMatrix, lang: Lang, view: _View | None = None) -> list[str]:
    view = view or _View()
    lines = [f"## {t('title.matrix', lang)}: {_dataset(result, lang, result.at)}", ""]
    lines += _table(
        [
            _text(result.by),
            t("col.focus_areas", lang),
            t("col.covered", lang),
            t("col.uncovered_areas", lang),
        ],
        (
            [_Own(cell) for cell in row]
            for row in words.column_rows(result, caps.NAMES_PER_CELL, lang, _text, view.ids)
        ),
    )
    legend = [t("matrix.by", lang, key=_text(result.by)), *words.counted(result, lang)]
    return [*lines, "", " ".join(legend)]
