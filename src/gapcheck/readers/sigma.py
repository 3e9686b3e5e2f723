"""Sigma rules -> initiatives over an ATT&CK catalogue (``gapcheck import sigma``).

Every ``*.yml`` under the paths given, except under a ``deprecated`` or ``unsupported``
folder, is one rule, read with gapcheck's own YAML reader (:mod:`gapcheck.yamlread`:
the same rules for what YAML is accepted as for the data files, and a line and column
for every problem). A rule becomes an initiative: id the rule's ``id``, name its
``title``, owner its ``author``, start the year of its ``date``, source its path, and
marks from its ``attack.tNNNN[.NNN]`` tags. A tag that names a technique the catalogue
lacks is reported at its line and left out; one the catalogue revoked is counted for
its replacement, and said so. A rule that cannot be read, or has no usable id or
title, is a located error and left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gapcheck.diagnostics import Code, Diagnostic, Severity
from gapcheck.model import ID_PATTERN

SKIPPED_FOLDERS = frozenset({"deprecated", "unsupported"})
TECHNIQUE_TAG = re.compile(r"^attack\.(t\d{4}(?:\.\d{3})?)$", re.IGNORECASE)
_ID = re.compile(ID_PATTERN)
_YEAR = re.compile(r"^(\d{4})[-/]")


@dataclass(frozen=True, slots=True)
class Rule:
    """One Sigma rule as an initiative's values."""

    id: str
    name: str
    owner: str | None
    start: int | None
    source: str
    focus_areas: tuple[str, ...]
    attributes: Mapping[str, str]


@dataclass
class SigmaImport:
    """The rules read, and every problem met, located."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    #: Tags naming techniques the catalogue lacks: tag -> how many rules carry it.
    unknown_tags: dict[str, int] = field(default_factory=dict)
    #: Where each rule's id is written: file -> (line, column).
    id_marks: dict[str, tuple[int, int]] = field(default_factory=dict)


def rule_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each rule file under ``paths`` (sorted, skipping deprecated/ and unsupported/), with
    the name to show for it (its path as given on the command line)."""
    for path in paths:
        if path.is_file():
            yield path, os.fspath(path)
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d.lower() not in SKIPPED_FOLDERS)
            found.extend(Path(folder) / name for name in files if name.endswith(".yml"))
        for file in sorted(found):
            yield file, os.fspath(file)


def read_rules(
    paths: Iterable[Path],
    known: set[str],
    revoked: Mapping[str, str | None],
    *,
    max_bytes: int,
) -> SigmaImport:
    """The rules under ``paths``, marked with the techniques of ``known``."""
    result = SigmaImport()
    seen: dict[str, str] = {}
    for file, shown in rule_files(paths):
        result.files += 1
        rule = _read_rule(
            file, shown, known=known, revoked=revoked, result=result, max_bytes=max_bytes
        )
        if rule is None:
            continue
        if rule.id in seen:
            result.problems.append(
                Diagnostic(
                    shown,
                    *result.id_marks.get(shown, (1, 1)),
                    Code.DUPLICATE_ID,
                    f"rule id '{rule.id}' is also the id of {seen[rule.id]}; this rule is left out",
                    "give each rule its own id (a new UUID)",
                )
            )
            continue
        seen[rule.id] = shown
        result.rules.append(rule)
    return result


def _read_rule(
    file: Path,
    shown: str,
    *,
    known: set[str],
    revoked: Mapping[str, str | None],
    result: SigmaImport,
    max_bytes: int,
) -> Rule | None:
    from gapcheck.yamlread import read_yaml

    problems = result.problems
    try:
        size = file.stat().st_size
        if size > max_bytes:
            problems.append(
                Diagnostic(shown, 1, 1, Code.FILE_UNREADABLE, f"larger than {max_bytes:,} bytes")
            )
            return None
        text = file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        problems.append(Diagnostic(shown, 1, 1, Code.FILE_UNREADABLE, f"cannot read: {reason}"))
        return None
    read = read_yaml(text, shown)
    if read.diagnostics or read.value is None:
        problems.extend(read.diagnostics)
        if not read.diagnostics:
            problems.append(Diagnostic(shown, 1, 1, Code.EMPTY_FILE, "the rule is empty"))
        return None
    value, source = read.value, read.source
    if not isinstance(value, dict):
        problems.append(
            Diagnostic(shown, 1, 1, Code.TOP_LEVEL, "a Sigma rule is a mapping of keys")
        )
        return None

    def at(path: tuple[Any, ...]) -> tuple[int, int]:
        mark = source.value(path)
        return mark.line, mark.column

    def fail(path: tuple[Any, ...], code: Code, message: str, hint: str) -> None:
        problems.append(Diagnostic(shown, *at(path), code, message, hint))

    rule_id, title = value.get("id"), value.get("title")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id.strip().lower()):
        if rule_id is None:
            fail((), Code.MISSING_KEY, "this rule has no 'id'", "add 'id: ' and a new UUID")
        else:
            fail(("id",), Code.INVALID_ID, "the rule's id is not a UUID or id", "use a UUID")
        return None
    if not isinstance(title, str) or not 0 < len(title.strip()) <= 1000:
        fail(("title",), Code.MISSING_KEY, "this rule has no usable 'title'", "add 'title: ...'")
        return None
    result.id_marks[shown] = at(("id",))
    author = value.get("author")
    owner = author.strip() if isinstance(author, str) and author.strip() else None
    if isinstance(author, list):
        owner = ", ".join(a.strip() for a in author if isinstance(a, str)) or None
    marks: list[str] = []
    tags = value.get("tags")
    for index, tag in enumerate(tags if isinstance(tags, list) else ()):
        match = TECHNIQUE_TAG.match(tag.strip()) if isinstance(tag, str) else None
        if match is None:
            continue
        technique = match.group(1).lower()
        if technique not in known and revoked.get(technique):
            replacement = revoked[technique]
            assert replacement is not None
            problems.append(
                Diagnostic(
                    shown,
                    *at(("tags", index)),
                    Code.UNKNOWN_FOCUS_AREA,
                    f"tag '{tag}' names a technique the catalogue revoked; counted for"
                    f" '{replacement}'",
                    f"tag the rule attack.{replacement}",
                    severity=Severity.WARNING,
                )
            )
            technique = replacement
        if technique not in known:
            result.unknown_tags[tag] = result.unknown_tags.get(tag, 0) + 1
            problems.append(
                Diagnostic(
                    shown,
                    *at(("tags", index)),
                    Code.UNKNOWN_FOCUS_AREA,
                    f"tag '{tag}' names a technique the catalogue lacks; left out",
                    "the catalogue may be of another ATT&CK version than the rule",
                    severity=Severity.WARNING,
                )
            )
            continue
        if technique not in marks:
            marks.append(technique)
    logsource = value.get("logsource")
    attributes = {"kind": "detection"}
    for key in ("level", "status"):
        if isinstance(value.get(key), str) and value[key].strip():
            attributes[key] = value[key].strip()
    if isinstance(logsource, dict):
        for key in ("product", "category", "service"):
            if isinstance(logsource.get(key), str) and logsource[key].strip():
                attributes[key] = logsource[key].strip()
    return Rule(
        id=rule_id.strip().lower(),
        name=" ".join(title.split()),
        owner=owner,
        start=_year(value.get("date")),
        source=shown,
        focus_areas=tuple(marks),
        attributes=attributes,
    )


def _year(value: object) -> int | None:
    if isinstance(value, datetime | date):
        return value.year
    if isinstance(value, str):
        match = _YEAR.match(value.strip())
        if match:
            year = int(match.group(1))
            return year if 1000 <= year <= 9999 else None
    return None


def to_initiatives(rules: Iterable[Rule]) -> dict[str, Any]:
    """initiatives.yaml's values: one initiative per rule, in file order."""
    items = []
    for rule in rules:
        entry: dict[str, Any] = {"id": rule.id, "name": rule.name}
        if rule.owner:
            entry["owner"] = rule.owner
        entry["source"] = rule.source
        if rule.start is not None:
            entry["start"] = rule.start
        entry["attributes"] = dict(rule.attributes)
        entry["focus_areas"] = list(rule.focus_areas)
        items.append(entry)
    return {"initiatives": items}
