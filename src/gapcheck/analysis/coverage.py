"""Coverage, gaps and overlaps of a :class:`~gapcheck.graph.Portfolio`, as typed results.

Every function here is pure: it takes a portfolio and thresholds and returns a
frozen result object. Renderers turn results into tables, JSON, Markdown and CSV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from gapcheck.contract import OMIT, SELECTED, Entry, rounded
from gapcheck.model import DEFAULT_MIN_STRENGTH, DEFAULT_PRIORITY, STRENGTH_RANK, STRENGTHS
from gapcheck.selection import about

if TYPE_CHECKING:
    from gapcheck.analysis.grouping import GapGroup
    from gapcheck.graph import Portfolio
    from gapcheck.model import AttributeValue, FocusArea

GapKind = Literal["uncovered", "weak", "thin"]

DEFAULT_MIN_INITIATIVES = 2
DEFAULT_MAX_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    """A focus area with the initiatives that list it (``direct``) and those that
    list it or any of its descendants (``initiatives``)."""

    id: str
    name: str
    parent: str | None
    direct: tuple[str, ...]
    initiatives: tuple[str, ...]
    url: str | None = None
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InitiativeCoverage:
    id: str
    name: str
    focus_areas: tuple[str, ...]
    url: str | None = None
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CoverageMatrix:
    """Table 3.2: initiatives against focus areas."""

    LIMITED: ClassVar[tuple[str, ...]] = ("focus_areas",)

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "focus_areas", "initiatives", "by"),
        *SELECTED,
    )

    data: str
    at: int | None
    focus_areas: tuple[AreaCoverage, ...]
    initiatives: tuple[InitiativeCoverage, ...]
    title: str | None = None  # the portfolio's title, for headings
    #: What a row is: "initiative", or "owner" (``matrix --by owner``: each row an owner,
    #: with the focus areas of all its initiatives; ids are owner ids or owner text).
    by: str = "initiative"
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False


@dataclass(frozen=True, slots=True)
class AcceptedGap:
    """A gap the data accepts (``accepted:``): until ``until``, inclusive.

    ``expired``: the day the analysis was run for is after ``until`` (then the gap
    fails checks like any other); ``False`` when no day was given.
    """

    reason: str
    by: str | None
    until: date
    expired: bool


@dataclass(frozen=True, slots=True)
class Gap:
    """A focus area served by fewer qualifying initiatives than its threshold.

    ``uncovered``: no initiative at all; ``weak``: served, but only by marks below
    the area's ``min_strength`` (``below_strength``); ``thin``: fewer qualifying
    initiatives (``count``, ``initiatives``) than ``threshold``.
    """

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("focus_area", "name", "kind", "count", "threshold", "initiatives", "priority"),
        *("shortfall", "min_strength", "below_strength", "accepted", "fails"),
        (
            "spend",
            lambda gap, report: None if report.spend is None else report.spend[gap.focus_area],
        ),
    )

    focus_area: str
    name: str
    kind: GapKind
    count: int
    threshold: int
    initiatives: tuple[str, ...]
    priority: int = DEFAULT_PRIORITY
    min_strength: str = DEFAULT_MIN_STRENGTH
    #: Initiatives that serve the area only below ``min_strength`` (they do not count).
    below_strength: tuple[str, ...] = ()
    accepted: AcceptedGap | None = None

    @property
    def shortfall(self) -> int:
        """How many qualifying initiatives the area lacks: ``threshold - count``."""
        return self.threshold - self.count

    @property
    def fails(self) -> bool:
        """Fails a check: not accepted, or accepted and expired."""
        return self.accepted is None or self.accepted.expired


@dataclass(frozen=True, slots=True)
class GapRollup:
    """The gaps among one focus area's direct sub-areas, e.g. 12 of 14 uncovered."""

    parent: str
    uncovered: tuple[str, ...]  # sub-areas no initiative serves, in file order
    thin: tuple[str, ...]  # sub-areas served by fewer than their minimum
    sub_areas: int  # the parent's direct sub-areas, gaps or not
    parent_kind: Literal["uncovered", "thin"] | None  # the parent itself, if a gap

    @property
    def gaps(self) -> int:
        return len(self.uncovered) + len(self.thin)


@dataclass(frozen=True, slots=True)
class GapReport:
    LIMITED: ClassVar[tuple[str, ...]] = ("gaps", "orphans")
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "min_initiatives", "gaps", "orphans", "today", "currency"),
        ("by", lambda report, parent: OMIT if report.by is None else report.groups),
        ("by_key", lambda report, parent: OMIT if report.by is None else report.by),
        *SELECTED,
    )

    data: str
    at: int | None
    min_initiatives: int
    focus_area_count: int
    gaps: tuple[Gap, ...]
    orphans: tuple[str, ...]  # initiatives with no focus area
    names: Mapping[str, str] = field(default_factory=dict)  # initiative id -> name
    #: Some focus area has a parent: counts include the initiatives of sub-areas.
    hierarchy: bool = False
    title: str | None = None  # the portfolio's title, for headings
    #: The day acceptances were judged on (``None``: none given, none expired).
    today: date | None = None
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False

    @property
    def failing(self) -> tuple[Gap, ...]:
        """The gaps that fail ``gaps --fail``: all but those accepted and not expired."""
        return tuple(gap for gap in self.gaps if gap.fails)

    @property
    def accepted(self) -> tuple[Gap, ...]:
        """The gaps accepted and not expired."""
        return tuple(gap for gap in self.gaps if not gap.fails)

    #: Initiatives counted (the portfolio's, in the year taken).
    initiative_count: int = 0
    #: Every focus area: id -> name, and id -> its parent's id (None at the top).
    area_names: Mapping[str, str] = field(default_factory=dict)
    parents: Mapping[str, str | None] = field(default_factory=dict)
    #: Per focus area with sub-areas that are gaps: those gaps, in file order.
    rollups: tuple[GapRollup, ...] = ()
    #: The money on each gap area (direct, in the year counted: ``at``; data without
    #: years: once), gap area id -> amount; ``None`` when the data has no budgets.
    spend: Mapping[str, Decimal] | None = None
    currency: str | None = None
    #: Each focus area's ``url:`` (those that have one), for links.
    urls: Mapping[str, str] = field(default_factory=dict)
    #: ``gaps --by KEY``: the attribute grouped by, and per value its gaps (see
    #: :mod:`gapcheck.analysis.grouping`); None and empty without it.
    by: str | None = None
    groups: tuple[GapGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class CrowdedArea:
    """A focus area listed directly by more than ``max_share`` of all initiatives.

    ``count`` and ``initiatives`` are the direct marks only: initiatives of its
    sub-areas do not make a parent crowded (they need not share anything).
    """

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("focus_area", "name", "count"),
        ("share", rounded("share")),
        "initiatives",
    )

    focus_area: str
    name: str
    count: int
    share: float
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IdenticalGroup:
    """Initiatives that list exactly the same focus areas."""

    focus_areas: tuple[str, ...]
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverlapPair:
    """Two initiatives sharing directly listed focus areas; ``a`` comes first in the file."""

    JSON: ClassVar[tuple[Entry, ...]] = ("a", "b", "shared", ("jaccard", rounded("jaccard")))

    a: str
    b: str
    shared: tuple[str, ...]
    jaccard: float


@dataclass(frozen=True, slots=True)
class SharedArea:
    """A focus area listed directly by initiatives of two or more owners: coordination
    needed. ``owners`` are owner ids (an entry of ``owners:``) or plain ``owner:`` text,
    in the order their first initiative appears; ``initiatives`` the direct marks that
    have an owner, file order."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("focus_area", "name"),
        ("owners", lambda area, report: _owners(area.owners, report.owner_names)),
        "initiatives",
    )

    focus_area: str
    name: str
    owners: tuple[str, ...]
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    """Owners whose initiatives together list exactly the same focus areas."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        "focus_areas",
        ("owners", lambda group, report: _owners(group.owners, report.owner_names)),
    )

    focus_areas: tuple[str, ...]
    owners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverlapReport:
    LIMITED: ClassVar[tuple[str, ...]] = (
        *("crowded", "identical", "pairs", "coordination", "identical_owners"),
    )
    JSON: ClassVar[tuple[Entry, ...]] = (
        *("data", "title", "at", "max_share", "crowded", "identical", "pairs", "pair_count"),
        *("truncated", "has_owners", "coordination", "identical_owners"),
        *SELECTED,
    )

    data: str
    at: int | None
    max_share: float
    initiative_count: int
    crowded: tuple[CrowdedArea, ...]
    identical: tuple[IdenticalGroup, ...]
    pairs: tuple[OverlapPair, ...]
    #: All qualifying pairs, also when ``pairs`` was cut; None when too many to count.
    pair_count: int | None
    names: Mapping[str, str] = field(default_factory=dict)  # initiative id -> name
    area_names: Mapping[str, str] = field(default_factory=dict)  # focus area id -> name
    #: ``pairs`` was cut at the cap (no ``top`` was asked for, and there were more).
    truncated: bool = False
    #: An upper bound on the pairs: each pair counted once per focus area it shares.
    pair_count_at_most: int = 0
    min_shared: int = 1
    min_jaccard: float = 0.0
    #: Some focus area has a parent (crowded counts are direct marks all the same).
    hierarchy: bool = False
    title: str | None = None  # the portfolio's title, for headings
    #: Focus area id -> its parent's id (None at the top), for labels.
    parents: Mapping[str, str | None] = field(default_factory=dict)
    #: The data names owners (``owners:``, or ``owner:`` on an initiative counted).
    has_owners: bool = False
    #: Focus areas served directly by several owners: most owners first, then file order.
    coordination: tuple[SharedArea, ...] = ()
    #: Groups of two or more owners with the same focus areas, by their first owner.
    identical_owners: tuple[OwnerGroup, ...] = ()
    #: Owner id (or text) -> name, for every owner of an initiative counted.
    owner_names: Mapping[str, str] = field(default_factory=dict)
    #: The roll-up policy that counted, and the --where conditions (as KEY=VALUE).
    rollup: str = "any"
    where: tuple[str, ...] = ()
    where_initiative: tuple[str, ...] = ()
    #: The data's catalogue asks for ids in every output (``catalogue: show_ids``).
    show_ids: bool = False


def coverage_matrix(portfolio: Portfolio) -> CoverageMatrix:
    """The coverage matrix: who serves what, directly and rolled up over sub-areas."""
    return CoverageMatrix(
        **about(portfolio),
        focus_areas=tuple(
            AreaCoverage(
                id=area.id,
                name=area.name,
                parent=area.parent,
                direct=portfolio.direct(area.id),
                initiatives=portfolio.rolled_up(area.id),
                url=area.url,
                attributes=area.attributes or {},
            )
            for area in portfolio.focus_areas
        ),
        initiatives=tuple(
            InitiativeCoverage(
                item.id, item.name, item.focus_area_ids, item.url, item.attributes or {}
            )
            for item in portfolio.initiatives
        ),
    )


def min_initiatives_in_force(portfolio: Portfolio, option: int | None = None) -> int:
    """The thin threshold: the option if given, else the data's ``thresholds``, else 2."""
    if option is not None:
        return option
    return portfolio.dataset.thresholds.min_initiatives or DEFAULT_MIN_INITIATIVES


def max_share_in_force(portfolio: Portfolio, option: float | None = None) -> float:
    """The crowded threshold: the option if given, else the data's ``thresholds``, else 0.5."""
    if option is not None:
        return option
    share = portfolio.dataset.thresholds.max_share
    return DEFAULT_MAX_SHARE if share is None else share


def min_strength_of(portfolio: Portfolio, area: FocusArea) -> str:
    """The weakest mark that counts for ``area``: its own, the data's, else minimal."""
    return area.min_strength or portfolio.dataset.thresholds.min_strength or DEFAULT_MIN_STRENGTH


def qualifying(portfolio: Portfolio, area: FocusArea) -> tuple[str, ...]:
    """The initiatives that count toward ``area``'s coverage (rolled up, strong enough)."""
    return portfolio.qualifying(area.id, STRENGTH_RANK[min_strength_of(portfolio, area)])


def accepted_gap(area: FocusArea, today: date | None) -> AcceptedGap | None:
    """``area``'s acceptance judged on ``today``: expired the day after ``until``."""
    if area.accepted is None:
        return None
    until = area.accepted.until
    expired = today is not None and today > until
    return AcceptedGap(area.accepted.reason, area.accepted.by, until, expired)


def gap_rank(gap: Gap, file_rank: int) -> tuple[int, int, int]:
    """The ranking of gaps: priority descending, shortfall descending, file order."""
    return (-gap.priority, -gap.shortfall, file_rank)


def rollups(children: Mapping[str, tuple[str, ...]], gaps: Iterable[Gap]) -> tuple[GapRollup, ...]:
    """For every focus area with sub-areas that are gaps, those gaps, in file order.

    A weak sub-area (served, but by no qualifying mark) counts as thin here."""
    kinds = {gap.focus_area: "thin" if gap.kind == "weak" else gap.kind for gap in gaps}
    found = []
    for parent, kids in children.items():
        uncovered = tuple(kid for kid in kids if kinds.get(kid) == "uncovered")
        thin = tuple(kid for kid in kids if kinds.get(kid) == "thin")
        if uncovered or thin:
            found.append(GapRollup(parent, uncovered, thin, len(kids), kinds.get(parent)))
    return tuple(found)


#: Without ``top``, list at most this many pairs (and say so).
PAIR_CAP = 1_000_000


def find_overlaps(
    portfolio: Portfolio,
    max_share: float | None = None,
    top: int | None = None,
    *,
    min_shared: int = 1,
    min_jaccard: float = 0.0,
    cap: int = PAIR_CAP,
    distinct: bool = False,
) -> OverlapReport:
    """Crowded focus areas, groups of identical initiatives, and overlapping pairs.

    A focus area is crowded when the initiatives that list it themselves (its
    direct marks, not those of its sub-areas) are more than ``max_share`` (else
    the data's ``thresholds``, else 0.5) times the number of initiatives: overlap
    means working on the same thing, and a roll-up only gathers what sub-areas hold. Pairs
    share at least ``min_shared`` directly listed focus areas (and have a Jaccard
    index of at least ``min_jaccard``) and are ranked by shared count, then Jaccard
    index, then file order; ``top`` keeps the first N. Without ``top``, at most
    ``cap`` pairs are listed and ``truncated`` says when there were more.

    With ``distinct``, the pairs inside identical groups (which the formats for
    people show as groups, not again as pairs) are not listed, only counted in
    ``pair_count``: ``top`` pairs are found beyond them, without enumerating them
    (1,000 initiatives with the same focus areas are half a million such pairs).
    """
    from gapcheck.analysis.pairs import ranked_pairs

    max_share = max_share_in_force(portfolio, max_share)
    if not 0 <= max_share <= 1:
        raise ValueError("max_share must be between 0 and 1")
    if top is not None and top < 0:
        raise ValueError("top must not be negative")
    if min_shared < 1 or not 0 <= min_jaccard <= 1 or cap < 0:
        raise ValueError("min_shared must be >= 1, min_jaccard within 0..1, cap >= 0")
    total = len(portfolio.initiatives)
    area_rank = {area.id: rank for rank, area in enumerate(portfolio.dataset.focus_areas)}

    crowded = []
    for rank, area in enumerate(portfolio.focus_areas):
        members = portfolio.direct(area.id)
        # Compare the share, not ``max_share * total``: that product is inexact
        # (0.29 * 100 == 28.999999999999996 would make 29 of 100 "more than 29%").
        share = len(members) / total if total else 0.0
        if total and share > max_share:
            entry = CrowdedArea(area.id, area.name, len(members), share, members)
            crowded.append((-len(members), rank, entry))
    crowded.sort(key=lambda entry: (entry[0], entry[1]))

    # Identical groups by hashing each initiative's set of focus areas.
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    sets = [frozenset(item.focus_area_ids) for item in portfolio.initiatives]
    for item, areas in zip(portfolio.initiatives, sets, strict=True):
        if areas:
            groups[areas].append(item.id)
    identical = tuple(
        IdenticalGroup(_in_order(areas, area_rank), tuple(members))
        for areas, members in groups.items()
        if len(members) > 1
    )

    limit = top if top is not None else cap
    search = ranked_pairs(
        sets,
        limit=limit,
        min_shared=min_shared,
        min_jaccard=min_jaccard,
        distinct=distinct,
    )
    pair_total = search.total
    if distinct and pair_total is not None:  # the pairs inside groups count, unlisted
        pair_total += sum(
            len(g.initiatives) * (len(g.initiatives) - 1) // 2
            for g in identical
            if len(g.focus_areas) >= min_shared
        )
    ids = [item.id for item in portfolio.initiatives]
    pairs = tuple(
        OverlapPair(
            ids[first],
            ids[second],
            _in_order(shared, area_rank),
            len(shared) / len(sets[first] | sets[second]),
        )
        for first, second, shared in search.pairs
    )
    return OverlapReport(
        **about(portfolio),
        max_share=max_share,
        initiative_count=total,
        crowded=tuple(entry[2] for entry in crowded),
        identical=identical,
        pairs=pairs,
        pair_count=pair_total,
        names=_initiative_names(portfolio),
        area_names={area.id: area.name for area in portfolio.focus_areas},
        truncated=top is None and (pair_total is None or pair_total > cap),
        pair_count_at_most=search.at_most,
        min_shared=min_shared,
        min_jaccard=min_jaccard,
        hierarchy=_has_hierarchy(portfolio),
        parents={area.id: area.parent for area in portfolio.focus_areas},
        **_owner_overlaps(portfolio, area_rank),
    )


def _owner_overlaps(portfolio: Portfolio, area_rank: dict[str, int]) -> dict[str, Any]:
    """The owner fields of :class:`OverlapReport` (empty when the data has no owners)."""
    owner_of = {item.id: item.owner for item in portfolio.initiatives if item.owner}
    has_owners = bool(owner_of) or bool(portfolio.dataset.owners)
    if not owner_of:
        return {"has_owners": has_owners}
    shared = []
    for rank, area in enumerate(portfolio.focus_areas):
        members = tuple(i for i in portfolio.direct(area.id) if i in owner_of)
        owners = tuple(dict.fromkeys(owner_of[i] for i in members))
        if len(owners) > 1:
            shared.append((-len(owners), rank, SharedArea(area.id, area.name, owners, members)))
    shared.sort(key=lambda entry: (entry[0], entry[1]))
    profiles: dict[str, set[str]] = {}
    for item in portfolio.initiatives:
        if item.owner:
            profiles.setdefault(item.owner, set()).update(item.focus_area_ids)
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for owner, areas in profiles.items():
        if areas:
            groups[frozenset(areas)].append(owner)
    entries = {owner.id: owner.name for owner in portfolio.dataset.owners}
    return {
        "has_owners": True,
        "coordination": tuple(entry[2] for entry in shared),
        "identical_owners": tuple(
            OwnerGroup(_in_order(areas, area_rank), tuple(owners))
            for areas, owners in groups.items()
            if len(owners) > 1
        ),
        "owner_names": {owner: entries.get(owner, owner) for owner in profiles},
    }


STRENGTH_NAMES = STRENGTHS  # for renderers: the strengths, weakest first


def _has_hierarchy(portfolio: Portfolio) -> bool:
    return any(area.parent is not None for area in portfolio.focus_areas)


def _initiative_names(portfolio: Portfolio) -> dict[str, str]:
    return {item.id: item.name for item in portfolio.initiatives}


def _in_order(ids: frozenset[str], rank: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(ids, key=rank.__getitem__))


def _owners(ids: tuple[str, ...], names: Mapping[str, str]) -> list[dict[str, str]]:
    """Owners in the JSON contract: each with its name."""
    return [{"id": owner, "name": names.get(owner, owner)} for owner in ids]


def _gap_spend(gap: Gap, report: GapReport) -> Decimal | None:
    """The JSON contract's money on a gap area (direct, in the year counted)."""
    return None if report.spend is None else report.spend[gap.focus_area]
