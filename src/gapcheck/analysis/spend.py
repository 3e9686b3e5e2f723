"""Money: what the portfolio spends per focus area, per owner and per year.

Amounts are :class:`~decimal.Decimal` in the data; here every budget is split in
whole minor units of the currency (øre, cents) so that the totals add up exactly:
the money per focus area (direct) plus the unallocated money equals the sum of the
budgets, in every year. Rounding is the renderers' business, never this module's.

The rules (see ``docs/data-format.md``):

- An initiative spends in year Y when it is active in Y: its single ``budget`` in
  every active year, or its amount for Y when ``budget`` is a mapping of years.
- A mark with a ``share`` gets ``floor(amount * share)`` minor units; the marks
  without a share split the rest evenly, the remainder of that division going to
  the first of them in file order. When every mark has a share and the shares add
  up to exactly 1, the units lost to rounding go to the first mark; money no mark
  takes is *unallocated*.
- *Crowded spend* (the money a crowded area uses twice): in each year counted and
  for each focus area crowded in that year (direct marks, as ``overlaps`` judges
  them), the spend of every initiative on it except the largest single spender.
- *Identical spend* (the money of identical initiatives): in each year counted, the
  initiatives active that year that list exactly the same focus areas (at least one)
  form a group; of each group of two or more, the budgets of all but the largest
  (the rule of ``overlaps``' identical groups, in money).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from gapcheck.analysis.coverage import (
    DEFAULT_MAX_SHARE,
    CoverageMatrix,
    InitiativeCoverage,
    coverage_matrix,
)
from gapcheck.contract import Entry
from gapcheck.model import Dataset, Initiative, minor_unit
from gapcheck.selection import named

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio


@dataclass(frozen=True, slots=True)
class AreaSpend:
    """The money of one focus area over the years counted."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("focus_area", "name", "direct", "rolled_up", "initiatives", "crowded_years"),
        *("crowded_spend", "unfunded"),
    )

    focus_area: str
    name: str
    direct: Decimal  # on marks of this area itself
    rolled_up: Decimal  # on this area and all its descendants
    initiatives: tuple[str, ...]  # the initiatives counted that list it, file order
    crowded_spend: Decimal  # all but the largest spender, in the years it is crowded
    crowded_years: tuple[int | None, ...]  # the years counted in which it is crowded

    @property
    def unfunded(self) -> bool:
        """Initiatives serve it, but no money reaches it."""
        return bool(self.initiatives) and not self.direct


@dataclass(frozen=True, slots=True)
class OwnerSpend:
    """The money of the initiatives of one owner.

    ``owner`` is the id of an entry of ``owners:``, or the plain text of ``owner:``;
    ``None`` groups the initiatives without an owner.
    """

    JSON: ClassVar[tuple[Entry, ...]] = ("owner", "name", "level", "initiatives", "spend")

    owner: str | None
    name: str
    level: str | None
    initiatives: tuple[str, ...]
    spend: Decimal


@dataclass(frozen=True, slots=True)
class YearSpend:
    """One year's money: the total, each focus area's direct money, the unallocated."""

    year: int | None
    total: Decimal
    areas: tuple[Decimal, ...]  # in the order of SpendReport.areas
    unallocated: Decimal


@dataclass(frozen=True, slots=True)
class InitiativeSpend:
    """One initiative's money over the years counted, and where it goes."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        ("initiative", "id"),
        *("name", "owner", "spend"),
        ("focus_areas", lambda item, report: dict(item.allocation)),
    )

    id: str
    name: str
    owner: str | None
    spend: Decimal
    allocation: tuple[tuple[str, Decimal], ...]  # (focus area, money), in mark order


@dataclass(frozen=True)
class SpendReport:
    """Money per focus area, owner and year (``gapcheck spend``).

    ``years`` are the years counted, in order; ``(None,)`` for data without years,
    counted once. Every amount has exactly ``minor_unit`` decimals.
    """

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "currency", "minor_unit", "years", "max_share", "total"),
        *("unallocated", "crowded_spend", "identical_spend", "identical_groups"),
        ("focus_areas", "areas"),
        "owners",
        ("years_spend", lambda report, parent: _years_spend(report)),
        *("initiatives", "unfunded", "unbudgeted"),
    )

    data: str
    title: str | None
    currency: str | None
    minor_unit: int
    years: tuple[int | None, ...]
    max_share: float
    total: Decimal
    unallocated: Decimal
    crowded_spend: Decimal
    areas: tuple[AreaSpend, ...]
    owners: tuple[OwnerSpend, ...]
    per_year: tuple[YearSpend, ...]
    initiatives: tuple[InitiativeSpend, ...]
    unbudgeted: tuple[str, ...]  # initiatives counted without a budget
    #: All but the largest budget of each group of identical initiatives, per year.
    identical_spend: Decimal = Decimal(0)
    #: The groups of identical initiatives (ids, file order) in any year counted.
    identical_groups: tuple[tuple[str, ...], ...] = ()
    area_names: Mapping[str, str] = field(default_factory=dict)
    has_tree: bool = False

    @property
    def unfunded(self) -> tuple[str, ...]:
        """Focus areas that initiatives serve but no money reaches, file order."""
        return tuple(area.focus_area for area in self.areas if area.unfunded)

    @property
    def crowded(self) -> tuple[str, ...]:
        """Focus areas crowded in at least one year counted, file order."""
        return tuple(area.focus_area for area in self.areas if area.crowded_years)


def has_budgets(dataset: Dataset) -> bool:
    """The data speaks of money: a ``currency:``, or a ``budget`` on some initiative."""
    return dataset.currency is not None or any(
        item.budget is not None for item in dataset.initiatives
    )


def year_spend(portfolio: Portfolio, *, max_share: float | None = None) -> SpendReport | None:
    """The money of ``portfolio`` in its year (``at``; data without years counted once),
    or ``None`` when the data has no budgets. For the judgements (whatif, critical,
    summary), which say money only where the data has it."""
    if not has_budgets(portfolio.dataset):
        return None
    years = None if portfolio.at is None else [portfolio.at]
    return spend(portfolio.dataset, years, max_share=max_share)


def to_minor(amount: Decimal, decimals: int) -> int:
    """``amount`` in whole minor units (exact for amounts the loader accepts)."""
    return int(amount.scaleb(decimals).to_integral_value())


def from_minor(units: int, decimals: int) -> Decimal:
    """Minor units back as an exact amount with ``decimals`` decimals."""
    return Decimal(units).scaleb(-decimals)


def allocate(item: Initiative, units: int) -> tuple[dict[str, int], int]:
    """Split ``units`` (minor units) over ``item``'s marks: (per focus area, unallocated).

    Each focus area's first mark counts (a repeated reference counts once).
    """
    marks: dict[str, Decimal | None] = {}
    for ref in item.focus_areas:
        marks.setdefault(ref.id, ref.share)
    if not marks:
        return {}, units
    parts = {
        area_id: int(units * share // 1) if share is not None else 0
        for area_id, share in marks.items()
    }
    unshared = [area_id for area_id, share in marks.items() if share is None]
    rest = units - sum(parts.values())
    if unshared:
        each, extra = divmod(rest, len(unshared))
        for area_id in unshared:
            parts[area_id] = each
        parts[unshared[0]] += extra
        return parts, 0
    if sum(share for share in marks.values() if share is not None) == 1:
        parts[next(iter(marks))] += rest
        return parts, 0
    return parts, rest


def spend(
    dataset: Dataset,
    years: Sequence[int] | None = None,
    *,
    max_share: float | None = None,
) -> SpendReport:
    """The money of ``dataset`` in ``years`` (``None``: data without years, counted once).

    ``max_share`` is the crowded threshold (default: the data's ``thresholds:``, else
    0.5), as in ``gapcheck overlaps``.
    """
    share_limit = max_share
    if share_limit is None:
        share_limit = dataset.thresholds.max_share
    if share_limit is None:
        share_limit = DEFAULT_MAX_SHARE
    counted: tuple[int | None, ...] = (None,) if years is None else tuple(years)
    decimals = minor_unit(dataset.currency)
    areas = dataset.focus_areas
    index = {area.id: position for position, area in enumerate(areas)}
    direct_total = [0] * len(areas)
    crowded_total = [0] * len(areas)
    crowded_years: list[list[int | None]] = [[] for _ in areas]
    per_item: dict[str, int] = {}
    per_item_area: dict[str, dict[str, int]] = {}
    members: list[dict[str, None]] = [{} for _ in areas]
    per_year = []
    unallocated_total = 0
    identical_total = 0
    identical_groups: dict[tuple[str, ...], None] = {}
    for year in counted:
        active = [item for item in dataset.initiatives if year is None or item.active_in(year)]
        year_areas = [0] * len(areas)
        spenders: list[list[int]] = [[] for _ in areas]
        listed = [0] * len(areas)
        year_total = year_unallocated = 0
        for item in active:
            units = to_minor(item.budget_in(year), decimals)
            parts, rest = allocate(item, units)
            per_item[item.id] = per_item.get(item.id, 0) + units
            into = per_item_area.setdefault(item.id, {})
            year_total += units
            year_unallocated += rest
            for area_id in item.focus_area_ids:
                position = index[area_id]
                members[position][item.id] = None
                listed[position] += 1
                amount = parts.get(area_id, 0)
                year_areas[position] += amount
                spenders[position].append(amount)
                into[area_id] = into.get(area_id, 0) + amount
        for position in range(len(areas)):
            direct_total[position] += year_areas[position]
            # The rule of ``overlaps``: more than max_share of the initiatives counted.
            if active and listed[position] / len(active) > share_limit:
                crowded_years[position].append(year)
                amounts = spenders[position]
                crowded_total[position] += sum(amounts) - max(amounts)
        unallocated_total += year_unallocated
        twice, groups = _identical(active, year, decimals)
        identical_total += twice
        identical_groups.update(dict.fromkeys(groups))
        per_year.append(
            YearSpend(
                year,
                from_minor(year_total, decimals),
                tuple(from_minor(units, decimals) for units in year_areas),
                from_minor(year_unallocated, decimals),
            )
        )
    rolled = _roll_up(dataset, direct_total)
    order = {item.id: rank for rank, item in enumerate(dataset.initiatives)}
    area_results = tuple(
        AreaSpend(
            area.id,
            area.name,
            from_minor(direct_total[position], decimals),
            from_minor(rolled[position], decimals),
            tuple(sorted(members[position], key=order.__getitem__)),
            from_minor(crowded_total[position], decimals),
            tuple(crowded_years[position]),
        )
        for position, area in enumerate(areas)
    )
    counted_items = [item for item in dataset.initiatives if item.id in per_item]
    initiatives = tuple(
        InitiativeSpend(
            item.id,
            item.name,
            item.owner,
            from_minor(per_item[item.id], decimals),
            tuple(
                (area_id, from_minor(units, decimals))
                for area_id, units in per_item_area[item.id].items()
            ),
        )
        for item in counted_items
    )
    return SpendReport(
        **named(dataset),
        currency=dataset.currency,
        minor_unit=decimals,
        years=counted,
        max_share=share_limit,
        total=from_minor(sum(per_item.values()), decimals),
        unallocated=from_minor(unallocated_total, decimals),
        crowded_spend=from_minor(sum(crowded_total), decimals),
        areas=area_results,
        owners=_owners(dataset, counted_items, per_item, decimals),
        per_year=tuple(per_year),
        initiatives=initiatives,
        unbudgeted=tuple(item.id for item in counted_items if item.budget is None),
        identical_spend=from_minor(identical_total, decimals),
        identical_groups=tuple(identical_groups),
        area_names={area.id: area.name for area in areas},
        has_tree=any(area.parent is not None for area in areas),
    )


def _identical(
    active: Sequence[Initiative], year: int | None, decimals: int
) -> tuple[int, list[tuple[str, ...]]]:
    """The money of identical initiatives in one year (minor units): in each group of
    initiatives listing the same focus areas, every budget but the largest; and the groups."""
    groups: dict[frozenset[str], list[Initiative]] = {}
    for item in active:
        areas = frozenset(item.focus_area_ids)
        if areas:
            groups.setdefault(areas, []).append(item)
    units = 0
    found = []
    for members in groups.values():
        if len(members) > 1:
            amounts = [to_minor(item.budget_in(year), decimals) for item in members]
            units += sum(amounts) - max(amounts)
            found.append(tuple(item.id for item in members))
    return units, found


def _roll_up(dataset: Dataset, direct: list[int]) -> list[int]:
    """Each area's money plus its descendants' (each mark's money counted once)."""
    index = {area.id: position for position, area in enumerate(dataset.focus_areas)}
    parent = [
        None if area.parent is None else index.get(area.parent) for area in dataset.focus_areas
    ]
    rolled = list(direct)
    for position, units in enumerate(direct):
        if not units:
            continue
        seen = {position}
        up = parent[position]
        while up is not None and up not in seen:  # the loader refuses cycles; be safe
            seen.add(up)
            rolled[up] += units
            up = parent[up]
    return rolled


def _owners(
    dataset: Dataset, items: Iterable[Initiative], per_item: Mapping[str, int], decimals: int
) -> tuple[OwnerSpend, ...]:
    groups: dict[str | None, list[Initiative]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)
    entries = {owner.id: owner for owner in dataset.owners}
    result = []
    for key, members in groups.items():
        entry = entries.get(key) if key is not None else None
        result.append(
            OwnerSpend(
                key,
                entry.name if entry is not None else (key or ""),
                entry.level if entry is not None else None,
                tuple(item.id for item in members),
                from_minor(sum(per_item[item.id] for item in members), decimals),
            )
        )
    # Most money first; owners with equal money in the order they first appear.
    # No owner last. (The sort is stable: equal money keeps the order of appearance.)
    result.sort(key=lambda owner: (owner.owner is None, -owner.spend))
    return tuple(result)


def owner_matrix(portfolio: Portfolio) -> CoverageMatrix:
    """The coverage matrix with owners as rows (``matrix --by owner``).

    An owner's row holds the focus areas of all its initiatives (first seen first);
    a focus area's ``direct`` and ``initiatives`` hold owners instead of
    initiatives (the owners of its direct initiatives, and of its rolled-up ones).
    Initiatives without an owner are left out.
    """
    matrix = coverage_matrix(portfolio)
    dataset = portfolio.dataset
    owner_of = {item.id: item.owner for item in portfolio.initiatives if item.owner}
    rows: dict[str, dict[str, None]] = {}
    for item in portfolio.initiatives:
        if item.owner:
            rows.setdefault(item.owner, {}).update(dict.fromkeys(item.focus_area_ids))
    names = {owner.id: owner.name for owner in dataset.owners}

    def owners(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(owner_of[i] for i in ids if i in owner_of))

    return dataclasses.replace(
        matrix,
        focus_areas=tuple(
            dataclasses.replace(
                area, direct=owners(area.direct), initiatives=owners(area.initiatives)
            )
            for area in matrix.focus_areas
        ),
        initiatives=tuple(
            InitiativeCoverage(key, names.get(key, key), tuple(areas))
            for key, areas in rows.items()
        ),
        by="owner",
    )


def _years_spend(report: SpendReport) -> list[dict[str, object]]:
    """The JSON contract's spend per year: the money per focus area keyed by its id."""
    return [
        {
            "year": year.year,
            "total": year.total,
            "unallocated": year.unallocated,
            "focus_areas": {
                area.focus_area: value for area, value in zip(report.areas, year.areas, strict=True)
            },
        }
        for year in report.per_year
    ]
