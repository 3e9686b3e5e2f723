"""Read one YAML file into plain Python values, keeping where each value stood.

PyYAML's own loaders either drop positions (``load``) or keep a node tree that
aliases can make exponentially large to walk (``compose``). This module builds
values straight from the parser's event stream in one pass: it records the line
and column of every key and value by data path, detects duplicate keys, refuses
tags it does not know, and enforces a budget on nodes (aliases included, as
expanded) and on nesting depth. It uses libyaml's parser when PyYAML has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from gapcheck.diagnostics import Code, Diagnostic, shorten
from gapcheck.limits import MAX_PROBLEMS

try:
    from yaml import CSafeLoader as _Loader

    _BYTE_OFFSETS = True  # libyaml places reader errors by bytes of UTF-8
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_OFFSETS = False

Path = tuple[str | int, ...]

#: Budget on nodes, with every alias counted as the whole value it repeats.
MAX_NODES = 20_000_000
#: Budget on nesting depth (libyaml stops flow collections at 1000 by itself).
MAX_DEPTH = 100
#: Budget on the values that aliases repeat: a small file must not stand for a huge one.
MAX_ALIASED = 100_000
#: Larger integers cannot even be printed (Python's limit is 4,300 decimal digits).
MAX_INT_BITS = 14_000
#: Longer integer literals are refused unread: no notation (binary being the longest)
#: writes a number of MAX_INT_BITS in more characters, and YAML 1.1's base-60 form
#: ("1:20:30") would otherwise take quadratic time to read.
MAX_INT_CHARS = MAX_INT_BITS + 3  # a sign and "0b"

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")}
_resolver = Resolver()
_constructor = SafeConstructor()
#: Line breaks as YAML counts them (libyaml's marks count the same); CRLF is one.
_LINE_BREAKS = "\n\r\x85\u2028\u2029"
_TAG_HINT = "gapcheck reads plain YAML values only; remove the tag"
_NUMBER_HINT = "write a plain value; quote it if it is meant as text"


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each key and value of a document stood, by data path."""

    text: str
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    _lines: list[str] | None = field(default=None, repr=False)

    def value(self, path: Path) -> Mark:
        """The position of the value at ``path``, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def key(self, path: Path) -> Mark:
        """The position of the key naming ``path`` (the value's, where it has no key)."""
        mark = self.keys.get(path)
        return mark if mark is not None else self.value(path)

    def token(self, mark: Mark, limit: int = 40) -> str:
        """The plain scalar at ``mark``: its line's text up to a comment or flow indicator."""
        if self._lines is None:  # split once: a file can have thousands of problems
            self._lines = self.text.splitlines()
        lines = self._lines
        if not 1 <= mark.line <= len(lines):
            return ""
        rest = lines[mark.line - 1][mark.column - 1 :]
        rest = re.split(r"\s#|[,\]}]", rest, maxsplit=1)[0].strip()
        return shorten(rest, limit)


@dataclass
class ReadResult:
    """The document's value (``None`` when unusable), its source map and problems."""

    value: Any
    source: SourceMap
    diagnostics: list[Diagnostic]


def _mark(yaml_mark: Any) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


def position(text: str, index: int) -> Mark:
    """The line and column of character ``index`` of ``text``, counting lines as YAML does.

    A lone CR ends a line, as does CRLF, so a file with old Mac line endings is placed
    as libyaml places everything else in it.
    """
    before = text[:index]
    line = 1 + sum(before.count(c) for c in _LINE_BREAKS) - before.count("\r\n")
    start = max(before.rfind(c) for c in _LINE_BREAKS) + 1
    return Mark(line, index - start + 1)


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_mark", "path", "size")

    def __init__(self, container: Any, path: Path, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_mark: Mark | None = None
        self.size = 1


_NO_KEY = object()
_SKIP = object()  # a value already reported as unusable


class _Builder:
    def __init__(
        self, file: str, source: SourceMap, max_nodes: int, max_depth: int, max_aliased: int
    ) -> None:
        self.file = file
        self.source = source
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.max_aliased = max_aliased
        self.nodes = 0
        self.aliased = 0
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.diagnostics: list[Diagnostic] = []
        self.root: Any = None
        self.documents = 0

    def problem(self, mark: Mark, code: Code, message: str, hint: str | None = None) -> None:
        if len(self.diagnostics) > MAX_PROBLEMS:
            return  # the loader reports how many were left out; keep memory bounded
        self.diagnostics.append(Diagnostic(self.file, mark.line, mark.column, code, message, hint))

    def child_path(self) -> Path | None:
        """The path of the next value, or None when the next scalar is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is _NO_KEY:
            return None
        key = top.key
        return (*top.path, key if isinstance(key, str | int) else str(key))

    def count(self, size: int, mark: Mark) -> bool:
        self.nodes += size
        if self.nodes > self.max_nodes:
            self.problem(
                mark,
                Code.TOO_COMPLEX,
                f"the document is too large: more than {self.max_nodes:,} values"
                " (aliases counted as what they repeat)",
                "avoid anchors and aliases that repeat large parts of the file",
            )
            return False
        return True

    def add(self, value: Any, size: int, mark: Mark, anchor: str | None) -> None:
        """Place a finished value into its parent (or make it the root)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if top.key is _NO_KEY and isinstance(top.container, dict):
            self.key(value, mark)
            return
        if value is _SKIP:
            value = None  # reported already; keep the item's shape for later checks
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if top.key is not _SKIP:
            top.container[top.key] = value
        top.key = _NO_KEY

    def key(self, value: Any, mark: Mark) -> None:
        top = self.stack[-1]
        if value is _SKIP or isinstance(value, list | dict):
            if value is not _SKIP:
                self.problem(
                    mark,
                    Code.UNSUPPORTED_VALUE,
                    "a mapping key must be a plain word",
                    "write the key as a word followed by ':'",
                )
            top.key = _SKIP
            return
        key = value if isinstance(value, str | int) else str(value)
        if key in top.container:
            first = self.source.keys.get((*top.path, key))
            where = f" (first at line {first.line})" if first else ""
            self.problem(
                mark,
                Code.DUPLICATE_KEY,
                f"duplicate key '{shorten(key)}'{where}",
                "remove one of them; only the first is used",
            )
            top.key = _SKIP
            return
        top.key = key
        self.source.keys[(*top.path, key)] = mark

    def scalar(self, event: Any) -> None:
        mark = _mark(event.start_mark)
        if not self.count(1, mark):
            raise _Abort
        path = self.child_path()
        value = self.construct(event, mark)
        if path is None and value is not _SKIP and not isinstance(value, str):
            value = event.value  # a mapping key: the text as written ('no', '1'), not its value
        if path is not None:
            self.source.values[path] = mark
        self.add(value, 1, mark, event.anchor)

    def construct(self, event: Any, mark: Mark) -> Any:
        tag = event.tag
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:
                return event.value  # quoted: always a string
            tag = _resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        if tag == f"{_TAG}str":
            return event.value
        if tag not in _SCALAR_TAGS:
            if implicit:  # '<<' (a merge key) or '=': special words in YAML 1.1
                self.problem(
                    mark,
                    Code.UNSUPPORTED_VALUE,
                    f"unsupported value '{shorten(event.value)}'",
                    "merge keys are not supported; write the keys out"
                    if event.value == "<<"
                    else f'quote it: "{shorten(event.value)}"',
                )
                return _SKIP
            self.problem(mark, Code.UNSUPPORTED_VALUE, f"unsupported tag '{_tag(tag)}'", _TAG_HINT)
            return _SKIP
        node = yaml.ScalarNode(tag, event.value)
        try:
            digits = len(event.value) - event.value.count("_")
            if tag == f"{_TAG}int" and digits > MAX_INT_CHARS:
                raise ValueError("the number is too large")
            value = _constructor.yaml_constructors[tag](_constructor, node)
            # Hex, octal and binary escape Python's limit on digits; the value could
            # then not be shown in a message.
            if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                raise ValueError("the number is too large")
            return value
        # An explicit tag on text it does not fit ('!!bool maybe', '!!int ""') makes
        # PyYAML's constructors fail in many ways, not only with ConstructorError.
        except (ConstructorError, ArithmeticError, LookupError, ValueError, AttributeError) as exc:
            reason = "not valid" if isinstance(exc, LookupError | AttributeError) else str(exc)
            self.problem(
                mark,
                Code.UNSUPPORTED_VALUE,
                f"cannot read the value '{shorten(event.value)}': {shorten(reason, 80)}",
                _NUMBER_HINT,
            )
            return _SKIP

    def start(self, event: Any, container: Any, kind: str) -> None:
        mark = _mark(event.start_mark)
        if not self.count(1, mark):
            raise _Abort
        tag = event.tag
        if tag not in (None, "!", f"{_TAG}{kind}"):
            self.problem(mark, Code.UNSUPPORTED_VALUE, f"unsupported tag '{_tag(tag)}'", _TAG_HINT)
        if len(self.stack) >= self.max_depth:
            self.problem(
                mark,
                Code.TOO_COMPLEX,
                f"nesting is deeper than {self.max_depth} levels",
                "the data format needs at most 5 levels",
            )
            raise _Abort
        path = self.child_path()
        if path is None:  # a collection used as a mapping key: reported when it ends
            path = (*self.stack[-1].path, "?")
        self.source.values[path] = mark
        self.stack.append(_Frame(container, path, event.anchor))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        self.add(frame.container, frame.size, _mark(event.start_mark), frame.anchor)

    def alias(self, event: Any) -> None:
        mark = _mark(event.start_mark)
        found = self.anchors.get(event.anchor)
        path = self.child_path()
        if path is not None:
            self.source.values[path] = mark  # also for an unknown alias: a later echo is dropped
        if found is None:
            self.problem(
                mark,
                Code.YAML_SYNTAX,
                f"unknown alias '*{shorten(event.anchor)}'",
                "define the anchor ('&name') before the alias ('*name') that uses it",
            )
            self.add(_SKIP, 1, mark, None)
            return
        value, size = found
        if not self.count(size, mark):
            raise _Abort
        self.aliased += size
        if self.aliased > self.max_aliased:
            self.problem(
                mark,
                Code.TOO_COMPLEX,
                f"aliases repeat more than {self.max_aliased:,} values",
                "avoid anchors and aliases that repeat large parts of the file",
            )
            raise _Abort
        self.add(value, size, mark, None)


def _tag(tag: str) -> str:
    """A tag as written in short form: '!!python/object', not 'tag:yaml.org,2002:python/...'."""
    return shorten("!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag)


class _Abort(Exception):
    """Stop reading: a budget was exceeded (already reported)."""


def read_yaml(
    text: str,
    file: str,
    *,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
    max_aliased: int = MAX_ALIASED,
) -> ReadResult:
    """Parse ``text`` (the contents of ``file``) into values, positions and problems.

    Never raises for bad input: every problem becomes a diagnostic. The value is
    ``None`` when the file could not be read as one YAML document.
    """
    source = SourceMap(text)
    builder = _Builder(file, source, max_nodes, max_depth, max_aliased)
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent:
                builder.scalar(event)
            elif kind is yaml.MappingStartEvent:
                builder.start(event, {}, "map")
            elif kind is yaml.SequenceStartEvent:
                builder.start(event, [], "seq")
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                builder.end(event)
            elif kind is yaml.AliasEvent:
                builder.alias(event)
            elif kind is yaml.DocumentStartEvent:
                builder.documents += 1
                if builder.documents > 1:
                    builder.problem(
                        _mark(event.start_mark),
                        Code.MULTIPLE_DOCUMENTS,
                        "the file holds more than one YAML document",
                        "remove the '---' line and everything after it, or merge the documents",
                    )
                    break
    except _Abort:
        return ReadResult(None, source, builder.diagnostics)
    except yaml.MarkedYAMLError as exc:
        builder.diagnostics.append(_syntax_problem(exc, file, text))
        return ReadResult(None, source, builder.diagnostics)
    except yaml.YAMLError as exc:  # ReaderError: bad characters
        builder.diagnostics.append(_reader_problem(exc, file, text))
        return ReadResult(None, source, builder.diagnostics)
    finally:
        loader.dispose()
    root = builder.root
    if root is _SKIP:
        root = None
    if builder.documents == 0 or (root is None and not builder.diagnostics):
        builder.problem(
            Mark(1, 1),
            Code.EMPTY_FILE,
            "the file is empty",
            "see docs/data-format.md for what it should hold",
        )
        return ReadResult(None, source, builder.diagnostics)
    return ReadResult(root, source, builder.diagnostics)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    end = position(text, len(text))  # libyaml ends a last line itself, one line too far
    line, column = min((line, column), (end.line, end.column))
    problem = exc.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if exc.context:
        message += f" ({exc.context})"
    if "maximum nesting depth" in problem:  # libyaml's own limit, on flow collections
        return Diagnostic(
            file,
            line,
            column,
            Code.TOO_COMPLEX,
            "nesting is too deep",
            "the data format needs at most 5 levels",
        )
    hint = "check the indentation and quoting on this line and the one above"
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        here = lines[line - 1]
        at_tab = column <= len(here) and here[column - 1 : column] == "\t"
        if "\t" in here[: max(column, 1)] or at_tab:
            hint = "YAML indentation must use spaces, not tabs"
    return Diagnostic(file, line, column, Code.YAML_SYNTAX, message, hint)


def _reader_problem(exc: yaml.YAMLError, file: str, text: str) -> Diagnostic:
    index = getattr(exc, "position", 0) or 0
    if _BYTE_OFFSETS:  # a character position, as for every other diagnostic
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    mark = position(text, index)
    reason = getattr(exc, "reason", None) or str(exc)
    return Diagnostic(
        file,
        mark.line,
        mark.column,
        Code.FILE_UNREADABLE,
        f"the file holds a character YAML does not allow: {shorten(reason, 80)}",
        "remove control characters; save the file as UTF-8 text",
    )
