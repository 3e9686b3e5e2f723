"""The data format, version 1, as pydantic models (see ``docs/data-format.md``).

These models are the single source of truth for what a valid file holds; the
loader translates their validation errors into positioned diagnostics.

No ``from __future__ import annotations`` here: pydantic would evaluate each of the
models' annotation strings on every start (as typer does ``cli.py``'s).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, field_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from gapcheck.limits import MAX_MIN_INITIATIVES

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
MIN_YEAR = 1000
MAX_YEAR = 9999

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=200),
    Field(
        description="Lowercase letters, digits, '.', '_' and '-'; starts with a letter or digit."
    ),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description="A year, e.g. 2008.")]
#: How strongly an initiative serves a focus area, weakest first.
Strength = Literal["minimal", "partial", "significant"]
STRENGTHS: tuple[Strength, ...] = ("minimal", "partial", "significant")
#: A strength's rank: minimal 0, partial 1, significant 2.
STRENGTH_RANK: dict[str, int] = {name: rank for rank, name in enumerate(STRENGTHS)}
DEFAULT_STRENGTH: Strength = "significant"
DEFAULT_MIN_STRENGTH: Strength = "minimal"
MIN_PRIORITY = 1
MAX_PRIORITY = 5
DEFAULT_PRIORITY = 3
#: What level of government or kind of body an owner is.
OwnerLevel = Literal["municipal", "regional", "national", "eu", "international", "private", "other"]
OWNER_LEVELS: tuple[str, ...] = (
    "municipal",
    "regional",
    "national",
    "eu",
    "international",
    "private",
    "other",
)
CURRENCY_PATTERN = r"^[A-Z]{3}$"
#: Decimals of a currency's minor unit, where it is not 2 (ISO 4217).
MINOR_UNITS: dict[str, int] = {
    "BHD": 3,
    "BIF": 0,
    "CLP": 0,
    "DJF": 0,
    "GNF": 0,
    "ISK": 0,
    "IQD": 3,
    "JOD": 3,
    "JPY": 0,
    "KMF": 0,
    "KRW": 0,
    "KWD": 3,
    "LYD": 3,
    "OMR": 3,
    "PYG": 0,
    "RWF": 0,
    "TND": 3,
    "UGX": 0,
    "VND": 0,
    "VUV": 0,
    "XAF": 0,
    "XOF": 0,
    "XPF": 0,
}
#: The largest amount accepted (a budget, or one year of it): 10^15 units.
MAX_AMOUNT = Decimal(10) ** 15


def minor_unit(currency: str | None) -> int:
    """How many decimals the currency's minor unit has: 2 unless :data:`MINOR_UNITS` says."""
    return MINOR_UNITS.get(currency or "", 2)


def exact_decimal(value: Any) -> Any:
    """A YAML number as an exact :class:`Decimal`; anything else is returned unchanged,
    for validation to refuse.

    A float read from YAML carries its text (``yaml_text``): the number is read from
    that, never through the float (``900000000000000.03`` stays exact). Any other float
    is taken by its shortest text, so that ``0.1`` is 0.1.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        text = getattr(value, "yaml_text", None)
        if isinstance(text, str):
            try:
                exact = Decimal(text.replace("_", ""))
            except InvalidOperation:  # '.inf', base 60 ('1:30.5'): the float says it
                pass
            else:
                if exact.is_finite():
                    return exact
        try:
            return Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - str(float) is always a number
            return value
    return value


def _amount(value: Any) -> Any:
    value = exact_decimal(value)
    if isinstance(value, Decimal) and (not value.is_finite() or not 0 <= value <= MAX_AMOUNT):
        raise ValueError("an amount must be a number from 0 to 10^15")
    return value


def _min_initiatives(description: str) -> Any:
    """A ``min_initiatives`` field (a focus area's, the thresholds'): optional, 1 to
    ``MAX_MIN_INITIATIVES``."""
    return Field(None, ge=1, le=MAX_MIN_INITIATIVES, description=description)


Amount = Annotated[
    Decimal,
    Field(description="An amount of money, a number >= 0 in the file's currency."),
]
Share = Annotated[
    Decimal,
    Field(gt=0, le=1, description="A fraction of the initiative's budget, 0 < share <= 1."),
]


@dataclass(frozen=True, slots=True)
class Condition:
    """``KEY=VALUE`` (``--where``): the attribute (or field) ``key`` is ``value``, or a
    list holding it; see :mod:`gapcheck.selection`."""

    key: str
    value: str

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


#: How a parent focus area counts its sub-areas' initiatives: ``any`` (served when it or
#: any sub-area is), ``own`` (only by its own marks), ``all`` (its own marks, or those of
#: its sub-areas once every direct sub-area is served).
Rollup = Literal["any", "own", "all"]
ROLLUPS: tuple[Rollup, ...] = ("any", "own", "all")
DEFAULT_ROLLUP: Rollup = "any"
ATTRIBUTE_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
MAX_ATTRIBUTE_VALUES = 10_000
#: An attribute's value: one text, or a list of texts.
AttributeValue = str | tuple[str, ...]
_URL_SCHEMES = ("http", "https")


def check_url(value: Any) -> Any:
    """``value`` if it is an http or https URL with a host, else a ValueError saying why."""
    if not isinstance(value, str):
        return value  # strict validation refuses it with its own message
    from urllib.parse import urlsplit

    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in _URL_SCHEMES
        or not parts.netloc
        or text != value
        or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text)
    ):
        raise ValueError("a url must be an http:// or https:// address with a host, no spaces")
    return value


def check_attributes(value: Any) -> Any:
    """``attributes:`` as a mapping of names to a text or a tuple of texts, else a
    ValueError saying what is wrong (one message per mapping, not one per union member)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("attributes must be a mapping of names to a text or a list of texts")
    checked: dict[str, AttributeValue] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not re.fullmatch(ATTRIBUTE_PATTERN, key):
            raise ValueError(
                f"attribute name {key!r} must be lowercase letters, digits, '_' and '-'"
            )
        if isinstance(item, str) and 0 < len(item) <= 1000:
            checked[key] = item
        elif (
            isinstance(item, list)
            and len(item) <= MAX_ATTRIBUTE_VALUES
            and all(isinstance(entry, str) and 0 < len(entry) <= 1000 for entry in item)
        ):
            checked[key] = tuple(item)
        else:
            raise ValueError(
                f"attribute '{key}' must be a text or a list of texts (1 to 1000 characters each)"
            )
    return checked


Attributes = dict[str, str | tuple[str, ...]]
_ATTRIBUTES_INPUT = dict[str, str | list[str]] | None


def attribute_values(attributes: Mapping[str, AttributeValue] | None, key: str) -> tuple[str, ...]:
    """The values of attribute ``key`` in ``attributes`` (none when absent)."""
    value = (attributes or {}).get(key)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


Url = Annotated[str, Field(max_length=2000, description="An http:// or https:// address.")]


class Acceptance(_Strict):
    """A gap the portfolio's owners know of and accept until a date."""

    reason: Name = Field(description="Why the gap is accepted.")
    by: Name | None = Field(None, description="Who accepted it.")
    until: date = Field(
        description="Last day the acceptance holds (a YAML date, e.g. 2027-06-30, unquoted)."
    )


class _Linked(_Strict):
    """What focus areas and initiatives share: ``url:`` and ``attributes:`` checked."""

    @field_validator("url", mode="before", check_fields=False)
    @classmethod
    def _check_url(cls, value: Any) -> Any:
        return check_url(value)

    @field_validator(
        "attributes",
        mode="before",
        check_fields=False,
        json_schema_input_type=_ATTRIBUTES_INPUT,
    )
    @classmethod
    def _check_attributes(cls, value: Any) -> Any:
        return check_attributes(value)

    def attribute(self, key: str) -> tuple[str, ...]:
        """The values of attribute ``key`` (none when absent)."""
        attributes: Mapping[str, AttributeValue] | None = getattr(self, "attributes", None)
        return attribute_values(attributes, key)


class FocusArea(_Linked):
    """A goal or challenge that initiatives are meant to serve (a column of the matrix)."""

    id: Id
    name: Name = Field(description="Display name, any language.")
    parent: Id | None = Field(None, description="Id of a broader focus area (a tree, no cycles).")
    description: str | None = None
    source: str | None = Field(None, description="Where this comes from, e.g. a report section.")
    min_initiatives: int | None = _min_initiatives("This area is thin below this many initiatives.")
    min_strength: Strength | None = Field(
        None,
        description="Marks weaker than this do not count toward this area's coverage"
        " (default: the thresholds' min_strength, else minimal).",
    )
    priority: int = Field(
        DEFAULT_PRIORITY,
        ge=MIN_PRIORITY,
        le=MAX_PRIORITY,
        description="How important the area is, 1 to 5 (5 = most important); ranks its gaps.",
    )
    accepted: Acceptance | None = Field(
        None, description="A known gap, accepted until a date: it does not fail checks until then."
    )
    url: Url | None = Field(None, description="A link to the area's page (http or https).")
    attributes: Attributes | None = Field(
        None,
        description="Named facts about the area, each a text or a list of texts, e.g."
        " platforms: [windows, linux]; --where and --by use them.",
    )


# A slotted dataclass rather than a model: there is one per mark, and at 400,000
# marks a model's per-instance dict and field set cost over 100 MB. Its fields are
# strict one by one (a strict dataclass would accept only instances, not mappings).
@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class FocusRef:
    """An initiative's claim to serve a focus area, with optional evidence."""

    id: Annotated[Id, Strict()] = Field(description="Id of a focus area.")
    note: Annotated[str, Strict()] | None = Field(
        None, description="Evidence for the claim, e.g. a quotation."
    )
    strength: Strength = Field(
        DEFAULT_STRENGTH,
        description="How strongly the initiative serves the area: minimal, partial or"
        " significant (the default).",
    )
    share: Annotated[Share, Strict()] | None = Field(
        None,
        description="The fraction of the initiative's budget that goes to this area"
        " (0 < share <= 1); marks without a share split the rest evenly.",
    )

    @field_validator("share", mode="before", json_schema_input_type=float | None)
    @classmethod
    def _exact_share(cls, value: Any) -> Any:
        return exact_decimal(value)


class Initiative(_Linked):
    """A programme, office, fund or project (a row of the matrix)."""

    id: Id
    name: Name
    owner: str | None = Field(
        None,
        description="Who runs it: the id of an entry of 'owners:', or free text.",
    )
    source: str | None = None
    note: str | None = Field(None, description="A remark about the initiative.")
    start: Year | None = Field(None, description="First year active (inclusive).")
    end: Year | None = Field(None, description="Last year active (inclusive); absent = running.")
    focus_areas: list[FocusRef] = Field(
        # Lax here so that mappings become FocusRef dataclasses; FocusRef's fields are
        # strict themselves, and YAML gives no other kind of list.
        strict=False,
        description="Focus areas served: an id, or a mapping with id and note.",
    )
    budget: Amount | dict[Year, Amount] | None = Field(
        None,
        description="Money a year while active (needs 'currency:'): one amount for every"
        " active year, or a mapping of years to amounts.",
    )
    url: Url | None = Field(None, description="A link to the initiative's page (http or https).")
    attributes: Attributes | None = Field(
        None,
        description="Named facts about the initiative, each a text or a list of texts, e.g."
        " kind: detection; --where-initiative and compare --split use them.",
    )

    @field_validator("focus_areas", mode="before", json_schema_input_type=list[Id | FocusRef])
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        # `- some-id` is short for `- id: some-id`.
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator(
        "budget", mode="before", json_schema_input_type=float | dict[int, float] | None
    )
    @classmethod
    def _exact_budget(cls, value: Any) -> Any:
        if isinstance(value, dict):
            # Mapping keys are read as written: '2008:' is the text '2008'.
            return {
                int(key) if isinstance(key, str) and key.isdigit() and len(key) < 6 else key: (
                    _amount(amount)
                )
                for key, amount in value.items()
            }
        return _amount(value)

    def budget_in(self, year: int | None) -> Decimal:
        """Money in ``year`` (0 when inactive or without a budget); ``None``: a year of a
        portfolio without years, where a single amount counts once and a mapping not at all."""
        if self.budget is None or (year is not None and not self.active_in(year)):
            return Decimal(0)
        if isinstance(self.budget, dict):
            return Decimal(0) if year is None else self.budget.get(year, Decimal(0))
        return self.budget

    @property
    def strengths(self) -> dict[str, int]:
        """Each listed focus area's strength rank (a repeated reference: its strongest)."""
        ranks: dict[str, int] = {}
        for ref in self.focus_areas:
            rank = STRENGTH_RANK[ref.strength]
            if ranks.get(ref.id, -1) < rank:
                ranks[ref.id] = rank
        return ranks

    @property
    def focus_area_ids(self) -> tuple[str, ...]:
        """The focus areas listed, each once, in the order written."""
        return tuple(dict.fromkeys(ref.id for ref in self.focus_areas))

    def active_in(self, year: int) -> bool:
        """Active in ``year``: (no start or start <= year) and (no end or year <= end)."""
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


class Thresholds(_Strict):
    """The repository's own policy; command-line options override it."""

    min_initiatives: int | None = _min_initiatives(
        "A focus area with fewer initiatives is thin (default 2)."
    )
    max_share: float | None = Field(
        None,
        ge=0,
        le=1,
        description="A focus area served by more than this share of all initiatives is"
        " crowded (default 0.5).",
    )
    min_strength: Strength | None = Field(
        None,
        description="Marks weaker than this do not count toward coverage (default minimal);"
        " a focus area's own min_strength wins.",
    )


# A term's characters: no control characters and no ASCII punctuation but the space,
# apostrophe, hyphen and full stop (a term goes into sentences of every format, so
# nothing in it may be markup); letters of any script.
_TERM_END = r"[^\x00-\x26(-/:-@\[-`{-\x7f]"
_TERM_MID = r"[^\x00-\x1f!-&(-,/:-@\[-`{-\x7f]"
#: One form of a term: a word or a few, at most 60 characters.
TermForm = Annotated[
    str, StringConstraints(pattern=rf"^{_TERM_END}(?:{_TERM_MID}{{0,58}}{_TERM_END})?$")
]


def _danish_gender(forms: list[str]) -> list[str]:
    if not forms[2].endswith(("en", "et")):
        raise ValueError("the definite singular must end in -en or -et")
    return forms


class EnglishTerms(_Strict):
    """English names of the two nouns: [singular, plural]."""

    initiative: list[TermForm] | None = Field(
        None, min_length=2, max_length=2, description="e.g. [detection, detections]"
    )
    focus_area: list[TermForm] | None = Field(
        None, min_length=2, max_length=2, description="e.g. [technique, techniques]"
    )


DanishForms = Annotated[list[TermForm], Field(min_length=4, max_length=4)]


class DanishTerms(_Strict):
    """Danish names of the two nouns: [singular, plural, definite singular, definite
    plural]; the definite singular's ending tells the gender (-en common, -et neuter)."""

    initiative: DanishForms | None = Field(
        None, description="e.g. [indsats, indsatser, indsatsen, indsatserne]"
    )
    focus_area: DanishForms | None = Field(
        None,
        description="e.g. [indsatsområde, indsatsområder, indsatsområdet, indsatsområderne]",
    )

    _gender = field_validator("initiative", "focus_area")(
        lambda forms: None if forms is None else _danish_gender(forms)
    )


class Terms(_Strict):
    """What the portfolio calls its initiatives and focus areas, per language; every
    human output uses these words instead of gapcheck's own."""

    en: EnglishTerms | None = None
    da: DanishTerms | None = None

    def forms(self) -> dict[str, dict[str, list[str]]]:
        """``{"da": {"initiative": [...]}}``: the terms given, for :func:`i18n.use_terms`."""
        return {
            lang: {noun: forms for noun, forms in given.model_dump().items() if forms}
            for lang, given in (("en", self.en), ("da", self.da))
            if given is not None
        }


class Catalogue(_Strict):
    """Where the focus areas come from, when they are a published catalogue (ATT&CK)."""

    name: Name = Field(description="The catalogue's name, e.g. MITRE ATT&CK Enterprise.")
    version: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        None, description="The catalogue's version, e.g. 18.1."
    )
    url: Url | None = Field(None, description="The catalogue's home page (http or https).")
    show_ids: bool = Field(
        False, description="Show focus-area ids in every output (ids are the names people use)."
    )
    order: dict[Annotated[str, StringConstraints(pattern=ATTRIBUTE_PATTERN)], list[Name]] | None = (
        Field(
            None,
            description="The order of an attribute's values, e.g. tactics: [reconnaissance,"
            " ...] (matrix --by lays columns out in it).",
        )
    )
    revoked: dict[Id, Id | None] | None = Field(
        None,
        description="Ids the catalogue no longer has, each with the id that replaces it"
        " (null: none); an initiative that cites one is told the replacement.",
    )

    @field_validator("url", mode="before")
    @classmethod
    def _check_url(cls, value: Any) -> Any:
        return check_url(value)


class FocusAreasFile(_Strict):
    """focus_areas.yaml: the goals or challenges that initiatives are meant to serve."""

    title: Name | None = Field(
        None,
        description="The portfolio's title, shown in every heading and in the report"
        " (instead of the data directory's name).",
    )
    thresholds: Thresholds | None = Field(
        None, description="Optional policy for gaps and overlaps; command-line options win."
    )
    terms: Terms | None = Field(
        None,
        description="The portfolio's own words for initiatives and focus areas, in English"
        " and Danish (e.g. detections and techniques); every human output uses them.",
    )
    as_of: Year | None = Field(
        None,
        description="The year the data describes: every command's default year (--at wins);"
        " this year when absent.",
    )
    rollup: Rollup | None = Field(
        None,
        description="When a parent focus area is served: any (by its own marks or any"
        " sub-area's, the default), own (only its own marks), all (its own marks, or every"
        " direct sub-area served); --rollup wins.",
    )
    catalogue: Catalogue | None = Field(
        None, description="The published catalogue these focus areas are, e.g. ATT&CK."
    )
    focus_areas: list[FocusArea] = Field(description="The focus areas, one entry each.")


class Owner(_Strict):
    """Who runs initiatives: a municipality, a region, a national or EU body."""

    id: Id
    name: Name
    level: OwnerLevel | None = Field(
        None,
        description="municipal, regional, national, eu, international, private or other.",
    )
    source: str | None = Field(None, description="Where this comes from, e.g. a quotation.")


class InitiativesFile(_Strict):
    """initiatives.yaml: the programmes, offices, funds or projects of the portfolio."""

    currency: Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)] | None = Field(
        None, description="ISO 4217 code of every amount in the file, e.g. DKK or EUR."
    )
    owners: list[Owner] | None = Field(
        None, description="Who runs the initiatives; an initiative's owner may name one by id."
    )
    initiatives: list[Initiative] = Field(description="The initiatives, one entry each.")


@dataclass(frozen=True)
class Dataset:
    """A validated portfolio: focus areas and initiatives, in file order."""

    label: str
    focus_areas: tuple[FocusArea, ...]
    initiatives: tuple[Initiative, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    #: The portfolio's title (``title:`` in focus_areas.yaml); None when it has none.
    title: str | None = None
    #: The year the data describes (``as_of:`` in focus_areas.yaml): the default year.
    as_of: int | None = None
    #: Where each focus area's id is written: (file, line, column), for annotations;
    #: empty when the dataset was not read from files.
    positions: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    #: Where each focus area's ``accepted:`` key is written, the same way.
    accepted_positions: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    #: How to name focus_areas.yaml in messages (a path, or REV:path for a revision).
    focus_areas_file: str | None = None
    #: The currency of every amount (``currency:`` in initiatives.yaml); None: none given.
    currency: str | None = None
    #: The owners named in initiatives.yaml (``owners:``), in file order.
    owners: tuple[Owner, ...] = ()
    #: The portfolio's own words for its nouns (``terms:`` in focus_areas.yaml).
    terms: Terms | None = None
    #: When a parent is served (``rollup:`` in focus_areas.yaml); None: not said (any).
    rollup: Rollup | None = None
    #: The catalogue the focus areas are (``catalogue:``), e.g. ATT&CK with its version.
    catalogue: Catalogue | None = None
    #: Only the focus areas (initiatives) meeting every condition are looked at
    #: (``--where``, ``--where-initiative``; see :mod:`gapcheck.selection`).
    where: tuple[Condition, ...] = ()
    where_initiative: tuple[Condition, ...] = ()

    @property
    def rollup_in_force(self) -> Rollup:
        """The roll-up policy that counts: ``rollup:`` (or ``--rollup``), else any."""
        return self.rollup or DEFAULT_ROLLUP

    def owner_of(self, item: Initiative) -> Owner | None:
        """The entry of ``owners:`` that ``item.owner`` names by id, if any."""
        if item.owner is None:
            return None
        for owner in self.owners:
            if owner.id == item.owner:
                return owner
        return None
