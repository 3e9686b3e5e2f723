"""``gapcheck import`` into a folder that has data: update what the sheet says, keep the rest.

The sheet says which focus areas and initiatives there are, their names, and which
initiative marks which area (and how strongly). Everything else in the data stays
as it is: owners, budgets, years, notes and shares of marks, sources, descriptions,
thresholds, priorities, acceptances, title, currency. Entries are matched by id,
else by name (any case), so data whose ids were written by hand is updated in place.

What the sheet no longer has (a focus area, an initiative) would be lost: it is
removed only when asked (``--force``); otherwise :func:`merge` lists it in
``removals`` and the command refuses. Every change is listed, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gapcheck.i18n import Said, Sentence


@dataclass
class Merged:
    """The merged files' values, what changed, and what would be (or was) removed (a
    line each, sentences of the catalogue: ``merge.*``; ``str()`` the English)."""

    focus_areas: dict[str, Any]
    initiatives: dict[str, Any]
    changes: list[Sentence] = field(default_factory=list)
    removals: list[Sentence] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)


def _match(
    existing: list[dict[str, Any]], incoming: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Incoming id -> the existing entry it is (same id, else same name in any case)."""
    by_id = {entry.get("id"): entry for entry in existing if isinstance(entry, dict)}
    by_name = {
        str(entry.get("name")).casefold(): entry for entry in existing if isinstance(entry, dict)
    }
    found = {}
    for entry in incoming:
        match = by_id.get(entry["id"]) or by_name.get(str(entry["name"]).casefold())
        if match is not None:
            found[entry["id"]] = match
    return found


def _quote(text: Any) -> str:
    return f"'{text}'"


def _line(key: str, /, **values: object) -> Sentence:
    """A line of the changes: the sentence ``key`` with ``values``."""
    return Sentence(key, values)


def merge(
    existing_areas: dict[str, Any],
    existing_items: dict[str, Any],
    sheet_areas: dict[str, Any],
    sheet_items: dict[str, Any],
    *,
    remove: bool,
    says: tuple[str, ...] = ("owner", "start", "end"),
) -> Merged:
    """The existing files' values updated with the sheet's (see the module's text).

    ``says``: the initiatives' keys the sheet states (a workbook read as ``--data``
    reads it states budgets, sources and notes too); a key an entry lacks is kept.
    """
    old_areas: list[dict[str, Any]] = list(existing_areas.get("focus_areas") or [])
    old_items: list[dict[str, Any]] = list(existing_items.get("initiatives") or [])
    new_areas: list[dict[str, Any]] = sheet_areas["focus_areas"]
    new_items: list[dict[str, Any]] = sheet_items["initiatives"]
    changes: list[Sentence] = []
    removals: list[Sentence] = []

    area_match = _match(old_areas, new_areas)
    area_id = {new: str(old["id"]) for new, old in area_match.items()}
    area_id.update({a["id"]: a["id"] for a in new_areas if a["id"] not in area_id})
    area_name = {str(a.get("id")): a.get("name") for a in old_areas if isinstance(a, dict)}
    area_name.update({area_id[a["id"]]: a["name"] for a in new_areas})
    areas: list[dict[str, Any]] = []
    for entry in new_areas:
        old = area_match.get(entry["id"])
        parent = entry.get("parent")
        if old is None:
            if parent is not None:
                entry["parent"] = area_id.get(parent, parent)
            areas.append(entry)
            changes.append(_line("merge.new_area", name=_quote(entry["name"]), id=entry["id"]))
            continue
        if old.get("name") != entry["name"]:
            changes.append(
                _line(
                    "merge.area_name",
                    id=old["id"],
                    old=_quote(old.get("name")),
                    new=_quote(entry["name"]),
                )
            )
            old["name"] = entry["name"]
        if parent is not None and old.get("parent") != area_id.get(parent, parent):
            changes.append(
                _line("merge.area_parent", id=old["id"], old=old.get("parent"), new=area_id[parent])
            )
            old["parent"] = area_id.get(parent, parent)
        areas.append(old)
    _left_over(
        old_areas,
        area_match,
        "merge.removed_area",
        areas if not remove else None,
        removals,
        new_names=_new_names(new_areas, area_match),
    )

    item_match = _match(old_items, new_items)
    items: list[dict[str, Any]] = []
    for entry in new_items:
        marks = [_mark(mark, area_id) for mark in entry["focus_areas"]]
        old = item_match.get(entry["id"])
        if old is None:  # its marks as yamlwrite writes them: a plain mark as its id
            entry["focus_areas"] = [mark if len(mark) > 1 else mark["id"] for mark in marks]
            items.append(entry)
            changes.append(
                _line("merge.new_initiative", name=_quote(entry["name"]), id=entry["id"])
            )
            continue
        label = old["id"]
        if old.get("name") != entry["name"]:
            changes.append(
                _line(
                    "merge.initiative_name",
                    id=label,
                    old=_quote(old.get("name")),
                    new=_quote(entry["name"]),
                )
            )
            old["name"] = entry["name"]
        if isinstance(old.get("budget"), dict) and isinstance(entry.get("budget"), dict):
            # A budget per year: the sheet's years update, the years it does not say stay.
            entry["budget"] = {**_years(old["budget"]), **_years(entry["budget"])}
        for key in says:
            if key in entry and old.get(key) != entry[key]:
                if key == "budget" and isinstance(entry[key], dict):
                    was = _years(old[key]) if isinstance(old.get(key), dict) else {}
                    changes += [
                        _line(
                            "merge.budget", id=label, year=year, old=was.get(year, "–"), new=amount
                        )
                        for year, amount in entry[key].items()
                        if was.get(year) != amount
                    ]
                else:
                    changes.append(
                        _line(
                            "merge.initiative_key",
                            id=label,
                            key=key,
                            old=old.get(key),
                            new=entry[key],
                        )
                    )
                old[key] = entry[key]
        old["focus_areas"] = _merge_marks(
            label, old.get("focus_areas") or [], marks, area_name, changes
        )
        if isinstance(old.get("budget"), dict):  # kept as read: its years written as years
            old["budget"] = _years(old["budget"])
        items.append(old)
    _left_over(
        old_items,
        item_match,
        "merge.removed_initiative",
        items if not remove else None,
        removals,
        new_names=_new_names(new_items, item_match),
    )
    focus_areas = {**existing_areas, "focus_areas": areas}
    initiatives = {**existing_items, "initiatives": items}
    for whole, sheet in ((focus_areas, sheet_areas), (initiatives, sheet_items)):
        for key in ("title", "as_of", "thresholds", "currency", "owners"):
            if key in sheet and whole.get(key) != sheet[key]:
                changes.append(_line("merge.key", key=key, old=whole.get(key), new=sheet[key]))
                whole[key] = sheet[key]
    merged = Merged(focus_areas, initiatives, changes, removals)
    merged.kept = _kept(items)
    return merged


def _mark(mark: Any, area_id: dict[str, str]) -> dict[str, Any]:
    """A sheet's mark as a mapping, naming the focus area by the data's id."""
    entry = dict(mark) if isinstance(mark, dict) else {"id": mark}
    entry["id"] = area_id.get(entry["id"], entry["id"])
    return entry


def _new_names(incoming: list[dict[str, Any]], matched: dict[str, dict[str, Any]]) -> list[str]:
    """The names of the sheet's entries that are new to the data."""
    return [str(entry["name"]) for entry in incoming if entry["id"] not in matched]


def _left_over(
    old: list[dict[str, Any]],
    matched: dict[str, dict[str, Any]],
    key: str,
    keep: list[dict[str, Any]] | None,
    removals: list[Sentence],
    *,
    new_names: list[str],
) -> None:
    """The entries of the data that the sheet does not have: listed in ``removals`` (as
    the sentence ``key``), and kept (appended to ``keep``) unless ``keep`` is ``None``.
    One whose name is close to a name new in the sheet (``Partnerskabr`` for
    ``Partnerskaber``) says so: a misspelt header or row reads as one removed, one new."""
    from difflib import get_close_matches

    taken = {id(entry) for entry in matched.values()}
    for entry in old:
        if isinstance(entry, dict) and id(entry) not in taken:
            name = str(entry.get("name"))
            like = get_close_matches(name, new_names, n=1, cutoff=0.8)
            removals.append(_removal(key, name, entry.get("id"), like[0] if like else None))
            if keep is not None:
                keep.append(entry)


def _removal(key: str, name: str, entry_id: object, like: str | None) -> Sentence:
    """``- focus area 'X' (x)``, with the sheet's look-alike name when it has one
    (the sentence ``key`` + ``_like``)."""
    if like is None:
        return _line(key, name=_quote(name), id=entry_id)
    key += "_like"
    return _line(key, name=_quote(name), id=entry_id, like=_quote(like))


def _years(budget: dict[Any, Any]) -> dict[Any, Any]:
    """A budget's years as numbers (YAML keys are read as written: '2025' is text)."""
    return {int(y) if isinstance(y, str) and y.isdigit() else y: a for y, a in budget.items()}


def _merge_marks(
    label: str,
    old_marks: list[Any],
    marks: list[dict[str, Any]],
    area_name: dict[str, Any],
    changes: list[Sentence],
) -> list[Any]:
    """The sheet's marks, each keeping its note and share from the data where it had one."""
    old_by_id: dict[str, Any] = {}
    for mark in old_marks:
        mark_id = mark if isinstance(mark, str) else mark.get("id")
        old_by_id.setdefault(str(mark_id), mark)
    result: list[Any] = []
    for mark in marks:
        old = old_by_id.pop(mark["id"], None)
        name = area_name.get(mark["id"], mark["id"])
        if old is None:
            result.append(mark if len(mark) > 1 else mark["id"])
            changes.append(_line("merge.new_mark", id=label, area=_quote(name)))
            continue
        kept = {"id": old} if isinstance(old, str) else dict(old)
        strength = mark.get("strength", "significant")
        if kept.get("strength", "significant") != strength:
            changes.append(
                _line(
                    "merge.mark_strength",
                    id=label,
                    area=_quote(name),
                    old=kept.get("strength", "significant"),
                    new=strength,
                )
            )
            if strength == "significant":
                kept.pop("strength", None)
            else:
                kept["strength"] = strength
        result.append(kept if len(kept) > 1 else kept["id"])
    for mark_id, old in old_by_id.items():
        note = "" if isinstance(old, str) or not old.get("note") else Sentence("merge.note_goes")
        area = _quote(area_name.get(mark_id, mark_id))
        changes.append(_line("merge.removed_mark", id=label, area=area, note=note))
    return result


def _kept(items: list[dict[str, Any]]) -> dict[str, int]:
    """How many of what the sheet does not say the merged data keeps."""
    count = {"budgets": 0, "owners": 0, "years": 0, "notes": 0}
    for item in items:
        count["budgets"] += item.get("budget") is not None
        count["owners"] += item.get("owner") is not None
        count["years"] += (item.get("start") is not None) + (item.get("end") is not None)
        count["notes"] += sum(
            1 for mark in item.get("focus_areas") or [] if isinstance(mark, dict) and "note" in mark
        )
    return count


class NotMergeable(Said):
    """The folder's data cannot be merged into (it does not validate); the message (a
    catalogue entry, ``merge.*``) says why."""


def merge_into(
    directory: Any,
    focus_text: str,
    initiatives_text: str,
    *,
    remove: bool,
    says: tuple[str, ...] = ("owner", "start", "end"),
) -> tuple[Merged, str, str]:
    """Merge the import's two files into ``directory``'s; the merged files' text.

    Raises :class:`NotMergeable` when the folder's data does not validate: merging
    into data that cannot be read would drop what could not be read.
    """
    import copy
    from pathlib import Path

    import yaml

    from gapcheck.loader import FOCUS_AREAS_FILE, INITIATIVES_FILE, load_dataset
    from gapcheck.yamlread import read_yaml

    folder = Path(directory)
    result = load_dataset(folder)
    if result.dataset is None:
        first = next((d.format() for d in result.diagnostics), "")
        raise NotMergeable("merge.invalid", folder=folder, problem=first)
    texts, values = [], []
    for name in (FOCUS_AREAS_FILE, INITIATIVES_FILE):
        text = (folder / name).read_bytes().decode("utf-8-sig")
        texts.append(text)
        values.append(read_yaml(text, name, positions=False).value)
    read = copy.deepcopy(values)  # merge() changes the values it is given
    merged = merge(
        values[0],
        values[1],
        yaml.safe_load(focus_text),
        yaml.safe_load(initiatives_text),
        remove=remove,
        says=says,
    )
    written = [
        _written(text, was, value, name)
        for text, was, value, name in zip(
            texts,
            read,
            (merged.focus_areas, merged.initiatives),
            (FOCUS_AREAS_FILE, INITIATIVES_FILE),
            strict=True,
        )
    ]
    return merged, written[0], written[1]


def _written(text: str, old: dict[str, Any], new: dict[str, Any], name: str) -> str:
    """The file ``text`` (holding ``old``) holding ``new``: edited where they differ, so
    that its comments, quotes and blank lines stay (:mod:`gapcheck.yamledit`); written
    afresh when an edit would not give ``new`` back."""
    from gapcheck.yamledit import edit
    from gapcheck.yamlread import read_yaml

    fresh = _dump(new)
    try:
        edited = edit(text, old, new)
    except Exception:  # NotEdited, or whatever ruamel.yaml makes of it: the values count
        return fresh
    if (
        read_yaml(edited, name, positions=False).value
        != read_yaml(fresh, name, positions=False).value
    ):
        return fresh
    return edited


def _dump(value: object) -> str:
    """``value`` written afresh, with a line that says where it came from."""
    import yaml

    from gapcheck.yamlread import Number

    class Dumper(yaml.SafeDumper):
        """Numbers as written in the data (an exact amount stays exact)."""

    def number(dumper: yaml.SafeDumper, value: Number) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:float", value.yaml_text)

    Dumper.add_representer(Number, number)
    header = "# Merged by 'gapcheck import'; format: see docs/data-format.md.\n"
    return header + yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
