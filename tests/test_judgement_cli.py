"""The judgement commands and options on the command line: exit codes and every format."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from clirun import python
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

AREAS = """\
focus_areas:
  - id: export
    name: Export
    priority: 5
  - id: talent
    name: Talent
    accepted:
      reason: "National programme"
      until: {until}
  - id: branding
    name: Branding
    min_strength: partial
"""
INITIATIVES = """\
initiatives:
  - id: council
    name: Council
    owner: Region
    focus_areas: [export, branding]
  - id: office
    name: Office
    owner: region
    focus_areas:
      - export
      - id: branding
        strength: minimal
  - id: fund
    name: Fund
    owner: State
    focus_areas:
      - id: branding
        strength: minimal
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def write(tmp_path: Path, until: str = "9999-12-31") -> Path:
    (tmp_path / "focus_areas.yaml").write_text(AREAS.format(until=until), encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    return tmp_path


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


# --- gaps: weak, ranking, accepted -------------------------------------------------------


def test_gaps_weak_and_accepted_in_json(tmp_path: Path) -> None:
    result = run("gaps", "--data", str(write(tmp_path)), "-f", "json")
    assert result.exit_code == 0, result.output
    gaps = as_json(result)["gaps"]
    # talent: uncovered, accepted; branding: council only qualifies (partial+): thin.
    assert [(g["focus_area"], g["kind"], g["fails"]) for g in gaps] == [
        ("talent", "uncovered", False),
        ("branding", "thin", True),
    ]
    assert gaps[0]["accepted"] == {
        "reason": "National programme",
        "by": None,
        "until": "9999-12-31",
        "expired": False,
    }
    assert gaps[1]["below_strength"] == ["office", "fund"]


def test_gaps_fail_ignores_an_accepted_gap_until_it_expires(tmp_path: Path) -> None:
    areas = "focus_areas:\n  - id: a\n    name: A\n    accepted:\n      reason: Known\n"
    initiatives = "initiatives: []\n"
    for until, code, words in (
        ("9999-12-31", 0, "accepted until 9999-12-31: Known"),
        ("2000-01-01", 1, "acceptance expired on 2000-01-01: Known"),
    ):
        (tmp_path / "focus_areas.yaml").write_text(areas + f"      until: {until}\n")
        (tmp_path / "initiatives.yaml").write_text(initiatives)
        result = run("gaps", "--data", str(tmp_path), "--fail")
        assert result.exit_code == code, result.output
        markdown = run("gaps", "--data", str(tmp_path), "--fail", "-f", "markdown")
        assert markdown.exit_code == code
        assert words in markdown.stdout


def test_gaps_table_states_the_ranking_and_marks_weak(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - id: a\n    name: A\n    min_strength: significant\n"
        "  - id: b\n    name: B\n    priority: 5\n"
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - id: x\n    name: X\n    focus_areas:\n"
        "      - id: a\n        strength: partial\n"
    )
    for lang, ranked, weak in (
        ("en", "Ranked by priority", "weak"),
        ("da", "Ordnet efter", "svagt"),
    ):
        result = run("gaps", "--data", str(tmp_path), "--lang", lang)
        text = " ".join(result.stdout.split())
        assert ranked in text
        assert weak in text
        assert text.index("B") < text.index("│ A")  # priority 5 first


# --- whatif ----------------------------------------------------------------------------


def test_whatif_exit_codes(tmp_path: Path) -> None:
    data = str(write(tmp_path))
    assert run("whatif", "--data", data, "--without", "fund").exit_code == 0
    # Without the council, export keeps 1 of 2: a gap opens.
    opened = run("whatif", "--data", data, "--without", "council", "--fail-on", "opened-gaps")
    assert opened.exit_code == 1, opened.output
    unknown = run("whatif", "--data", data, "--without", "counsil")
    assert unknown.exit_code == 2
    assert "did you mean 'council'?" in unknown.stderr
    owner = run("whatif", "--data", data, "--without-owner", "Regoin")
    assert owner.exit_code == 2
    assert "did you mean 'Region'?" in owner.stderr  # the first spelling in the data
    assert run("whatif", "--data", data).exit_code == 2


def test_whatif_without_owner_matches_any_case(tmp_path: Path) -> None:
    result = run(
        "whatif", "--data", str(write(tmp_path)), "--without-owner", "REGION", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["without"] == ["council", "office"]
    assert data["orphaned"] == ["export"]
    assert data["diff"]["gaps"]["opened"] == ["export"]


def test_whatif_on_the_bundled_dataset_in_every_format() -> None:
    args = ("whatif", "--data", str(DATA), "--without", "samarbejdsregioner")
    table = run(*args)
    assert "Left with no initiative at all: Specialiserede virksomheder og outsourcing" in (
        " ".join(table.stdout.split())
    )
    data = as_json(run(*args, "-f", "json"))
    assert data["orphaned"] == ["specialisering-og-outsourcing"]
    assert data["diff"]["gaps"]["opened"] == []
    rows = list(csv.reader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert ["without", "samarbejdsregioner", "removed", "", "", ""] in rows
    assert ["focus_area", "specialisering-og-outsourcing", "orphaned", "", "", ""] in rows
    assert "Efterladt uden noget initiativ" in run(*args, "-f", "markdown", "--lang", "da").stdout


# --- critical and summary --------------------------------------------------------------


def test_critical_in_json_and_csv(tmp_path: Path) -> None:
    data = str(write(tmp_path))
    result = as_json(run("critical", "--data", data, "-f", "json"))
    # export: council, office (2 of 2) -> each critical; branding: council only (a gap).
    assert [(c["initiative"], c["focus_areas"], c["priority"]) for c in result["critical"]] == [
        ("council", ["export"], 5),
        ("office", ["export"], 5),
    ]
    assert [(a["focus_area"], a["redundancy"]) for a in result["focus_areas"]] == [
        ("export", 1),
        ("talent", 0),
        ("branding", 0),
    ]
    rows = list(csv.reader(io.StringIO(run("critical", "--data", data, "-f", "csv").stdout)))
    assert rows[0] == [
        "kind",
        "id",
        "name",
        "priority",
        "count",
        "threshold",
        "redundancy",
        "focus_areas",
        "sole",
    ]
    assert ["critical", "council", "Council", "5", "", "", "1", "export", ""] in rows
    assert not any(c["sole"] for c in result["critical"])  # branding has others below strength


def test_critical_github_annotations(tmp_path: Path) -> None:
    result = run("critical", "--data", str(write(tmp_path)), "-f", "github")
    assert result.exit_code == 0
    assert result.stdout.count("::warning file=") == 2
    assert "line=2" in result.stdout  # export's id


def test_summary_json(tmp_path: Path) -> None:
    data = as_json(run("summary", "--data", str(write(tmp_path)), "-f", "json"))
    assert (data["initiatives"], data["focus_areas"], data["marks"]) == (3, 3, 5)
    assert data["gaps"] == {"uncovered": 1, "weak": 0, "thin": 1}
    assert data["critical_initiatives"] == 2
    assert data["configurations"] == 2  # {export, branding} twice, {branding}
    assert [a["focus_area"] for a in data["accepted"]] == ["talent"]
    assert data["expiring"] == []  # 9999-12-31 is far away
    # Direct marks per area: export 2, talent 0, branding 3 -> p = 0.4, 0.6 over n = 3.
    h = -(0.4 * math.log(0.4) + 0.6 * math.log(0.6))
    assert data["shannon"] == round(h, 4)
    assert data["gini_simpson"] == round(1 - (0.16 + 0.36), 4)
    assert data["evenness"] == round(h / math.log(3), 4)


@pytest.mark.parametrize("command", ["summary", "critical"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_new_commands_render_the_bundled_dataset(command: str, fmt: str) -> None:
    for lang in ("en", "da"):
        result = run(command, "--data", str(DATA), "-f", fmt, "--lang", lang)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip()


# --- validate: stale acceptances --------------------------------------------------------


def test_validate_warns_of_an_acceptance_on_an_area_that_is_not_a_gap(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - id: a\n    name: A\n    accepted:\n      reason: Old\n"
        "      until: 2027-06-30\n"
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n"
        + "".join(f"  - id: i{n}\n    name: I{n}\n    focus_areas: [a]\n" for n in range(2))
    )
    result = run("validate", "--data", str(tmp_path))
    assert result.exit_code == 0
    assert "focus_areas.yaml:4:5: GC307 warning: 'a' is accepted as a gap" in result.stdout
    assert run("validate", "--data", str(tmp_path), "--strict").exit_code == 1


# --- a real process ---------------------------------------------------------------------


def test_whatif_and_critical_as_a_real_process(tmp_path: Path) -> None:
    data = str(write(tmp_path))
    opened = python(
        "-m",
        "gapcheck",
        "whatif",
        "--data",
        data,
        "--without",
        "office",
        "--fail-on",
        "opened-gaps",
        cwd=tmp_path,
    )
    assert opened.returncode == 1, opened.stderr
    assert "gap opened" in opened.stdout
    usage = python("-m", "gapcheck", "whatif", "--data", data, "--without", "nobody", cwd=tmp_path)
    assert usage.returncode == 2
    assert "no initiative has this id" in usage.stderr
    critical = python("-m", "gapcheck", "critical", "--data", data, cwd=tmp_path)
    assert critical.returncode == 0
    assert "Council" in critical.stdout


def test_github_annotations_of_an_accepted_gap_and_of_whatif(tmp_path: Path) -> None:
    data = str(write(tmp_path))
    gaps = run("gaps", "--data", data, "-f", "github", "--fail")
    assert gaps.exit_code == 1  # branding fails; the accepted talent does not
    lines = gaps.stdout.splitlines()
    assert any(line.startswith("::notice file=") and "accepted until" in line for line in lines)
    assert any(line.startswith("::error file=") and "Branding" in line for line in lines)
    whatif = run("whatif", "--data", data, "--without", "council", "-f", "github")
    assert whatif.exit_code == 0
    assert "::warning file=" in whatif.stdout
    assert "gap opened: Export" in whatif.stdout
