"""Hand-made datasets for tests: focus areas, initiatives and portfolios in one line each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from gapcheck.graph import Portfolio
from gapcheck.model import Acceptance, Dataset, FocusArea, FocusRef, Initiative, Thresholds


def area(
    area_id: str,
    *,
    parent: str | None = None,
    min_initiatives: int | None = None,
    name: str | None = None,
    min_strength: Any = None,
    priority: int = 3,
    accepted_until: datetime.date | None = None,
    reason: str = "Known",
) -> FocusArea:
    return FocusArea(
        id=area_id,
        name=name if name is not None else f"Area {area_id}",
        parent=parent,
        min_initiatives=min_initiatives,
        min_strength=min_strength,
        priority=priority,
        accepted=None
        if accepted_until is None
        else Acceptance(reason=reason, by=None, until=accepted_until),
    )


def initiative(
    initiative_id: str,
    *area_ids: str,
    start: int | None = None,
    end: int | None = None,
    name: str | None = None,
    owner: str | None = None,
    notes: dict[str, str] | None = None,
    strengths: dict[str, Any] | None = None,
) -> Initiative:
    notes = notes or {}
    strengths = strengths or {}
    return Initiative(
        id=initiative_id,
        name=name if name is not None else f"Initiative {initiative_id}",
        owner=owner,
        start=start,
        end=end,
        focus_areas=[
            FocusRef(
                id=area_id, note=notes.get(area_id), strength=strengths.get(area_id, "significant")
            )
            for area_id in area_ids
        ],
    )


def dataset(
    areas: Iterable[FocusArea],
    initiatives: Iterable[Initiative],
    label: str = "test",
    thresholds: Thresholds | None = None,
) -> Dataset:
    return Dataset(
        label=label,
        focus_areas=tuple(areas),
        initiatives=tuple(initiatives),
        thresholds=thresholds or Thresholds(),
    )


def portfolio(
    areas: Iterable[FocusArea],
    initiatives: Iterable[Initiative],
    *,
    at: int | None = None,
    label: str = "test",
    thresholds: Thresholds | None = None,
) -> Portfolio:
    return Portfolio(dataset(areas, initiatives, label, thresholds), at=at)
