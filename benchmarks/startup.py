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

# The floor under ``validate`` that the libraries set: ``import pydantic`` loads almost
# nothing (its names are imported on first use), while any model loads pydantic's
# model machinery; and typer builds a pydantic TypeAdapter for each option it parses.
# The second floor is both: a typer app with validate's options whose body checks one
# one-field model.
MODELS = """
import os, typer, yaml
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"  # as gapcheck's CLI runs them
from pydantic import BaseModel
class M(BaseModel):
    x: int
"""
BARE_APP = """
import enum, os, pathlib, typer
from typing import Annotated
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from pydantic import BaseModel
class M(BaseModel):
    x: int
class Format(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
class Lang(str, enum.Enum):
    EN = "en"
    DA = "da"
app = typer.Typer()
@app.command()
def validate(
    data: Annotated[pathlib.Path | None, typer.Option("--data")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TEXT,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes")] = 1,
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.EN,
) -> None:
    M(x=1)
@app.command()
def other() -> None:
    pass
app(["validate", "--data", "."])
"""


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
        "import typer, yaml; pydantic's models": [python, "-c", MODELS],
        "typer app: validate's options, one model": [python, "-c", BARE_APP],
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
    base_wall, base_cpu = results["python -c 'import typer, pydantic, yaml'"]
    for name in (
        "import typer, yaml; pydantic's models",
        "typer app: validate's options, one model",
    ):
        wall, cpu = results[name]
        print(f"{name + ' (floor)':45.45} {wall / base_wall:9.2f} {cpu / base_cpu:9.2f}")


if __name__ == "__main__":
    main()
