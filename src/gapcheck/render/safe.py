"""Untrusted text in output: one helper per output kind.

Everything read from a data file (names, notes, owners, sources, the keys and values
quoted by problem messages) and the labels of the data are untrusted: gapcheck runs
in CI on pull requests from strangers. Each renderer passes such text through the
helper of its output kind where the text enters the output (see
``docs/architecture.md``, "Untrusted text in output"):

- :func:`line` and :func:`lines` for terminals, plain text and CI logs;
- :func:`annotation` for the data parts of GitHub workflow commands;
- :func:`markdown` for Markdown;
- :func:`csv_cell` for CSV;
- :func:`html` for text that HTML then escapes (Jinja2 autoescape, the SVG drawings).

JSON is data, not display: it keeps every string exactly, and :func:`json_text`
writes the characters above as ``\\uXXXX`` escapes, which decode to the same string.

Pure functions of strings; no third-party imports. Text without anything to escape
is returned unchanged (and fast), so ordinary names render exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters never written raw: C0 controls (tab and newline are handled by each
#: helper), DEL, C1 controls (U+0080-U+009F, including NEL U+0085 and the 8-bit CSI
#: U+009B), the Unicode line and paragraph separators, and the bidi embeddings,
#: overrides and isolates (U+202A-U+202E, U+2066-U+2069) that reorder what a reader sees.
#: Also the characters that draw nothing (zero-width space, joiners and marks, word
#: joiner, invisible operators, soft hyphen, BOM, Hangul fillers, tags): with them two
#: different names look identical, so they are shown as escapes too.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
)
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069" + _INVISIBLE
_ANY_CONTROL = re.compile(f"[{_CONTROL}\t\n]")
_CONTROL_NO_NEWLINE = re.compile(f"[{_CONTROL}\n]")  # tab stays
_CONTROL_ONLY = re.compile(f"[{_CONTROL}]")  # tab and newline stay
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

#: A colon that starts the text or a line, or that is next to another colon: with it
#: escaped, no ``::`` can be formed by the data, wherever a line is wrapped, so
#: GitHub Actions never reads a line of output as a workflow command.
_COLON = re.compile(r"(?:^|(?<=\n)):|:(?=:)")
#: The runner also reads the legacy form ``##[command]`` anywhere in a line.
_LEGACY = "##["
_LEGACY_ESCAPED = "#\\x23["
#: Line breaks in Markdown and HTML: a space keeps tables, lists and headings whole,
#: and every line of the output starts with gapcheck's own text.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Markdown syntax that could format, link, open HTML or split a table cell. ``&`` only
#: where it would start a character reference (``&lt;``, ``&#x202e;``).
_MARKDOWN = re.compile(r"[\\`*_\[\]|~<>]|&(?=#?[0-9A-Za-z]+;)")
_MARKDOWN_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MARKDOWN_ANY = re.compile(f"[{_CONTROL}\\\\`*_\\[\\]|~<>&\n@]|#\\d|(?i:gh-\\d|://|www\\.)")
#: Characters of one piece of data text in Markdown (a name, a note, a title): a
#: pull-request comment holds 65,536 characters, and a report of 1,000-character
#: names must stay within its budget. The whole text is in JSON and CSV.
MARKDOWN_CHARS = 200
#: What GitHub turns into a mention (``@user``, ``@org/team``: an ``@`` after no letter
#: or digit), an e-mail link (``a@b.dk``), a reference (``#1``, ``GH-2``,
#: ``owner/repo#3``) or a link (``https://``, ``www.``): a zero-width space (as the
#: entity ``&#8203;``, which the data cannot hold raw) after the ``@``, the ``#``,
#: ``GH``, the scheme's ``:`` or ``www`` breaks each.
_LINKISH = re.compile(r"(?<!\w)@|@(?=[\w-]+\.\w)|#(?=\d)|\b(?i:gh)(?=-\d)|:(?=//)|\b(?i:www)(?=\.)")
_BREAK = "&#8203;"
#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"),
#: including the full-width forms that some spreadsheets accept.
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_TRIGGER = "=+\\-@\uff1d\uff0b\uff0d\uff20"
#: A formula start after a character that a spreadsheet may split a line on (comma,
#: semicolon, space, ``|``; tab is always escaped), perhaps after spaces and quotes:
#: ``B;=2*21`` opened with ``;`` as the separator is the cells ``B`` and ``=2*21``.
#: A sign there counts only before a letter, digit or bracket (``-2+3``, ``+A1``), so
#: gapcheck's own ``1 -> 0`` and a name like ``R&D - Nord`` stay as written.
#: Quoting the cell does not help: a spreadsheet honours a quote only at the start of
#: a field of the separator it splits on (verified with LibreOffice).
_SPLIT_FORMULA = re.compile('([,;| ][ "]*)([=@\uff1d\uff20]|[+\\-\uff0b\uff0d](?=[\\w(]))')
_CSV_UNSAFE = re.compile(f'^[{_TRIGGER}\t\r]|[{_CONTROL}\t\n]|##\\[|[,;| ][ "]*[{_TRIGGER}]')
#: The same, for the cells of a row joined by newlines (a newline in a cell only
#: sends the row to the careful path).
_CSV_ROW_UNSAFE = re.compile(
    f'(?:^|\n)[{_TRIGGER}\t\r]|[{_CONTROL}\t]|##\\[|[,;| ][ "]*[{_TRIGGER}]'
)


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def controls(text: str, *, newline: bool = False, tab: bool = True) -> str:
    """``text`` with control characters as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``).

    Newlines stay when ``newline`` (multi-line contexts), tabs when ``tab``.
    """
    if newline and tab:
        pattern = _CONTROL_ONLY
    elif tab:
        pattern = _CONTROL_NO_NEWLINE
    else:
        pattern = _ANY_CONTROL
    if newline and not tab:
        return pattern.sub(lambda m: m.group() if m.group() == "\n" else _visible(m), text)
    return pattern.sub(_visible, text)


def _commands(text: str) -> str:
    """No workflow command can be formed: ``::`` and ``##[`` broken up."""
    if ":" in text:
        text = _COLON.sub(r"\\x3a", text)
    return text.replace(_LEGACY, _LEGACY_ESCAPED) if _LEGACY in text else text


def line(text: str) -> str:
    """Untrusted text for one line of terminal or plain-text output (or a CI log).

    Control characters (newlines too) become visible escapes; a colon that starts
    the text or touches another colon becomes ``\\x3a``, so that no line, however
    wrapped, starts with ``::``; and ``##[`` becomes ``#\\x23[``.
    """
    return _commands(controls(text))


def lines(text: str) -> str:
    """As :func:`line`, for text whose newlines are meant: messages of several lines."""
    return _commands(controls(text, newline=True))


def annotation(text: str) -> str:
    """Untrusted text in a GitHub workflow command's message, before its %-encoding.

    Control characters but CR and LF become visible escapes (``%0D``/``%0A`` encode
    those two, as the Actions toolkit does), and ``##[`` becomes ``#\\x23[``.
    """
    text = _CONTROL_ONLY.sub(lambda m: m.group() if m.group() == "\r" else _visible(m), text)
    return text.replace(_LEGACY, _LEGACY_ESCAPED)


def markdown(text: str) -> str:
    """Untrusted text inside a line of Markdown: a table cell, a bullet, a heading.

    HTML is escaped (``<``, ``>``, ``&`` of a character reference), and the
    characters of Markdown syntax (``\\ ` * _ [ ] | ~``) are backslash-escaped; line
    breaks become spaces and other control characters visible escapes; mentions,
    references and bare links are broken with a zero-width space (``@&#8203;user``),
    so a pull-request comment notifies nobody and links nothing. Text longer than
    :data:`MARKDOWN_CHARS` is cut with an ellipsis. Letters, digits and ordinary
    punctuation (æøå, ``( ) . , : -``) are left as written.
    """
    if len(text) > MARKDOWN_CHARS:
        text = text[: MARKDOWN_CHARS - 1] + "…"
    if not _MARKDOWN_ANY.search(text):
        return text
    escaped = _MARKDOWN.sub(lambda m: _MARKDOWN_ENTITY.get(m.group()[0]) or "\\" + m.group(), text)
    unlinked = _LINKISH.sub(lambda m: m.group() + _BREAK, escaped)
    return controls(_LINE_BREAK.sub(" ", unlinked))


def link_target(url: str) -> str | None:
    """A data ``url:`` as a link target: http(s) only (the loader already refuses others;
    this is the renderers' own guard), with the characters that could end a Markdown or
    HTML link percent-encoded; None for anything else."""
    from urllib.parse import quote

    lowered = url.lower()
    if not lowered.startswith(("http://", "https://")):
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def markdown_link(label: str, url: str | None) -> str:
    """``label`` (already escaped Markdown) linked to ``url`` when it is http(s)."""
    target = None if url is None else link_target(url)
    return label if target is None else f"[{label}]({target})"


def csv_cell(value: object) -> object:
    """A CSV cell: numbers stay numbers; text gets control characters escaped (newlines
    and tabs too), and a ``'`` before every formula start that begins the text or a
    part of it after a comma, semicolon, space or ``|``: whatever separator a
    spreadsheet splits the line on, no cell it makes starts a formula."""
    if not isinstance(value, str) or not _CSV_UNSAFE.search(value):
        return value
    text = controls(value, tab=False).replace(_LEGACY, _LEGACY_ESCAPED)
    text = _SPLIT_FORMULA.sub(r"\1'\2", text)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_row(row: Sequence[object]) -> Sequence[object]:
    """A row of CSV cells, each as :func:`csv_cell` makes it.

    A row of text with nothing to neutralise (most rows) is returned as it is, after
    one search over its joined cells: a matrix has millions of cells.
    """
    try:
        joined = "\n".join(row)  # type: ignore[arg-type]  # TypeError for a number
    except TypeError:
        return [csv_cell(value) for value in row]
    if joined.count("\n") >= len(row) or _CSV_ROW_UNSAFE.search(joined):
        return [csv_cell(value) for value in row]
    return row


def html(text: str) -> str:
    """Untrusted text for HTML, before its escaping: line breaks become spaces (as
    HTML shows them), other control characters visible escapes, ``##[`` as
    ``#\\x23[``; tabs stay."""
    return controls(_LINE_BREAK.sub(" ", text)).replace(_LEGACY, _LEGACY_ESCAPED)


def docx(text: str) -> str:
    """Untrusted text for a run of a Word document: line breaks become spaces (a run
    of data is one line), tabs and other control characters visible escapes (a Word
    file cannot hold most C0 characters at all), ``##[`` as ``#\\x23[``. The text is
    written as a plain run: never a field, a hyperlink or a formula."""
    return controls(_LINE_BREAK.sub(" ", text), tab=False).replace(_LEGACY, _LEGACY_ESCAPED)


_JSON_UNSAFE = re.compile(f"[{_CONTROL}]|#(?=#\\[)")


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps``) with no raw control character and no ``##[``.

    ``json.dumps`` escapes C0 controls itself; DEL, C1, the separators and the bidi
    controls become ``\\uXXXX``, and the first ``#`` of ``##[`` becomes ``\\u0023``.
    Every string decodes to exactly what it was; these characters occur in JSON text
    only inside strings, where such escapes are valid.
    """
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_FOLD_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The form in which two names are compared for looking alike: NFKC (``é`` composed
    or not, a no-break space, full-width letters), without the characters that draw
    nothing, spaces collapsed, case ignored."""
    if text.isascii() and " " not in text:
        return text.casefold()
    import unicodedata

    folded = unicodedata.normalize("NFKC", _FOLD_INVISIBLE.sub("", text))
    return _SPACES.sub(" ", folded).strip().casefold()


def mixed_scripts(text: str) -> bool:
    """Whether ``text`` mixes Latin letters with Cyrillic or Greek ones (``Іx`` with a
    Cyrillic ``І``): a look-alike that no normalisation folds."""
    if text.isascii():
        return False
    import unicodedata

    scripts = set()
    for char in text:
        if char.isalpha():
            scripts.add(unicodedata.name(char, "?").split(" ", 1)[0])
    return "LATIN" in scripts and bool(scripts & {"CYRILLIC", "GREEK"})
