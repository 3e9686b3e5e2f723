"""The fast path: valid data read at libyaml speed, without positions.

Most loads are of valid data, and valid data needs no line numbers. This path
reads both files with PyYAML's libyaml loader in one pass (the cyclic garbage
collector paused: it would otherwise rescan the growing heap over and over),
validates them with the same pydantic models, and checks their consistency with
sets. At the first doubt (a problem of any kind, a warning, or anything the
careful path treats specially: anchors, tags, merge keys, extreme nesting) it
gives up and returns ``None``; the careful path in :mod:`gapcheck.loader` then
reads the files again and reports every problem with its position. So the fast
path never decides that data is invalid, and valid data gets the same dataset
either way (tests compare the two).
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from gapcheck.model import Dataset, FocusArea, Initiative, Thresholds

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

#: Validate this many entries at a time, freeing their raw values as we go.
CHUNK = 20_000

# Anchors, aliases and tags (a '&', '*' or '!' that starts a token): the careful
# path handles them (budgets, refusals). The character class comes first so that
# the regex engine can skip ahead to candidates.
_TOKEN = re.compile(r"[&*!](?<![^\s\[\{,][&*!])[^\s,\]\}]")
#: Lines longer than this go the careful way (a huge number in YAML 1.1's base 60
#: takes quadratic time to read).
LONG_LINE = 4096


def _special(text: str) -> bool:
    """Anything the careful path treats specially, checked in one pass or less."""
    return (
        _TOKEN.search(text) is not None
        or "<<" in text  # merge keys
        or "\n" + " " * 200 in text  # deep indentation: deep nesting
        or "- " * 64 in text  # long runs of "- - -": deep nesting too
        or max(map(len, text.split("\n"))) >= LONG_LINE
    )


class _Doubt(Exception):
    """Something the careful path must look at."""


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _NULL = (_TAG + name for name in ("str", "int", "null"))
_constructor = yaml.constructor.SafeConstructor()


def _build(node: Any) -> Any:
    """Plain values from a composed node, faster than PyYAML's generic constructor.

    The composer has already resolved each scalar's type; the common ones are built
    here directly, the rare ones by PyYAML's own constructor. Repeated keys raise.
    """
    kind = type(node)
    if kind is yaml.ScalarNode:
        tag = node.tag
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT and value.isdigit() and (len(value) == 1 or value[0] != "0"):
            return int(value)  # YAML 1.1 reads "0123" as octal: left to PyYAML
        if tag == _NULL:
            return None
        if tag in _SCALARS:
            return _SCALARS[tag](_constructor, node)
        raise _Doubt  # e.g. '=' (the YAML 1.1 value key)
    if kind is yaml.MappingNode:
        mapping = {_build(key): _build(value) for key, value in node.value}
        if len(mapping) != len(node.value):
            raise _Doubt
        return mapping
    return [_build(item) for item in node.value]


_SCALARS = {
    _TAG + name: _constructor.yaml_constructors[_TAG + name]
    for name in ("int", "float", "bool", "timestamp")
}


_AREA_LIST = TypeAdapter(list[FocusArea])
_INITIATIVE_LIST = TypeAdapter(list[Initiative])
_THRESHOLDS = TypeAdapter(Thresholds | None)


def try_load(
    focus_areas: bytes,
    initiatives: bytes,
    label: str,
    timings: dict[str, float] | None = None,
) -> Dataset | None:
    """The dataset if both files are plainly valid, else ``None`` (read them carefully)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        clock = time.perf_counter()
        areas_value = _read(focus_areas, "focus_areas", ("thresholds",))
        initiatives_value = _read(initiatives, "initiatives", ())
        if timings is not None:
            timings["read (yaml)"] = time.perf_counter() - clock
            clock = time.perf_counter()
        thresholds = _THRESHOLDS.validate_python(areas_value.get("thresholds"))
        area_models = _validate(_AREA_LIST, areas_value["focus_areas"])
        initiative_models = _validate(_INITIATIVE_LIST, initiatives_value["initiatives"])
        if timings is not None:
            timings["validate (pydantic)"] = time.perf_counter() - clock
            clock = time.perf_counter()
        if not _consistent(area_models, initiative_models):
            return None
        if timings is not None:
            timings["check (ids, references)"] = time.perf_counter() - clock
    except (_Doubt, yaml.YAMLError, ValidationError, RecursionError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    return Dataset(
        label=label,
        focus_areas=tuple(area_models),
        initiatives=tuple(initiative_models),
        thresholds=thresholds or Thresholds(),
    )


def _read(data: bytes, key: str, extra_keys: tuple[str, ...]) -> dict[str, Any]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError: careful path
    if _special(text):
        raise _Doubt
    node = yaml.compose(text, Loader=_Base)
    if node is None:
        raise _Doubt
    value = _build(node)
    if not isinstance(value, dict) or not isinstance(value.get(key), list):
        raise _Doubt
    if any(name != key and name not in extra_keys for name in value):
        raise _Doubt
    return value


def _validate(adapter: TypeAdapter[list[Any]], raw: list[Any]) -> list[Any]:
    """Validate in chunks, dropping each chunk's raw values once it is a model."""
    models: list[Any] = []
    for start in range(0, len(raw), CHUNK):
        models.extend(adapter.validate_python(raw[start : start + CHUNK]))
        raw[start : start + CHUNK] = [None] * len(raw[start : start + CHUNK])
    return models


def _consistent(areas: list[FocusArea], initiatives: list[Initiative]) -> bool:
    """No duplicate ids, unknown references or parents, cycles, reversed years or repeats."""
    area_ids = {area.id for area in areas}
    if len(area_ids) != len(areas):
        return False
    if len({item.id for item in initiatives}) != len(initiatives):
        return False
    parent = {area.id: area.parent for area in areas if area.parent is not None}
    if not set(parent.values()) <= area_ids or _has_cycle(parent):
        return False
    for item in initiatives:
        if item.start is not None and item.end is not None and item.start > item.end:
            return False
        listed = [ref.id for ref in item.focus_areas]
        if len(set(listed)) != len(listed) or not area_ids.issuperset(listed):
            return False  # a repeated reference is a warning, which has a position
    return True


def _has_cycle(parent: Mapping[str, str]) -> bool:
    done: set[str] = set()
    for start in parent:
        walk: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in walk:
                return True
            walk.add(node)
            node = parent.get(node)
        done |= walk
    return False
