"""Turn a data directory into a validated :class:`~gapcheck.model.Dataset` and diagnostics.

Three stages, each reporting every problem it finds: YAML (:mod:`gapcheck.yamlread`),
the shape of each file (the pydantic models of :mod:`gapcheck.model`), and the
consistency of the two files together (ids, references, parents, years).
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import math
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from gapcheck.diagnostics import (
    Code,
    Diagnostic,
    Severity,
    has_errors,
    shorten,
    sort_diagnostics,
)
from gapcheck.i18n import Said
from gapcheck.limits import MAX_BYTES, MAX_MIN_INITIATIVES, MAX_PROBLEMS
from gapcheck.model import (
    ID_PATTERN,
    MAX_PRIORITY,
    MAX_YEAR,
    MIN_PRIORITY,
    MIN_YEAR,
    ROLLUPS,
    STRENGTHS,
    Acceptance,
    Catalogue,
    Dataset,
    FocusArea,
    FocusAreasFile,
    FocusRef,
    Initiative,
    InitiativesFile,
    Owner,
    Rollup,
    Terms,
    Thresholds,
    minor_unit,
)
from gapcheck.yamlread import Mark, SourceMap, Watcher, read_yaml
from gapcheck.yamlread import position as text_position

FOCUS_AREAS_FILE = "focus_areas.yaml"
INITIATIVES_FILE = "initiatives.yaml"
#: How many (word, choice) pairs 'did you mean ...?' may compare in one file. difflib
#: compares a word with every choice; thousands of unknown ids among thousands of
#: focus areas would otherwise take minutes. Past the budget, the plain hint is given.
SUGGESTION_BUDGET = 10_000


def _create_hint(name: str) -> str:
    """How to start a missing data file, with what an installed gapcheck itself offers."""
    kind = "focus-areas" if name == FOCUS_AREAS_FILE else "initiatives"
    return (
        "create it: 'gapcheck init DIR' writes both files with commented examples,"
        f" and 'gapcheck schema {kind}' prints what it may hold"
    )


class InputError(Said):
    """An input path that cannot be used at all (the command line exits 2). Its message
    is a catalogue entry: ``str(exc)`` the English, ``exc.text(lang)`` another language."""


@dataclass(frozen=True)
class LoadResult:
    """The dataset, or ``None`` when any error was found, and every problem found."""

    dataset: Dataset | None
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class _FileSpec:
    name: str
    key: str
    file_model: type[BaseModel]
    item_model: type[BaseModel]
    noun: str
    extra_keys: tuple[str, ...] = ()  # other top-level keys the file may have


_AREAS = _FileSpec(
    FOCUS_AREAS_FILE,
    "focus_areas",
    FocusAreasFile,
    FocusArea,
    "focus area",
    ("title", "thresholds", "as_of", "rollup", "catalogue", "terms"),
)
_INITIATIVES = _FileSpec(
    INITIATIVES_FILE,
    "initiatives",
    InitiativesFile,
    Initiative,
    "initiative",
    ("currency", "owners"),
)


@dataclass(frozen=True)
class PreRead:
    """A data file's content read by another reader (a workbook): the plain values YAML
    would give, each placed in ``source`` (a cell's row and column, with its sheet)."""

    value: Any
    source: SourceMap


@dataclass
class _Parsed:
    """One file after YAML and shape checks."""

    file: str
    source: SourceMap | None
    raw_items: list[Any]
    items: list[tuple[int, Any]]  # (index in the file, validated model)
    thresholds: Thresholds | None = None
    terms: Terms | None = None
    title: str | None = None
    as_of: int | None = None
    rollup: Rollup | None = None
    catalogue: Catalogue | None = None
    currency: str | None = None
    owners: tuple[Owner, ...] = ()
    raw_owners: Any = None  # the 'owners:' value as read, to judge references to it
    usable: bool = False  # the file's top level was right, so its ids can be judged
    complete: bool = True  # read to its end (reading stops after too many problems)


def load_dataset(
    directory: Path,
    *,
    label: str | None = None,
    max_bytes: int = MAX_BYTES,
    careful: bool = False,
    timings: dict[str, float] | None = None,
) -> LoadResult:
    """Load and check ``directory``'s two files.

    Raises :class:`InputError` only when ``directory`` itself, or a file in it,
    cannot be read at all; everything wrong with the contents is a diagnostic.
    Valid data is taken from a quick pass that keeps no positions unless
    ``careful``; ``timings``, if given, receives the seconds of each pass.
    """
    if not directory.exists():
        raise InputError("input.no_directory", path=directory)
    if not directory.is_dir():
        raise InputError("input.not_directory", path=directory)
    diagnostics: list[Diagnostic] = []
    contents = {
        name: _read_file(directory / name, os.fspath(directory / name), diagnostics, max_bytes)
        for name in (FOCUS_AREAS_FILE, INITIATIVES_FILE)
    }
    return _load(
        contents,
        lambda name: os.fspath(directory / name),
        label or str(directory),
        diagnostics,
        careful=careful,
        timings=timings,
    )


def load_contents(
    contents: Mapping[str, bytes | int | None],
    *,
    display: Callable[[str], str],
    label: str,
    max_bytes: int = MAX_BYTES,
) -> LoadResult:
    """Load the two files from contents already read (e.g. from a git revision).

    ``contents`` maps ``focus_areas.yaml`` and ``initiatives.yaml`` to their bytes,
    to their size when that is known to be over ``max_bytes`` (they were not read), or
    to ``None`` when the file does not exist; ``display`` names a file in messages.
    """
    diagnostics: list[Diagnostic] = []
    usable: dict[str, bytes | None] = {}
    for name in (FOCUS_AREAS_FILE, INITIATIVES_FILE):
        data = contents.get(name)
        if data is None:
            diagnostics.append(
                Diagnostic(
                    display(name), 1, 1, Code.FILE_MISSING, "file not found", _create_hint(name)
                )
            )
        elif isinstance(data, int) or len(data) > max_bytes:
            size = data if isinstance(data, int) else len(data)
            diagnostics.append(_too_large(display(name), size, max_bytes))
            data = None
        usable[name] = data
    return _load(usable, display, label, diagnostics)


def load_values(
    contents: Mapping[str, PreRead | None],
    *,
    display: Callable[[str], str],
    label: str,
    diagnostics: list[Diagnostic],
) -> LoadResult:
    """Check values read by another reader (:mod:`gapcheck.readers.workbook`) with the
    same rules as YAML, in one pass that keeps every position (they are known anyway)."""
    return _load(contents, display, label, list(diagnostics), careful=True)


def _load(
    contents: Mapping[str, bytes | PreRead | None],
    display: Callable[[str], str],
    label: str,
    diagnostics: list[Diagnostic],
    *,
    careful: bool = False,
    timings: dict[str, float] | None = None,
) -> LoadResult:
    """Check the two files; valid data in one quick pass, anything else in a second.

    Both passes run the same code. The quick pass keeps no positions and stops at
    the first problem; if it finds none, its dataset is the answer. Otherwise the
    files are checked again keeping every position, so that each problem can say
    where it is. Both keep the positions annotations need (:data:`ANNOTATED`), so
    that they point into the files without reading them again.
    """
    collecting = gc.isenabled()
    gc.disable()  # the cyclic collector would rescan the growing heap over and over
    try:
        if not careful and not diagnostics:
            clock = time.perf_counter()
            quick: list[Diagnostic] = []
            areas, initiatives = _check(contents, display, quick, positions=False)
            if timings is not None:
                timings["read and check"] = time.perf_counter() - clock
            if not quick:
                return LoadResult(_dataset(label, display, areas, initiatives), [])
        clock = time.perf_counter()
        areas, initiatives = _check(contents, display, diagnostics, positions=True)
        diagnostics = _cap(_drop_echoes(sort_diagnostics(diagnostics)))
        if timings is not None:
            timings["read and check, with positions"] = time.perf_counter() - clock
        if has_errors(diagnostics):
            return LoadResult(None, diagnostics)
        return LoadResult(_dataset(label, display, areas, initiatives), diagnostics)
    finally:
        if collecting:
            gc.enable()


#: The keys of focus_areas.yaml whose positions every read keeps, for annotations.
ANNOTATED = frozenset({"id", "accepted"})


def _check(
    contents: Mapping[str, bytes | PreRead | None],
    display: Callable[[str], str],
    diagnostics: list[Diagnostic],
    *,
    positions: bool,
) -> tuple[_Parsed, _Parsed]:
    """Every check of both files; without ``positions``, stop at the first problem.

    Either way, the positions annotations need are kept: each focus area's ``id`` and
    ``accepted:`` (:data:`ANNOTATED`), so that no file is read twice.
    """
    limit = MAX_PROBLEMS if positions else 0
    areas = _load_file(
        contents.get(FOCUS_AREAS_FILE),
        display(FOCUS_AREAS_FILE),
        _AREAS,
        diagnostics,
        limit,
        positions=positions,
        keep=ANNOTATED,
    )
    if diagnostics and not positions:
        return areas, _Parsed(display(INITIATIVES_FILE), None, [], [])
    initiatives = _load_file(
        contents.get(INITIATIVES_FILE),
        display(INITIATIVES_FILE),
        _INITIATIVES,
        diagnostics,
        limit,
        positions=positions,
    )
    _cross_check(areas, initiatives, diagnostics)
    return areas, initiatives


def _dataset(
    label: str,
    display: Callable[[str], str],
    areas: _Parsed,
    initiatives: _Parsed,
) -> Dataset:
    accepted = {}
    for index, area in areas.items:
        if area.accepted is not None:
            mark = _place_key(areas, ("focus_areas", index, "accepted"))
            accepted[area.id] = (areas.file, mark.line, mark.column)
    return Dataset(
        label=label,
        focus_areas=tuple(model for _, model in areas.items),
        initiatives=tuple(model for _, model in initiatives.items),
        thresholds=areas.thresholds or Thresholds(),
        title=areas.title,
        terms=areas.terms,
        as_of=areas.as_of,
        positions=_positions(areas),
        accepted_positions=accepted,
        focus_areas_file=display(FOCUS_AREAS_FILE),
        currency=initiatives.currency,
        owners=initiatives.owners,
        rollup=areas.rollup,
        catalogue=areas.catalogue,
    )


def with_stale_acceptances(result: LoadResult, year: int) -> LoadResult:
    """``result`` with a GC307 warning for each ``accepted:`` on an area that is not a gap.

    Gaps are counted as ``gapcheck gaps`` counts them: in ``year`` when the data has
    years (else every initiative), by the data's ``thresholds:``. Only data with an
    ``accepted:`` pays for the analysis (and its imports).
    """
    dataset = result.dataset
    if dataset is None or not any(area.accepted for area in dataset.focus_areas):
        return result
    from gapcheck.analysis import has_years, stale_acceptances
    from gapcheck.graph import Portfolio

    stale = stale_acceptances(Portfolio(dataset, at=year if has_years(dataset) else None))
    if not stale:
        return result
    places = {**dataset.positions, **dataset.accepted_positions}
    warnings = []
    for area_id in stale:
        file, line, column = places.get(area_id, (dataset.focus_areas_file or "", 1, 1))
        warnings.append(
            Diagnostic(
                file,
                line,
                column,
                Code.STALE_ACCEPTANCE,
                f"'{area_id}' is accepted as a gap, but it is not one",
                "remove 'accepted:' (its gap has closed), or check the area's initiatives",
                Severity.WARNING,
            )
        )
    return LoadResult(dataset, sort_diagnostics([*result.diagnostics, *warnings]))


def _positions(areas: _Parsed) -> dict[str, tuple[str, int, int]]:
    positions = {}
    for index, area in areas.items:
        mark = _place(areas, ("focus_areas", index, "id"))
        positions[area.id] = (areas.file, mark.line, mark.column)
    return positions


def _drop_echoes(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A value the YAML stage could not read is not reported again as a wrong type."""
    yaml_places = {
        (d.file, d.line, d.column) for d in diagnostics if d.code.value.startswith("GC1")
    }
    return [
        d
        for d in diagnostics
        if d.code is not Code.WRONG_TYPE or (d.file, d.line, d.column) not in yaml_places
    ]


def _too_large(display: str, size: int, max_bytes: int) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        Code.FILE_UNREADABLE,
        f"the file is too large ({size:,} bytes; the limit is {max_bytes:,})",
        "raise the limit with --max-bytes if the file is right",
    )


def _read_file(
    path: Path, display: str, diagnostics: list[Diagnostic], max_bytes: int = MAX_BYTES
) -> bytes | None:
    """The file's bytes; ``None`` (and a diagnostic) when it is missing or too large.

    Only a regular file is read (a pipe would block forever, /dev/zero never end), and
    a symbolic link only when it stays inside the data directory: a link committed to
    a repository must not make gapcheck read, and echo, a file elsewhere.
    """
    from gapcheck.fileio import TooLarge, read_regular

    try:
        if path.is_symlink():
            _check_link(path, display)
        return read_regular(path, max_bytes)
    except FileNotFoundError:
        diagnostics.append(
            Diagnostic(display, 1, 1, Code.FILE_MISSING, "file not found", _missing_hint(path))
        )
        return None
    except IsADirectoryError:
        raise InputError("input.directory_not_yaml", path=display) from None
    except TooLarge as exc:
        diagnostics.append(_too_large(display, exc.size, max_bytes))
        return None
    except OSError as exc:
        raise InputError("input.unreadable", path=display, reason=exc.strerror or exc) from None


def _check_link(path: Path, display: str) -> None:
    """Refuse a link at ``path`` whose target is outside ``path``'s directory."""
    folder = os.path.realpath(path.parent)
    target = os.path.realpath(path)  # a loop is left for the read to report (ELOOP)
    # Anything but a regular file (a device, a pipe) is refused as such when read.
    if os.path.commonpath([folder, target]) != folder and os.path.isfile(target):
        raise InputError("input.link_outside", path=display)


def _missing_hint(path: Path) -> str:
    if path.is_symlink():
        return f"it is a symbolic link to '{shorten(os.readlink(path))}', which does not exist"
    try:
        siblings = [p.name for p in path.parent.iterdir() if p.name != path.name]
    except OSError:
        siblings = []
    close = difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.6)
    return f"rename '{close[0]}' to '{path.name}'" if close else _create_hint(path.name)


def _decode(data: bytes, display: str, diagnostics: list[Diagnostic]) -> str | None:
    """UTF-8 text, a byte-order mark dropped; ``None`` (and a diagnostic) when not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # valid up to there
        mark = text_position(before, len(before))  # in characters, not bytes
        diagnostics.append(
            Diagnostic(
                display,
                mark.line,
                mark.column,
                Code.FILE_UNREADABLE,
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                "save the file with UTF-8 encoding",
            )
        )
        return None


def _load_file(
    data: bytes | PreRead | None,
    display: str,
    spec: _FileSpec,
    diagnostics: list[Diagnostic],
    limit: int = MAX_PROBLEMS,
    *,
    positions: bool = True,
    keep: frozenset[str] = frozenset(),
) -> _Parsed:
    """Read, shape-check and validate one file (keeping positions, if ``positions``).

    Entries are validated in chunks while the file is read, and reading stops once the
    file has more than ``limit`` problems: a file with a mistake on every line costs
    bounded time and memory.
    """
    parsed = _Parsed(display, None, [], [])
    if data is None:
        return parsed
    if isinstance(data, PreRead):
        source = parsed.source = data.source
        entries = _Entries(spec, parsed, diagnostics)
        value = data.value
    else:
        text = _decode(data, display, diagnostics)
        if text is None:
            return parsed
        source = parsed.source = SourceMap(text)
        entries = _Entries(spec, parsed, diagnostics)
        result = read_yaml(
            text,
            display,
            positions=positions,
            keep=keep,
            max_problems=limit,
            watcher=entries,
            source=source,
        )
        diagnostics.extend(result.diagnostics)
        parsed.complete = result.complete
        if not result.complete and limit == 0:
            # The quick pass stopped at a problem that is reported only once the file is
            # read (an unknown key): never take an unfinished read for a clean one.
            diagnostics.append(Diagnostic(display, 1, 1, Code.TOO_MANY_PROBLEMS, "stopped early"))
        if result.value is None:
            return parsed
        value = result.value
    if not _check_top_level(value, spec, display, source, diagnostics):
        return parsed
    parsed.raw_items = value[spec.key]
    parsed.usable = True
    entries.validate(parsed.raw_items, final=True)
    top = {key: value[key] for key in spec.extra_keys if key in value}
    try:
        valid = spec.file_model.model_validate({**top, spec.key: []})
    except ValidationError as exc:
        for error in exc.errors():
            diagnostics.append(_translate(error, spec, display, source))
    else:
        parsed.thresholds = getattr(valid, "thresholds", None)
        parsed.terms = getattr(valid, "terms", None)
        parsed.title = getattr(valid, "title", None)
        parsed.as_of = getattr(valid, "as_of", None)
        parsed.rollup = getattr(valid, "rollup", None)
        parsed.catalogue = getattr(valid, "catalogue", None)
        parsed.currency = getattr(valid, "currency", None)
        parsed.owners = tuple(getattr(valid, "owners", None) or ())
    parsed.raw_owners = top.get("owners")
    return parsed


class _Entries(Watcher):
    """Validates a file's entries in chunks while it is read; counts its problems."""

    def __init__(self, spec: _FileSpec, parsed: _Parsed, diagnostics: list[Diagnostic]) -> None:
        assert parsed.source is not None
        self.spec = spec
        self.parsed = parsed
        self.source: SourceMap = parsed.source
        self.diagnostics = diagnostics
        self.done = 0  # entries validated so far

    def key(self, key: str | int) -> int:
        # Unknown top-level keys are reported once the file is read (and counted here).
        return 0 if key == self.spec.key or key in self.spec.extra_keys else 1

    def known(self, listed: str | int, key: str | int) -> bool:
        # An entry's unknown key is reported by validation; its value is never needed.
        return listed != self.spec.key or key in _FIELDS[self.spec.item_model]

    def entry(self, key: str | int, entries: list[Any]) -> int:
        if key != self.spec.key or len(entries) - self.done < _CHUNK:
            return 0
        return self.validate(entries)

    def validate(self, entries: list[Any], *, final: bool = False) -> int:
        """Validate the entries not validated yet (a whole chunk, or the rest if final)."""
        before = len(self.diagnostics)
        spec = self.spec
        adapter = _list_adapter(spec.item_model)
        while self.done < len(entries) and (final or len(entries) - self.done >= _CHUNK):
            start = self.done
            chunk = entries[start : start + _CHUNK]
            self.done += len(chunk)
            try:
                models = adapter.validate_python(chunk)
            except ValidationError as exc:
                for error in exc.errors():
                    index, *rest = error["loc"]
                    error["loc"] = (spec.key, start + int(index), *rest)
                    self.diagnostics.append(_translate(error, spec, self.parsed.file, self.source))
                self.parsed.items.extend(_valid_items(spec.item_model, chunk, start))
                if final and len(self.diagnostics) - before > MAX_PROBLEMS:
                    break  # reported as too many; the rest need not be judged
            else:
                self.parsed.items.extend(enumerate(models, start))
                # Valid entries live on as models: drop their raw values as we go.
                entries[start : start + len(chunk)] = [None] * len(chunk)
        return len(self.diagnostics) - before


_CHUNK = 5_000


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _valid_items(
    model: type[BaseModel], raw_items: list[Any], start: int = 0
) -> list[tuple[int, Any]]:
    items = []
    for index, raw in enumerate(raw_items, start):
        try:
            items.append((index, model.model_validate(raw)))
        except ValidationError:
            continue
    return items


def _cap(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PROBLEMS per file (in order), then one line saying how many more."""
    kept: list[Diagnostic] = []
    per_file: dict[str, int] = {}
    dropped: dict[str, Diagnostic] = {}
    for diagnostic in diagnostics:
        seen = per_file.get(diagnostic.file, 0)
        per_file[diagnostic.file] = seen + 1
        if seen < MAX_PROBLEMS:
            kept.append(diagnostic)
        else:
            dropped.setdefault(diagnostic.file, diagnostic)
    for file, first in dropped.items():
        kept.append(
            Diagnostic(
                file,
                first.line,
                first.column,
                Code.TOO_MANY_PROBLEMS,
                f"more than {MAX_PROBLEMS:,} problems in this file; the rest are not shown",
                "fix these first (the file may be of the wrong kind), then validate again",
            )
        )
    return sorted(kept, key=lambda d: d.sort_key)


def _check_top_level(
    value: Any, spec: _FileSpec, file: str, source: SourceMap, diagnostics: list[Diagnostic]
) -> bool:
    """The file must be a mapping with one key, ``spec.key``, holding a list.

    Returns whether that list can be read (other problems are reported either way).
    """
    other = _INITIATIVES if spec is _AREAS else _AREAS
    example = f"start the file with '{spec.key}:' and list each {spec.noun} below it"
    if not isinstance(value, dict):
        mark = source.value(())
        diagnostics.append(
            _problem(
                file,
                mark,
                Code.TOP_LEVEL,
                f"expected a mapping with the key '{spec.key}', got {_describe(value)}",
                example,
            )
        )
        return False
    ok = True
    for key in value:
        if key == spec.key or key in spec.extra_keys:
            continue
        mark = source.key((key,))
        if key == other.key:
            hint = f"the {other.key.replace('_', ' ')} belong in {other.name}; this is {spec.name}"
        else:
            allowed = [*spec.extra_keys, spec.key]
            hint = _did_you_mean(str(key), allowed) or (
                f"the only key here is '{spec.key}'"
                if not spec.extra_keys
                else "the keys here are " + ", ".join(f"'{k}'" for k in allowed)
            )
        diagnostics.append(
            _problem(
                file,
                mark,
                Code.UNKNOWN_KEY,
                f"unknown key '{shorten(key)}'",
                hint,
            )
        )
        ok = False
    if spec.key not in value:
        if ok:  # not already explained by an unknown key
            diagnostics.append(
                Diagnostic(
                    file, 1, 1, Code.TOP_LEVEL, f"missing the top-level key '{spec.key}'", example
                )
            )
        return False
    items = value[spec.key]
    if items is None:
        mark = source.value((spec.key,))
        here = (file, mark.line, mark.column)
        if any((d.file, d.line, d.column) == here for d in diagnostics):
            return False  # not empty but unreadable ('!!tag x', '*unknown'): ids unknown
        value[spec.key] = []
        return True
    if not isinstance(items, list):
        mark = source.value((spec.key,))
        diagnostics.append(
            _problem(
                file,
                mark,
                Code.TOP_LEVEL,
                f"'{spec.key}' must be a list, got {_describe(items)}",
                f"write each {spec.noun} on its own line starting with '- '",
            )
        )
        return False
    return True  # unknown keys beside the list are reported; the list can still be read


# --- pydantic errors -> diagnostics -------------------------------------------------

_FIELDS: dict[type, list[str]] = {
    FocusArea: list(FocusArea.model_fields),
    Initiative: list(Initiative.model_fields),
    Thresholds: list(Thresholds.model_fields),
    FocusRef: [field.name for field in dataclasses.fields(FocusRef)],
    Acceptance: list(Acceptance.model_fields),
    Owner: list(Owner.model_fields),
    Catalogue: list(Catalogue.model_fields),
}
_ID = re.compile(ID_PATTERN)
_YAML_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"}


def _model_at(spec: _FileSpec, loc: tuple[Any, ...]) -> type:
    """The model whose field ``loc`` names: item fields at depth 3, references at 5."""
    if loc and loc[0] == "thresholds":
        return Thresholds
    if loc and loc[0] == "catalogue":
        return Catalogue
    if loc and loc[0] == "owners":
        return Owner
    if _in_acceptance(loc):
        return Acceptance
    return FocusRef if len(loc) >= 5 else spec.item_model


def _in_acceptance(loc: tuple[Any, ...]) -> bool:
    """``loc`` is a key inside a focus area's ``accepted:`` mapping."""
    return len(loc) >= 4 and loc[0] == "focus_areas" and loc[2] == "accepted"


def _judgement_problem(field: str, value: Any, token: str) -> tuple[str, str]:
    """GC208: a strength, min_strength, priority or accepted date that is not one."""
    if field in ("strength", "min_strength"):
        choices = ", ".join(STRENGTHS)
        hint = (
            _did_you_mean(str(value).strip().lower(), list(STRENGTHS))
            if isinstance(value, str)
            else None
        )
        return (
            f"{field} must be one of {choices}, got {_describe(value)}",
            hint or f"for example: {field}: partial",
        )
    if field == "priority":
        if isinstance(value, str) and value.strip().isdigit():
            return (
                f'priority must be a number, not the text "{shorten(value)}"',
                f"remove the quotes: priority: {shorten(value.strip())}",
            )
        return (
            f"priority must be a whole number from {MIN_PRIORITY} to {MAX_PRIORITY},"
            f" got {_describe(value)}",
            f"for example: priority: {MAX_PRIORITY} (5 = most important, default 3)",
        )
    # accepted.until
    if isinstance(value, datetime):
        return (
            f"until must be a date without a time, got {token or value}",
            f"write the date alone: until: {value.date().isoformat()}",
        )
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is not None:
            return (
                f'until must be a date, not the text "{shorten(value)}"',
                f"remove the quotes: until: {day.isoformat()}",
            )
    return (
        f"until must be a date written YYYY-MM-DD, got {_describe(value)}",
        "for example: until: 2027-06-30 (unquoted)",
    )


_JUDGEMENT_FIELDS = ("strength", "min_strength", "priority")


_TERM_EXAMPLES = {
    "en": "[detection, detections]",
    "da": "[indsats, indsatser, indsatsen, indsatserne]",
}
_TERM_FORMS = {
    "en": "2 forms: singular, plural",
    "da": "4 forms: singular, plural, definite singular, definite plural",
}


def _terms_problem(loc: tuple[Any, ...], kind: str, value: object) -> tuple[str, str]:
    """GC207: what is wrong in ``terms:``, and how to write it."""
    where = ".".join(str(part) for part in loc)
    lang = loc[1] if len(loc) > 1 and loc[1] in _TERM_EXAMPLES else "da"
    if kind == "extra_forbidden" and len(loc) == 2:
        return f"terms: unknown language '{shorten(str(loc[1]))}'", "give terms under en: and da:"
    if kind == "extra_forbidden":
        return (
            f"terms: unknown noun '{shorten(str(loc[-1]))}'",
            "terms rename two nouns: initiative and focus_area",
        )
    if kind in ("model_type", "dict_type"):
        return (
            f"'{where}' must be a mapping of keys, got {_describe(value)}",
            f"for example: terms: {{{lang}: {{initiative: {_TERM_EXAMPLES[lang]}}}}}",
        )
    if kind in ("list_type", "too_short", "too_long"):
        got = f"{len(value)}" if isinstance(value, list) else _describe(value)
        return (
            f"'{where}' must list {_TERM_FORMS[lang]}, got {got}",
            f"for example: initiative: {_TERM_EXAMPLES[lang]}",
        )
    if kind == "value_error":
        return (
            f"'{where}': the definite singular must end in -en or -et, got"
            f" '{shorten(str(value[2]) if isinstance(value, list) else str(value))}'",
            "its ending tells the noun's gender: indsatsen (en indsats), indsatsområdet"
            " (et indsatsområde)",
        )
    return (
        f"'{where}' must be a word, got {_describe(value)}",
        "letters and digits, with spaces, hyphens or apostrophes between; at most 60 characters",
    )


def _translate(error: Any, spec: _FileSpec, file: str, source: SourceMap) -> Diagnostic:
    loc: tuple[Any, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    field = loc[-1] if loc and isinstance(loc[-1], str) else None
    hint: str | None

    def at(mark: Mark, code: Code, message: str, hint: str | None = None) -> Diagnostic:
        return _problem(file, mark, code, message, hint)

    # The names a dataclass (FocusRef) gives the kinds a model calls otherwise.
    kind = {
        "unexpected_keyword_argument": "extra_forbidden",
        "missing_argument": "missing",
        "dataclass_type": "model_type",
        "dataclass_exact_type": "model_type",
    }.get(kind, kind)
    if loc and loc[0] == "terms":
        where = source.key(loc) if kind == "extra_forbidden" else source.value(loc)
        return at(where, Code.INVALID_VALUE, *_terms_problem(loc, kind, value))
    if kind == "extra_forbidden":
        allowed = _FIELDS[_model_at(spec, loc)]
        hint = _did_you_mean(str(field), allowed) or "allowed keys: " + ", ".join(allowed)
        return at(source.key(loc), Code.UNKNOWN_KEY, f"unknown key '{shorten(field)}'", hint)
    if kind == "missing":
        where = source.value(loc[:-1])
        noun = "focus area reference" if len(loc) >= 5 else spec.noun
        if _in_acceptance(loc):
            noun = "acceptance"
        if loc and loc[0] == "owners":
            noun = "owner"
        return at(where, Code.MISSING_KEY, f"this {noun} has no '{field}'", f"add '{field}: ...'")
    resource = _resource_problem(loc, value)
    if resource is not None:
        path, message, advice = resource
        return at(source.value(path), Code.INVALID_RESOURCE, message, advice)
    mark = source.value(loc)
    if field in _JUDGEMENT_FIELDS or (field == "until" and _in_acceptance(loc)):
        return at(
            mark, Code.INVALID_JUDGEMENT, *_judgement_problem(field, value, source.token(mark))
        )
    if kind in ("model_type", "dict_type") and len(loc) == 3 and loc[2] == "accepted":
        return at(
            mark,
            Code.WRONG_TYPE,
            f"'accepted' must be a mapping of keys, got {_describe(value)}",
            "indent 'reason: ...', 'by: ...' and 'until: YYYY-MM-DD' below 'accepted:'",
        )
    if kind == "value_error" and (field in ("url", "attributes") or "attributes" in loc):
        message = str(error["msg"]).removeprefix("Value error, ")
        hint = (
            "write the address in full, e.g. url: https://example.org/page"
            if field == "url"
            else "for example: attributes: {platforms: [windows, linux], kind: detection}"
        )
        return at(mark, Code.INVALID_VALUE, message, hint)
    if field == "rollup":
        return at(
            mark,
            Code.INVALID_VALUE,
            f"rollup must be one of {', '.join(ROLLUPS)}, got {_describe(value)}",
            _did_you_mean(str(value).strip().lower(), list(ROLLUPS)) or "for example: rollup: any",
        )
    if field in ("start", "end", "as_of"):
        return at(mark, Code.INVALID_YEAR, *_year_problem(field, value, source.token(mark)))
    if field == "max_share":
        return at(
            mark,
            Code.INVALID_VALUE,
            f"max_share must be a number from 0 to 1, got {_describe(value)}",
            "for example: max_share: 0.5",
        )
    if field == "min_initiatives":
        return at(
            mark,
            Code.INVALID_VALUE,
            f"min_initiatives must be a whole number from 1 to {MAX_MIN_INITIATIVES:,},"
            f" got {_describe(value)}",
            "for example: min_initiatives: 2",
        )
    if kind == "string_pattern_mismatch":
        suggestion = _slug(str(value))
        hint = "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"
        if suggestion:
            hint += f"; did you mean '{suggestion}'?"
        return at(mark, Code.INVALID_ID, f"'{shorten(value)}' is not a valid id", hint)
    if kind in ("string_too_short", "string_too_long"):
        hint = "write some text" if kind == "string_too_short" else "shorten it"
        return at(mark, Code.INVALID_VALUE, f"'{field}' {error['msg'].lower()}", hint)
    if kind == "string_type":
        token = source.token(mark)
        if value is None:
            hint = f"write a value after '{field}:' or remove the line"
        elif token.lower() in _YAML_WORDS or isinstance(value, bool | int | float | date):
            hint = f'quote it: {field}: "{token}"'
        else:  # a list or a mapping: '[', '{', '- ' or ': ' in unquoted text
            hint = f"write the text on the same line as '{field}:', in quotes"
        return at(mark, Code.WRONG_TYPE, f"'{field}' must be text, got {_describe(value)}", hint)
    if kind in ("model_type", "dict_type") and loc[0] == "thresholds":
        return at(
            mark,
            Code.WRONG_TYPE,
            f"'thresholds' must be a mapping of keys, got {_describe(value)}",
            "indent 'min_initiatives: ...' and 'max_share: ...' below 'thresholds:'",
        )
    if kind in ("model_type", "dict_type"):
        if len(loc) == 4:  # an entry of an initiative's focus_areas list
            return at(
                mark,
                Code.WRONG_TYPE,
                f"a focus area reference must be an id or a mapping, got {_describe(value)}",
                "write '- some-id' or '- id: some-id' with 'note: ...' below it",
            )
        return at(
            mark,
            Code.WRONG_TYPE,
            f"each {spec.noun} must be a mapping of keys, got {_describe(value)}",
            "start each entry with '- id: ...' and indent its other keys",
        )
    if kind == "list_type":
        return at(
            mark,
            Code.WRONG_TYPE,
            f"'{field}' must be a list, got {_describe(value)}",
            "write each entry on its own line starting with '- ', or [] for none",
        )
    return at(
        mark,
        Code.WRONG_TYPE,
        f"'{field or loc[-1]}': {error['msg']}",
        f"'gapcheck schema {spec.key.replace('_', '-')}' shows what this key holds",
    )


def _resource_problem(loc: tuple[Any, ...], value: Any) -> tuple[tuple[Any, ...], str, str] | None:
    """GC209: a budget, share, currency or owner level that is not one; else None."""
    if "budget" in loc and loc[0] == "initiatives":
        where = loc[: loc.index("budget") + 1]
        if len(loc) > len(where) + 1:  # a year's entry of the mapping: loc names its key
            where = (*where, str(loc[len(where) + 1]))
        if isinstance(value, str) and value.replace("_", "").replace(".", "", 1).isdigit():
            return (
                where,
                f'a budget must be a number, not the text "{shorten(value)}"',
                "remove the quotes: amounts are YAML numbers, e.g. budget: 2500000",
            )
        if loc[-1] == "[key]":
            return (
                where,
                f"a budget's years must be years from {MIN_YEAR} to {MAX_YEAR},"
                f" got {_describe(value)}",
                "write budget: {2008: 2000000, 2009: 2500000}",
            )
        return (
            where,
            f"a budget must be an amount from 0 to 10^15, or a mapping of years to amounts,"
            f" got {_describe(value)}",
            "for example: budget: 2500000, or budget: {2008: 2000000, 2009: 2500000}",
        )
    field = loc[-1] if loc else None
    if field == "share" and len(loc) >= 5:
        if isinstance(value, str):
            return (loc, f'share must be a number, not the text "{shorten(value)}"', _SHARE_HINT)
        return (
            loc,
            f"share must be a number above 0 and at most 1, got {_describe(value)}",
            _SHARE_HINT,
        )
    if field == "currency" and len(loc) == 1:
        text = value.strip().upper() if isinstance(value, str) else ""
        hint = (
            f"write it in capitals: currency: {text}"
            if re.fullmatch(r"[A-Z]{3}", text)
            else "write a three-letter ISO 4217 code, e.g. currency: DKK"
        )
        return (loc, f"currency must be an ISO 4217 code, got {_describe(value)}", hint)
    if field == "level" and loc[0] == "owners":
        from gapcheck.model import OWNER_LEVELS

        suggestion = (
            _did_you_mean(value.strip().lower(), list(OWNER_LEVELS))
            if isinstance(value, str)
            else None
        )
        if isinstance(value, str) and value.strip().lower() in OWNER_LEVELS:
            suggestion = f"write it in lowercase: level: {value.strip().lower()}"
        return (
            loc,
            f"level must be one of {', '.join(OWNER_LEVELS)}, got {_describe(value)}",
            suggestion or "for example: level: regional",
        )
    return None


_SHARE_HINT = "a fraction of the budget, e.g. share: 0.25 (marks without a share split the rest)"


def _year_problem(field: str, value: Any, token: str) -> tuple[str, str | None]:
    if isinstance(value, bool):
        return f"{field} must be a year, got {token or value!r}", "write a year, e.g. 2008"
    if isinstance(value, int):
        return (
            f"{field} {shorten(value)} is not a year from {MIN_YEAR} to {MAX_YEAR}",
            "write the year with four digits",
        )
    if isinstance(value, str) and value.strip().isdigit():
        return (
            f'{field} must be a number, not the text "{shorten(value)}"',
            f"remove the quotes: {field}: {shorten(value.strip())}",
        )
    if isinstance(value, float):
        near = round(value) if math.isfinite(value) else 0
        whole = str(near) if MIN_YEAR <= near <= MAX_YEAR else "2008"
        return f"{field} must be a whole year, got {token or value}", f"write {field}: {whole}"
    if isinstance(value, date):
        return f"{field} must be a year, got the date {value}", f"write {field}: {value.year}"
    return f"{field} must be a year, got {_describe(value)}", "write a year, e.g. 2008"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, int | float | Decimal):
        return f"the number {shorten(getattr(value, 'yaml_text', None) or str(value))}"
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return f"the date {value}"
    return type(value).__name__


def _problem(
    file: str,
    mark: Mark,
    code: Code,
    message: str,
    hint: str | None = None,
    *,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    return Diagnostic(file, mark.line, mark.column, code, message, hint, severity, mark.sheet)


def _at(mark: Mark) -> str:
    """Where an earlier entry is, for a message: ``line 7``, or ``cell Sheet!A7``."""
    if mark.sheet is None:
        return f"line {mark.line}"
    from gapcheck.diagnostics import column_letter

    return f"{mark.sheet}!{column_letter(mark.column)}{mark.line}"


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


class _Suggester:
    """'did you mean ...?' among the ids of a file, within :data:`SUGGESTION_BUDGET`.

    Only valid ids are suggested: the ids of entries that failed validation count as
    known (no cascade of "unknown" references), but are no advice to follow.
    """

    def __init__(self, choices: set[str]) -> None:
        self.choices = sorted(c for c in choices if len(c) <= 200 and _ID.fullmatch(c))
        self.budget = SUGGESTION_BUDGET
        self.found: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word not in self.found:
            if len(self.choices) > self.budget:
                return None
            self.budget -= len(self.choices)
            self.found[word] = _did_you_mean(word, self.choices)
        return self.found[word]


def _slug(text: str) -> str:
    """The id a name or a wrong id suggests: æ/ø/å spelled out as ``import`` does."""
    from gapcheck.ids import spell_out

    slug = re.sub(r"[^a-z0-9._-]+", "-", spell_out(text.strip())).strip("-._")
    return slug[:60]


# --- consistency of the two files ----------------------------------------------------


def _cross_check(areas: _Parsed, initiatives: _Parsed, diagnostics: list[Diagnostic]) -> None:
    area_ids = _check_unique(areas, "focus area", diagnostics)
    initiative_ids = _check_unique(initiatives, "initiative", diagnostics)
    # Ids of entries that failed validation still count as known: one mistake,
    # one message, not a cascade of "unknown" references to it.
    known: set[str] | None = set(area_ids) | {
        raw["id"]
        for raw in areas.raw_items
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }
    if not areas.usable or not areas.complete:
        known = None  # focus_areas.yaml is unusable: references cannot be judged
    _check_parents(areas, known, diagnostics)
    revoked = areas.catalogue.revoked if areas.catalogue is not None else None
    _check_initiatives(initiatives, known, set(initiative_ids), diagnostics, revoked or {})
    _check_resources(initiatives, diagnostics)


def _place(parsed: _Parsed, path: tuple[Any, ...]) -> Mark:
    assert parsed.source is not None
    return parsed.source.value(path)


def _check_unique(parsed: _Parsed, noun: str, diagnostics: list[Diagnostic]) -> dict[str, int]:
    """Report each repeated id at its second entry; the ids of the valid entries.

    Entries with another problem (a wrong type, a missing key) count too, when their
    id itself is valid: a duplicate is reported in the same run as that problem,
    not only once it is fixed.
    """
    key = "focus_areas" if noun == "focus area" else "initiatives"
    valid = {index: model.id for index, model in parsed.items}
    ids = dict(valid)
    for index, raw in enumerate(parsed.raw_items):
        if index not in valid and isinstance(raw, dict):
            value = raw.get("id")
            if isinstance(value, str) and len(value) <= 200 and _ID.fullmatch(value):
                ids[index] = value
    first: dict[str, int] = {}
    for index in sorted(ids):
        item_id = ids[index]
        if item_id in first:
            mark = _place(parsed, (key, index, "id"))
            earlier = _place(parsed, (key, first[item_id], "id"))
            diagnostics.append(
                _problem(
                    parsed.file,
                    mark,
                    Code.DUPLICATE_ID,
                    f"duplicate {noun} id '{item_id}' (first at {_at(earlier)})",
                    "ids must be unique; rename one or merge the two entries",
                )
            )
        else:
            first[item_id] = index
    kept: dict[str, int] = {}
    for index, item_id in valid.items():
        kept.setdefault(item_id, index)
    return kept


def _check_parents(areas: _Parsed, known: set[str] | None, diagnostics: list[Diagnostic]) -> None:
    parent_of: dict[str, str] = {}
    index_of: dict[str, int] = {}
    suggest = _Suggester(known or set())
    for index, area in areas.items:
        index_of.setdefault(area.id, index)
        if area.parent is None:
            continue
        if known is not None and area.parent not in known:
            mark = _place(areas, ("focus_areas", index, "parent"))
            diagnostics.append(
                _problem(
                    areas.file,
                    mark,
                    Code.UNKNOWN_PARENT,
                    f"unknown parent '{area.parent}'",
                    suggest(area.parent) or "use the id of another focus area",
                )
            )
            continue
        parent_of.setdefault(area.id, area.parent)
    state: dict[str, str] = {}  # "open" while on the current walk, then "done"
    for start in parent_of:
        walk: list[str] = []
        node = start
        while node in parent_of and node not in state:
            state[node] = "open"
            walk.append(node)
            node = parent_of[node]
        if state.get(node) == "open":
            _report_cycle(areas, walk[walk.index(node) :], index_of, diagnostics)
        for member in walk:
            state[member] = "done"


def _report_cycle(
    areas: _Parsed, cycle: list[str], index_of: dict[str, int], diagnostics: list[Diagnostic]
) -> None:
    """Report once, at the parent value of the cycle's member that comes first in the file."""
    head = min(cycle, key=lambda member: index_of[member])
    position = cycle.index(head)
    loop = [*cycle[position:], *cycle[:position], head]
    mark = _place(areas, ("focus_areas", index_of[head], "parent"))
    diagnostics.append(
        _problem(
            areas.file,
            mark,
            Code.PARENT_CYCLE,
            "parent cycle: " + shorten(" -> ".join(loop), 200),
            "focus areas form a tree; remove one of these parent links",
        )
    )


def _check_initiatives(
    initiatives: _Parsed,
    known: set[str] | None,
    initiative_ids: set[str],
    diagnostics: list[Diagnostic],
    revoked: Mapping[str, str | None],
) -> None:
    suggest = _Suggester(known or set())
    for index, item in initiatives.items:
        base = ("initiatives", index)
        if item.start is not None and item.end is not None and item.start > item.end:
            mark = _place(initiatives, (*base, "end"))
            diagnostics.append(
                _problem(
                    initiatives.file,
                    mark,
                    Code.START_AFTER_END,
                    f"end {item.end} is before start {item.start}",
                    "swap the two years, or correct one of them",
                )
            )
        seen: set[str] = set()
        for position, ref in enumerate(item.focus_areas):
            mark = _place(initiatives, (*base, "focus_areas", position, "id"))
            if ref.id in seen:
                diagnostics.append(
                    _problem(
                        initiatives.file,
                        mark,
                        Code.REPEATED_REFERENCE,
                        f"'{ref.id}' is listed twice for this initiative; it counts once",
                        "remove the repeated line",
                        severity=Severity.WARNING,
                    )
                )
                continue
            seen.add(ref.id)
            if known is None or ref.id in known:
                continue
            if ref.id in revoked:
                diagnostics.append(_revoked(initiatives.file, mark, ref.id, revoked[ref.id]))
                continue
            hint = suggest(ref.id)
            if ref.id in initiative_ids:  # an exact match says more than a close one
                hint = f"'{ref.id}' is an initiative; list focus areas from {FOCUS_AREAS_FILE}"
            diagnostics.append(
                _problem(
                    initiatives.file,
                    mark,
                    Code.UNKNOWN_FOCUS_AREA,
                    f"unknown focus area '{ref.id}'",
                    hint or f"add it to {FOCUS_AREAS_FILE}, or use one of its ids",
                )
            )


def _revoked(file: str, mark: Mark, area_id: str, replacement: str | None) -> Diagnostic:
    """GC302 for an id the catalogue revoked or deprecated, naming what replaces it."""
    if replacement is None:
        return _problem(
            file,
            mark,
            Code.UNKNOWN_FOCUS_AREA,
            f"focus area '{area_id}' was deprecated by the catalogue, with no replacement",
            "remove this line, or map the initiative to a current focus area",
        )
    return _problem(
        file,
        mark,
        Code.UNKNOWN_FOCUS_AREA,
        f"focus area '{area_id}' was revoked by the catalogue; it is now '{replacement}'",
        f"replace '{area_id}' with '{replacement}'",
    )


# --- resources: money and owners -----------------------------------------------------


def _check_resources(initiatives: _Parsed, diagnostics: list[Diagnostic]) -> None:
    """Owners' ids, references to them, amounts against the currency, shares' sum."""
    file = initiatives.file
    raw_owners = initiatives.raw_owners if isinstance(initiatives.raw_owners, list) else []
    owner_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_owners):
        value = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(value, str):
            continue
        if value in owner_ids:
            earlier = _place(initiatives, ("owners", owner_ids[value], "id"))
            diagnostics.append(
                _problem(
                    file,
                    _place(initiatives, ("owners", index, "id")),
                    Code.DUPLICATE_ID,
                    f"duplicate owner id '{value}' (first at {_at(earlier)})",
                    "ids must be unique; rename one or merge the two entries",
                )
            )
        else:
            owner_ids[value] = index
    suggest = _Suggester(set(owner_ids))
    currency_missing = initiatives.currency is None and not any(
        d.file == file and d.code is Code.INVALID_RESOURCE and d.message.startswith("currency")
        for d in diagnostics
    )
    for index, item in initiatives.items:
        base = ("initiatives", index)
        owner = item.owner
        if owner is not None and raw_owners and _ID.fullmatch(owner) and owner not in owner_ids:
            diagnostics.append(
                _problem(
                    file,
                    _place(initiatives, (*base, "owner")),
                    Code.UNKNOWN_OWNER,
                    f"unknown owner '{shorten(item.owner)}'",
                    suggest(item.owner)
                    or "add it to 'owners:', or write the owner as text with capitals or spaces",
                )
            )
        if item.budget is not None:
            _check_budget(initiatives, index, item, diagnostics, currency_missing=currency_missing)
        shares = [ref.share for ref in _first_marks(item) if ref.share is not None]
        total = sum(shares, Decimal(0))
        if total > 1:
            diagnostics.append(
                _problem(
                    file,
                    _place(initiatives, (*base, "focus_areas")),
                    Code.SHARES_OVER_ONE,
                    f"the shares of this initiative's marks add up to {total}, more than 1",
                    "shares are fractions of one budget: make them add up to 1 or less",
                )
            )


def _place_key(parsed: _Parsed, path: tuple[Any, ...]) -> Mark:
    assert parsed.source is not None
    return parsed.source.key(path)


def _first_marks(item: Initiative) -> list[FocusRef]:
    """Each focus area's first mark (a repeated reference counts once)."""
    seen: dict[str, FocusRef] = {}
    for ref in item.focus_areas:
        seen.setdefault(ref.id, ref)
    return list(seen.values())


def _check_budget(
    initiatives: _Parsed,
    index: int,
    item: Initiative,
    diagnostics: list[Diagnostic],
    *,
    currency_missing: bool,
) -> None:
    file = initiatives.file
    decimals = minor_unit(initiatives.currency)
    base = ("initiatives", index, "budget")
    if currency_missing:
        diagnostics.append(
            _problem(
                file,
                _place(initiatives, base),
                Code.NO_CURRENCY,
                "a budget without a currency",
                "add 'currency: DKK' (an ISO 4217 code) at the top of initiatives.yaml",
            )
        )
    amounts = item.budget.items() if isinstance(item.budget, dict) else [(None, item.budget)]
    for year, amount in amounts:
        assert isinstance(amount, Decimal)
        where = base if year is None else (*base, str(year))
        if amount != amount.quantize(Decimal(1).scaleb(-decimals)):
            diagnostics.append(
                _problem(
                    file,
                    _place(initiatives, where),
                    Code.INVALID_RESOURCE,
                    f"the amount {shorten(str(amount))} has more decimals than the currency's"
                    f" minor unit ({decimals})",
                    f"round it to {decimals} decimals",
                )
            )
        if year is not None and not item.active_in(year):
            diagnostics.append(
                _problem(
                    file,
                    _place_key(initiatives, where),
                    Code.INVALID_RESOURCE,
                    f"budget for {year}, a year this initiative is not active"
                    f" ({item.start or '…'}–{item.end or '…'})",
                    "correct the year, or the initiative's start or end",
                )
            )
