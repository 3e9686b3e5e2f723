"""Read a data directory as it was at a git revision, with ``git`` itself.

Nothing is checked out: the two files are read with ``git cat-file`` from the
repository that holds the data directory. Every failure is an
:class:`~gapcheck.loader.InputError` (the command line exits 2).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from gapcheck.limits import MAX_BYTES
from gapcheck.loader import (
    FOCUS_AREAS_FILE,
    INITIATIVES_FILE,
    InputError,
    LoadResult,
    load_contents,
)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise InputError("git is not installed; it is needed to read a revision") from None


def load_revision(data_dir: Path, revision: str, *, max_bytes: int = MAX_BYTES) -> LoadResult:
    """Load ``data_dir``'s two files as they were at ``revision`` of its git repository."""
    if revision.startswith("-") or not revision.strip():
        raise InputError(f"'{revision}' is not a git revision")
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: no such directory (needed to find the git repository)")
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise InputError(
            f"'{revision}' is neither a directory nor a revision:"
            f" {data_dir} is not inside a git repository"
        )
    root = Path(top.stdout.decode("utf-8", "replace").strip())
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise InputError(
            f"unknown revision '{revision}' in {root}"
            " (give a directory, a branch, a tag or a commit such as HEAD~1)"
        )
    sha = commit.stdout.decode().strip()
    prefix = data_dir.resolve().relative_to(root.resolve()).as_posix()
    folder = "" if prefix == "." else f"{prefix}/"
    kind = _git(root, "cat-file", "-t", f"{sha}:{folder}" if folder else f"{sha}:")
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        raise InputError(f"{folder or './'} does not exist at revision '{revision}'")
    contents: dict[str, bytes | None] = {}
    for name in (FOCUS_AREAS_FILE, INITIATIVES_FILE):
        blob = _git(root, "cat-file", "blob", f"{sha}:{folder}{name}")
        contents[name] = blob.stdout if blob.returncode == 0 else None
    return load_contents(
        contents,
        display=lambda name: f"{revision}:{folder}{name}",
        label=revision,
        max_bytes=max_bytes,
    )
