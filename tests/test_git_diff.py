"""``gapcheck diff``: between two data directories, two git revisions, or two years.

The git tests build real repositories in ``tmp_path`` and run the command in process
(typer's CliRunner), plus one in a real process. Git runs hermetically: no system or
global configuration, an identity from the environment, and no repository search
above ``tmp_path``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from clirun import gapcheck
from gapcheck.cli import app
from gitrepo import commit, git, isolate, needs_git

ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


# --- two versions of one dataset ---------------------------------------------------------

# v1: a, b, c (a sub-area of a); one [a, b] from 2010, two [a], three [c] until 2012.
V1_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
  - id: c
    name: Area C
    parent: a
"""
V1_INITIATIVES = """\
initiatives:
  - id: one
    name: One
    start: 2010
    focus_areas: [a, b]
  - id: two
    name: Two
    focus_areas: [a]
  - id: three
    name: Three
    end: 2012
    focus_areas: [c]
"""
# v2: c removed, d added (uncovered); one renamed and annotated (not a change), two
# gains b, three removed, four added from 2015.
V2_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
  - id: d
    name: Area D
"""
V2_INITIATIVES = """\
initiatives:
  - id: one
    name: One, renamed
    owner: Someone
    start: 2010
    focus_areas:
      - a
      - id: b
        note: a new note
  - id: two
    name: Two
    focus_areas: [a, b]
  - id: four
    name: Four
    start: 2015
    focus_areas: [b]
"""
THIS_YEAR = date.today().year


def now(label: str) -> str:
    """A side's label when the diff counts this year (the default: the data has years)."""
    return f"{label}@{THIS_YEAR}"


# v1 -> v2, counted this year (the default; any year from 2015 gives the same):
#   v1 active: one, two (three ended in 2012); counts a 2, b 1, c 0; gaps b (thin), c
#   v2 active: one, two, four; counts a 2, b 3, d 0; gaps d (uncovered)
#   "one" is renamed, gets an owner and a note: changed, with its fields.
ONE_EDITED: dict[str, Any] = {
    "id": "one",
    "added": [],
    "removed": [],
    "fields": [
        {"field": "name", "before": "One", "after": "One, renamed"},
        {"field": "owner", "before": None, "after": "Someone"},
        {"field": "focus_areas[b].note", "before": None, "after": "a new note"},
    ],
}
V1_TO_V2: dict[str, Any] = {
    "at": THIS_YEAR,
    "base_title": None,
    "head_title": None,
    "min_initiatives": 2,
    "initiatives": {
        "added": ["four"],
        "removed": ["three"],
        "started": [],
        "ended": [],
        "changed": [ONE_EDITED, {"id": "two", "added": ["b"], "removed": [], "fields": []}],
    },
    "focus_areas": {"added": ["d"], "removed": ["c"], "changed": []},
    "thresholds": [],
    "coverage": [
        {"focus_area": "b", "before": 1, "after": 3},
        {"focus_area": "d", "before": None, "after": 0},
        {"focus_area": "c", "before": 0, "after": None},
    ],
    "gaps": {
        "opened": ["d"],
        "closed": ["b", "c"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    },
    "currency": None,
    "spend": None,  # no budgets
}
V1_TO_V2_HEADLINE = (
    "1 gap opened, 2 closed; initiatives: 1 added, 1 removed, 2 changed;"
    " focus areas: 1 added, 1 removed; coverage changed in 3 focus areas."
)
# With --all-years (every initiative, as gapcheck counted before it had a default year):
#   v1 counts a 3 (one, two, three via c), b 1, c 1; v2 as above.
V1_TO_V2_ALL_YEARS: dict[str, Any] = {
    **V1_TO_V2,
    "at": None,
    "coverage": [
        {"focus_area": "a", "before": 3, "after": 2},
        {"focus_area": "b", "before": 1, "after": 3},
        {"focus_area": "d", "before": None, "after": 0},
        {"focus_area": "c", "before": 1, "after": None},
    ],
}
# v2 with d covered twice: relative to v2 only a gap closes.
V3_INITIATIVES = (
    V2_INITIATIVES
    + """\
  - id: five
    name: Five
    focus_areas: [d]
  - id: six
    name: Six
    focus_areas: [d]
"""
)
NO_CHANGE: dict[str, Any] = {
    "at": THIS_YEAR,
    "base_title": None,
    "head_title": None,
    "min_initiatives": 2,
    "initiatives": {"added": [], "removed": [], "started": [], "ended": [], "changed": []},
    "focus_areas": {"added": [], "removed": [], "changed": []},
    "thresholds": [],
    "coverage": [],
    "gaps": {
        "opened": [],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    },
    "currency": None,
    "spend": None,  # no budgets
}


# --- helpers --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def hermetic_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def write_data(directory: Path, focus_areas: str | None, initiatives: str | None) -> Path:
    """Write the two files; ``None`` removes a file."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (("focus_areas.yaml", focus_areas), ("initiatives.yaml", initiatives)):
        if text is None:
            (directory / name).unlink(missing_ok=True)
        else:
            (directory / name).write_text(text, encoding="utf-8")
    return directory


def make_repo(tmp_path: Path, data: str = "data") -> Path:
    """A repository whose ``data`` holds v1 (tagged v1), then v2 (HEAD)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("a repository\n")
    write_data(repo / data, V1_AREAS, V1_INITIATIVES)
    commit(repo, "v1")
    git(repo, "tag", "v1")
    write_data(repo / data, V2_AREAS, V2_INITIATIVES)
    commit(repo, "v2")
    return repo


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def assert_clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def as_csv(result: Result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.stdout)))


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in text")


# --- git revisions ----------------------------------------------------------------------------


@needs_git
@pytest.mark.parametrize("revision", ["HEAD~1", "v1"])
def test_revision_against_the_working_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision: str
) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run("diff", revision, "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {"base": now(revision), "head": now("data"), **V1_TO_V2}
    assert result.stderr == ""


@needs_git
def test_two_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    # An uncommitted edit does not matter when both sides are revisions.
    write_data(repo / "data", V2_AREAS, V3_INITIATIVES)
    result = run("diff", "v1", "HEAD", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {"base": now("v1"), "head": now("HEAD"), **V1_TO_V2}
    # The other way round, everything swaps.
    back = as_json(run("diff", "HEAD", "v1", "--format", "json"))
    assert back["base"] == now("HEAD")
    assert back["head"] == now("v1")
    assert back["initiatives"]["added"] == ["three"]
    assert back["initiatives"]["removed"] == ["four"]
    assert [(c["id"], c["removed"]) for c in back["initiatives"]["changed"]] == [
        ("one", []),
        ("two", ["b"]),
    ]
    assert back["initiatives"]["changed"][0]["fields"][0] == {
        "field": "name",
        "before": "One, renamed",
        "after": "One",
    }
    assert back["gaps"] == {
        "opened": ["b", "c"],
        "closed": ["d"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    # Same revision on both sides: nothing changed.
    same = run("diff", "v1", "v1", "--format", "json")
    assert same.exit_code == 0
    assert as_json(same) == {"base": now("v1"), "head": now("v1"), **NO_CHANGE}


@needs_git
def test_old_versions_are_read_without_checking_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path)
    write_data(repo / "data", V2_AREAS, V3_INITIATIVES)  # an uncommitted edit
    head_before = git(repo, "rev-parse", "HEAD")
    status_before = git(repo, "status", "--porcelain")
    monkeypatch.chdir(repo)
    assert run("diff", "v1", "HEAD").exit_code == 0
    assert run("diff", "HEAD~1").exit_code == 0
    assert git(repo, "rev-parse", "HEAD") == head_before
    assert git(repo, "status", "--porcelain") == status_before == " M data/initiatives.yaml\n"
    assert (repo / "data" / "initiatives.yaml").read_text(encoding="utf-8") == V3_INITIATIVES


@needs_git
def test_uncommitted_edits_are_seen_against_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    clean = run("diff", "HEAD", "--format", "json")
    assert clean.exit_code == 0, clean.output
    assert as_json(clean) == {"base": now("HEAD"), "head": now("data"), **NO_CHANGE}
    assert "No changes." in run("diff", "HEAD").stdout

    write_data(repo / "data", V2_AREAS, V3_INITIATIVES)
    result = run("diff", "HEAD", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {
        **NO_CHANGE,
        "base": now("HEAD"),
        "head": now("data"),
        "initiatives": {
            "added": ["five", "six"],
            "removed": [],
            "started": [],
            "ended": [],
            "changed": [],
        },
        "coverage": [{"focus_area": "d", "before": 0, "after": 2}],
        "gaps": {
            "opened": [],
            "closed": ["d"],
            "opened_accepted": [],
            "worsened": [],
            "worsened_accepted": [],
        },
        "currency": None,
        "spend": None,  # no budgets
    }


# (where the data is in the repository, where gapcheck runs, its arguments, the label of
# the working tree, how messages name the data directory at a revision)
LAYOUTS = [
    # The data directory at the root of the repository, run from the root.
    ("data", ".", [], "data", "data/"),
    # In a sub-folder, named with --data from the root.
    ("sub/data", ".", ["--data", "sub/data"], "sub/data", "sub/data/"),
    # In a sub-folder, found as ./data from the sub-folder.
    ("sub/data", "sub", [], "data", "sub/data/"),
    # The repository root is itself the data directory.
    (".", ".", ["--data", "."], ".", ""),
    # From outside the repository, with an absolute --data.
    ("sub/data", "..", ["--data", "ABS"], "ABS", "sub/data/"),
]


@needs_git
@pytest.mark.parametrize("layout", LAYOUTS, ids=["root", "sub", "sub-cwd", "dot", "outside"])
def test_data_directory_anywhere_in_the_repository(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    layout: tuple[str, str, list[str], str, str],
) -> None:
    where, cwd, args, head_label, display = layout
    repo = make_repo(tmp_path, where)
    absolute = str(repo / where)
    args = [absolute if arg == "ABS" else arg for arg in args]
    head_label = absolute if head_label == "ABS" else head_label
    monkeypatch.chdir(repo / cwd)
    result = run("diff", "v1", *args, "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {"base": now("v1"), "head": now(head_label), **V1_TO_V2}
    # Problems in an old version are named by revision and path in the repository.
    broken_text = V1_INITIATIVES.replace("[c]", "[zz]")
    (repo / where / "initiatives.yaml").write_text(broken_text)
    commit(repo, "broken")
    broken = run("diff", "HEAD", *args)
    assert_clean(broken)
    assert broken.exit_code == 1
    line, column = position(broken_text, "zz")
    assert f"HEAD:{display}initiatives.yaml:{line}:{column}: GC302 " in broken.stderr


@needs_git
def test_unknown_revision_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    # A tree or a blob is not a commit, though git can name it.
    for revision in ("no-such-branch", "HEAD~5", "0123456789abcdef", "HEAD:data", "v1^{tree}"):
        result = run("diff", revision)
        assert_clean(result)
        assert result.exit_code == 2, revision
        assert result.stdout == ""
        assert f"error: unknown revision '{revision}'" in result.stderr
    # A second side that is unknown fails the same way.
    result = run("diff", "v1", "nope")
    assert result.exit_code == 2
    assert "unknown revision 'nope'" in result.stderr


@needs_git
def test_option_like_revision_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run("diff", "--", "--output=x")
    assert_clean(result)
    assert result.exit_code == 2
    assert "is not a git revision" in result.stderr
    assert not (repo / "x").exists()


@needs_git
def test_data_directory_absent_at_revision_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("no data yet\n")
    commit(repo, "first")
    write_data(repo / "data", V1_AREAS, V1_INITIATIVES)
    commit(repo, "add data")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: data/ does not exist at revision 'HEAD~1'" in result.stderr
    # At HEAD it is there.
    assert run("diff", "HEAD").exit_code == 0


@needs_git
def test_data_path_that_was_a_file_at_revision_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "data").write_text("a file, not a directory\n")
    commit(repo, "first")
    (repo / "data").unlink()
    write_data(repo / "data", V1_AREAS, V1_INITIATIVES)
    commit(repo, "data is a directory now")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1")
    assert_clean(result)
    assert result.exit_code == 2
    assert "error: data/ does not exist at revision 'HEAD~1'" in result.stderr


@needs_git
def test_no_git_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    write_data(plain / "data", V1_AREAS, V1_INITIATIVES)
    monkeypatch.chdir(plain)
    result = run("diff", "HEAD~1")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not inside a git repository" in result.stderr
    # Without ./data or --data there is nothing to find a repository by.
    monkeypatch.chdir(tmp_path)
    result = run("diff", "HEAD~1")
    assert_clean(result)
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr


@needs_git
def test_invalid_data_at_revision_exits_1_with_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    bad = V1_INITIATIVES.replace("[c]", "[c, zz]")
    write_data(repo / "data", V1_AREAS, bad)
    commit(repo, "broken")
    git(repo, "tag", "broken")
    write_data(repo / "data", V1_AREAS, V1_INITIATIVES)
    commit(repo, "fixed")
    monkeypatch.chdir(repo)
    line, column = position(bad, "zz")
    for revision in ("broken", "HEAD~1"):
        result = run("diff", revision)
        assert_clean(result)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"{revision}:data/initiatives.yaml:{line}:{column}: GC302 " in result.stderr
        assert f"error: {revision} is not valid" in result.stderr


@needs_git
def test_file_missing_at_revision_is_gc101(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write_data(repo / "data", V1_AREAS, None)
    commit(repo, "half")
    write_data(repo / "data", V1_AREAS, V1_INITIATIVES)
    commit(repo, "whole")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1")
    assert_clean(result)
    assert result.exit_code == 1
    assert "HEAD~1:data/initiatives.yaml:1:1: GC101 " in result.stderr
    assert "focus_areas.yaml" not in result.stderr


@needs_git
def test_fail_on_opened_gaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    # v1 -> v2 opens d: exit 1, and the report is still printed.
    opened = run("diff", "v1", "--fail-on", "opened-gaps")
    assert_clean(opened)
    assert opened.exit_code == 1
    assert V1_TO_V2_HEADLINE in " ".join(opened.stdout.split())  # wrapped at 100 columns
    # Without --fail-on the same diff exits 0.
    assert run("diff", "v1").exit_code == 0
    # Covering d only closes a gap: exit 0.
    write_data(repo / "data", V2_AREAS, V3_INITIATIVES)
    closed = run("diff", "HEAD", "--fail-on", "opened-gaps", "--format", "json")
    assert_clean(closed)
    assert closed.exit_code == 0, closed.output
    assert as_json(closed)["gaps"] == {
        "opened": [],
        "closed": ["d"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    # Nothing changed: exit 0.
    assert run("diff", "HEAD", "HEAD", "--fail-on", "opened-gaps").exit_code == 0
    # An unknown --fail-on value is a usage error.
    assert run("diff", "HEAD", "--fail-on", "closed-gaps").exit_code == 2


@needs_git
def test_at_year_between_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    # In 2011, "four" (from 2015) is not active in v2, so b has 2.
    result = run("diff", "v1", "--at", "2011", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {
        "base": "v1@2011",
        "head": "data@2011",
        "at": 2011,
        "base_title": None,
        "head_title": None,
        "min_initiatives": 2,
        "initiatives": {
            # "four" is in the data: added, though not active yet.
            "added": ["four"],
            "removed": ["three"],
            "started": [],
            "ended": [],
            "changed": V1_TO_V2["initiatives"]["changed"],
        },
        "focus_areas": {"added": ["d"], "removed": ["c"], "changed": []},
        "thresholds": [],
        "coverage": [
            {"focus_area": "a", "before": 3, "after": 2},
            {"focus_area": "b", "before": 1, "after": 2},
            {"focus_area": "d", "before": None, "after": 0},
            {"focus_area": "c", "before": 1, "after": None},
        ],
        "gaps": V1_TO_V2["gaps"],
        "currency": None,
        "spend": None,  # no budgets
    }
    # In 2009, "one" (from 2010) is active on neither side: a drops to 2 in v1, 1 in v2.
    early = as_json(run("diff", "v1", "--at", "2009", "--format", "json"))
    assert early["initiatives"]["added"] == ["four"]
    assert early["coverage"][:2] == [
        {"focus_area": "a", "before": 2, "after": 1},
        {"focus_area": "b", "before": 0, "after": 1},
    ]
    assert early["gaps"] == {
        "opened": ["a", "d"],
        "closed": ["c"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }


@needs_git
def test_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)

    table = run("diff", "v1")
    assert_clean(table)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    # The headline is longer than 100 columns: it wraps onto a second line.
    assert lines[0] == f"Diff · v1 → working tree, as of {THIS_YEAR}"
    assert f"{lines[1]} {lines[2]}" == V1_TO_V2_HEADLINE
    del lines[1:3]
    # An opened gap is a cross, a closed one a tick: no "+" for a problem.
    assert lines[1:10] == [
        "✗ gap opened: Area D",
        "✓ gap closed: Area B",
        "✓ gap closed: Area C",
        "+ initiative added: Four",
        "- initiative removed: Three",
        "~ initiative changed: Two (+Area B)",
        "+ focus area added: Area D",
        "- focus area removed: Area C",
        "Coverage",
    ]
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]] for line in lines if line.startswith("│")
    ]
    # Coverage first, losses first (a new gap, a focus area gone, then a gain), then
    # the other changes, grouped after it.
    assert rows == [
        ["Area D", "–", "0", "new (now a gap)"],
        ["Area C", "0", "–", "gone"],
        ["Area B", "1", "3", "+2"],
        ["One, renamed", "name", "One", "One, renamed"],
        ["One, renamed", "owner", "–", "Someone"],
        ["One, renamed", "focus_areas[b].note", "–", "a new note"],
    ]
    assert "Other changes (names, years, notes, sources, thresholds)" in lines
    every = run("diff", "v1", "--all-years").stdout.splitlines()
    assert every[0] == "Diff · v1 → working tree"
    assert "│ Area A     │      3 │     2 │              -1 │" in every
    assert "\x1b" not in table.stdout

    markdown = run("diff", "v1", "--format", "markdown")
    assert_clean(markdown)
    assert markdown.exit_code == 0
    md = markdown.stdout.splitlines()
    assert md[0] == f"## Diff: v1 → working tree, as of {THIS_YEAR}"
    assert f"**{V1_TO_V2_HEADLINE}**" in md
    assert "- ✗ gap opened: Area D" in md
    assert "- ✓ gap closed: Area B" in md
    assert "- initiative changed: Two (+Area B)" in md
    assert "| Area C | 0 | – | gone |" in md
    assert md.index("### Other changes (names, years, notes, sources, thresholds)") > md.index(
        "| Area C | 0 | – | gone |"
    )
    assert "| One, renamed | owner | – | Someone |" in md

    as_table = as_csv(run("diff", "v1", "--format", "csv"))
    assert as_table == [
        ["kind", "id", "change", "before", "after", "details"],
        ["gap", "d", "opened", "", "", ""],
        ["gap", "b", "closed", "", "", ""],
        ["gap", "c", "closed", "", "", ""],
        ["initiative", "four", "added", "", "", ""],
        ["initiative", "three", "removed", "", "", ""],
        # A cell a spreadsheet would read as a formula starts with ' (docs/json.md).
        ["initiative", "two", "changed", "", "", "'+b"],
        ["focus_area", "d", "added", "", "", ""],
        ["focus_area", "c", "removed", "", "", ""],
        ["initiative", "one", "edited", "One", "One, renamed", "name"],
        ["initiative", "one", "edited", "", "Someone", "owner"],
        ["initiative", "one", "edited", "", "a new note", "focus_areas[b].note"],
        ["coverage", "d", "changed", "", "0", "gap"],
        ["coverage", "c", "changed", "0", "", "drop"],
        ["coverage", "b", "changed", "1", "3", "gain"],
    ]
    # With nothing changed, only the header.
    assert as_csv(run("diff", "HEAD", "--format", "csv")) == [
        ["kind", "id", "change", "before", "after", "details"]
    ]
    assert "**No changes.**" in run("diff", "HEAD", "--format", "markdown").stdout


@needs_git
def test_diff_in_a_real_process(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, "sub/data")
    done = gapcheck("diff", "v1", "--data", "sub/data", "-f", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"base": now("v1"), "head": now("sub/data"), **V1_TO_V2}
    assert done.stderr == ""


# --- two directories ------------------------------------------------------------------------


def test_two_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path / "old", V1_AREAS, V1_INITIATIVES)
    write_data(tmp_path / "new", V2_AREAS, V2_INITIATIVES)
    monkeypatch.chdir(tmp_path)  # not a git repository: directories need none
    result = run("diff", "old", "new", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert as_json(result) == {"base": now("old"), "head": now("new"), **V1_TO_V2}
    # HEAD defaults to ./data.
    write_data(tmp_path / "data", V2_AREAS, V2_INITIATIVES)
    result = run("diff", "old", "--format", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result) == {"base": now("old"), "head": now("data"), **V1_TO_V2}
    # --all-years counts every initiative on both sides, as gapcheck did before.
    every = run("diff", "old", "new", "--all-years", "--format", "json")
    assert as_json(every) == {"base": "old", "head": "new", **V1_TO_V2_ALL_YEARS}
    # --min-initiatives is passed on: with 1, only the uncovered d is a gap in v2 (and
    # c, uncovered in v1 this year since three ended, is gone).
    low = as_json(run("diff", "old", "new", "--min-initiatives", "1", "--format", "json"))
    assert low["min_initiatives"] == 1
    assert low["gaps"] == {
        "opened": ["d"],
        "closed": ["c"],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }
    low = as_json(run("diff", "old", "new", "--min-initiatives", "1", "--all-years", "-f", "json"))
    assert low["gaps"] == {
        "opened": ["d"],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }


def test_two_directories_one_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path / "old", V1_AREAS, V1_INITIATIVES.replace("[c]", "[zz]"))
    write_data(tmp_path / "new", V2_AREAS, V2_INITIATIVES)
    monkeypatch.chdir(tmp_path)
    result = run("diff", "old", "new")
    assert_clean(result)
    assert result.exit_code == 1
    assert f"{Path('old') / 'initiatives.yaml'}:" in result.stderr
    assert "GC302" in result.stderr


# --- two years of one dataset -----------------------------------------------------------------

YEARS_AREAS = """\
focus_areas:
  - id: a
    name: Area A
  - id: b
    name: Area B
"""
YEARS_INITIATIVES = """\
initiatives:
  - id: early
    name: Early
    end: 2012
    focus_areas: [a]
  - id: late
    name: Late
    start: 2013
    focus_areas: [b]
  - id: always
    name: Always
    focus_areas: [a, b]
  - id: mid
    name: Mid
    start: 2011
    end: 2016
    focus_areas: [a]
"""


@pytest.fixture
def years_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_data(tmp_path / "data", YEARS_AREAS, YEARS_INITIATIVES)


@pytest.mark.usefixtures("years_data")
def test_years_exact_json() -> None:
    result = run("diff", "--from", "2010", "--to", "2015", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    # Nothing appears in or disappears from the data between two years of it:
    # initiatives start and end.
    assert as_json(result) == {
        "base": "data@2010",
        "head": "data@2015",
        "at": None,
        "base_title": None,
        "head_title": None,
        "min_initiatives": 2,
        "initiatives": {
            "added": [],
            "removed": [],
            "started": ["late", "mid"],
            "ended": ["early"],
            "changed": [],
        },
        "focus_areas": {"added": [], "removed": [], "changed": []},
        "thresholds": [],
        "coverage": [{"focus_area": "b", "before": 1, "after": 2}],
        "gaps": {
            "opened": [],
            "closed": ["b"],
            "opened_accepted": [],
            "worsened": [],
            "worsened_accepted": [],
        },
        "currency": None,
        "spend": None,  # no budgets
    }
    backwards = as_json(run("diff", "--from", "2015", "--to", "2010", "--format", "json"))
    assert backwards["initiatives"]["started"] == ["early"]
    assert backwards["initiatives"]["ended"] == ["late", "mid"]
    assert backwards["gaps"] == {
        "opened": ["b"],
        "closed": [],
        "opened_accepted": [],
        "worsened": [],
        "worsened_accepted": [],
    }


def test_years_with_data_option(years_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(years_data.parent.parent)
    label = os.path.join(years_data.parent.name, "data")
    result = run("diff", "--data", label, "--from", "2012", "--to", "2013", "--format", "json")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    out = as_json(result)
    assert (out["base"], out["head"]) == (f"{label}@2012", f"{label}@2013")
    assert out["initiatives"] == {
        "added": [],
        "removed": [],
        "started": ["late"],
        "ended": ["early"],
        "changed": [],
    }


@pytest.mark.usefixtures("years_data")
def test_years_table_markdown_and_fail_on() -> None:
    table = run("diff", "--from", "2010", "--to", "2015")
    assert_clean(table)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[:6] == [
        "Diff · data: 2010 → 2015",
        "0 gaps opened, 1 closed; initiatives: 2 started, 1 ended;"
        " coverage changed in 1 focus area.",
        "✓ gap closed: Area B",
        "+ initiative started: Late",
        "+ initiative started: Mid",
        "- initiative ended: Early",
    ]
    markdown = run("diff", "--from", "2010", "--to", "2015", "--format", "markdown")
    assert markdown.stdout.startswith("## Diff: data: 2010 → 2015\n")
    # Going back to 2010 opens b's gap.
    failed = run("diff", "--from", "2015", "--to", "2010", "--fail-on", "opened-gaps")
    assert failed.exit_code == 1
    assert "✗ gap opened: Area B" in failed.stdout
    assert run("diff", "--from", "2010", "--to", "2015", "--fail-on", "opened-gaps").exit_code == 0
    # The same year twice: nothing changed.
    same = run("diff", "--from", "2012", "--to", "2012")
    assert same.exit_code == 0
    assert "No changes." in same.stdout


@pytest.mark.usefixtures("years_data")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2010"], "--from and --to go together"),
        (["--to", "2010"], "--from and --to go together"),
        (["HEAD", "--from", "2010", "--to", "2011"], "not both"),
        (["--from", "2010", "--to", "2011", "--at", "2010"], "--at"),
        (["--from", "2010", "--to", "2011", "--all-years"], "--all-years"),
        (["HEAD", "--at", "2010", "--all-years"], "give one of them"),
        ([], "give what to compare"),
    ],
)
def test_diff_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run("diff", *args)
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize("args", [[""], ["data", ""], ["  "]])
def test_empty_side_is_not_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    write_data(tmp_path / "data", V1_AREAS, V1_INITIATIVES)
    monkeypatch.chdir(tmp_path)
    result = run("diff", *args)
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "is not a git revision" in result.stderr
    assert "GC101" not in result.stderr


def test_names_that_look_like_markup_are_shown_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    areas = 'focus_areas:\n  - id: a\n    name: "Tech [/] x [bold]y"\n'
    write_data(tmp_path / "old", areas, "initiatives: []\n")
    write_data(
        tmp_path / "new",
        areas,
        'initiatives:\n  - id: i\n    name: "I [/]"\n    start: 2000\n    focus_areas: [a]\n',
    )
    monkeypatch.chdir(tmp_path)
    result = run("diff", "old", "new")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert "+ initiative added: I [/]" in result.stdout
    assert "│ Tech [/] x [bold]y │" in result.stdout
    timeline = run("timeline", "--data", "new", "--to", "2000")
    assert_clean(timeline)
    assert timeline.exit_code == 0, timeline.output
    assert "┃ Tech [/] x [bold]y ┃" in timeline.stdout
