"""The data repository's checks: GitHub annotations, JSON Schemas, pre-commit, init,
thresholds as data and the size limit.

Most tests run the command in process (typer's CliRunner, NO_COLOR=1, COLUMNS=100);
one per CI entry point runs it in a real process (``python -m gapcheck`` with the
source tree first on PYTHONPATH). Git runs hermetically: no system or global
configuration, an identity from the environment, and no repository search above
``tmp_path``. GITHUB_WORKSPACE is removed unless a test sets it.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner, Result

from gapcheck.cli import app
from gapcheck.render import github
from gitrepo import commit, git, isolate, needs_git

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
DATA = REPO / "data"
SCHEMA_DIR = REPO / "schema"

ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "FORCE_COLOR": None,
    "GITHUB_WORKSPACE": None,
}


THIN_AREA = "specialisering-og-outsourcing"

# A small broken dataset: an unknown key in focus_areas.yaml (error), a repeated
# reference (warning) and an unknown focus area (error) in initiatives.yaml.
BROKEN_AREAS = """\
# focus areas
focus_areas:
  - id: a
    name: Area A
    colour: red
"""
BROKEN_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, a, b]
"""

# Two versions for diff: in BASE, a is served by two initiatives and b by one (thin);
# in the working tree, a by one (a gap opens) and b by two (a gap closes).
DIFF_AREAS = """\
# The focus areas of a test portfolio.
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
"""
DIFF_BASE_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b]
  - id: two
    name: Two
    focus_areas: [a]
"""
DIFF_HEAD_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b]
  - id: two
    name: Two
    focus_areas: [b]
"""

# Five initiatives; a is served by 1, b by 2, c by 3, d by 4 (shares .2 .4 .6 .8).
THRESHOLD_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
  - id: c
    name: Area C
  - id: d
    name: Area D
"""
THRESHOLD_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    focus_areas: [a, b, c, d]
  - id: two
    name: Two
    focus_areas: [b, c, d]
  - id: three
    name: Three
    focus_areas: [c, d]
  - id: four
    name: Four
    focus_areas: [d]
  - id: five
    name: Five
    focus_areas: []
"""
POLICY = """\
thresholds:
  min_initiatives: 3
  max_share: 0.7
"""


# --- helpers ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def hermetic_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def make_repo(tmp_path: Path) -> Path:
    """An empty git repository below ``tmp_path`` (the ceiling stops searches above it)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo


def write_data(directory: Path, focus_areas: str, initiatives: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "focus_areas.yaml").write_text(focus_areas, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(initiatives, encoding="utf-8")
    return directory


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})


def assert_clean(result: Result) -> None:
    """The command ended through an exit code, not an unexpected exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def process(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``args`` in a real process, with the source tree first on PYTHONPATH."""
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), full.get("PYTHONPATH")]))
    full.pop("FORCE_COLOR", None)
    full.update(env or {})
    return subprocess.run(
        args,
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def gapcheck_process(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return process([sys.executable, "-m", "gapcheck", *args], cwd, env)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in text")


def id_position(focus_areas_text: str, area: str) -> tuple[int, int]:
    """Where the focus area's id is written: the line of ``id: area``, the value's column."""
    for number, line in enumerate(focus_areas_text.splitlines(), start=1):
        if line.strip() == f"- id: {area}":
            return number, line.index("id: ") + len("id: ") + 1
    raise AssertionError(f"no line '- id: {area}'")


def annotations(output: str) -> list[str]:
    lines = output.splitlines()
    assert lines, "no annotations"
    for line in lines:
        assert line.startswith("::"), line
    return lines


def broken_expectations(prefix: str) -> list[str]:
    """The annotations of BROKEN_AREAS/BROKEN_INITIATIVES with files under ``prefix``."""
    areas_line, areas_col = position(BROKEN_AREAS, "colour")
    ref_line, repeat_col = position(BROKEN_INITIATIVES, "a, a, b")
    return [
        f"::error file={prefix}/focus_areas.yaml,line={areas_line},col={areas_col},title=GC202"
        "::unknown key 'colour' (hint: allowed keys: id, name, parent, description, source,"
        " min_initiatives, min_strength, priority, accepted)",
        f"::warning file={prefix}/initiatives.yaml,line={ref_line},col={repeat_col + 3},"
        "title=GC306::'a' is listed twice for this initiative; it counts once"
        " (hint: remove the repeated line)",
        f"::error file={prefix}/initiatives.yaml,line={ref_line},col={repeat_col + 6},"
        "title=GC302::unknown focus area 'b'"
        " (hint: add it to focus_areas.yaml, or use one of its ids)",
    ]


# --- --format github: the workflow command itself -----------------------------------------


def test_command_without_position() -> None:
    assert github.command("notice", "all good", title="gapcheck diff") == (
        "::notice title=gapcheck diff::all good\n"
    )


def test_command_with_position() -> None:
    line = github.command("error", "m", title="GC302", where=("data/x.yaml", 12, 9))
    assert line == "::error file=data/x.yaml,line=12,col=9,title=GC302::m\n"


def test_command_escapes_message_and_properties() -> None:
    line = github.command(
        "warning",
        "100% done\nnext: line\r",
        title="a: b, c",
        where=("dir:one,two/%f.yaml", 3, 1),
    )
    assert line == (
        "::warning file=dir%3Aone%2Ctwo/%25f.yaml,line=3,col=1,title=a%3A b%2C c"
        "::100%25 done%0Anext: line%0D\n"
    )
    # One command is one line, whatever the message holds.
    assert line.count("\n") == 1


# --- validate --format github ---------------------------------------------------------------


def test_validate_github_relative_to_github_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "workspace"
    write_data(workspace / "data", BROKEN_AREAS, BROKEN_INITIATIVES)
    monkeypatch.chdir(workspace)
    result = run("validate", "--format", "github", env={"GITHUB_WORKSPACE": str(workspace)})
    assert_clean(result)
    assert result.exit_code == 1
    assert annotations(result.stdout) == broken_expectations("data")
    assert result.stderr == "data is not valid: 2 errors, 1 warning\n"


def test_validate_github_workspace_wins_over_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "workspace"
    data = write_data(workspace / "data", BROKEN_AREAS, BROKEN_INITIATIVES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run(
        "validate",
        "--format",
        "github",
        "--data",
        str(data),
        env={"GITHUB_WORKSPACE": str(workspace)},
    )
    assert result.exit_code == 1
    assert annotations(result.stdout) == broken_expectations("data")


@needs_git
def test_validate_github_relative_to_the_git_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path)
    write_data(repo / "data", BROKEN_AREAS, BROKEN_INITIATIVES)
    (repo / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(repo / "sub" / "deeper")
    result = run("validate", "--format", "github", "--data", "../../data")
    assert_clean(result)
    assert result.exit_code == 1
    assert annotations(result.stdout) == broken_expectations("data")
    assert "is not valid" in result.stderr


def test_validate_github_valid_data_prints_nothing() -> None:
    result = run("validate", "--format", "github", "--data", str(DATA))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "is valid" in result.stderr


def test_validate_github_strict_fails_on_a_warning(tmp_path: Path) -> None:
    data = write_data(
        tmp_path / "data",
        DIFF_AREAS,
        "initiatives:\n  - id: one\n    name: One\n    focus_areas: [a, a, b]\n",
    )
    loose = run("validate", "--format", "github", "--data", str(data))
    strict = run("validate", "--format", "github", "--strict", "--data", str(data))
    assert loose.exit_code == 0
    assert strict.exit_code == 1
    for result in (loose, strict):
        (line,) = annotations(result.stdout)
        assert line.startswith("::warning ")
        assert ",title=GC306::" in line


def test_validate_github_escapes_paths_and_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data(
        tmp_path / "d:a,ta",
        "focus_areas:\n  - id: a\n    name: A\n    100%: 1\n",
        "initiatives: []\n",
    )
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--format", "github", "--data", data.name)
    assert result.exit_code == 1
    (line,) = annotations(result.stdout)
    assert line.startswith("::error file=d%3Aa%2Cta/focus_areas.yaml,line=4,col=5,title=GC202::")
    assert "unknown key '100%25'" in line
    assert "100%'" not in line


def test_gaps_github_escapes_a_newline_in_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_data(
        tmp_path / "data",
        'focus_areas:\n  - id: a\n    name: "First line\\nsecond: 100%"\n',
        "initiatives: []\n",
    )
    monkeypatch.chdir(tmp_path)
    result = run("gaps", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == (
        "::warning file=data/focus_areas.yaml,line=2,col=9,title=gapcheck%3A uncovered focus area"
        "::First line%0Asecond: 100%25 (a) is uncovered: no initiative serves it\n"
    )


# --- gaps --format github -------------------------------------------------------------------


def thin_area_annotation(level: str) -> str:
    line, column = id_position((DATA / "focus_areas.yaml").read_text(encoding="utf-8"), THIN_AREA)
    return (
        f"::{level} file=data/focus_areas.yaml,line={line},col={column},"
        "title=gapcheck%3A thin focus area::Specialiserede virksomheder og outsourcing"
        " (specialisering-og-outsourcing) is thin:"
        " served by 1 initiative only; the minimum is 2"
    )


@pytest.mark.parametrize(
    ("options", "level", "code"), [((), "warning", 0), (("--fail",), "error", 1)]
)
def test_gaps_github_on_bundled_data(options: tuple[str, ...], level: str, code: int) -> None:
    result = run(
        "gaps",
        *options,
        "--format",
        "github",
        "--data",
        str(DATA),
        env={"GITHUB_WORKSPACE": str(REPO)},
    )
    assert_clean(result)
    assert result.exit_code == code
    assert annotations(result.stdout) == [thin_area_annotation(level)]
    # The summary is for people: stderr, never mixed into the annotations.
    assert "1 gap among 5 focus areas" in result.stderr
    assert "gap among" not in result.stdout


def test_gaps_github_without_gaps_prints_no_annotation() -> None:
    result = run(
        "gaps", "--fail", "--format", "github", "--min-initiatives", "1", "--data", str(DATA)
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "No gaps: each of the 5 focus areas is served by at least 1 initiative.\n"
    )


# --- diff --format github -------------------------------------------------------------------


def diff_repo(tmp_path: Path) -> Path:
    """A repository whose ``data`` was committed with BASE initiatives, now edited to HEAD."""
    repo = make_repo(tmp_path)
    write_data(repo / "data", DIFF_AREAS, DIFF_BASE_INITIATIVES)
    commit(repo, "base")
    write_data(repo / "data", DIFF_AREAS, DIFF_HEAD_INITIATIVES)
    return repo


def check_diff_annotations(stdout: str, opened_level: str) -> None:
    a_line, a_col = id_position(DIFF_AREAS, "a")
    b_line, b_col = id_position(DIFF_AREAS, "b")
    lines = annotations(stdout)
    assert len(lines) == 3, lines
    assert lines[0].startswith(
        f"::{opened_level} file=data/focus_areas.yaml,line={a_line},col={a_col},"
        "title=gapcheck%3A gap opened::gap opened: Area A"
    )
    assert lines[1].startswith(  # the same message as SARIF's: the sides follow
        f"::notice file=data/focus_areas.yaml,line={b_line},col={b_col},"
        "title=gapcheck%3A gap closed::gap closed: Area B ("
    )
    assert lines[2].startswith("::notice title=gapcheck diff::1 gap opened, 1 closed")


@needs_git
def test_diff_github_fail_on_opened_gaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = diff_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD", "--fail-on", "opened-gaps", "--format", "github")
    assert_clean(result)
    assert result.exit_code == 1
    check_diff_annotations(result.stdout, "error")


@needs_git
def test_diff_github_without_fail_on_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = diff_repo(tmp_path)
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    result = run("diff", "HEAD", "--data", "../data", "--format", "github")
    assert_clean(result)
    assert result.exit_code == 0
    check_diff_annotations(result.stdout, "warning")


@needs_git
def test_diff_github_only_a_closed_gap_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path)
    write_data(repo / "data", DIFF_AREAS, DIFF_BASE_INITIATIVES)
    commit(repo, "base")
    write_data(
        repo / "data",
        DIFF_AREAS,
        DIFF_BASE_INITIATIVES.replace("focus_areas: [a]", "focus_areas: [a, b]"),
    )
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD", "--fail-on", "opened-gaps", "--format", "github")
    assert result.exit_code == 0
    b_line, b_col = id_position(DIFF_AREAS, "b")
    assert annotations(result.stdout) == [
        f"::notice file=data/focus_areas.yaml,line={b_line},col={b_col},"
        "title=gapcheck%3A gap closed::gap closed: Area B (b) (HEAD → working tree)",
        "::notice title=gapcheck diff::0 gaps opened, 1 closed; initiatives: 1 changed;"
        " coverage changed in 1 focus area.",
    ]


# --- the three in real processes --------------------------------------------------------


def test_validate_github_in_a_real_process(tmp_path: Path) -> None:
    write_data(tmp_path / "data", BROKEN_AREAS, BROKEN_INITIATIVES)
    done = gapcheck_process(
        "validate", "--format", "github", cwd=tmp_path, env={"GITHUB_WORKSPACE": str(tmp_path)}
    )
    assert done.returncode == 1, done.stderr
    assert annotations(done.stdout) == broken_expectations("data")
    assert done.stderr == "data is not valid: 2 errors, 1 warning\n"


def test_gaps_github_in_a_real_process(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    done = gapcheck_process(
        "gaps",
        "--fail",
        "--format",
        "github",
        cwd=tmp_path,
        env={"GITHUB_WORKSPACE": str(tmp_path)},
    )
    assert done.returncode == 1, done.stderr
    assert annotations(done.stdout) == [thin_area_annotation("error")]
    assert "1 gap among 5 focus areas" in done.stderr


@needs_git
def test_diff_github_in_a_real_process(tmp_path: Path) -> None:
    repo = diff_repo(tmp_path)
    done = gapcheck_process(
        "diff", "HEAD", "--fail-on", "opened-gaps", "--format", "github", cwd=repo
    )
    assert done.returncode == 1, done.stderr
    check_diff_annotations(done.stdout, "error")
    assert "Traceback" not in done.stderr


# --- JSON Schema ----------------------------------------------------------------------------

KINDS = [("focus-areas", "focus_areas"), ("initiatives", "initiatives")]


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return schema


def _as_editor_sees(value: Any) -> Any:
    """A YAML date is a string to a JSON Schema validator (an editor): ``format: date``."""
    if isinstance(value, dict):
        return {key: _as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def schema_errors(name: str, document: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(load_schema(name))
    return [error.message for error in validator.iter_errors(_as_editor_sees(document))]


@pytest.mark.parametrize(("kind", "name"), KINDS)
def test_schemas_are_current(kind: str, name: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        f"schema/{name}.schema.json is out of date with the models; regenerate it with:"
        f" gapcheck schema {kind} > schema/{name}.schema.json"
    )


@pytest.mark.parametrize(("kind", "name"), KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str, name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"gapcheck {name}.yaml"


@pytest.mark.parametrize(("kind", "name"), KINDS)
def test_bundled_data_validates_against_the_schema(kind: str, name: str) -> None:
    document = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    assert schema_errors(name, document) == []


VALID_CORPUS = sorted((REPO / "tests" / "corpus" / "valid").iterdir())


@pytest.mark.parametrize("directory", VALID_CORPUS, ids=lambda path: path.name)
def test_what_gapcheck_accepts_the_schema_accepts(directory: Path) -> None:
    # The editor must not underline a file that gapcheck validate accepts.
    assert run("validate", "--data", str(directory)).exit_code == 0
    for _, name in KINDS:
        text = (directory / f"{name}.yaml").read_text(encoding="utf-8-sig")
        assert schema_errors(name, yaml.safe_load(text)) == [], f"{directory.name}/{name}.yaml"


VALID_INITIATIVE = {"id": "one", "name": "One", "focus_areas": ["a"]}


@pytest.mark.parametrize(
    ("name", "document", "expected"),
    [
        (
            "initiatives",
            {"initiatives": [{**VALID_INITIATIVE, "ende": 2010}]},
            "Additional properties are not allowed ('ende' was unexpected)",
        ),
        (
            "initiatives",
            {"initiatives": [{**VALID_INITIATIVE, "start": "2008"}]},
            "'2008' is not valid under any of the given schemas",
        ),
        (
            "initiatives",
            {"initiatives": [{**VALID_INITIATIVE, "id": "Not An Id"}]},
            "'Not An Id' does not match '^[a-z0-9][a-z0-9._-]*$'",
        ),
        (
            "initiatives",
            {"initiatives": [{**VALID_INITIATIVE, "focus_areas": [1]}]},
            "1 is not valid under any of the given schemas",
        ),
        (
            "focus_areas",
            {"focus_areas": [{"id": "a", "name": "A", "colour": "red"}]},
            "Additional properties are not allowed ('colour' was unexpected)",
        ),
        (
            "focus_areas",
            {"focus_areas": [{"id": "-a", "name": "A"}]},
            "'-a' does not match '^[a-z0-9][a-z0-9._-]*$'",
        ),
        (
            "focus_areas",
            {"thresholds": {"max_share": 2}, "focus_areas": []},
            "{'max_share': 2} is not valid under any of the given schemas",
        ),
        (
            "focus_areas",
            {"focus_areas": [], "initiatives": []},
            "Additional properties are not allowed ('initiatives' was unexpected)",
        ),
    ],
)
def test_schema_rejects_known_bad_files(name: str, document: Any, expected: str) -> None:
    assert schema_errors(name, document) == [expected]


def test_schema_accepts_both_reference_forms() -> None:
    document = yaml.safe_load(
        "initiatives:\n"
        "  - id: one\n"
        "    name: One\n"
        "    start: 2008\n"
        "    focus_areas:\n"
        "      - some-id\n"
        "      - id: other-id\n"
        "        note: evidence\n"
    )
    assert schema_errors("initiatives", document) == []
    assert schema_errors("initiatives", {"initiatives": [VALID_INITIATIVE]}) == []


def test_schema_invalid_kind_exits_2() -> None:
    result = run("schema", "areas")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""


# --- pre-commit -------------------------------------------------------------------------------


def precommit_hook() -> dict[str, Any]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for hook in hooks if hook["id"] == "gapcheck-validate"]
    assert isinstance(hook, dict)
    return hook


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("data/initiatives.yaml", True),
        ("focus_areas.yaml", True),
        ("sub/data/focus_areas.yml", True),
        ("data/initiatives.yml", True),
        ("README.md", False),
        ("data/my_focus_areas.yaml", False),
        ("data/initiatives.yaml.bak", False),
        ("data/schema/initiatives.schema.json", False),
    ],
)
def test_precommit_files_pattern(path: str, matches: bool) -> None:
    # pre-commit matches with re.search against the path from the repository root.
    assert bool(re.search(precommit_hook()["files"], path)) is matches


def test_precommit_hook_definition() -> None:
    hook = precommit_hook()
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert shlex.split(hook["entry"])[0] == "gapcheck"


def run_hook(cwd: Path) -> subprocess.CompletedProcess[str]:
    hook = precommit_hook()
    entry = shlex.split(hook["entry"])
    assert entry[0] == "gapcheck"
    args = [sys.executable, "-m", "gapcheck", *entry[1:], *hook.get("args", [])]
    return process(args, cwd)


def test_precommit_hook_passes_on_valid_data(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    done = run_hook(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "data is valid" in done.stdout + done.stderr


def test_precommit_hook_fails_on_broken_data(tmp_path: Path) -> None:
    write_data(tmp_path / "data", BROKEN_AREAS, BROKEN_INITIATIVES)
    done = run_hook(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    line, _ = position(BROKEN_INITIATIVES, "a, a, b")
    assert f"data/initiatives.yaml:{line}:" in done.stdout
    assert "GC302 unknown focus area 'b'" in done.stdout
    assert "Traceback" not in done.stderr


# --- gapcheck init -----------------------------------------------------------------------------


def test_init_in_a_real_process(tmp_path: Path) -> None:
    done = gapcheck_process("init", "new", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    target = tmp_path / "new"
    created = {
        target / "focus_areas.yaml",
        target / "initiatives.yaml",
        target / "schema" / "focus_areas.schema.json",
        target / "schema" / "initiatives.schema.json",
    }
    assert {path for path in target.rglob("*") if path.is_file()} == created
    assert {tmp_path / line.removeprefix("created ") for line in done.stdout.splitlines()} == (
        created
    )
    assert "gapcheck validate --data new" in done.stderr
    for _, name in KINDS:
        first = (target / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json"
        schema_path = target / first.split("$schema=", 1)[1]
        assert schema_path.is_file()
        # The schema written is this version's schema.
        assert schema_path.read_text(encoding="utf-8") == (
            SCHEMA_DIR / f"{name}.schema.json"
        ).read_text(encoding="utf-8")


def test_init_output_validates_and_is_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "new").exit_code == 0
    strict = run("validate", "--strict", "--data", "new")
    assert strict.exit_code == 0, strict.output
    assert strict.stdout == "new is valid: 3 focus areas, 2 initiatives\n"
    matrix = run("matrix", "--data", "new", "--format", "json")
    assert matrix.exit_code == 0, matrix.output
    assert [area["id"] for area in as_json(matrix)["focus_areas"]] == [
        "skills",
        "skills.digital",
        "visibility",
    ]
    for _, name in KINDS:
        document = yaml.safe_load((tmp_path / "new" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert schema_errors(name, document) == []


def test_init_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "data").exit_code == 0
    target = tmp_path / "data"
    edited = target / "initiatives.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    (target / "schema" / "focus_areas.schema.json").unlink()
    before = {path: path.read_bytes() for path in target.rglob("*") if path.is_file()}
    again = run("init", "data")
    assert_clean(again)
    assert again.exit_code == 2
    assert "refusing to overwrite" in again.stderr
    assert again.stdout == ""
    # Nothing written, not even the missing schema.
    assert {path: path.read_bytes() for path in target.rglob("*") if path.is_file()} == before


def test_init_into_an_existing_file_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").write_text("a file\n", encoding="utf-8")
    result = run("init", "taken")
    assert_clean(result)
    assert result.exit_code == 2
    assert "not a directory" in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file\n"


# --- thresholds as data ------------------------------------------------------------------------


def threshold_data(tmp_path: Path, policy: str = POLICY, name: str = "data") -> Path:
    return write_data(tmp_path / name, policy + THRESHOLD_AREAS, THRESHOLD_INITIATIVES)


def gaps_json(data: Path, *options: str) -> Any:
    result = run("gaps", "--data", str(data), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return as_json(result)


def overlaps_json(data: Path, *options: str) -> Any:
    result = run("overlaps", "--data", str(data), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return as_json(result)


def gap_ids(report: Any) -> list[tuple[str, int]]:
    return [(gap["focus_area"], gap["threshold"]) for gap in report["gaps"]]


def crowded_ids(report: Any) -> list[str]:
    return [area["focus_area"] for area in report["crowded"]]


def test_thresholds_change_gaps(tmp_path: Path) -> None:
    plain = gaps_json(threshold_data(tmp_path, policy="", name="plain"))
    assert plain["min_initiatives"] == 2
    assert gap_ids(plain) == [("a", 2)]
    policy = gaps_json(threshold_data(tmp_path))
    assert policy["min_initiatives"] == 3
    assert gap_ids(policy) == [("a", 3), ("b", 3)]
    # The option overrides the data.
    overridden = gaps_json(threshold_data(tmp_path), "--min-initiatives", "1")
    assert overridden["min_initiatives"] == 1
    assert gap_ids(overridden) == []


def test_thresholds_change_overlaps(tmp_path: Path) -> None:
    plain = overlaps_json(threshold_data(tmp_path, policy="", name="plain"))
    assert plain["max_share"] == 0.5
    assert crowded_ids(plain) == ["d", "c"]
    policy = overlaps_json(threshold_data(tmp_path))
    assert policy["max_share"] == 0.7
    assert crowded_ids(policy) == ["d"]
    overridden = overlaps_json(threshold_data(tmp_path), "--max-share", "0.2")
    assert overridden["max_share"] == 0.2
    assert crowded_ids(overridden) == ["d", "c", "b"]


def test_area_min_initiatives_wins_over_data_and_option(tmp_path: Path) -> None:
    data = write_data(
        tmp_path / "data",
        POLICY
        + THRESHOLD_AREAS.replace("name: Area D\n", "name: Area D\n    min_initiatives: 5\n"),
        THRESHOLD_INITIATIVES,
    )
    assert gap_ids(gaps_json(data)) == [("a", 3), ("b", 3), ("d", 5)]
    assert gap_ids(gaps_json(data, "--min-initiatives", "1")) == [("d", 5)]
    timeline = run("timeline", "--data", str(data), "--from", "2020", "--to", "2020", "-f", "json")
    assert timeline.exit_code == 0, timeline.output
    assert {area["id"]: area["threshold"] for area in as_json(timeline)["focus_areas"]} == {
        "a": 3,
        "b": 3,
        "c": 3,
        "d": 5,
    }


def test_timeline_uses_the_data_thresholds(tmp_path: Path) -> None:
    def timeline(data: Path, *options: str) -> Any:
        result = run(
            "timeline",
            "--data",
            str(data),
            "--from",
            "2020",
            "--to",
            "2021",
            "-f",
            "json",
            *options,
        )
        assert result.exit_code == 0, result.output
        return as_json(result)

    policy = timeline(threshold_data(tmp_path))
    assert policy["min_initiatives"] == 3
    assert {area["id"]: area["threshold"] for area in policy["focus_areas"]} == dict.fromkeys(
        "abcd", 3
    )
    assert timeline(threshold_data(tmp_path, policy="", name="plain"))["min_initiatives"] == 2
    assert timeline(threshold_data(tmp_path), "--min-initiatives", "1")["min_initiatives"] == 1
    # The table marks b thin only under the data's policy.
    table = run(
        "timeline", "--data", str(threshold_data(tmp_path)), "--from", "2020", "--to", "2020"
    )
    assert table.exit_code == 0
    (row,) = [line for line in table.stdout.splitlines() if line.startswith("│ 2020")]
    assert [cell.strip() for cell in row.split("│")[1:-1]] == ["2020", "1*", "2*", "3", "4"]


def test_diff_judges_each_side_by_its_own_thresholds(tmp_path: Path) -> None:
    base = threshold_data(tmp_path, policy="", name="base")
    head = threshold_data(tmp_path, name="head")
    result = run("diff", str(base), str(head), "--format", "json", "--fail-on", "opened-gaps")
    assert_clean(result)
    assert result.exit_code == 1
    report = as_json(result)
    assert report["coverage"] == []
    assert report["gaps"] == {
        "opened": ["b"],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    assert report["min_initiatives"] == 3
    # The other way round the gap closes; with the option both sides share one policy.
    back = as_json(run("diff", str(head), str(base), "--format", "json"))
    assert back["gaps"] == {
        "opened": [],
        "closed": ["b"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    same = run("diff", str(base), str(head), "-f", "json", "--min-initiatives", "3")
    assert same.exit_code == 0
    assert as_json(same)["gaps"] == {
        "opened": [],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }


@pytest.mark.parametrize(
    ("policy", "needle", "code", "message"),
    [
        (
            "thresholds:\n  max_share: 2\n",
            "max_share: 2",
            "GC207",
            "max_share must be a number from 0 to 1, got the number 2",
        ),
        (
            "thresholds:\n  max_shar: 0.4\n",
            "max_shar",
            "GC202",
            "unknown key 'max_shar'",
        ),
        (
            "thresholds:\n  min_initiatives: 0\n",
            "min_initiatives: 0",
            "GC207",
            "min_initiatives must be a whole number from 1 to 1,000,000, got the number 0",
        ),
    ],
)
def test_invalid_thresholds(
    tmp_path: Path, policy: str, needle: str, code: str, message: str
) -> None:
    text = "# policy\n" + policy + THRESHOLD_AREAS
    data = write_data(tmp_path / "data", text, THRESHOLD_INITIATIVES)
    result = run("validate", "--data", str(data), "--format", "json")
    assert result.exit_code == 1
    line, column = position(text, needle)
    if code == "GC207":  # at the value, not the key
        column += needle.index(": ") + 2
    (problem,) = as_json(result)["problems"]
    assert (problem["line"], problem["column"], problem["code"]) == (line, column, code)
    assert problem["message"] == message
    if code == "GC202":
        assert problem["hint"] == "did you mean 'max_share'?"
    # Commands that need valid data refuse it too.
    assert run("gaps", "--data", str(data)).exit_code == 1


# --- --max-bytes -------------------------------------------------------------------------------


def test_max_bytes_refuses_large_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    result = run("validate", "--max-bytes", "100", "--data", str(data), "--format", "json")
    assert_clean(result)
    assert result.exit_code == 1
    problems = as_json(result)["problems"]
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in problems] == [
        (str(data / "focus_areas.yaml"), 1, 1, "GC102"),
        (str(data / "initiatives.yaml"), 1, 1, "GC102"),
    ]
    size = (data / "focus_areas.yaml").stat().st_size
    assert problems[0]["message"] == f"the file is too large ({size:,} bytes; the limit is 100)"
    # Other commands refuse the data too.
    assert run("gaps", "--max-bytes", "100", "--data", str(data)).exit_code == 1


def test_max_bytes_boundary(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", DIFF_AREAS, DIFF_BASE_INITIATIVES)
    largest = max(len(DIFF_AREAS.encode()), len(DIFF_BASE_INITIATIVES.encode()))
    at_limit = run("validate", "--max-bytes", str(largest), "--data", str(data))
    assert at_limit.exit_code == 0, at_limit.output
    below = run("validate", "--max-bytes", str(largest - 1), "--data", str(data))
    assert below.exit_code == 1
    assert "GC102" in below.stdout


def test_max_bytes_is_checked_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_yaml = "focus_areas: [unclosed\n" + "# padding\n" * 20
    data = write_data(tmp_path / "data", broken_yaml, "initiatives: []\n")
    parsed: list[str] = []

    import gapcheck.loader

    real_read_yaml = gapcheck.loader.read_yaml

    def spy(text: str, display: str, **options: Any) -> Any:
        parsed.append(display)
        return real_read_yaml(text, display, **options)

    monkeypatch.setattr(gapcheck.loader, "read_yaml", spy)
    result = run("validate", "--max-bytes", "100", "--data", str(data), "--format", "json")
    assert result.exit_code == 1
    assert [p["code"] for p in as_json(result)["problems"]] == ["GC102"]
    assert parsed == [str(data / "initiatives.yaml")]
    # Under a large enough limit the same file is parsed, and its YAML error shows.
    parsed.clear()
    result = run("validate", "--data", str(data), "--format", "json")
    assert [p["code"] for p in as_json(result)["problems"]] == ["GC103"]
    # (the quick pass stops at the broken file; the positioned pass reads both)
    assert parsed[-2:] == [str(data / "focus_areas.yaml"), str(data / "initiatives.yaml")]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_max_bytes_must_be_positive(value: str) -> None:
    result = run("validate", "--max-bytes", value, "--data", str(DATA))
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
