"""What ``--data`` names: a data directory, or an Excel workbook."""

from __future__ import annotations

import os
from pathlib import Path

from gapcheck.limits import MAX_BYTES
from gapcheck.loader import InputError, LoadResult, load_dataset


def load_path(path: Path, *, label: str | None = None, max_bytes: int = MAX_BYTES) -> LoadResult:
    """The data at ``path``: an Excel workbook (``--data book.xlsx``), else a data
    directory (:func:`gapcheck.loader.load_dataset`)."""
    if path.suffix.casefold() in (".xlsx", ".xlsm") and not os.path.lexists(path):
        raise InputError("input.no_file", path=path)
    if path.is_file():  # the workbook's reader is loaded only then
        from gapcheck.readers.workbook import is_workbook, load_workbook

        if is_workbook(path):
            return load_workbook(path, label=label, max_bytes=max_bytes)
    return load_dataset(path, label=label, max_bytes=max_bytes)
