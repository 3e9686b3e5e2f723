"""Overlapping pairs of initiatives, ranked, without enumerating every pair at scale.

A pair overlaps when the two initiatives list at least ``min_shared`` (default 1)
focus areas in common. Pairs are ranked by the number shared, then by Jaccard
index (shared / union), then by file order. Real portfolios can have billions of
overlapping pairs (a popular focus area with 50,000 initiatives alone makes 1.25
billion), so listing or even counting them all is not an option:

- **Small inputs** (at most ``cheap`` pair-incidences, counted with multiplicity):
  every pair is enumerated through an inverted index; the total is exact.
- **Large inputs**: a *prefix-filtered set-similarity join* finds every pair
  sharing at least ``s`` focus areas without looking at the others: with focus
  areas ordered rarest first, two sets sharing ``s`` areas must share one within
  the first ``len - s + 1`` areas of each. ``s`` starts at the largest set size and
  goes down until ``limit`` pairs are found (or ``min_shared`` is reached), so the
  best pairs are found first and exactly: every pair sharing more than the final
  ``s`` is found, and all of those sharing exactly ``s``. The total is then known
  only when the search reached ``min_shared``; otherwise it is reported as
  unknown, with the upper bound of the incidences.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

#: Enumerate every pair when there are at most this many pair-incidences.
CHEAP = 2_000_000

Key = tuple[int, float, int, int]  # (-shared, -jaccard, first, second): smallest is best


@dataclass(frozen=True, slots=True)
class PairSearch:
    """Ranked pairs ``(first, second, shared)`` by index, and what is known of the total."""

    pairs: list[tuple[int, int, frozenset[str]]]
    total: int | None  # every qualifying pair, when known
    at_most: int  # an upper bound on the total


def incidences(sets: list[frozenset[str]]) -> int:
    """Pairs counted once per focus area they share: an upper bound on overlapping pairs."""
    sizes = Counter(area for areas in sets for area in areas)
    return sum(n * (n - 1) // 2 for n in sizes.values())


def ranked_pairs(
    sets: list[frozenset[str]],
    *,
    limit: int | None,
    min_shared: int = 1,
    min_jaccard: float = 0.0,
    cheap: int = CHEAP,
    distinct: bool = False,
) -> PairSearch:
    """The best ``limit`` pairs (all if ``None``) among those that qualify, and the total.

    With ``distinct``, pairs of equal sets are neither listed nor counted: the formats
    for people show those as groups (:func:`_ranked_distinct`)."""
    bound = incidences(sets)
    floor = max(1, min_shared)
    if floor > max((len(areas) for areas in sets), default=0):
        return PairSearch([], 0, bound)  # no two sets can share that many: none qualifies
    if distinct:
        return _ranked_distinct(
            sets, limit=limit, floor=floor, min_jaccard=min_jaccard, cheap=cheap, bound=bound
        )
    if bound <= cheap:
        found = _join(sets, floor, min_jaccard, prefix=False)
        return PairSearch(_best(found, limit, sets), len(found), bound)
    largest = max((len(areas) for areas in sets), default=0)
    order = _rarest_first(sets)
    found = []
    for level in range(largest, floor - 1, -1):
        found = _join(sets, level, min_jaccard, prefix=True, order=order)
        if limit is not None and len(found) >= limit:
            return PairSearch(
                _best(found, limit, sets), len(found) if level == floor else None, bound
            )
    return PairSearch(_best(found, limit, sets), len(found), bound)


def _ranked_distinct(
    sets: list[frozenset[str]],
    *,
    limit: int | None,
    floor: int,
    min_jaccard: float,
    cheap: int,
    bound: int,
) -> PairSearch:
    """As :func:`ranked_pairs`, without the pairs of equal sets, searched among the
    distinct sets only: 1,000 initiatives with the same 50 focus areas are one set to
    search, not half a million pairs walked again for every ``s``. A pair of distinct
    sets stands for every pair of their members (:func:`_expand`)."""
    groups: dict[frozenset[str], list[int]] = {}
    for index, areas in enumerate(sets):
        groups.setdefault(areas, []).append(index)
    unique = list(groups)
    members = list(groups.values())

    def count(found: list[Key]) -> int:
        return sum(len(members[first]) * len(members[second]) for _, _, first, second in found)

    if incidences(unique) <= cheap:
        found = _join(unique, floor, min_jaccard, prefix=False)
        return PairSearch(_expand(found, limit, members, sets), count(found), bound)
    order = _rarest_first(unique)
    found = []
    for level in range(max(len(areas) for areas in unique), floor - 1, -1):
        found = _join(unique, level, min_jaccard, prefix=True, order=order)
        total = count(found)
        if limit is not None and total >= limit:
            pairs = _expand(found, limit, members, sets)
            return PairSearch(pairs, total if level == floor else None, bound)
    return PairSearch(_expand(found, limit, members, sets), count(found), bound)


def _expand(
    found: list[Key], limit: int | None, members: list[list[int]], sets: list[frozenset[str]]
) -> list[tuple[int, int, frozenset[str]]]:
    """The best ``limit`` pairs of members of the pairs of distinct sets ``found``: by
    shared count and Jaccard index (the same for every pair of two sets' members),
    then in file order, merged from each pair of sets without listing them all."""
    found = sorted(found, key=lambda key: (key[0], key[1]))
    best: list[tuple[int, int]] = []
    for _, tier in itertools.groupby(found, key=lambda key: (key[0], key[1])):
        merged = heapq.merge(*(_member_pairs(members[a], members[b]) for _, _, a, b in tier))
        if limit is None:
            best.extend(merged)
            continue
        best.extend(itertools.islice(merged, limit - len(best)))
        if len(best) >= limit:
            break
    return [(first, second, sets[first] & sets[second]) for first, second in best]


def _member_pairs(one: list[int], other: list[int]) -> Iterator[tuple[int, int]]:
    """Every pair of a member of ``one`` and one of ``other`` (ascending, disjoint), as
    ``(earlier, later)`` in file order."""
    tagged = heapq.merge(((i, 0) for i in one), ((i, 1) for i in other))
    for first, side in tagged:
        partners = other if side == 0 else one
        for second in partners[bisect.bisect_right(partners, first) :]:
            yield first, second


def _rarest_first(sets: list[frozenset[str]]) -> dict[str, int]:
    counts = Counter(area for areas in sets for area in areas)
    return {area: rank for rank, (area, _) in enumerate(sorted(counts.items(), key=_by_count))}


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return item[1], item[0]


def _join(
    sets: list[frozenset[str]],
    level: int,
    min_jaccard: float,
    *,
    prefix: bool,
    order: dict[str, int] | None = None,
) -> list[Key]:
    """The rank key of every pair sharing at least ``level`` areas (and ``min_jaccard``).

    Only the keys are kept (a pair's shared areas are found again for the few pairs
    chosen): a million pairs take a tenth of the memory without a set each."""
    index: dict[str, list[int]] = defaultdict(list)
    found: list[Key] = []
    for second, areas in enumerate(sets):
        if len(areas) < level:
            continue
        if prefix and order is not None:
            keys = sorted(areas, key=order.__getitem__)[: len(areas) - level + 1]
        else:
            keys = list(areas)
        candidates: set[int] = set()
        for area in keys:
            candidates.update(index[area])
        for first in candidates:
            shared = len(sets[first] & areas)
            if shared < level:
                continue
            jaccard = shared / (len(sets[first]) + len(areas) - shared)
            if jaccard >= min_jaccard:
                found.append((-shared, -jaccard, first, second))
        for area in keys:
            index[area].append(second)
    return found


def _best(
    found: list[Key], limit: int | None, sets: list[frozenset[str]]
) -> list[tuple[int, int, frozenset[str]]]:
    ranked = sorted(found) if limit is None else heapq.nsmallest(limit, found)
    return [(first, second, sets[first] & sets[second]) for _, _, first, second in ranked]
