"""``gapcheck compare``: two portfolios over one catalogue, per focus area."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck.analysis.compare import NotComparable, compare_portfolios, split_portfolio
from gapcheck.cli import app
from gapcheck.graph import Portfolio
from gapcheck.loader import load_dataset
from gapcheck.selection import select
from realdata import ATOMIC, ATTACK_BUNDLE, SIGMA_RULES, shared_file

AREAS = """\
focus_areas:
  - {id: t1001, name: Data Obfuscation}
  - {id: t1001.001, name: Junk Data, parent: t1001}
  - {id: t1001.002, name: Steganography, parent: t1001}
  - {id: t1001.003, name: Protocol Impersonation, parent: t1001}
  - {id: t1005, name: Data from Local System}
  - {id: t1006, name: Direct Volume Access}
"""
# The case: the detection covers .003, the test .002; t1005 has both, t1006 none.
INITIATIVES = """\
initiatives:
  - {id: d1, name: Detect impersonation, focus_areas: [t1001.003, t1005],
     attributes: {kind: detection}}
  - {id: t1, name: Test steganography, focus_areas: [t1001.002], attributes: {kind: test}}
  - {id: t2, name: Test local data, owner: red, focus_areas: [t1005], attributes: {kind: test}}
"""


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    (tmp_path / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    return tmp_path


def served(result: object) -> dict[str, str]:
    return {area.id: area.served for area in result.focus_areas}  # type: ignore[attr-defined]


def test_split_by_kind_per_roll_up_policy(toy: Path) -> None:
    dataset = load_dataset(toy).dataset
    assert dataset is not None
    expected = {
        "any": {"t1001": "both", "t1005": "both", "t1006": "neither"},
        "own": {"t1001": "neither", "t1005": "both", "t1006": "neither"},
        "all": {"t1001": "neither", "t1005": "both", "t1006": "neither"},
    }
    for policy, tops in expected.items():
        (a_label, a), (b_label, b) = split_portfolio(select(dataset, rollup=policy), "kind")  # type: ignore[arg-type]
        assert (a_label, b_label) == ("kind=detection", "kind=test")
        result = compare_portfolios(Portfolio(a), Portfolio(b), a_label=a_label, b_label=b_label)
        found = served(result)
        assert {key: found[key] for key in tops} == tops, policy
        assert found["t1001.002"] == "only_b"
        assert found["t1001.003"] == "only_a"
        assert result.rollup == policy
    assert result.counts == {"both": 1, "only_a": 1, "only_b": 1, "neither": 3}


def test_the_command_line_json(toy: Path) -> None:
    out = CliRunner().invoke(app, ["compare", str(toy), "--split", "kind", "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["counts"] == {"both": 2, "only_a": 1, "only_b": 1, "neither": 2}
    assert (doc["a"], doc["b"], doc["rollup"]) == ("kind=detection", "kind=test", "any")
    assert doc["focus_areas"][0] == {
        "id": "t1001",
        "name": "Data Obfuscation",
        "parent": None,
        "served": "both",
        "a": ["d1"],
        "b": ["t1"],
    }
    owner = CliRunner().invoke(app, ["compare", str(toy), "--split", "owner=red", "-f", "json"])
    assert json.loads(owner.stdout)["counts"]["only_a"] == 0
    for fmt in ("table", "markdown", "csv"):
        shown = CliRunner().invoke(app, ["compare", str(toy), "--split", "kind", "-f", fmt])
        assert shown.exit_code == 0, shown.output
        assert "t1001.003" in shown.stdout or "Protocol Impersonation" in shown.stdout


def test_two_directories_must_share_the_catalogue(toy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "focus_areas.yaml").write_text(AREAS.replace("t1006", "t1007"), encoding="utf-8")
    (other / "initiatives.yaml").write_text("initiatives: []\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["compare", str(toy), str(other)])
    assert out.exit_code == 2
    assert "not over one catalogue" in out.stderr
    dataset = load_dataset(toy).dataset
    assert dataset is not None
    with pytest.raises(NotComparable, match="not two"):
        split_portfolio(dataset, "owner")


def test_detections_against_tests_on_real_data(tmp_path: Path) -> None:
    shared_file(ATTACK_BUNDLE)
    shared_file(SIGMA_RULES)
    shared_file(ATOMIC)
    runner = CliRunner()
    detections, tests = tmp_path / "detections", tmp_path / "tests"
    assert (
        runner.invoke(
            app, ["import", "attack", str(ATTACK_BUNDLE), "--to", str(detections)]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(app, ["import", "sigma", str(SIGMA_RULES), "--to", str(detections)]).exit_code
        == 0
    )
    tests.mkdir()
    shutil.copy(detections / "focus_areas.yaml", tests)
    shutil.copy(ATOMIC / "initiatives.yaml", tests)
    out = runner.invoke(app, ["compare", str(detections), str(tests), "--all-years", "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert sum(doc["counts"].values()) == 691
    # The atomic tests alone cover 691 - 320 areas (rolled up: their README).
    assert doc["counts"]["both"] + doc["counts"]["only_b"] == 691 - 320
    assert doc["counts"] == {"both": 177, "only_a": 63, "only_b": 194, "neither": 257}


def test_the_view_reads_counts_first_then_losses_first(toy: Path) -> None:
    from gapcheck.analysis.compare import Comparison
    from gapcheck.render import render

    dataset = load_dataset(toy).dataset
    assert dataset is not None
    (a_label, a), (b_label, b) = split_portfolio(select(dataset, rollup="any"), "kind")  # type: ignore[arg-type]
    result = compare_portfolios(Portfolio(a), Portfolio(b), a_label=a_label, b_label=b_label)
    assert isinstance(result, Comparison)
    page = render(result, "markdown")
    lines = page.splitlines()
    assert lines[0].startswith("## Compare")
    assert "2 served by both A and B, 1 only by A, 1 only by B, 2 by neither" in page
    tally = [line for line in lines if line.startswith("| neither") or line.startswith("| both")]
    assert [line.split("|")[2].strip() for line in tally] == ["2", "2"]  # the counts first
    rows = [line for line in lines if "(t1" in line or "| Data" in line or "| Direct" in line]
    served_by = [line.split("|")[2].strip() for line in rows]
    assert served_by == sorted(served_by, key=["neither", "only A", "only B", "both"].index)
    assert served_by[0] == "neither"  # the losses first
    capped = render(result, "markdown", limit=2)
    assert "… and 4 more" in capped
    csv = render(result, "csv").splitlines()
    assert csv[0] == "id,name,parent,served,a,b"
    assert csv[1].startswith("t1001,Data Obfuscation,,both,d1,t1")
