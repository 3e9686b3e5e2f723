"""The JSON contract, declared on the result types and turned into data by one function.

A result type (a frozen dataclass) lists its JSON keys in order in a class attribute
``JSON``; a type without one is all its fields, in order. An entry is

- ``"key"``: the attribute (a field or a property) of that name;
- ``("key", "attribute")``: the attribute under another key;
- ``("key", (entry, ...))``: a nested object of entries of the same object;
- ``("key", function)``: ``function(obj, parent)``, for values the contract computes
  from the object and the result it is part of (``parent``; None at the top).

``--limit N`` keeps the first N items of the lists a type names in ``LIMITED``
(:func:`limited`), for JSON and CSV alike.

Values become JSON data by kind, whatever the type: a dataclass by its contract,
tuples and lists as arrays, mappings as objects, ``Decimal`` as exact decimal text
(``"4200000.00"``), dates as ISO text, enums as their values. Floats are written as
they are; the contract rounds them where it says so (:func:`rounded`). Pure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, TypeAlias

Entry: TypeAlias = "str | tuple[str, str | Callable[[Any, Any], Any] | tuple[Entry, ...]]"


def rounded(name: str, digits: int = 4) -> Callable[[Any, Any], Any]:
    """The attribute ``name`` rounded to ``digits`` decimals (None stays None)."""

    def value(obj: Any, parent: Any) -> Any:
        found = getattr(obj, name)
        return None if found is None else round(found, digits)

    return value


def to_data(value: Any, parent: Any = None) -> Any:
    """``value`` as JSON data (dicts, lists, text, numbers, None) by its contract."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        entries = getattr(type(value), "JSON", None)
        if entries is None:
            entries = tuple(f.name for f in dataclasses.fields(value))
        return _object(value, entries, parent)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_data(item, parent) for item in value]
    if isinstance(value, Mapping):
        return {key: to_data(item, parent) for key, item in value.items()}
    return value


def _object(obj: Any, entries: tuple[Entry, ...], parent: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for entry in entries:
        if isinstance(entry, str):
            found[entry] = to_data(getattr(obj, entry), obj)
            continue
        key, source = entry
        if isinstance(source, str):
            found[key] = to_data(getattr(obj, source), obj)
        elif isinstance(source, tuple):
            found[key] = _object(obj, source, parent)
        else:
            found[key] = to_data(source(obj, parent), obj)
    return found


def limited(result: Any, limit: int | None) -> Any:
    """``result`` with each list its type names in ``LIMITED`` cut to ``limit`` items
    (``--limit N`` for JSON and CSV); unchanged without a limit or such lists."""
    names: tuple[str, ...] = getattr(type(result), "LIMITED", ())
    if limit is None or not names:
        return result
    return dataclasses.replace(result, **{name: getattr(result, name)[:limit] for name in names})
