"""Git under a hostile environment: ``GIT_*`` variables never change gapcheck's answer.

A git hook, a shell or a CI step may hold ``GIT_DIR``, ``GIT_WORK_TREE``,
``GIT_INDEX_FILE``, configuration in ``GIT_CONFIG_PARAMETERS`` and so on, pointing
at another repository or at nothing. gapcheck asks git about the repository that
holds the data directory only, so every answer here is the one given without them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from clirun import gapcheck, process_env
from gapcheck.cli import app
from gapcheck.gitenv import git_environment
from gitrepo import commit, git, isolate, needs_git
from test_git_diff import V1_TO_V2, V2_AREAS, V2_INITIATIVES, make_repo, now, write_data

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

pytestmark = needs_git


@pytest.fixture(autouse=True)
def _hermetic_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def assert_clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def other_repo(tmp_path: Path) -> Path:
    """Another repository: one commit, other data, no tag v1 (so it answers differently)."""
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    write_data(other / "data", V2_AREAS, V2_INITIATIVES)
    commit(other, "only")
    return other


def hostile(repo: Path, other: Path, tmp_path: Path) -> dict[str, dict[str, str]]:
    """Environments that send git elsewhere, each on its own."""
    garbage = str(tmp_path / "no-such-thing")
    return {
        "git-dir-other": {"GIT_DIR": str(other / ".git")},
        "git-dir-garbage": {"GIT_DIR": garbage},
        "work-tree-other": {"GIT_WORK_TREE": str(other)},
        "dir-and-work-tree-other": {
            "GIT_DIR": str(other / ".git"),
            "GIT_WORK_TREE": str(other),
            "GIT_INDEX_FILE": str(other / ".git" / "index"),
        },
        "index-and-work-tree-garbage": {"GIT_INDEX_FILE": garbage, "GIT_WORK_TREE": garbage},
        "object-directory-other": {"GIT_OBJECT_DIRECTORY": str(other / ".git" / "objects")},
        "config-parameters-garbage": {"GIT_CONFIG_PARAMETERS": "garbage'"},
        "config-count-without-keys": {"GIT_CONFIG_COUNT": "2"},
        "ceiling-above-data": {"GIT_CEILING_DIRECTORIES": str(repo)},
        "common-dir-other": {"GIT_COMMON_DIR": str(other / ".git")},
    }


CASES = [
    "git-dir-other",
    "git-dir-garbage",
    "work-tree-other",
    "dir-and-work-tree-other",
    "index-and-work-tree-garbage",
    "object-directory-other",
    "config-parameters-garbage",
    "config-count-without-keys",
    "ceiling-above-data",
    "common-dir-other",
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("revision", ["HEAD~1", "v1"])
def test_diff_revision_ignores_git_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, revision: str
) -> None:
    repo = make_repo(tmp_path)
    other = other_repo(tmp_path)
    monkeypatch.chdir(repo)
    for name, value in hostile(repo, other, tmp_path)[case].items():
        monkeypatch.setenv(name, value)
    result = run("diff", revision, "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"base": now(revision), "head": now("data"), **V1_TO_V2}


@pytest.mark.parametrize("case", ["dir-and-work-tree-other", "config-parameters-garbage"])
def test_two_revisions_and_a_data_option_ignore_git_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    repo = make_repo(tmp_path, "sub/data")
    other = other_repo(tmp_path)
    monkeypatch.chdir(tmp_path)  # outside the repository: found from --data alone
    for name, value in hostile(repo, other, tmp_path)[case].items():
        monkeypatch.setenv(name, value)
    data = str(repo / "sub" / "data")
    result = run("diff", "v1", "HEAD", "--data", data, "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"base": now("v1"), "head": now("HEAD"), **V1_TO_V2}


@pytest.mark.parametrize("case", ["git-dir-other", "work-tree-other", "config-parameters-garbage"])
def test_report_base_ignores_git_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    repo = make_repo(tmp_path)
    other = other_repo(tmp_path)
    monkeypatch.chdir(repo)
    args = ("report", "--base", "v1", "--format", "markdown", "-o", "-")
    expected = run(*args)
    assert expected.exit_code == 0, expected.output
    for name, value in hostile(repo, other, tmp_path)[case].items():
        monkeypatch.setenv(name, value)
    result = run(*args)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout


@pytest.mark.parametrize("case", ["work-tree-other", "dir-and-work-tree-other"])
def test_github_annotations_are_relative_to_the_real_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    repo = make_repo(tmp_path)
    other = other_repo(tmp_path)
    monkeypatch.chdir(repo)
    for name, value in hostile(repo, other, tmp_path)[case].items():
        monkeypatch.setenv(name, value)
    result = run("gaps", "--format", "github")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert "file=data/focus_areas.yaml," in result.stdout  # the uncovered area d
    assert "../" not in result.stdout


def test_github_annotations_are_relative_to_the_repository_of_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from outside the repository (a script's folder, a monorepo's sibling), the
    paths still start at the root of the repository that holds the data."""
    repo = make_repo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("gaps", "--data", str(repo / "data"), "--format", "github")
    assert result.exit_code == 0, result.output
    assert "file=data/focus_areas.yaml," in result.stdout
    assert str(tmp_path) not in result.stdout


def test_revision_with_a_nul_byte_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD\x00~1")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_no_git_variable_reaches_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_DIR", "/elsewhere")
    monkeypatch.setenv("GIT_SOMETHING_NEW", "1")
    env = git_environment()
    assert sorted(name for name in env if name.startswith("GIT_")) == ["GIT_TERMINAL_PROMPT"]
    assert env["LC_ALL"] == "C"


def test_diff_in_a_real_process_with_git_variables(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, "sub/data")
    other = other_repo(tmp_path)
    env = process_env(
        GIT_DIR=str(other / ".git"),
        GIT_WORK_TREE=str(other),
        GIT_INDEX_FILE=str(tmp_path / "garbage-index"),
        GIT_CONFIG_PARAMETERS="garbage'",
    )
    done = gapcheck("diff", "HEAD~1", "--data", "sub/data", "-f", "json", cwd=repo, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"base": now("HEAD~1"), "head": now("sub/data"), **V1_TO_V2}
    assert done.stderr == ""
