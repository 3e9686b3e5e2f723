"""Every command x format x dataset x language, byte for byte (see tests/golden.py).

Regenerate on purpose: ``GOLDEN_UPDATE=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import golden
from gapcheck.cli import app
from realdata import atomic_data

CASES = golden.cases()


@pytest.fixture(scope="session")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The datasets' folder every case runs in (one per test process)."""
    path = tmp_path_factory.mktemp("golden")
    golden.prepare(path)
    return path


def _run(case: golden.Case, root: Path) -> str:
    for leftover in ("out", "out.xlsx", "out.docx", "table32.xlsx"):
        target = root / leftover
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    runner = CliRunner()
    if case.name == "import-xlsx":
        made = runner.invoke(
            app, ["export", "xlsx", "--data", "table32", "-o", "table32.xlsx"], env=golden.ENV
        )
        assert made.exit_code == 0, made.output
    result = runner.invoke(app, list(case.args), env=golden.ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    text = golden.pin(result.exit_code, result.stdout, result.stderr)
    if case.kind == "xlsx" and result.exit_code == 0:
        text += "--- cells\n" + golden.shown(golden.xlsx_cells(root / "out.xlsx"))
    elif case.kind == "docx" and result.exit_code == 0:
        text += "--- text\n" + golden.shown(golden.docx_text(root / "out.docx"))
    elif case.kind == "files" and result.exit_code == 0:
        text += "--- files\n" + golden.shown(golden.folder_text(root / "out"))
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden(
    case: golden.Case, root: Path, cached_loads: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if case.dataset == "atomic":
        atomic_data()  # skipped on a machine without it, a failure under CI=true
    monkeypatch.chdir(root)
    actual = _run(case, root)
    if golden.update_requested():
        case.path.parent.mkdir(parents=True, exist_ok=True)
        case.path.write_text(actual, encoding="utf-8")
        return
    assert case.path.is_file(), f"no golden output for {case.id}: run with GOLDEN_UPDATE=1"
    expected = case.path.read_text(encoding="utf-8")
    assert actual == expected, f"{case.id} differs from {case.path.relative_to(golden.REPO)}"


def test_every_golden_file_is_a_case() -> None:
    """A golden file whose case was removed is stale, not silently kept."""
    known = {c.path for c in CASES}
    stale = sorted(
        str(p.relative_to(golden.GOLDEN)) for p in golden.GOLDEN.rglob("*.txt") if p not in known
    )
    assert not stale, f"golden files without a case: {stale}"
