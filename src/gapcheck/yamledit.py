"""A data file's text with new values, edited where they differ: what the analyst wrote
by hand (comments, quotes, key order, blank lines) stays as it was.

``import`` into data that exists (:mod:`gapcheck.merge`) works on plain values; this
module applies the merged values onto the existing file's round-trip tree
(``ruamel.yaml``): a scalar that changed is replaced in place (quoted as it was
quoted), entries of a list are matched by ``id`` (or, for marks, by the id they
are), new entries and keys are added, what the merge removed goes, and the comment
lines above an entry go with it. Everything that did not change is written back as
it was read.

The text given here was read and validated by gapcheck's own reader
(:mod:`gapcheck.yamlread`) first: ``ruamel.yaml`` reads only files gapcheck
accepted, and the result is read back by that reader and must give the merged
values, else :class:`NotEdited` is raised (the caller writes the values afresh).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq

_FOUR = 4  # a ruamel comment slot: [after, before, after value, before value]


class NotEdited(Exception):
    """The edited text would not give the values asked for (anchors shared by two
    places, say); the file is to be written afresh."""


def edit(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """``text`` (whose values are ``old``) changed to hold ``new``, only where they differ."""
    import io

    from ruamel.yaml.util import load_yaml_guess_indent

    crlf = "\r\n" in text  # written back as it came
    yaml = _yaml()
    tree, indent, offset = load_yaml_guess_indent(text.replace("\r\n", "\n"), yaml=yaml)
    if offset is None:  # no block list to learn from: as yamlwrite writes them
        indent, offset = 2, 0
    yaml.indent(mapping=2, sequence=indent, offset=offset)
    _edit_map(tree, old, new)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    if crlf:
        result = result.replace("\n", "\r\n")
    return result


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    from gapcheck.yamlread import Number

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # a long line stays one line
    yaml.allow_unicode = True

    def number(representer: Any, value: Number) -> Any:  # an exact amount stays exact
        return representer.represent_scalar("tag:yaml.org,2002:float", value.yaml_text)

    yaml.representer.add_representer(Number, number)
    return yaml


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return list(map(_norm, a)) == list(map(_norm, b)) and all(
            _same(a[k], b[j]) for k, j in zip(a, b, strict=True)
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) and isinstance(a, bool) == isinstance(b, bool)


def _norm(key: Any) -> str:
    """A key as text: a budget's year read as ``'2025'`` is the year ``2025``."""
    return str(key)


def _ident(value: Any) -> str | None:
    """A list entry's identity: its ``id``, or the id a mark is."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


# Comments. ruamel keeps a comment line with what precedes it: the lines above an
# entry are part of the comment after the last value of the entry before. Before the
# entries of a list or mapping are added, removed or moved, those lines are taken off
# (as the entry's "lead") and put back in front of the entry they were above.


def _slot(container: Any, key: Any) -> tuple[CommentedBase, Any, int]:
    """Where the comment after ``container[key]`` (and what follows it) is kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _slot(value, last)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _take_rest(container: Any, key: Any) -> str:
    """The comment lines after ``container[key]``'s line, taken off (its end-of-line
    comment stays)."""
    owner, at, index = _slot(container, key)
    entry = owner.ca.items.get(at)
    token = entry[index] if entry else None
    if token is None or "\n" not in token.value:
        return ""
    eol, rest = token.value.split("\n", 1)
    if eol.strip():
        token.value = eol + "\n"
    else:
        entry[index] = None
    return str(rest)


def _put_rest(container: Any, key: Any, rest: str) -> None:
    """``rest`` (comment lines) after ``container[key]``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not rest:
        return
    owner, at, index = _slot(container, key)
    entry = owner.ca.items.setdefault(at, [None] * _FOUR)
    if entry[index] is None:
        entry[index] = CommentToken("\n" + rest, CommentMark(0))
    else:
        entry[index].value += rest


def _before(container: Any, key: Any) -> str:
    """The comment lines kept in front of ``container[key]``, taken off."""
    entry = container.ca.items.get(key)
    if not entry or not entry[1]:
        return ""
    lines = _lines(entry[1])
    entry[1] = None
    return lines


def _lines(tokens: list[Any]) -> str:
    """Comment tokens kept in front of a node as lines of text, each at its column."""
    return "".join(
        " " * token.column + token.value if token.value.startswith("#") else token.value
        for token in tokens
    )


def _set_before(container: Any, key: Any, lines: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if lines:
        entry = container.ca.items.setdefault(key, [None] * _FOUR)
        entry[1] = [CommentToken(lines, CommentMark(0))]


# Values.


def _fresh(value: Any) -> Any:
    """A new value as a round-trip node (block style, as yamlwrite writes)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, _fresh(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_fresh(item) for item in value)
    return value


def _scalar(current: Any, value: Any) -> Any:
    """``value`` in place of ``current``: a text quoted as ``current`` was."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        SingleQuotedScalarString,
    )

    if isinstance(value, str) and isinstance(
        current, DoubleQuotedScalarString | SingleQuotedScalarString
    ):
        return type(current)(value)
    return _fresh(value)


def _edit_value(container: Any, key: Any, old: Any, new: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if _same(old, new):
        return
    current = container[key]
    if isinstance(current, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        _edit_map(current, old, new)
    elif isinstance(current, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        _edit_seq(container, key, old, new)
    else:
        rest = _take_rest(container, key)
        container[key] = node = _scalar(current, new)
        if isinstance(container, CommentedSeq) and isinstance(node, CommentedMap) and node:
            # a mark that becomes a mapping: its end-of-line comment after its first line
            entry = container.ca.items.get(key)
            if entry and entry[0] is not None:
                node.ca.items[next(iter(node))] = [None, None, entry[0], None]
                entry[0] = None
        _put_rest(container, key, rest)


def _edit_map(tree: CommentedMap, old: dict[Any, Any], new: dict[Any, Any]) -> None:
    keys = {_norm(key): key for key in tree}
    was = {_norm(key): value for key, value in old.items()}
    if list(keys) != list(was):
        raise NotEdited(f"keys {list(keys)} read as {list(was)}")
    wanted = [_norm(key) for key in new]
    if wanted == list(keys):  # the same keys: values change in place
        for key, value in new.items():
            _edit_value(tree, keys[_norm(key)], was[_norm(key)], value)
        return
    order = list(keys)
    leads = dict.fromkeys(order, "")
    for before, after in itertools.pairwise(order):
        leads[after] = _take_rest(tree, keys[before]) + _before(tree, keys[after])
    tail = _take_rest(tree, keys[order[-1]]) if order else ""
    for key, value in new.items():
        if _norm(key) in keys:
            _edit_value(tree, keys[_norm(key)], was[_norm(key)], value)
    kept = {name: (tree[keys[name]], tree.ca.items.pop(keys[name], None)) for name in order}
    for name in order:
        del tree[keys[name]]
    for key, value in new.items():
        name = _norm(key)
        at = keys.get(name, key)
        node, comments = kept.get(name, (_fresh(value), None))
        tree[at] = node
        if comments is not None:
            tree.ca.items[at] = comments
        if order and name != order[0]:  # the first key's lines are the file's (or map's) own
            _set_before(tree, at, leads.get(name, ""))
    if tree:
        _put_rest(tree, next(reversed(tree)), tail)


def _edit_seq(parent: Any, at: Any, old: list[Any], new: list[Any]) -> None:
    seq: CommentedSeq = parent[at]
    if len(seq) != len(old):
        raise NotEdited(f"{len(seq)} entries read as {len(old)}")
    old_ids, new_ids = [_ident(v) for v in old], [_ident(v) for v in new]
    known = [i for i in old_ids + new_ids if i is not None]
    if len(known) != len(old_ids) + len(new_ids) or len(set(old_ids)) < len(old_ids):
        rest = _take_rest(parent, at)  # entries without ids: the list is written anew
        parent[at] = _fresh(new)
        _put_rest(parent, at, rest)
        return
    if old_ids == new_ids:  # the same entries: each changes in place
        for index, (was, value) in enumerate(zip(old, new, strict=True)):
            _edit_value(seq, index, was, value)
        return
    first = parent.ca.items.get(at)
    leads = [""] * len(seq)
    if seq:
        if first and first[3]:  # the lines between the key and the first entry
            leads[0] = _lines(first[3])
            first[3] = None
            seq.ca.comment = None
        leads[0] += _before(seq, 0)
    for index in range(1, len(seq)):
        leads[index] = _take_rest(seq, index - 1) + _before(seq, index)
    tail = _take_rest(seq, len(seq) - 1) if seq else ""
    spaced = len(seq) > 1 and all(lead.startswith("\n") for lead in leads[1:])
    position = {entry: index for index, entry in enumerate(old_ids)}
    for value, entry in zip(new, new_ids, strict=True):
        if entry in position:
            _edit_value(seq, position[entry], old[position[entry]], value)
    nodes, comments, lines = [], {}, []
    for index, (value, entry) in enumerate(zip(new, new_ids, strict=True)):
        if entry in position:
            nodes.append(seq[position[entry]])
            if position[entry] in seq.ca.items:
                comments[index] = seq.ca.items[position[entry]]
            lines.append(leads[position[entry]])
        else:  # new: as the entries around it are spaced
            nodes.append(_fresh(value))
            lines.append("")
    del seq[:]
    seq.extend(nodes)
    seq.ca.items.clear()
    seq.ca.items.update(comments)
    for index, text in enumerate(lines):
        spacing = "\n" if spaced and index and not text.startswith("\n") else ""
        _set_before(seq, index, spacing + (text if index else text.lstrip("\n")))
    if seq:
        _put_rest(seq, len(seq) - 1, tail)
