"""What changed in coverage between two portfolios: two versions, or two years."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gapcheck.analysis.coverage import find_gaps, min_initiatives_in_force

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio


@dataclass(frozen=True, slots=True)
class InitiativeChange:
    """An initiative on both sides whose set of focus areas differs."""

    id: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoverageChange:
    """A focus area whose rolled-up count changed; ``None`` where it does not exist."""

    focus_area: str
    name: str
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class DiffReport:
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
    base_title: str | None = None  # each side's portfolio title, for headings
    head_title: str | None = None

    @property
    def changed(self) -> bool:
        return any(
            (
                self.initiatives_added,
                self.initiatives_removed,
                self.initiatives_changed,
                self.focus_areas_added,
                self.focus_areas_removed,
                self.coverage,
                self.gaps_opened,
                self.gaps_closed,
            )
        )


def diff_portfolios(
    base: Portfolio,
    head: Portfolio,
    *,
    base_label: str,
    head_label: str,
    min_initiatives: int | None = None,
) -> DiffReport:
    """Compare ``base`` with ``head``.

    Initiatives are added, removed, or changed (their set of focus areas differs;
    other fields are not coverage). Coverage lists every focus area whose rolled-up
    count differs. A gap (by the rules of ``find_gaps``, each side with its own
    per-area thresholds) is *opened* when it is a gap in ``head`` and was not in
    ``base`` (an area only in ``head`` that is a gap there counts), *closed* the
    other way round. Lists keep ``head``'s file order, then ``base``'s for what
    exists only there.
    """
    base_items = {item.id: item.focus_area_ids for item in base.initiatives}
    head_items = {item.id: item.focus_area_ids for item in head.initiatives}
    changed = []
    for item_id, after in head_items.items():
        before = base_items.get(item_id)
        if before is None or set(before) == set(after):
            continue
        changed.append(
            InitiativeChange(
                item_id,
                added=tuple(a for a in after if a not in before),
                removed=tuple(a for a in before if a not in after),
            )
        )

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
    base_gaps = [gap.focus_area for gap in find_gaps(base, min_initiatives).gaps]
    head_gaps = [gap.focus_area for gap in find_gaps(head, min_initiatives).gaps]
    head_order = {area_id: rank for rank, area_id in enumerate(head_areas)}
    base_order = {area_id: rank for rank, area_id in enumerate(base_areas)}

    names = {item.id: item.name for item in base.initiatives}
    names.update({item.id: item.name for item in head.initiatives})
    area_names = {area.id: area.name for area in base.focus_areas}
    area_names.update({area.id: area.name for area in head.focus_areas})
    return DiffReport(
        base=base_label,
        head=head_label,
        min_initiatives=min_initiatives_in_force(head, min_initiatives),
        initiatives_added=tuple(i for i in head_items if i not in base_items),
        initiatives_removed=tuple(i for i in base_items if i not in head_items),
        initiatives_changed=tuple(changed),
        focus_areas_added=tuple(a for a in head_areas if a not in base_areas),
        focus_areas_removed=tuple(a for a in base_areas if a not in head_areas),
        coverage=tuple(coverage),
        gaps_opened=tuple(sorted(set(head_gaps) - set(base_gaps), key=head_order.__getitem__)),
        gaps_closed=tuple(sorted(set(base_gaps) - set(head_gaps), key=base_order.__getitem__)),
        names=names,
        area_names=area_names,
        base_title=base.title,
        head_title=head.title,
    )
