"""``gapcheck export graphml`` and ``export navigator``: written, read back, checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from typer.testing import CliRunner, Result

from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

#: The ATT&CK Navigator layer format 4.5, as far as gapcheck writes it: the fields,
#: their types, and the technique id pattern (written from the layer format's spec).
LAYER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "versions", "domain", "techniques"],
    "properties": {
        "name": {"type": "string"},
        "versions": {
            "type": "object",
            "required": ["layer"],
            "properties": {
                "layer": {"const": "4.5"},
                "navigator": {"type": "string", "pattern": r"^\d+\.\d+(\.\d+)?$"},
                "attack": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "domain": {"enum": ["enterprise-attack", "mobile-attack", "ics-attack"]},
        "description": {"type": "string"},
        "sorting": {"enum": [0, 1, 2, 3]},
        "hideDisabled": {"type": "boolean"},
        "showTacticRowBackground": {"type": "boolean"},
        "selectTechniquesAcrossTactics": {"type": "boolean"},
        "selectSubtechniquesWithParent": {"type": "boolean"},
        "techniques": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["techniqueID"],
                "properties": {
                    "techniqueID": {"type": "string", "pattern": r"^T\d{4}(\.\d{3})?$"},
                    "tactic": {"type": "string"},
                    "score": {"type": "number"},
                    "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
                    "comment": {"type": "string"},
                    "enabled": {"type": "boolean"},
                    "showSubtechniques": {"type": "boolean"},
                    "metadata": {"$ref": "#/$defs/metadata"},
                    "links": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["label", "url"],
                            "properties": {
                                "label": {"type": "string"},
                                "url": {"type": "string", "pattern": "^https?://"},
                            },
                            "additionalProperties": False,
                        },
                    },
                },
                "additionalProperties": False,
            },
        },
        "gradient": {
            "type": "object",
            "required": ["colors", "minValue", "maxValue"],
            "properties": {
                "colors": {
                    "type": "array",
                    "minItems": 2,
                    "items": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$"},
                },
                "minValue": {"type": "number"},
                "maxValue": {"type": "number"},
            },
            "additionalProperties": False,
        },
        "legendItems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["label", "color"],
                "properties": {"label": {"type": "string"}, "color": {"type": "string"}},
                "additionalProperties": False,
            },
        },
        "metadata": {"$ref": "#/$defs/metadata"},
    },
    "additionalProperties": False,
    "$defs": {
        "metadata": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "value"],
                "properties": {"name": {"type": "string"}, "value": {"type": "string"}},
                "additionalProperties": False,
            },
        }
    },
}

FOCUS_AREAS = """\
title: ATT&CK coverage
focus_areas:
  - id: t1059
    name: Command and Scripting Interpreter
  - id: t1059.001
    name: PowerShell
    parent: t1059
  - id: t1566
    name: Phishing
    priority: 5
"""
INITIATIVES = """\
initiatives:
  - id: edr
    name: EDR rollout
    focus_areas:
      - id: t1059.001
        strength: partial
  - id: awareness
    name: Awareness training
    focus_areas: [t1566, t1059]
  - id: mail-filter
    name: Mail filter
    focus_areas: [t1566]
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


@pytest.fixture
def attack(tmp_path: Path) -> Path:
    directory = tmp_path / "attack"
    directory.mkdir()
    (directory / "focus_areas.yaml").write_text(FOCUS_AREAS, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    return directory


def layer(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(found, LAYER_SCHEMA)
    return found


def test_graphml_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "portfolio.graphml"
    result = invoke("export", "graphml", "--data", str(DATA), "-o", str(out), "--all-years")
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    areas = [n for n, a in graph.nodes(data=True) if a["kind"] == "focus-area"]
    initiatives = [n for n, a in graph.nodes(data=True) if a["kind"] == "initiative"]
    assert len(areas) == 5
    assert len(initiatives) == 10
    assert graph.number_of_edges() == 22
    assert nx.is_bipartite(graph)
    thin = graph.nodes["focus-area:specialisering-og-outsourcing"]
    assert thin["gap"] == "thin"
    assert thin["initiatives"] == 1
    assert thin["name"] == "Specialiserede virksomheder og outsourcing"
    assert graph.nodes["focus-area:hjemtagning-af-viden"]["crowded"] is True
    assert graph.nodes["initiative:eu-kontor"]["start"] == 2007
    edge = graph.edges["initiative:eu-kontor", "focus-area:hjemtagning-af-viden"]
    assert edge["strength"] == "significant"
    assert edge["note"].startswith("Sikre hjemtagning af viden")


def test_graphml_keeps_parents_and_strength(attack: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    assert invoke("export", "graphml", "--data", str(attack), "-o", str(out)).exit_code == 0
    graph = nx.read_graphml(out)
    assert graph.nodes["focus-area:t1059.001"]["parent"] == "t1059"
    assert "parent" not in graph.nodes["focus-area:t1059"]
    assert graph.edges["initiative:edr", "focus-area:t1059.001"]["strength"] == "partial"


def test_graphml_text_that_xml_cannot_hold(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "focus_areas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Hjemtagning af viden", 'name: "A\\x01<b>&"'), "utf-8")
    out = tmp_path / "g.graphml"
    result = invoke("export", "graphml", "--data", str(tmp_path / "data"), "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.nodes["focus-area:hjemtagning-af-viden"]["name"] == "A\\x01<b>&"


def test_navigator_layer(attack: Path) -> None:
    found = layer(invoke("export", "navigator", "--data", str(attack), "-o", "-"))
    assert found["domain"] == "enterprise-attack"
    assert found["versions"]["layer"] == "4.5"
    by_id = {entry["techniqueID"]: entry for entry in found["techniques"]}
    assert list(by_id) == ["T1059", "T1059.001", "T1566"]
    assert by_id["T1059"]["score"] == 2  # rolled up: awareness and edr
    assert by_id["T1566"]["comment"] == "Awareness training; Mail filter"
    assert by_id["T1059.001"]["color"] == "#ff9f1c"  # thin
    assert by_id["T1566"]["color"] == by_id["T1059"]["color"]  # covered: blue, both score 2
    assert by_id["T1059"]["showSubtechniques"] is True
    assert by_id["T1566"]["showSubtechniques"] is False
    assert {"name": "portfolio", "value": "ATT&CK coverage"} in found["metadata"]
    assert {"name": "year", "value": "all years"} in found["metadata"]


def test_navigator_weighted(attack: Path) -> None:
    found = layer(invoke("export", "navigator", "--weighted", "--data", str(attack), "-o", "-"))
    by_id = {entry["techniqueID"]: entry for entry in found["techniques"]}
    assert by_id["T1059.001"]["score"] == 0.5
    assert by_id["T1059"]["score"] == 1.5


def test_navigator_needs_technique_ids() -> None:
    result = invoke("export", "navigator", "--data", str(DATA), "-o", "-")
    assert result.exit_code == 2
    assert "mmv-globale-spillere" in result.stderr
    assert "--id-map" in result.stderr
    assert "Traceback" not in result.output


def test_navigator_id_map(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "mmv-globale-spillere: T1001\nspecialisering-og-outsourcing: t1002\n"
        "specialiseret-arbejdskraft: T1003.001\nhjemtagning-af-viden: T1004\n"
        "synlighed-og-branding: T1005\n",
        encoding="utf-8",
    )
    found = layer(
        invoke("export", "navigator", "--data", str(DATA), "--id-map", str(mapping), "-o", "-")
    )
    assert [t["techniqueID"] for t in found["techniques"]] == [
        "T1001", "T1002", "T1003.001", "T1004", "T1005",
    ]  # fmt: skip
    mapping.write_text("- not a mapping\n", encoding="utf-8")
    result = invoke("export", "navigator", "--data", str(DATA), "--id-map", str(mapping))
    assert result.exit_code == 2
    assert "is not a mapping" in result.stderr


def test_navigator_diff(attack: Path, tmp_path: Path) -> None:
    head = tmp_path / "head"
    shutil.copytree(attack, head)
    (head / "initiatives.yaml").write_text(
        INITIATIVES.replace("    focus_areas: [t1566]\n", "    focus_areas: [t1566, t1059.001]\n"),
        encoding="utf-8",
    )
    found = layer(
        invoke("export", "navigator", "--data", str(head), "--diff", str(attack), "-o", "-")
    )
    by_id = {entry["techniqueID"]: entry for entry in found["techniques"]}
    assert by_id["T1059.001"]["score"] == 1
    assert by_id["T1059.001"]["color"] == "#31a354"  # thin gap closed
    assert by_id["T1566"]["score"] == 0
    assert found["gradient"]["minValue"] == -1


def test_navigator_options_only_with_navigator() -> None:
    result = invoke("export", "graphml", "--weighted", "--data", str(DATA), "-o", "-")
    assert result.exit_code == 2


def test_export_never_writes_through_a_directory(tmp_path: Path) -> None:
    result = invoke("export", "graphml", "--data", str(DATA), "-o", str(tmp_path / "no" / "x"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
