"""Writing files whole or not at all, never through a link in the way; reading only files.

:func:`read_regular` reads a regular file and nothing else (no pipe, device or
socket), its size checked before a byte is read.

Every file gapcheck writes (the report, the files of ``gapcheck init``) goes through
:func:`write_atomic`. The data is written to a temporary file in the target's own
folder, flushed to disk, and only then put in place with one rename (or, for a file
that must not exist yet, one hard link):

- a reader never sees half a file, and a failed run leaves the old file as it was;
- a symbolic link at the target is replaced by the new file: the file it points to
  is never written (a link planted at ``gapcheck-report.html`` cannot make gapcheck
  overwrite another file);
- with ``exclusive=True`` the target must not exist in any form, a dangling link
  included, and this holds even against a file created at the same moment: the hard
  link fails rather than replace it. On a file system without hard links, the file
  is created with ``O_CREAT | O_EXCL`` instead, which guarantees the same.

The temporary file is removed whatever happens. Errors are ``OSError`` with a
``strerror`` for the message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

#: Errors of ``os.link`` that mean "no hard links here", not "cannot write here".
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}


def _default_mode() -> int:
    """The permissions a plain ``open(path, "w")`` would give a new file."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Put ``data`` (text is written as UTF-8) at ``path`` in one step.

    Without ``exclusive``, an existing file or link at ``path`` is replaced (a regular
    file keeps its permissions). A device or a named pipe at ``path`` itself (not
    through a link), such as ``/dev/null``, is written into, since it cannot be
    replaced and holds no file to lose; a link to one is refused (``OSError``). With
    ``exclusive``, raises ``FileExistsError`` if anything is at ``path``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _default_mode()
    if not exclusive:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        except OSError:
            info = None  # let the write below fail with the real reason
        if info is not None:
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
                _write_into(path, payload)
                return
            if stat.S_ISREG(info.st_mode):
                mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode) and _is_device_or_pipe(path):
                # /dev/stdout and the like: replacing the link would replace a system
                # file, writing through it is what this module never does.
                raise OSError(
                    errno.EINVAL, "it is a link to a device or a pipe, not a file", str(path)
                )
    temporary = _stage(path, payload, mode)
    try:
        if exclusive:
            _link_new(temporary, path, payload, mode)
        else:
            os.replace(temporary, path)
            temporary = ""
    finally:
        _remove(temporary)


def write_all(files: Sequence[tuple[Path, str | bytes]], *, exclusive: bool = False) -> None:
    """Put every one of ``files`` (path, data) in place, or none of them.

    Each is written as by :func:`write_atomic` (a device or pipe at a path is refused
    here: it could not be put back). Every file is first written in full to a
    temporary file beside its target; only then are they put in place, one rename (or
    hard link, with ``exclusive``) each. Should one of those fail, the ones already
    placed are undone: replaced files come back from a hard link kept until the end,
    new ones are removed. A data folder is never left half old, half new.
    """
    staged: list[tuple[Path, str, bytes, int]] = []
    placed: list[tuple[Path, str]] = []  # a target and its backup ('' when new)
    try:
        for path, data in files:
            mode = _default_mode()
            if exclusive and os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
            if not exclusive:
                mode = _replaceable(path, mode)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            staged.append((path, _stage(path, payload, mode), payload, mode))
        for path, temporary, payload, mode in staged:
            if exclusive:
                _link_new(temporary, path, payload, mode)
                placed.append((path, ""))
                continue
            backup = ""
            if os.path.lexists(path):
                backup = _temporary_name(path)
                try:
                    os.link(path, backup, follow_symlinks=False)
                except OSError as exc:
                    if exc.errno not in _NO_HARD_LINKS:
                        raise
                    shutil.copy2(path, backup, follow_symlinks=False)
            placed.append((path, backup))
            os.replace(temporary, path)
    except BaseException:
        for path, backup in reversed(placed):
            with contextlib.suppress(OSError):
                if backup:
                    os.replace(backup, path)
                else:
                    os.unlink(path)
        raise
    finally:
        for _, temporary, _, _ in staged:
            _remove(temporary)
        for _, backup in placed:
            _remove(backup)


def _replaceable(path: Path, mode: int) -> int:
    """The mode a file replacing ``path`` keeps; ``OSError`` when it cannot be replaced."""
    try:
        info = os.lstat(path)
    except OSError:
        return mode  # nothing there (or the write will say why)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    if stat.S_ISLNK(info.st_mode) and not _is_device_or_pipe(path):
        return mode  # a link is replaced, never written through
    raise OSError(errno.EINVAL, "it is a device or a pipe, or a link to one", str(path))


def _temporary_name(path: Path) -> str:
    """A name for a new file beside ``path`` that nothing else uses."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp")
    os.close(handle)
    os.unlink(name)
    return name


def _stage(path: Path, payload: bytes, mode: int) -> str:
    """A temporary file beside ``path`` holding ``payload``, flushed to disk; its name."""
    # A short prefix: the temporary name must fit the file system's limit too.
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp"
    )
    try:
        with contextlib.suppress(AttributeError, OSError):  # no fchmod on Windows
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(name: str) -> None:
    if name:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


class TooLarge(OSError):
    """A file larger than the limit it was read with (``size`` bytes, or more)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(
            errno.EFBIG, f"too large ({size:,} bytes; the limit is {limit:,})", str(path)
        )
        self.size = size
        self.limit = limit


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link to one is followed).

    Raises ``OSError`` for anything else, before reading a byte: a named pipe (which
    would block forever; it is opened without waiting for a writer), a device such as
    ``/dev/zero`` (which would never end), a socket, a directory; and
    :class:`TooLarge` for a file over ``max_bytes``, judged by its size before it is
    read (and never read past the limit, should it grow meanwhile).
    """
    with _open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise TooLarge(path, size, max_bytes)
        # What the size says, then on in bounded pieces should it have grown (read()
        # with the limit itself would allocate it: up to 1 TiB).
        parts = [stream.read(size + 1)]
        total = len(parts[0])
        while total > size and total <= max_bytes and parts[-1]:
            parts.append(stream.read(min(1 << 20, max_bytes + 1 - total)))
            total += len(parts[-1])
        data = b"".join(parts)
    if len(data) > max_bytes:
        raise TooLarge(path, len(data), max_bytes)
    return data


def regular_size(path: Path) -> int:
    """The size of the regular file at ``path``; ``OSError`` as :func:`read_regular`'s."""
    with _open_regular(path) as stream:
        return os.fstat(stream.fileno()).st_size


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; else ``OSError``, at once."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    stream = os.fdopen(descriptor, "rb")
    kind = os.fstat(descriptor).st_mode
    if stat.S_ISREG(kind):
        return stream
    stream.close()
    if stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)", str(path))


def _link_new(temporary: str, path: Path, payload: bytes, mode: int) -> None:
    """Make ``path`` a second name of the finished ``temporary``; never replace anything."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links: create the file exclusively and write it (not atomic, but
        # it still never replaces a file or follows a link).
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags, mode)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)


def _is_device_or_pipe(path: Path) -> bool:
    try:
        kind = os.stat(path).st_mode
    except OSError:
        return False  # a dangling link: replaced like any other
    return stat.S_ISCHR(kind) or stat.S_ISFIFO(kind) or stat.S_ISBLK(kind) or stat.S_ISSOCK(kind)


def _write_into(path: Path, payload: bytes) -> None:
    """Write into a device or named pipe that is at ``path`` itself (never via a link)."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "wb") as stream:
        kind = os.fstat(stream.fileno()).st_mode
        if not (stat.S_ISCHR(kind) or stat.S_ISFIFO(kind)):
            raise OSError(errno.EINVAL, "it was replaced while being opened", str(path))
        stream.write(payload)
