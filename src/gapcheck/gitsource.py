"""Read a data directory (or a workbook) as it was at a git revision, with ``git`` itself.

Nothing is checked out: the two files are read with ``git cat-file`` from the
repository that holds the data directory, found from that directory alone whatever
``GIT_*`` variables the environment holds (see :mod:`gapcheck.gitenv`). Every
failure is an :class:`~gapcheck.loader.InputError` (the command line exits 2).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from gapcheck.gitenv import run_git
from gapcheck.limits import MAX_BYTES
from gapcheck.loader import (
    FOCUS_AREAS_FILE,
    INITIATIVES_FILE,
    InputError,
    LoadResult,
    load_contents,
)

_NAMES = (FOCUS_AREAS_FILE, INITIATIVES_FILE)


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return run_git(directory, *args)
    except FileNotFoundError:
        raise InputError("git.missing") from None
    except OSError as exc:
        raise InputError("git.cannot_run", reason=exc.strerror or exc) from None
    except ValueError:  # a NUL byte in an argument
        raise InputError("git.nul") from None


def is_revision(data_dir: Path, revision: str) -> bool:
    """Whether ``revision`` names a commit of the repository holding ``data_dir``.

    False, rather than an error, when there is no git, no repository or no such
    revision: the caller asks only to rule out an ambiguity.
    """
    if revision.startswith("-") or not revision.strip():
        return False
    try:
        found = run_git(data_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except (OSError, ValueError):
        return False
    return found.returncode == 0


def load_revision(data_dir: Path, revision: str, *, max_bytes: int = MAX_BYTES) -> LoadResult:
    """Load ``data_dir``'s two files as they were at ``revision`` of its git repository."""
    if revision.startswith("-") or not revision.strip():
        raise InputError("git.not_revision", revision=revision)
    workbook = None
    if data_dir.is_file():
        from gapcheck.readers.workbook import is_workbook

        workbook = data_dir.name if is_workbook(data_dir) else None
    if workbook is not None:
        data_dir = data_dir.parent
    if not data_dir.is_dir():
        raise InputError("git.no_directory", path=data_dir)
    # Where the data directory sits in its work tree, as git sees it: no path
    # arithmetic of our own, which symlinks and odd layouts would defeat.
    where = _git(data_dir, "rev-parse", "--show-toplevel", "--show-prefix")
    lines = where.stdout.decode("utf-8", "surrogateescape").splitlines()
    if where.returncode != 0 or len(lines) != 2:
        raise InputError("git.no_repository", revision=revision, path=data_dir)
    root, folder = lines  # folder is '' at the top, else 'sub/dir/'
    commit = _git(data_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise InputError("git.unknown_revision", revision=revision, root=root)
    sha = commit.stdout.decode("ascii", "replace").strip()
    if workbook is not None:
        from gapcheck.readers.workbook import load_workbook_bytes

        blob = _git(data_dir, "cat-file", "blob", f"{sha}:{folder}{workbook}")
        if blob.returncode != 0:
            raise InputError("git.not_at_revision", path=f"{folder}{workbook}", revision=revision)
        return load_workbook_bytes(
            blob.stdout,
            display=f"{revision}:{folder}{workbook}",
            label=revision,
            max_bytes=max_bytes,
        )
    kind = _git(data_dir, "cat-file", "-t", f"{sha}:{folder}")
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        raise InputError("git.not_at_revision", path=folder or "./", revision=revision)
    # Each file's mode, kind and size first (one 'ls-tree -l'), so that a blob over
    # max_bytes is never read, and a symbolic link never followed.
    listing = _git(data_dir, "ls-tree", "--full-tree", "-l", "-z", f"{sha}:{folder}", "--", *_NAMES)
    entries = {}
    for record in listing.stdout.split(b"\0"):
        info, _, path = record.partition(b"\t")
        fields = info.split()
        if len(fields) == 4:
            entries[path.decode("utf-8", "surrogateescape")] = fields
    contents: dict[str, bytes | int | None] = {}
    for name in _NAMES:
        found = entries.get(name)
        if found is None or found[1] != b"blob":
            contents[name] = None
            continue
        mode, _, obj, size = found
        if mode == b"120000":
            raise InputError("git.link", path=f"{revision}:{folder}{name}")
        if int(size) > max_bytes:
            contents[name] = int(size)  # too large: not read
            continue
        blob = _git(data_dir, "cat-file", "blob", obj.decode("ascii"))
        contents[name] = blob.stdout if blob.returncode == 0 else None
    return load_contents(
        contents,
        display=lambda name: f"{revision}:{folder}{name}",
        label=revision,
        max_bytes=max_bytes,
    )
