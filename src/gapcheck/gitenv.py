"""Running ``git`` whatever the environment holds (light: the command line imports it).

Git reads dozens of ``GIT_*`` variables that redirect where it looks: ``GIT_DIR`` and
``GIT_WORK_TREE`` name another repository, ``GIT_INDEX_FILE``,
``GIT_OBJECT_DIRECTORY`` and ``GIT_ALTERNATE_OBJECT_DIRECTORIES`` other object stores,
``GIT_CONFIG_PARAMETERS``, ``GIT_CONFIG_COUNT`` and ``GIT_CONFIG_KEY_*`` add
configuration, ``GIT_NAMESPACE`` hides refs, and so on. A git hook sets some of them
for the commands it runs, a shell may hold others. gapcheck's question is always
about the repository that holds the data directory, so it runs git with **every**
``GIT_*`` variable removed (a list of the dangerous ones would fall behind git) and
``-C DIR``: git finds the repository from the directory alone, as a plain ``git``
run there would. The user's and the system's configuration files are still read, as
by any git command (``safe.directory`` lives there); only ``GIT_TERMINAL_PROMPT=0``
(never ask for anything) and ``LC_ALL=C`` (messages and output as documented) are
set.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_environment() -> dict[str, str]:
    """The process environment without any ``GIT_*`` variable, plus gapcheck's own."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    return env


def run_git(directory: Path | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``git -C directory args...`` with a scrubbed environment; output as bytes.

    Raises ``OSError`` when git cannot be started (not installed, not executable) and
    ``ValueError`` for an argument that cannot be passed to a program (a NUL byte).
    """
    return subprocess.run(
        ["git", "--no-pager", "-C", os.fspath(directory), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        env=git_environment(),
    )
