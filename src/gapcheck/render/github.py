"""GitHub Actions workflow commands: one annotation per problem, gap or opened gap.

``::error file=data/initiatives.yaml,line=12,col=9,title=GC302::message``. Paths are
made relative to the repository root by the caller (``relative``); values are
escaped as the runner expects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gapcheck.analysis import CriticalReport, DiffReport, GapReport
from gapcheck.diagnostics import Severity, ValidationReport
from gapcheck.i18n import t
from gapcheck.render import caps, safe, words

#: Where a focus area is defined: file, line, column.
Position = tuple[str, int, int]


def _data(text: str) -> str:
    # As the Actions toolkit's escapeData; other control characters shown as escapes.
    return safe.annotation(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, title: str, where: Position | None = None) -> str:
    """One workflow command, e.g. ``::error file=...,line=...,col=...,title=...::message``."""
    props = []
    if where is not None:
        file, line, column = where
        props += [f"file={_property(file)}", f"line={line}", f"col={column}"]
    props.append(f"title={_property(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}\n"


def validation(report: ValidationReport, relative: Callable[[str], str]) -> str:
    return "".join(
        command(
            "warning" if d.severity is Severity.WARNING else "error",
            d.message + (f" (hint: {d.hint})" if d.hint else ""),
            title=d.code.value,
            where=(relative(d.file), d.line, d.column),
        )
        for d in report.diagnostics
    )


def _where(
    area: str, positions: Mapping[str, Position], relative: Callable[[str], str]
) -> Position | None:
    found = positions.get(area)
    return None if found is None else (relative(found[0]), found[1], found[2])


def gaps(
    report: GapReport,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool,
    limit: int | None = None,
) -> str:
    """Each gap on its focus area's line: an error when the check fails on gaps.

    At most ``caps.ANNOTATIONS`` (or ``limit``), then one notice for the rest: GitHub
    shows only 10 annotations of each kind per step, 50 per job."""
    shown, hidden = caps.cap(report.gaps, limit, caps.ANNOTATIONS)
    lines = [
        command(
            ("error" if fail else "warning") if gap.fails else "notice",
            f"{gap.name} is {gap.kind}: {words.gap_reason(gap)}",
            title=f"gapcheck: {gap.kind} focus area",
            where=_where(gap.focus_area, positions, relative),
        )
        for gap in shown
    ]
    if hidden:
        lines.append(_rest(hidden, "gaps"))
    return "".join(lines)


def _rest(hidden: int, name: str) -> str:
    """One notice for the annotations left out."""
    return command(
        "notice",
        t("annotations.more", "en", count=f"{hidden:,}", command=name),
        title=f"gapcheck {name}",
    )


def diff(
    report: DiffReport,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool,
    limit: int | None = None,
) -> str:
    """Opened and worsened gaps on their focus area's line (errors when the check fails
    on them): every one (they fail the check); closed gaps up to ``caps.ANNOTATIONS`` annotations
    in all (or ``limit``), then one notice for the rest."""
    sides = words.diff_sides(report.base, words.diff_head(report))
    lines = [
        command(
            ("error" if fail else "warning")
            if area not in report.gaps_opened_accepted
            else "notice",
            f"{t('diff.gap_opened', 'en')}{report.area_names.get(area, area)} ({sides})",
            title="gapcheck: gap opened",
            where=_where(area, positions, relative),
        )
        for area in report.gaps_opened
    ]
    lines += [
        command(
            ("error" if fail else "warning")
            if gap.focus_area not in report.gaps_worsened_accepted
            else "notice",
            f"{t('diff.gap_worsened', 'en')}{gap.name} ({words.worsened_how(gap)}; {sides})",
            title="gapcheck: gap worsened",
            where=_where(gap.focus_area, positions, relative),
        )
        for gap in report.gaps_worsened
    ]
    lines += [
        command(
            "notice",
            f"gap closed: {report.area_names.get(area, area)}",
            title="gapcheck: gap closed",
            where=_where(area, positions, relative),
        )
        for area in caps.cap(report.gaps_closed, limit, max(0, caps.ANNOTATIONS - len(lines)))[0]
    ]
    hidden = (
        len(report.gaps_opened) + len(report.gaps_worsened) + len(report.gaps_closed) - len(lines)
    )
    if hidden > 0:
        lines.append(_rest(hidden, "diff"))
    lines.append(command("notice", words.diff_headline(report), title="gapcheck diff"))
    return "".join(lines)


def critical(
    report: CriticalReport, positions: Mapping[str, Position], relative: Callable[[str], str]
) -> str:
    """A warning per critical initiative, on the line of the most important area it protects."""
    lines = [
        command(
            "warning",
            words.critical_finding(item, report.area_names),
            title="gapcheck: sole initiative" if item.sole else "gapcheck: critical initiative",
            where=_where(item.focus_areas[0], positions, relative),
        )
        for item in report.critical
    ]
    lines.append(command("notice", words.critical_summary(report), title="gapcheck critical"))
    return "".join(lines)
