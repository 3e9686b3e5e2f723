"""The bipartite graph as GraphML, for Gephi, yEd and networkx (written by networkx).

Node ids are ``initiative:ID`` and ``focus-area:ID``. Node attributes: ``kind``
(initiative or focus-area), ``bipartite`` (0 or 1), ``name``, and for focus areas
``parent``, ``priority``, ``threshold``, ``direct`` and ``initiatives`` (counts),
``gap`` (uncovered, weak or thin; empty when covered), ``crowded`` and ``accepted``;
for initiatives ``owner``, ``start``, ``end`` and ``focus_areas`` (a count). Edge
attributes: ``strength`` and ``note``. An absent value is left out (GraphML has no
null). Parent links are attributes, not edges, so the graph stays bipartite.
"""

from __future__ import annotations

import re

from gapcheck.analysis.interchange import PortfolioExport
from gapcheck.graph import GraphMLValue, write_graphml

#: Characters XML 1.0 cannot hold at all: written as visible escapes instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: str) -> str:
    """Data text as XML can hold it: the characters XML forbids as ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


def initiative_node(item_id: str) -> str:
    return f"initiative:{item_id}"


def area_node(area_id: str) -> str:
    return f"focus-area:{area_id}"


def render(export: PortfolioExport) -> bytes:
    nodes: list[tuple[str, dict[str, GraphMLValue]]] = []
    for area in export.areas:
        attrs: dict[str, GraphMLValue] = {
            "kind": "focus-area",
            "bipartite": 1,
            "name": text(area.name),
            "priority": area.priority,
            "threshold": area.threshold,
            "direct": len(area.direct),
            "initiatives": len(area.initiatives),
            "gap": area.gap or "",
            "crowded": area.crowded,
            "accepted": area.accepted,
        }
        if area.parent is not None:
            attrs["parent"] = area.parent
        nodes.append((area_node(area.id), attrs))
    for item in export.initiatives:
        attrs = {
            "kind": "initiative",
            "bipartite": 0,
            "name": text(item.name),
            "focus_areas": len(item.focus_areas),
        }
        if item.owner is not None:
            attrs["owner"] = text(item.owner)
        if item.start is not None:
            attrs["start"] = item.start
        if item.end is not None:
            attrs["end"] = item.end
        nodes.append((initiative_node(item.id), attrs))
    edges: list[tuple[str, str, dict[str, GraphMLValue]]] = []
    for mark in export.marks:
        edge: dict[str, GraphMLValue] = {"strength": mark.strength}
        if mark.note is not None:
            edge["note"] = text(mark.note)
        edges.append((initiative_node(mark.initiative), area_node(mark.focus_area), edge))
    return write_graphml(nodes, edges)
