"""Findings for the CI formats: what each result reports to GitHub annotations and SARIF.

Each result yields its findings here, in one place: a rule (a ``GC`` code, a gap kind,
``gap-opened``, ``critical``...), a level (``error``, ``warning``, ``note``), a message
and, where known, the file, line and column. ``render/github.py`` and
``render/sarif.py`` print findings and know no result type. Messages stay in English,
as the problems of ``validate`` do (CI logs and code scanning are read by developers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

#: Where a focus area is defined: file, line, column.
Position: TypeAlias = tuple[str, int, int]
Level: TypeAlias = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    level: Level
    message: str
    location: Position | None = None
    #: The GitHub annotation's title.
    title: str = "gapcheck"


@dataclass(frozen=True, slots=True)
class Findings:
    """A command's findings; ``kept`` leading findings are always annotated, the rest
    up to ``caps.ANNOTATIONS`` in all when ``capped`` (GitHub shows 50 per job), and
    ``summary`` closes the annotations as a notice."""

    command: str
    items: tuple[Finding, ...]
    capped: bool = False
    kept: int = 0
    summary: str | None = None


def of(
    result: Any,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool = False,
) -> Findings:
    """The findings of ``result`` (a validation, gaps, diff, whatif or critical result):
    positions of focus areas (``loader.focus_area_positions``), paths made ``relative``
    to the repository; ``fail``: the check fails on them (errors, else warnings)."""
    from gapcheck.render import words

    def where(area: str) -> Position | None:
        found = positions.get(area)
        return None if found is None else (relative(found[0]), found[1], found[2])

    failing: Level = "error" if fail else "warning"
    kind = type(result).__name__
    if kind == "WhatIfReport":
        return of(result.diff, positions, relative, fail=fail)
    if kind == "ValidationReport":
        return Findings(
            "validate",
            tuple(
                Finding(
                    d.code.value,
                    "warning" if d.severity.value == "warning" else "error",
                    d.message + (f" (hint: {d.hint})" if d.hint else ""),
                    (relative(d.file), d.line, d.column),
                    d.code.value,
                )
                for d in result.diagnostics
            ),
        )
    if kind == "GapReport":
        return Findings(
            "gaps",
            tuple(
                Finding(
                    gap.kind,
                    failing if gap.fails else "note",
                    f"{gap.name} is {gap.kind}: {words.gap_reason(gap)}",
                    where(gap.focus_area),
                    f"gapcheck: {gap.kind} focus area",
                )
                for gap in result.gaps
            ),
            capped=True,
        )
    if kind == "DiffReport":
        sides = words.diff_sides(result.base, result.head)

        def named(area: str) -> str:
            return str(result.area_names.get(area, area))

        opened = tuple(
            Finding(
                "gap-opened",
                failing if area not in result.gaps_opened_accepted else "note",
                f"gap opened: {named(area)} ({sides})",
                where(area),
                "gapcheck: gap opened",
            )
            for area in result.gaps_opened
        )
        closed = tuple(
            Finding(
                "gap-closed",
                "note",
                f"gap closed: {named(area)} ({sides})",
                where(area),
                "gapcheck: gap closed",
            )
            for area in result.gaps_closed
        )
        headline = words.diff_headline(result)
        return Findings("diff", opened + closed, True, len(opened), headline)
    if kind == "CriticalReport":
        return Findings(
            "critical",
            tuple(
                Finding(
                    "critical",
                    "warning",
                    f"{item.name} is the single point of failure of"
                    f" {words.names(item.focus_areas, result.area_names)}: removing it opens a gap",
                    where(item.focus_areas[0]),
                    "gapcheck: critical initiative",
                )
                for item in result.critical
            ),
            summary=words.critical_summary(result),
        )
    raise TypeError(f"no findings for {kind}")
