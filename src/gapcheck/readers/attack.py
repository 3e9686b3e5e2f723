"""MITRE ATT&CK's STIX 2.1 bundle -> a catalogue of focus areas (``gapcheck import attack``).

A focus area for every current technique and sub-technique (``attack-pattern`` that is
neither ``revoked`` nor ``x_mitre_deprecated``): id the ATT&CK id in lowercase
(``t1059.001``), name, parent (for a sub-technique, its technique), url, and the
attributes ``tactics`` (kill-chain phase names, in the matrix's order), ``platforms``
(``x_mitre_platforms``) and ``groups`` (the ATT&CK ids of the current intrusion sets
whose ``uses`` relationships name the technique). Revoked techniques are remembered with
the id that replaces them (``revoked-by``, followed to its end), deprecated ones with
none. The bundle is read with the standard library's json (gzip too): MITRE's full
Enterprise bundle is about 50 MB of JSON, read in one pass.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.interchange import ImportProblem

CATALOGUE_NAME = "MITRE ATT&CK Enterprise"
CATALOGUE_URL = "https://attack.mitre.org/"
#: The largest bundle read, unpacked (MITRE's full Enterprise bundle is about 50 MB).
MAX_BUNDLE_BYTES = 500_000_000


@dataclass(frozen=True, slots=True)
class Technique:
    id: str  # lowercase ATT&CK id: t1059, t1059.001
    name: str
    parent: str | None
    url: str | None
    tactics: tuple[str, ...]
    platforms: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AttackCatalogue:
    """The current techniques, technique first and its sub-techniques after it."""

    name: str
    version: str | None
    techniques: tuple[Technique, ...]
    #: Revoked or deprecated id -> the current id replacing it (None: none).
    revoked: dict[str, str | None] = field(default_factory=dict)
    tactics: tuple[str, ...] = ()  # the matrix's tactic order (short names)


def _external_id(obj: dict[str, Any]) -> tuple[str | None, str | None]:
    """The ``mitre-attack`` external id and url of a STIX object."""
    for ref in obj.get("external_references") or ():
        if isinstance(ref, dict) and ref.get("source_name") == "mitre-attack":
            ext, url = ref.get("external_id"), ref.get("url")
            return (
                ext if isinstance(ext, str) else None,
                url if isinstance(url, str) and url.startswith("https://") else None,
            )
    return None, None


def _current(obj: dict[str, Any]) -> bool:
    return not obj.get("revoked") and not obj.get("x_mitre_deprecated")


def load_bundle(path: Path, max_bytes: int = MAX_BUNDLE_BYTES) -> dict[str, Any]:
    """The bundle's JSON (``.gz`` unpacked); an ImportProblem when it cannot be read."""
    try:
        with path.open("rb") as raw:
            head = raw.read(2)
            raw.seek(0)
            if head == b"\x1f\x8b":
                with gzip.open(raw) as unpacked:
                    data = unpacked.read(max_bytes + 1)
            else:
                data = raw.read(max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ImportProblem("import.cannot_read", path=path, reason=reason) from None
    if len(data) > max_bytes:
        raise ImportProblem("import.bundle_too_large", path=path, most=max_bytes)
    try:
        bundle = json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportProblem(
            "import.not_json", usage=False, where=f"{path}{where}", reason=getattr(exc, "msg", exc)
        ) from None
    if (
        not isinstance(bundle, dict)
        or bundle.get("type") != "bundle"
        or not isinstance(bundle.get("objects"), list)
    ):
        raise ImportProblem("import.not_stix", usage=False, path=path)
    return bundle


def read_attack(path: Path, max_bytes: int = MAX_BUNDLE_BYTES) -> AttackCatalogue:
    """The ATT&CK catalogue in the bundle at ``path`` (JSON, or gzip of it)."""
    return catalogue_of(load_bundle(path, max_bytes), str(path))


def catalogue_of(bundle: dict[str, Any], label: str = "bundle") -> AttackCatalogue:
    """The catalogue of a parsed bundle: current techniques, revoked ids, version."""
    objects = [obj for obj in bundle["objects"] if isinstance(obj, dict)]
    by_stix: dict[str, dict[str, Any]] = {}
    for obj in objects:
        if isinstance(obj.get("id"), str):
            by_stix[obj["id"]] = obj
    patterns = [obj for obj in objects if obj.get("type") == "attack-pattern"]
    if not patterns:
        raise ImportProblem("import.not_attack", usage=False, path=label)
    version = None
    for obj in objects:
        if obj.get("type") == "x-mitre-collection" and isinstance(obj.get("x_mitre_version"), str):
            version = obj["x_mitre_version"]
    tactic_order = _tactic_order(objects, by_stix)
    rank = {name: index for index, name in enumerate(tactic_order)}

    groups: dict[str, set[str]] = {}
    revoked_by: dict[str, str] = {}
    for obj in objects:
        if obj.get("type") != "relationship" or not _current(obj):
            continue
        kind, source, target = (
            obj.get("relationship_type"),
            obj.get("source_ref"),
            obj.get("target_ref"),
        )
        if not isinstance(source, str) or not isinstance(target, str):
            continue
        if kind == "uses" and source.startswith("intrusion-set--"):
            group = by_stix.get(source)
            if group is not None and _current(group):
                group_id = _external_id(group)[0]
                if group_id:
                    groups.setdefault(target, set()).add(group_id)
        elif kind == "revoked-by" and source.startswith("attack-pattern--"):
            revoked_by[source] = target

    techniques: list[Technique] = []
    revoked: dict[str, str | None] = {}
    for obj in patterns:
        ext, url = _external_id(obj)
        if not ext or not isinstance(obj.get("name"), str):
            continue
        area_id = ext.lower()
        if not _current(obj):
            revoked[area_id] = _replacement(obj["id"], revoked_by, by_stix)
            continue
        tactics = sorted(
            {
                phase["phase_name"]
                for phase in obj.get("kill_chain_phases") or ()
                if isinstance(phase, dict)
                and phase.get("kill_chain_name") == "mitre-attack"
                and isinstance(phase.get("phase_name"), str)
            },
            key=lambda name: (rank.get(name, len(rank)), name),
        )
        platforms = [p for p in obj.get("x_mitre_platforms") or () if isinstance(p, str)]
        parent = area_id.split(".")[0] if "." in area_id else None
        techniques.append(
            Technique(
                id=area_id,
                name=obj["name"].strip(),
                parent=parent,
                url=url,
                tactics=tuple(tactics),
                platforms=tuple(platforms),
                groups=tuple(sorted(groups.get(obj["id"], ()), key=_number)),
            )
        )
    current = {technique.id for technique in techniques}
    # A sub-technique whose technique is not current (it never happens in ATT&CK) has none.
    techniques = [
        t if t.parent is None or t.parent in current else _without_parent(t) for t in techniques
    ]
    techniques.sort(key=lambda t: _number(t.id))
    for old, new in revoked.items():
        if new is not None and new not in current:
            revoked[old] = None
    for old in current:
        revoked.pop(old, None)
    return AttackCatalogue(
        name=CATALOGUE_NAME,
        version=version,
        techniques=tuple(techniques),
        revoked=dict(sorted(revoked.items(), key=lambda entry: _number(entry[0]))),
        tactics=tuple(tactic_order),
    )


def _without_parent(technique: Technique) -> Technique:
    from dataclasses import replace

    return replace(technique, parent=None)


def _number(ext: str) -> tuple[int, ...]:
    """T1059.001 -> (1059, 1): ATT&CK's own order; other text last."""
    digits = ext.lstrip("TtGg")
    try:
        return tuple(int(part) for part in digits.split("."))
    except ValueError:
        return (1 << 30,)


def _replacement(
    stix_id: str, revoked_by: dict[str, str], by_stix: dict[str, dict[str, Any]]
) -> str | None:
    """The current technique that replaces ``stix_id`` (revoked-by, followed), or None."""
    seen = {stix_id}
    node = stix_id
    while node in revoked_by:
        node = revoked_by[node]
        if node in seen:
            return None
        seen.add(node)
    obj = by_stix.get(node)
    if node == stix_id or obj is None or not _current(obj):
        return None
    ext = _external_id(obj)[0]
    return ext.lower() if ext else None


def _tactic_order(objects: list[dict[str, Any]], by_stix: dict[str, dict[str, Any]]) -> list[str]:
    """The tactics' short names in the Enterprise matrix's order."""
    order: list[str] = []
    for obj in objects:
        if obj.get("type") == "x-mitre-matrix" and _current(obj):
            for ref in obj.get("tactic_refs") or ():
                tactic = by_stix.get(ref) if isinstance(ref, str) else None
                name = None if tactic is None else tactic.get("x_mitre_shortname")
                if isinstance(name, str) and name not in order:
                    order.append(name)
    return order


def to_focus_areas(catalogue: AttackCatalogue, source: str) -> dict[str, Any]:
    """focus_areas.yaml's values: the catalogue record, then one focus area per technique."""
    areas = []
    for technique in catalogue.techniques:
        entry: dict[str, Any] = {"id": technique.id, "name": technique.name}
        if technique.parent is not None:
            entry["parent"] = technique.parent
        if technique.url is not None:
            entry["url"] = technique.url
        attributes: dict[str, Any] = {}
        for key in ("tactics", "platforms", "groups"):
            values = getattr(technique, key)
            if values:
                attributes[key] = list(values)
        if attributes:
            entry["attributes"] = attributes
        areas.append(entry)
    record: dict[str, Any] = {"name": catalogue.name}
    if catalogue.version is not None:
        record["version"] = catalogue.version
    record["url"] = CATALOGUE_URL
    record["show_ids"] = True
    if catalogue.tactics:
        record["order"] = {"tactics": list(catalogue.tactics)}
    if catalogue.revoked:
        record["revoked"] = dict(catalogue.revoked)
    title = catalogue.name + (f" v{catalogue.version}" if catalogue.version else "")
    return {"title": title, "catalogue": record, "focus_areas": areas}
