"""Headless LibreOffice for the tests that need a real spreadsheet or word processor.

A start of ``soffice`` costs about a second, more than a conversion, and a start with a
new profile more again: a test module gets one profile (the ``soffice`` fixture in
``conftest.py``) and converts what it can in one start (:func:`convert_all`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from components import missing


@dataclass(frozen=True)
class Office:
    """LibreOffice with a profile for one test module: the first start makes the
    profile, the next ones reuse it (a new profile costs every start more)."""

    program: str
    profile: Path


def office(directory: Path) -> Office:
    """LibreOffice with a new profile in ``directory``; a missing one is
    :func:`components.missing`."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        missing("no LibreOffice: 'soffice' is not on PATH (.ci/run installs it)")
    return Office(found, directory / "profile")


def convert_all(
    office: Office, sources: list[Path], to: str, out: Path, *infilter: str
) -> list[Path]:
    """One ``soffice --headless --convert-to TO`` for all ``sources`` (one start: a start
    costs more than a conversion), with the module's profile (no shared lock)."""
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            office.program,
            f"-env:UserInstallation={office.profile.as_uri()}",
            "--headless",
            "--norestore",
            *infilter,
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=240,  # a hang guard, not a speed test
        check=False,
    )
    converted = [out / f"{source.stem}.{to.split(':', maxsplit=1)[0]}" for source in sources]
    assert all(path.is_file() for path in converted), (
        result.returncode,
        result.stdout,
        result.stderr,
    )
    return converted


def convert(office: Office, source: Path, to: str, out: Path, *infilter: str) -> Path:
    """``source`` converted to ``to`` in ``out``."""
    return convert_all(office, [source], to, out, *infilter)[0]
