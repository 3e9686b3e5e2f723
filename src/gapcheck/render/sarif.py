"""SARIF 2.1.0, as GitHub code scanning reads it: one result per finding (``views/findings.py``).

The log lists one rule per kind of finding of its command (every ``GC`` code for
``validate``; ``uncovered``, ``weak``, ``thin`` for ``gaps``; ``gap-opened``,
``gap-worsened``, ``gap-closed`` for ``diff``; ``critical-sole``, ``critical``), each
with a name, short and full description, help and default level. Focus areas have no
link in the data, so rules have no ``helpUri``. Each result has its rule, a level
(``error``, ``warning`` or ``note``), a message naming the focus area (name and id),
``partialFingerprints`` that depend on what it is about and never on line numbers (so
code scanning keeps one alert across pushes) and, where known, the file, line and
column (gaps and opened gaps point at the focus area's id in ``focus_areas.yaml``).
Paths are made relative to the repository root by the caller (``relative``). The
text is JSON: exact, with the characters that could drive a log escaped
(:func:`gapcheck.render.safe.json_text`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from gapcheck import __version__
from gapcheck.diagnostics import Code
from gapcheck.i18n import Lang, t
from gapcheck.render import safe
from gapcheck.views import findings
from gapcheck.views.findings import Position

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The level a rule's results have unless a result says otherwise.
LEVELS = {"gap-closed": "note", "gap-worsened": "error", "gap-opened": "error"}
#: Which full description (and help) each rule shares with others.
_FAMILY = {
    "uncovered": ("gap", "gap"),
    "weak": ("gap", "gap"),
    "thin": ("gap", "gap"),
    "gap-opened": ("diff", "gap"),
    "gap-worsened": ("diff", "gap"),
    "gap-closed": ("diff", "gap-closed"),
    "critical-sole": ("critical", "critical"),
    "critical": ("critical", "critical"),
}
#: The key of a result's ``partialFingerprints``: what the finding is about (its rule
#: and its focus area, initiative or file and message), never where it stands in a
#: file, so that an alert is the same alert after the lines above it move.
FINGERPRINT = "gapcheckFinding/v1"


def _name(rule_id: str) -> str:
    """``GapOpened``, ``Uncovered``, ``UnknownFocusArea``: a rule's name, as SARIF wants it."""
    words = Code(rule_id).name.split("_") if rule_id.startswith("GC") else rule_id.split("-")
    return "".join(word.capitalize() for word in words)


def _rule(rule_id: str) -> dict[str, Any]:
    lang: Lang = "en"  # code scanning shows one language; the catalogue has the words
    if rule_id.startswith("GC"):
        what = Code(rule_id).name.lower().replace("_", " ")
        short = t("rule.data.short", lang, code=rule_id, what=what)
        family, helped = "data", "data"
    else:
        short = t(f"rule.{rule_id}.short", lang)
        family, helped = _FAMILY[rule_id]
    return {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": short},
        "fullDescription": {"text": t(f"rule.{family}.full", lang)},
        "help": {"text": t(f"rule.{helped}.help", lang)},
        "defaultConfiguration": {"level": LEVELS.get(rule_id, "warning")},
    }


def _fingerprint(*parts: str) -> dict[str, str]:
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return {FINGERPRINT: digest[:32]}


def _result(
    rule_id: str,
    level: str,
    message: str,
    where: Position | None,
    rules: Sequence[str],
    *,
    about: Sequence[str],
) -> dict[str, Any]:
    """A result of ``rule_id`` (one of ``rules``); ``about`` is what it is about (a focus
    area's id, an initiative's), the ground of its fingerprint."""
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": rules.index(rule_id),
        "level": level,
        "message": {"text": message},
        "partialFingerprints": _fingerprint(rule_id, *about),
    }
    if where is not None:
        file, line, column = where
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": artifact(file),
                    "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
                }
            }
        ]
    return result


def artifact(path: str) -> dict[str, str]:
    """Where a file is: a percent-encoded URI relative to a base that contains it.

    A path relative to the repository's root is under ``%SRCROOT%`` (which GitHub
    resolves); an absolute one (a data folder outside the repository) is under a base
    of its own folder (``DATAROOT``, given in ``originalUriBaseIds`` by :func:`_log`).
    No URI climbs out of its base with ``..``, and spaces, ``#``, ``%`` and non-ASCII
    characters are percent-encoded (RFC 3986), as SARIF requires."""
    posix = PurePosixPath(path)
    if not posix.is_absolute() and ".." not in posix.parts:
        return {"uri": quote(posix.as_posix()), "uriBaseId": "%SRCROOT%"}
    return {"uri": quote(posix.name), _FOLDER: str(posix.parent)}


#: The folder of a file outside the repository, until :func:`_log` names its base.
_FOLDER = "folder"


def _bases(results: list[dict[str, Any]]) -> dict[str, Any]:
    """``originalUriBaseIds`` for the folders outside the repository: ``DATAROOT`` for
    the first, ``DATAROOT2`` and on for others, each location given its base."""
    found: dict[str, str] = {}
    for result in results:
        for location in result.get("locations", ()):
            where = location["physicalLocation"]["artifactLocation"]
            folder = where.pop(_FOLDER, None)
            if folder is not None:
                if folder not in found:
                    found[folder] = f"DATAROOT{len(found) + 1}" if found else "DATAROOT"
                where["uriBaseId"] = found[folder]
    if not found:
        return {}
    bases = {
        name: {"uri": "file://" + quote(folder.rstrip("/")) + "/"} for folder, name in found.items()
    }
    return {"originalUriBaseIds": bases}


def _log(results: list[dict[str, Any]], rules: Sequence[str]) -> str:
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
                **_bases(results),
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
    """A SARIF log: the command's rules, one result per finding."""
    results = [
        _result(item.rule, item.level, item.message, item.location, found.rules, about=item.about)
        for item in found.items
    ]
    return _log(results, found.rules)
