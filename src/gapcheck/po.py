"""The gettext ``.po`` files of the message catalogue: read, write and check them.

gapcheck writes, and reads, a small part of the format: a header, then one entry per
message with ``msgctxt`` (the message's key), ``msgid`` (the English text) and
``msgstr`` (the language's text), or ``msgid_plural`` and ``msgstr[0]``/``msgstr[1]``
for a counted noun; ``#.`` comments for translators and ``#,`` flags. Poedit, Weblate,
Lokalize and ``msgfmt --check`` read the same files. Entries a tool keeps as obsolete
(``#~``) are skipped. A file that strays from this is refused with its line and a hint:
the catalogue ships with gapcheck, so a mistake in it is found by ``tests/`` and
``tools/catalogue.py check``, never by a user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: A placeholder of :meth:`str.format`, with its format spec: ``{year}``, ``{span:,}``.
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # a quoted string, escapes and all
_STRINGS = rf"[ \t]*({_STRING}(?:[ \t]*\n[ \t]*{_STRING})*)[ \t]*"
#: One entry: comment lines, then the keywords in their order, then blank lines.
_ENTRY = re.compile(
    rf"""(?P<comments>(?:[ \t]*\#[^\n]*\n)*)
    (?:[ \t]*msgctxt{_STRINGS}\n)?
    [ \t]*msgid{_STRINGS}\n
    (?:[ \t]*msgid_plural{_STRINGS}\n)?
    (?:[ \t]*msgstr{_STRINGS}
      |[ \t]*msgstr\[0\]{_STRINGS}\n[ \t]*msgstr\[1\]{_STRINGS})
    (?:\n|\Z)(?:[ \t]*(?:\n|\Z))*""",
    re.VERBOSE,
)
#: What may follow the last entry: comments (``#~``: obsolete entries) and blank lines.
_TAIL = re.compile(r"(?:[ \t]*(?:\#[^\n]*)?(?:\n|\Z))*")
_LITERAL = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_ESCAPE = re.compile(r"\\(.)")
WIDTH = 79  # gettext's tools wrap at 79 columns; so does format_entry


class PoError(ValueError):
    """A ``.po`` file gapcheck cannot read: the message names the file and line."""


@dataclass
class Entry:
    """One message: its key (``msgctxt``), English text and the language's text(s)."""

    context: str
    msgid: str
    msgstr: list[str]  # one text, or the singular and the plural of a counted noun
    msgid_plural: str | None = None
    comments: list[str] = field(default_factory=list)  # the ``#.`` lines, for translators
    flags: list[str] = field(default_factory=list)
    line: int = 0


def _unquote(strings: str, where: str) -> str:
    """The text of one or more quoted strings, joined, escapes undone."""
    if strings.count('"') == 2:
        text = strings[1:-1]
        if "\\" not in text:
            return text
    text = "".join(_LITERAL.findall(strings))
    if "\\" not in text:
        return text

    def unescape(match: re.Match[str]) -> str:
        if match.group(1) not in _ESCAPES:
            raise PoError(
                f"{where}: \\{match.group(1)} is not an escape of the format"
                ' (write \\" for a quote, \\\\ for a backslash, \\n for a line break)'
            )
        return _ESCAPES[match.group(1)]

    return _ESCAPE.sub(unescape, text)


def parse_po(text: str, name: str) -> tuple[dict[str, str], list[Entry]]:
    """The header's fields and the entries of a ``.po`` file's ``text`` (``name`` in errors).

    One regular expression reads an entry at a time (the file is read in C, not line
    by line in Python); where none matches, the error names the line.
    """
    text = text.replace("\r\n", "\n")
    header: dict[str, str] | None = None
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    position, number = 0, 1
    while match := _ENTRY.match(text, position):
        notes, context, msgid, plural, msgstr, one, many = match.groups()
        comments, flags = [], []
        for note in notes.splitlines() if notes else ():
            line = note.strip()
            if line.startswith("#~"):
                raise PoError(f"{name}:{number}: an obsolete entry (#~) before an entry")
            if line.startswith("#."):
                comments.append(line[2:].strip())
            elif line.startswith("#,"):
                flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        start = number + notes.count("\n")
        where = f"{name}:{start}"
        if context is None:
            if msgid != '""' or msgstr is None or header is not None or entries:
                raise PoError(
                    f"{where}: an entry without msgctxt (its message key); only the header"
                    ' (msgid "", first) has none'
                )
            header = dict(
                field.split(": ", 1)
                for field in _unquote(msgstr, where).splitlines()
                if ": " in field
            )
        else:
            key = _unquote(context, where)
            if key in seen:
                raise PoError(
                    f"{where}: msgctxt {key!r} again (first at line {seen[key]}); each key once"
                )
            if (plural is None) != (msgstr is not None):
                raise PoError(
                    f"{where}: {key!r}: msgid_plural goes with msgstr[0] and msgstr[1],"
                    " a msgid alone with msgstr"
                )
            seen[key] = start
            texts = [msgstr] if plural is None else [one, many]
            entries.append(
                Entry(
                    key,
                    _unquote(msgid, where),
                    [_unquote(text, where) for text in texts],
                    None if plural is None else _unquote(plural, where),
                    comments,
                    flags,
                    start,
                )
            )
        number += match.group().count("\n")
        position = match.end()
    tail = _TAIL.match(text, position)
    if tail is None or tail.end() < len(text):
        if tail is not None:
            number += tail.group().count("\n")
        line = text[tail.end() if tail else position :].partition("\n")[0].strip()
        raise PoError(
            f"{name}:{number}: cannot read the entry here ({line[:50]!r}): an entry is"
            ' #-comment lines, msgctxt "key", msgid "English", msgstr "text" (or'
            ' msgid_plural "English plural", msgstr[0] "…", msgstr[1] "…"), each a quoted'
            " string that may go on in more quoted strings on the lines below; then a blank"
            " line"
        )
    if header is None:
        raise PoError(f'{name}:1: no header (msgid "" with msgstr "Language: ...")')
    return header, entries


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """:func:`parse_po` of the file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PoError(f"{path}: cannot read it ({error}); a catalogue is UTF-8 text") from None
    return parse_po(text, str(path))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _string(keyword: str, text: str) -> list[str]:
    """``keyword "text"``, wrapped at spaces as gettext's tools wrap it."""
    if len(keyword) + 1 + len(_quote(text)) <= WIDTH:
        return [f"{keyword} {_quote(text)}"]
    lines, current = [f'{keyword} ""'], ""
    for word in re.findall(r"\S*\s*", text):
        if current and len(_quote(current + word)) > WIDTH:
            lines.append(_quote(current))
            current = ""
        current += word
    return [*lines, _quote(current)] if current else lines


def format_entry(entry: Entry) -> str:
    """The lines of ``entry`` in a ``.po`` file."""
    lines = [f"#. {comment}" for comment in entry.comments]
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    lines += _string("msgctxt", entry.context)
    lines += _string("msgid", entry.msgid)
    if entry.msgid_plural is None:
        lines += _string("msgstr", entry.msgstr[0])
    else:
        lines += _string("msgid_plural", entry.msgid_plural)
        for index, text in enumerate(entry.msgstr):
            lines += _string(f"msgstr[{index}]", text)
    return "\n".join(lines) + "\n"


def format_po(preamble: list[str], header: dict[str, str], entries: list[Entry]) -> str:
    """A whole ``.po`` file: ``preamble`` as ``#`` comments, the header, the entries."""
    head = [f"# {line}".rstrip() for line in preamble]
    head += ['msgid ""', 'msgstr ""']
    head += [_quote(f"{key}: {value}\n") for key, value in header.items()]
    return "\n".join([*head, "", *(format_entry(entry) for entry in entries)])


def placeholders(text: str) -> list[str]:
    """The placeholders of ``text``, sorted: ``['{name}', '{year}']``."""
    return sorted(PLACEHOLDER.findall(text))


def problems(source: str, catalogues: dict[str, list[Entry]]) -> list[str]:
    """What is wrong with the catalogues (language -> entries); ``source``'s is the reference.

    Every key in every language; no empty text; no placeholder the reference
    language's text lacks; each ``msgid`` the reference's current text (else the
    translation was made for words that have since changed); no ``fuzzy`` entry.
    """
    found: list[str] = []
    reference = {entry.context: entry for entry in catalogues[source]}
    for lang, entries in catalogues.items():
        keys = {entry.context for entry in entries}
        found += [f"{lang}.po: no entry for {key!r}" for key in reference if key not in keys]
        for entry in entries:
            where = f"{lang}.po:{entry.line}: {entry.context!r}"
            english = reference.get(entry.context)
            if english is None:
                found.append(f"{where}: not in {source}.po (add it there too, or remove it)")
                continue
            if any(text == "" for text in entry.msgstr):
                found.append(f"{where}: empty msgstr (write the {lang} text)")
            if "fuzzy" in entry.flags:
                found.append(f"{where}: marked fuzzy (check the text, then remove the flag)")
            wanted = english.msgstr[0], english.msgstr[1] if english.msgid_plural else None
            if (entry.msgid, entry.msgid_plural) != wanted:
                found.append(
                    f"{where}: msgid is not {source}.po's text {wanted[0]!r} (the English"
                    " changed: check this text, then copy the English to msgid)"
                )
            for text, reference_text in zip(entry.msgstr, english.msgstr, strict=False):
                # A translation may leave a placeholder out (it is filled and not shown),
                # never use one the reference lacks (there is nothing to fill it with).
                extra = set(placeholders(text)) - set(placeholders(reference_text))
                if extra:
                    found.append(
                        f"{where}: placeholders {sorted(extra)} are not in"
                        f" {source}.po's {placeholders(reference_text)}"
                    )
    return found
