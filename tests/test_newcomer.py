"""Small things a newcomer trips on: --help, the README's command table, schema names,
Danish counts, duplicate ids beside type errors. Each through the CLI, in process and
in a real process (``python -m gapcheck``).
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from clirun import gapcheck, process_env
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
#: Every command the app has (tests/test_docs.py pins the set itself).
COMMANDS = [
    command.name or (command.callback.__name__ if command.callback else "")
    for command in app.registered_commands
]


def subprocess_gapcheck(
    *args: str, cwd: Path, columns: int = 100
) -> subprocess.CompletedProcess[str]:
    return gapcheck(*args, cwd=cwd, env=process_env(COLUMNS=str(columns), TERM="dumb"))


def help_text(command: str | None, columns: int = 80) -> str:
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(
        app, args, env={"NO_COLOR": "1", "COLUMNS": str(columns), "TERM": "dumb"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _choices(command: str) -> dict[str, list[str]]:
    """Each option or argument of ``command`` that takes one of a list of words."""
    group: Any = get_command(app)
    found = {}
    for param in group.commands[command].params:
        described = param.type_descriptor
        if described.is_choice:
            found[param.name or ""] = [str(choice) for choice in described.choices or ()]
    return found


# --- --help -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("columns", [80, 100])
def test_help_shows_no_value_type_for_flags(command: str | None, columns: int) -> None:
    """Before: '--version <bool>', '--fail <bool>', '--help <bool>'."""
    assert "<bool>" not in help_text(command, columns)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_never_breaks_a_choice_in_two(command: str) -> None:
    """Before: '<table|json|markdown|cs' and 'v|github>' on two lines at 80 columns."""
    text = help_text(command)
    words = set(re.findall(r"[\w-]+", text))
    for choices in _choices(command).values():
        for choice in choices:
            assert choice in words, f"{command} --help: '{choice}' is not shown whole"
    assert not re.search(r"\|\s*│", text)  # no choice list cut at a line's end


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_paragraphs_have_no_stray_line_breaks(command: str | None) -> None:
    """Before: 'report --help' broke a line after '... has years,' / 'the'."""
    for columns in (80, 100, 120):
        text = help_text(command, columns)
        description = text.split("╭", 1)[0]
        lines = [line.strip() for line in description.splitlines()]
        for line, following in itertools.pairwise(lines):
            if not line or not following or line.startswith("gapcheck ") or "Usage:" in line:
                continue
            # Wrapped by the terminal: the next line's first word did not fit here.
            first_word = following.split()[0]
            assert len(line) + 1 + len(first_word) > columns - 4, (columns, line, following)


def test_help_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess_gapcheck("gaps", "--help", cwd=tmp_path, columns=80)
    assert result.returncode == 0
    assert "<bool>" not in result.stdout
    assert "csv" in re.findall(r"\w+", result.stdout)
    report = subprocess_gapcheck("report", "--help", cwd=tmp_path, columns=80)
    assert "the changes since --base right after the summary" in " ".join(report.stdout.split())
    assert "\n the\n" not in report.stdout.replace("│", "")


# --- the README's command table -----------------------------------------------------


def _readme_table() -> dict[str, tuple[bool, bool, list[str]]]:
    """``command -> (takes --data, takes --lang, its --format values)`` from the README:
    ``yes`` for both, ``--lang only`` for the language alone."""
    section = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `gapcheck ([\w-]+)` \|.*\| (yes|no|`--lang` only) \| (.+) \|$", line)
        if match:
            formats = re.findall(r"`(\w+)`", match.group(3))
            column = match.group(2)
            rows[match.group(1)] = (column == "yes", column != "no", formats)
    return rows


def test_readme_command_table_lists_every_command() -> None:
    assert set(_readme_table()) == {*COMMANDS, "--version"}


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_table_matches_help(command: str) -> None:
    """The table says which commands take --data, --lang and which --format values."""
    takes_data, takes_lang, formats = _readme_table()[command]
    text = help_text(command, columns=200)
    options = set(re.findall(r"(?<![\w-])--[a-z][\w-]*", text.split("╭─ Options", 1)[-1]))
    assert ("--data" in options) is takes_data, command
    assert ("--lang" in options) is takes_lang, command
    if not formats:
        assert "--format" not in options
        return
    match = re.search(r"Output format: ([a-z, ]+?) or ([a-z]+)\b", text)
    assert match, f"{command} --help lists no formats"
    listed = [*match.group(1).split(", "), match.group(2)]
    assert listed == formats, command
    assert _choices(command)["fmt"] == formats  # and --help tells the truth


def test_readme_says_no_more_than_the_table() -> None:
    """Before: 'Every command takes --data ... All but validate take --format ...'."""
    assert "Every command takes" not in README
    assert "All but `validate` take" not in README


# --- schema, written as the file is named -------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("focus_areas", "focus_areas.yaml"),
        ("focus_areas.yaml", "focus_areas.yaml"),
        ("focus-areas", "focus_areas.yaml"),
        ("initiatives.yaml", "initiatives.yaml"),
    ],
)
def test_schema_accepts_the_file_name(written: str, kind: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", written])
    assert result.exit_code == 0, result.output
    assert f'"title": "gapcheck {kind}"' in result.stdout
    if written == "focus-areas":  # one name in a real process: the smoke test
        real = subprocess_gapcheck("schema", written, cwd=tmp_path)
        assert real.returncode == 0, real.stderr
        assert real.stdout == result.stdout


def test_schema_still_refuses_other_words(tmp_path: Path) -> None:
    real = subprocess_gapcheck("schema", "areas", cwd=tmp_path)
    assert real.returncode == 2
    assert "focus-areas" in real.stderr
    assert "Traceback" not in real.stderr


# --- Danish counts ------------------------------------------------------------------


def test_danish_one_thin_area_in_a_real_process(tmp_path: Path) -> None:
    """Before: '0 udækkede, 1 tyndt dækkede'."""
    result = subprocess_gapcheck("gaps", "--lang", "da", "--data", str(REPO / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 udækkede, 1 tyndt dækket (færre end 2 initiativer)." in result.stdout
    assert "1 tyndt dækkede" not in result.stdout


# --- a duplicate id beside a type error ---------------------------------------------

AREAS = "focus_areas:\n  - id: a\n    name: A\n"
DUPLICATE_AFTER_TYPE_ERROR = """\
initiatives:
  - id: one
    name: no
    focus_areas: [a]
  - id: one
    name: One
    focus_areas: [a]
"""


@pytest.mark.parametrize("how", ["in-process", "subprocess"])
def test_duplicate_id_reported_with_the_type_error_of_its_first_entry(
    how: str, tmp_path: Path
) -> None:
    """Before: only GC204; GC301 came once the type error was fixed."""
    data = tmp_path / "d"
    data.mkdir()
    (data / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (data / "initiatives.yaml").write_text(DUPLICATE_AFTER_TYPE_ERROR, encoding="utf-8")
    if how == "subprocess":
        real = subprocess_gapcheck("validate", "--data", "d", cwd=tmp_path)
        code, stdout = real.returncode, real.stdout
    else:
        os.chdir(tmp_path)
        try:
            result = CliRunner().invoke(app, ["validate", "--data", "d"])
        finally:
            os.chdir(REPO)
        code, stdout = result.exit_code, result.stdout
    assert code == 1
    lines = stdout.splitlines()
    assert lines[0].startswith("d/initiatives.yaml:3:11: GC204 'name' must be text")
    assert lines[1] == (
        "d/initiatives.yaml:5:9: GC301 duplicate initiative id 'one' (first at line 2)"
        " (hint: ids must be unique; rename one or merge the two entries)"
    )
    assert lines[2] == "d is not valid: 2 errors, 0 warnings"
