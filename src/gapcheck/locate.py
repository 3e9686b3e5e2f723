"""Where the data is: ``--data``, ``./data``, the current directory, or the bundled dataset.

The bundled dataset is a demo: only the read-only analyses may fall back to it, and
only when nothing at all was found. Checks (``validate``, ``--fail``, ``diff``) never
do: without data they stop with :class:`NoData`.
"""

from __future__ import annotations

import os
from pathlib import Path

from gapcheck.i18n import Said

#: How output names the bundled dataset (``"data": "bundled"`` in JSON).
BUNDLED = "bundled"
BUNDLED_DESCRIPTION = "the bundled dataset (Region Midtjylland 2009, Table 3.2)"
#: The two data files; a directory holding either is a data directory.
DATA_FILES = ("focus_areas.yaml", "initiatives.yaml")


class NoData(Said):
    """No data directory was given or found, and the bundled dataset may not stand in."""

    def __init__(self, cwd: str) -> None:
        self.cwd = cwd
        super().__init__("input.no_data", cwd=cwd)

    def __reduce__(self) -> tuple[type[NoData], tuple[str]]:
        return NoData, (self.cwd,)


def bundled_data_dir() -> Path:
    """The report's dataset: inside the installed package, else in the source tree."""
    installed = Path(__file__).parent / "_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "data"


def holds_data(directory: Path) -> bool:
    """Whether ``directory`` holds either data file (the other may be missing: GC101)."""
    return any(os.path.lexists(directory / name) for name in DATA_FILES)


def locate(data: Path | None, *, bundled: bool = True) -> tuple[Path, str, bool]:
    """The directory to read, how to name it in output, and whether it is the bundled one.

    In this order: an explicit ``data`` as given; ``./data`` when it is a directory;
    the current directory when it holds ``focus_areas.yaml`` or ``initiatives.yaml``;
    else the bundled dataset if ``bundled`` allows it, else :class:`NoData`.
    """
    if data is not None:
        label = os.fspath(data)
        # "bundled" names the demo in output and JSON: a folder of that name is "./bundled".
        return data, os.path.join(".", label) if label == BUNDLED else label, False
    local = Path("data")
    if local.is_dir():
        return local, "data", False
    here = Path(".")
    if holds_data(here):
        return here, ".", False
    if not bundled:
        raise NoData(os.getcwd())
    return bundled_data_dir(), BUNDLED, True
