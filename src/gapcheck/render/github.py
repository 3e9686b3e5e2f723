"""GitHub Actions workflow commands: one annotation per finding (``views/findings.py``).

``::error file=data/initiatives.yaml,line=12,col=9,title=GC302::message``. Paths are
made relative to the repository root by the caller (``relative``); values are
escaped as the runner expects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gapcheck.i18n import t
from gapcheck.render import caps, safe
from gapcheck.views import findings
from gapcheck.views.findings import Position


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


def render(
    result: Any,
    positions: Mapping[str, Position],
    relative: Callable[[str], str],
    *,
    fail: bool = False,
    limit: int | None = None,
) -> str:
    """The annotations of ``result``'s findings (``views/findings.py``)."""
    return commands(findings.of(result, positions, relative, fail=fail), limit)


def commands(found: findings.Findings, limit: int | None = None) -> str:
    """One workflow command per finding, on its file and line. The first ``kept`` always;
    when ``capped``, the rest up to ``caps.ANNOTATIONS`` in all (or ``limit``), then one
    notice for what was left out: GitHub shows only 10 annotations of each kind per
    step, 50 per job. Then the summary, if any, as a notice."""
    items = found.items
    if found.capped:
        kept = items[: found.kept]
        rest, _ = caps.cap(items[found.kept :], limit, max(0, caps.ANNOTATIONS - len(kept)))
        items = (*kept, *rest)
    lines = [
        command(
            "notice" if item.level == "note" else item.level,
            item.message,
            title=item.title,
            where=item.location,
        )
        for item in items
    ]
    hidden = len(found.items) - len(items)
    if hidden:
        lines.append(
            command(
                "notice",
                t("annotations.more", "en", count=f"{hidden:,}", command=found.command),
                title=f"gapcheck {found.command}",
            )
        )
    if found.summary is not None:
        lines.append(command("notice", found.summary, title=f"gapcheck {found.command}"))
    return "".join(lines)
