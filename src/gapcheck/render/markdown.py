"""The Markdown printer: a document (views/document.py) as Markdown, for wikis, pull
requests and job summaries; and the report's own Markdown, which composes the views
where it shows a result (its diff).

Text from the data enters a document's Markdown through ``_md``, which applies
``safe.markdown`` to the marked spans; gapcheck's own words and the Markdown it
writes (``**total**``) are left as they are. In the report's part, every table cell is
escaped unless gapcheck wrote it as Markdown (:class:`_Own`), and names in headings,
bullets and sentences come through :func:`_text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from gapcheck.analysis import CoverageMatrix
from gapcheck.analysis.coverage import GapRollup
from gapcheck.analysis.report import Report
from gapcheck.i18n import Lang, t
from gapcheck.render import caps, safe, scale, words
from gapcheck.views import document

#: Untrusted text for a line of Markdown.
_text = safe.markdown


def render(doc: document.Document | Report, lang: Lang = "en") -> str:
    """A document as Markdown; or the report (``lang`` is the report's language)."""
    if isinstance(doc, Report):
        return "\n".join(report_lines(doc, lang)) + "\n"
    return "\n".join(document_lines(doc)) + "\n"


def _md(text: str) -> str:
    return document.escaped(text, _text)


def _md_cell(value: document.Value, kind: str, lang: Lang) -> str:
    if isinstance(value, document.Styled) and value.tone == "alarm":
        return f"**{_md(value.text)}**"
    if isinstance(value, (document.Styled, document.Heat)):
        return _md(value.text)
    if isinstance(value, document.Tree):
        return "&nbsp;&nbsp;" * value.depth + _md(value.text)
    if value is None:
        return ""
    if isinstance(value, document.Bar):
        return str(value.value)
    if kind == "money":
        from gapcheck.render import money

        return money.number(value, lang)  # type: ignore[arg-type]
    return _md(value) if isinstance(value, str) else str(value)


def _md_table(block: document.Table, lang: Lang) -> list[str]:
    """A pipe table; bar columns are left out (Markdown leaves drawings to HTML)."""
    kinds = [column.kind for column in block.columns]
    keep = [kind != "bar" for kind in kinds]
    columns = [column for column, kept in zip(block.columns, keep, strict=True) if kept]

    def row(values: Sequence[document.Value], bold: bool = False) -> str:
        cells = [
            _md_cell(v, k, lang) for v, k, kept in zip(values, kinds, keep, strict=True) if kept
        ]
        if bold:
            cells = [f"**{cell}**" if cell else "" for cell in cells]
        return "| " + " | ".join(cells) + " |"

    lines = ["| " + " | ".join(_md(c.heading) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    lines += [row(values) for values in block.rows]
    if block.total is not None:
        lines.append(row(block.total, bold=True))
    return lines


def _md_block(block: document.Block, lang: Lang) -> list[str]:
    """A block's lines; none for a drawing (Markdown leaves charts to the HTML report)."""
    if isinstance(block, document.Table):
        return _md_table(block, lang)
    if isinstance(block, document.Paragraph):
        text = "".join(_md(r.text if isinstance(r, document.Styled) else r) for r in block.runs)
        return [f"**{text}**" if block.headline else text]
    if isinstance(block, document.BulletList):
        return [f"- {_md(item)}" for item in block.items]
    if isinstance(block, (document.Legend, document.Cap)):
        return [_md(block.text)]
    if isinstance(block, document.Details):
        lines = ["<details>", f"<summary>{_md(block.summary)}</summary>"]
        for inner in block.blocks:
            lines += ["", *_md_block(inner, lang)]
        return [*lines, "", "</details>"]
    if isinstance(block, document.BarChart):
        return []
    if isinstance(block, document.Key):
        return [f"{_md(mark)}: {_md(meaning)}" for mark, meaning in block.entries]
    raise TypeError(f"no Markdown for {type(block).__name__}")  # pragma: no cover


def document_lines(doc: document.Document, level: int = 2) -> list[str]:
    """The document as Markdown lines: ``## title: subject``, then every block, a blank
    line between blocks; section headings one level below the title."""
    blocks: list[list[str]] = [_md_block(p, doc.lang) for p in doc.summary]
    for section in doc.sections:
        if section.heading is not None:
            blocks.append([f"{'#' * (level + 1)} {_md(section.heading)}"])
        blocks += [_md_block(block, doc.lang) for block in section.blocks]
    lines = [f"{'#' * level} {_md(doc.title)}: {_md(doc.subject)}"]
    for block in blocks:
        if block:
            lines += ["", *block]
    return lines


# --- The report's Markdown ----------------------------------------------------------------


class _Own(str):
    """Markdown that gapcheck wrote (``**3**``, ``1*``): a table cell takes it as it is."""

    __slots__ = ()


def _title(title: str | None) -> str | None:
    """A portfolio's title, escaped for Markdown; None when it has none."""
    return None if title is None else _text(title)


def _dataset(result: Any, lang: Lang, at: int | None = None) -> str:
    """How a heading names the result's data: its title, else its label; escaped."""
    return words.dataset(_text(result.data), at, lang, _title(result.title))


def _cell(text: object) -> str:
    if isinstance(text, _Own):
        return text
    return _text(text) if isinstance(text, str) else str(text)


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


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


def report_lines(result: Report, lang: Lang) -> list[str]:
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
        from gapcheck import views

        options = views.Options(lang, caps.ALL, result.ids, None, fold=False)
        whole = document_lines(views.build(result.diff, options), level=3)
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
