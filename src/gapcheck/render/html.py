"""The report as one self-contained HTML page: inline CSS and SVG, no script, no URL.

The page is built from a Jinja2 template (``templates/report.html.j2``, autoescaped)
and a context of plain strings prepared here in the reader's language. Every value
the template writes passes ``safe.html`` first (Jinja2's ``finalize``), so control
characters from the data are shown as escapes; the SVG drawings escape their own text.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from gapcheck import __version__
from gapcheck.analysis.report import Report
from gapcheck.i18n import Lang, count, t
from gapcheck.render import safe, svg, words
from gapcheck.render.palette import heat

_heat = heat


def context(report: Report, lang: Lang = "en") -> dict[str, Any]:
    """Everything the template shows, as strings and lists, in ``lang``."""
    matrix, gaps, overlaps = report.matrix, report.gaps, report.overlaps
    initiative_names = {item.id: item.name for item in matrix.initiatives}
    area_names = {area.id: area.name for area in matrix.focus_areas}
    gap_kinds = {gap.focus_area: gap.kind for gap in gaps.gaps}
    crowded = {area.focus_area for area in overlaps.crowded}
    total = len(matrix.initiatives)
    peak = max((len(area.initiatives) for area in matrix.focus_areas), default=0)

    columns = []
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

    findings = [
        {
            "kind": finding.kind,
            "label": words.kind(finding.kind, lang)
            if finding.kind in ("uncovered", "thin", "crowded")
            else "",
            "text": words.finding(finding, initiative_names, area_names, lang),
            "anchor": finding.anchor,
        }
        for finding in report.findings
    ]

    minimum = gaps.min_initiatives
    crowded_above = overlaps.max_share * total
    bars = svg.bar_chart(
        [(area.id, area.name, len(area.initiatives)) for area in matrix.focus_areas],
        total=total,
        minimum=minimum,
        crowded_above=crowded_above,
        minimum_label=t("report.minimum", lang, count=minimum),
        crowded_label=t("report.crowded_above", lang, count=f"{crowded_above:g}"),
        flags={**dict.fromkeys(crowded, "crowded"), **dict.fromkeys(gap_kinds, "gap")},
    )
    graph = svg.bipartite(
        [(item_id, initiative_names[item_id]) for item_id in report.row_order],
        [(area.id, area.name) for area in matrix.focus_areas],
        [(item.id, area_id) for item in matrix.initiatives for area_id in item.focus_areas],
    )

    notes: dict[str, list[dict[str, str]]] = {}
    for evidence in report.evidence:
        notes.setdefault(evidence.initiative, []).append(
            {
                "area": area_names.get(evidence.focus_area, evidence.focus_area),
                "note": evidence.note or t("report.no_note", lang),
            }
        )
    evidence_items = [
        {
            "id": item.id,
            "name": item.name,
            "source": report.initiative_sources.get(item.id),
            "notes": notes.get(item.id, []),
        }
        for item in matrix.initiatives
    ]
    area_items = [
        {
            "id": area.id,
            "name": area.name,
            "source": report.area_sources.get(area.id),
            "count": count("initiative", len(area.initiatives), lang),
        }
        for area in matrix.focus_areas
    ]

    timeline = None
    if report.timeline is not None:
        tl = report.timeline
        tl_peak = max((max(a.counts, default=0) for a in tl.focus_areas), default=0)
        timeline = {
            "years": list(tl.years),
            "areas": [
                {
                    "name": area.name,
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
                for area in tl.focus_areas
            ],
            "legend": words.timeline_legend(tl, lang),
        }

    diff = None
    if report.diff is not None:
        d = report.diff
        lines = [
            ("bad", "✗ " + t("diff.gap_opened", lang) + area_names_of(d, a)) for a in d.gaps_opened
        ]
        lines += [
            ("good", "✓ " + t("diff.gap_closed", lang) + area_names_of(d, a)) for a in d.gaps_closed
        ]
        lines += [
            ("good", t("diff.initiative_added", lang) + d.names.get(i, i))
            for i in d.initiatives_added
        ]
        lines += [
            ("bad", t("diff.initiative_removed", lang) + d.names.get(i, i))
            for i in d.initiatives_removed
        ]
        lines += [
            ("changed", t("diff.initiative_started", lang) + d.names.get(i, i))
            for i in d.initiatives_started
        ]
        lines += [
            ("changed", t("diff.initiative_ended", lang) + d.names.get(i, i))
            for i in d.initiatives_ended
        ]
        for change in d.initiatives_changed:
            if not (change.added or change.removed):
                continue  # names, years, notes: not coverage
            moves = [f"+{area_names_of(d, a)}" for a in change.added]
            moves += [f"−{area_names_of(d, a)}" for a in change.removed]
            lines.append(
                (
                    "changed",
                    f"{t('diff.initiative_changed', lang)}{d.names.get(change.id, change.id)}"
                    f" ({', '.join(moves)})",
                )
            )
        diff = {
            "title": t(
                "report.diff",
                lang,
                sides=words.diff_sides(d.base, d.head, lang, d.base_title, d.head_title),
            ),
            "headline": words.diff_headline(d, lang),
            "lines": [{"kind": kind, "text": text} for kind, text in lines],
            "coverage": [
                {
                    "name": c.name,
                    "before": "–" if c.before is None else c.before,
                    "after": "–" if c.after is None else c.after,
                    "change": words.signed(c.before, c.after, lang),
                }
                for c in d.coverage
            ],
        }

    return {
        "lang": lang,
        "t": {key: t(key, lang) for key in _HEADINGS},
        "title": t("title.report", lang),
        "dataset": words.dataset(report.data, report.at, lang, report.title),
        "findings": findings,
        "columns": columns,
        "rows": rows,
        "matrix_summary": words.matrix_summary(matrix, lang),
        "matrix_legend": words.matrix_legend(matrix, lang),
        "bars": bars,
        "graph": graph,
        "timeline": timeline,
        "diff": diff,
        "evidence": evidence_items,
        "areas": area_items,
        "generated": t(
            "report.generated",
            lang,
            version=__version__,
            data=words.dataset(report.data, lang=lang),
        ),
    }


def area_names_of(report: Any, area_id: str) -> str:
    return str(report.area_names.get(area_id, area_id))


_HEADINGS = (
    "report.findings",
    "report.no_findings",
    "report.evidence_link",
    "title.matrix",
    "report.matrix_note",
    "report.bars",
    "report.graph",
    "report.timeline",
    "report.evidence",
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


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` before autoescape: control characters as visible escapes.

    Markup (the SVG drawings, marked ``|safe``) is written as it is: svg.py escapes
    its text itself.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return safe.html(value)
    return value


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
    source = files("gapcheck").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    return environment.from_string(source).render(**context(report, lang))
