"""Which focus areas and initiatives an analysis looks at, and how parents count.

``--where KEY=VALUE`` keeps the focus areas whose attribute ``KEY`` is ``VALUE`` (or is
a list that holds it), case-insensitively; ``--where-initiative`` does the same for
initiatives. ``--rollup`` says when a parent focus area is served. All three are
recorded on the :class:`~gapcheck.model.Dataset` (:func:`select`), so that every
portfolio built from it, in any year, honours them. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gapcheck.i18n import Said
from gapcheck.model import Condition, FocusArea, attribute_values

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset, Initiative, Rollup

#: Keys that name a field rather than an attribute.
AREA_FIELDS = ("id", "name", "parent")
INITIATIVE_FIELDS = ("id", "name", "owner")


class NotACondition(Said, ValueError):
    """A ``--where`` text that is not ``KEY=VALUE`` (a catalogue entry, ``where.*``)."""


def parse_condition(text: str) -> Condition:
    """``KEY=VALUE`` as a :class:`Condition`; :class:`NotACondition` (a ValueError) when
    it is not of that form."""
    key, sep, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or not key or not value:
        raise NotACondition("where.not_key_value", text=repr(text))
    return Condition(key.casefold(), value)


def _holds(values: Iterable[str | None], wanted: str) -> bool:
    folded = wanted.casefold()
    return any(value is not None and value.casefold() == folded for value in values)


def values_of(item: FocusArea | Initiative, key: str) -> tuple[str, ...]:
    """The values of ``item``'s attribute ``key`` (any case), or of one of its fields
    (a focus area's id, name, parent; an initiative's id, name, owner)."""
    key = key.casefold()
    if key in (AREA_FIELDS if isinstance(item, FocusArea) else INITIATIVE_FIELDS):
        value = getattr(item, key)
        return () if value is None else (value,)
    attributes = item.attributes or {}
    for name in attributes:
        if name.casefold() == key:
            return attribute_values(attributes, name)
    return ()


def matches(item: FocusArea | Initiative, conditions: Iterable[Condition]) -> bool:
    """Every condition holds for ``item`` (see :func:`values_of`)."""
    return all(_holds(values_of(item, c.key), c.value) for c in conditions)


def select(
    dataset: Dataset,
    *,
    where: Iterable[Condition] = (),
    where_initiative: Iterable[Condition] = (),
    rollup: Rollup | None = None,
) -> Dataset:
    """``dataset`` with the conditions added and ``rollup`` (when given) in force."""
    return dataclasses.replace(
        dataset,
        where=(*dataset.where, *where),
        where_initiative=(*dataset.where_initiative, *where_initiative),
        rollup=rollup or dataset.rollup,
    )


def named(dataset: Dataset) -> dict[str, Any]:
    """How every result names the data it is about: ``data`` (its label) and ``title``."""
    return {"data": dataset.label, "title": dataset.title}


def about(portfolio: Portfolio) -> dict[str, Any]:
    """The fields of a result of one portfolio that say what it is about: the data
    (:func:`named`), ``at`` (the year counted) and what was counted (:func:`selection_fields`)."""
    return {**named(portfolio.dataset), "at": portfolio.at, **selection_fields(portfolio)}


def selection_fields(portfolio: Portfolio) -> dict[str, Any]:
    """The fields every result carries to say what was counted: ``rollup``, ``where``
    and ``where_initiative`` (conditions as ``KEY=VALUE`` text); and ``show_ids``, the
    catalogue's wish that ids be shown."""
    dataset = portfolio.dataset
    return {
        "rollup": portfolio.rollup,
        "where": tuple(str(condition) for condition in dataset.where),
        "where_initiative": tuple(str(condition) for condition in dataset.where_initiative),
        "show_ids": dataset.catalogue is not None and dataset.catalogue.show_ids,
    }


@dataclass(frozen=True, slots=True)
class Selection:
    """What ``--where``, ``--where-initiative`` and ``--rollup`` ask for, to apply to data."""

    where: tuple[Condition, ...] = ()
    where_initiative: tuple[Condition, ...] = ()
    rollup: Rollup | None = None

    @classmethod
    def parse(
        cls,
        where: Iterable[str] = (),
        where_initiative: Iterable[str] = (),
        rollup: Rollup | None = None,
    ) -> Selection:
        """From ``KEY=VALUE`` texts; a ValueError names the first that is not one."""
        return cls(
            tuple(parse_condition(text) for text in where),
            tuple(parse_condition(text) for text in where_initiative),
            rollup,
        )

    def apply(self, dataset: Dataset) -> Dataset:
        """``dataset`` with this selection in force (itself when there is nothing to do)."""
        if not self.where and not self.where_initiative and self.rollup is None:
            return dataset
        return select(
            dataset, where=self.where, where_initiative=self.where_initiative, rollup=self.rollup
        )
