"""Which data a command reads: --data, ./data, the current directory, the bundled demo.

Each case runs in process (CliRunner) and in a real process (``python -m gapcheck``).
Checks (validate, gaps --fail, diff) never pass on the bundled dataset: with no
data found they exit 2 and say where they looked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import components
from clirun import gapcheck, process_env
from gapcheck.cli import app
from gitrepo import commit, git, isolate, needs_git

REPO = Path(__file__).resolve().parents[1]
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}

AREAS = "focus_areas:\n  - id: a\n    name: Area A\n  - id: b\n    name: Area B\n"
INITIATIVES = (
    "initiatives:\n"
    "  - id: one\n    name: One\n    focus_areas: [a, b]\n"
    "  - id: two\n    name: Two\n    focus_areas: [a, b]\n"
)
BAD_INITIATIVES = "initiatives:\n  - id: one\n    name: One\n    focus_areas: [a, nope]\n"


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def invoke(how: str, cwd: Path, *args: str) -> Outcome:
    """``gapcheck ARGS`` run in ``cwd``, in process or as ``python -m gapcheck``."""
    if how == "subprocess":
        done = gapcheck(*args, cwd=cwd)
        return Outcome(done.returncode, done.stdout, done.stderr)
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=ENV)
    finally:
        os.chdir(before)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


HOW = pytest.mark.parametrize("how", ["in-process", "subprocess"])


def some_real(name: str, values: list[object], real: list[object]) -> pytest.MarkDecorator:
    """``name`` over every value in process, and over ``real`` also in a real process: a
    start costs more than these commands, and where the cases differ only in a command
    or an option, one real process per concern is the smoke test."""
    cases = [("in-process", value) for value in values]
    return pytest.mark.parametrize(
        ("how", name), cases + [("subprocess", v) for v in real], ids=_words
    )


def _words(value: object) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


CHECKS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["validate", "--format", "github"],
    ["gaps", "--fail"],
    ["gaps", "--fail", "--format", "json"],
    ["diff", "--from", "2006", "--to", "2008"],
    ["diff", "--from", "2006", "--to", "2008", "--fail-on", "opened-gaps"],
]


@some_real("args", CHECKS, [CHECKS[0], CHECKS[-1]])
def test_checks_never_pass_on_the_bundled_data(how: str, args: list[str], tmp_path: Path) -> None:
    """Before: 'the bundled dataset ... is valid', exit 0, in a directory with no data."""
    done = invoke(how, tmp_path, *args)
    assert done.code == 2, done
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: no data found in ")
    assert "./data" in done.stderr
    assert "./focus_areas.yaml" in done.stderr
    assert "gapcheck init data" in done.stderr
    assert "bundled" not in done.stderr


@HOW
def test_checks_refuse_also_under_ci(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    done = invoke(how, tmp_path, "validate")
    assert done.code == 2
    assert "no data found" in done.stderr


@some_real("command", ["gaps", "matrix", "overlaps", "timeline"], ["gaps"])
def test_read_only_analyses_still_show_the_demo(how: str, command: str, tmp_path: Path) -> None:
    done = invoke(how, tmp_path, command, "--format", "json")
    assert done.code == 0, done.stderr
    assert json.loads(done.stdout)["data"] == "bundled"
    assert "using the bundled dataset" in done.stderr


@HOW
def test_report_may_show_the_demo(how: str, tmp_path: Path) -> None:
    done = invoke(how, tmp_path, "report", "--format", "markdown", "--output", "-")
    assert done.code == 0, done.stderr
    assert "using the bundled dataset" in done.stderr


@HOW
def test_files_at_the_top_are_found(how: str, tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(BAD_INITIATIVES, encoding="utf-8")
    done = invoke(how, tmp_path, "validate")
    assert done.code == 1
    assert done.stdout.startswith("initiatives.yaml:4:22: GC302 unknown focus area 'nope'")
    assert "bundled" not in done.stdout + done.stderr
    analysis = invoke(how, tmp_path, "gaps")
    assert analysis.code == 1  # invalid data is not replaced by the demo
    assert "GC302" in analysis.stderr


@HOW
def test_valid_files_at_the_top(how: str, tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    done = invoke(how, tmp_path, "validate")
    assert (done.code, done.stdout) == (0, ". is valid: 2 focus areas, 2 initiatives\n")
    gaps = invoke(how, tmp_path, "gaps", "--fail", "--format", "json")
    assert gaps.code == 0, gaps.stderr
    assert json.loads(gaps.stdout)["data"] == "."
    assert gaps.stderr == ""


@some_real("present", ["focus_areas.yaml", "initiatives.yaml"], ["focus_areas.yaml"])
def test_one_file_at_the_top_makes_the_other_missing(
    how: str, present: str, tmp_path: Path
) -> None:
    """Either file marks the data directory; the missing one is GC101, not the demo."""
    text = AREAS if present == "focus_areas.yaml" else INITIATIVES
    (tmp_path / present).write_text(text, encoding="utf-8")
    missing = "initiatives.yaml" if present == "focus_areas.yaml" else "focus_areas.yaml"
    for args in (["validate"], ["gaps"]):
        done = invoke(how, tmp_path, *args)
        assert done.code == 1, done
        assert f"{missing}:1:1: GC101 file not found" in done.stdout + done.stderr
        assert "bundled" not in done.stdout + done.stderr


@HOW
def test_data_directory_comes_before_the_top(how: str, tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text("not: valid\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (data / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    done = invoke(how, tmp_path, "validate")
    assert (done.code, done.stdout) == (0, "data is valid: 2 focus areas, 2 initiatives\n")


@HOW
def test_missing_file_hint_needs_no_docs_folder(how: str, tmp_path: Path) -> None:
    """Before: 'create it; see docs/data-format.md', which an installed package lacks."""
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    done = invoke(how, tmp_path, "validate")
    assert done.code == 1
    assert "docs/" not in done.stdout
    assert (
        "focus_areas.yaml:1:1: GC101 file not found (hint: create it: 'gapcheck init DIR' writes"
        " both files with commented examples, and 'gapcheck schema focus-areas' prints what it"
        " may hold)"
    ) in done.stdout


@needs_git
@HOW
def test_diff_of_a_revision_with_the_files_at_the_top(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (repo / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    commit(repo, "two initiatives")
    (repo / "initiatives.yaml").write_text(
        INITIATIVES.replace("    focus_areas: [a, b]\n", "    focus_areas: [a]\n", 1),
        encoding="utf-8",
    )
    done = invoke(how, repo, "diff", "HEAD", "--format", "json", "--fail-on", "opened-gaps")
    assert done.code == 1, done.stderr
    assert json.loads(done.stdout)["gaps"]["opened"] == ["b"]


@needs_git
@HOW
def test_diff_of_a_revision_without_data_exits_2(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README").write_text("no data here\n", encoding="utf-8")
    commit(repo, "start")
    done = invoke(how, repo, "diff", "HEAD")
    assert done.code == 2
    assert "is not a directory" in done.stderr
    assert "./focus_areas.yaml" in done.stderr


# --- the pre-commit hook, in real git repositories ------------------------------------


def _hook_config() -> str:
    """The repository's own hook (.pre-commit-hooks.yaml) as a local hook of this checkout.

    ``language: system`` with ``python -m gapcheck`` instead of ``language: python``,
    which would install gapcheck and its dependencies from the network. The hook's
    id, entry arguments, ``files`` pattern and ``pass_filenames`` are the file's own.
    """
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "gapcheck-validate"]
    program, *arguments = hook["entry"].split()
    assert program == "gapcheck"
    local = {
        **hook,
        "language": "system",
        "entry": " ".join([sys.executable, "-m", "gapcheck", *arguments]),
    }
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]})


@needs_git
@pytest.mark.parametrize("layout", ["data", "top"])
def test_pre_commit_hook_checks_both_layouts(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pre_commit = components.pre_commit()
    isolate(tmp_path, monkeypatch)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(_hook_config(), encoding="utf-8")
    place = repo / "data" if layout == "data" else repo
    place.mkdir(exist_ok=True)
    (place / "focus_areas.yaml").write_text(AREAS, encoding="utf-8")
    (place / "initiatives.yaml").write_text(BAD_INITIATIVES, encoding="utf-8")
    git(repo, "add", "-A")
    env = process_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "run", "--all-files", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    where = "data/initiatives.yaml" if layout == "data" else "initiatives.yaml"
    assert f"{where}:4:22: GC302 unknown focus area 'nope'" in failed.stdout
    (place / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    git(repo, "add", "-A")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "gapcheck validate" in passed.stdout
    assert "Passed" in passed.stdout
