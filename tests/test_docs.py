"""Docs that cannot rot: every code documented, every command documented, README samples current."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck.cli import app
from gapcheck.diagnostics import Code

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def test_every_code_is_documented_once_in_the_table() -> None:
    rows = re.findall(r"^\| (GC\d{3}) \|", DATA_FORMAT, flags=re.MULTILINE)
    assert rows == sorted(code.value for code in Code)


def test_every_command_is_in_the_readme() -> None:
    commands = {
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    }
    assert commands == {
        "validate",
        "matrix",
        "gaps",
        "overlaps",
        "timeline",
        "diff",
        "whatif",
        "critical",
        "summary",
        "spend",
        "schema",
        "init",
        "report",
        "export",
        "import",
        "compare",
    }
    for name in commands:
        assert f"`gapcheck {name}`" in README


#: The year the README's samples were made in: they count "this year" (the bundled data
#: has years), so each sample names it ("as of 2026"). The test compares the samples
#: with today's output with both years made "YYYY", so it keeps passing on 1 January.
README_YEAR = re.search(r", as of (\d{4})$", README, flags=re.MULTILINE)


def _same_year(text: str, year: int | str) -> str:
    return re.sub(rf"\b{year}\b", "YYYY", text)


def _readme_sample(command: str) -> str:
    match = re.search(rf"```console\n\$ {re.escape(command)}\n(.*?)```", README, flags=re.DOTALL)
    assert match, f"no sample of '{command}' in README.md"
    return match.group(1)


@pytest.mark.parametrize(
    "command",
    [
        "gapcheck gaps",
        "gapcheck matrix",
        "gapcheck timeline",
        "gapcheck diff --from 2006 --to 2008",
        "gapcheck summary",
        "gapcheck critical",
        "gapcheck whatif --without samarbejdsregioner",
    ],
)
def test_readme_samples_match_real_output(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)  # a clone: ./data holds the report's dataset
    result = CliRunner().invoke(app, command.split()[1:], env=ENV)
    assert result.exit_code == 0
    assert README_YEAR, "no sample in README.md says 'as of YEAR'"
    assert _same_year(result.stdout, date.today().year) == _same_year(
        _readme_sample(command), README_YEAR.group(1)
    )


def test_readme_validate_sample_matches_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(ROOT / "data", bad)
    path = bad / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    start: 2007\n", '    start: "2007"\n    ende: 2013\n', 1)
    text = text.replace(
        '      - id: synlighed-og-branding\n        note: "Puljen',
        '      - id: synlighed-og-brandig\n        note: "Puljen',
        1,
    )
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--data", "bad"], env=ENV)
    assert result.exit_code == 1
    assert result.stdout == _readme_sample("gapcheck validate --data bad")
