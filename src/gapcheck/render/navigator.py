"""An ATT&CK Navigator layer (layer format 4.5, Navigator 5, ``enterprise-attack``).

Each focus area whose id is an ATT&CK technique id (``t1059`` or ``t1059.001``,
any case) or is mapped to one (``--id-map``) is a technique: score = the number of
qualifying initiatives (or, weighted, their strengths: significant 1, partial 0.5,
minimal 0.25), comment = their names (at most 500 characters, "... and N more"),
links = the technique's page and the initiatives' (``url:``), one entry per tactic
when the area has a ``tactics`` attribute. Gaps are coloured (uncovered red, weak or
thin orange, accepted grey; a weak technique's comment lists the rules below
strength); covered techniques are blue on a logarithmic scale, so that 1, 2 and 5
initiatives differ as visibly as 50 and 400. ``versions.attack`` is the catalogue's
(``catalogue: version``). ``diff`` writes the change between two versions: score =
after - before.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from gapcheck import __version__
from gapcheck.analysis.interchange import AreaRow, PortfolioExport
from gapcheck.render import safe

LAYER_VERSION = "4.5"
NAVIGATOR_VERSION = "5.1.0"
#: The longest comment (Navigator shows it in a tooltip).
MAX_COMMENT = 500
#: Covered techniques: the lightest blue (one initiative) to the darkest (the most).
LIGHT, DARK = (0xC6, 0xDB, 0xEF), (0x08, 0x30, 0x6B)
DOMAIN = "enterprise-attack"
TECHNIQUE = re.compile(r"^T\d{4}(\.\d{3})?$")
WEIGHTS = {"minimal": 0.25, "partial": 0.5, "significant": 1.0}
COLORS = {"uncovered": "#e60d0d", "weak": "#ff9f1c", "thin": "#ff9f1c", "accepted": "#b0b0b0"}


class UnmappedIds(ValueError):
    """Focus areas whose ids are no ATT&CK technique id and that --id-map does not map."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = ids


def technique_ids(areas: tuple[AreaRow, ...], id_map: Mapping[str, str]) -> dict[str, str]:
    """Each focus area's technique id; :class:`UnmappedIds` if any has none."""
    found: dict[str, str] = {}
    missing: list[str] = []
    for area in areas:
        technique = (id_map.get(area.id) or area.id).upper()
        if TECHNIQUE.match(technique):
            found[area.id] = technique
        else:
            missing.append(area.id)
    if missing:
        raise UnmappedIds(missing)
    return found


def _score(area: AreaRow, weighted: bool) -> float | int:
    if not weighted:
        return len(area.initiatives)
    return round(sum(WEIGHTS[strength] for _, strength in area.strengths), 2)


def _year(export: PortfolioExport) -> str:
    return "all years" if export.at is None else str(export.at)


def _as_of(export: PortfolioExport) -> str:
    return "every initiative counted" if export.at is None else f"as of {export.at}"


def comment(names: list[str], limit: int = MAX_COMMENT) -> str:
    """``names`` joined by "; ", at most ``limit`` characters: "...; and N more" when cut."""
    text = "; ".join(names)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        tail = f"; … and {rest} more" if rest else ""
        if len("; ".join([*kept, name])) + len(tail) > limit:
            break
        kept.append(name)
    more = f"… and {len(names) - len(kept)} more"
    while kept and len("; ".join([*kept, more])) > limit:
        kept.pop()
        more = f"… and {len(names) - len(kept)} more"
    if not kept:
        return more[:limit]
    return "; ".join([*kept, more])


def log_color(score: float, top: float) -> str:
    """A covered technique's blue: logarithmic in ``score`` (>0) up to ``top``."""
    share = 1.0 if top <= 1 else math.log1p(max(score - 1, 0)) / math.log1p(top - 1)
    share = min(max(share, 0.0), 1.0)
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(LIGHT, DARK, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _versions(attack: str | None) -> dict[str, str]:
    versions = {"layer": LAYER_VERSION, "navigator": NAVIGATOR_VERSION}
    if attack:
        versions["attack"] = attack.split(".")[0]  # Navigator names ATT&CK by major version
    return versions


def _name(export: PortfolioExport) -> str:
    """The layer's name, shown in the Navigator's tab: the portfolio's title, else the
    last part of its folder (``atomic-red-team``, not a path from the runner's disk)."""
    return export.title or _last(export.data)


def _last(label: str) -> str:
    """A data label's last part: a folder's name, or a revision as given."""
    return label.rstrip("/").rpartition("/")[2] or label


def _layer(
    name: str,
    description: str,
    *,
    techniques: list[dict[str, Any]],
    gradient: dict[str, Any],
    legend: list[dict[str, str]],
    metadata: list[dict[str, str]],
    attack: str | None = None,
) -> str:
    layer = {
        "name": name,
        "versions": _versions(attack),
        "domain": DOMAIN,
        "description": description,
        "sorting": 3,
        "hideDisabled": False,
        "techniques": techniques,
        "gradient": gradient,
        "legendItems": legend,
        "metadata": metadata,
        "showTacticRowBackground": False,
        "selectTechniquesAcrossTactics": True,
        "selectSubtechniquesWithParent": False,
    }
    return safe.json_text(json.dumps(layer, ensure_ascii=False, indent=2)) + "\n"


def render(export: PortfolioExport, id_map: Mapping[str, str], *, weighted: bool = False) -> str:
    techniques = technique_ids(export.areas, id_map)
    names = {item.id: item.name for item in export.initiatives}
    urls = {item.id: item.url for item in export.initiatives if item.url}
    parents = {area.parent for area in export.areas}
    top = max((_score(area, weighted) for area in export.areas), default=0)
    entries: list[dict[str, Any]] = []
    for area in export.areas:
        score = _score(area, weighted)
        listed = [names.get(i, i) for i in area.initiatives]
        if area.gap == "weak":
            listed = [f"weak: below strength: {names.get(i, i)}" for i in area.below]
        links = [{"label": "ATT&CK", "url": area.url}] if area.url else []
        shown = [i for i in (area.below if area.gap == "weak" else area.initiatives) if i in urls]
        links += [{"label": names.get(i, i)[:100], "url": urls[i]} for i in shown[:5]]
        entry: dict[str, Any] = {
            "techniqueID": techniques[area.id],
            "score": score,
            "comment": comment(listed),
            "enabled": True,
            "showSubtechniques": area.id in parents,  # open the parents of sub-areas
            "metadata": [{"name": "focus area", "value": area.name}],
            "links": links,
        }
        if area.gap is not None:
            entry["color"] = COLORS["accepted" if area.accepted else area.gap]
            entry["metadata"].append({"name": "gap", "value": area.gap})
        elif score > 0:
            entry["color"] = log_color(score, top)
        entries.extend(
            [{**entry, "tactic": tactic} for tactic in area.tactics] if area.tactics else [entry]
        )
    what = "strength-weighted initiatives" if weighted else "qualifying initiatives"
    return _layer(
        _name(export),
        f"gapcheck coverage of {export.heading}, {_as_of(export)}: score = {what}; covered"
        f" techniques blue on a logarithmic scale (lightest: 1, darkest: {top:g}).",
        techniques=entries,
        gradient={
            "colors": ["#ffffffff", f"{log_color(1, 2)}ff", f"{log_color(2, 2)}ff"],
            "minValue": 0,
            "maxValue": max(top, 1),
        },
        legend=[
            {"label": "uncovered", "color": COLORS["uncovered"]},
            {"label": "weak or thin", "color": COLORS["thin"]},
            {"label": "accepted gap", "color": COLORS["accepted"]},
            {"label": "covered by 1 (log scale)", "color": log_color(1, top)},
            {
                "label": f"covered by {max(round(math.sqrt(top)), 2)} (log scale)",
                "color": log_color(max(round(math.sqrt(top)), 2), top),
            },
            {"label": f"covered by {top:g} (log scale)", "color": log_color(top, top)},
        ],
        metadata=[
            {"name": "portfolio", "value": export.heading},
            {"name": "year", "value": _year(export)},
            {"name": "generated by", "value": f"gapcheck {__version__}"},
        ],
        attack=export.catalogue_version,
    )


def diff(
    before: PortfolioExport,
    after: PortfolioExport,
    id_map: Mapping[str, str],
    *,
    weighted: bool = False,
) -> str:
    """A layer of the change: score = after - before, opened gaps red, closed green."""
    old = {area.id: area for area in before.areas}
    new = {area.id: area for area in after.areas}
    ids = list(new) + [area_id for area_id in old if area_id not in new]
    rows = tuple(new.get(area_id) or old[area_id] for area_id in ids)
    techniques = technique_ids(rows, id_map)
    entries: list[dict[str, Any]] = []
    for area_id in ids:
        was, now = old.get(area_id), new.get(area_id)
        score_before = 0 if was is None else _score(was, weighted)
        score_after = 0 if now is None else _score(now, weighted)
        entry: dict[str, Any] = {
            "techniqueID": techniques[area_id],
            "score": round(score_after - score_before, 2),
            "comment": f"{score_before} -> {score_after}",
            "enabled": True,
            "showSubtechniques": False,
            "metadata": [{"name": "focus area", "value": (now or was or rows[0]).name}],
        }
        gap_before = None if was is None else was.gap
        gap_after = None if now is None else now.gap
        if gap_after and not gap_before:
            entry["color"] = "#e60d0d"
            entry["metadata"].append({"name": "change", "value": "gap opened"})
        elif gap_before and not gap_after:
            entry["color"] = "#31a354"
            entry["metadata"].append({"name": "change", "value": "gap closed"})
        entries.append(entry)
    reach = max((abs(entry["score"]) for entry in entries), default=0) or 1
    return _layer(
        f"{_name(after)}: change since {_last(before.data)}",
        f"gapcheck: coverage of {after.heading} minus {before.data}, {_as_of(after)}",
        techniques=entries,
        gradient={
            "colors": ["#ff6666ff", "#ffffffff", "#66b1ffff"],
            "minValue": -reach,
            "maxValue": reach,
        },
        legend=[
            {"label": "gap opened", "color": "#e60d0d"},
            {"label": "gap closed", "color": "#31a354"},
        ],
        metadata=[
            {"name": "portfolio", "value": after.heading},
            {"name": "base", "value": before.data},
            {"name": "head", "value": after.data},
            {"name": "year", "value": _year(after)},
            {"name": "generated by", "value": f"gapcheck {__version__}"},
        ],
        attack=after.catalogue_version,
    )
