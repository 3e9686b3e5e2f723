"""Gaps grouped by a focus-area attribute (``gapcheck gaps --by platforms``).

Each value of the attribute, over the focus areas looked at: how many areas have it,
and how many of those are uncovered, weak or thin. An area with several values (a
technique on Windows and Linux) counts under each.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from gapcheck.contract import SELECTED, Entry

if TYPE_CHECKING:
    from gapcheck.analysis.coverage import GapReport
    from gapcheck.graph import Portfolio


@dataclass(frozen=True, slots=True)
class GapGroup:
    """One value of the attribute: its focus areas and their gaps by kind."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        "value",
        "focus_areas",
        "uncovered",
        "weak",
        "thin",
        "gaps",
    )

    value: str
    focus_areas: int
    uncovered: int
    weak: int
    thin: int

    @property
    def gaps(self) -> int:
        return self.uncovered + self.weak + self.thin


def group_gaps(report: GapReport, portfolio: Portfolio, key: str) -> GapReport:
    """``report`` with ``by`` (``key``) and ``groups``: most gaps first, then the order the
    values are first met in the focus areas. ``key`` is an attribute name (any case)."""
    from gapcheck.selection import values_of

    kinds = {gap.focus_area: gap.kind for gap in report.gaps}
    seen: dict[str, str] = {}  # folded value -> the value as first written
    counts: dict[str, dict[str, int]] = {}
    for area in portfolio.focus_areas:
        for value in dict.fromkeys(values_of(area, key)):
            folded = value.casefold()
            seen.setdefault(folded, value)
            tally = counts.setdefault(folded, {"areas": 0, "uncovered": 0, "weak": 0, "thin": 0})
            tally["areas"] += 1
            kind = kinds.get(area.id)
            if kind is not None:
                tally[kind] += 1
    groups = [
        GapGroup(seen[v], c["areas"], c["uncovered"], c["weak"], c["thin"])
        for v, c in counts.items()
    ]
    order = {v: i for i, v in enumerate(counts)}
    groups.sort(key=lambda g: (-g.gaps, order[g.value.casefold()]))
    return dataclasses.replace(report, by=key, groups=tuple(groups))


@dataclass(frozen=True, slots=True)
class PlacedArea:
    """A focus area under one value (a technique under a tactic): its qualifying
    initiatives and its gap kind (None when covered)."""

    id: str
    name: str
    parent: str | None
    initiatives: tuple[str, ...]
    gap: str | None


@dataclass(frozen=True, slots=True)
class Column:
    """One value of the attribute (a tactic) and its focus areas, in file order."""

    JSON: ClassVar[tuple[Entry, ...]] = ("value", "focus_areas")

    value: str
    focus_areas: tuple[PlacedArea, ...]

    @property
    def covered(self) -> int:
        return sum(1 for area in self.focus_areas if area.initiatives)


@dataclass(frozen=True, slots=True)
class AttributeMatrix:
    """``matrix --by KEY``: focus areas laid out under the values of their attribute KEY,
    as ATT&CK's Navigator lays techniques out under tactics. Columns follow the
    catalogue's order for KEY (``catalogue: order``), else the order first met."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "by", "columns", "without"),
        *SELECTED,
    )

    data: str
    title: str | None
    at: int | None
    by: str
    columns: tuple[Column, ...]
    #: Focus areas without the attribute (not in any column).
    without: tuple[str, ...] = ()
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    show_ids: bool = False


def attribute_matrix(
    portfolio: Portfolio, key: str, min_initiatives: int | None = None
) -> AttributeMatrix:
    """The focus areas under each value of their attribute ``key`` (see AttributeMatrix)."""
    from gapcheck.analysis.coverage import qualifying
    from gapcheck.analysis.gaps import find_gaps
    from gapcheck.selection import about, values_of

    kinds = {gap.focus_area: gap.kind for gap in find_gaps(portfolio, min_initiatives).gaps}
    catalogue = portfolio.dataset.catalogue
    order = [] if catalogue is None or catalogue.order is None else catalogue.order.get(key, [])
    columns: dict[str, list[PlacedArea]] = {value.casefold(): [] for value in order}
    shown = {value.casefold(): value for value in order}
    without = []
    for area in portfolio.focus_areas:
        values = dict.fromkeys(values_of(area, key))
        if not values:
            without.append(area.id)
        placed = PlacedArea(
            area.id, area.name, area.parent, qualifying(portfolio, area), kinds.get(area.id)
        )
        for value in values:
            shown.setdefault(value.casefold(), value)
            columns.setdefault(value.casefold(), []).append(placed)
    return AttributeMatrix(
        **about(portfolio),
        by=key,
        columns=tuple(
            Column(shown[folded], tuple(areas)) for folded, areas in columns.items() if areas
        ),
        without=tuple(without),
    )
