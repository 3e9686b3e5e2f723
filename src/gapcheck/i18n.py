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
:data:`PROBLEMS` (:func:`problem_text`).

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
from dataclasses import dataclass
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


#: Problem messages and hints of ``validate`` (and of the notes of every command), by
#: their English form: ``{a}``, ``{b}``, ``{c}`` stand for what the message quotes.
#: A problem without an entry here is shown in English (its code is documented).
PROBLEMS: tuple[dict[Lang, str], ...] = (
    {"en": "unknown focus area '{a}'", "da": "ukendt fokusområde '{a}'"},
    {"en": "unknown parent '{a}'", "da": "ukendt overordnet fokusområde '{a}'"},
    {"en": "unknown owner '{a}'", "da": "ukendt ejer '{a}'"},
    {"en": "unknown key '{a}'", "da": "ukendt nøgle '{a}'"},
    {"en": "'{a}' is not a valid id", "da": "'{a}' er ikke et gyldigt id"},
    {
        "en": "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit;"
        " did you mean '{a}'?",
        "da": "brug små bogstaver, tal, '.', '_' og '-', og begynd med et bogstav eller tal;"
        " mente du '{a}'?",
    },
    {
        "en": "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
        "da": "brug små bogstaver, tal, '.', '_' og '-', og begynd med et bogstav eller tal",
    },
    {"en": "did you mean '{a}'?", "da": "mente du '{a}'?"},
    {
        "en": "duplicate {a} id '{b}' (first at {c})",
        "da": "id'et '{b}' findes to gange (først ved {c})",
    },
    {
        "en": "ids must be unique; rename one or merge the two entries",
        "da": "et id må kun bruges én gang; omdøb den ene, eller slå de to sammen",
    },
    {"en": "end {a} is before start {b}", "da": "slut {a} ligger før start {b}"},
    {
        "en": "swap the two years, or correct one of them",
        "da": "byt om på de to år, eller ret et af dem",
    },
    {"en": "{a} must be a year, got {b}", "da": "{a} skal være et år, men er {b}"},
    {
        "en": "write the year with four digits, e.g. 2025",
        "da": "skriv året med fire cifre, fx 2025",
    },
    {"en": "this {a} has no '{b}'", "da": "her mangler '{b}'"},
    {"en": "add '{a}: ...'", "da": "tilføj '{a}: ...'"},
    {
        "en": "the value of '{a}' holds a colon and a space, which YAML reads as the start of"
        " another key",
        "da": "værdien af '{a}' indeholder kolon og mellemrum, som YAML læser som starten på"
        " en ny nøgle",
    },
    {"en": "put the name in quotes: {a}", "da": "sæt navnet i anførselstegn: {a}"},
    {"en": "put the text in quotes: {a}", "da": "sæt teksten i anførselstegn: {a}"},
    {
        "en": "the text that starts on line {a} opens with {b} but closes with {c}, a typographic"
        " quote (as Word writes it), so YAML reads on past the end of the line",
        "da": "teksten, der begynder i linje {a}, åbner med {b} men lukker med {c}, et"
        " typografisk anførselstegn (som Word skriver det), så YAML læser videre efter"
        " linjens slutning",
    },
    {"en": "replace {a} with a straight {b}: {c}", "da": "erstat {a} med et lige {b}: {c}"},
    {
        "en": "check the indentation and quoting on this line and the one above",
        "da": "tjek indrykning og anførselstegn i denne linje og linjen over",
    },
    {"en": "YAML syntax error: {a}", "da": "YAML-syntaksfejl: {a}"},
    {"en": "file not found", "da": "filen findes ikke"},
    {"en": "the file is empty", "da": "filen er tom"},
    {"en": "'{a}' must be text, got {b}", "da": "'{a}' skal være tekst, men er {b}"},
    {
        "en": "'{a}' is listed twice for this initiative; it counts once",
        "da": "'{a}' står to gange for dette initiativ; det tæller én gang",
    },
    {"en": "remove the repeated line", "da": "fjern den gentagne linje"},
    {
        "en": "'{a}' is accepted as a gap, but it is not one",
        "da": "'{a}' er accepteret som et hul, men er ikke et",
    },
    {"en": "{a} must be one of {b}, got {c}", "da": "{a} skal være en af {b}, men er {c}"},
    {
        "en": "a budget without a currency",
        "da": "et budget uden valuta",
    },
    {
        "en": "budget for {a}, a year this initiative is not active ({b})",
        "da": "budget for {a}, et år hvor initiativet ikke er aktivt ({b})",
    },
    {
        "en": "correct the year, or the initiative's start or end",
        "da": "ret året, eller initiativets start eller slut",
    },
    {
        "en": "the shares of this initiative's marks add up to {a}, more than 1",
        "da": "andelene af initiativets markeringer giver tilsammen {a}, mere end 1",
    },
    # Workbooks: a cell that is not what its column holds.
    {
        "en": "'{a}' is not a mark (column '{b}')",
        "da": "'{a}' er ikke en markering (kolonne '{b}')",
    },
    {
        "en": "X, ✓ or 1 for a mark, or a strength: minimal, partial, significant (minimal,"
        " delvis, betydelig); leave the cell empty for none. If the column is not a focus"
        " area, name it as one: Ejer, Budget 2025, Start, Slut, Kilde, Note",
        "da": "X, ✓ eller 1 for en markering, eller en styrke: minimal, delvis, betydelig;"
        " lad cellen stå tom for ingen. Er kolonnen ikke et fokusområde, så giv den en af"
        " disse overskrifter: Ejer, Budget 2025, Start, Slut, Kilde, Note",
    },
    {
        "en": "the column '{a}' holds text, not marks (first at {b}: '{c}')",
        "da": "kolonnen '{a}' indeholder tekst, ikke markeringer (først i {b}: '{c}')",
    },
    {
        "en": "if it is not a focus area, head it as one of: Ejer, Budget 2025 (kr.), Start,"
        " Slut, Kilde, Note (or Owner, Budget, Start, End, Source, Note)",
        "da": "er den ikke et fokusområde, så giv den en af disse overskrifter: Ejer, Budget"
        " 2025 (kr.), Start, Slut, Kilde, Note",
    },
    {"en": "a budget must be an amount, got {a}", "da": "et budget skal være et beløb, men er {a}"},
    {
        "en": "the workbook has a focus-areas sheet but no initiatives sheet",
        "da": "projektmappen har et ark med fokusområder, men intet ark med initiativer",
    },
    {
        "en": "add a sheet named 'Initiatives' (or 'Initiativer'): one row per initiative, one"
        " column per focus area",
        "da": "tilføj et ark med navnet 'Initiativer': én række pr. initiativ, én kolonne pr."
        " fokusområde",
    },
    {"en": "the sheet '{a}' is empty", "da": "arket '{a}' er tomt"},
    {
        "en": "one row per initiative, one column per focus area, names in the header row",
        "da": "én række pr. initiativ, én kolonne pr. fokusområde, navne i overskriftsrækken",
    },
    {"en": "no column names the initiatives", "da": "ingen kolonne navngiver initiativerne"},
    {
        "en": "head the column of initiative names 'Initiativ', 'Navn' or 'Name'",
        "da": "giv kolonnen med initiativernes navne overskriften 'Initiativ' eller 'Navn'",
    },
    {
        "en": "this budget is in {a}, the one in {b} in {c}",
        "da": "dette budget er i {a}, det i {b} i {c}",
    },
    {"en": "give every amount in one currency", "da": "angiv alle beløb i én valuta"},
    {
        "en": "'{a}': the currency '{b}' is not one gapcheck knows",
        "da": "'{a}': valutaen '{b}' kender gapcheck ikke",
    },
    {
        "en": "write it as an ISO 4217 code, e.g. Budget 2025 (DKK), or as kr. or €",
        "da": "skriv den som en ISO 4217-kode, fx Budget 2025 (DKK), eller som kr. eller €",
    },
    {
        "en": "a priority belongs to a focus area, not to an initiative",
        "da": "en prioritet hører til et fokusområde, ikke til et initiativ",
    },
    {
        "en": "give priorities in the focus-areas sheet (column 'Prioritet')",
        "da": "angiv prioriteter i arket med fokusområder (kolonnen 'Prioritet')",
    },
    {
        "en": "a budget for every year and budgets per year in one row",
        "da": "både et budget for alle år og budgetter pr. år i samme række",
    },
    {
        "en": "use either the column 'Budget' or the columns 'Budget 2025', ...",
        "da": "brug enten kolonnen 'Budget' eller kolonnerne 'Budget 2025', ...",
    },
    {"en": "unknown column '{a}' in the sheet '{b}'", "da": "ukendt kolonne '{a}' i arket '{b}'"},
    {"en": "the sheet '{a}' has no column '{b}'", "da": "arket '{a}' har ingen kolonne '{b}'"},
    {"en": "its columns: {a}", "da": "dets kolonner: {a}"},
    {"en": "unknown setting '{a}'", "da": "ukendt indstilling '{a}'"},
    {"en": "the settings: {a}", "da": "indstillingerne: {a}"},
    {
        "en": "no mark of '{a}' on '{b}' in the initiatives sheet",
        "da": "ingen markering af '{a}' på '{b}' i arket med initiativer",
    },
    {
        "en": "a note belongs to a mark: put an X in the initiatives sheet first",
        "da": "en note hører til en markering: sæt først et X i arket med initiativer",
    },
    {"en": "allowed keys: {a}", "da": "tilladte nøgler: {a}"},
    {"en": "remove the quotes: {a}", "da": "fjern anførselstegnene: {a}"},
    {
        "en": '{a} must be a number, not the text "{b}"',
        "da": '{a} skal være et tal, ikke teksten "{b}"',
    },
    {
        "en": "write the amount as a number, e.g. 2500000 (format the cell as a number)",
        "da": "skriv beløbet som et tal, fx 2500000 (formatér cellen som tal)",
    },
    {
        "en": "a column without a header, with values below it (first at {a})",
        "da": "en kolonne uden overskrift, men med værdier under (først i {a})",
    },
    {
        "en": "name the focus area (or the attribute: owner, budget, start, end) in the header row",
        "da": "skriv fokusområdets navn (eller Ejer, Budget, Start, Slut) i overskriftsrækken",
    },
    {
        "en": "values in this row but no initiative name (first at {a})",
        "da": "værdier i rækken, men intet initiativnavn (først i {a})",
    },
    {
        "en": "name the initiative, or delete the row",
        "da": "skriv initiativets navn, eller slet rækken",
    },
    {"en": "a formula without a saved value", "da": "en formel uden gemt værdi"},
    {
        "en": "open the workbook in Excel or LibreOffice and save it (that stores each"
        " formula's value), or type the value instead of the formula",
        "da": "åbn projektmappen i Excel eller LibreOffice og gem den (så gemmes hver formels"
        " værdi), eller skriv værdien i stedet for formlen",
    },
    {
        "en": "the column '{a}' is not a focus area of the focus-areas sheet",
        "da": "kolonnen '{a}' er ikke et fokusområde i arket med fokusområder",
    },
    {"en": "the text '{a}'", "da": "teksten '{a}'"},
    {"en": "the date {a}", "da": "datoen {a}"},
    {"en": "the number {a}", "da": "tallet {a}"},
    {"en": "nothing", "da": "ingenting"},
)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-c]\})", template)
    return re.compile(
        "".join(
            f"(?P<{p[1]}>.+?)" if re.fullmatch(r"\{[a-c]\}", p) else re.escape(p) for p in parts
        )
    )


_PROBLEM_PATTERNS = [(_pattern(entry["en"]), entry) for entry in PROBLEMS]


def problem_text(text: str, lang: Lang) -> str:
    """A problem's message or hint in ``lang`` (as is when the catalogue lacks it)."""
    if lang == "en":
        return text
    for pattern, entry in _PROBLEM_PATTERNS:
        found = pattern.fullmatch(text)
        if found is not None:
            values = {key: problem_text(value, lang) for key, value in found.groupdict().items()}
            return entry[lang].format(**values)
    return text


# --- CSV headings: English keeps the machine keys (docs/json.md); Danish CSV is for people
_CSV_HEADINGS_DA = {
    "kind": "type",
    "id": "id",
    "name": "navn",
    "year": "år",
    "spend": "forbrug",
    "rolled_up": "forbrug med underområder",
    "crowded_spend": "brugt dobbelt",
    "initiatives": "initiativer",
    "initiative": "initiativ",
    "owner": "ejer",
    "focus_area": "fokusområde",
    "focus_areas": "fokusområder",
    "count": "antal",
    "threshold": "minimum",
    "priority": "prioritet",
    "shortfall": "mangler",
    "below_strength": "for svagt dækket",
    "accepted_until": "accepteret til",
    "reason": "begrundelse",
    "fails": "fejler",
    "share": "andel",
    "jaccard": "jaccard-lighed",
    "owners": "ejere",
    "change": "ændring",
    "before": "før",
    "after": "efter",
    "details": "detaljer",
    "redundancy": "redundans",
    "sole": "eneste initiativ for",
    "budget": "budget",
    "measure": "nøgletal",
    "value": "værdi",
    "parent": "overordnet fokusområde",
    "gap": "hul",
    "served": "betjent af",
}


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
