"""Where the data is: a directory the user names, ./data, or the bundled dataset."""

from __future__ import annotations

import os
from pathlib import Path

#: How output names the bundled dataset (``"data": "bundled"`` in JSON).
BUNDLED = "bundled"
BUNDLED_DESCRIPTION = "the bundled dataset (Region Midtjylland 2009, Table 3.2)"


def bundled_data_dir() -> Path:
    """The report's dataset: inside the installed package, else in the source tree."""
    installed = Path(__file__).parent / "_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "data"


def locate(data: Path | None) -> tuple[Path, str, bool]:
    """The directory to read, how to name it in output, and whether it is the bundled one.

    An explicit ``data`` is used as given; otherwise ``./data`` when it is a
    directory, otherwise the bundled dataset.
    """
    if data is not None:
        return data, os.fspath(data), False
    local = Path("data")
    if local.is_dir():
        return local, "data", False
    return bundled_data_dir(), BUNDLED, True
