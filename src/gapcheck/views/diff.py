"""The view of ``diff``: what changed in coverage between two versions or two years.

First what changes who serves what (gaps opened and closed, initiatives and focus
areas added, removed, started, ended or moved, coverage counts), then every other
field edit, then the money; each list capped (``--limit``; on a page, the caps shrink
until the whole fits a pull-request comment, and long lists fold away).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from gapcheck.analysis import DiffReport
from gapcheck.analysis.diff import CoverageChange
from gapcheck.i18n import Lang, num, t
from gapcheck.render import caps, money, scale, words
from gapcheck.views import document as doc
from gapcheck.views.options import Options

#: On a page, lists longer than this fold away (``<details>``), but opened gaps.
FOLD = 10


def view(result: DiffReport, options: Options) -> doc.Document:
    headline, sections = parts(result, options)
    head = words.diff_head(result, options.lang)  # "working tree" for the data as it is now
    sides = words.diff_sides(
        result.base, head, options.lang, result.base_title, result.head_title, escape=doc.data
    )
    return doc.Document(
        t("title.diff", options.lang),
        sides,
        options.lang,
        (headline,),
        tuple(sections),
        _records(result) if options.spreadsheet else None,
    )


def parts(result: DiffReport, options: Options) -> tuple[doc.Paragraph, list[doc.Section]]:
    """The headline and the sections (also what ``whatif`` shows under its own title)."""
    if options.width is not None or options.limit is not None:
        return _parts(result, options, options.limit or caps.DIFF_ENTRIES, doc.data)
    # A page (a pull-request comment) stays under scale.MARKDOWN_LIMIT: fewer entries
    # per list, and names cut short, until it fits.
    for most in (caps.DIFF_ENTRIES, 20, 10, 5, 1):
        found = _parts(result, options, most, lambda text: doc.data(scale.clip(text)))
        headline, sections = found
        if doc.chars(headline) + sum(map(doc.chars, sections)) < scale.MARKDOWN_LIMIT - 2_000:
            break
    return found


def _parts(
    result: DiffReport, options: Options, most: int, name: Callable[[str], str]
) -> tuple[doc.Paragraph, list[doc.Section]]:
    lang = options.lang
    tone: doc.Tone = "bad" if result.gaps_opened or result.gaps_worsened else "good"
    headline = doc.Paragraph.of(words.diff_headline(result, lang), tone, headline=True)
    areas = words.labels(
        ((i, name(n)) for i, n in result.area_names.items()), ids=options.ids, lang=lang
    )
    names = words.labels(
        ((i, name(n)) for i, n in result.names.items()), ids=options.ids, lang=lang
    )

    def label(item: str, lookup: Mapping[str, str]) -> str:
        return lookup.get(item) or name(item)

    lists: list[doc.Block] = []

    def listed(
        key: str, items: Sequence[str], tone: doc.Tone | None = None, sign: str | None = None
    ) -> None:
        if not items:
            return
        shown, hidden = caps.cap(items, options.limit, most)
        blocks: tuple[doc.Block, ...] = (
            doc.BulletList(tuple(shown), tone, sign),
            *options.more(hidden, "json"),
        )
        failing = key in ("diff.gap_opened", "diff.gap_worsened")  # always in sight
        folds = options.width is None and options.fold and not failing
        if folds and len(items) > FOLD:
            title = f"{t(key, lang).rstrip(': ')} ({num(len(items), lang)})"
            blocks = (doc.Details(title, blocks),)
        lists.extend(blocks)

    def entries(
        key: str, ids: Sequence[str], lookup: Mapping[str, str], mark: str = ""
    ) -> list[str]:
        return [f"{mark}{t(key, lang)}{label(i, lookup)}" for i in ids]

    # An opened gap is a problem (a cross, red), a closed gap good news (a tick).
    listed("diff.gap_opened", entries("diff.gap_opened", result.gaps_opened, areas, "✗ "), "bad")
    worse = [
        f"✗ {t('diff.gap_worsened', lang)}{label(gap.focus_area, areas)}"
        f" ({words.worsened_how(gap, lang)})"
        for gap in result.gaps_worsened
    ]
    listed("diff.gap_worsened", worse, "bad")
    listed("diff.gap_closed", entries("diff.gap_closed", result.gaps_closed, areas, "✓ "), "good")
    for key, ids, sign in (
        ("diff.initiative_added", result.initiatives_added, "+"),
        ("diff.initiative_removed", result.initiatives_removed, "-"),
        ("diff.initiative_started", result.initiatives_started, "+"),
        ("diff.initiative_ended", result.initiatives_ended, "-"),
    ):
        listed(key, entries(key, ids, names), None, sign)
    moved = []
    named = caps.effective(options.limit, caps.NAMES_PER_CELL)
    for change in result.initiatives_changed:
        if not (change.added or change.removed):
            continue  # only other fields: in the table of other changes
        moves = [f"+{label(a, areas)}" for a in change.added]
        moves += [f"−{label(a, areas)}" for a in change.removed]
        shown_moves = ", ".join(moves[:named])
        if len(moves) > named:
            shown_moves = t("names.more", lang, names=shown_moves, count=len(moves) - named)
        moved.append(
            f"{t('diff.initiative_changed', lang)}{label(change.id, names)} ({shown_moves})"
        )
    listed("diff.initiative_changed", moved, "warn", "~")
    for key, ids, sign in (
        ("diff.focus_area_added", result.focus_areas_added, "+"),
        ("diff.focus_area_removed", result.focus_areas_removed, "-"),
    ):
        listed(key, entries(key, ids, areas), None, sign)
    sections = [doc.Section(None, tuple(lists))] if lists else []
    if result.coverage:
        # Losses first: none left, then a gap (or a worse one), then other drops, gains.
        rows, hidden = caps.cap(result.coverage_by_severity, options.limit, most)
        table = doc.Table(
            (
                doc.Column(t("col.focus_area", lang)),
                doc.Column(t("col.before", lang), "count"),
                doc.Column(t("col.after", lang), "count"),
                doc.Column(t("col.change", lang), "count"),
            ),
            tuple(_coverage_row(result, c, label(c.focus_area, areas), lang) for c in rows),
        )
        blocks: list[doc.Block] = [table, *options.more(hidden, "json")]
        if result.coverage_by_severity != result.coverage:  # say why not in file order
            blocks.append(doc.Legend(t("coverage.order", lang)))
        sections.append(doc.Section(t("section.coverage", lang), tuple(blocks)))
    other = words.field_changes(result, lang)
    if other:  # after coverage, so that metadata churn does not bury it
        rows_other, hidden = caps.cap(other, options.limit, most)
        table = doc.Table(
            tuple(
                doc.Column(t(k, lang)) for k in ("col.what", "col.field", "col.before", "col.after")
            ),
            tuple(
                (
                    name(what),
                    doc.data(field_name),
                    *(name(value) for value in _field_values(field_name, before, after, lang)),
                )
                for what, field_name, before, after in rows_other
            ),
        )
        sections.append(
            doc.Section(t("section.other_changes", lang), (table, *options.more(hidden, "json")))
        )
    if result.has_budgets:
        sections.append(_spend(result, options, most, areas, name))
    return headline, sections


#: How each severity of a coverage change reads: none left is the alarm.
_SEVERITY_TONES: dict[str, doc.Tone] = {"uncovered": "alarm", "gap": "bad", "drop": "warn"}


def _coverage_row(
    result: DiffReport, change: CoverageChange, area: str, lang: Lang
) -> tuple[doc.Value, ...]:
    severity = result.severity(change)
    return (
        area,
        "–" if change.before is None else change.before,
        "–" if change.after is None else change.after,
        doc.Styled(
            words.coverage_change(result, change, lang), _SEVERITY_TONES.get(severity, "good")
        ),
    )


def _field_values(field_name: str, before: object, after: object, lang: Lang) -> list[str]:
    """An edited field's two values for people. A budget per year shows only the years
    that changed (``2026: – → 850.000,00``), not every year of both sides."""
    old, new = _budget_years(before), _budget_years(after)
    if field_name == "budget" and old is not None and new is not None:
        years = [year for year in {**old, **new} if old.get(year) != new.get(year)]
        return [
            "; ".join(
                f"{year}: {money.budget_text(side[year], lang) if year in side else '–'}"
                for year in years
            )
            for side in (old, new)
        ]
    return [_field_value(field_name, value, lang) for value in (before, after)]


def _budget_years(value: object) -> dict[str, str] | None:
    """A budget per year as the diff writes it (``2025: 800000.00; 2026: ...``), by year;
    None for one amount, or none."""
    if not isinstance(value, str) or ": " not in value:
        return None
    return dict(part.split(": ", 1) for part in value.split("; "))


def _field_value(field_name: str, value: object, lang: Lang) -> str:
    """A field's value for people; a budget as an amount (``1.500.000,00`` in Danish)."""
    if field_name == "budget":
        return money.budget_text(value, lang)
    return words.field_value(value, lang)


def _spend(
    result: DiffReport,
    options: Options,
    most: int,
    areas: Mapping[str, str],
    name: Callable[[str], str],
) -> doc.Section:
    """The money of a diff: the totals, and each focus area whose direct money changed."""
    lang = options.lang
    blocks: list[doc.Block] = [doc.Paragraph.of(money.spend_totals(result, lang), "strong")]
    if result.spend:
        rows, hidden = caps.cap(result.spend, options.limit, most)
        blocks.append(
            doc.Table(
                (
                    doc.Column(t("col.focus_area", lang)),
                    doc.Column(t("col.before", lang), "number"),
                    doc.Column(t("col.after", lang), "number"),
                    doc.Column(t("col.change", lang), "number"),
                ),
                tuple(
                    (
                        areas.get(c.focus_area) or name(c.name),
                        "–" if c.before is None else money.number(c.before, lang),
                        "–" if c.after is None else money.number(c.after, lang),
                        money.signed(c.before, c.after, lang),
                    )
                    for c in rows
                ),
            )
        )
        blocks += options.more(hidden, "json")
    return doc.Section(doc.data(money.spend_heading(result, lang)), tuple(blocks))


def _records(result: DiffReport) -> doc.Records:
    """One row per change: kind, id, change, before, after, details."""
    rows: list[tuple[doc.Value, ...]] = []
    rows += [("gap", a, "opened", "", "", "") for a in result.gaps_opened]
    # A worse gap: the kinds before and after, and the qualifying count against the minimum.
    rows += [
        (
            "gap",
            g.focus_area,
            "worsened",
            g.kind_before,
            g.kind_after,
            f"{g.count_before} -> {g.count_after} (minimum {g.threshold})",
        )
        for g in result.gaps_worsened
    ]
    rows += [("gap", a, "closed", "", "", "") for a in result.gaps_closed]
    for what, ids in (
        ("added", result.initiatives_added),
        ("removed", result.initiatives_removed),
        ("started", result.initiatives_started),
        ("ended", result.initiatives_ended),
    ):
        rows += [("initiative", i, what, "", "", "") for i in ids]
    rows += [
        (
            "initiative",
            c.id,
            "changed",
            "",
            "",
            ";".join([*(f"+{a}" for a in c.added), *(f"-{a}" for a in c.removed)]),
        )
        for c in result.initiatives_changed
        if c.added or c.removed
    ]
    rows += [("focus_area", a, "added", "", "", "") for a in result.focus_areas_added]
    rows += [("focus_area", a, "removed", "", "", "") for a in result.focus_areas_removed]
    # Edits of other fields: one row each, the field named in details.
    rows += [
        (
            "initiative",
            c.id,
            "edited",
            _edited(f.field, f.before),
            _edited(f.field, f.after),
            f.field,
        )
        for c in result.initiatives_changed
        for f in c.fields
    ]
    rows += [
        ("focus_area", c.id, "edited", _blank(f.before), _blank(f.after), f.field)
        for c in result.focus_areas_changed
        for f in c.fields
    ]
    rows += [
        ("thresholds", "", "edited", _blank(f.before), _blank(f.after), f.field)
        for f in result.thresholds
    ]
    # Losses first; details say how bad: uncovered (none left), gap, drop or gain.
    rows += [
        ("coverage", c.focus_area, "changed", _blank(c.before), _blank(c.after), result.severity(c))
        for c in result.coverage_by_severity
    ]
    if result.has_budgets:
        # Amounts as Decimals: written exactly, and as numbers in Danish CSV.
        rows.append(("spend", "", "total", result.spend_before, result.spend_after, ""))
        rows += [
            ("spend", c.focus_area, "changed", _blank(c.before), _blank(c.after), "")
            for c in result.spend
        ]
    header = ("kind", "id", "change", "before", "after", "details")
    return doc.Records(tuple(doc.Column(h) for h in header), tuple(rows))


def _edited(field: str, value: object) -> doc.Value:
    """An edited field's value; a budget of one amount as a Decimal (a number in CSV)."""
    if field == "budget" and isinstance(value, str) and _AMOUNT.fullmatch(value):
        return Decimal(value)
    return _blank(value)


#: A budget of one amount, as the diff writes it exactly (``1500000.00``).
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _blank(value: object) -> doc.Value:
    return "" if value is None else value  # type: ignore[return-value]
