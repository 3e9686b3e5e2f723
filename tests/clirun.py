"""gapcheck as a real process, for the tests that must see what a user's shell sees.

Every such test runs the code under test (``src/``) with plain output: no colour, a
100-column terminal, UTF-8, and no ``FORCE_COLOR`` from the caller's environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from contextlib import chdir
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PLAIN = {"NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}


def process_env(**extra: str) -> dict[str, str]:
    """This process's environment for a child: ``src/`` first, plain output, ``extra``."""
    env = {**os.environ, **PLAIN, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    env.pop("FORCE_COLOR", None)
    return env


def python(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in ``cwd``, with :func:`process_env` unless ``env`` is given."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=process_env() if env is None else env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,  # a hang guard, not a speed test
        check=False,
    )


def gapcheck(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m gapcheck ARGS`` in ``cwd``."""
    return python("-m", "gapcheck", *args, cwd=cwd, env=env)


def in_process(
    *args: str, cwd: Path, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``gapcheck ARGS`` in ``cwd``, run in this process by typer's runner, with the plain
    output of :func:`process_env`: what a process prints, without starting one (a start
    costs more than most commands). A traceback fails the test, as it would in a shell.
    """
    from typer.testing import CliRunner

    from gapcheck.cli import app

    with chdir(cwd):
        result = CliRunner().invoke(
            app, list(args), env={**PLAIN, "FORCE_COLOR": None, **(env or {})}
        )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def limited(
    args: list[str], peak_file: Path, *, memory: int = 1024**3
) -> tuple[subprocess.CompletedProcess[str], int]:
    """``gapcheck ARGS`` in a child that limits its own address space to ``memory`` and
    records its peak (VmHWM: the peak of this program alone; rusage would count what
    fork copied). Returns the process and the peak in bytes."""
    launcher = "\n".join(
        [
            "import resource, runpy, sys",
            f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))",
            f"sys.argv = ['gapcheck', *{args!r}]",
            "try:",
            "    runpy.run_module('gapcheck', run_name='__main__')",
            "finally:",
            "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]",
            f"    open({str(peak_file)!r}, 'w').write(status)",
        ]
    )
    process = subprocess.run(
        [sys.executable, "-c", launcher],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a speed test
        env={**process_env(), "PYTHONPATH": str(SRC)},
        check=False,
    )
    return process, int(peak_file.read_text()) * 1024
