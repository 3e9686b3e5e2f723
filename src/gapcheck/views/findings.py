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


#: The rules of each command, in the order of a SARIF log's ``rules`` (a rule per kind
#: of finding; every ``GC`` code for ``validate``).
GAP_RULES = ("uncovered", "weak", "thin")
DIFF_RULES = ("gap-opened", "gap-worsened", "gap-closed")
CRITICAL_RULES = ("critical-sole", "critical")


@dataclass(frozen=True, slots=True)
class Finding:
    """``about``: what the finding is about (a focus area's id, an initiative's; a file
    and message), never where it stands in a file: the ground of its fingerprint."""

    rule: str
    level: Level
    message: str
    location: Position | None = None
    #: The GitHub annotation's title.
    title: str = "gapcheck"
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Findings:
    """A command's findings under its ``rules``; ``kept`` leading findings are always
    annotated, the rest up to ``caps.ANNOTATIONS`` in all when ``capped`` (GitHub shows
    50 per job), and ``summary`` closes the annotations as a notice."""

    command: str
    rules: tuple[str, ...]
    items: tuple[Finding, ...]
    capped: bool = False
    kept: int = 0
    summary: str | None = None


def _area(area_id: str, name: str) -> str:
    """A focus area in a message: its name and its id, ``Rootkit (t1014)``."""
    return name if name == area_id else f"{name} ({area_id})"


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
    from gapcheck.diagnostics import Code
    from gapcheck.i18n import t
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
            tuple(code.value for code in Code),
            tuple(
                Finding(
                    d.code.value,
                    "warning" if d.severity.value == "warning" else "error",
                    d.message + (f" (hint: {d.hint})" if d.hint else ""),
                    (relative(d.file), d.line, d.column),
                    d.code.value,
                    (relative(d.file), d.message),
                )
                for d in result.diagnostics
            ),
        )
    if kind == "GapReport":
        return Findings(
            "gaps",
            GAP_RULES,
            tuple(
                Finding(
                    gap.kind,
                    failing if gap.fails else "note",
                    f"{_area(gap.focus_area, gap.name)} is {gap.kind}: {words.gap_reason(gap)}",
                    where(gap.focus_area),
                    f"gapcheck: {gap.kind} focus area",
                    (gap.focus_area,),
                )
                for gap in result.gaps
            ),
            capped=True,
        )
    if kind == "DiffReport":
        sides = words.diff_sides(result.base, words.diff_head(result))

        def named(area: str) -> str:
            return _area(area, str(result.area_names.get(area, area)))

        opened = tuple(
            Finding(
                "gap-opened",
                failing if area not in result.gaps_opened_accepted else "note",
                f"{t('diff.gap_opened', 'en')}{named(area)} ({sides})",
                where(area),
                "gapcheck: gap opened",
                (area,),
            )
            for area in result.gaps_opened
        )
        worse = tuple(
            Finding(
                "gap-worsened",
                failing if gap.focus_area not in result.gaps_worsened_accepted else "note",
                f"{t('diff.gap_worsened', 'en')}{named(gap.focus_area)}"
                f" ({words.worsened_how(gap)}; {sides})",
                where(gap.focus_area),
                "gapcheck: gap worsened",
                (gap.focus_area,),
            )
            for gap in result.gaps_worsened
        )
        closed = tuple(
            Finding(
                "gap-closed",
                "note",
                f"{t('diff.gap_closed', 'en')}{named(area)} ({sides})",
                where(area),
                "gapcheck: gap closed",
                (area,),
            )
            for area in result.gaps_closed
        )
        kept = len(opened) + len(worse)  # they fail the check: every one is annotated
        headline = words.diff_headline(result)
        return Findings("diff", DIFF_RULES, opened + worse + closed, True, kept, headline)
    if kind == "CriticalReport":
        names = {area: _area(area, name) for area, name in result.area_names.items()}
        return Findings(
            "critical",
            CRITICAL_RULES,
            tuple(
                Finding(
                    "critical-sole" if item.sole else "critical",
                    "warning",
                    words.critical_finding(item, names),
                    # the most important area it protects (one it alone serves first)
                    where(item.focus_areas[0]),
                    "gapcheck: sole initiative" if item.sole else "gapcheck: critical initiative",
                    (item.id,),
                )
                for item in result.critical
            ),
            summary=words.critical_summary(result),
        )
    raise TypeError(f"no findings for {kind}")
