"""Hand-made datasets for tests: focus areas, initiatives and portfolios in one line each."""

from __future__ import annotations

from collections.abc import Iterable

from gapcheck.graph import Portfolio
from gapcheck.model import Dataset, FocusArea, FocusRef, Initiative


def area(
    area_id: str,
    *,
    parent: str | None = None,
    min_initiatives: int | None = None,
    name: str | None = None,
) -> FocusArea:
    return FocusArea(
        id=area_id,
        name=name if name is not None else f"Area {area_id}",
        parent=parent,
        min_initiatives=min_initiatives,
    )


def initiative(
    initiative_id: str,
    *area_ids: str,
    start: int | None = None,
    end: int | None = None,
    name: str | None = None,
    owner: str | None = None,
    notes: dict[str, str] | None = None,
) -> Initiative:
    notes = notes or {}
    return Initiative(
        id=initiative_id,
        name=name if name is not None else f"Initiative {initiative_id}",
        owner=owner,
        start=start,
        end=end,
        focus_areas=[FocusRef(id=area_id, note=notes.get(area_id)) for area_id in area_ids],
    )


def dataset(
    areas: Iterable[FocusArea], initiatives: Iterable[Initiative], label: str = "test"
) -> Dataset:
    return Dataset(label=label, focus_areas=tuple(areas), initiatives=tuple(initiatives))


def portfolio(
    areas: Iterable[FocusArea],
    initiatives: Iterable[Initiative],
    *,
    at: int | None = None,
    label: str = "test",
) -> Portfolio:
    return Portfolio(dataset(areas, initiatives, label), at=at)
