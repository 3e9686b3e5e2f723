"""JSON renderings: the stable contract documented in ``docs/json.md``.

Each ``*_to_dict`` function is the contract for one result type; keys are only
ever added, never renamed or removed. Floats are rounded to 4 decimals.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gapcheck.analysis import (
    CoverageMatrix,
    CriticalReport,
    DiffReport,
    ExpiringAcceptance,
    FieldChange,
    GapReport,
    OverlapReport,
    PortfolioSummary,
    SpendReport,
    Timeline,
    WhatIfReport,
)
from gapcheck.analysis.compare import Comparison
from gapcheck.analysis.grouping import AttributeMatrix
from gapcheck.diagnostics import ValidationReport
from gapcheck.render import safe


def matrix_to_dict(result: CoverageMatrix) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "focus_areas": [
            {
                "id": area.id,
                "name": area.name,
                "parent": area.parent,
                "direct": list(area.direct),
                "initiatives": list(area.initiatives),
                "url": area.url,
                "attributes": attributes_to_dict(area.attributes),
            }
            for area in result.focus_areas
        ],
        "initiatives": [
            {
                "id": item.id,
                "name": item.name,
                "focus_areas": list(item.focus_areas),
                "url": item.url,
                "attributes": attributes_to_dict(item.attributes),
            }
            for item in result.initiatives
        ],
        "by": result.by,
    }


def attributes_to_dict(attributes: Mapping[str, str | tuple[str, ...]]) -> dict[str, Any]:
    """Attributes as JSON: each a text or a list of texts, as written."""
    return {
        key: value if isinstance(value, str) else list(value) for key, value in attributes.items()
    }


def gaps_to_dict(result: GapReport) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "min_initiatives": result.min_initiatives,
        "gaps": [
            {
                "focus_area": gap.focus_area,
                "name": gap.name,
                "kind": gap.kind,
                "count": gap.count,
                "threshold": gap.threshold,
                "initiatives": list(gap.initiatives),
                "priority": gap.priority,
                "shortfall": gap.shortfall,
                "min_strength": gap.min_strength,
                "below_strength": list(gap.below_strength),
                "accepted": None
                if gap.accepted is None
                else {
                    "reason": gap.accepted.reason,
                    "by": gap.accepted.by,
                    "until": gap.accepted.until.isoformat(),
                    "expired": gap.accepted.expired,
                },
                "fails": gap.fails,
                "spend": None if result.spend is None else _money(result.spend[gap.focus_area]),
            }
            for gap in result.gaps
        ],
        "orphans": list(result.orphans),
        "today": None if result.today is None else result.today.isoformat(),
        "currency": result.currency,
        **(
            {}
            if result.by is None
            else {
                "by": [
                    {
                        "value": group.value,
                        "focus_areas": group.focus_areas,
                        "uncovered": group.uncovered,
                        "weak": group.weak,
                        "thin": group.thin,
                        "gaps": group.gaps,
                    }
                    for group in result.groups
                ],
                "by_key": result.by,
            }
        ),
    }


def overlaps_to_dict(result: OverlapReport) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "max_share": result.max_share,
        "crowded": [
            {
                "focus_area": area.focus_area,
                "name": area.name,
                "count": area.count,
                "share": round(area.share, 4),
                "initiatives": list(area.initiatives),
            }
            for area in result.crowded
        ],
        "identical": [
            {"focus_areas": list(group.focus_areas), "initiatives": list(group.initiatives)}
            for group in result.identical
        ],
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "shared": list(pair.shared),
                "jaccard": round(pair.jaccard, 4),
            }
            for pair in result.pairs
        ],
        "pair_count": result.pair_count,
        "truncated": result.truncated,
        "has_owners": result.has_owners,
        "coordination": [
            {
                "focus_area": area.focus_area,
                "name": area.name,
                "owners": _owners(area.owners, result.owner_names),
                "initiatives": list(area.initiatives),
            }
            for area in result.coordination
        ],
        "identical_owners": [
            {
                "focus_areas": list(group.focus_areas),
                "owners": _owners(group.owners, result.owner_names),
            }
            for group in result.identical_owners
        ],
    }


def _owners(ids: tuple[str, ...], names: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"id": owner, "name": names.get(owner, owner)} for owner in ids]


def timeline_to_dict(result: Timeline) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "years": list(result.years),
        "clipped_from": None if result.clipped_from is None else list(result.clipped_from),
        "min_initiatives": result.min_initiatives,
        "focus_areas": [
            {
                "id": area.id,
                "name": area.name,
                "threshold": area.threshold,
                "counts": list(area.counts),
            }
            for area in result.focus_areas
        ],
    }


def _fields(changes: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [{"field": c.field, "before": c.before, "after": c.after} for c in changes]


def diff_to_dict(result: DiffReport) -> dict[str, Any]:
    return {
        "base": result.base,
        "head": result.head,
        "at": result.at,
        "base_title": result.base_title,
        "head_title": result.head_title,
        "min_initiatives": result.min_initiatives,
        "initiatives": {
            "added": list(result.initiatives_added),
            "removed": list(result.initiatives_removed),
            "started": list(result.initiatives_started),
            "ended": list(result.initiatives_ended),
            "changed": [
                {
                    "id": change.id,
                    "added": list(change.added),
                    "removed": list(change.removed),
                    "fields": _fields(change.fields),
                }
                for change in result.initiatives_changed
            ],
        },
        "focus_areas": {
            "added": list(result.focus_areas_added),
            "removed": list(result.focus_areas_removed),
            "changed": [
                {"id": change.id, "fields": _fields(change.fields)}
                for change in result.focus_areas_changed
            ],
        },
        "thresholds": _fields(result.thresholds),
        "coverage": [
            {"focus_area": change.focus_area, "before": change.before, "after": change.after}
            for change in result.coverage
        ],
        "gaps": {
            "opened": list(result.gaps_opened),
            "closed": list(result.gaps_closed),
            "opened_accepted": list(result.gaps_opened_accepted),
            "worsened": [
                {
                    "focus_area": gap.focus_area,
                    "kind_before": gap.kind_before,
                    "kind_after": gap.kind_after,
                    "count_before": gap.count_before,
                    "count_after": gap.count_after,
                    "threshold": gap.threshold,
                }
                for gap in result.gaps_worsened
            ],
            "worsened_accepted": list(result.gaps_worsened_accepted),
        },
        "currency": result.currency,
        "spend": None
        if not result.has_budgets
        else {
            "before": _maybe_money(result.spend_before),
            "after": _maybe_money(result.spend_after),
            "focus_areas": [
                {
                    "focus_area": change.focus_area,
                    "name": change.name,
                    "before": _maybe_money(change.before),
                    "after": _maybe_money(change.after),
                }
                for change in result.spend
            ],
        },
    }


def validation_to_dict(result: ValidationReport) -> dict[str, Any]:
    return {
        "data": result.data,
        "valid": result.valid,
        "problems": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "code": d.code.value,
                "severity": d.severity.value,
                "message": d.message,
                "hint": d.hint,
            }
            for d in result.diagnostics
        ],
    }


def compare_to_dict(result: Comparison) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "a": result.a,
        "b": result.b,
        "a_initiatives": result.a_initiatives,
        "b_initiatives": result.b_initiatives,
        "counts": dict(result.counts),
        "focus_areas": [
            {
                "id": area.id,
                "name": area.name,
                "parent": area.parent,
                "served": area.served,
                "a": list(area.a),
                "b": list(area.b),
            }
            for area in result.focus_areas
        ],
    }


def attribute_matrix_to_dict(result: AttributeMatrix) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "by": result.by,
        "columns": [
            {
                "value": column.value,
                "focus_areas": [
                    {
                        "id": area.id,
                        "name": area.name,
                        "parent": area.parent,
                        "initiatives": list(area.initiatives),
                        "gap": area.gap,
                    }
                    for area in column.focus_areas
                ],
            }
            for column in result.columns
        ],
        "without": list(result.without),
    }


_CONTRACTS: dict[type, Any] = {
    Comparison: compare_to_dict,
    AttributeMatrix: attribute_matrix_to_dict,
    CoverageMatrix: matrix_to_dict,
    GapReport: gaps_to_dict,
    OverlapReport: overlaps_to_dict,
    Timeline: timeline_to_dict,
    DiffReport: diff_to_dict,
    ValidationReport: validation_to_dict,
}


def to_dict(result: Any) -> dict[str, Any]:
    """The JSON contract of ``result`` as plain Python data."""
    convert = _CONTRACTS.get(type(result))
    if convert is None:
        raise TypeError(f"no JSON rendering for {type(result).__name__}")
    data: dict[str, Any] = convert(result)
    if hasattr(result, "rollup"):  # what was counted: the roll-up policy, the conditions
        data["rollup"] = result.rollup
        data["where"] = list(result.where)
        data["where_initiative"] = list(result.where_initiative)
    return data


def render(result: Any) -> str:
    """The contract as JSON text, safe to print: see :func:`gapcheck.render.safe.json_text`."""
    return safe.json_text(json.dumps(to_dict(result), ensure_ascii=False, indent=2)) + "\n"


def whatif_to_dict(result: WhatIfReport) -> dict[str, Any]:
    return {
        "title": result.title,
        "at": result.at,
        "without": list(result.without),
        "orphaned": list(result.orphaned),
        "diff": diff_to_dict(result.diff),
        "currency": result.currency,
        "freed": _maybe_money(result.freed),
    }


def critical_to_dict(result: CriticalReport) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "min_initiatives": result.min_initiatives,
        "focus_areas": [
            {
                "focus_area": area.focus_area,
                "name": area.name,
                "priority": area.priority,
                "count": area.count,
                "threshold": area.threshold,
                "redundancy": area.redundancy,
            }
            for area in result.areas
        ],
        "critical": [
            {
                "initiative": item.id,
                "name": item.name,
                "priority": item.priority,
                "focus_areas": list(item.focus_areas),
                "sole": bool(item.sole),
                "sole_focus_areas": list(item.sole),
                "budget": _maybe_money(item.budget),
            }
            for item in result.critical
        ],
        "currency": result.currency,
    }


def summary_to_dict(result: PortfolioSummary) -> dict[str, Any]:
    def acceptance(entry: ExpiringAcceptance) -> dict[str, Any]:
        return {
            "focus_area": entry.focus_area,
            "name": entry.name,
            "until": entry.until.isoformat(),
            "reason": entry.reason,
            "expired": entry.expired,
        }

    return {
        "data": result.data,
        "title": result.title,
        "at": result.at,
        "today": None if result.today is None else result.today.isoformat(),
        "initiatives": result.initiatives,
        "focus_areas": result.focus_areas,
        "marks": result.marks,
        "covered_direct": result.covered_direct,
        "covered_rolled_up": result.covered_rolled_up,
        "gaps": dict(result.gaps),
        "crowded": result.crowded,
        "identical_groups": result.identical_groups,
        "critical_initiatives": result.critical_initiatives,
        "accepted": [acceptance(entry) for entry in result.accepted],
        "expiring": [acceptance(entry) for entry in result.expiring],
        "configurations": result.configurations,
        "shannon": round(result.shannon, 4),
        "gini_simpson": round(result.gini_simpson, 4),
        "evenness": None if result.evenness is None else round(result.evenness, 4),
        "currency": result.currency,
        "spend": _maybe_money(result.spend),
        "crowded_spend": _maybe_money(result.crowded_spend),
    }


_CONTRACTS.update(
    {
        WhatIfReport: whatif_to_dict,
        CriticalReport: critical_to_dict,
        PortfolioSummary: summary_to_dict,
    }
)


def _money(value: Decimal) -> str:
    """An amount as exact decimal text with the currency's minor unit: "4200000.00"."""
    return str(value)


def _maybe_money(value: Decimal | None) -> str | None:
    return None if value is None else _money(value)


def spend_to_dict(result: SpendReport) -> dict[str, Any]:
    return {
        "data": result.data,
        "title": result.title,
        "currency": result.currency,
        "minor_unit": result.minor_unit,
        "years": list(result.years),
        "max_share": result.max_share,
        "total": _money(result.total),
        "unallocated": _money(result.unallocated),
        "crowded_spend": _money(result.crowded_spend),
        "focus_areas": [
            {
                "focus_area": area.focus_area,
                "name": area.name,
                "direct": _money(area.direct),
                "rolled_up": _money(area.rolled_up),
                "initiatives": list(area.initiatives),
                "crowded_years": list(area.crowded_years),
                "crowded_spend": _money(area.crowded_spend),
                "unfunded": area.unfunded,
            }
            for area in result.areas
        ],
        "owners": [
            {
                "owner": owner.owner,
                "name": owner.name,
                "level": owner.level,
                "initiatives": list(owner.initiatives),
                "spend": _money(owner.spend),
            }
            for owner in result.owners
        ],
        "years_spend": [
            {
                "year": year.year,
                "total": _money(year.total),
                "unallocated": _money(year.unallocated),
                "focus_areas": {
                    area.focus_area: _money(value)
                    for area, value in zip(result.areas, year.areas, strict=True)
                },
            }
            for year in result.per_year
        ],
        "initiatives": [
            {
                "initiative": item.id,
                "name": item.name,
                "owner": item.owner,
                "spend": _money(item.spend),
                "focus_areas": {area_id: _money(value) for area_id, value in item.allocation},
            }
            for item in result.initiatives
        ],
        "unfunded": list(result.unfunded),
        "unbudgeted": list(result.unbudgeted),
    }


_CONTRACTS[SpendReport] = spend_to_dict
