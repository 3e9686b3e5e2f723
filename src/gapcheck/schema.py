"""JSON Schemas (draft 2020-12) of the two data files, generated from the pydantic models.

Editors that speak yaml-language-server use them to complete keys and flag errors
while the file is typed. The repository ships the output in ``schema/``; a test
keeps it current.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from gapcheck.model import FocusAreasFile, InitiativesFile

Kind = Literal["focus-areas", "initiatives"]
KINDS: tuple[Kind, ...] = ("focus-areas", "initiatives")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_MODELS: dict[str, type[BaseModel]] = {
    "focus-areas": FocusAreasFile,
    "initiatives": InitiativesFile,
}
_FILES = {"focus-areas": "focus_areas.yaml", "initiatives": "initiatives.yaml"}


def file_name(kind: Kind) -> str:
    """The schema's file name in ``schema/``: ``focus_areas.schema.json`` and so on."""
    return _FILES[kind].replace(".yaml", ".schema.json")


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of ``focus_areas.yaml`` or ``initiatives.yaml``."""
    schema = _MODELS[kind].model_json_schema()
    # The loader reads a top-level key with nothing after it (``focus_areas:``) as an
    # empty list; the editor must not flag a file that gapcheck accepts.
    top_key = _FILES[kind].removesuffix(".yaml")
    schema["properties"][top_key]["type"] = ["array", "null"]
    return {
        "$schema": DRAFT,
        "title": f"gapcheck {_FILES[kind]}",
        "description": f"{schema.pop('description', '')} gapcheck data format v1.",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def render(kind: Kind) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
