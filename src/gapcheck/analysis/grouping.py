"""Gaps grouped by a focus-area attribute (``gapcheck gaps --by platforms``).

Each value of the attribute, over the focus areas looked at: how many areas have it,
and how many of those are uncovered, weak or thin. An area with several values (a
technique on Windows and Linux) counts under each.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.analysis.coverage import GapReport
    from gapcheck.graph import Portfolio


@dataclass(frozen=True, slots=True)
class GapGroup:
    """One value of the attribute: its focus areas and their gaps by kind."""

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
