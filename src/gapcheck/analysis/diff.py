"""What changed in coverage between two portfolios: two versions, or two years."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from gapcheck.analysis.coverage import Gap, GapKind, min_initiatives_in_force
from gapcheck.analysis.gaps import find_gaps
from gapcheck.analysis.spend import has_budgets, spend
from gapcheck.contract import Entry

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import FocusArea, Initiative


#: A field's value on one side: text, a year or threshold, or ``None`` when not set.
FieldValue = str | int | float | None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: ``name``, ``end``, ``focus_areas[talent].note``, ``max_share``."""

    field: str
    before: FieldValue
    after: FieldValue


@dataclass(frozen=True, slots=True)
class InitiativeChange:
    """An initiative in both versions of the data that differs: focus areas added or
    removed (coverage), and any other field (``fields``: name, owner, source, start,
    end, a mark's note)."""

    JSON: ClassVar[tuple[Entry, ...]] = ("id", "added", "removed", "fields")

    id: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class FocusAreaChange:
    """A focus area in both versions whose name, parent, description, source or
    ``min_initiatives`` differs."""

    id: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class CoverageChange:
    """A focus area whose rolled-up count changed; ``None`` where it does not exist."""

    JSON: ClassVar[tuple[Entry, ...]] = ("focus_area", "before", "after")

    focus_area: str
    name: str
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class GapWorsened:
    """A focus area that was a gap and is a worse one now: thin or weak -> uncovered,
    or its qualifying count (``count_before`` -> ``count_after``) fell while below its
    minimum (``threshold``, head's)."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("focus_area", "kind_before", "kind_after", "count_before", "count_after"),
        "threshold",
    )

    focus_area: str
    name: str
    kind_before: GapKind
    kind_after: GapKind
    count_before: int
    count_after: int
    threshold: int


#: How bad a coverage change is, worst first: the area has no initiative left, it is
#: a gap it was not (or a worse one), it lost initiatives, it gained some.
Severity = Literal["uncovered", "gap", "drop", "gain"]
SEVERITIES: tuple[Severity, ...] = ("uncovered", "gap", "drop", "gain")


@dataclass(frozen=True, slots=True)
class SpendChange:
    """A focus area whose direct money in the year counted differs between the sides;
    ``None`` where it does not exist."""

    focus_area: str
    name: str
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True, slots=True)
class DiffReport:
    LIMITED: ClassVar[tuple[str, ...]] = (
        *("initiatives_added", "initiatives_removed", "initiatives_started"),
        *("initiatives_ended", "initiatives_changed", "focus_areas_added"),
        *("focus_areas_removed", "focus_areas_changed", "coverage", "gaps_opened"),
        *("gaps_closed", "gaps_worsened"),
    )
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("base", "head", "at", "base_title", "head_title", "min_initiatives"),
        (
            "initiatives",
            (
                ("added", "initiatives_added"),
                ("removed", "initiatives_removed"),
                ("started", "initiatives_started"),
                ("ended", "initiatives_ended"),
                ("changed", "initiatives_changed"),
            ),
        ),
        (
            "focus_areas",
            (
                ("added", "focus_areas_added"),
                ("removed", "focus_areas_removed"),
                ("changed", "focus_areas_changed"),
            ),
        ),
        *("thresholds", "coverage"),
        (
            "gaps",
            (
                ("opened", "gaps_opened"),
                ("closed", "gaps_closed"),
                ("opened_accepted", "gaps_opened_accepted"),
                ("worsened", "gaps_worsened"),
                ("worsened_accepted", "gaps_worsened_accepted"),
            ),
        ),
        "currency",
        ("spend", lambda diff, parent: _spend(diff)),
    )

    base: str
    head: str
    min_initiatives: int
    initiatives_added: tuple[str, ...]
    initiatives_removed: tuple[str, ...]
    initiatives_changed: tuple[InitiativeChange, ...]
    focus_areas_added: tuple[str, ...]
    focus_areas_removed: tuple[str, ...]
    coverage: tuple[CoverageChange, ...]
    gaps_opened: tuple[str, ...]
    gaps_closed: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict)  # initiative id -> name
    area_names: Mapping[str, str] = field(default_factory=dict)  # focus area id -> name
    #: The year both sides were counted in (versions of the data); ``None`` when every
    #: initiative counted, or when the sides are two years (``base``/``head`` name them).
    at: int | None = None
    #: In the data on both sides, active on the head side's year but not the base's.
    initiatives_started: tuple[str, ...] = ()
    #: In the data on both sides, active on the base side's year but not the head's.
    initiatives_ended: tuple[str, ...] = ()
    focus_areas_changed: tuple[FocusAreaChange, ...] = ()
    #: Changes to the ``thresholds:`` block (``min_initiatives``, ``max_share``).
    thresholds: tuple[FieldChange, ...] = ()
    base_title: str | None = None  # each side's portfolio title, for headings
    head_title: str | None = None
    #: Of ``gaps_opened``, those accepted in ``head``'s data and not expired (they do
    #: not fail ``--fail-on opened-gaps``).
    gaps_opened_accepted: tuple[str, ...] = ()
    #: Gaps on both sides that got worse (see :class:`GapWorsened`), head's file order;
    #: those accepted in ``head``'s data and not expired in ``gaps_worsened_accepted``.
    gaps_worsened: tuple[GapWorsened, ...] = ()
    gaps_worsened_accepted: tuple[str, ...] = ()
    #: The head side is the data as it is now, compared with a git revision: headings
    #: call it the working tree (``head`` stays the data directory's label).
    head_worktree: bool = False
    #: Either side has budgets: the money of each side in its year, and per focus area
    #: (direct) where it differs; ``None``/empty without budgets.
    spend_before: Decimal | None = None
    spend_after: Decimal | None = None
    spend: tuple[SpendChange, ...] = ()
    currency: str | None = None

    @property
    def has_budgets(self) -> bool:
        return self.spend_after is not None

    @property
    def gaps_opened_failing(self) -> tuple[str, ...]:
        """The opened gaps that fail ``--fail-on opened-gaps``."""
        accepted = set(self.gaps_opened_accepted)
        return tuple(area_id for area_id in self.gaps_opened if area_id not in accepted)

    @property
    def gaps_worsened_failing(self) -> tuple[GapWorsened, ...]:
        """The worsened gaps that fail ``--fail-on opened-gaps``."""
        accepted = set(self.gaps_worsened_accepted)
        return tuple(gap for gap in self.gaps_worsened if gap.focus_area not in accepted)

    @property
    def failing(self) -> bool:
        """``--fail-on opened-gaps`` fails: a gap opened or worsened, not accepted."""
        return bool(self.gaps_opened_failing or self.gaps_worsened_failing)

    def severity(self, change: CoverageChange) -> Severity:
        """How bad ``change`` is: see :data:`Severity`."""
        return self._severities()[change.focus_area]

    def _severities(self) -> dict[str, Severity]:
        gaps = {*self.gaps_opened, *(gap.focus_area for gap in self.gaps_worsened)}
        found: dict[str, Severity] = {}
        for change in self.coverage:
            before, after = change.before, change.after
            if after == 0 and before:
                found[change.focus_area] = "uncovered"
            elif change.focus_area in gaps:
                found[change.focus_area] = "gap"
            elif after is None or (before is not None and after < before):
                found[change.focus_area] = "drop"
            else:
                found[change.focus_area] = "gain"
        return found

    @property
    def coverage_by_severity(self) -> tuple[CoverageChange, ...]:
        """``coverage``, losses first: areas now uncovered, then those now a gap (or a
        worse one), then other drops, then gains; each group in ``coverage``'s order."""
        found = self._severities()
        return tuple(
            sorted(self.coverage, key=lambda change: SEVERITIES.index(found[change.focus_area]))
        )

    @property
    def changed(self) -> bool:
        return any(
            (
                self.initiatives_added,
                self.initiatives_removed,
                self.initiatives_started,
                self.initiatives_ended,
                self.initiatives_changed,
                self.focus_areas_added,
                self.focus_areas_removed,
                self.focus_areas_changed,
                self.thresholds,
                self.coverage,
                self.gaps_opened,
                self.gaps_worsened,
                self.gaps_closed,
                self.spend,
            )
        )

    @property
    def coverage_changed(self) -> bool:
        """Something that changes who serves what: not only names, notes and sources."""
        return any(
            (
                self.initiatives_added,
                self.initiatives_removed,
                self.initiatives_started,
                self.initiatives_ended,
                any(change.added or change.removed for change in self.initiatives_changed),
                self.focus_areas_added,
                self.focus_areas_removed,
                self.coverage,
                self.gaps_opened,
                self.gaps_worsened,
                self.gaps_closed,
            )
        )


INITIATIVE_FIELDS = ("name", "owner", "source", "start", "end")
FOCUS_AREA_FIELDS = (
    "name",
    "parent",
    "description",
    "source",
    "min_initiatives",
    "min_strength",
    "priority",
)
THRESHOLD_FIELDS = ("min_initiatives", "max_share", "min_strength")


def _fields(before: object, after: object, names: tuple[str, ...]) -> list[FieldChange]:
    changes = []
    for name in names:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes.append(FieldChange(name, old, new))
    return changes


def _budget_text(item: Initiative, decimals: int) -> str | None:
    """A budget as exact text with the minor unit: ``1500000.00``, or per year
    ``2025: 800000.00; 2026: 1200000.00``; ``None`` when not set."""
    if item.budget is None:
        return None

    def exact(amount: Decimal) -> str:
        return str(amount.quantize(Decimal(1).scaleb(-decimals)))

    if isinstance(item.budget, dict):
        return "; ".join(f"{year}: {exact(amount)}" for year, amount in item.budget.items())
    return exact(item.budget)


def _money_fields(before: Initiative, after: Initiative, decimals: int) -> list[FieldChange]:
    """``budget`` and each kept mark's ``focus_areas[ID].share`` (exact decimal text)."""
    changes = []
    old, new = _budget_text(before, decimals), _budget_text(after, decimals)
    if old != new:
        changes.append(FieldChange("budget", old, new))
    old_shares = {ref.id: ref.share for ref in reversed(before.focus_areas)}
    new_shares = {ref.id: ref.share for ref in reversed(after.focus_areas)}
    for area_id in dict.fromkeys(ref.id for ref in after.focus_areas):
        if area_id in old_shares and old_shares[area_id] != new_shares[area_id]:
            was, now = old_shares[area_id], new_shares[area_id]
            changes.append(
                FieldChange(
                    f"focus_areas[{area_id}].share",
                    None if was is None else str(was),
                    None if now is None else str(now),
                )
            )
    return changes


def _notes(item: Initiative) -> dict[str, str | None]:
    """Each listed focus area's note (a repeated reference: its first)."""
    notes: dict[str, str | None] = {}
    for ref in item.focus_areas:
        notes.setdefault(ref.id, ref.note)
    return notes


def _acceptance_fields(before: FocusArea, after: FocusArea) -> list[FieldChange]:
    """``accepted.reason``, ``accepted.by``, ``accepted.until`` (a date as YYYY-MM-DD)."""
    changes = []
    for name in ("reason", "by", "until"):
        old = getattr(before.accepted, name, None) if before.accepted else None
        new = getattr(after.accepted, name, None) if after.accepted else None
        if old != new:
            changes.append(
                FieldChange(
                    f"accepted.{name}",
                    old.isoformat() if isinstance(old, date) else old,
                    new.isoformat() if isinstance(new, date) else new,
                )
            )
    return changes


def _strength_names(item: Initiative) -> dict[str, str]:
    """Each listed focus area's strength (a repeated reference: its strongest)."""
    from gapcheck.model import STRENGTHS

    return {area_id: STRENGTHS[rank] for area_id, rank in item.strengths.items()}


def _initiative_change(
    before: Initiative, after: Initiative, decimals: int = 2
) -> InitiativeChange | None:
    old, new = before.focus_area_ids, after.focus_area_ids
    fields = _fields(before, after, INITIATIVE_FIELDS)
    fields += _money_fields(before, after, decimals)
    old_notes, new_notes = _notes(before), _notes(after)
    for area_id, note in new_notes.items():
        if area_id in old_notes and old_notes[area_id] != note:
            fields.append(FieldChange(f"focus_areas[{area_id}].note", old_notes[area_id], note))
    old_strengths, new_strengths = _strength_names(before), _strength_names(after)
    for area_id, strength in new_strengths.items():
        if area_id in old_strengths and old_strengths[area_id] != strength:
            fields.append(
                FieldChange(f"focus_areas[{area_id}].strength", old_strengths[area_id], strength)
            )
    if set(old) == set(new) and not fields:
        return None
    return InitiativeChange(
        before.id,
        added=tuple(a for a in new if a not in old),
        removed=tuple(a for a in old if a not in new),
        fields=tuple(fields),
    )


def diff_portfolios(
    base: Portfolio,
    head: Portfolio,
    *,
    base_label: str,
    head_label: str,
    min_initiatives: int | None = None,
    today: date | None = None,
) -> DiffReport:
    """Compare ``base`` with ``head``.

    What is in the data: initiatives and focus areas are *added* or *removed* when
    they appear in or disappear from the data; one on both sides is *changed* when
    its focus areas or any other field differ (each listed as a :class:`FieldChange`),
    and the ``thresholds:`` block is compared too. What is counted: an initiative in
    the data on both sides that is active in ``head``'s portfolio (its year) but not
    in ``base``'s has *started*, the reverse *ended* (two years of one dataset, or
    two versions taken in one year after an edit of ``start`` or ``end``).
    Coverage lists every focus area whose rolled-up count differs. A gap (by the
    rules of ``find_gaps``, each side with its own per-area thresholds) is *opened*
    when it is a gap in ``head`` and was not in ``base`` (an area only in ``head``
    that is a gap there counts), *closed* the other way round; an opened gap that
    ``head``'s data accepts (``accepted:``, not expired on ``today``) is listed in
    ``gaps_opened_accepted`` too. A gap on both sides is *worsened* when it is
    uncovered now and was not, or has fewer qualifying initiatives now
    (``gaps_worsened``, accepted ones in ``gaps_worsened_accepted``). Lists keep
    ``head``'s file order, then ``base``'s for what exists only there.
    """
    base_data = {item.id: item for item in base.dataset.initiatives}
    head_data = {item.id: item for item in head.dataset.initiatives}
    base_active = {item.id for item in base.initiatives}
    head_active = {item.id for item in head.initiatives}
    from gapcheck.model import minor_unit

    decimals = minor_unit(head.dataset.currency or base.dataset.currency)
    changed = []
    for item_id, after in head_data.items():
        before = base_data.get(item_id)
        if before is not None:
            change = _initiative_change(before, after, decimals)
            if change is not None:
                changed.append(change)
    both = [item_id for item_id in head_data if item_id in base_data]
    started = [i for i in both if i in head_active and i not in base_active]
    ended = [i for i in both if i in base_active and i not in head_active]

    base_areas = {area.id: area for area in base.focus_areas}
    head_areas = {area.id: area for area in head.focus_areas}
    coverage = []
    for area_id in [*head_areas, *(a for a in base_areas if a not in head_areas)]:
        before_count = len(base.rolled_up(area_id)) if area_id in base_areas else None
        after_count = len(head.rolled_up(area_id)) if area_id in head_areas else None
        if before_count != after_count:
            name = (head_areas.get(area_id) or base_areas[area_id]).name
            coverage.append(CoverageChange(area_id, name, before_count, after_count))

    # Each side by its own policy (its data's thresholds), unless the option overrides both.
    base_found = {gap.focus_area: gap for gap in find_gaps(base, min_initiatives, today=today).gaps}
    base_gaps = list(base_found)
    head_report = find_gaps(head, min_initiatives, today=today)
    head_gaps = [gap.focus_area for gap in head_report.gaps]
    head_accepted = {gap.focus_area for gap in head_report.accepted}
    head_order = {area_id: rank for rank, area_id in enumerate(head_areas)}
    base_order = {area_id: rank for rank, area_id in enumerate(base_areas)}

    names = {item.id: item.name for item in base.dataset.initiatives}
    names.update({item.id: item.name for item in head.dataset.initiatives})
    areas_changed = []
    for area_id, area in head_areas.items():
        if area_id in base_areas:
            fields = _fields(base_areas[area_id], area, FOCUS_AREA_FIELDS)
            fields += _acceptance_fields(base_areas[area_id], area)
            if fields:
                areas_changed.append(FocusAreaChange(area_id, tuple(fields)))
    area_names = {area.id: area.name for area in base.focus_areas}
    area_names.update({area.id: area.name for area in head.focus_areas})
    opened = tuple(sorted(set(head_gaps) - set(base_gaps), key=head_order.__getitem__))
    worsened = tuple(
        sorted(
            (
                worse
                for gap in head_report.gaps
                if gap.focus_area in base_found
                and (worse := _worsened(base_found[gap.focus_area], gap)) is not None
            ),
            key=lambda change: head_order[change.focus_area],
        )
    )
    money: dict[str, object] = {}
    if has_budgets(base.dataset) or has_budgets(head.dataset):
        money = _spend_changes(base, head, head_areas, base_areas)
    return DiffReport(
        base=base_label,
        head=head_label,
        min_initiatives=min_initiatives_in_force(head, min_initiatives),
        initiatives_added=tuple(i for i in head_data if i not in base_data),
        initiatives_removed=tuple(i for i in base_data if i not in head_data),
        initiatives_changed=tuple(changed),
        focus_areas_added=tuple(a for a in head_areas if a not in base_areas),
        focus_areas_removed=tuple(a for a in base_areas if a not in head_areas),
        coverage=tuple(coverage),
        gaps_opened=opened,
        gaps_opened_accepted=tuple(area_id for area_id in opened if area_id in head_accepted),
        gaps_worsened=worsened,
        gaps_worsened_accepted=tuple(
            change.focus_area for change in worsened if change.focus_area in head_accepted
        ),
        gaps_closed=tuple(sorted(set(base_gaps) - set(head_gaps), key=base_order.__getitem__)),
        names=names,
        area_names=area_names,
        at=head.at if head.at == base.at else None,
        initiatives_started=tuple(started),
        initiatives_ended=tuple(ended),
        focus_areas_changed=tuple(areas_changed),
        thresholds=tuple(
            _fields(base.dataset.thresholds, head.dataset.thresholds, THRESHOLD_FIELDS)
        ),
        base_title=base.title,
        head_title=head.title,
        **money,  # type: ignore[arg-type]
    )


def _worsened(before: Gap, after: Gap) -> GapWorsened | None:
    """``after`` is a worse gap than ``before``: uncovered now and not before, or fewer
    qualifying initiatives (both are gaps, so both below their minimum)."""
    if (after.kind == "uncovered" and before.kind != "uncovered") or after.count < before.count:
        return GapWorsened(
            after.focus_area,
            after.name,
            before.kind,
            after.kind,
            before.count,
            after.count,
            after.threshold,
        )
    return None


def _spend_changes(
    base: Portfolio,
    head: Portfolio,
    head_areas: Mapping[str, FocusArea],
    base_areas: Mapping[str, FocusArea],
) -> dict[str, object]:
    """The money fields of :class:`DiffReport`: each side in its own year."""
    sides = []
    for side in (base, head):
        report = spend(side.dataset, None if side.at is None else [side.at])
        sides.append((report.total, {area.focus_area: area.direct for area in report.areas}))
    (before_total, before), (after_total, after) = sides
    changes = []
    for area_id in [*head_areas, *(a for a in base_areas if a not in head_areas)]:
        old, new = before.get(area_id), after.get(area_id)
        if old != new:
            name = (head_areas.get(area_id) or base_areas[area_id]).name
            changes.append(SpendChange(area_id, name, old, new))
    return {
        "spend_before": before_total,
        "spend_after": after_total,
        "spend": tuple(changes),
        "currency": head.dataset.currency or base.dataset.currency,
    }


def _spend(report: DiffReport) -> dict[str, object] | None:
    """The JSON contract's money of a diff: None unless either side has budgets."""
    if not report.has_budgets:
        return None
    return {"before": report.spend_before, "after": report.spend_after, "focus_areas": report.spend}
