"""A :class:`~gapcheck.model.Dataset` as the two YAML files (``import`` of a workbook)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gapcheck.model import DEFAULT_PRIORITY, DEFAULT_STRENGTH, Dataset


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Without empty values, amounts as YAML numbers."""
    return {
        key: _number(value) if isinstance(value, Decimal) else value
        for key, value in values.items()
        if value is not None
    }


def to_values(dataset: Dataset) -> tuple[dict[str, Any], dict[str, Any]]:
    """The values of focus_areas.yaml and initiatives.yaml that hold ``dataset``."""
    areas: dict[str, Any] = {}
    if dataset.title is not None:
        areas["title"] = dataset.title
    if dataset.as_of is not None:
        areas["as_of"] = dataset.as_of
    thresholds = _plain(dataset.thresholds.model_dump())
    if thresholds:
        areas["thresholds"] = thresholds
    entries = []
    for area in dataset.focus_areas:
        entry = _plain(area.model_dump(exclude={"accepted"}))
        if entry.get("priority") == DEFAULT_PRIORITY:
            del entry["priority"]
        if area.accepted is not None:
            entry["accepted"] = _plain(area.accepted.model_dump())
        entries.append(entry)
    areas["focus_areas"] = entries
    items: dict[str, Any] = {}
    if dataset.currency is not None:
        items["currency"] = dataset.currency
    if dataset.owners:
        items["owners"] = [_plain(owner.model_dump()) for owner in dataset.owners]
    rows = []
    for item in dataset.initiatives:
        row = _plain(item.model_dump(exclude={"focus_areas", "budget"}))
        if isinstance(item.budget, dict):
            row["budget"] = {year: _number(amount) for year, amount in item.budget.items()}
        elif item.budget is not None:
            row["budget"] = _number(item.budget)
        marks: list[Any] = []
        for ref in item.focus_areas:
            mark = _plain({"id": ref.id, "note": ref.note, "share": ref.share})
            if ref.strength != DEFAULT_STRENGTH:
                mark["strength"] = ref.strength
            marks.append(mark if len(mark) > 1 else ref.id)
        row["focus_areas"] = marks
        rows.append(row)
    items["initiatives"] = rows
    return areas, items


def to_yaml(dataset: Dataset, header: str) -> tuple[str, str]:
    """focus_areas.yaml and initiatives.yaml, each starting with the comment ``header``."""
    import yaml

    def dump(value: object) -> str:
        return header + yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    areas, items = to_values(dataset)
    return dump(areas), dump(items)
