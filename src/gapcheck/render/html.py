"""The report as one self-contained HTML page: inline CSS and SVG, no script, no URL.

The page is built from a Jinja2 template (``templates/report.html.j2``, autoescaped)
and a context of plain strings prepared here in the reader's language. Every value
the template writes passes ``safe.html`` first (Jinja2's ``finalize``), so control
characters from the data are shown as escapes; the SVG drawings escape their own text.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from gapcheck import __version__
from gapcheck.analysis.report import Finding, Report
from gapcheck.i18n import Lang, count, num, t
from gapcheck.render import safe, scale, svg, words
from gapcheck.render.palette import heat
from gapcheck.views import document

_heat = heat


def context(report: Report, lang: Lang = "en") -> dict[str, Any]:
    """Everything the template shows, as strings and lists, in ``lang``."""
    matrix, gaps, overlaps = report.matrix, report.gaps, report.overlaps
    initiative_names = {item.id: item.name for item in matrix.initiatives}
    gap_kinds = {gap.focus_area: gap.kind for gap in gaps.gaps}
    crowded = {area.focus_area for area in overlaps.crowded}
    total = len(matrix.initiatives)
    peak = max((len(area.initiatives) for area in matrix.focus_areas), default=0)

    large = scale.matrix_is_large(matrix)
    columns = []
    rows: list[dict[str, Any]] = []
    if not large:
        for area in matrix.focus_areas:
            background, colour = _heat(len(area.initiatives), peak)
            flag = gap_kinds.get(area.id) or ("crowded" if area.id in crowded else "")
            columns.append(
                {
                    "id": area.id,
                    "name": area.name,
                    "count": len(area.initiatives),
                    "background": background,
                    "colour": colour,
                    "flag": flag,
                    "flag_label": words.kind(flag, lang) if flag else "",
                }
            )
        cells = dict(
            zip((item.id for item in matrix.initiatives), words.matrix_cells(matrix), strict=True)
        )
        rows = [
            {
                "id": item_id,
                "name": initiative_names[item_id],
                "cells": cells[item_id],
                "total": sum(1 for mark in cells[item_id] if mark == words.DIRECT),
            }
            for item_id in report.row_order
        ]

    area_labels = words.area_labels(
        ((area.id, area.name, area.parent) for area in matrix.focus_areas),
        ids=report.ids,
        lang=lang,
    )
    initiative_labels = words.labels(
        ((item.id, item.name) for item in matrix.initiatives), ids=report.ids, lang=lang
    )
    evidence_part = _evidence(report, large, initiative_labels, lang)
    anchors = evidence_part["anchors"] if report.appendix else set()
    findings_part = _findings(report, initiative_labels, area_labels, anchors, lang)

    minimum = gaps.min_initiatives
    crowded_above = overlaps.max_share * total
    bar_items = [
        (area.id, area_labels[area.id], len(area.initiatives)) for area in matrix.focus_areas
    ]
    bars_what = t("report.all_areas", lang)
    if large and any(area.parent for area in matrix.focus_areas):
        bar_items = [
            (area.id, area.name, len(area.initiatives))
            for area in matrix.focus_areas
            if area.parent is None
        ]
        bars_what = t("report.top_level_areas", lang)
    chosen = scale.bar_selection(bar_items)
    bars_note = ""
    if len(chosen) < len(bar_items):
        bars_note = t(
            "report.bars_more",
            lang,
            shown=len(chosen),
            total=len(bar_items),
            what=bars_what,
            half=len(chosen) // 2,
        )
    bars = svg.bar_chart(
        [bar_items[i] for i in chosen],
        total=total,
        minimum=minimum,
        crowded_above=crowded_above,
        minimum_label=t("report.minimum", lang, count=minimum),
        crowded_label=t("report.crowded_above", lang, count=num(round(crowded_above, 2), lang)),
        flags={**dict.fromkeys(crowded, "crowded"), **dict.fromkeys(gap_kinds, "gap")},
    )
    graph = ""
    graph_note = ""
    if scale.graph_fits(matrix):
        graph = svg.bipartite(
            [(item_id, initiative_names[item_id]) for item_id in report.row_order],
            [(area.id, area.name) for area in matrix.focus_areas],
            [(item.id, area_id) for item in matrix.initiatives for area_id in item.focus_areas],
        )
    else:
        graph_note = t(
            "report.graph_omitted",
            lang,
            limit=scale.GRAPH_NODE_LIMIT,
            initiatives=count("initiative", len(matrix.initiatives), lang),
            focus_areas=count("focus_area", len(matrix.focus_areas), lang),
        )

    timeline = None
    if report.timeline is not None:
        tl = report.timeline
        tl_peak = max((max(a.counts, default=0) for a in tl.focus_areas), default=0)
        tl_areas = list(tl.focus_areas)
        timeline_note = ""
        if len(tl_areas) > scale.TIMELINE_ROWS:
            depth_of = {a.id: a.parent is not None for a in matrix.focus_areas}
            shown = sorted(tl_areas, key=lambda a: depth_of.get(a.id, True))[: scale.TIMELINE_ROWS]
            keep = {a.id for a in shown}
            timeline_note = t("report.timeline_more", lang, shown=len(shown), total=len(tl_areas))
            tl_areas = [a for a in tl_areas if a.id in keep]
        timeline = {
            "years": list(tl.years),
            "peak": tl_peak,
            "note": timeline_note,
            "areas": [
                {
                    "name": area_labels.get(area.id, area.name),
                    "cells": [
                        {
                            "text": words.timeline_cell(n, area.threshold),
                            "background": _heat(n, tl_peak)[0]
                            if n >= area.threshold
                            else "#fde2e1",
                            "colour": _heat(n, tl_peak)[1] if n >= area.threshold else "#7a1a12",
                        }
                        for n in area.counts
                    ],
                }
                for area in tl_areas
            ],
            "legend": words.timeline_legend(tl, lang),
        }

    diff = None
    if report.diff is not None:  # the diff's own view, as every format shows it
        from gapcheck import views

        d = report.diff
        diff_options = views.Options(lang, scale.DIFF_LINES, report.ids, None, fold=False)
        diff = {
            "title": t(
                "report.diff",
                lang,
                sides=words.report_diff_sides(d, lang),
            ),
            "blocks": document_blocks(
                views.build(d, diff_options),
                lambda hidden: t("report.diff_more", lang, count=num(hidden, lang)),
            ),
        }

    return {
        "lang": lang,
        "money": _money(report, lang),
        "appendix": report.appendix,
        "t": {key: t(key, lang) for key in _HEADINGS},
        "title": t("title.report", lang),
        "dataset": words.dataset(report.data, report.at, lang, report.title),
        "summary": _summary(report, lang),
        **findings_part,
        "large": large,
        "columns": [] if large else columns,
        "rows": [] if large else rows,
        "aggregate": _aggregate(report, lang) if large else None,
        "matrix_summary": words.matrix_summary(matrix, lang),
        "matrix_legend": words.matrix_legend(matrix, lang),
        "bars": bars,
        "bars_note": bars_note,
        "graph": graph,
        "graph_note": graph_note,
        "timeline": timeline,
        "diff": diff,
        **evidence_part,
        "generated": t(
            "report.generated",
            lang,
            version=__version__,
            data=words.dataset(report.data, lang=lang),
        ),
    }


def _money(report: Report, lang: Lang) -> dict[str, Any] | None:
    """The money section: the spend view's document (its sentences, with each rule
    beside its figure, and its tables), and bars of the money per focus area and owner."""
    if report.spend is None:
        return None
    from fractions import Fraction

    from gapcheck import views
    from gapcheck.render import money

    result = report.spend
    options = views.Options(lang, scale.DIFF_LINES, report.ids, None, fold=False)
    blocks = document_blocks(
        views.build(result, options),
        lambda hidden: t("report.rows_left_out", lang, count=num(hidden, lang)),
    )

    def bars(items: list[tuple[str, Any]]) -> str:
        chosen = items[: scale.BAR_LIMIT]
        return svg.amount_bars(
            [
                (label, Fraction(value), money.amount(value, result.currency, lang))
                for label, value in chosen
            ]
        )

    areas = sorted(result.areas, key=lambda area: -area.direct)
    charts = [
        {
            "title": t("report.money_areas", lang),
            "svg": bars([(area.name, area.direct) for area in areas]),
        }
    ]
    if result.owners:
        owners = [(money.owner_name(o.name, o.owner, lang), o.spend) for o in result.owners]
        charts.append({"title": t("report.money_owners", lang), "svg": bars(owners)})
    return {
        "title": t("report.money", lang, period=money.period(result, lang)),
        "blocks": blocks,
        "charts": charts,
    }


def _summary(report: Report, lang: Lang) -> dict[str, Any]:
    """The headline numbers, as tiles and as two sentences."""
    summary = report.summary
    if summary is None:  # a Report made by hand, without build_report
        return {"tiles": [], "lines": [], "measures": [], "alone": ("", "", "")}
    served = summary.served / summary.focus_areas if summary.focus_areas else 0.0
    flat = ".flat" if summary.top_level == summary.focus_areas else ""  # no hierarchy
    tiles = [
        {"value": num(summary.initiatives, lang), "label": t("tile.initiatives", lang), "kind": ""},
        {
            "value": num(summary.focus_areas, lang),
            "label": t(f"tile.focus_areas{flat}", lang, top_level=num(summary.top_level, lang)),
            "kind": "",
        },
        {"value": words.percent(served), "label": t("tile.served", lang), "kind": ""},
        {
            "value": num(summary.uncovered, lang),
            "label": t(
                f"tile.uncovered{flat}", lang, top_level=num(summary.uncovered_top_level, lang)
            ),
            "kind": "uncovered" if summary.uncovered else "",
        },
        {
            "value": num(summary.thin, lang),
            "label": t("tile.thin", lang),
            "kind": "thin" if summary.thin else "",
        },
        {
            "value": num(summary.crowded, lang),
            "label": t("tile.crowded", lang),
            "kind": "crowded" if summary.crowded else "",
        },
        {
            "value": num(summary.identical_groups, lang),
            "label": t("tile.identical", lang),
            "kind": "",
        },
    ]
    measures: list[dict[str, str]] = []
    alone = ("", "", "")
    if report.portfolio is not None:
        rows = words.report_summary_rows(report.portfolio, lang)
        measures = [{"label": label, "value": value} for label, value in rows]
        # The command in code type, where the language's sentence names it at all.
        before, found, after = t("report.portfolio", lang, command="\0").partition("\0")
        alone = (before, "gapcheck summary" if found else "", after)
    lines = list(words.summary_lines(summary, lang))
    if report.portfolio is not None:
        from gapcheck.render import money

        spent = money.summary_money_line(report.portfolio, lang)  # only with budgets
        if spent is not None:
            lines.append(spent)
    return {
        "tiles": tiles,
        "lines": lines,
        "measures": measures,
        "alone": alone,
    }


def _findings(
    report: Report,
    initiative_labels: dict[str, str],
    area_labels: dict[str, str],
    anchors: set[str],
    lang: Lang,
) -> dict[str, Any]:
    """All findings when they are few; else the worst, the rolled-up gaps, and the
    rest grouped by kind (gaps by parent) in collapsed lists."""

    def item(finding: Finding) -> dict[str, str]:
        return {
            "kind": finding.kind,
            "label": words.kind(finding.kind, lang)
            if finding.kind in ("uncovered", "thin", "crowded")
            else "",
            "text": words.finding(
                finding, initiative_labels, area_labels, lang, most=scale.NAMES_PER_FINDING
            ),
            "anchor": finding.anchor if finding.anchor in anchors else "",
        }

    total = len(report.findings)
    rollups = scale.ranked_rollups(report.rollups)
    parts: dict[str, Any] = {
        "findings_intro": "",
        "rollups": [
            words.rollup(r, area_labels, lang, show_id=lang == "en")
            for r in rollups[: scale.TOP_ROLLUPS]
        ],
        "groups": [],
    }
    if total <= scale.WORST_FINDINGS:
        parts["findings"] = [item(f) for f in report.findings]
        return parts
    worst = report.ranked[: scale.WORST_FINDINGS]
    parts["findings"] = [item(f) for f in worst]
    parts["findings_intro"] = t("report.worst", lang, count=len(worst), total=num(total, lang))
    groups: list[dict[str, Any]] = []
    if len(rollups) > scale.TOP_ROLLUPS:
        groups.append(
            _group(
                t("report.rollups", lang) + f" ({num(len(rollups), lang)})",
                [words.rollup(r, area_labels, lang, show_id=lang == "en") for r in rollups],
                "gaps",
                lang,
            )
        )
    names = {area.id: area.name for area in report.matrix.focus_areas}
    plain = words.labels(names.items(), ids=report.ids, lang=lang)
    for kind in ("uncovered", "thin"):
        by_parent = report.gaps_by_parent(kind)
        if not by_parent:
            continue
        lines = []
        for parent, members in by_parent.items():
            heading = t("group.top_level", lang) if parent is None else plain.get(parent, parent)
            lines.append(f"{heading}: " + ", ".join(plain.get(i, i) for i in members))
        count = sum(map(len, by_parent.values()))
        groups.append(_group(t(f"group.{kind}", lang, count=num(count, lang)), lines, "gaps", lang))
    for kind, command in (("crowded", "overlaps"), ("identical", "overlaps"), ("orphan", "gaps")):
        chosen = [f for f in report.ranked if f.kind == kind]
        if chosen:
            groups.append(
                _group(
                    t(f"group.{kind}", lang, count=num(len(chosen), lang)),
                    [
                        words.finding(
                            f, initiative_labels, area_labels, lang, most=scale.NAMES_PER_FINDING
                        )
                        for f in chosen
                    ],
                    command,
                    lang,
                )
            )
    parts["groups"] = groups
    return parts


def _group(title: str, lines: list[str], command: str, lang: Lang) -> dict[str, Any]:
    """A collapsed list, cut at ``scale.DETAIL_ITEMS`` with a line saying what was left out."""
    more = len(lines) - scale.DETAIL_ITEMS
    return {
        "title": title,
        "lines": lines[: scale.DETAIL_ITEMS],
        "more": t("report.left_out", lang, count=num(more, lang), command=command)
        if more > 0
        else "",
    }


def _aggregate(report: Report, lang: Lang) -> dict[str, Any]:
    """The matrix by top-level focus area: counts, gaps, and a square per focus area."""
    matrix = report.matrix
    rows = scale.aggregate(matrix, report.gaps)
    shown = scale.worst_rows(rows, scale.AGGREGATE_ROWS)
    kinds = {gap.focus_area: gap.kind for gap in report.gaps.gaps}
    peak = max((len(area.initiatives) for area in matrix.focus_areas), default=0)
    items = []
    for row in shown:
        squares = []
        for area in row.subtree:
            n = len(area.initiatives)
            kind = kinds.get(area.id, "")
            background = _heat(n, peak)[0] if not kind else ""
            squares.append(
                {
                    "title": f"{area.name} ({area.id}): {n}",
                    "kind": kind,
                    "background": background,
                }
            )
        items.append(
            {
                "id": row.area.id,
                "name": row.area.name,
                "sub_areas": len(row.subtree) - 1,
                "count": len(row.area.initiatives),
                "uncovered": row.uncovered,
                "thin": row.thin,
                "squares": squares,
            }
        )
    return {
        "rows": items,
        "note": t("report.aggregated", lang, **scale.aggregated_note(matrix, lang)),
        "more": t("report.rows_more", lang, shown=len(shown), total=len(rows))
        if len(shown) < len(rows)
        else "",
    }


def _evidence(
    report: Report, large: bool, initiative_labels: dict[str, str], lang: Lang
) -> dict[str, Any]:
    """The evidence of every mark: per initiative when the matrix is small, else the
    focus areas grouped by top-level area, each listing its initiatives."""
    matrix = report.matrix
    area_names = {area.id: area.name for area in matrix.focus_areas}
    anchors: set[str] = set()
    if not large:
        notes: dict[str, list[dict[str, str]]] = {}
        for evidence in report.evidence:
            notes.setdefault(evidence.initiative, []).append(
                {
                    "area": area_names.get(evidence.focus_area, evidence.focus_area),
                    "note": evidence.note or t("report.no_note", lang),
                }
            )
        items = [
            {
                "id": item.id,
                "name": item.name,
                "source": report.initiative_sources.get(item.id),
                "notes": notes.get(item.id, []),
            }
            for item in matrix.initiatives
        ]
        areas = [
            {
                "id": area.id,
                "name": area.name,
                "source": report.area_sources.get(area.id),
                "url": _link(area.url),
                "count": count("initiative", len(area.initiatives), lang),
            }
            for area in matrix.focus_areas
        ]
        anchors |= {f"initiative-{item.id}" for item in matrix.initiatives}
        anchors |= {f"area-{area.id}" for area in matrix.focus_areas}
        return {
            "anchors": anchors,
            "evidence": items,
            "areas": areas,
            "evidence_groups": [],
            "evidence_orphans": [],
            "evidence_orphans_title": "",
            "evidence_note": "",
        }
    marks = len(report.evidence)
    listed = marks <= scale.EVIDENCE_MARKS
    by_area: dict[str, list[dict[str, Any]]] = {}
    if listed:
        for evidence in report.evidence:
            anchor = f"initiative-{evidence.initiative}"
            first = anchor not in anchors
            anchors.add(anchor)
            by_area.setdefault(evidence.focus_area, []).append(
                {
                    "id": evidence.initiative,
                    "anchor": first,
                    "name": initiative_labels.get(evidence.initiative, evidence.initiative),
                    "note": evidence.note or "",
                    "source": report.initiative_sources.get(evidence.initiative) or "",
                }
            )
    groups = []
    for row in scale.aggregate(matrix, report.gaps):
        entries = []
        for area in row.subtree:
            anchors.add(f"area-{area.id}")
            entries.append(
                {
                    "id": area.id,
                    "name": f"{area.name} ({area.id})",
                    "source": report.area_sources.get(area.id),
                    "url": _link(area.url),
                    "count": count("initiative", len(area.initiatives), lang),
                    "initiatives": by_area.get(area.id, []),
                }
            )
        groups.append(
            {
                "title": f"{row.area.name} ({row.area.id})",
                "count": count("focus_area", len(row.subtree), lang),
                "areas": entries,
            }
        )
    orphans = [
        {"id": i, "name": initiative_labels.get(i, i), "source": report.initiative_sources.get(i)}
        for i in report.gaps.orphans
    ]
    if orphans and listed:
        anchors |= {f"initiative-{o['id']}" for o in orphans}
    note = t("report.evidence_grouped", lang)
    if not listed:
        note += " " + t(
            "report.evidence_capped",
            lang,
            limit=num(scale.EVIDENCE_MARKS, lang),
            marks=num(marks, lang),
        )
    return {
        "anchors": anchors,
        "evidence": [],
        "areas": [],
        "evidence_groups": groups,
        "evidence_orphans": orphans if listed else [],
        "evidence_orphans_title": t("group.orphan", lang, count=len(orphans)),
        "evidence_note": note,
    }


def area_names_of(report: Any, area_id: str) -> str:
    return str(report.area_names.get(area_id, area_id))


_HEADINGS = (
    "report.summary",
    "report.rollups",
    "col.sub_areas",
    "col.uncovered",
    "col.thin",
    "col.picture",
    "col.initiatives",
    "report.findings",
    "report.no_findings",
    "report.evidence_link",
    "title.matrix",
    "report.matrix_note",
    "report.bars",
    "report.graph",
    "report.timeline",
    "report.evidence",
    "report.appendix",
    "report.columns_key",
    "report.source",
    "col.initiative",
    "col.total",
    "col.focus_areas",
    "col.year",
    "col.focus_area",
    "col.before",
    "col.after",
    "col.change",
)


#: A list item's class: by its tone, else by its sign (the page draws no signs).
_ITEM_CLASS = {"alarm": "bad", "bad": "bad", "warn": "changed", "good": "good"}
_SIGN_CLASS = {"+": "good", "-": "bad", "~": "changed"}


def _html_text(text: str) -> str:
    """Document text for the page: the spans from the data through ``safe.html``
    (autoescape does the rest)."""
    return document.escaped(text, safe.html)


def document_blocks(
    doc: document.Document, left_out: Callable[[int], str] | None = None
) -> list[dict[str, Any]]:
    """A document's summary and sections as blocks the template writes: ``p``
    (``strong`` for a headline), ``h3``, ``ul`` (consecutive lists are one list, each
    item with a class), ``table`` (head, rows, numeric columns), ``note``. With
    ``left_out``, the lists' own notes give way to one at the end: ``left_out(count)``."""
    found: list[dict[str, Any]] = []
    hidden = 0

    def text(value: document.Value, kind: str) -> str:
        if isinstance(value, (document.Styled, document.Heat)):
            return _html_text(value.text)
        if isinstance(value, document.Tree):
            return _html_text(value.text)
        if isinstance(value, document.Bar):
            return str(value.value)
        if value is None:
            return ""
        if kind == "money":
            from gapcheck.render import money

            return money.number(value, doc.lang)  # type: ignore[arg-type]
        return _html_text(value) if isinstance(value, str) else str(value)

    def add(block: document.Block) -> None:
        if isinstance(block, document.Paragraph):
            runs = "".join(r.text if isinstance(r, document.Styled) else r for r in block.runs)
            found.append({"kind": "p", "text": _html_text(runs), "strong": block.headline})
        elif isinstance(block, document.BulletList):
            css = _ITEM_CLASS.get(block.tone or "") or _SIGN_CLASS.get(block.sign or "", "")
            items = [
                {"class": css, "text": _html_text(document.text_of(item))} for item in block.items
            ]
            if found and found[-1]["kind"] == "ul":
                found[-1]["items"] += items
            else:
                found.append({"kind": "ul", "items": items})
        elif isinstance(block, document.Table):
            kinds = [c.kind for c in block.columns]
            found.append(
                {
                    "kind": "table",
                    "head": [_html_text(c.heading) for c in block.columns],
                    "numeric": [k in ("count", "number", "money", "year") for k in kinds],
                    "rows": [
                        [text(v, k) for v, k in zip(row, kinds, strict=True)] for row in block.rows
                    ],
                }
            )
        elif isinstance(block, document.Cap) and left_out is not None:
            nonlocal hidden
            hidden += block.hidden
        elif isinstance(block, (document.Legend, document.Cap)):
            found.append({"kind": "note", "text": _html_text(block.text)})
        elif isinstance(block, document.Details):
            for inner in block.blocks:
                add(inner)
        # Bar charts and keys belong to the terminal; the page draws its own charts.

    for paragraph in doc.summary:
        add(paragraph)
    for section in doc.sections:
        if section.heading is not None:
            found.append({"kind": "h3", "text": _html_text(section.heading)})
        for block in section.blocks:
            add(block)
    if hidden and left_out is not None:
        found.append({"kind": "note", "text": left_out(hidden)})
    return found


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` before autoescape: control characters as visible escapes.

    Markup (the SVG drawings, marked ``|safe``) is written as it is: svg.py escapes
    its text itself.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return safe.html(value)
    return value


def _code(value: str) -> Any:
    """A sentence with `commands` in backticks, the commands set as <code>."""
    from markupsafe import Markup, escape

    parts = safe.html(value).split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no pairs to trust
        return value
    return Markup("").join(
        escape(part) if index % 2 == 0 else Markup("<code>") + escape(part) + Markup("</code>")
        for index, part in enumerate(parts)
    )


def render(report: Report, lang: Lang = "en") -> str:
    """The report as one HTML document."""
    from jinja2 import Environment, StrictUndefined, select_autoescape

    environment = Environment(
        autoescape=select_autoescape(default=True),
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["code"] = _code
    source = files("gapcheck").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    return environment.from_string(source).render(**context(report, lang))


def _link(url: str | None) -> str | None:
    """A data url as an href: http(s) only, percent-encoded (Jinja escapes the rest)."""
    return None if url is None else safe.link_target(url)
