"""The view of the report: every decision about what the report shows, for every medium.

``bundle(report, lang, medium)`` composes the report as documents under one title, in
its order: the summary (headline numbers and sentences; on a page also as figures),
the changes since ``--base`` (the diff's own view), the money (the spend view, where
the data has budgets), the findings (the worst first, the rest grouped and folded
away, the rolled-up sub-area gaps), the matrix (cell by cell, a heat map, when it is
small; else by top-level focus area), and on a page the bars, the graph, the timeline
and the evidence appendix (anchored, so that each finding links to its evidence; left
out with ``--no-evidence``). The printers (``render/html.py``, ``markdown.py``,
``docx.py``) print what this module composes and decide nothing of it.

The media and what each is for:

- ``page`` (HTML): everything, bounded by the page's budgets in ``render/scale.py``
  (the worst ``WORST_FINDINGS`` findings, collapsed groups of at most
  ``DETAIL_ITEMS``, ``AGGREGATE_ROWS`` rows of the matrix by top-level area, the
  evidence of at most ``EVIDENCE_MARKS`` marks), so that the bundled report prints on
  three A4 pages and the 691-technique portfolio stays a readable page.
- ``markdown`` (wikis, pull-request comments): no drawings, timeline or evidence;
  within ``scale.MARKDOWN_LIMIT`` characters at any size: names cut at
  ``NAME_CHARS`` in a large report, the changes within ``MARKDOWN_DIFF_CHARS``, and
  the folded groups given what the rest leaves of the budget.
- ``paper`` (Word: the analyst's memo to a council, a few printed pages): the results'
  own views as every format shows them (the portfolio in one screen, the changes, the
  matrix, the gaps, the overlaps, the money, the timeline), whose tables already list
  what the findings say; no evidence appendix (a memo cites its data, it does not
  reprint every note) and no drawings.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypeVar

from gapcheck import __version__
from gapcheck.i18n import Lang, count, num, t
from gapcheck.render import caps, scale, words
from gapcheck.views import document as doc
from gapcheck.views.document import data
from gapcheck.views.options import Options, subject

T = TypeVar("T")

if TYPE_CHECKING:
    from gapcheck.analysis.report import Finding, Report

Medium = Literal["page", "markdown", "paper"]

#: A group of findings: its heading, its items, the command that lists them all.
_Group = tuple[str, list[str], str]

#: A finding's kind as a tone (a page's badge colour).
_TONE: dict[str, doc.Tone] = {"uncovered": "bad", "thin": "warn", "crowded": "accent"}


def title(report: Report, lang: Lang) -> tuple[str, str]:
    """The report's title and its subject (the data it is about, marked)."""
    return t("title.report", lang), subject(report.data, report.at, lang, report.title)


def bundle(report: Report, lang: Lang, medium: Medium = "page") -> doc.Bundle:
    """The report for ``medium``: its documents in order, under its title."""
    heading, about = title(report, lang)
    made = t("report.generated", lang, version=__version__, data=about)
    if medium == "paper":
        return doc.Bundle(heading, about, lang, documents(report, lang), made)
    return doc.Bundle(heading, about, lang, _Composer(report, lang, medium).documents(), made)


def documents(report: Report, lang: Lang) -> tuple[doc.Document, ...]:
    """The report on paper: the views of the results it holds, in its order (only those
    the data has); inside the report no list is folded away."""
    from gapcheck import views

    options = Options(lang, None, report.ids, None, fold=False)
    results = (
        report.portfolio,
        report.diff,
        report.matrix,
        report.gaps,
        report.overlaps,
        report.spend,
        report.timeline,
    )
    built = [views.build(result, options) for result in results if result is not None]
    # The portfolio's summary is the report's: headed as the page's is (Sammenfatning).
    built[0] = dataclasses.replace(built[0], title=t("report.summary", lang))
    return tuple(built)


class _Composer:
    """The report's documents for a page or for Markdown (``medium``)."""

    def __init__(self, report: Report, lang: Lang, medium: Medium) -> None:
        self.report, self.lang, self.medium = report, lang, medium
        self.page = medium == "page"
        matrix = report.matrix
        self.large = scale.matrix_is_large(matrix)
        self.many = len(report.findings) > scale.WORST_FINDINGS
        # In a large Markdown report every name is cut to a length, so that the parts
        # shown in full (the worst findings, the roll-ups, the matrix by top-level
        # area) fit the limit.
        clip = not self.page and (self.many or self.large)
        self.name: Callable[[str], str] = (lambda s: data(scale.clip(s))) if clip else data
        self.initiatives = words.labels(
            ((i.id, self.name(i.name)) for i in matrix.initiatives), ids=report.ids, lang=lang
        )
        self.areas = words.area_labels(
            ((a.id, self.name(a.name), a.parent) for a in matrix.focus_areas),
            ids=report.ids,
            lang=lang,
        )
        self.plain_areas = words.labels(
            ((a.id, self.name(a.name)) for a in matrix.focus_areas), ids=report.ids, lang=lang
        )
        self.anchors: set[str] = set()
        self.evidence: doc.Document | None = None
        if self.page and report.appendix:
            self.evidence = self._evidence()  # first: it knows which anchors exist

    def documents(self) -> tuple[doc.Document, ...]:
        # The summary, the changes since --base, then the conclusions, before the money
        # and the evidence behind them: a memo's reader reads the findings first.
        found = [self._summary(), *self._changes()]
        money = list(self._money())
        findings, groups = self._findings()
        matrix = self._matrix()
        if self.page:
            folded = tuple(_folded(g, scale.DETAIL_ITEMS, self.lang) for g in groups)
            findings = dataclasses.replace(
                findings, sections=(*findings.sections, doc.Section(None, folded))
            )
            found += [findings, *money, matrix, self._bars(), self._graph()]
            found += [d for d in (self._timeline(), self.evidence) if d is not None]
        else:
            # The folded groups get what the rest leaves of the Markdown budget.
            used = sum(doc.chars(d) for d in (*found, *money, findings, matrix))
            room = scale.MARKDOWN_LIMIT - 2_000 - used
            kept = tuple(_within_room(groups, room, self.lang))
            findings = dataclasses.replace(
                findings, sections=(*findings.sections, doc.Section(None, kept))
            )
            found += [findings, *money, matrix]
        return tuple(found)

    def _doc(
        self,
        key: str,
        sections: Sequence[doc.Section],
        summary: Sequence[doc.Paragraph] = (),
        anchor: str | None = None,
        heading: str | None = None,
    ) -> doc.Document:
        return doc.Document(
            heading if heading is not None else t(key, self.lang),
            "",
            self.lang,
            tuple(summary),
            tuple(sections),
            anchor=anchor,
        )

    # --- the summary --------------------------------------------------------------------

    def _summary(self) -> doc.Document:
        report, lang = self.report, self.lang
        blocks: list[doc.Block] = []
        summary = report.summary
        sentences: list[str] = []
        if summary is not None:
            if self.page:
                blocks.append(_figures(report, lang))
            sentences = list(words.summary_lines(summary, lang))
        if report.portfolio is not None:
            from gapcheck.render import money

            spent = money.summary_money_line(report.portfolio, lang)  # only with budgets
            if spent is not None:
                sentences.append(spent)
        blocks += [doc.Paragraph.of(s, "muted") for s in sentences]
        if report.portfolio is not None:
            rows = words.report_summary_rows(report.portfolio, lang)
            blocks.append(doc.Facts(tuple(rows)))
            blocks.append(doc.Legend(t("report.portfolio", lang, command="`gapcheck summary`")))
        return self._doc("report.summary", (doc.Section(None, tuple(blocks)),), anchor="summary")

    # --- the results it composes: changes and money ----------------------------------------

    def _changes(self) -> list[doc.Document]:
        """The diff's own view, under the report's heading for it; on a page its first
        ``DIFF_LINES`` items, in Markdown what fits ``MARKDOWN_DIFF_CHARS``; one note
        says what was left out."""
        from gapcheck import views

        diff, lang = self.report.diff, self.lang
        if diff is None:
            return []
        limit = scale.DIFF_LINES if self.page else caps.ALL
        options = views.Options(lang, limit, self.report.ids, None, fold=False)
        changes = views.build(diff, options)
        heading = t("report.diff", lang, sides=words.report_diff_sides(diff, lang))
        sections = changes.sections
        if not self.page:
            sections, cut = _cut_to(changes.summary, sections, scale.MARKDOWN_DIFF_CHARS)
            sections = _with_note(sections, cut, lang, "report.diff_more")
        else:
            sections = _with_note(sections, 0, lang, "report.diff_more")
        return [self._doc("", sections, changes.summary, anchor="diff", heading=heading)]

    def _money(self) -> list[doc.Document]:
        """The spend view (its sentences, each rule beside its figure, and its tables);
        on a page with bars of the money per focus area and per owner, and one note
        for the rows left out."""
        from gapcheck import views
        from gapcheck.render import money

        result, lang = self.report.spend, self.lang
        if result is None:
            return []
        options = views.Options(lang, scale.DIFF_LINES, self.report.ids, None, fold=False)
        spent = views.build(result, options)
        heading = t("report.money", lang, period=money.period(result, lang))
        sections = spent.sections
        if self.page:
            sections = _with_note(sections, 0, lang, "report.rows_left_out")

            def chart(caption: str, items: list[tuple[str, Decimal]]) -> doc.BarChart:
                chosen = items[: scale.BAR_LIMIT]
                return doc.BarChart(
                    tuple(chosen),
                    title=caption,
                    texts=tuple(money.amount(v, result.currency, lang) for _, v in chosen),
                )

            # A parent whose money is all on its sub-areas has no bar of its own (a bar
            # at 0,00 read as "no money"); the table above has its sum with sub-areas.
            shown = [a for a in result.areas if a.direct or not a.rolled_up]
            areas = sorted(shown, key=lambda area: -area.direct)
            charts = [
                chart(t("report.money_areas", lang), [(data(a.name), a.direct) for a in areas])
            ]
            if result.owners:
                owners = [
                    (
                        money.owner_name(
                            data(o.name), None if o.owner is None else data(o.owner), lang
                        ),
                        o.spend,
                    )
                    for o in result.owners
                ]
                charts.append(chart(t("report.money_owners", lang), owners))
            sections = (*sections, doc.Section(None, tuple(charts)))
        return [self._doc("", sections, spent.summary, anchor="money", heading=heading)]

    # --- the findings -----------------------------------------------------------------------

    def _finding(self, finding: Finding) -> doc.Paragraph:
        """A finding's sentence; on a page with its kind as a badge and a link to its
        evidence in the appendix."""
        text = words.finding(
            finding, self.initiatives, self.areas, self.lang, most=scale.NAMES_PER_FINDING
        )
        if not self.page:
            return doc.Paragraph((text,))
        tag = words.kind(finding.kind, self.lang) if finding.kind in _TONE else None
        runs: list[str | doc.Styled] = [doc.Styled(text, _TONE.get(finding.kind), tag=tag)]
        if finding.anchor in self.anchors:
            link = t("report.evidence_link", self.lang)
            runs += [" ", doc.Styled(link, ref=finding.anchor)]
        return doc.Paragraph(tuple(runs))

    def _findings(self) -> tuple[doc.Document, list[_Group]]:
        """All findings when they are few; else the worst, the rolled-up gaps, and the
        rest grouped by kind (gaps by parent) in folded lists (returned apart: their
        size depends on what the rest of the report leaves)."""
        report, lang = self.report, self.lang
        total = len(report.findings)
        shown = report.ranked[: scale.WORST_FINDINGS] if self.many else report.findings
        intro: list[doc.Paragraph] = []
        if self.many:
            intro.append(
                doc.Paragraph.of(t("report.worst", lang, count=len(shown), total=num(total, lang)))
            )
        first: doc.Block
        if shown:
            first = doc.BulletList(tuple(self._finding(f) for f in shown), numbered=True)
        else:
            first = doc.Paragraph.of(t("report.no_findings", lang))
        sections = [doc.Section(None, (first,))]
        rollups = scale.ranked_rollups(report.rollups)
        show_id = lang == "en"
        if rollups:
            lines = tuple(
                words.rollup(r, self.areas, lang, show_id=show_id)
                for r in rollups[: scale.TOP_ROLLUPS]
            )
            sections.append(doc.Section(t("report.rollups", lang), (doc.BulletList(lines),)))
        groups = self._groups(rollups, show_id) if self.many else []
        return self._doc("report.findings", sections, intro, anchor="findings"), groups

    def _groups(self, rollups: Sequence[object], show_id: bool) -> list[_Group]:
        """Every finding beyond the worst, grouped: (heading, items, the command that
        lists them all)."""
        report, lang = self.report, self.lang
        found: list[_Group] = []
        if len(rollups) > scale.TOP_ROLLUPS:
            found.append(
                (
                    t("report.rollups", lang) + f" ({num(len(rollups), lang)})",
                    [words.rollup(r, self.areas, lang, show_id=show_id) for r in rollups],  # type: ignore[arg-type]
                    "gaps",
                )
            )
        for kind in ("uncovered", "thin"):
            by_parent = report.gaps_by_parent(kind)
            if not by_parent:
                continue
            lines = []
            for parent, members in by_parent.items():
                top = t("group.top_level", lang) if parent is None else self.plain_areas[parent]
                lines.append(f"{top}: " + ", ".join(self.plain_areas[i] for i in members))
            n = sum(map(len, by_parent.values()))
            found.append((t(f"group.{kind}", lang, count=num(n, lang)), lines, "gaps"))
        for kind, command in (
            ("crowded", "overlaps"),
            ("identical", "overlaps"),
            ("orphan", "gaps"),
        ):
            chosen = [f for f in report.ranked if f.kind == kind]
            if chosen:
                lines = [
                    words.finding(
                        f, self.initiatives, self.areas, lang, most=scale.NAMES_PER_FINDING
                    )
                    for f in chosen
                ]
                found.append(
                    (t(f"group.{kind}", lang, count=num(len(chosen), lang)), lines, command)
                )
        return found

    # --- the matrix ---------------------------------------------------------------------

    def _matrix(self) -> doc.Document:
        if self.large:
            return self._aggregate()
        report, lang = self.report, self.lang
        matrix = report.matrix
        kinds = {gap.focus_area: gap.kind for gap in report.gaps.gaps}
        crowded = {area.focus_area for area in report.overlaps.crowded}
        peak = max((len(area.initiatives) for area in matrix.focus_areas), default=0)
        cells = dict(
            zip((i.id for i in matrix.initiatives), words.matrix_cells(matrix), strict=True)
        )

        def mark(text: str) -> doc.Value:
            if not text or not self.page:
                return text
            return doc.Styled(text, "accent" if text == words.DIRECT else "muted")

        row_word = "col.owner" if matrix.by == "owner" else "col.initiative"
        columns = [doc.Column(t(row_word, lang))]
        total_row: list[doc.Value] = [t("col.total", lang)]
        key: list[tuple[str, str]] = []
        names = words.labels(((a.id, data(a.name)) for a in matrix.focus_areas), lang=lang)
        flags = {
            area.id: "thin" if kind == "weak" else kind
            for area in matrix.focus_areas
            if (kind := kinds.get(area.id) or ("crowded" if area.id in crowded else ""))
        }
        tags = _flag_tags(set(flags.values()), len(matrix.focus_areas), lang)
        for number, area in enumerate(matrix.focus_areas, start=1):
            n = len(area.initiatives)
            flag = flags.get(area.id, "")
            if self.page:  # numbered headings on a heat scale, named in a key
                heading = str(number)
                key.append((heading, data(area.name)))
                heat = doc.Heat("", n, peak)
                tone: doc.Tone | None = None
                if flag:
                    tone = "bad" if flag in ("uncovered", "thin") else "accent"
                total_row.append(doc.Styled(str(n), tone, tag=tags.get(flag)))
            else:
                heading, heat = names[area.id], None
                total_row.append(n)
            columns.append(doc.Column(heading, "mark", key=area.id, heat=heat))
        columns.append(doc.Column(t("col.total", lang), "count"))
        total_row.append(None)
        rows: tuple[tuple[doc.Value, ...], ...] = tuple(
            (
                self.initiatives[item_id],
                *(mark(m) for m in cells[item_id]),
                sum(1 for m in cells[item_id] if m == words.DIRECT),
            )
            for item_id in report.row_order
        )
        table = doc.Table(tuple(columns), rows, tuple(total_row), keys=tuple(report.row_order))
        blocks: list[doc.Block] = [table]
        if self.page:
            blocks.append(doc.Key(tuple(key)))
            if any(tag != words.kind(flag, lang) for flag, tag in tags.items()):
                marks = ((tags[f], words.kind(f, lang)) for f in _FLAG_MARKS if f in tags)
                blocks.append(doc.Key(tuple(marks)))
            note = " ".join(
                (
                    words.matrix_summary(matrix, lang),
                    words.matrix_legend(matrix, lang, escape=data),
                    t("report.matrix_note", lang),
                )
            )
            blocks.append(doc.Legend(note))
        else:
            blocks.append(doc.Legend(words.matrix_legend(matrix, lang, escape=data)))
        return self._doc("title.matrix", (doc.Section(None, tuple(blocks)),), anchor="matrix")

    def _aggregate(self) -> doc.Document:
        """The matrix by top-level focus area: counts, gaps, and on a page a square per
        focus area; the rows with the most gaps when there are too many."""
        report, lang = self.report, self.lang
        matrix = report.matrix
        rows = scale.aggregate(matrix, report.gaps)
        limit = scale.AGGREGATE_ROWS if self.page else scale.MARKDOWN_AGGREGATE_ROWS
        shown = scale.worst_rows(rows, limit)
        kinds = {gap.focus_area: gap.kind for gap in report.gaps.gaps}
        peak = max((len(area.initiatives) for area in matrix.focus_areas), default=0)
        keys = ("col.focus_area", "col.sub_areas", "col.initiatives", "col.uncovered", "col.thin")
        columns = [
            doc.Column(t(keys[0], lang)),
            *(doc.Column(t(k, lang), "count") for k in keys[1:]),
        ]
        if self.page:
            columns.append(doc.Column(t("col.picture", lang), "strip"))
        table_rows = []
        for row in shown:
            n = len(row.area.initiatives)
            cells: list[doc.Value] = [
                f"{self.name(row.area.name)} `{data(row.area.id)}`",
                len(row.subtree) - 1,
                doc.Styled(str(n), "bad") if self.page and n == 0 else n,
                doc.Styled(str(row.uncovered), "bad")
                if self.page and row.uncovered
                else row.uncovered,
                row.thin,
            ]
            if self.page:
                squares = []
                for area in row.subtree:
                    a_n = len(area.initiatives)
                    kind = kinds.get(area.id)
                    tone: doc.Tone | None = (
                        None if kind is None else "bad" if kind == "uncovered" else "warn"
                    )
                    squares.append(
                        doc.Heat(f"{data(area.name)} ({data(area.id)}): {a_n}", a_n, peak, tone)
                    )
                cells.append(doc.Strip(tuple(squares)))
            table_rows.append(tuple(cells))
        note_key = "report.aggregated" if self.page else "report.aggregated.markdown"
        blocks: list[doc.Block] = [
            doc.Legend(t(note_key, lang, **scale.aggregated_note(matrix, lang))),
            doc.Table(tuple(columns), tuple(table_rows), keys=tuple(r.area.id for r in shown)),
        ]
        if len(shown) < len(rows):
            blocks.append(
                doc.Legend(t("report.rows_more", lang, shown=len(shown), total=len(rows)))
            )
        if self.page:
            blocks.append(doc.Legend(words.matrix_summary(matrix, lang)))
        return self._doc("title.matrix", (doc.Section(None, tuple(blocks)),), anchor="matrix")

    # --- the page's drawings and timeline ---------------------------------------------------

    def _bars(self) -> doc.Document:
        """Initiatives per focus area, with the thin and crowded thresholds as lines;
        at scale the top-level areas, the least and the most served."""
        report, lang = self.report, self.lang
        matrix, gaps, overlaps = report.matrix, report.gaps, report.overlaps
        total = len(matrix.initiatives)
        items = [(a.id, self.areas[a.id], len(a.initiatives)) for a in matrix.focus_areas]
        what = t("report.all_areas", lang)
        if self.large and any(a.parent for a in matrix.focus_areas):
            items = [
                (a.id, data(a.name), len(a.initiatives))
                for a in matrix.focus_areas
                if a.parent is None
            ]
            what = t("report.top_level_areas", lang)
        chosen = [items[i] for i in scale.bar_selection(items)]
        flags: dict[str, doc.Tone] = {a.focus_area: "warn" for a in overlaps.crowded}
        flags |= {gap.focus_area: "bad" for gap in gaps.gaps}
        minimum = gaps.min_initiatives
        above = overlaps.max_share * total
        crowded_from = num(math.floor(above) + 1, lang)
        # The scale ends at the number of initiatives (a bar reads as a share of them),
        # unless every bar is short of a quarter of it (a large portfolio, where the
        # bars would be slivers): then at the longest bar or the minimum.
        longest = max((n for _, _, n in chosen), default=0)
        peak = total if longest * 4 >= total else max(longest, minimum)
        chart = doc.BarChart(
            tuple((label, n) for _, label, n in chosen),
            tones=tuple(flags.get(i) for i, _, _ in chosen),
            keys=tuple(i for i, _, _ in chosen),
            lines=(
                (minimum, t("report.minimum", lang, count=minimum), "bad"),
                # crowded is more than the share: from the next whole initiative on
                (above, t("report.crowded_from", lang, count=crowded_from), "warn"),
            ),
            peak=peak,
        )
        blocks: list[doc.Block] = [chart]
        if len(chosen) < len(items):
            note = t(
                "report.bars_more",
                lang,
                shown=len(chosen),
                total=len(items),
                what=what,
                half=len(chosen) // 2,
            )
            blocks.append(doc.Legend(note))
        return self._doc("report.bars", (doc.Section(None, tuple(blocks)),), anchor="bars")

    def _graph(self) -> doc.Document:
        report, lang = self.report, self.lang
        matrix = report.matrix
        names = {item.id: item.name for item in matrix.initiatives}
        block: doc.Block
        if scale.graph_fits(matrix):
            block = doc.Network(
                tuple((i, data(names[i])) for i in report.row_order),
                tuple((a.id, data(a.name)) for a in matrix.focus_areas),
                tuple((i.id, a) for i in matrix.initiatives for a in i.focus_areas),
            )
        else:
            block = doc.Legend(
                t(
                    "report.graph_omitted",
                    lang,
                    limit=scale.GRAPH_NODE_LIMIT,
                    initiatives=count("initiative", len(matrix.initiatives), lang),
                    focus_areas=count("focus_area", len(matrix.focus_areas), lang),
                )
            )
        return self._doc("report.graph", (doc.Section(None, (block,)),), anchor="graph")

    def _timeline(self) -> doc.Document | None:
        """Every year of the data against the focus areas (at most ``TIMELINE_ROWS``,
        top-level areas first), each count on a heat scale, red below its minimum."""
        report, lang = self.report, self.lang
        tl = report.timeline
        if tl is None:
            return None
        peak = max((max(a.counts, default=0) for a in tl.focus_areas), default=0)
        areas = list(tl.focus_areas)
        note = ""
        if len(areas) > scale.TIMELINE_ROWS:
            nested = {a.id: a.parent is not None for a in report.matrix.focus_areas}
            keep = {
                a.id
                for a in sorted(areas, key=lambda a: nested.get(a.id, True))[: scale.TIMELINE_ROWS]
            }
            note = " " + t("report.timeline_more", lang, shown=len(keep), total=len(areas))
            areas = [a for a in areas if a.id in keep]
        columns = (
            doc.Column(t("col.focus_area", lang)),
            *(doc.Column(str(year), "mark") for year in tl.years),
        )
        rows: tuple[tuple[doc.Value, ...], ...] = tuple(
            (
                self.areas.get(area.id, data(area.name)),
                *(
                    doc.Heat(
                        words.timeline_cell(n, area.threshold),
                        n,
                        peak,
                        "bad" if n < area.threshold else None,
                    )
                    for n in area.counts
                ),
            )
            for area in areas
        )
        blocks = (doc.Table(columns, rows), doc.Legend(words.timeline_legend(tl, lang) + note))
        return self._doc("report.timeline", (doc.Section(None, blocks),), anchor="timeline")

    # --- the evidence appendix -------------------------------------------------------------

    def _evidence(self) -> doc.Document:
        """The evidence of every mark, anchored for the findings' links: per initiative
        when the matrix is small; else the focus areas grouped by top-level area (folded),
        each listing its initiatives (up to ``EVIDENCE_MARKS`` marks)."""
        report, lang = self.report, self.lang
        matrix = report.matrix
        heading = f"{t('report.appendix', lang)}: {t('report.evidence', lang)}"
        source = t("report.source", lang)

        def sourced(text: str | None) -> tuple[doc.Styled, ...]:
            return () if not text else (doc.Styled(f"{source}: {data(text)}", "muted"),)

        def area_term(area_id: str, name: str, url: str | None, n: int) -> doc.Styled:
            counted = count("initiative", n, lang)
            self.anchors.add(f"area-{area_id}")
            return doc.Styled(f"{name} ({counted})", url=url, anchor=f"area-{area_id}")

        if not self.large:
            areas = doc.Definitions(
                tuple(
                    (
                        area_term(a.id, data(a.name), a.url, len(a.initiatives)),
                        sourced(report.area_sources.get(a.id)),
                    )
                    for a in matrix.focus_areas
                )
            )
            notes: dict[str, list[tuple[str | doc.Styled, tuple[str | doc.Styled, ...]]]] = {}
            area_names = {a.id: a.name for a in matrix.focus_areas}
            for ev in report.evidence:  # a mark without a note: its focus area alone
                term = data(area_names.get(ev.focus_area, ev.focus_area))
                notes.setdefault(ev.initiative, []).append(
                    (term, (data(ev.note),) if ev.note else ())
                )
            sections = [doc.Section(t("col.focus_areas", lang), (areas,))]
            for item in matrix.initiatives:
                anchor = f"initiative-{item.id}"
                self.anchors.add(anchor)
                blocks: list[doc.Block] = [
                    doc.Paragraph((s,)) for s in sourced(report.initiative_sources.get(item.id))
                ]
                blocks.append(doc.Definitions(tuple(notes.get(item.id, ()))))
                sections.append(doc.Section(data(item.name), tuple(blocks), anchor=anchor))
            return self._doc("", sections, anchor="evidence", heading=heading)
        marks = len(report.evidence)
        listed = marks <= scale.EVIDENCE_MARKS
        by_area: dict[str, list[str | doc.Styled]] = {}
        if listed:
            for ev in report.evidence:
                anchor = f"initiative-{ev.initiative}"
                first = anchor not in self.anchors
                self.anchors.add(anchor)
                text = self.initiatives.get(ev.initiative, data(ev.initiative))
                if ev.note:
                    text += f": {data(ev.note)}"
                item_source = report.initiative_sources.get(ev.initiative)
                if item_source:
                    text += f" ({data(item_source)})"
                by_area.setdefault(ev.focus_area, []).append(
                    doc.Styled(text, anchor=anchor if first else None)
                )
        folded: list[doc.Block] = []
        for row in scale.aggregate(matrix, report.gaps):
            entries = tuple(
                (
                    area_term(a.id, f"{data(a.name)} ({data(a.id)})", a.url, len(a.initiatives)),
                    (*sourced(report.area_sources.get(a.id)), *by_area.get(a.id, ())),
                )
                for a in row.subtree
            )
            size = count("focus_area", len(row.subtree), lang)
            summary = f"{data(row.area.name)} ({data(row.area.id)}) ({size})"
            folded.append(doc.Details(summary, (doc.Definitions(entries),)))
        orphans = report.gaps.orphans
        if orphans and listed:
            alone: list[tuple[str | doc.Styled, tuple[str | doc.Styled, ...]]] = []
            for i in orphans:
                self.anchors.add(f"initiative-{i}")
                named = doc.Styled(self.initiatives.get(i, data(i)), anchor=f"initiative-{i}")
                alone.append((named, sourced(report.initiative_sources.get(i))))
            title_ = t("group.orphan", lang, count=len(orphans))
            folded.append(doc.Details(title_, (doc.Definitions(tuple(alone)),)))
        note = t("report.evidence_grouped", lang)
        if not listed:
            note += " " + t(
                "report.evidence_capped",
                lang,
                limit=num(scale.EVIDENCE_MARKS, lang),
                marks=num(marks, lang),
            )
        section = doc.Section(None, (doc.Legend(note), *folded))
        return self._doc("", (section,), anchor="evidence", heading=heading)


def _figures(report: Report, lang: Lang) -> doc.Figures:
    """The headline numbers as figures side by side (a page's tiles)."""
    summary = report.summary
    assert summary is not None
    served = summary.served / summary.focus_areas if summary.focus_areas else 0.0
    flat = ".flat" if summary.top_level == summary.focus_areas else ""  # no hierarchy
    top_level = num(summary.top_level, lang)
    uncovered_top = num(summary.uncovered_top_level, lang)
    return doc.Figures(
        (
            (num(summary.initiatives, lang), t("tile.initiatives", lang), None),
            (
                num(summary.focus_areas, lang),
                t(f"tile.focus_areas{flat}", lang, top_level=top_level),
                None,
            ),
            (words.percent(served), t("tile.served", lang), None),
            (
                num(summary.uncovered, lang),
                t(f"tile.uncovered{flat}", lang, top_level=uncovered_top),
                "bad" if summary.uncovered else None,
            ),
            (num(summary.thin, lang), t("tile.thin", lang), "warn" if summary.thin else None),
            (
                num(summary.crowded, lang),
                t("tile.crowded", lang),
                "accent" if summary.crowded else None,
            ),
            (num(summary.identical_groups, lang), t("tile.identical", lang), None),
        )
    )


#: A flagged total in the page's matrix carries its kind as a word under its number
#: (``overbelastet``) while the focus areas' columns leave room for the longest word:
#: about this many characters of the label's small type across them all on A4.
#: Beyond, each carries a mark, which a key under the matrix names.
_FLAG_ROOM = 72
_FLAG_MARKS = {"uncovered": words.UNCOVERED_MARK, "thin": words.THIN_MARK, "crowded": "▲"}


def _flag_tags(flags: set[str], columns: int, lang: Lang) -> dict[str, str]:
    """What a flagged total carries, per kind: its word where every word fits its
    column (never broken within a word), else its mark."""
    labels = {flag: words.kind(flag, lang) for flag in flags}
    longest = max((len(word) for label in labels.values() for word in label.split()), default=0)
    if longest * columns <= _FLAG_ROOM:
        return labels
    return {flag: _FLAG_MARKS[flag] for flag in flags}


def _left_out(hidden: int, command: str, lang: Lang) -> doc.Cap:
    return doc.Cap(t("report.left_out", lang, count=num(hidden, lang), command=command), hidden)


def _with_note(
    sections: Sequence[doc.Section], cut: int, lang: Lang, key: str
) -> tuple[doc.Section, ...]:
    """``sections`` without their lists' own notes, and one note at the end for all
    the items they (and ``cut``) left out."""
    hidden = cut
    kept = []
    for section in sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, doc.Cap):
                hidden += block.hidden
            else:
                blocks.append(block)
        kept.append(dataclasses.replace(section, blocks=tuple(blocks)))
    if hidden:
        kept.append(doc.Section(None, (doc.Cap(t(key, lang, count=num(hidden, lang)), hidden),)))
    return tuple(kept)


def _cut_to(
    summary: Sequence[doc.Paragraph], sections: Sequence[doc.Section], limit: int
) -> tuple[tuple[doc.Section, ...], int]:
    """``sections`` up to about ``limit`` characters of Markdown (a list or table cut
    short keeps its head), and how many items (list items, table rows) were cut."""
    room = limit - sum(doc.chars(p) for p in summary)
    kept: list[doc.Section] = []
    cut = 0
    for section in sections:
        blocks: list[doc.Block] = []
        room -= doc.chars(doc.Section(section.heading, ()))
        for block in section.blocks:
            size = doc.chars(block)
            if size <= room:
                blocks.append(block)
                room -= size
                continue
            if isinstance(block, doc.BulletList):
                items, room = _leading(block.items, doc.item_chars, room)
                cut += len(block.items) - len(items)
                if items:
                    blocks.append(dataclasses.replace(block, items=tuple(items)))
            elif isinstance(block, doc.Table):
                room -= doc.head_chars(block.columns)
                rows, room = _leading(block.rows, doc.row_chars, room)
                cut += len(block.rows) - len(rows)
                if rows:
                    blocks.append(dataclasses.replace(block, rows=tuple(rows), total=None))
            elif isinstance(block, doc.Cap):
                cut += block.hidden
            room = min(room, -1)
        if blocks or (room >= 0 and section.heading):
            kept.append(dataclasses.replace(section, blocks=tuple(blocks)))
    return tuple(kept), cut


def _leading(parts: Sequence[T], size: Callable[[T], int], room: int) -> tuple[list[T], int]:
    """The first of ``parts`` that fit in ``room`` characters, and the room left (below
    zero once a part did not fit)."""
    kept: list[T] = []
    for part in parts:
        room -= size(part)
        if room < 0:
            break
        kept.append(part)
    return kept, room


def _folded(group: _Group, limit: int, lang: Lang) -> doc.Details:
    """A group as a folded list of at most ``limit`` items, saying what it left out and
    where all of them are."""
    heading, items, command = group
    blocks: list[doc.Block] = [doc.BulletList(tuple(items[:limit]))]
    if len(items) > limit:
        blocks.append(_left_out(len(items) - limit, command, lang))
    return doc.Details(heading, tuple(blocks))


def _within_room(groups: Sequence[_Group], room: int, lang: Lang) -> list[doc.Block]:
    """The folded groups within ``room`` characters: each keeps the items that fit
    (leaving 300 to spare) and says how many it left out."""
    found: list[doc.Block] = []
    for heading, items, command in groups:
        room -= len(heading) + 60
        kept = 0
        for item in items:
            size = len(item) + 3
            if room - size < 300:
                break
            kept += 1
            room -= size
        group = _folded((heading, items, command), kept, lang)
        room -= sum(doc.chars(b) for b in group.blocks[1:])
        found.append(group)
    return found
