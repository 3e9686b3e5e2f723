"""Sentences and labels shared by the human-readable formats (table, Markdown, HTML).

Every function takes the reader's language; the words come from :mod:`gapcheck.i18n`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from gapcheck.i18n import Lang, count, num, t
from gapcheck.locate import BUNDLED

if TYPE_CHECKING:
    from gapcheck.analysis import (
        CoverageChange,
        CoverageMatrix,
        CriticalInitiative,
        CriticalReport,
        CrowdedArea,
        DiffReport,
        Gap,
        GapReport,
        GapWorsened,
        InitiativeCoverage,
        OverlapPair,
        OverlapReport,
        PortfolioSummary,
        Timeline,
        YearSpan,
    )
    from gapcheck.analysis.coverage import GapRollup
    from gapcheck.analysis.report import Finding, Summary

DIRECT = "X"
INHERITED = "(X)"
UNCOVERED_MARK = "!"
THIN_MARK = "*"


def names(
    ids: Iterable[str], lookup: Mapping[str, str], escape: Callable[[str], str] | None = None
) -> str:
    """Display names for ids, comma-separated, or semicolon-separated when a name has a
    comma of its own (an id without a name shows as itself).

    ``escape`` is the output's helper for untrusted text (see render/safe.py).
    """
    shown = [lookup.get(i, i) for i in ids]
    if escape is not None:
        shown = [escape(name) for name in shown]
    return ("; " if any("," in name for name in shown) else ", ").join(shown)


def labels(
    items: Iterable[tuple[str, str]], *, ids: bool = False, lang: Lang = "en"
) -> dict[str, str]:
    """Id -> how a list names it: the name, or ``name (id)`` where the name is not
    unique among ``items`` (or always, with ``ids``).

    Names are compared as they look (:func:`safe.fold`: NFKC, without invisible
    characters, case ignored), so look-alikes are told apart by their ids, as are
    names that mix Latin with Cyrillic or Greek letters. A name longer than
    ``caps.LABEL_CHARS`` (120) is cut with an ellipsis and keeps its id: one row stays
    one line, and a report of 1,000-character names stays within its size."""
    from gapcheck.render import safe

    pairs = [(item_id, _clip(name)) for item_id, name in items]
    keys = [safe.fold(name) for _, name in pairs]
    seen = Counter(keys)
    return {
        item_id: t("label.id", lang, name=name, id=item_id)
        if ids or seen[key] > 1 or _cut(name) or safe.mixed_scripts(name)
        else name
        for (item_id, name), key in zip(pairs, keys, strict=True)
    }


def _clip(name: str) -> str:
    """``name`` cut to ``caps.LABEL_CHARS``; a name a view marked as data (the whole of
    it) is cut inside its marks."""
    from gapcheck.render.caps import LABEL_CHARS
    from gapcheck.render.scale import clip
    from gapcheck.views import document

    pieces = list(document.spans(name))
    if len(pieces) == 1 and pieces[0][1]:
        return document.data(clip(pieces[0][0], LABEL_CHARS))
    return clip(name, LABEL_CHARS)


def _cut(name: str) -> bool:
    """Whether :func:`_clip` cut ``name`` (it ends with an ellipsis)."""
    from gapcheck.views import document

    return document.plain(name).endswith("…")


def area_labels(
    areas: Iterable[tuple[str, str, str | None]], *, ids: bool = False, lang: Lang = "en"
) -> dict[str, str]:
    """Focus area id -> its label in a flat list: as :func:`labels`, and a sub-area
    also names its parent, e.g. ``Steganography (t1027.003, under Obfuscated Files
    or Information)``."""
    triples = list(areas)
    plain = labels(((i, name) for i, name, _ in triples), ids=ids, lang=lang)
    names_by_id = {i: _clip(name) for i, name, _ in triples}
    found: dict[str, str] = {}
    for area_id, _, parent in triples:
        if parent is None or parent not in names_by_id:
            found[area_id] = plain[area_id]
        elif plain[area_id] != names_by_id[area_id]:
            found[area_id] = t(
                "label.id_under",
                lang,
                name=names_by_id[area_id],
                id=area_id,
                parent=names_by_id[parent],
            )
        else:
            found[area_id] = t(
                "label.under", lang, name=names_by_id[area_id], parent=names_by_id[parent]
            )
    return found


def rollup(
    item: GapRollup, area_names: Mapping[str, str], lang: Lang = "en", *, show_id: bool = True
) -> str:
    """``12 of 14 sub-areas of X uncovered``: the gaps among one area's sub-areas
    (``show_id=False``: the parent by its name alone, for readers who never see ids)."""
    parent = area_names.get(item.parent, item.parent)
    if show_id and item.parent not in parent:  # its id, as in "12 of 14 sub-areas of T1027"
        parent = t("label.id", lang, name=parent, id=item.parent)
    if item.uncovered and item.thin:
        text = t(
            "rollup.both",
            lang,
            count=len(item.uncovered),
            total=item.sub_areas,
            parent=parent,
            thin=len(item.thin),
        )
    elif item.uncovered:
        text = t(
            "rollup.uncovered", lang, count=len(item.uncovered), total=item.sub_areas, parent=parent
        )
    else:
        text = t("rollup.thin", lang, count=len(item.thin), total=item.sub_areas, parent=parent)
    if item.parent_kind is not None:
        text += t("rollup.parent", lang, kind=kind(item.parent_kind, lang))
    return text + "."


def summary_lines(summary: Summary, lang: Lang = "en") -> tuple[str, str]:
    """The headline numbers as two sentences: the portfolio, then its findings."""
    served = summary.served / summary.focus_areas if summary.focus_areas else 0.0
    flat = ".flat" if summary.top_level == summary.focus_areas else ""  # no hierarchy
    first = t(
        f"summary.line{flat}",
        lang,
        initiatives=count("initiative", summary.initiatives, lang),
        focus_areas=count("focus_area", summary.focus_areas, lang),
        top_level=num(summary.top_level, lang),
        marks=count("mark", summary.marks, lang),
        served=percent(served),
    )
    second = t(
        f"summary.findings{flat}",
        lang,
        uncovered=summary.uncovered,
        uncovered_top=summary.uncovered_top_level,
        thin=summary.thin,
        crowded=summary.crowded,
        groups=summary.identical_groups,
        orphans=summary.orphans,
    )
    return first, second


def _some(ids: tuple[str, ...], lookup: Mapping[str, str], most: int | None, lang: Lang) -> str:
    if most is None or len(ids) <= most:
        return names(ids, lookup)
    return t("names.more", lang, names=names(ids[:most], lookup), count=len(ids) - most)


def dataset(label: str, at: int | None = None, lang: Lang = "en", title: str | None = None) -> str:
    """How a heading names the data (its ``title`` if it has one), and the year it was taken in.

    The bundled dataset, used when no data was found, is named as the demo it is,
    whatever its title. ``label`` and ``title`` are escaped by the caller.
    """
    name = t("dataset.bundled", lang) if label == BUNDLED else title or label
    return name if at is None else t("dataset.at", lang, name=name, year=at)


def side(
    label: str,
    lang: Lang = "en",
    title: str | None = None,
    escape: Callable[[str], str] = str,
) -> str:
    """A side of a diff: a label, or ``label@year`` for a year (names through ``escape``)."""
    name, _, year = label.rpartition("@")
    if name and year.isdigit():
        return t("side.year", lang, name=_named(name, lang, title, escape), year=year)
    return _named(label, lang, title, escape)


def _named(label: str, lang: Lang, title: str | None, escape: Callable[[str], str]) -> str:
    """:func:`dataset` of a label and title not yet escaped (the demo is named in our words)."""
    shown = label if label == BUNDLED else escape(label)
    return dataset(shown, lang=lang, title=None if title is None else escape(title))


def diff_sides(
    base: str,
    head: str,
    lang: Lang = "en",
    base_title: str | None = None,
    head_title: str | None = None,
    *,
    escape: Callable[[str], str] = str,
) -> str:
    """``data: 2019 → 2024`` for two years of one dataset, else ``base → head``; the
    labels and titles are read as they are and written through ``escape``."""
    base_name, _, base_year = base.rpartition("@")
    head_name, _, head_year = head.rpartition("@")
    if base_name and base_name == head_name and base_year.isdigit() and head_year.isdigit():
        title = head_title if head_title == base_title else None
        return f"{_named(base_name, lang, title, escape)}: {base_year} → {head_year}"
    same_title = base_title if base_title and base_title == head_title else None
    if base_name and head_name and base_year.isdigit() and base_year == head_year:
        # Two versions counted in one year: name the year once, and the versions as the
        # user wrote them (a revision, a directory, the working tree), after the
        # portfolio's title when both sides share it.
        base_side, head_side = (
            _named(base_name, lang, None, escape),
            _named(head_name, lang, None, escape),
        )
        sides = f"{base_side} → {head_side}"
        if same_title:
            sides = f"{escape(same_title)}: {sides}"
        return t("dataset.at", lang, name=sides, year=base_year)
    sides = f"{side(base, lang, None, escape)} → {side(head, lang, None, escape)}"
    return f"{escape(same_title)}: {sides}" if same_title else sides


def nothing_active(year: int, span: YearSpan, lang: Lang = "en") -> str:
    """No initiative is active in ``year``: which years the data covers, and one to try."""
    covers = (
        f"{span.first}-{span.last}"
        if span.last is not None and span.last != span.first
        else (
            str(span.first) if span.last is not None else t("years.onwards", lang, year=span.first)
        )
    )
    return t("nothing_active", lang, year=year, covers=covers, suggestion=span.busiest)


def percent(share: float) -> str:
    return f"{share:.0%}"


def kind(name: str, lang: Lang = "en") -> str:
    """``uncovered``, ``thin``, ``crowded`` in the reader's language."""
    return t(f"kind.{name}", lang)


def strength(name: str, lang: Lang = "en") -> str:
    """``minimal``, ``partial``, ``significant`` in the reader's language."""
    return t(f"strength.{name}", lang)


def gap_reason(gap: Gap, lang: Lang = "en", escape: Callable[[str], str] | None = None) -> str:
    """Why the area is a gap, and whether it is accepted (its reason escaped by ``escape``)."""
    if gap.kind == "uncovered":
        text = t("gap.reason.uncovered", lang)
    elif gap.kind == "weak":
        text = t(
            "gap.reason.weak",
            lang,
            strength=strength(gap.min_strength, lang),
            initiatives=count("initiative", len(gap.below_strength), lang),
        )
    else:
        text = t(
            "gap.reason.thin",
            lang,
            initiatives=count("initiative", gap.count, lang),
            threshold=gap.threshold,
        )
        if gap.below_strength:
            text += t(
                "gap.reason.below",
                lang,
                initiatives=count("initiative", len(gap.below_strength), lang),
                strength=strength(gap.min_strength, lang),
            )
    note = acceptance(gap, lang, escape)
    return f"{text}; {note}" if note else text


def acceptance(
    gap: Gap, lang: Lang = "en", escape: Callable[[str], str] | None = None
) -> str | None:
    """``accepted until 2027-06-30: reason`` or ``acceptance expired on ...``; None if none."""
    if gap.accepted is None:
        return None
    reason = gap.accepted.reason if escape is None else escape(gap.accepted.reason)
    key = "gap.expired" if gap.accepted.expired else "gap.accepted"
    return t(key, lang, until=gap.accepted.until.isoformat(), reason=reason)


def crowded_reason(area: CrowdedArea, report: OverlapReport, lang: Lang = "en") -> str:
    return t(
        "crowded.reason.direct" if report.hierarchy else "crowded.reason",
        lang,
        count=area.count,
        total=count("initiative", report.initiative_count, lang),
        share=percent(area.share),
        max=percent(report.max_share),
    )


def gaps_summary(report: GapReport, lang: Lang = "en") -> str:
    areas = count("focus_area", report.focus_area_count, lang)
    minimum = count("initiative", report.min_initiatives, lang)
    if not report.gaps:
        key = {0: "gaps.none.zero", 1: "gaps.none.one"}.get(report.focus_area_count, "gaps.none")
        text = t(key, lang, focus_areas=areas, initiatives=minimum)
    else:
        # Each gap is of one kind: the kinds named add up to the gaps counted.
        uncovered = sum(gap.kind == "uncovered" for gap in report.gaps)
        weak = sum(gap.kind == "weak" for gap in report.gaps)
        text = t(
            "gaps.some.weak" if weak else "gaps.some",
            lang,
            gaps=count("gap", len(report.gaps), lang),
            focus_areas=areas,
            uncovered=count("uncovered_area", uncovered, lang),
            thin=count("thin_area", len(report.gaps) - uncovered - weak, lang),
            weak=count("weak_area", weak, lang),
            initiatives=minimum,
        )
    accepted = len(report.accepted)
    if accepted:
        text += " " + t("gaps.accepted", lang, accepted=count("accepted_gap", accepted, lang))
    expired = sum(gap.accepted is not None and gap.accepted.expired for gap in report.gaps)
    if expired:
        text += " " + t("gaps.expired", lang, expired=count("expired_acceptance", expired, lang))
    if report.orphans:
        key = "orphans.one" if len(report.orphans) == 1 else "orphans.many"
        text += " " + t(key, lang, initiatives=count("initiative", len(report.orphans), lang))
    return text


def counted(
    result: object,
    lang: Lang = "en",
    *,
    hierarchy: bool = True,
    escape: Callable[[str], str] = str,
) -> list[str]:
    """What was counted, when not the default: the roll-up policy (where the focus areas
    form a tree) and the --where conditions (``escape``d: they are the reader's text);
    empty when every area and initiative counted by the default policy."""
    parts = []
    policy = getattr(result, "rollup", "any")
    if hierarchy and policy != "any":
        parts.append(t(f"rollup.{policy}", lang))
    for key in ("where", "where_initiative"):
        conditions = getattr(result, key, ())
        if conditions:
            shown = ", ".join(escape(condition) for condition in conditions)
            parts.append(t(f"select.{key}", lang, conditions=shown))
    return parts


def gaps_legend(
    report: GapReport, lang: Lang = "en", escape: Callable[[str], str] = str
) -> str | None:
    """What the counts and the order of a gap list mean; None when there is nothing to say."""
    parts = counted(report, lang, hierarchy=report.hierarchy, escape=escape)
    if report.hierarchy and report.rollup == "any":
        parts.append(t("gaps.rolled_up", lang))
    if len(report.gaps) > 1:
        parts.append(t("gaps.ranking", lang))
    return " ".join(parts) or None


def overlaps_summary(report: OverlapReport, lang: Lang = "en") -> str:
    if report.pair_count is None:
        pairs = t(
            "overlaps.uncounted",
            lang,
            count=len(report.pairs),
            at_most=num(report.pair_count_at_most, lang),
        )
    else:
        pairs = count("pair", report.pair_count, lang)
    shown = (
        ""
        if len(report.pairs) == report.pair_count or report.pair_count is None
        else t(
            "overlaps.shown.one" if len(report.pairs) == 1 else "overlaps.shown",
            lang,
            count=len(report.pairs),
        )
    )
    text = t(
        "overlaps.summary",
        lang,
        crowded=count("crowded_area", len(report.crowded), lang),
        groups=count("group", len(report.identical), lang),
        pairs=pairs,
        shown=shown,
    )
    if report.hierarchy:
        text += " " + t("overlaps.direct", lang)
    return text


def truncation_note(report: OverlapReport, lang: Lang = "en") -> str | None:
    """What to say on stderr when the pairs were cut at the cap; None when they were not."""
    if not report.truncated:
        return None
    total = (
        num(report.pair_count, lang)
        if report.pair_count is not None
        else t(
            "overlaps.uncounted",
            lang,
            count=num(len(report.pairs), lang),
            at_most=num(report.pair_count_at_most, lang),
        )
    )
    return t("overlaps.truncated", lang, total=total, count=num(len(report.pairs), lang))


def matrix_cells(
    result: CoverageMatrix, items: Sequence[InitiativeCoverage] | None = None
) -> list[list[str]]:
    """One row per initiative (of ``items``, default all): a mark per focus area (X
    direct, (X) through a sub-area)."""
    direct = [set(area.direct) for area in result.focus_areas]
    rolled = [set(area.initiatives) for area in result.focus_areas]
    return [
        [
            DIRECT if item.id in d else (INHERITED if item.id in r else "")
            for d, r in zip(direct, rolled, strict=True)
        ]
        for item in (result.initiatives if items is None else items)
    ]


def matrix_legend(
    result: CoverageMatrix, lang: Lang = "en", escape: Callable[[str], str] = str
) -> str:
    text = t("matrix.legend.owner" if result.by == "owner" else "matrix.legend", lang)
    tree = any(area.parent for area in result.focus_areas)
    if tree:
        text += " " + t("matrix.legend.sub", lang)
    return " ".join([text, *counted(result, lang, hierarchy=tree, escape=escape)])


def matrix_summary(result: CoverageMatrix, lang: Lang = "en") -> str:
    marks = sum(len(area.direct) for area in result.focus_areas)
    return t(
        "matrix.summary",
        lang,
        initiatives=count(result.by, len(result.initiatives), lang),
        focus_areas=count("focus_area", len(result.focus_areas), lang),
        marks=count("mark", marks, lang),
    )


def timeline_cell(number: int, threshold: int) -> str:
    """A count, marked ``!`` when uncovered and ``*`` when thin."""
    if number == 0:
        return f"0{UNCOVERED_MARK}"
    return f"{number}{THIN_MARK}" if number < threshold else str(number)


def timeline_runs(result: Timeline) -> list[tuple[str, int]]:
    """Runs of consecutive years with the same counts in every focus area, folded:
    ``(label, index)`` with the label ``2010-2026`` (or ``2010`` alone) and the index
    of the run's first year in ``result.years``."""
    runs: list[tuple[str, int]] = []
    start = 0
    for index in range(1, len(result.years) + 1):
        if index < len(result.years) and all(
            area.counts[index] == area.counts[start] for area in result.focus_areas
        ):
            continue
        first, last = result.years[start], result.years[index - 1]
        runs.append((str(first) if first == last else f"{first}-{last}", start))
        start = index
    return runs


def timeline_legend(result: Timeline, lang: Lang = "en") -> str:
    return t(
        "timeline.legend",
        lang,
        uncovered=UNCOVERED_MARK,
        thin=THIN_MARK,
        min=result.min_initiatives,
    )


def report_diff_sides(report: DiffReport, lang: Lang = "en") -> str:
    """The two sides of the report's changes. A Danish report is handed to people who
    never run the tool: no revision, folder or working tree, only the years that differ
    (``2019 → 2024``) or the earlier and this version, in the year counted."""
    head = diff_head(report, lang)
    if lang == "en":
        return diff_sides(report.base, head, lang, report.base_title, report.head_title)
    base_year = report.base.rpartition("@")[2]
    head_year = report.head.rpartition("@")[2]
    if base_year.isdigit() and head_year.isdigit() and base_year != head_year:
        return f"{base_year} → {head_year}"
    versions = t("report.diff.versions", lang)
    if base_year.isdigit() and base_year == head_year:
        return t("dataset.at", lang, name=versions, year=base_year)
    return versions


def diff_head(report: DiffReport, lang: Lang = "en") -> str:
    """The head side's label for headings: ``working tree`` (with its ``@year``) for the
    data as it is now against a git revision, else ``report.head``."""
    if not report.head_worktree:
        return report.head
    name, _, year = report.head.rpartition("@")
    worktree = t("side.worktree", lang)
    return f"{worktree}@{year}" if name and year.isdigit() else worktree


def worsened_how(gap: GapWorsened, lang: Lang = "en") -> str:
    """``thin → uncovered``, or ``thin: 2 → 1, minimum 3`` when the kind stayed."""
    before, after = t(f"kind.{gap.kind_before}", lang), t(f"kind.{gap.kind_after}", lang)
    if gap.kind_before != gap.kind_after:
        return t("diff.worse_kind", lang, before=before, after=after)
    return t(
        "diff.worse_count",
        lang,
        kind=after,
        before=gap.count_before,
        after=gap.count_after,
        threshold=gap.threshold,
    )


def coverage_mark(report: DiffReport, change: CoverageChange, lang: Lang = "en") -> str:
    """What a coverage change means for the check: ``none left`` for a loss to zero,
    ``now a gap`` / ``a worse gap``; empty for other changes."""
    severity = report.severity(change)
    if severity == "uncovered":
        return t("coverage.none_left", lang)
    if severity == "gap":
        opened = change.focus_area in report.gaps_opened
        return t("coverage.gap_opened" if opened else "coverage.gap_worsened", lang)
    return ""


def coverage_change(report: DiffReport, change: CoverageChange, lang: Lang = "en") -> str:
    """The change column of a coverage change: ``-1 (none left)``, ``+2``, ``gone``."""
    delta = signed(change.before, change.after, lang)
    mark = coverage_mark(report, change, lang)
    return f"{delta} ({mark})" if mark else delta


def diff_headline(report: DiffReport, lang: Lang = "en") -> str:
    """``2 gaps opened, 1 closed; ...``: the one line a reviewer reads first."""
    if not report.changed:
        return t("diff.none", lang)
    opened, closed = len(report.gaps_opened), len(report.gaps_closed)
    worsened = len(report.gaps_worsened)
    if worsened:
        gaps = t(
            "diff.gaps.worsened",
            lang,
            gaps=count("gap", opened, lang),
            worsened=worsened,
            closed=closed,
        )
    elif opened or closed:
        gaps = t("diff.gaps", lang, gaps=count("gap", opened, lang), closed=closed)
    else:
        gaps = t("diff.no_gaps", lang)
    parts = [gaps]
    for key, counts in (
        (
            "diff.initiatives",
            (
                ("diff.added", len(report.initiatives_added)),
                ("diff.removed", len(report.initiatives_removed)),
                ("diff.started", len(report.initiatives_started)),
                ("diff.ended", len(report.initiatives_ended)),
                ("diff.changed", len(report.initiatives_changed)),
            ),
        ),
        (
            "diff.focus_areas",
            (
                ("diff.added", len(report.focus_areas_added)),
                ("diff.removed", len(report.focus_areas_removed)),
                ("diff.changed", len(report.focus_areas_changed)),
            ),
        ),
    ):
        listed = [t(what, lang, count=n) for what, n in counts if n]
        if listed:
            parts.append(t(key, lang) + ", ".join(listed))
    if report.thresholds:
        parts.append(t("diff.thresholds_changed", lang))
    if report.coverage:
        parts.append(
            t("diff.coverage", lang, focus_areas=count("focus_area", len(report.coverage), lang))
        )
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def field_value(value: object, lang: Lang = "en") -> str:
    """A field's value on one side of a diff: ``–`` when it is not set; a fraction as
    the language writes it (a budget: ``money.budget_text``)."""
    if value is None:
        return "–"
    if isinstance(value, (float, Decimal)):  # a year or a priority (int) stays as written
        return num(value, lang)
    return str(value)


def field_changes(report: DiffReport, lang: Lang = "en") -> list[tuple[str, str, object, object]]:
    """Every field change of a diff as rows: what (a name, or ``thresholds``), field,
    before, after. Initiatives first (head's file order), then focus areas, then the
    ``thresholds:`` block."""
    rows: list[tuple[str, str, object, object]] = []
    for change in report.initiatives_changed:
        name = report.names.get(change.id, change.id)
        rows += [(name, item.field, item.before, item.after) for item in change.fields]
    for area in report.focus_areas_changed:
        name = report.area_names.get(area.id, area.id)
        rows += [(name, item.field, item.before, item.after) for item in area.fields]
    label = t("diff.thresholds", lang)
    rows += [(label, item.field, item.before, item.after) for item in report.thresholds]
    return rows


def signed(before: int | None, after: int | None, lang: Lang = "en") -> str:
    """The change of a count, ``+2`` / ``-1``; ``new`` or ``gone`` for a side without it."""
    if before is None:
        return t("new", lang)
    if after is None:
        return t("gone", lang)
    return f"{after - before:+d}"


def finding(
    item: Finding,
    initiative_names: Mapping[str, str],
    area_names: Mapping[str, str],
    lang: Lang = "en",
    *,
    most: int | None = None,
) -> str:
    """A finding of the report as a plain-language sentence; with ``most``, a group
    names at most that many initiatives and says how many more there are."""
    area = names(item.focus_areas, area_names)
    if item.kind == "uncovered":
        return t("finding.uncovered", lang, area=area)
    if item.kind == "thin":
        key = "finding.thin.one" if item.count == 1 else "finding.thin.many"
        return t(key, lang, area=area, count=item.count, threshold=int(item.threshold))
    if item.kind == "crowded":
        return t(
            "finding.crowded.one" if item.count == 1 else "finding.crowded",
            lang,
            area=area,
            count=item.count,
            total=count("initiative", item.total, lang),
        )
    if item.kind == "identical":
        return t(
            "finding.identical",
            lang,
            count=item.count,
            areas=_some(item.focus_areas, area_names, most, lang),
            initiatives=_some(item.initiatives, initiative_names, most, lang),
        )
    return t("finding.orphan", lang, initiative=names(item.initiatives, initiative_names))


# --- judgement: whatif, critical, summary ----------------------------------------------


def critical_finding(
    item: CriticalInitiative, area_names: Mapping[str, str], lang: Lang = "en"
) -> str:
    """``X is the sole initiative of A: removing it leaves them uncovered`` (or the
    single point of failure of the areas it keeps at their minimum)."""
    key = "critical.sole" if item.sole else "critical.at_minimum"
    areas = item.sole or item.focus_areas
    return t(key, lang, initiative=item.name, areas=names(areas, area_names))


def critical_columns(
    items: Sequence[CriticalInitiative],
) -> list[tuple[str, Callable[[CriticalInitiative], tuple[str, ...]]]]:
    """The columns of focus areas in a table of critical initiatives, as (heading key,
    the areas of an initiative): the areas it alone serves, then those it keeps at
    their minimum; a column only when some initiative of ``items`` has such areas."""
    columns: list[tuple[str, Callable[[CriticalInitiative], tuple[str, ...]]]] = [
        ("col.sole_of", lambda item: item.sole),
        ("col.would_leave", lambda item: item.at_minimum),
    ]
    return [(key, part) for key, part in columns if any(part(item) for item in items)]


def critical_summary(report: CriticalReport, lang: Lang = "en") -> str:
    """``2 critical initiatives among 10 initiatives. Redundancy ...``."""
    return t(
        "critical.summary",
        lang,
        critical=count("critical_initiative", len(report.critical), lang),
        sole=sum(bool(item.sole) for item in report.critical),
        initiatives=count("initiative", report.initiative_count, lang),
        one=sum(area.redundancy == 1 for area in report.areas),
        zero=sum(area.redundancy == 0 for area in report.areas),
        focus_areas=count("focus_area", len(report.areas), lang),
    )


def _measure(value: float | None, lang: Lang) -> str:
    return "–" if value is None else num(value, lang, 3)


def summary_rows(result: PortfolioSummary, lang: Lang = "en") -> list[tuple[str, str]]:
    """The summary as (label, value) rows; no data text in them."""

    def share(part: int) -> str:
        ratio = part / result.focus_areas if result.focus_areas else 0.0
        return t("summary.share", lang, count=part, total=result.focus_areas, share=percent(ratio))

    expiring = ", ".join(entry.until.isoformat() for entry in result.expiring)
    return [
        (
            t("summary.size", lang),
            t(
                "summary.size.value",
                lang,
                initiatives=count("initiative", result.initiatives, lang),
                focus_areas=count("focus_area", result.focus_areas, lang),
                marks=count("mark", result.marks, lang),
            ),
        ),
        (t("summary.covered_direct", lang), share(result.covered_direct)),
        (t("summary.covered_rolled_up", lang), share(result.covered_rolled_up)),
        (
            t("summary.gaps", lang),
            t(
                "summary.gaps.value",
                lang,
                uncovered=count("uncovered_area", result.gaps.get("uncovered", 0), lang),
                weak=count("weak_area", result.gaps.get("weak", 0), lang),
                thin=count("thin_area", result.gaps.get("thin", 0), lang),
            ),
        ),
        (t("summary.crowded", lang), str(result.crowded)),
        (t("summary.identical", lang), str(result.identical_groups)),
        (t("summary.critical", lang), str(result.critical_initiatives)),
        (t("summary.accepted", lang), str(len(result.accepted))),
        (
            t("summary.expiring", lang),
            f"{len(result.expiring)}" + (f" ({expiring})" if expiring else ""),
        ),
        (t("summary.configurations", lang), str(result.configurations)),
        (t("summary.shannon", lang), _measure(result.shannon, lang)),
        (t("summary.gini_simpson", lang), _measure(result.gini_simpson, lang)),
        (t("summary.evenness", lang), _measure(result.evenness, lang)),
    ]


#: The rows of :func:`summary_rows` that the report's tiles do not show (the gaps
#: row for its weak count), in that order.
REPORT_SUMMARY_ROWS = (
    "summary.gaps",
    "summary.critical",
    "summary.accepted",
    "summary.expiring",
    "summary.configurations",
    "summary.shannon",
    "summary.gini_simpson",
    "summary.evenness",
)


def report_summary_rows(result: PortfolioSummary, lang: Lang = "en") -> list[tuple[str, str]]:
    """Those rows of :func:`summary_rows` that the report adds to its tiles."""
    wanted = {t(key, lang) for key in REPORT_SUMMARY_ROWS}
    return [(label, value) for label, value in summary_rows(result, lang) if label in wanted]


# --- summary first, the worst next: shared by the table and Markdown ----------------


def tree_order(areas: Iterable[tuple[str, str | None]]) -> list[tuple[str, int]]:
    """Focus areas as a tree, ``(id, depth)``: each top-level area (file order) followed
    by its sub-areas, depth first, without recursion. An area whose parent is unknown
    counts as top-level."""
    pairs = list(areas)
    known = {area_id for area_id, _ in pairs}
    children: dict[str | None, list[str]] = {}
    for area_id, parent in pairs:
        children.setdefault(parent if parent in known else None, []).append(area_id)
    order: list[tuple[str, int]] = []
    stack = [(area_id, 0) for area_id in reversed(children.get(None, []))]
    seen: set[str] = set()
    while stack:
        area_id, depth = stack.pop()
        if area_id in seen:  # a cycle cannot reach here (the loader refuses it); be safe
            continue
        seen.add(area_id)
        order.append((area_id, depth))
        stack.extend((kid, depth + 1) for kid in reversed(children.get(area_id, [])))
    order += [(area_id, 0) for area_id, _ in pairs if area_id not in seen]
    return order


def gap_entries(report: GapReport, least: int) -> list[Gap | GapRollup]:
    """The gaps as rows for people, in the order of :func:`find_gaps` (priority, then
    shortfall): a parent with at least ``least`` sub-area gaps is one rolled-up row,
    ranked by the highest priority and the summed shortfall of its gaps (see
    :func:`_entry_rank`); every other gap is a row."""
    rolled = {r.parent: r for r in report.rollups if r.gaps >= least}
    by_area = {gap.focus_area: gap for gap in report.gaps}
    entries: list[Gap | GapRollup] = []
    placed: set[str] = set()
    for gap in report.gaps:
        parent = report.parents.get(gap.focus_area)
        if parent in rolled and parent is not None:
            if parent not in placed:
                placed.add(parent)
                entries.append(rolled[parent])
            continue
        entries.append(gap)
    ranked = sorted(enumerate(entries), key=lambda pair: _entry_rank(report, by_area, *pair))
    return [entry for _, entry in ranked]


def _entry_rank(
    report: GapReport, by_area: Mapping[str, Gap], index: int, entry: Gap | GapRollup
) -> tuple[int, int, int, int]:
    """Priority first, then shortfall (a rolled-up row: the highest priority and the
    summed shortfall of its gaps); on a tie, top-level areas and roll-ups before single
    sub-areas; then as :func:`find_gaps` ordered them."""
    from gapcheck.analysis.coverage import GapRollup

    if isinstance(entry, GapRollup):
        members = [by_area[i] for i in (*entry.uncovered, *entry.thin) if i in by_area]
        priority = max((gap.priority for gap in members), default=0)
        return -priority, -sum(gap.shortfall for gap in members), 0, index
    sub = 0 if report.parents.get(entry.focus_area) is None else 1
    return -entry.priority, -entry.shortfall, sub, index


def entry_gaps(entry: Gap | GapRollup) -> int:
    """How many gaps a row stands for."""
    from gapcheck.analysis.coverage import GapRollup

    return entry.gaps if isinstance(entry, GapRollup) else 1


def worst_gap(
    report: GapReport,
    area_names: Mapping[str, str],
    least: int,
    lang: Lang = "en",
    escape: Callable[[str], str] = str,
) -> str | None:
    """The most important gap in a sentence: the largest roll-up of uncovered
    sub-areas, else the first gap (uncovered first); None without gaps."""
    rolled = sorted(
        (r for r in report.rollups if r.gaps >= least),
        key=lambda r: (-len(r.uncovered), -r.gaps),
    )
    if rolled:
        return t("gaps.worst", lang, finding=rollup(rolled[0], area_names, lang))
    if not report.gaps:
        return None
    gap = report.gaps[0]
    name = area_names.get(gap.focus_area) or escape(gap.name)
    return t("gaps.worst", lang, finding=f"{name}, {gap_reason(gap, lang, escape)}.")


def matrix_opening(
    result: CoverageMatrix, lang: Lang = "en", escape: Callable[[str], str] = str
) -> str:
    """The matrix in numbers, and its most served and unserved focus areas."""
    text = matrix_summary(result, lang)
    if not result.focus_areas:
        return text
    most = max(result.focus_areas, key=lambda area: len(area.initiatives))
    uncovered = sum(1 for area in result.focus_areas if not area.initiatives)
    return (
        text
        + " "
        + t(
            "matrix.most",
            lang,
            name=escape(most.name),
            count=len(most.initiatives),
            uncovered=count("focus_area", uncovered, lang),
        )
    )


def timeline_summary(result: Timeline, lang: Lang = "en") -> str:
    """The timeline in one sentence: its span, its rows, and the gaps of its last year."""
    rows = len(timeline_runs(result))
    last = len(result.years) - 1
    uncovered = sum(1 for a in result.focus_areas if last >= 0 and a.counts[last] == 0)
    thin = sum(1 for a in result.focus_areas if last >= 0 and 0 < a.counts[last] < a.threshold)
    return t(
        "timeline.summary",
        lang,
        focus_areas=count("focus_area", len(result.focus_areas), lang),
        years=(
            ""
            if not result.years
            else str(result.years[0])
            if len(result.years) == 1
            else f"{result.years[0]}-{result.years[-1]}"
        ),
        last=result.years[-1] if result.years else "",
        rows=t("timeline.row", lang) if rows == 1 else t("timeline.rows", lang, count=rows),
        uncovered=count("uncovered_area", uncovered, lang),
        thin=count("thin_area", thin, lang),
    )


def clipped_note(timeline: Timeline, around: int, lang: Lang = "en") -> str | None:
    """Why the year axis is shorter than the range asked for; ``None`` when it is not."""
    from gapcheck.analysis.timeline import YEAR_AXIS

    if timeline.clipped_from is None or not timeline.years:
        return None
    first, last = timeline.clipped_from
    return t(
        "timeline.clipped",
        lang,
        first=first,
        last=last,
        span=num(last - first + 1, lang),
        shown=YEAR_AXIS,
        start=timeline.years[0],
        end=timeline.years[-1],
        year=around,
    )


def distinct_pairs(report: OverlapReport) -> list[OverlapPair]:
    """The pairs not already shown as an identical group (their focus areas differ)."""
    return [pair for pair in report.pairs if pair.jaccard < 1.0]


def pairs_in_groups(report: OverlapReport) -> int:
    """Qualifying pairs whose two initiatives are in one identical group."""
    return sum(
        len(g.initiatives) * (len(g.initiatives) - 1) // 2
        for g in report.identical
        if len(g.focus_areas) >= report.min_shared
    )


def some(
    ids: tuple[str, ...],
    lookup: Mapping[str, str],
    most: int,
    lang: Lang = "en",
    escape: Callable[[str], str] | None = None,
) -> str:
    """At most ``most`` names, then ``and 12 more``."""
    if len(ids) <= most:
        return names(ids, lookup, escape)
    return t("names.more", lang, names=names(ids[:most], lookup, escape), count=len(ids) - most)


def overlaps_opening(report: OverlapReport, shown: Sequence[OverlapPair], lang: Lang = "en") -> str:
    """The summary of overlaps for people: the pairs counted and ``shown`` are those
    beyond the identical groups, which are said to hold the rest."""
    import dataclasses

    in_groups = pairs_in_groups(report)
    total = None if report.pair_count is None else max(0, report.pair_count - in_groups)
    text = overlaps_summary(dataclasses.replace(report, pairs=tuple(shown), pair_count=total), lang)
    if in_groups:
        text += " " + t(
            "overlaps.in_groups.one" if in_groups == 1 else "overlaps.in_groups",
            lang,
            count=num(in_groups, lang),
        )
    return text
