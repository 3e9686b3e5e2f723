"""SARIF 2.1.0, as GitHub code scanning reads it: one result per finding (``views/findings.py``).

Each result has a rule id (a ``GC`` code for ``validate``; the gap kind for ``gaps``;
``gap-opened``/``gap-closed`` for ``diff``), a level (``error``, ``warning`` or
``note``), a message and, where known, the file, line and column (gaps and opened gaps
point at the focus area's id in ``focus_areas.yaml``). Paths are made relative to the
repository root by the caller (``relative``). The text is JSON: exact, with the
characters that could drive a log escaped (:func:`gapcheck.render.safe.json_text`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from gapcheck import __version__
from gapcheck.diagnostics import Code
from gapcheck.render import safe
from gapcheck.views import findings
from gapcheck.views.findings import Position

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: Rules that are not a GC code: the gap kinds and the changes of a diff.
RULES: dict[str, str] = {
    "uncovered": "A focus area that no initiative serves.",
    "weak": "A focus area served only by marks weaker than its minimum strength.",
    "thin": "A focus area served by fewer initiatives than its minimum.",
    "gap-opened": "A focus area that became a gap.",
    "gap-closed": "A focus area that is no longer a gap.",
    "critical": "An initiative whose removal alone opens a gap.",
}


def _rule(rule_id: str) -> dict[str, Any]:
    if rule_id in RULES:
        text = RULES[rule_id]
    else:
        text = f"gapcheck data problem {rule_id} ({Code(rule_id).name.lower().replace('_', ' ')})"
    return {"id": rule_id, "shortDescription": {"text": text}}


def _result(
    rule_id: str, level: str, message: str, where: Position | None, rules: list[str]
) -> dict[str, Any]:
    if rule_id not in rules:
        rules.append(rule_id)
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": rules.index(rule_id),
        "level": level,
        "message": {"text": message},
    }
    if where is not None:
        file, line, column = where
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
                }
            }
        ]
    return result


def _log(results: list[dict[str, Any]], rules: list[str]) -> str:
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gapcheck",
                        "version": __version__,
                        "rules": [_rule(rule_id) for rule_id in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return safe.json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def render(
    result: Any,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool = False,
) -> str:
    """The SARIF log of ``result``'s findings (``views/findings.py``)."""
    return log(findings.of(result, positions, relative, fail=fail))


def log(found: findings.Findings) -> str:
    """A SARIF log with one result per finding; its rules in the order first used."""
    rules: list[str] = []
    results = [
        _result(item.rule, item.level, item.message, item.location, rules) for item in found.items
    ]
    return _log(results, rules)
