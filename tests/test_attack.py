"""``gapcheck import attack``: ATT&CK's STIX bundle as a catalogue of focus areas.

The counts are ATT&CK v18.1's own (shared/data/attack-stix/README.md and MITRE's site):
835 attack-patterns, 132 revoked and 12 deprecated, leaving 216 techniques and 475
sub-techniques. T1003.001 (LSASS Memory) was checked by hand in the bundle.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.loader import load_dataset
from gapcheck.readers.attack import AttackCatalogue, catalogue_of, read_attack
from realdata import ATTACK_BUNDLE, shared_file


@cache
def v18() -> AttackCatalogue:
    return read_attack(ATTACK_BUNDLE)


@pytest.fixture
def catalogue() -> AttackCatalogue:
    shared_file(ATTACK_BUNDLE)
    return v18()


def test_current_techniques_and_sub_techniques(catalogue: AttackCatalogue) -> None:
    assert catalogue.version == "18.1"
    assert len(catalogue.techniques) == 691
    assert sum(t.parent is None for t in catalogue.techniques) == 216
    assert len(catalogue.revoked) == 132 + 12
    ids = [t.id for t in catalogue.techniques]
    assert ids[:3] == ["t1001", "t1001.001", "t1001.002"]  # technique, then its subs
    assert all(t.parent is None or t.parent in ids for t in catalogue.techniques)


def test_one_technique_checked_by_hand(catalogue: AttackCatalogue) -> None:
    lsass = next(t for t in catalogue.techniques if t.id == "t1003.001")
    assert (lsass.name, lsass.parent) == ("LSASS Memory", "t1003")
    assert lsass.url == "https://attack.mitre.org/techniques/T1003/001"
    assert lsass.tactics == ("credential-access",)
    assert lsass.platforms == ("Windows",)
    assert len(lsass.groups) == 42
    assert lsass.groups[:3] == ("G0003", "G0004", "G0006")
    apt29 = [t.id for t in catalogue.techniques if "G0016" in t.groups]
    assert "t1059.001" in apt29


def test_tactics_follow_the_matrix(catalogue: AttackCatalogue) -> None:
    assert catalogue.tactics[0] == "reconnaissance"
    assert catalogue.tactics[-1] == "impact"
    assert len(catalogue.tactics) == 14
    valid = next(t for t in catalogue.techniques if t.id == "t1078")  # Valid Accounts
    assert valid.tactics == (
        "initial-access",
        "persistence",
        "privilege-escalation",
        "defense-evasion",
    )


def test_revoked_ids_name_their_replacement(catalogue: AttackCatalogue) -> None:
    assert catalogue.revoked["t1086"] == "t1059.001"  # PowerShell, revoked in v7
    assert catalogue.revoked["t1026"] is None  # Multiband Communication: deprecated
    assert not set(catalogue.revoked) & {t.id for t in catalogue.techniques}


def test_import_writes_a_valid_catalogue_and_remembers_revoked(tmp_path: Path) -> None:
    shared_file(ATTACK_BUNDLE)
    out = CliRunner().invoke(app, ["import", "attack", str(ATTACK_BUNDLE), "--to", str(tmp_path)])
    assert out.exit_code == 0, out.output
    assert "691 focus areas" in out.stderr
    result = load_dataset(tmp_path)
    assert result.dataset is not None
    assert not result.diagnostics
    data = result.dataset
    assert data.catalogue is not None
    assert (data.catalogue.version, data.catalogue.show_ids) == ("18.1", True)
    assert data.title == "MITRE ATT&CK Enterprise v18.1"
    assert data.catalogue.order is not None
    assert data.catalogue.order["tactics"][:2] == ["reconnaissance", "resource-development"]
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - id: r\n    name: Old rule\n    focus_areas: [t1086]\n", encoding="utf-8"
    )
    problems = [d.format() for d in load_dataset(tmp_path).diagnostics]
    assert problems == [
        f"{tmp_path / 'initiatives.yaml'}:4:19: GC302 focus area 't1086' was revoked by the"
        " catalogue; it is now 't1059.001' (hint: replace 't1086' with 't1059.001')"
    ]
    again = CliRunner().invoke(app, ["import", "attack", str(ATTACK_BUNDLE), "--to", str(tmp_path)])
    assert again.exit_code == 2
    assert "--force" in again.stderr


def bundle(*objects: dict[str, object]) -> dict[str, object]:
    return {"type": "bundle", "id": "bundle--1", "objects": list(objects)}


def pattern(stix: str, ext: str, name: str, **extra: object) -> dict[str, object]:
    return {
        "type": "attack-pattern",
        "id": stix,
        "name": name,
        "external_references": [{"source_name": "mitre-attack", "external_id": ext}],
        **extra,
    }


def test_a_hand_made_bundle() -> None:
    made = catalogue_of(
        bundle(
            pattern("attack-pattern--a", "T1", "One", x_mitre_platforms=["Linux"]),
            pattern("attack-pattern--b", "T1.001", "Sub"),
            pattern("attack-pattern--c", "T9", "Old", revoked=True),
            pattern("attack-pattern--d", "T8", "Gone", x_mitre_deprecated=True),
            {
                "type": "intrusion-set",
                "id": "intrusion-set--g",
                "external_references": [{"source_name": "mitre-attack", "external_id": "G0001"}],
            },
            {
                "type": "relationship",
                "id": "relationship--1",
                "relationship_type": "uses",
                "source_ref": "intrusion-set--g",
                "target_ref": "attack-pattern--b",
            },
            {
                "type": "relationship",
                "id": "relationship--2",
                "relationship_type": "revoked-by",
                "source_ref": "attack-pattern--c",
                "target_ref": "attack-pattern--b",
            },
        )
    )
    assert [(t.id, t.parent, t.platforms, t.groups) for t in made.techniques] == [
        ("t1", None, ("Linux",), ()),
        ("t1.001", "t1", (), ("G0001",)),
    ]
    assert made.revoked == {"t8": None, "t9": "t1.001"}


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        (b"{not json", 1, "not JSON"),
        (json.dumps({"type": "bundle", "objects": []}).encode(), 1, "no attack-pattern"),
        (json.dumps([1, 2]).encode(), 1, "not a STIX bundle"),
    ],
)
def test_bad_bundles_are_located_errors(
    tmp_path: Path, content: bytes, code: int, says: str
) -> None:
    path = tmp_path / "bundle.json.gz"
    path.write_bytes(gzip.compress(content))
    out = CliRunner().invoke(app, ["import", "attack", str(path), "--to", str(tmp_path / "out")])
    assert out.exit_code == code, out.output
    assert says in out.stderr
    assert "Traceback" not in out.output
    missing = CliRunner().invoke(
        app, ["import", "attack", str(tmp_path / "nope.json"), "--to", "x"]
    )
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr
