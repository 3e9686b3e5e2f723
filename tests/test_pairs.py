"""The pair search at scale gives exactly the answers of the straightforward method."""

from __future__ import annotations

import functools
import itertools
import random
import sys
from pathlib import Path

import pytest

from gapcheck.analysis import find_overlaps
from gapcheck.analysis.pairs import incidences, ranked_pairs
from gapcheck.graph import Portfolio
from gapcheck.loader import load_dataset

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def brute(
    sets: list[frozenset[str]], min_shared: int, min_jaccard: float
) -> list[tuple[int, int, frozenset[str]]]:
    """Every pair, looked at one by one, sorted by the documented ranking."""
    return list(_brute(tuple(sets), min_shared, min_jaccard))


@functools.cache  # the same sets and thresholds recur under each limit: ask the oracle once
def _brute(
    sets: tuple[frozenset[str], ...], min_shared: int, min_jaccard: float
) -> tuple[tuple[int, int, frozenset[str]], ...]:
    found = []
    for first, second in itertools.combinations(range(len(sets)), 2):
        shared = sets[first] & sets[second]
        if len(shared) < max(1, min_shared):
            continue
        jaccard = len(shared) / len(sets[first] | sets[second])
        if jaccard >= min_jaccard:
            found.append(((-len(shared), -jaccard, first, second), shared))
    found.sort()
    return tuple((key[2], key[3], shared) for key, shared in found)


def zipf_sets(seed: int, count: int = 300, areas: int = 40) -> list[frozenset[str]]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(areas)]
    sets = []
    for _ in range(count):
        if sets and rng.random() < 0.05:
            sets.append(rng.choice(sets))  # planted identical sets
            continue
        size = min(areas, int(rng.expovariate(1 / 4)))
        sets.append(frozenset(f"a{i}" for i in rng.choices(range(areas), weights, k=size)))
    return sets


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("limit", [1, 7, 50, 400, None])
@pytest.mark.parametrize(("min_shared", "min_jaccard"), [(1, 0.0), (2, 0.0), (1, 0.5), (3, 0.3)])
def test_prefix_join_equals_brute_force(
    seed: int, limit: int | None, min_shared: int, min_jaccard: float
) -> None:
    sets = zipf_sets(seed)
    expected = brute(sets, min_shared, min_jaccard)
    search = ranked_pairs(
        sets, limit=limit, min_shared=min_shared, min_jaccard=min_jaccard, cheap=0
    )
    assert search.pairs == expected[:limit]
    assert search.total in (None, len(expected))
    if search.total is None:
        assert limit is not None
        assert len(expected) >= limit  # unknown only when the limit was reached early
    assert search.at_most >= len(expected)


@pytest.mark.parametrize("seed", [5, 6])
def test_cheap_path_equals_brute_force(seed: int) -> None:
    sets = zipf_sets(seed, count=120)
    search = ranked_pairs(sets, limit=None)
    assert search.pairs == brute(sets, 1, 0.0)
    assert search.total == len(search.pairs)
    assert search.at_most == incidences(sets)


def generated(directory: Path, initiatives: int, areas: int, seed: int) -> Portfolio:
    """A portfolio made by the benchmark generator."""
    generate(directory, initiatives, areas, seed=seed)
    dataset = load_dataset(directory).dataset
    assert dataset is not None
    return Portfolio(dataset)


def test_cap_truncates_and_says_so(tmp_path: Path) -> None:
    portfolio = generated(tmp_path, 400, 30, seed=7)
    full = find_overlaps(portfolio)
    assert not full.truncated
    assert full.pair_count is not None
    assert full.pair_count > 25
    capped = find_overlaps(portfolio, cap=25)
    assert capped.truncated
    assert capped.pairs == full.pairs[:25]
    top = find_overlaps(portfolio, top=25)
    assert not top.truncated  # asked for: nothing was hidden from the user
    assert top.pairs == full.pairs[:25]


def test_min_shared_and_min_jaccard_filter(tmp_path: Path) -> None:
    portfolio = generated(tmp_path, 300, 25, seed=8)
    everything = find_overlaps(portfolio).pairs
    strict = find_overlaps(portfolio, min_shared=2, min_jaccard=0.5).pairs
    assert strict == tuple(p for p in everything if len(p.shared) >= 2 and p.jaccard >= 0.5)
    assert 0 < len(strict) < len(everything)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("limit", [1, 7, 50, None])
@pytest.mark.parametrize("cheap", [0, 10**9])
@pytest.mark.parametrize(("min_shared", "min_jaccard"), [(1, 0.0), (2, 0.3)])
def test_distinct_join_leaves_out_equal_sets_only(
    seed: int, limit: int | None, cheap: int, min_shared: int, min_jaccard: float
) -> None:
    """``distinct`` indexes equal sets once: the same pairs but those of equal sets."""
    sets = zipf_sets(seed)
    sets += [sets[3]] * 40  # a large identical group: 820 pairs the search must not walk
    expected = [p for p in brute(sets, min_shared, min_jaccard) if sets[p[0]] != sets[p[1]]]
    search = ranked_pairs(
        sets,
        limit=limit,
        min_shared=min_shared,
        min_jaccard=min_jaccard,
        cheap=cheap,
        distinct=True,
    )
    assert search.pairs == expected[:limit]
    assert search.total in (None, len(expected))


def test_distinct_overlaps_count_the_groups_without_listing_them(tmp_path: Path) -> None:
    """What the formats for people ask for (``distinct``) is what they show of the whole."""
    portfolio = generated(tmp_path, 300, 25, seed=9)
    full = find_overlaps(portfolio)
    shown = find_overlaps(portfolio, top=20, distinct=True)
    assert shown.pairs == tuple(p for p in full.pairs if p.jaccard < 1)[:20]
    assert shown.identical == full.identical
    assert all(p.jaccard < 1 for p in shown.pairs)
    everything = find_overlaps(portfolio, distinct=True)
    assert everything.pair_count == full.pair_count
