"""Tests that need a real component (Chromium, LibreOffice, git, the real portfolio).

Such a test skips, with the reason, only on a developer's machine that lacks the
component. Under ``CI=true`` a missing component is a failure: a check that CI never
ran must not read as passed. Every such decision goes through :func:`missing`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(reason: str, *, module: bool = False) -> NoReturn:
    """Skip for ``reason``; under ``CI=true`` fail instead (``module``: at import time)."""
    if in_ci():
        pytest.fail(f"CI=true, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


def pre_commit() -> str:
    """The pre-commit of this environment (beside its Python, else on PATH); a test
    without it stops through :func:`missing`."""
    beside = Path(sys.executable).with_name("pre-commit")
    found = str(beside) if beside.is_file() else shutil.which("pre-commit")
    if found is None:
        missing("pre-commit is not installed (pip install '.[test]')")
    return found
