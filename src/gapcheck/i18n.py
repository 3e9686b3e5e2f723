"""The message catalogue: every heading, label and sentence of the human formats.

The words live in gettext ``.po`` files, one per language, beside this module:
``locales/en.po`` (English, the default) and ``locales/da.po`` (Danish). Each entry's
``msgctxt`` is the key the code asks for, its ``msgid`` the English text and its
``msgstr`` the language's text; a translator or a reviewer corrects them in Poedit,
Weblate or a text editor, without reading Python (``docs/architecture.md``,
"Translating"). A language's file is read the first time a word of it is asked for,
once per process (``--version`` reads none). Data text (names, notes) is shown as
written, escaped for each output by ``render/safe.py``; problem messages of
``validate`` stay in English, where their codes are documented.

Counted phrases: a number is never written into a message beside a noun or
adjective of its own; it comes from :func:`count`, which takes the singular for
exactly 1 and the plural for 0 and for more (in both languages), or the message
has a variant for 1 (``*.one``). ``tests/test_counts.py`` renders every counted
phrase for 0, 1 and 2 in both languages and checks this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Lang = Literal["en", "da"]
LANGS: tuple[Lang, ...] = ("en", "da")
#: Where the ``.po`` files are.
LOCALES = Path(__file__).parent / "locales"
#: The ``msgctxt`` of a counted noun is this and the noun's key: ``noun.initiative``.
NOUN_PREFIX = "noun."

# Built from the .po files on first use (module __getattr__ below), for code that
# wants every language at once (tests, tools/catalogue.py).
#: Nouns with their singular and plural forms, per language.
NOUNS: dict[str, dict[Lang, tuple[str, str]]]
#: Every message, per language.
MESSAGES: dict[str, dict[Lang, str]]


@dataclass(frozen=True)
class Catalogue:
    """The words of one language: messages and counted nouns, by key."""

    messages: dict[str, str]
    nouns: dict[str, tuple[str, str]]


@cache
def catalogue(lang: Lang) -> Catalogue:
    """The words of ``lang``, read from its ``.po`` file once per process.

    Raises :class:`gapcheck.po.PoError` (file, line, what is wrong) for a file that
    cannot be read; the tests and ``tools/catalogue.py check`` make sure none ships.
    """
    from gapcheck.po import read_po

    messages: dict[str, str] = {}
    nouns: dict[str, tuple[str, str]] = {}
    for entry in read_po(LOCALES / f"{lang}.po")[1]:
        if entry.msgid_plural is None:
            messages[entry.context] = entry.msgstr[0]
        else:
            nouns[entry.context.removeprefix(NOUN_PREFIX)] = (entry.msgstr[0], entry.msgstr[1])
    return Catalogue(messages, nouns)


def t(key: str, lang: Lang = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    text = catalogue(lang).messages[key]
    return text.format(**values) if values else text


def count(noun: str, number: int, lang: Lang = "en") -> str:
    """``1 initiative``, ``3 initiatives`` (``1 initiativ``, ``3 initiativer``)."""
    one, many = catalogue(lang).nouns[noun]
    return f"{number:,} {one if number == 1 else many}"


def __getattr__(name: str) -> object:
    """``NOUNS`` and ``MESSAGES``: every language's words, by key, then by language."""
    if name not in ("NOUNS", "MESSAGES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    part = "nouns" if name == "NOUNS" else "messages"
    table = {
        key: {lang: getattr(catalogue(lang), part)[key] for lang in LANGS}
        for key in getattr(catalogue("en"), part)
    }
    globals()[name] = table
    return table
