"""Start-up cost of the CLI, as ratios to bare imports measured in the same run.

    python benchmarks/startup.py [--runs 15]

Each command runs as a fresh subprocess; the figure is the median wall time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = str(ROOT / "data")


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    cases = {
        "python -c 'import typer'": [python, "-c", "import typer"],
        "python -c 'import typer, pydantic, yaml'": [python, "-c", "import typer, pydantic, yaml"],
        "gapcheck --version": [python, "-m", "gapcheck", "--version"],
        "gapcheck --help": [python, "-m", "gapcheck", "--help"],
        "gapcheck validate (bundled data)": [python, "-m", "gapcheck", "validate", "--data", DATA],
        "gapcheck gaps --format json": [
            python,
            "-m",
            "gapcheck",
            "gaps",
            "-f",
            "json",
            "--data",
            DATA,
        ],
        "gapcheck gaps (table)": [python, "-m", "gapcheck", "gaps", "--data", DATA],
    }
    results = {name: median_seconds(command, runs) for name, command in cases.items()}
    typer_only = results["python -c 'import typer'"]
    base = results["python -c 'import typer, pydantic, yaml'"]
    print(f"{'command':45} {'median ms':>10} {'/ typer':>8} {'/ typer+pydantic+yaml':>22}")
    for name, seconds in results.items():
        print(
            f"{name:45} {seconds * 1000:10.1f} {seconds / typer_only:8.2f} {seconds / base:22.2f}"
        )


if __name__ == "__main__":
    main()
