"""Two portfolios over one catalogue, focus area by focus area (``gapcheck compare``).

Each focus area is served by both, only A, only B, or neither, counting each side's
qualifying initiatives (rolled up by the roll-up policy in force, at least the area's
``min_strength``), as ``gaps`` counts them. The two sides are two data directories
over the same focus areas, or one portfolio split by an initiative attribute or owner
(:func:`split`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from gapcheck.analysis.coverage import qualifying
from gapcheck.contract import SELECTED, Entry
from gapcheck.i18n import Said, Sentence
from gapcheck.model import Condition
from gapcheck.selection import matches, selection_fields, values_of

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset

Served = Literal["both", "only_a", "only_b", "neither"]
SERVED: tuple[Served, ...] = ("both", "only_a", "only_b", "neither")


@dataclass(frozen=True, slots=True)
class AreaComparison:
    """One focus area: the qualifying initiatives of each side, and what that makes it."""

    JSON: ClassVar[tuple[Entry, ...]] = ("id", "name", "parent", "served", "a", "b")

    id: str
    name: str
    parent: str | None
    a: tuple[str, ...]
    b: tuple[str, ...]

    @property
    def served(self) -> Served:
        if self.a and self.b:
            return "both"
        if self.a:
            return "only_a"
        return "only_b" if self.b else "neither"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per focus area, served by both sides, only A, only B or neither."""

    LIMITED: ClassVar[tuple[str, ...]] = ("focus_areas",)
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "a", "b", "a_initiatives", "b_initiatives", "counts"),
        "focus_areas",
        *SELECTED,
    )

    data: str
    title: str | None
    a: str  # how to name side A: a data directory, or KEY=VALUE of a split
    b: str
    at: int | None
    focus_areas: tuple[AreaComparison, ...]
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    show_ids: bool = False
    #: Each side's initiatives counted.
    a_initiatives: int = 0
    b_initiatives: int = 0
    #: How many focus areas are served by both, only A, only B, neither (all of them,
    #: also when ``focus_areas`` is cut to a limit).
    counts: Mapping[str, int] = field(default_factory=dict)


def tally(areas: tuple[AreaComparison, ...]) -> dict[str, int]:
    """How many of ``areas`` are served by both, only A, only B, neither."""
    found: dict[str, int] = dict.fromkeys(SERVED, 0)
    for area in areas:
        found[area.served] += 1
    return found


class NotComparable(Said, ValueError):
    """The two sides are not over one catalogue, or a split does not make two sides
    (a catalogue entry, ``compare.*``)."""


def compare_portfolios(a: Portfolio, b: Portfolio, *, a_label: str, b_label: str) -> Comparison:
    """Each focus area of ``a`` (the chosen ones) with the qualifying initiatives of both
    sides. Raises :class:`NotComparable` when the two have different focus areas."""
    ids_a = [area.id for area in a.dataset.focus_areas]
    ids_b = {area.id for area in b.dataset.focus_areas}
    if set(ids_a) != ids_b:
        only_a = [i for i in ids_a if i not in ids_b]
        only_b = sorted(ids_b - set(ids_a))
        raise NotComparable(
            "compare.not_one_catalogue",
            only_a=len(only_a),
            a=a_label,
            a_ids=f" ({', '.join(only_a[:3])})" if only_a else "",
            only_b=len(only_b),
            b=b_label,
            b_ids=f" ({', '.join(only_b[:3])})" if only_b else "",
        )
    b_areas = {area.id: area for area in b.dataset.focus_areas}
    rows = tuple(
        AreaComparison(
            area.id,
            area.name,
            area.parent,
            qualifying(a, area),
            qualifying(b, b_areas[area.id]),
        )
        for area in a.focus_areas
    )
    return Comparison(
        data=a.label,
        title=a.title,
        a=a_label,
        b=b_label,
        at=a.at,
        focus_areas=rows,
        a_initiatives=len(a.initiatives),
        b_initiatives=len(b.initiatives),
        counts=tally(rows),
        **selection_fields(a),
    )


def split_portfolio(dataset: Dataset, spec: str) -> tuple[tuple[str, Dataset], tuple[str, Dataset]]:
    """One portfolio as two sides: ``KEY`` whose initiatives take exactly two values
    (first seen is A), or ``KEY=VALUE`` (A) against the rest (B). ``KEY`` is an
    initiative attribute, or ``owner``, ``id`` or ``name``."""
    key, sep, value = spec.partition("=")
    key = key.strip().casefold()
    if not key or (sep and not value.strip()):
        raise NotComparable("compare.split_form", spec=repr(spec))
    if sep:
        wanted = Condition(key, value.strip())
        a_items = tuple(i for i in dataset.initiatives if matches(i, [wanted]))
        b_items = tuple(i for i in dataset.initiatives if not matches(i, [wanted]))
        a_label, b_label = str(wanted), f"not {wanted}"
    else:
        seen: dict[str, None] = {}
        for item in dataset.initiatives:
            seen.update(dict.fromkeys(v.casefold() for v in values_of(item, key)))
        if len(seen) != 2:
            shown = ", ".join(list(seen)[:5]) or Sentence("import.none")
            raise NotComparable("compare.split_values", key=key, count=len(seen), shown=shown)
        first, second = seen
        a_items = tuple(i for i in dataset.initiatives if matches(i, [Condition(key, first)]))
        b_items = tuple(i for i in dataset.initiatives if matches(i, [Condition(key, second)]))
        a_label, b_label = f"{key}={first}", f"{key}={second}"
    return (
        (a_label, dataclasses.replace(dataset, initiatives=a_items)),
        (b_label, dataclasses.replace(dataset, initiatives=b_items)),
    )
