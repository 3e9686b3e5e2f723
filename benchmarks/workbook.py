"""Reading a workbook against reading the same data from YAML, in one run.

    python benchmarks/workbook.py [--data DIR] [--repeat 5]

Writes DIR's data as a workbook (``gapcheck export xlsx``, into ``benchmarks/out/``),
then measures, alternating the two so that a busy machine slows both alike:

- in one process, ``load_path`` of the directory and of the workbook (read,
  check, model): the median of ``--repeat`` loads each, after one warm-up;
- end to end, ``gapcheck validate --data DIR`` and ``--data book.xlsx`` as fresh
  subprocesses (start-up and imports included): the median wall time each.

Prints each time and the workbook's ratio to YAML; the goal is at most 2.0. The
default data is the Atomic Red Team portfolio (1,790 initiatives x 691 focus areas).
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
sys.path.insert(0, str(SRC))

GOAL = 2.0
DEFAULT = ROOT.parent / "shared" / "data" / "atomic-red-team"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=_env(), capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    book = out / f"{args.data.name}.xlsx"
    gapcheck = [sys.executable, "-m", "gapcheck"]
    subprocess.run(
        [*gapcheck, "export", "xlsx", "--data", str(args.data), "-o", str(book)],
        env=_env(),
        capture_output=True,
        check=True,
    )

    from gapcheck.readers.data import load_path

    loads: dict[str, list[float]] = {"yaml": [], "xlsx": []}
    runs: dict[str, list[float]] = {"yaml": [], "xlsx": []}
    sources = {"yaml": args.data, "xlsx": book}
    for source in sources.values():
        load_path(source)  # warm-up: imports, caches
    for _ in range(args.repeat):
        for kind, source in sources.items():
            start = time.perf_counter()
            result = load_path(source)
            loads[kind].append(time.perf_counter() - start)
            assert result.dataset is not None, result.diagnostics[:3]
            runs[kind].append(_wall([*gapcheck, "validate", "--data", str(source)]))
    print(f"data: {args.data} ({book.stat().st_size:,} bytes as .xlsx)")
    worst = 0.0
    for what, times in (("load_path", loads), ("gapcheck validate", runs)):
        yaml_time = statistics.median(times["yaml"])
        xlsx_time = statistics.median(times["xlsx"])
        ratio = xlsx_time / yaml_time
        worst = max(worst, ratio)
        print(
            f"{what:18} YAML {yaml_time:6.3f} s   workbook {xlsx_time:6.3f} s"
            f"   ratio {ratio:4.2f} (goal <= {GOAL})"
        )
    print("PASS" if worst <= GOAL else "FAIL")


if __name__ == "__main__":
    main()
