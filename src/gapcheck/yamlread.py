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
#: Budget on the characters that aliases repeat (every scalar an alias stands for, keys
#: included, counted at its full length each time): one aliased 1 MB note costs 1 MB
#: per alias, so a file of 2 MB cannot stand for gigabytes of report.
MAX_ALIASED_CHARS = 4_000_000
#: Values read under a key already known to be wrong (an unknown key) are not built;
#: past this many, reading stops: the key is reported, the rest of the file is not read.
MAX_DISCARDED = 10_000
#: Larger integers cannot even be printed (Python's limit is 4,300 decimal digits).
MAX_INT_BITS = 14_000
#: Longer integer literals are refused unread: no notation (binary being the longest)
#: writes a number of MAX_INT_BITS in more characters, and YAML 1.1's base-60 form
#: ("1:20:30") would otherwise take quadratic time to read.
MAX_INT_CHARS = MAX_INT_BITS + 3  # a sign and "0b"

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")}
_STR, _INT, _FLOAT, _NULL, _MAP, _SEQ = (
    _TAG + name for name in ("str", "int", "float", "null", "map", "seq")
)
_resolver = Resolver()
#: The first characters of every implicitly typed scalar (numbers, booleans, null,
#: dates, '<<', '='): a plain scalar starting otherwise is a string, no regex needed.
_RESOLVED_FIRST = (
    frozenset(key for key in _resolver.yaml_implicit_resolvers if key)
    if None not in _resolver.yaml_implicit_resolvers  # a resolver for any first character
    else None
)
_constructor = SafeConstructor()
#: Line breaks as YAML counts them (libyaml's marks count the same); CRLF is one.
_LINE_BREAKS = "\n\r\x85\u2028\u2029"
_TAG_HINT = "gapcheck reads plain YAML values only; remove the tag"
_NUMBER_HINT = "write a plain value; quote it if it is meant as text"


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file (in a workbook: a cell's row and column in ``sheet``)."""

    line: int
    column: int
    sheet: str | None = None


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
    """The document's value (``None`` when unusable), its source map and problems.

    ``complete`` is false when reading stopped early (see :func:`read_yaml`).
    """

    value: Any
    source: SourceMap
    diagnostics: list[Diagnostic]
    complete: bool = True


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


class Number(float):
    """A YAML float that remembers its text, so that money is read exactly.

    ``900000000000000.03`` is no float (the nearest is ``...0.0``); whoever needs the
    exact value (an amount, as a ``Decimal``) reads :attr:`yaml_text`, everyone else
    sees a float.
    """

    __slots__ = ("yaml_text",)
    yaml_text: str

    def __new__(cls, value: float, text: str) -> Number:
        number = super().__new__(cls, value)
        number.yaml_text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (Number, (float(self), self.yaml_text))


class _Frame:
    __slots__ = ("anchor", "chars", "container", "key", "listed", "mapping", "path", "size")

    def __init__(self, container: Any, path: Path, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.mapping = isinstance(container, dict)
        self.key: Any = _NO_KEY
        self.size = 1
        self.chars = 0  # the characters of every scalar inside, aliases as expanded
        #: The top-level key whose list this is (entries are passed to the watcher).
        self.listed: str | int | None = None


_NO_KEY = object()
_SKIP = object()  # a value already reported as unusable


class Watcher:
    """Sees the top level of a document while it is read, to stop reading early.

    Each method returns how many problems it found; once the reader's problems pass
    its limit, reading stops (``ReadResult.complete`` is then false). The loader
    validates entries here, so that a file with a mistake on every line is not read
    to its end, and the quick pass stops at the first problem.
    """

    def key(self, key: str | int) -> int:
        """A key of the top-level mapping."""
        return 0

    def entry(self, key: str | int, entries: list[Any]) -> int:
        """An entry was added to ``entries``, the list under a top-level key."""
        return 0

    def known(self, listed: str | int, key: str | int) -> bool:
        """Whether an entry of the list under top-level key ``listed`` may have ``key``.

        The value of a key that is not known is not built (the key itself is kept,
        for validation to report).
        """
        return True


class _Stop(Exception):
    """Stop reading: a budget was exceeded or the problem limit was reached."""


class _Builder:
    """Plain values from parser events: the one place that decides what YAML is accepted.

    Every rule lives here, whether positions are kept or not: tags other than the
    plain scalar types are refused, as are merge keys and the value key; duplicate
    keys are reported; every value counts against a budget, an alias as the whole
    value it repeats (its size is known once, when its anchor closes), so a small
    file cannot stand for a huge one in any style, flow or block.
    """

    def __init__(
        self,
        file: str,
        source: SourceMap,
        *,
        positions: bool,
        keep: frozenset[str] = frozenset(),
        max_nodes: int,
        max_depth: int,
        max_aliased: int,
        max_problems: int,
        watcher: Watcher | None,
        max_aliased_chars: int = MAX_ALIASED_CHARS,
    ) -> None:
        self.file = file
        self.source = source
        self.positions = positions
        self.keep = keep
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.max_aliased = max_aliased
        self.max_aliased_chars = max_aliased_chars
        self.max_problems = max_problems
        self.watcher = watcher
        self.nodes = 0
        self.aliased = 0
        self.aliased_chars = 0
        self.problems = 0
        self.stack: list[_Frame] = []
        #: Each anchor's value, its size in values and in characters.
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        #: The next value is not built (it is under a key known to be wrong) ...
        self.discard_next = False
        #: ... and this many collections of such a value are open.
        self.discarding = 0
        self.discarded = 0
        self.diagnostics: list[Diagnostic] = []
        self.root: Any = None
        self.documents = 0

    def problem(self, mark: Mark, code: Code, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.file, mark.line, mark.column, code, message, hint))
        self.tally(1)

    def tally(self, found: int) -> None:
        """Count problems; past the limit, stop reading (the loader says how many more)."""
        self.problems += found
        if self.problems > self.max_problems:
            raise _Stop

    def child_path(self) -> Path:
        """The path of the next value (the next scalar may be a mapping key: see callers)."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if not top.mapping:
            return (*top.path, len(top.container))
        key = top.key
        return (*top.path, key if isinstance(key, str | int) else str(key))

    def awaits_key(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return top.mapping and top.key is _NO_KEY

    def count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.max_nodes:
            self.problem(
                _mark(event.start_mark),
                Code.TOO_COMPLEX,
                f"the document is too large: more than {self.max_nodes:,} values"
                " (aliases counted as what they repeat)",
                "avoid anchors and aliases that repeat large parts of the file",
            )
            raise _Stop

    def add(self, value: Any, size: int, event: Any, anchor: str | None, chars: int = 0) -> None:
        """Place a finished value into its parent (or make it the root)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size, chars)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        top.chars += chars
        if top.mapping:
            if top.key is _NO_KEY:
                self.key(value, event)
                return
            if top.key is not _SKIP:
                top.container[top.key] = None if value is _SKIP else value
            top.key = _NO_KEY
            return
        container = top.container
        container.append(None if value is _SKIP else value)  # keep the item's shape
        if top.listed is not None and self.watcher is not None:
            self.tally(self.watcher.entry(top.listed, container))

    def key(self, value: Any, event: Any) -> None:
        top = self.stack[-1]
        if value is _SKIP or isinstance(value, list | dict):
            top.key = _SKIP
            if value is not _SKIP:
                self.problem(
                    _mark(event.start_mark),
                    Code.UNSUPPORTED_VALUE,
                    "a mapping key must be a plain word",
                    "write the key as a word followed by ':'",
                )
            return
        key = value if isinstance(value, str | int) else str(value)
        if key in top.container:
            top.key = _SKIP
            first = self.source.keys.get((*top.path, key))
            where = f" (first at line {first.line})" if first else ""
            self.problem(
                _mark(event.start_mark),
                Code.DUPLICATE_KEY,
                f"duplicate key '{shorten(key)}'{where}",
                "remove one of them; only the first is used",
            )
            return
        top.key = key
        if self.positions or key in self.keep:
            self.source.keys[(*top.path, key)] = _mark(event.start_mark)
        watcher = self.watcher
        if watcher is None:
            return
        depth = len(self.stack)
        if depth == 1:
            found = watcher.key(key)
            self.discard_next = found > 0
            self.tally(found)
        elif depth == 3 and self.stack[1].listed is not None:
            self.discard_next = not watcher.known(self.stack[1].listed, key)

    def discard(self, event: Any, anchor: str | None, *, opens: int = 0) -> bool:
        """Whether ``event`` belongs to a value that is not built; if so, skip it.

        Such a value (under a key known to be wrong) stands as ``None``: its key is
        reported, and a large value costs neither memory nor time. ``opens`` is +1 for
        the start of a collection, -1 for its end.
        """
        if self.discarding == 0 and not self.discard_next:
            return False
        if self.discard_next:  # the value's first event
            self.discard_next = False
            if self.positions:
                self.source.values[self.child_path()] = _mark(event.start_mark)
        self.discarded += 1
        if self.discarded > MAX_DISCARDED:
            self.problem(
                _mark(event.start_mark),
                Code.TOO_MANY_PROBLEMS,
                f"stopped reading: more than {MAX_DISCARDED:,} values under a key that is"
                " not allowed; the rest of the file was not checked",
                "remove the key and its value, then validate again",
            )
            raise _Stop
        if anchor is not None:
            self.anchors[anchor] = (None, 1, 0)  # an alias to it is as unusable
        self.discarding += opens
        if self.discarding == 0:  # the value ended: it stands as nothing under its key
            self.add(None, 1, event, None)
        return True

    def scalar(self, event: Any) -> None:
        self.count(1, event)
        if (self.discarding or self.discard_next) and self.discard(event, event.anchor):
            return
        is_key = self.awaits_key()
        value = self.construct(event)
        if is_key:
            if value is not _SKIP and not isinstance(value, str):
                value = event.value  # a key: the text as written ('no', '1'), not its value
        elif self.positions or (self.keep and self.stack and self.stack[-1].key in self.keep):
            self.source.values[self.child_path()] = _mark(event.start_mark)
        self.add(value, 1, event, event.anchor, len(event.value))

    def construct(self, event: Any) -> Any:
        tag = event.tag
        text = event.value
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:
                return text  # quoted: always a string
            if text and _RESOLVED_FIRST is not None and text[0] not in _RESOLVED_FIRST:
                return text  # no implicit type starts with this character: a string
            tag = _resolver.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        if tag == _STR:
            return text
        if tag == _INT and len(text) < 19 and text.isdigit() and (len(text) == 1 or text[0] != "0"):
            return int(text)  # the common case; YAML 1.1 reads "0123" as octal: below
        if tag == _NULL:
            return None
        if tag not in _SCALAR_TAGS:
            mark = _mark(event.start_mark)
            if implicit:  # '<<' (a merge key) or '=': special words in YAML 1.1
                self.problem(
                    mark,
                    Code.UNSUPPORTED_VALUE,
                    f"unsupported value '{shorten(text)}'",
                    "merge keys are not supported; write the keys out"
                    if text == "<<"
                    else f'quote it: "{shorten(text)}"',
                )
                return _SKIP
            self.problem(mark, Code.UNSUPPORTED_VALUE, f"unsupported tag '{_tag(tag)}'", _TAG_HINT)
            return _SKIP
        node = yaml.ScalarNode(tag, text)
        try:
            digits = len(text) - text.count("_")
            if tag == _INT and digits > MAX_INT_CHARS:
                raise ValueError("the number is too large")
            value = _constructor.yaml_constructors[tag](_constructor, node)
            # Hex, octal and binary escape Python's limit on digits; the value could
            # then not be shown in a message.
            if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                raise ValueError("the number is too large")
            if tag == _FLOAT:
                return Number(value, text)
            return value
        # An explicit tag on text it does not fit ('!!bool maybe', '!!int ""') makes
        # PyYAML's constructors fail in many ways, not only with ConstructorError.
        except (ConstructorError, ArithmeticError, LookupError, ValueError, AttributeError) as exc:
            reason = "not valid" if isinstance(exc, LookupError | AttributeError) else str(exc)
            self.problem(
                _mark(event.start_mark),
                Code.UNSUPPORTED_VALUE,
                f"cannot read the value '{shorten(text)}': {shorten(reason, 80)}",
                _NUMBER_HINT,
            )
            return _SKIP

    def start(self, event: Any, container: Any, kind: str) -> None:
        self.count(1, event)
        if (self.discarding or self.discard_next) and self.discard(event, event.anchor, opens=1):
            return
        tag = event.tag
        if tag not in (None, "!", kind):
            self.problem(
                _mark(event.start_mark),
                Code.UNSUPPORTED_VALUE,
                f"unsupported tag '{_tag(tag)}'",
                _TAG_HINT,
            )
        depth = len(self.stack)
        if depth >= self.max_depth:
            self.problem(
                _mark(event.start_mark),
                Code.TOO_COMPLEX,
                f"nesting is deeper than {self.max_depth} levels",
                "the data format needs at most 5 levels",
            )
            raise _Stop
        # A collection used as a mapping key is reported when it ends.
        path = (*self.stack[-1].path, "?") if self.awaits_key() else self.child_path()
        if self.positions:
            self.source.values[path] = _mark(event.start_mark)
        frame = _Frame(container, path, event.anchor)
        self.stack.append(frame)
        if self.watcher is not None:
            if depth == 0 and not frame.mapping:
                # Neither data file can be a list at the top: the loader says so, and
                # reading a long list to its end would only cost time and memory.
                raise _Stop
            if depth == 1 and not frame.mapping and isinstance(path[0], str | int):
                frame.listed = path[0]

    def end(self, event: Any) -> None:
        if self.discarding and self.discard(event, None, opens=-1):
            return
        frame = self.stack.pop()
        self.add(frame.container, frame.size, event, frame.anchor, frame.chars)

    def close(self) -> None:
        """Close what is still open after reading stopped: the values read so far.

        A key whose value was not read yet stays, with no value, so that what was
        counted against it (an unknown top-level key) is still there to be reported.
        """
        for frame in self.stack:
            if frame.mapping and frame.key is not _NO_KEY and frame.key is not _SKIP:
                frame.container.setdefault(frame.key, None)
        while self.stack:
            frame = self.stack.pop()
            if self.stack and self.stack[-1].mapping and self.stack[-1].key is _NO_KEY:
                continue  # a collection as a key: already unusable
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, frame.size, frame.chars)
            if not self.stack:
                self.root = frame.container
            else:
                top = self.stack[-1]
                if top.mapping:
                    if top.key is not _SKIP:
                        top.container[top.key] = frame.container
                    top.key = _NO_KEY
                else:
                    top.container.append(frame.container)

    def alias(self, event: Any) -> None:
        if (self.discarding or self.discard_next) and self.discard(event, None):
            return
        found = self.anchors.get(event.anchor)
        if self.positions and not self.awaits_key():
            # also for an unknown alias: a later echo is dropped
            self.source.values[self.child_path()] = _mark(event.start_mark)
        if found is None:
            self.problem(
                _mark(event.start_mark),
                Code.YAML_SYNTAX,
                f"unknown alias '*{shorten(event.anchor)}'",
                "define the anchor ('&name') before the alias ('*name') that uses it",
            )
            self.add(_SKIP, 1, event, None)
            return
        value, size, chars = found
        self.count(size, event)
        self.aliased += size
        self.aliased_chars += chars
        if self.aliased > self.max_aliased:
            self.problem(
                _mark(event.start_mark),
                Code.TOO_COMPLEX,
                f"aliases repeat more than {self.max_aliased:,} values",
                "avoid anchors and aliases that repeat large parts of the file",
            )
            raise _Stop
        if self.aliased_chars > self.max_aliased_chars:
            self.problem(
                _mark(event.start_mark),
                Code.TOO_COMPLEX,
                f"aliases repeat more than {self.max_aliased_chars:,} characters of text",
                "write the text out where it is needed, or shorten what the alias repeats",
            )
            raise _Stop
        self.add(value, size, event, None, chars)


def _tag(tag: str) -> str:
    """A tag as written in short form: '!!python/object', not 'tag:yaml.org,2002:python/...'."""
    return shorten("!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag)


def read_yaml(
    text: str,
    file: str,
    *,
    positions: bool = True,
    keep: frozenset[str] = frozenset(),
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
    max_aliased: int = MAX_ALIASED,
    max_aliased_chars: int = MAX_ALIASED_CHARS,
    max_problems: int = MAX_PROBLEMS,
    watcher: Watcher | None = None,
    source: SourceMap | None = None,
) -> ReadResult:
    """Parse ``text`` (the contents of ``file``) into values, positions and problems.

    Never raises for bad input: every problem becomes a diagnostic. The value is
    ``None`` when the file could not be read as one YAML document. Without
    ``positions`` the same rules apply, but no position is kept (problems found while
    reading still carry theirs) but those of the keys named in ``keep`` and of their
    scalar values. Reading stops once more than ``max_problems`` were
    found, counting the ``watcher``'s; the value then holds what was read so far.
    ``source``, if given, is the map to fill (a watcher may need it while reading).
    """
    if source is None:
        source = SourceMap(text)
    builder = _Builder(
        file,
        source,
        positions=positions,
        keep=keep,
        max_nodes=max_nodes,
        max_depth=max_depth,
        max_aliased=max_aliased,
        max_problems=max_problems,
        watcher=watcher,
        max_aliased_chars=max_aliased_chars,
    )
    loader = _Loader(text)
    get_event = loader.get_event
    complete = True
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind is _SCALAR:
                builder.scalar(event)
            elif kind is _MAPPING_START:
                builder.start(event, {}, _MAP)
            elif kind is _SEQUENCE_START:
                builder.start(event, [], _SEQ)
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                builder.end(event)
            elif kind is _ALIAS:
                builder.alias(event)
            elif kind is _DOCUMENT_START:
                builder.documents += 1
                if builder.documents > 1:
                    builder.problem(
                        _mark(event.start_mark),
                        Code.MULTIPLE_DOCUMENTS,
                        "the file holds more than one YAML document",
                        "remove the '---' line and everything after it, or merge the documents",
                    )
                    break
    except _Stop:
        complete = False
        if any(d.code is Code.TOO_COMPLEX for d in builder.diagnostics):
            return ReadResult(None, source, builder.diagnostics, complete)
        builder.close()
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
        builder.diagnostics.append(
            Diagnostic(
                file,
                1,
                1,
                Code.EMPTY_FILE,
                "the file is empty",
                "'gapcheck init DIR' writes commented examples of both data files",
            )
        )
        return ReadResult(None, source, builder.diagnostics)
    return ReadResult(root, source, builder.diagnostics, complete)


_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent
_DOCUMENT_START = yaml.DocumentStartEvent


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
    quote = _typographic_quote(lines[:line])
    if quote is not None:
        return Diagnostic(file, *quote)
    colon = _colon_in_value(lines[line - 1]) if 1 <= line <= len(lines) else None
    if colon is not None and "mapping values are not allowed" in problem:
        return Diagnostic(file, line, column, Code.YAML_SYNTAX, *colon)
    if 1 <= line <= len(lines):
        here = lines[line - 1]
        at_tab = column <= len(here) and here[column - 1 : column] == "\t"
        if "\t" in here[: max(column, 1)] or at_tab:
            hint = "YAML indentation must use spaces, not tabs"
    return Diagnostic(file, line, column, Code.YAML_SYNTAX, message, hint)


#: Typographic quotes (as Word and Outlook write them) and the straight ones they stand for.
_TYPOGRAPHIC = {"”": '"', "“": '"', "„": '"', "’": "'", "‘": "'"}
#: A value that opens with a straight quote: after 'key: ' or '- '.
_OPENS = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])""")


def _typographic_quote(lines: list[str]) -> tuple[int, int, Code, str, str] | None:
    """The last line (up to the error) whose quoted text opens with a straight quote but
    closes with a typographic one, which YAML does not take for a closing quote."""
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        opened = _OPENS.search(line)
        if opened is None:
            continue
        straight = opened.group(1)
        rest = line[opened.end() :]
        if straight in rest:
            continue  # closed on its line
        curly = next((c for c in rest if _TYPOGRAPHIC.get(c) == straight), None)
        if curly is None:
            continue
        fixed = line[: opened.end()] + rest.replace(curly, straight)
        return (
            number,
            opened.start(1) + 1,
            Code.YAML_SYNTAX,
            f"the text that starts on line {number} opens with {straight} but closes with"
            f" {curly}, a typographic quote (as Word writes it), so YAML reads on past the"
            " end of the line",
            f"replace {curly} with a straight {straight}: {shorten(fixed.strip(), 80)}",
        )
    return None


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):\s+([^\s\"'\[{|>&*!#].*)$")


def _colon_in_value(line: str) -> tuple[str, str] | None:
    """'name: Interreg: Nordsøprogrammet': a colon and a space inside a plain value."""
    found = _KEY_VALUE.match(line)
    if found is None or ": " not in found.group(3):
        return None
    key, value = found.group(2), found.group(3).split(" #", 1)[0].strip()
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"the value of '{key}' holds a colon and a space, which YAML reads as the start of"
        " another key",
        f'put the {"name" if key == "name" else "text"} in quotes: {key}: "{shorten(quoted, 80)}"',
    )


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
