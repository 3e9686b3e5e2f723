"""The message catalogue: every heading, label and sentence of the human formats.

The words live in gettext ``.po`` files, one per language, beside this module:
``locales/en.po`` (English, the default) and ``locales/da.po`` (Danish). Each entry's
``msgctxt`` is the key the code asks for, its ``msgid`` the English text and its
``msgstr`` the language's text; a translator or a reviewer corrects them in Poedit,
Weblate or a text editor, without reading Python (``docs/architecture.md``,
"Translating"). A language's file is read the first time a word of it is asked for,
once per process (``--version`` reads none). Data text (names, notes) is shown as
written, escaped for each output by ``render/safe.py``. Problem messages are made in
English (their codes are documented there) and shown in Danish through
:func:`problem_text`, which finds each message's entry (``check.*``) by its English form.

Counted phrases: a number is never written into a message beside a noun or
adjective of its own; it comes from :func:`count`, which takes the singular for
exactly 1 and the plural for 0 and for more (in both languages), or the message
has a variant for 1 (``*.one``). ``tests/test_counts.py`` renders every counted
phrase for 0, 1 and 2 in both languages and checks this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
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
    """The message ``key`` in ``lang``, with ``values`` filled in, in the data's terms."""
    text = catalogue(lang).messages[key]
    terms = _TERMS.get()
    if terms is not None:
        text = _relabel(text, lang, terms)
    return text.format(**values) if values else text


# --- the command line's own sentences: errors, notes, next steps ----------------------


def said(key: str, lang: Lang = "en", /, **values: object) -> str:
    """The sentence ``key`` in ``lang``, ``values`` filled in: a value that is a
    :class:`Said` is said in ``lang`` too. Unlike :func:`t`, the catalogue's own nouns
    stay (these sentences name options and files, not the data's initiatives)."""
    filled = {name: _value(v, lang) for name, v in values.items()}
    text = catalogue(lang).messages[key]
    return text.format(**filled) if filled else text


class _DanishNumber(int):
    """An integer whose ``{n:,}`` groups thousands with ``.``, as Danish writes them."""

    def __format__(self, spec: str) -> str:
        return int.__format__(self, spec).translate(_DANISH_SEPARATORS)


def _value(value: object, lang: Lang) -> object:
    if isinstance(value, Said | Sentence | Lines):
        return value.text(lang)
    if lang == "da" and type(value) is int:
        return _DanishNumber(value)
    return value


@dataclass(frozen=True)
class Sentence:
    """A sentence of the catalogue not yet said: its key and values (a hint kept for
    later, a part of a longer message); ``str()`` is the English."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang = "en") -> str:
        """The sentence in ``lang``."""
        return said(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Lines:
    """Sentences said one a line (a text already made, such as a problem of the data
    with its documented code, is kept as is), each after ``lead`` (``"\n  "``: a list
    indented under a sentence); ``str()`` is the English."""

    parts: tuple[Sentence | Said | str, ...]
    lead: str = ""

    def text(self, lang: Lang = "en") -> str:
        """The lines in ``lang``."""
        said_ = [part if isinstance(part, str) else part.text(lang) for part in self.parts]
        return "".join(self.lead + line for line in said_) if self.lead else "\n".join(said_)

    def __str__(self) -> str:
        return self.text()


class Said(Exception):
    """An exception whose message is a catalogue entry: its ``key`` and ``values``.

    ``str(exc)`` is the English text, so the Python API raises and reads it without a
    language; :meth:`text` says it in another (the command line's ``--lang``).
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(said(key, "en", **values))

    def text(self, lang: Lang = "en") -> str:
        """The message in ``lang``."""
        return said(self.key, lang, **self.values)

    def __reduce__(self) -> tuple[Callable[..., Said], tuple[object, ...]]:
        return _remade, (type(self), self.key, self.values)


def _remade(kind: type[Said], key: str, values: dict[str, object]) -> Said:
    """``kind(key, **values)``: how a :class:`Said` is unpickled (its ``args`` are English)."""
    return kind(key, **values)


# --- the data's own terms (``terms:`` in focus_areas.yaml) ---------------------------
#
# The catalogue is written with the two nouns of the origin report; data may name them
# otherwise ("detections" and "techniques", "indsatser" and "indsatsområder"). Each
# sentence is relabelled when it is looked up, before data values are filled in, so
# names from the data are never touched. English forms: singular, plural; Danish:
# singular, plural, definite singular, definite plural. The Danish definite singular
# tells the gender (-en common, -et neuter); a determiner right before an indefinite
# singular, with at most one word between ("et initiativ", "det eneste initiativ",
# "intet initiativ"), follows the new noun's gender, as "a"/"an" follows the new English
# noun. A sentence never refers back to these nouns with a bare pronoun (det, dets): it
# repeats the noun ("initiativet", "fokusområdets"), so every form can be relabelled
# (docs/glossary.md).

#: The catalogue's own forms of the nouns the data may rename.
TERM_FORMS: dict[Lang, dict[str, tuple[str, ...]]] = {
    "en": {
        "initiative": ("initiative", "initiatives"),
        "focus_area": ("focus area", "focus areas"),
    },
    "da": {
        "initiative": ("initiativ", "initiativer", "initiativet", "initiativerne"),
        "focus_area": ("fokusområde", "fokusområder", "fokusområdet", "fokusområderne"),
    },
}
#: The number of forms each language's terms must give.
TERM_COUNTS: dict[Lang, int] = {"en": 2, "da": 4}

#: A frozen form of the active terms: ((lang, ((noun, forms), ...)), ...).
FrozenTerms = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
_TERMS: ContextVar[FrozenTerms | None] = ContextVar("gapcheck_terms", default=None)

# Danish determiners of a neuter noun and their common-gender forms.
_COMMON = {
    "et": "en",
    "ét": "én",
    "intet": "ingen",
    "hvert": "hver",
    "ethvert": "enhver",
    "noget": "nogen",
    "det": "den",
    "dette": "denne",
    "nyt": "ny",
}
_NEUTER = {common: neuter for neuter, common in _COMMON.items()}
_FIELD = r"\{[^{}]*\}"


def use_terms(terms: Mapping[str, Mapping[str, Sequence[str]]] | None) -> None:
    """Name initiatives and focus areas with ``terms`` (``{"da": {"initiative": [...]}}``)
    in every message from now on in this context; ``None``: the catalogue's own words."""
    if not terms:
        _TERMS.set(None)
        return
    frozen: list[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]] = []
    for lang in LANGS:
        nouns = terms.get(lang) or {}
        given = []
        for noun in sorted(nouns):
            forms = tuple(nouns[noun])
            if noun not in TERM_FORMS[lang] or len(forms) != TERM_COUNTS[lang]:
                raise ValueError(f"terms: {lang}.{noun} must give {TERM_COUNTS[lang]} forms")
            if any(not form or "{" in form or "}" in form for form in forms):
                raise ValueError(f"terms: {lang}.{noun} has an empty form or a brace")
            given.append((noun, forms))
        if given:
            frozen.append((lang, tuple(given)))
    _TERMS.set(tuple(frozen) or None)


def relabel(text: str, lang: Lang = "en") -> str:
    """``text`` (catalogue words, never data) in the active terms."""
    terms = _TERMS.get()
    return text if terms is None else _relabel(text, lang, terms)


def _upper(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@lru_cache(maxsize=32)
def _relabeller(lang: Lang, terms: FrozenTerms) -> Callable[[str], str] | None:
    nouns = dict(dict(terms).get(lang, ()))
    if not nouns:
        return None
    new: dict[str, tuple[str, int]] = {}  # an old form, lowercase -> (new form, index)
    genders: dict[str, str] = {}  # old indefinite singular -> the new noun's gender (da)
    for noun, forms in nouns.items():
        for index, (old, form) in enumerate(zip(TERM_FORMS[lang][noun], forms, strict=True)):
            new[old] = (form, index)
            if lang == "en" and " " in old:
                new[old.replace(" ", "-")] = (form.replace(" ", "-"), index)
        if lang == "da":
            genders[TERM_FORMS[lang][noun][0]] = "common" if forms[2].endswith("en") else "neuter"
    olds = sorted(new, key=len, reverse=True)
    alternation = "|".join(
        f"[{re.escape(o[0])}{re.escape(o[0].upper())}]{re.escape(o[1:])}" for o in olds
    )
    if lang == "en":
        pattern = re.compile(rf"{_FIELD}|\b(?:(?P<det>[Aa]n?) )?(?P<noun>{alternation})\b")
    else:
        determiners = "|".join(sorted({*_COMMON, *_NEUTER}, key=len, reverse=True))
        pattern = re.compile(
            rf"{_FIELD}|\b(?:(?P<det>(?i:{determiners})) (?:(?P<adj>\w+) )?)?"
            rf"(?P<noun>{alternation})(?P<gen>s?)\b"
        )

    def one(match: re.Match[str]) -> str:
        old = match.group("noun")
        if old is None:  # a field to fill in: {initiatives} stays {initiatives}
            return match.group()
        form, index = new[old.lower()]
        noun = _upper(form, old)
        det = match.group("det")
        if lang == "en":
            if det is None:
                return noun
            if index != 0:
                return f"{det} {noun}"
            article = "an" if form[:1].lower() in "aeiou" else "a"
            return f"{_upper(article, det)} {noun}"
        if match.group("gen"):
            noun += "'" if noun[-1] in "sxz" else "s"
        if det is None:
            return noun
        adj = match.group("adj")
        if index == 0:  # an indefinite singular: its determiner follows the gender
            table = _COMMON if genders[old.lower()] == "common" else _NEUTER
            det = _upper(table.get(det.lower(), det.lower()), det)
            if adj is not None:
                adj = table.get(adj, adj)
        return f"{det} {noun}" if adj is None else f"{det} {adj} {noun}"

    return lambda text: pattern.sub(one, text)


@lru_cache(maxsize=4096)
def _relabel(text: str, lang: Lang, terms: FrozenTerms) -> str:
    relabeller = _relabeller(lang, terms)
    return text if relabeller is None else relabeller(text)


_DANISH_SEPARATORS = str.maketrans(",.", ".,")


def num(value: float | Decimal, lang: Lang = "en", digits: int | None = None) -> str:
    """The one way a number is written for people: thousands grouped and the decimal
    mark of the language, ``1,234,567.5`` (en) or ``1.234.567,5`` (da). ``digits``
    fixes the decimals (``1,957`` for a Shannon index in Danish); without it an
    integer has none, a :class:`~decimal.Decimal` keeps its own and a float as many
    as it needs (``10.5``)."""
    if digits is not None:
        text = f"{value:,.{digits}f}"
    elif isinstance(value, float) and value.is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,}"
    return text.translate(_DANISH_SEPARATORS) if lang == "da" else text


def count(noun: str, number: int, lang: Lang = "en") -> str:
    """``1 initiative``, ``3 initiatives`` (``1 initiativ``, ``3 initiativer``), in the
    data's terms."""
    one, many = catalogue(lang).nouns[noun]
    return f"{num(number, lang)} {relabel(one if number == 1 else many, lang)}"


# --- resources: money and owners (gapcheck spend, matrix --by owner) ------------------


#: The ``msgctxt`` of a problem message's entry starts with this: ``check.unknown-owner``.
#: Its ``msgid`` is the English form the program writes, where ``{a}``, ``{b}``, ``{c}``
#: stand for what the message quotes; a problem without an entry is shown in English
#: (its code is documented).
PROBLEM_PREFIX = "check."


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-c]\})", template)
    return re.compile(
        "".join(
            f"(?P<{p[1]}>.+?)" if re.fullmatch(r"\{[a-c]\}", p) else re.escape(p) for p in parts
        )
    )


@cache
def _problem_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each problem entry's English form as a pattern, with its key (compiled on the
    first problem shown in another language: English output never needs them)."""
    english = catalogue("en").messages
    return tuple(
        (_pattern(text), key) for key, text in english.items() if key.startswith(PROBLEM_PREFIX)
    )


def problem_text(text: str, lang: Lang) -> str:
    """A problem's message or hint in ``lang`` (as is when the catalogue lacks it)."""
    if lang == "en":
        return text
    for pattern, key in _problem_patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            values = {name: problem_text(value, lang) for name, value in found.groupdict().items()}
            return catalogue(lang).messages[key].format(**values)
    return text


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
