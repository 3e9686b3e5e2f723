"""A test that needs a real component skips only outside CI (``components.missing``)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from components import missing

TESTS = Path(__file__).resolve().parent

#: Skips that are about the platform, not a component CI installs.
PLATFORM_SKIPS = {"test_output_files.py"}


def test_missing_skips_on_a_dev_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        missing("no Chromium")


def test_missing_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true, but no Chromium"):
        missing("no Chromium")


def _skips(path: Path) -> list[int]:
    """Lines of ``pytest.skip(...)`` and ``pytest.importorskip(...)`` calls in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"skip", "importorskip"}
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "pytest"
        ):
            found.append(node.lineno)
    return found


def test_every_component_skip_goes_through_missing() -> None:
    own = {
        path.name: lines
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in PLATFORM_SKIPS | {"components.py", Path(__file__).name}
        and (lines := _skips(path))
    }
    assert own == {}, "skip through components.missing, which fails under CI=true"


def test_browser_tests_fail_under_ci_without_playwright(tmp_path: Path) -> None:
    """With Playwright unimportable, the browser module fails under CI=true (outside CI
    ``missing`` skips it, as the tests above show)."""
    fake = tmp_path / "playwright"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('no playwright here')\n")
    paths = [str(tmp_path), str(TESTS.parent / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "CI": "true", "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            str(TESTS / "test_browser.py"),
        ],
        cwd=TESTS.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, "under CI=true a missing Playwright must fail"
    assert "CI=true, but Playwright is not installed" in done.stdout
