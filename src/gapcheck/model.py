"""The data format, version 1, as pydantic models (see ``docs/data-format.md``).

These models are the single source of truth for what a valid file holds; the
loader translates their validation errors into positioned diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Acceptance(_Strict):
    """A gap the portfolio's owners know of and accept until a date."""

    reason: Name = Field(description="Why the gap is accepted.")
    by: Name | None = Field(None, description="Who accepted it.")
    until: date = Field(
        description="Last day the acceptance holds (a YAML date, e.g. 2027-06-30, unquoted)."
    )


class FocusArea(_Strict):
    """A goal or challenge that initiatives are meant to serve (a column of the matrix)."""

    id: Id
    name: Name = Field(description="Display name, any language.")
    parent: Id | None = Field(None, description="Id of a broader focus area (a tree, no cycles).")
    description: str | None = None
    source: str | None = Field(None, description="Where this comes from, e.g. a report section.")
    min_initiatives: int | None = Field(
        None,
        ge=1,
        le=MAX_MIN_INITIATIVES,
        description="This area is thin below this many initiatives.",
    )
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


class Initiative(_Strict):
    """A programme, office, fund or project (a row of the matrix)."""

    id: Id
    name: Name
    owner: str | None = None
    source: str | None = None
    start: Year | None = Field(None, description="First year active (inclusive).")
    end: Year | None = Field(None, description="Last year active (inclusive); absent = running.")
    focus_areas: list[FocusRef] = Field(
        # Lax here so that mappings become FocusRef dataclasses; FocusRef's fields are
        # strict themselves, and YAML gives no other kind of list.
        strict=False,
        description="Focus areas served: an id, or a mapping with id and note.",
    )

    @field_validator("focus_areas", mode="before", json_schema_input_type=list[Id | FocusRef])
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        # `- some-id` is short for `- id: some-id`.
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value

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

    min_initiatives: int | None = Field(
        None,
        ge=1,
        le=MAX_MIN_INITIATIVES,
        description="A focus area with fewer initiatives is thin (default 2).",
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
    focus_areas: list[FocusArea] = Field(description="The focus areas, one entry each.")


class InitiativesFile(_Strict):
    """initiatives.yaml: the programmes, offices, funds or projects of the portfolio."""

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
    #: Where each focus area's id is written: (file, line, column), for annotations;
    #: empty when the data was read by the fast path (see loader.focus_area_positions).
    positions: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    #: How to name focus_areas.yaml in messages (a path, or REV:path for a revision).
    focus_areas_file: str | None = None
