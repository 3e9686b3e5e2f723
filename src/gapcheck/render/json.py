"""JSON: the stable contract documented in ``docs/json.md``.

Generic: each result type declares its keys (``JSON`` on the dataclass, see
:mod:`gapcheck.contract`); this printer dumps whatever it is given. Keys are only
ever added, never renamed or removed.
"""

from __future__ import annotations

import json
from typing import Any

from gapcheck.contract import to_data
from gapcheck.render import safe


def to_dict(result: Any) -> dict[str, Any]:
    """The JSON contract of ``result`` as plain Python data."""
    data = to_data(result)
    if not isinstance(data, dict):
        raise TypeError(f"no JSON contract for {type(result).__name__}")
    return data


def render(result: Any) -> str:
    """The contract as JSON text, safe to print: see :func:`gapcheck.render.safe.json_text`."""
    return safe.json_text(json.dumps(to_dict(result), ensure_ascii=False, indent=2)) + "\n"
