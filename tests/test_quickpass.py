"""The quick pass (no positions in initiatives.yaml) gives exactly the positioned
pass's dataset, and hands anything with a problem to it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset
from gapcheck.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

VALID = sorted(p for p in (ROOT / "tests" / "corpus" / "valid").iterdir() if p.is_dir())


def _same(a: Dataset, b: Dataset) -> None:
    assert a.focus_areas == b.focus_areas
    assert a.initiatives == b.initiatives
    assert a.thresholds == b.thresholds
    assert a.label == b.label


def _both(directory: Path) -> tuple[Dataset, Dataset, dict[str, float]]:
    timings: dict[str, float] = {}
    fast = load_dataset(directory, timings=timings)
    careful = load_dataset(directory, careful=True)
    assert fast.dataset is not None, fast.diagnostics
    assert careful.dataset is not None, careful.diagnostics
    return fast.dataset, careful.dataset, timings


def test_bundled_data_takes_the_fast_path_and_agrees() -> None:
    fast, careful, timings = _both(ROOT / "data")
    assert "read and check, with positions" not in timings  # the quick pass sufficed
    _same(fast, careful)


@pytest.mark.parametrize("directory", VALID, ids=[p.name for p in VALID])
def test_valid_corpus_agrees(directory: Path) -> None:
    fast, careful, _ = _both(directory)
    _same(fast, careful)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_portfolios_agree(tmp_path: Path, seed: int) -> None:
    generate(tmp_path, 800, 60, seed=seed)
    fast, careful, timings = _both(tmp_path)
    assert "read and check, with positions" not in timings
    _same(fast, careful)


def test_anchors_and_aliases_are_read_in_the_quick_pass(tmp_path: Path) -> None:
    # One reader: anchors, aliases and tags follow the same rules in both passes, so
    # valid data that uses them needs no second pass.
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - {id: a, name: &n A}\n  - {id: b, name: *n}\n",
        encoding="utf-8",
    )
    (tmp_path / "initiatives.yaml").write_text("initiatives: []\n", encoding="utf-8")
    timings: dict[str, float] = {}
    result = load_dataset(tmp_path, timings=timings)
    assert "read and check, with positions" not in timings
    assert result.dataset is not None


def test_a_problem_sends_the_files_to_the_positioned_pass(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - {id: a, name: A}\n  - {id: a, name: B}\n", encoding="utf-8"
    )
    (tmp_path / "initiatives.yaml").write_text("initiatives: []\n", encoding="utf-8")
    timings: dict[str, float] = {}
    result = load_dataset(tmp_path, timings=timings)
    assert "read and check, with positions" in timings
    assert [(d.code.value, d.line) for d in result.diagnostics] == [("GC301", 3)]


def test_duplicate_keys_are_never_taken_quickly(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - id: a\n    name: A\n    name: B\n", encoding="utf-8"
    )
    (tmp_path / "initiatives.yaml").write_text("initiatives: []\n", encoding="utf-8")
    result = load_dataset(tmp_path)
    assert result.dataset is None
    assert [d.code.value for d in result.diagnostics] == ["GC104"]


def test_the_quick_pass_keeps_the_focus_areas_positions() -> None:
    fast = load_dataset(ROOT / "data").dataset
    careful = load_dataset(ROOT / "data", careful=True).dataset
    assert fast is not None
    assert careful is not None
    assert fast.positions == careful.positions
    assert careful.positions["hjemtagning-af-viden"][1:] == (18, 9)


@pytest.mark.parametrize("command", ["gaps", "whatif --without modtageapparat"])
def test_annotations_read_each_file_once(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub and SARIF positions come from the first read, not a second one."""
    from gapcheck import loader

    reads: list[str] = []

    def counting(text: str, file: str, **options: Any) -> Any:
        reads.append(Path(file).name)
        return read_yaml(text, file, **options)

    monkeypatch.setattr(loader, "read_yaml", counting)
    for fmt in ("github", "sarif"):
        reads.clear()
        args = [*command.split(), "--data", str(ROOT / "data"), "--all-years", "-f", fmt]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "focus_areas.yaml" in result.stdout or command != "gaps"
        assert sorted(reads) == ["focus_areas.yaml", "initiatives.yaml"]
