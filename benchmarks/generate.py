"""Deterministic, realistic portfolios for benchmarks and differential tests.

    python benchmarks/generate.py OUT_DIR --initiatives 100000 --areas 2000 [--seed 1]
    python benchmarks/generate.py OUT_DIR --initiatives 4000 --areas 700 --levels 3

Focus-area popularity is Zipf-like (a few areas get most initiatives), about one
area in ten has a parent (with ``--levels N``, instead, a hierarchy N levels deep,
each level three times the one above), most initiatives have years, a few areas are planted
holes (nobody lists them), and some initiatives are planted copies of others
(identical groups). The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from pathlib import Path

HOLE_EVERY = 97  # every 97th focus area is a planted hole
COPY_SHARE = 0.02  # share of initiatives that copy an earlier one's focus areas


def _ids(prefix: str, count: int) -> list[str]:
    width = len(str(count))
    return [f"{prefix}-{n:0{width}d}" for n in range(count)]


def generate(
    out: Path,
    initiatives: int,
    areas: int,
    *,
    seed: int = 1,
    mean_areas: float = 4.0,
    levels: int = 0,
) -> None:
    """Write ``focus_areas.yaml`` and ``initiatives.yaml`` into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    area_ids = _ids("area", areas)

    lines = ["focus_areas:\n"]
    tree = _tree(area_ids, levels, seed) if levels else {}
    for index, area_id in enumerate(area_ids):
        lines.append(f"  - id: {area_id}\n    name: Focus area {index}\n")
        if levels:
            if tree[area_id] is not None:
                lines.append(f"    parent: {tree[area_id]}\n")
        elif index >= 20 and rng.random() < 0.1:
            lines.append(f"    parent: {area_ids[rng.randrange(0, index // 2)]}\n")
    (out / "focus_areas.yaml").write_text("".join(lines), encoding="utf-8")

    # Zipf-like popularity; planted holes get no weight at all.
    weights = [
        0.0 if index % HOLE_EVERY == HOLE_EVERY - 1 else 1.0 / (index + 1) ** 0.9
        for index in range(areas)
    ]
    cumulative = list(itertools.accumulate(weights))
    total_weight = cumulative[-1]

    def pick() -> str:
        return area_ids[bisect.bisect_left(cumulative, rng.random() * total_weight)]

    chosen: list[list[str]] = []
    lines = ["initiatives:\n"]
    for index, item_id in enumerate(_ids("init", initiatives)):
        if chosen and rng.random() < COPY_SHARE:
            listed = list(chosen[rng.randrange(len(chosen))])
        else:
            size = max(0, min(areas, round(rng.expovariate(1 / mean_areas))))
            listed = list(dict.fromkeys(pick() for _ in range(size)))
        chosen.append(listed)
        lines.append(f"  - id: {item_id}\n    name: Initiative {index}\n")
        if rng.random() < 0.7:
            start = rng.randrange(1990, 2025)
            lines.append(f"    start: {start}\n")
            if rng.random() < 0.3:
                lines.append(f"    end: {start + rng.randrange(0, 10)}\n")
        if listed:
            lines.append("    focus_areas:\n")
            lines.extend(f"      - {area_id}\n" for area_id in listed)
        else:
            lines.append("    focus_areas: []\n")
    (out / "initiatives.yaml").write_text("".join(lines), encoding="utf-8")


def _tree(area_ids: list[str], levels: int, seed: int) -> dict[str, str | None]:
    """A hierarchy ``levels`` deep: a tenth of the areas at the top, each deeper level
    three times as many as the one above, every area's parent on the level above."""
    rng = random.Random(seed + 7919)  # its own stream: the flat layout stays as it was
    weights = [3**level for level in range(levels)]
    sizes = [max(1, len(area_ids) * w // sum(weights)) for w in weights]
    sizes[-1] = len(area_ids) - sum(sizes[:-1])
    parent: dict[str, str | None] = {}
    above: list[str] = []
    start = 0
    for size in sizes:
        level = area_ids[start : start + size]
        for area_id in level:
            parent[area_id] = rng.choice(above) if above else None
        above, start = level, start + size
    return parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--levels", type=int, default=0, help="a hierarchy this deep (e.g. 3)")
    args = parser.parse_args()
    generate(args.out, args.initiatives, args.areas, seed=args.seed, levels=args.levels)


if __name__ == "__main__":
    main()
