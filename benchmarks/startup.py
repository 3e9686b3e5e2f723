"""Start-up cost of the CLI, as ratios to bare imports measured in the same run.

    python benchmarks/startup.py [--runs 15]

Each command runs as a fresh subprocess, with bytecode caching on (as an installed
package has it: a first, unmeasured run of each writes the cache). Two figures per
command, both medians: the wall time, and the CPU time of the process (user + system),
which other work on a shared machine disturbs far less. The targets (docs/performance.md):

- ``gapcheck --version`` at most 1.3x ``import typer``;
- ``gapcheck validate`` at most 1.5x ``import typer, pydantic, yaml``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = str(ROOT / "data")
TARGETS = {  # command: (its baseline, the most it may cost as a multiple of it)
    "gapcheck --version": ("python -c 'import typer'", 1.3),
    "gapcheck validate (bundled data)": ("python -c 'import typer, pydantic, yaml'", 1.5),
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``command`` over ``runs`` runs (after one warm-up)."""
    subprocess.run(command, check=False, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=env)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    gapcheck = [python, "-m", "gapcheck"]
    cases = {
        "python -c 'import typer'": [python, "-c", "import typer"],
        "python -c 'import typer, pydantic, yaml'": [python, "-c", "import typer, pydantic, yaml"],
        "gapcheck --version": [*gapcheck, "--version"],
        "gapcheck --help": [*gapcheck, "--help"],
        "gapcheck validate (bundled data)": [*gapcheck, "validate", "--data", DATA],
        "gapcheck gaps --format json": [*gapcheck, "gaps", "-f", "json", "--data", DATA],
        "gapcheck gaps (table)": [*gapcheck, "gaps", "--data", DATA],
    }
    results = {name: measure(command, runs, env) for name, command in cases.items()}
    print(f"{'command':45} {'wall ms':>9} {'cpu ms':>9}")
    for name, (wall, cpu) in results.items():
        print(f"{name:45} {wall * 1000:9.1f} {cpu * 1000:9.1f}")
    print()
    print(f"{'ratio':45} {'wall':>9} {'cpu':>9} {'target':>9}")
    for name, (baseline, target) in TARGETS.items():
        wall, cpu = results[name]
        base_wall, base_cpu = results[baseline]
        print(
            f"{name + ' / ' + baseline.split(' -c ')[1]:45.45} {wall / base_wall:9.2f}"
            f" {cpu / base_cpu:9.2f} {target:9.2f}"
        )


if __name__ == "__main__":
    main()
