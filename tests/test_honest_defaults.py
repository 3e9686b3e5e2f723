"""Honest defaults, through ``python -m gapcheck`` in real processes.

Which year is counted (this year by default when the data has years), what changed
in a ``diff`` (every field, at a year), and crowded parents (direct marks only).
Each test builds its data relative to the current year, so none of them breaks when
the calendar turns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
THIS_YEAR = date.today().year


def gapcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"})
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def write_data(directory: Path, focus_areas: str, initiatives: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(focus_areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (tables wrap)."""
    return " ".join(text.split())


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


# --- 4. crowded parents -------------------------------------------------------------------

TREE_AREAS = """\
focus_areas:
  - id: parent
    name: Parent
  - id: kid-a
    name: Kid A
    parent: parent
  - id: kid-b
    name: Kid B
    parent: parent
  - id: kid-c
    name: Kid C
    parent: parent
  - id: shared
    name: Shared
"""
TREE_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [kid-a, shared]
  - id: two
    name: Two
    focus_areas: [kid-b, shared]
  - id: three
    name: Three
    focus_areas: [kid-c, shared]
"""


def test_parent_is_not_crowded_by_its_childrens_initiatives(tmp_path: Path) -> None:
    data = write_data(tmp_path / "tree", TREE_AREAS, TREE_INITIATIVES)
    out = as_json(gapcheck("overlaps", "--data", str(data), "--format", "json", cwd=tmp_path))
    # parent rolls up 3 of 3 initiatives but none lists it: only "shared" is crowded.
    assert [(c["focus_area"], c["count"]) for c in out["crowded"]] == [("shared", 3)]
    # Coverage still rolls up: the parent is covered (thin: 3 >= 2, so no gap at all).
    gaps = as_json(gapcheck("gaps", "--data", str(data), "--format", "json", cwd=tmp_path))
    assert "parent" not in [gap["focus_area"] for gap in gaps["gaps"]]
    # The tables say which count a number is.
    table = flat(gapcheck("overlaps", "--data", str(data), cwd=tmp_path).stdout)
    assert "3 of 3 initiatives list it directly" in table
    assert "Crowded counts direct marks only" in table
    assert "Counts include sub-areas" in flat(
        gapcheck("gaps", "--data", str(data), cwd=tmp_path).stdout
    )
