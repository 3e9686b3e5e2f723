"""The ATT&CK Navigator layer: current format, versions.attack, links, tactics, a colour
scale that separates low counts, comments of at most 500 characters, weak techniques."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from components import missing
from gapcheck.cli import app
from gapcheck.render.navigator import MAX_COMMENT, comment, log_color

AREAS = """\
catalogue: {name: MITRE ATT&CK Enterprise, version: "18.1", show_ids: true}
thresholds: {min_initiatives: 1}
focus_areas:
  - id: t1059
    name: Command and Scripting Interpreter
    url: https://attack.mitre.org/techniques/T1059
    attributes: {tactics: [execution]}
  - id: t1059.001
    name: PowerShell
    parent: t1059
    url: https://attack.mitre.org/techniques/T1059/001
    attributes: {tactics: [execution]}
  - id: t1078
    name: Valid Accounts
    min_strength: partial
    attributes: {tactics: [initial-access, persistence]}
  - id: t1566
    name: Phishing
    attributes: {tactics: [initial-access]}
"""


def initiatives(many: int) -> str:
    lines = ["initiatives:"]
    for n in range(many):
        lines.append(
            f"  - {{id: r{n}, name: Rule number {n} with a long enough name,"
            f" url: 'https://example.org/r/{n}', focus_areas: [t1059.001]}}"
        )
    lines.append(
        "  - id: weak\n    name: Weak rule\n    focus_areas: [{id: t1078, strength: minimal}]"
    )
    lines.append("  - {id: one, name: One rule, focus_areas: [t1566]}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(initiatives(40), encoding="utf-8")
    return tmp_path


def export(data: Path) -> str:
    out = CliRunner().invoke(app, ["export", "navigator", "-d", str(data), "-o", "-"])
    assert out.exit_code == 0, out.output
    return out.stdout


def test_the_layer(data: Path) -> None:
    layer = json.loads(export(data))
    assert layer["versions"] == {"layer": "4.5", "navigator": "5.1.0", "attack": "18"}
    entries = {(e["techniqueID"], e.get("tactic")): e for e in layer["techniques"]}
    assert set(entries) == {
        ("T1059", "execution"),
        ("T1059.001", "execution"),
        ("T1078", "initial-access"),
        ("T1078", "persistence"),
        ("T1566", "initial-access"),
    }
    powershell = entries["T1059.001", "execution"]
    assert powershell["links"][0] == {
        "label": "ATT&CK",
        "url": "https://attack.mitre.org/techniques/T1059/001",
    }
    assert len(powershell["links"]) == 6  # the technique and the first five rules
    assert len(powershell["comment"]) <= MAX_COMMENT
    assert powershell["comment"].endswith("more")
    weak = entries["T1078", "persistence"]
    assert weak["color"] == "#ff9f1c"
    assert weak["comment"] == "weak: below strength: Weak rule"
    # One initiative and forty are told apart, and both from white.
    assert entries["T1566", "initial-access"]["color"] == log_color(1, 40)
    assert powershell["color"] == log_color(40, 40)
    assert "logarithmic" in layer["description"]


def test_comments_are_capped_and_say_how_many_more() -> None:
    names = [f"Rule {n:03d} " + "x" * 30 for n in range(100)]
    text = comment(names)
    assert len(text) <= MAX_COMMENT
    shown = text.count("Rule ")
    assert text.endswith(f"… and {100 - shown} more")
    assert comment(["a", "b"]) == "a; b"


def test_low_counts_are_told_apart() -> None:
    white = (255, 255, 255)

    def distance(color: str, other: tuple[int, int, int] = white) -> int:
        rgb = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
        return sum(abs(a - b) for a, b in zip(rgb, other, strict=True))

    top = 424  # the most tests on one technique, Atomic Red Team
    one, two, five = (log_color(n, top) for n in (1, 2, 5))
    assert distance(one) > 90  # not near white
    assert len({one, two, five}) == 3
    lighter = [distance(log_color(n, top)) for n in (1, 2, 5, 50, 424)]
    assert lighter == sorted(lighter)


def test_mitreattack_python_loads_it_without_a_warning(data: Path, tmp_path: Path) -> None:
    try:
        from mitreattack.navlayers import Layer
    except ImportError:
        missing("mitreattack-python is not installed (the test extra installs it)")
    path = tmp_path / "layer.json"
    path.write_text(export(data), encoding="utf-8")
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        loaded = Layer()
        loaded.from_file(str(path))
    assert said.getvalue() == ""  # the library prints its warnings
    assert loaded.layer.versions.attack == "18"
    assert len(loaded.layer.techniques) == 5


def test_an_untitled_layer_is_named_by_its_folder_not_its_path(data: Path) -> None:
    """The Navigator shows the name in a tab: a CI runner's path says nothing there."""
    assert json.loads(export(data))["name"] == data.name
    text = (data / "focus_areas.yaml").read_text(encoding="utf-8")
    (data / "focus_areas.yaml").write_text("title: Detections\n" + text, encoding="utf-8")
    assert json.loads(export(data))["name"] == "Detections"
