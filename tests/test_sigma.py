"""``gapcheck import sigma``: Sigma rules as initiatives over an ATT&CK catalogue.

Counts per technique on the real slice (shared/data/sigma-rules, 725 rules) were
checked by hand with grep: 35 rules carry the tag attack.t1190, 15 attack.t1059.004,
42 attack.t1078; 49 tags (all of ATT&CK v19: t1685, t1686, t1690) name techniques
that v18.1 lacks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from realdata import ATTACK_BUNDLE, SIGMA_RULES, shared_file

CATALOGUE = """\
catalogue:
  name: Toy ATT&CK
  revoked: {t1086: t1059.001, t1009: null}
focus_areas:
  - {id: t1059, name: Command and Scripting Interpreter}
  - {id: t1059.001, name: PowerShell, parent: t1059}
  - {id: t1078, name: Valid Accounts}
"""
RULE = """\
title: {title}
id: {id}
status: test
author: Someone
date: 2023-05-01
tags:
    - attack.execution
{tags}
logsource:
    product: windows
detection:
    selection:
        Image|endswith: '\\\\powershell.exe'
    condition: selection
level: high
"""


def rule(folder: Path, name: str, rule_id: str, *tags: str, title: str = "A rule") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = RULE.format(title=title, id=rule_id, tags="\n".join(f"    - {tag}" for tag in tags))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def catalogue(tmp_path: Path) -> Path:
    to = tmp_path / "data"
    to.mkdir()
    (to / "focus_areas.yaml").write_text(CATALOGUE, encoding="utf-8")
    return to


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["import", "sigma", *args])


def test_rules_become_initiatives(tmp_path: Path) -> None:
    to = catalogue(tmp_path)
    rules = tmp_path / "rules"
    rule(rules / "windows", "a.yml", "11111111-1111-1111-1111-111111111111", "attack.t1059.001")
    rule(
        rules / "windows",
        "b.yml",
        "22222222-2222-2222-2222-222222222222",
        "attack.T1078",
        "attack.t1059.001",
    )
    rule(rules / "deprecated", "old.yml", "33333333-3333-3333-3333-333333333333", "attack.t1078")
    rule(rules / "x" / "unsupported", "u.yml", "44444444-4444-4444-4444-444444444444")
    (rules / "windows" / "notes.yaml").write_text("not a rule: .yaml is not read\n")
    out = run(str(rules), "--to", str(to))
    assert out.exit_code == 0, out.output
    data = load_dataset(to).dataset
    assert data is not None
    assert [(i.id, i.focus_area_ids, i.owner, i.start) for i in data.initiatives] == [
        ("11111111-1111-1111-1111-111111111111", ("t1059.001",), "Someone", 2023),
        ("22222222-2222-2222-2222-222222222222", ("t1078", "t1059.001"), "Someone", 2023),
    ]
    first = data.initiatives[0]
    assert first.name == "A rule"
    assert first.attributes == {
        "kind": "detection",
        "level": "high",
        "status": "test",
        "product": "windows",
    }
    assert "imported 2 of 2 rules" in out.stderr


def test_unknown_and_revoked_tags_are_reported_with_file_and_line(tmp_path: Path) -> None:
    to = catalogue(tmp_path)
    path = rule(
        tmp_path / "r",
        "a.yml",
        "11111111-1111-1111-1111-111111111111",
        "attack.t1086",
        "attack.t1685",
        "attack.t1009",
    )
    out = run(str(path), "--to", str(to))
    assert out.exit_code == 0, out.output
    lines = out.stderr.splitlines()
    assert (
        f"{path}:8:7: GC302 warning: tag 'attack.t1086' names a technique the catalogue"
        " revoked; counted for 't1059.001'" in lines[0]
    )
    assert lines[1].startswith(f"{path}:9:7: GC302 warning: tag 'attack.t1685' names a")
    assert lines[2].startswith(f"{path}:10:7: GC302 warning: tag 'attack.t1009' names a")
    data = load_dataset(to).dataset
    assert data is not None
    assert data.initiatives[0].focus_area_ids == ("t1059.001",)


def test_broken_rules_are_located_errors_and_the_rest_is_written(tmp_path: Path) -> None:
    to = catalogue(tmp_path)
    rules = tmp_path / "rules"
    rule(rules, "good.yml", "11111111-1111-1111-1111-111111111111", "attack.t1078")
    (rules / "syntax.yml").write_text("title: x\nid: [unclosed\n", encoding="utf-8")
    (rules / "noid.yml").write_text("title: No id\ntags: [attack.t1078]\n", encoding="utf-8")
    rule(rules, "twin.yml", "11111111-1111-1111-1111-111111111111", "attack.t1078")
    out = run(str(rules), "--to", str(to))
    assert out.exit_code == 1, out.output
    assert f"{rules / 'noid.yml'}:1:1: GC203 this rule has no 'id'" in out.stderr
    assert f"{rules / 'syntax.yml'}:" in out.stderr
    assert f"{rules / 'twin.yml'}:2:5: GC301" in out.stderr
    assert "Traceback" not in out.output
    data = load_dataset(to).dataset
    assert data is not None
    assert [i.id for i in data.initiatives] == ["11111111-1111-1111-1111-111111111111"]


def test_it_needs_a_catalogue_and_keeps_what_is_there(tmp_path: Path) -> None:
    path = rule(tmp_path / "r", "a.yml", "11111111-1111-1111-1111-111111111111")
    out = run(str(path), "--to", str(tmp_path / "empty"))
    assert out.exit_code == 2
    assert "import attack" in out.stderr
    to = catalogue(tmp_path)
    (to / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: mine, name: Mine, focus_areas: []}\n"
    )
    out = run(str(path), "--to", str(to))
    assert out.exit_code == 2
    assert "--force" in out.stderr
    assert run(str(path), "--to", str(to), "--force").exit_code == 0


def test_the_real_slice(tmp_path: Path) -> None:
    shared_file(ATTACK_BUNDLE)
    rules = shared_file(SIGMA_RULES)
    to = tmp_path / "data"
    made = CliRunner().invoke(app, ["import", "attack", str(ATTACK_BUNDLE), "--to", str(to)])
    assert made.exit_code == 0, made.output
    out = run(str(rules), "--to", str(to))
    assert out.exit_code == 0, out.output
    assert "imported 725 of 725 rules" in out.stderr
    assert "49 tags name techniques the catalogue lacks" in out.stderr
    assert out.stderr.count("GC302 warning") == 49
    values = yaml.safe_load((to / "initiatives.yaml").read_text(encoding="utf-8"))
    counts = Counter(area for item in values["initiatives"] for area in item["focus_areas"])
    assert (counts["t1190"], counts["t1059.004"], counts["t1078"]) == (35, 15, 42)
    assert not load_dataset(to).diagnostics


@pytest.mark.parametrize("args", [(), ("nope.yml",)])
def test_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = run(*(str(tmp_path / a) for a in args), "--to", str(catalogue(tmp_path)))
    assert out.exit_code == 2
