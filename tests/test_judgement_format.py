"""The judgement keys of the data format: strength, min_strength, priority, accepted."""

from __future__ import annotations

import datetime
from pathlib import Path

from gapcheck.diagnostics import Code
from gapcheck.loader import load_dataset


def _load(tmp_path: Path, areas: str, initiatives: str) -> list[str]:
    (tmp_path / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    result = load_dataset(tmp_path)
    return [
        f"{d.line}:{d.column} {d.code.value} {d.message} | {d.hint}" for d in result.diagnostics
    ]


INITIATIVES = "initiatives:\n  - id: council\n    name: Council\n    focus_areas: [export]\n"


def test_defaults_keep_version_1_meaning(tmp_path: Path) -> None:
    areas = "focus_areas:\n  - id: export\n    name: Export\n"
    (tmp_path / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    dataset = load_dataset(tmp_path).dataset
    assert dataset is not None
    area = dataset.focus_areas[0]
    assert (area.priority, area.min_strength, area.accepted) == (3, None, None)
    assert dataset.initiatives[0].focus_areas[0].strength == "significant"
    assert dataset.thresholds.min_strength is None


def test_every_key_is_read(tmp_path: Path) -> None:
    areas = (
        "thresholds:\n  min_strength: partial\n"
        "focus_areas:\n  - id: export\n    name: Export\n    priority: 5\n"
        "    min_strength: significant\n    accepted:\n      reason: Known\n"
        "      by: Board\n      until: 2027-06-30\n"
    )
    initiatives = (
        "initiatives:\n  - id: council\n    name: Council\n    focus_areas:\n"
        "      - id: export\n        strength: minimal\n"
    )
    (tmp_path / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    dataset = load_dataset(tmp_path).dataset
    assert dataset is not None
    area = dataset.focus_areas[0]
    assert area.priority == 5
    assert area.min_strength == "significant"
    assert area.accepted is not None
    assert area.accepted.until == datetime.date(2027, 6, 30)
    assert (area.accepted.reason, area.accepted.by) == ("Known", "Board")
    assert dataset.thresholds.min_strength == "partial"
    assert dataset.initiatives[0].strengths == {"export": 0}


def test_unknown_key_in_accepted_suggests_the_right_one(tmp_path: Path) -> None:
    areas = (
        "focus_areas:\n  - id: export\n    name: Export\n    accepted:\n"
        "      reason: Known\n      untill: 2027-06-30\n"
    )
    found = _load(tmp_path, areas, INITIATIVES)
    assert any(
        line.startswith("6:7 GC202 unknown key 'untill'") and "did you mean 'until'?" in line
        for line in found
    ), found
    assert any("GC203 this acceptance has no 'until'" in line for line in found), found


def test_accepted_must_be_a_mapping(tmp_path: Path) -> None:
    areas = "focus_areas:\n  - id: export\n    name: Export\n    accepted: yes\n"
    found = _load(tmp_path, areas, INITIATIVES)
    assert found == [
        "4:15 GC204 'accepted' must be a mapping of keys, got the true/false value true"
        " | indent 'reason: ...', 'by: ...' and 'until: YYYY-MM-DD' below 'accepted:'"
    ]


def test_quoted_until_hints_to_remove_the_quotes(tmp_path: Path) -> None:
    areas = (
        "focus_areas:\n  - id: export\n    name: Export\n    accepted:\n"
        "      reason: Known\n      until: '2027-06-30'\n"
    )
    found = _load(tmp_path, areas, INITIATIVES)
    assert found == [
        '6:14 GC208 until must be a date, not the text "2027-06-30"'
        " | remove the quotes: until: 2027-06-30"
    ]
    assert Code.INVALID_JUDGEMENT.value == "GC208"


def test_strength_typo_gets_did_you_mean(tmp_path: Path) -> None:
    initiatives = (
        "initiatives:\n  - id: council\n    name: Council\n    focus_areas:\n"
        "      - id: export\n        strength: partail\n"
    )
    found = _load(tmp_path, "focus_areas:\n  - id: export\n    name: Export\n", initiatives)
    assert found == [
        "6:19 GC208 strength must be one of minimal, partial, significant, got the text"
        " 'partail' | did you mean 'partial'?"
    ]
