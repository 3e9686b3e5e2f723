"""Rich tables for people: the ``table`` format.

Colour follows the caller's choice (the command line asks the terminal and
``NO_COLOR``); without colour the output is plain text that pastes cleanly.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from functools import singledispatch

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gapcheck.analysis import (
    AreaCoverage,
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
from gapcheck.i18n import Lang, t
from gapcheck.render import safe, words
from gapcheck.render.palette import HEAT, heat

BAR = HEAT[5]  # dark enough to read on a light or a dark terminal


def console_environment() -> dict[str, str]:
    """The environment rich may see: without COLUMNS and LINES, which rich converts with
    int() whatever they hold (5,000 digits, or '²', raise); the width is given."""
    return {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}


def render(result: object, *, color: bool = False, width: int = 100, lang: Lang = "en") -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,  # names are data: "[/]" or "[bold]" in a name is text, not markup
        emoji=False,
        soft_wrap=False,
        _environ=console_environment(),
    )
    console.print(_renderable(result, width, lang))
    text = buffer.getvalue()
    if color:
        return text
    # Plain text is pasted into reports: no padding at the ends of lines.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


#: Every text from the data enters a table through these two: control characters
#: and ``::`` cannot reach the terminal or a CI log (see render/safe.py).
_data = safe.line


def _names(ids: Iterable[str], lookup: Mapping[str, str]) -> str:
    return words.names(ids, lookup, escape=_data)


def _fell(before: int | None, after: int | None) -> bool:
    return after is None or (before is not None and after < before)


def _title(key: str, label: str, at: int | None, lang: Lang, title: str | None) -> Text:
    name = words.dataset(_data(label), at, lang, None if title is None else _data(title))
    return Text.assemble((t(key, lang), "bold"), " · ", (name, "cyan"))


@singledispatch
def _renderable(result: object, width: int, lang: Lang) -> RenderableType:
    raise TypeError(f"no table rendering for {type(result).__name__}")


def _min_width(text: str) -> int:
    """The narrowest a column can get without breaking a word."""
    return max((cell_len(word) for word in text.split()), default=1)


def _column_widths(
    first_min: list[int], first_max: list[int], mins: list[int], maxes: list[int], room: int
) -> list[int] | None:
    """Widths for the name column and one column per focus area, or None if words won't fit.

    Every column starts at its longest word; spare room goes first to the name
    column, then evenly to the focus-area columns, each up to its full text.
    """
    widths = [max(first_min), *mins]
    limits = [max(first_max), *maxes]
    spare = room - sum(widths)
    if spare < 0:
        return None
    grow = min(spare, limits[0] - widths[0])
    widths[0] += grow
    spare -= grow
    while spare > 0:
        growing = [i for i in range(1, len(widths)) if widths[i] < limits[i]]
        if not growing:
            break
        for i in growing:
            if spare == 0:
                break
            widths[i] += 1
            spare -= 1
    return widths


def _area_grid(
    first: str,
    row_names: list[str],
    areas: list[str],
    width: int,
    *,
    reserved: int = 0,
    footers: list[str] | None = None,
) -> tuple[Table, Table | None]:
    """A table with a column naming the rows, then one column per focus area.

    Full focus-area names head the columns when every word fits ``width``
    (less ``reserved`` for columns added later); otherwise the columns are
    numbered and a legend is returned too, so that no word is ever cut.
    """
    row_names = [_data(name) for name in row_names]
    areas = [_data(area) for area in areas]
    # The first column's header and footer must fit unbroken too, not only the names.
    names = [first, *(footers[:1] if footers else []), *row_names]
    widths = _column_widths(
        [_min_width(name) for name in names],
        [max(cell_len(name) for name in names)],
        [max(_min_width(area), 3) for area in areas],
        [cell_len(area) for area in areas],
        width - reserved - (3 * (len(areas) + 1) + 1),  # borders and padding
    )
    table = Table(show_footer=footers is not None, header_style="bold", footer_style="bold")
    table.add_column(
        first,
        footer=footers[0] if footers else "",
        overflow="fold",
        width=None if widths is None else widths[0],
    )
    for number, area in enumerate(areas, start=1):
        table.add_column(
            area if widths else str(number),
            footer=footers[number] if footers else "",
            justify="center",
            width=widths[number] if widths else None,
        )
    if widths is not None:
        return table, None
    legend = Table.grid(padding=(0, 1))
    legend.add_column(justify="right", style="bold")
    legend.add_column(overflow="fold")
    for number, area in enumerate(areas, start=1):
        legend.add_row(f"{number}", area)
    return table, legend


@_renderable.register
def _(result: CoverageMatrix, width: int, lang: Lang) -> RenderableType:
    areas = result.focus_areas
    total = t("col.total", lang)
    table, legend = _area_grid(
        t("col.owner" if result.by == "owner" else "col.initiative", lang),
        [item.name for item in result.initiatives],
        [area.name for area in areas],
        width,
        reserved=3 + max(5, cell_len(total)),  # the Total column
        footers=[total, *(str(len(area.initiatives)) for area in areas)],
    )
    table.add_column(total, footer="", justify="right")
    # A heatmap: a marked cell is coloured by how many initiatives its focus area has.
    counts = [len(area.initiatives) for area in areas]
    peak = max(counts, default=0)
    styles = []
    for number in counts:
        background, colour = heat(number, peak)
        styles.append(f"bold {colour} on {background}")
    cells = words.matrix_cells(result)
    for item, marks in zip(result.initiatives, cells, strict=True):
        styled = [
            Text(mark, style=style if mark else "")
            for mark, style in zip(marks, styles, strict=True)
        ]
        table.add_row(_data(item.name), *styled, str(len(item.focus_areas)))
    parts: list[RenderableType] = [
        _title("title.matrix", result.data, result.at, lang, result.title),
        table,
    ]
    if legend is not None:
        parts.append(legend)
    parts.append(_totals_bar(areas, peak, width, numbered=legend is not None))
    parts.append(
        Text(
            f"{words.matrix_summary(result, lang)} {words.matrix_legend(result, lang)}"
            f" {t('matrix.total_row.owner' if result.by == 'owner' else 'matrix.total_row', lang)}",
            style="dim",
        )
    )
    return Group(*parts)


def _totals_bar(
    areas: tuple[AreaCoverage, ...], peak: int, width: int, *, numbered: bool
) -> RenderableType:
    """Initiatives per focus area as a bar of blocks: readable with and without colour."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(overflow="fold", max_width=max(10, width // 3))
    grid.add_column(no_wrap=True)
    room = max(10, min(40, width - width // 3 - 8))
    for number, area in enumerate(areas, start=1):
        count = len(area.initiatives)
        size = 0 if peak == 0 else max(1 if count else 0, round(count * room / peak))
        label = str(number) if numbered else _data(area.name)
        grid.add_row(label, Text.assemble(("█" * size, BAR), f" {count}"))
    return grid


@_renderable.register
def _(result: Timeline, width: int, lang: Lang) -> RenderableType:
    runs = words.timeline_runs(result)  # identical years folded into one row
    table, legend = _area_grid(
        t("col.year", lang),
        [label for label, _ in runs],
        [a.name for a in result.focus_areas],
        width,
    )
    peak = max((max(a.counts, default=0) for a in result.focus_areas), default=0) or 1
    for year, i in runs:
        cells = []
        for area in result.focus_areas:
            count = area.counts[i]
            text = words.timeline_cell(count, area.threshold)
            if count == 0:
                style = "bold white on red"
            elif count < area.threshold:
                style = "black on yellow"
            else:  # a heat scale: deeper green for more initiatives
                style = ("green", "bold green", "bold black on green")[
                    min(2, 3 * count // (peak + 1))
                ]
            cells.append(Text(text, style=style))
        table.add_row(year, *cells)
    parts: list[RenderableType] = [
        _title("title.timeline", result.data, None, lang, result.title),
        table,
    ]
    if legend is not None:
        parts.append(legend)
    parts.append(Text(words.timeline_legend(result, lang), style="dim"))
    return Group(*parts)


@_renderable.register
def _(result: DiffReport, width: int, lang: Lang) -> RenderableType:
    title = Text.assemble(
        (t("title.diff", lang), "bold"),
        " · ",
        (
            words.diff_sides(
                _data(result.base),
                _data(result.head),
                lang,
                None if result.base_title is None else _data(result.base_title),
                None if result.head_title is None else _data(result.head_title),
            ),
            "cyan",
        ),
    )
    style = "bold red" if result.gaps_opened else ("bold green" if result.changed else "green")
    parts: list[RenderableType] = [title, Text(words.diff_headline(result, lang), style=style)]
    areas, names = result.area_names, result.names
    lines: list[Text] = []
    # An opened gap is a problem: a cross, in red; a closed gap good news, a tick.
    for area in result.gaps_opened:
        lines.append(Text(f"✗ {t('diff.gap_opened', lang)}{_names([area], areas)}", style="red"))
    for area in result.gaps_closed:
        lines.append(Text(f"✓ {t('diff.gap_closed', lang)}{_names([area], areas)}", style="green"))
    for sign, key, ids, lookup in (
        ("+", "diff.initiative_added", result.initiatives_added, names),
        ("-", "diff.initiative_removed", result.initiatives_removed, names),
        ("+", "diff.initiative_started", result.initiatives_started, names),
        ("-", "diff.initiative_ended", result.initiatives_ended, names),
    ):
        for item in ids:
            lines.append(Text(f"{sign} {t(key, lang)}{_names([item], lookup)}"))
    for change in result.initiatives_changed:
        if not (change.added or change.removed):
            continue  # only other fields: listed below, with the other changes
        line = Text(f"~ {t('diff.initiative', lang)}{_names([change.id], names)}", style="yellow")
        for area in change.added:
            line.append(f"  +{_names([area], areas)}")
        for area in change.removed:
            line.append(f"  -{_names([area], areas)}")
        lines.append(line)
    for area in result.focus_areas_added:
        lines.append(Text(f"+ {t('diff.focus_area_added', lang)}{_names([area], areas)}"))
    for area in result.focus_areas_removed:
        lines.append(Text(f"- {t('diff.focus_area_removed', lang)}{_names([area], areas)}"))
    if lines:
        parts.append(Text("\n").join(lines))
    if result.coverage:
        table = Table(title=t("section.coverage", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.before", lang), justify="right")
        table.add_column(t("col.after", lang), justify="right")
        table.add_column(t("col.change", lang), justify="right")
        for count in result.coverage:
            delta = words.signed(count.before, count.after, lang)
            table.add_row(
                _data(count.name),
                "–" if count.before is None else str(count.before),
                "–" if count.after is None else str(count.after),
                Text(
                    delta, style="red" if delta.startswith("-") or count.after is None else "green"
                ),
            )
        parts.append(table)
    other = words.field_changes(result, lang)
    if other:  # after coverage, so that metadata churn does not bury it
        table = Table(
            title=t("section.other_changes", lang), title_justify="left", header_style="bold"
        )
        for key in ("col.what", "col.field", "col.before", "col.after"):
            table.add_column(t(key, lang), overflow="fold")
        for what, name, before, after in other:
            table.add_row(
                _data(what),
                _data(name),
                _data(words.field_value(before, lang)),
                _data(words.field_value(after, lang)),
            )
        parts.append(table)
    return Group(*parts)


@_renderable.register
def _(result: GapReport, width: int, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [_title("title.gaps", result.data, result.at, lang, result.title)]
    if result.gaps:
        table = Table(header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.kind", lang))
        table.add_column(t("col.initiatives", lang), overflow="fold")
        table.add_column(t("col.why", lang), overflow="fold")
        for gap in result.gaps:
            style = "bold red" if gap.kind == "uncovered" else "yellow"
            if not gap.fails:
                style = "dim"
            table.add_row(
                _data(gap.name),
                Text(words.kind(gap.kind, lang), style=style),
                _names(gap.initiatives or gap.below_strength, result.names)
                or Text(t("none", lang), style="red"),
                words.gap_reason(gap, lang, escape=_data),
            )
        parts.append(table)
    if result.orphans:
        parts.append(
            Text.assemble(
                (t("orphans.label", lang), "bold yellow"),
                _names(result.orphans, result.names),
            )
        )
    parts.append(Text(words.gaps_summary(result, lang), style="bold" if result.gaps else "green"))
    return Group(*parts)


@_renderable.register
def _(result: OverlapReport, width: int, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [
        _title("title.overlaps", result.data, result.at, lang, result.title)
    ]
    if result.crowded:
        table = Table(title=t("section.crowded", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.focus_area", lang), overflow="fold")
        table.add_column(t("col.count", lang), justify="right")
        table.add_column(t("col.initiatives", lang), overflow="fold")
        table.add_column(t("col.why", lang), overflow="fold")
        for area in result.crowded:
            table.add_row(
                Text(_data(area.name), style="magenta"),
                str(area.count),
                _names(area.initiatives, result.names),
                words.crowded_reason(area, result, lang),
            )
        parts.append(table)
    if result.identical:
        table = Table(
            title=t("section.identical", lang),
            title_justify="left",
            header_style="bold",
        )
        table.add_column(t("col.focus_areas", lang), overflow="fold")
        table.add_column(t("col.initiatives", lang), overflow="fold")
        for group in result.identical:
            table.add_row(
                _names(group.focus_areas, result.area_names),
                _names(group.initiatives, result.names),
            )
        parts.append(table)
    if result.pairs:
        table = Table(title=t("section.pairs", lang), title_justify="left", header_style="bold")
        table.add_column(t("col.initiative", lang), overflow="fold")
        table.add_column(t("col.initiative", lang), overflow="fold")
        table.add_column(t("col.shared", lang), overflow="fold")
        table.add_column(t("col.jaccard", lang), justify="right")
        for pair in result.pairs:
            table.add_row(
                _names([pair.a], result.names),
                _names([pair.b], result.names),
                _names(pair.shared, result.area_names),
                f"{pair.jaccard:.2f}",
            )
        parts.append(table)
    parts.append(Text(words.overlaps_summary(result, lang), style="bold"))
    return Group(*parts)


@_renderable.register
def _(result: WhatIfReport, width: int, lang: Lang) -> RenderableType:
    diff = result.diff
    title = _title("title.whatif", diff.base, result.at, lang, result.title)
    parts: list[RenderableType] = [
        title,
        Text.assemble((t("whatif.without", lang), "bold"), _names(result.without, diff.names)),
    ]
    parts.append(_renderable(diff, width, lang))
    if result.orphaned:
        parts.append(
            Text.assemble(
                (t("whatif.orphaned", lang), "bold red"),
                _names(result.orphaned, diff.area_names),
            )
        )
    return Group(*parts)


@_renderable.register
def _(result: CriticalReport, width: int, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [
        _title("title.critical", result.data, result.at, lang, result.title)
    ]
    if result.critical:
        table = Table(header_style="bold")
        table.add_column(t("col.initiative", lang), overflow="fold")
        table.add_column(t("col.would_leave", lang), overflow="fold")
        table.add_column(t("col.priority", lang), justify="right")
        for item in result.critical:
            table.add_row(
                _data(item.name),
                _names(item.focus_areas, result.area_names),
                str(item.priority),
            )
        parts.append(table)
    style = "bold yellow" if result.critical else "green"
    parts.append(Text(words.critical_summary(result, lang), style=style))
    return Group(*parts)


@_renderable.register
def _(result: PortfolioSummary, width: int, lang: Lang) -> RenderableType:
    table = Table(header_style="bold")
    table.add_column(t("col.measure", lang), overflow="fold")
    table.add_column(t("col.value", lang), overflow="fold")
    for label, value in words.summary_rows(result, lang):
        table.add_row(label, value)
    parts: list[RenderableType] = [
        _title("title.summary", result.data, result.at, lang, result.title),
        table,
    ]
    for entry in result.expiring:
        parts.append(
            Text(
                f"{entry.until.isoformat()} · {_data(entry.name)}: {_data(entry.reason)}",
                style="yellow",
            )
        )
    parts.append(Text(t("summary.legend", lang), style="dim"))
    return Group(*parts)


@_renderable.register
def _(result: SpendReport, width: int, lang: Lang) -> RenderableType:
    from gapcheck.render import money

    at = result.years[0] if len(result.years) == 1 else None
    parts: list[RenderableType] = [_title("title.spend", result.data, at, lang, result.title)]
    currency = f" ({result.currency})" if result.currency else ""
    areas = Table(header_style="bold")
    areas.add_column(t("col.focus_area", lang), overflow="fold")
    areas.add_column(t("col.initiatives", lang), justify="right")
    areas.add_column(t("col.direct", lang) + currency, justify="right")
    if result.has_tree:
        areas.add_column(t("col.rolled_up", lang), justify="right")
    areas.add_column(t("col.crowded_spend", lang), justify="right")
    for area in result.areas:
        cells = [
            _data(area.name),
            str(len(area.initiatives)),
            money.number(area.direct, lang),
            *([money.number(area.rolled_up, lang)] if result.has_tree else []),
            money.number(area.crowded_spend, lang) if area.crowded_years else "",
        ]
        areas.add_row(*cells, style="yellow" if area.unfunded else None)
    parts.append(areas)
    if result.owners:
        owners = Table(header_style="bold")
        owners.add_column(t("col.owner", lang), overflow="fold")
        owners.add_column(t("col.level", lang))
        owners.add_column(t("col.initiatives", lang), justify="right")
        owners.add_column(t("col.spend", lang) + currency, justify="right")
        for owner in result.owners:
            owners.add_row(
                _data(money.owner_name(owner.name, owner.owner, lang)),
                money.level(owner.level, lang),
                str(len(owner.initiatives)),
                money.number(owner.spend, lang),
            )
        parts.append(owners)
    if len(result.per_year) > 1:
        years = Table(header_style="bold")
        years.add_column(t("col.year", lang), justify="right")
        years.add_column(t("col.total", lang) + currency, justify="right")
        years.add_column(t("col.unallocated", lang), justify="right")
        for year in result.per_year:
            years.add_row(
                str(year.year), money.number(year.total, lang), money.number(year.unallocated, lang)
            )
        parts.append(years)
    parts.extend(Text(line) for line in money.summary_lines(result, lang, _data))
    parts.append(Text(money.legend(result, lang), style="dim"))
    return Group(*parts)
