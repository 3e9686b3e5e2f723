"""Benchmarks of gapcheck, as ratios to a baseline measured in the same run.

    python benchmarks/run.py [--sizes 1k,10k,100k,1m] [--repeat 3]
    python benchmarks/run.py --profile medium [--repeat 3]

For each size it generates a portfolio (``benchmarks/generate.py``, cached under
``benchmarks/out/``) and measures, each as a fresh subprocess, the median wall time
and the peak memory (max RSS) of:

- **B**: the bare libyaml load of both files with the garbage collector off
  (``yaml.load(..., Loader=yaml.CSafeLoader)``): the floor any YAML tool pays;
- every command end to end (``python -m gapcheck ...``);

then, in one process, the time of each phase (parse, validate, model, each
analysis, render). Every figure is printed with its ratio to B. Start-up is
compared with bare imports. Results: docs/performance.md.

``--profile medium`` instead runs every command in every format on a generated
portfolio of 4,000 initiatives × 700 focus areas with a 3-level hierarchy and
skewed popularity (``diff`` against a second version of the same shape), and
prints the median wall time of each against the goal of 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))

from generate import generate  # noqa: E402

SIZES = {
    "1k": (1_000, 100),
    "10k": (10_000, 500),
    "100k": (100_000, 2_000),
    "1m": (1_000_000, 5_000),
}

#: name -> (initiatives, focus areas, hierarchy levels)
PROFILES = {"medium": (4_000, 700, 3)}
PROFILE_GOAL = 1.5  # seconds, for every command in every format

#: Every command with every format it has.
FORMATS = {
    "validate": ("text", "json", "github"),
    "matrix": ("table", "json", "markdown", "csv"),
    "gaps": ("table", "json", "markdown", "csv", "github"),
    "overlaps": ("table", "json", "markdown", "csv"),
    "timeline": ("table", "json", "markdown", "csv"),
    "diff": ("table", "json", "markdown", "csv", "github"),
    "report": ("html", "markdown"),
}

BARE_LOAD = """
import gc, sys, yaml
gc.disable()
for name in ("focus_areas.yaml", "initiatives.yaml"):
    with open(sys.argv[1] + "/" + name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in bytes and exit code of one subprocess."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, process.returncode


def measure(command: list[str], repeat: int) -> tuple[float, int, int]:
    runs = [run(command) for _ in range(repeat)]
    return (
        statistics.median(r[0] for r in runs),
        max(r[1] for r in runs),
        runs[-1][2],
    )


def dataset(size: str) -> Path:
    initiatives, areas = SIZES[size]
    out = HERE / "out" / size
    if not (out / "initiatives.yaml").exists():
        print(f"generating {size}: {initiatives:,} initiatives x {areas:,} focus areas ...")
        generate(out, initiatives, areas)
    return out


def phases(data: Path) -> dict[str, float]:
    """Seconds per phase in one process (imports excluded)."""
    import gc

    from gapcheck.analysis import (
        coverage_matrix,
        coverage_timeline,
        default_range,
        find_critical,
        find_gaps,
        find_overlaps,
        summarise_portfolio,
    )
    from gapcheck.graph import Portfolio
    from gapcheck.loader import load_dataset
    from gapcheck.render import json as json_render

    gc.collect()
    timings: dict[str, float] = {}
    result = load_dataset(data, timings=timings)
    assert result.dataset is not None, result.diagnostics[:3]
    clock = time.perf_counter()
    portfolio = Portfolio(result.dataset)
    timings["model (graph)"] = time.perf_counter() - clock
    steps = {
        "coverage matrix": lambda: coverage_matrix(portfolio),
        "gaps": lambda: find_gaps(portfolio),
        "critical": lambda: find_critical(portfolio),
        "summary": lambda: summarise_portfolio(portfolio),
        "overlaps --top 100": lambda: find_overlaps(portfolio, top=100),
        "timeline": lambda: coverage_timeline(portfolio, *default_range(portfolio.dataset, 2026)),
    }
    for name, step in steps.items():
        clock = time.perf_counter()
        value = step()
        timings[name] = time.perf_counter() - clock
        if name == "gaps":
            clock = time.perf_counter()
            json_render.render(value)
            timings["render gaps json"] = time.perf_counter() - clock
    return timings


def profile(name: str, repeat: int) -> None:
    """Every command in every format on the profile's portfolio, against the goal."""
    import tempfile

    initiatives, areas, levels = PROFILES[name]
    versions = []
    for seed in (1, 2):
        out = HERE / "out" / f"{name}-{seed}"
        if not (out / "initiatives.yaml").exists():
            generate(out, initiatives, areas, seed=seed, levels=levels)
        versions.append(out)
    data, other = versions
    megabytes = sum(f.stat().st_size for f in data.glob("*.yaml")) / 1e6
    print(
        f"## {name}: {initiatives:,} initiatives x {areas:,} focus areas,"
        f" {levels}-level hierarchy ({megabytes:.1f} MB); median of {repeat}, goal"
        f" {PROFILE_GOAL} s\n"
    )
    print("| command | format | time | peak memory | goal |")
    print("| --- | --- | ---: | ---: | --- |")
    gapcheck = [sys.executable, "-m", "gapcheck"]
    with tempfile.TemporaryDirectory() as scratch:
        for command, formats in FORMATS.items():
            for fmt in formats:
                if command == "diff":
                    words = ["diff", str(other), str(data)]
                elif command == "report":
                    words = ["report", "--data", str(data), "-o", f"{scratch}/report.{fmt}"]
                else:
                    words = [command, "--data", str(data)]
                command_line = [*gapcheck, *words, "--format", fmt]
                seconds, rss, code = run(command_line)
                if seconds <= 5 * PROFILE_GOAL:  # far over the goal, once is enough
                    seconds, rss, code = measure(command_line, repeat)
                mark = "✓" if seconds <= PROFILE_GOAL else "✗"
                exit_note = "" if code in (0, 1) else f" (exit {code})"
                print(
                    f"| `{command}` | {fmt} | {seconds:.2f} s | {rss / 1e6:.0f} MB"
                    f" | {mark}{exit_note} |"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=sorted(PROFILES), help="every command, every format")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.repeat)
        return
    python = sys.executable
    gapcheck = [python, "-m", "gapcheck"]

    print("## start-up (bundled data)")
    typer_only = measure([python, "-c", "import typer"], 9)[0]
    imports = measure([python, "-c", "import typer, pydantic, yaml"], 9)[0]
    bundled = str(ROOT / "data")
    version = measure([*gapcheck, "--version"], 9)[0]
    validate = measure([*gapcheck, "validate", "--data", bundled], 9)[0]
    print(f"  python -c 'import typer'                  {typer_only * 1000:7.1f} ms")
    print(f"  python -c 'import typer, pydantic, yaml'  {imports * 1000:7.1f} ms")
    print(
        f"  gapcheck --version                        {version * 1000:7.1f} ms"
        f"  = {version / typer_only:.2f} x import typer (goal <= 1.3)"
    )
    print(
        f"  gapcheck validate (bundled)               {validate * 1000:7.1f} ms"
        f"  = {validate / imports:.2f} x import typer, pydantic, yaml (goal <= 1.5)"
    )

    for size in args.sizes.split(","):
        data = dataset(size)
        megabytes = sum(f.stat().st_size for f in data.glob("*.yaml")) / 1e6
        initiatives, areas = SIZES[size]
        print(
            f"\n## {size}: {initiatives:,} initiatives x {areas:,} focus areas ({megabytes:.1f} MB)"
        )
        base_time, base_rss, _ = measure([python, "-c", BARE_LOAD, str(data)], args.repeat)
        print(f"  {'B = bare libyaml load, GC off':40} {base_time:8.2f} s {base_rss / 1e6:8.0f} MB")
        # The generated initiatives have years: --all-years counts every one of them (the
        # default counts this year's only, a smaller portfolio), so that figures stay
        # comparable with docs/performance.md.
        every = "--all-years"
        commands = {
            "validate": ["validate"],
            "gaps --format json": ["gaps", every, "--format", "json"],
            "overlaps --top 100 --format json": [
                "overlaps",
                every,
                "--top",
                "100",
                "--format",
                "json",
            ],
            "matrix --format json": ["matrix", every, "--format", "json"],
            "timeline --format csv": ["timeline", "--format", "csv"],
            "critical --format json": ["critical", every, "--format", "json"],
        }
        for name, words in commands.items():
            seconds, rss, code = measure([*gapcheck, *words, "--data", str(data)], args.repeat)
            print(
                f"  {name:40} {seconds:8.2f} s {rss / 1e6:8.0f} MB"
                f"   time {seconds / base_time:5.2f} x B   memory {rss / base_rss:5.2f} x B"
                + ("" if code in (0, 1) else f"   exit {code}")
            )
        print("  phases, in one process:")
        for name, seconds in phases(data).items():
            print(f"    {name:38} {seconds:8.2f} s   {seconds / base_time:5.2f} x B")


if __name__ == "__main__":
    main()
