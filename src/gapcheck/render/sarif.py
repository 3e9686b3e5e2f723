"""SARIF 2.1.0, as GitHub code scanning reads it: one result per problem, gap or opened gap.

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
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from gapcheck import __version__
from gapcheck.analysis import CriticalReport, DiffReport, GapReport
from gapcheck.diagnostics import Code, Severity, ValidationReport
from gapcheck.render import safe, words

#: Where a focus area is defined: file, line, column.
Position = tuple[str, int, int]
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
                **_bases(results),
                "results": results,
            }
        ],
    }
    return safe.json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _where(
    area: str, positions: Mapping[str, Position], relative: Callable[[str], str]
) -> Position | None:
    found = positions.get(area)
    return None if found is None else (relative(found[0]), found[1], found[2])


def validation(report: ValidationReport, relative: Callable[[str], str]) -> str:
    """Each problem a result at its file, line and column; warnings are warnings."""
    rules: list[str] = []
    results = [
        _result(
            d.code.value,
            "warning" if d.severity is Severity.WARNING else "error",
            d.message + (f" (hint: {d.hint})" if d.hint else ""),
            (relative(d.file), d.line, d.column),
            rules,
        )
        for d in report.diagnostics
    ]
    return _log(results, rules)


def gaps(
    report: GapReport,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool,
) -> str:
    """Each gap on its focus area's line: an error when the check fails on gaps."""
    rules: list[str] = []
    results = [
        _result(
            gap.kind,
            ("error" if fail else "warning") if gap.fails else "note",
            f"{gap.name} is {gap.kind}: {words.gap_reason(gap)}",
            _where(gap.focus_area, positions, relative),
            rules,
        )
        for gap in report.gaps
    ]
    return _log(results, rules)


def diff(
    report: DiffReport,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool,
) -> str:
    """Opened gaps (errors when the check fails on them) and closed gaps (notes)."""
    rules: list[str] = []
    sides = words.diff_sides(report.base, report.head)
    results = [
        _result(
            "gap-opened",
            ("error" if fail else "warning") if area not in report.gaps_opened_accepted else "note",
            f"gap opened: {report.area_names.get(area, area)} ({sides})",
            _where(area, positions, relative),
            rules,
        )
        for area in report.gaps_opened
    ]
    results += [
        _result(
            "gap-closed",
            "note",
            f"gap closed: {report.area_names.get(area, area)} ({sides})",
            _where(area, positions, relative),
            rules,
        )
        for area in report.gaps_closed
    ]
    return _log(results, rules)


def critical(
    report: CriticalReport, positions: Mapping[str, Position], relative: Callable[[str], str]
) -> str:
    """A warning per critical initiative, on the line of the most important area it protects."""
    rules: list[str] = []
    results = [
        _result(
            "critical",
            "warning",
            f"{item.name} is the single point of failure of"
            f" {words.names(item.focus_areas, report.area_names)}: removing it opens a gap",
            _where(item.focus_areas[0], positions, relative),
            rules,
        )
        for item in report.critical
    ]
    return _log(results, rules)
