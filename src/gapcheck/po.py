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
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[([01])\])?)\s+(".*")\s*$')
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_ESCAPE = re.compile(r'\\(.)|(")')
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


def _unquote(literal: str, where: str) -> str:
    def unescape(match: re.Match[str]) -> str:
        if match.group(2) or match.group(1) not in _ESCAPES:
            raise PoError(
                f'{where}: {literal} is not one quoted string (write \\" for a quote,'
                " \\\\ for a backslash, \\n for a line break)"
            )
        return _ESCAPES[match.group(1)]

    return _ESCAPE.sub(unescape, literal[1:-1])


def parse_po(text: str, name: str) -> tuple[dict[str, str], list[Entry]]:
    """The header's fields and the entries of a ``.po`` file's ``text`` (``name`` in errors)."""
    header: dict[str, str] | None = None
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    parts: dict[str, list[str]] = {}
    comments: list[str] = []
    flags: list[str] = []
    last: str | None = None
    start = 0

    def finish(line: int) -> None:
        nonlocal header, last, comments, flags
        if parts:
            where = f"{name}:{start}"
            if "msgid" not in parts or not any(k.startswith("msgstr") for k in parts):
                raise PoError(f"{where}: an entry needs a msgid and a msgstr")
            msgid = "".join(parts["msgid"])
            if msgid == "" and "msgctxt" not in parts:
                if header is not None or entries:
                    raise PoError(f'{where}: the header (msgid "") must come first, once')
                header = dict(
                    field.split(": ", 1)
                    for field in "".join(parts["msgstr"]).splitlines()
                    if ": " in field
                )
            else:
                if "msgctxt" not in parts:
                    raise PoError(f"{where}: msgid {msgid!r} has no msgctxt (its message key)")
                plural = parts.get("msgid_plural")
                keys = ["msgstr[0]", "msgstr[1]"] if plural is not None else ["msgstr"]
                if sorted(k for k in parts if k.startswith("msgstr")) != keys:
                    wanted = " and ".join(keys)
                    raise PoError(f"{where}: msgid {msgid!r} needs {wanted}, no other msgstr")
                context = "".join(parts["msgctxt"])
                if context in seen:
                    raise PoError(
                        f"{where}: msgctxt {context!r} again (first at line {seen[context]});"
                        " each message key once"
                    )
                seen[context] = start
                entries.append(
                    Entry(
                        context,
                        msgid,
                        ["".join(parts[k]) for k in keys],
                        None if plural is None else "".join(plural),
                        comments,
                        flags,
                        start,
                    )
                )
        elif comments or flags:
            raise PoError(f"{name}:{line}: comments with no entry after them")
        parts.clear()
        comments, flags, last = [], [], None

    lines = text.splitlines()
    for number, raw in enumerate([*lines, ""], 1):
        line = raw.strip()
        if not line:
            finish(number)
        elif line.startswith("#~"):
            continue  # obsolete: kept by translators' tools, not a message
        elif line.startswith("#"):
            if parts:
                finish(number)
            if line.startswith("#."):
                comments.append(line[2:].strip())
            elif line.startswith("#,"):
                flags.extend(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith('"') and line.endswith('"') and len(line) > 1:
            if last is None:
                raise PoError(f"{name}:{number}: a string with no msgid or msgstr before it")
            parts[last].append(_unquote(line, f"{name}:{number}"))
        elif match := _KEYWORD.match(line):
            keyword = match.group(1)
            if keyword in parts or (keyword == "msgctxt" and "msgid" in parts):
                finish(number)
            if not parts:
                start = number
            last = keyword
            parts[keyword] = [_unquote(match.group(3), f"{name}:{number}")]
        else:
            raise PoError(
                f"{name}:{number}: cannot read {raw.strip()[:60]!r}: a line is a comment (#),"
                ' msgctxt/msgid/msgid_plural/msgstr "text", or a "continued string"'
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

    Every key in every language; no empty text; the same placeholders as the
    reference language's text; each ``msgid`` the reference's current text (else the
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
                if placeholders(text) != placeholders(reference_text):
                    found.append(
                        f"{where}: placeholders {placeholders(text)} differ from"
                        f" {source}.po's {placeholders(reference_text)}"
                    )
    return found
