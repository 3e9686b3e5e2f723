"""Hardened input, part III (issue 18): amplification, reading, sides of a diff, money.

Hostile inputs run in a subprocess under a memory limit (the helpers of
``test_hardening``); each is refused with a located message, never a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gapcheck import fileio, gitsource
from gapcheck.diagnostics import Code
from gapcheck.yamlread import MAX_ALIASED_CHARS, MAX_DISCARDED, Watcher, read_yaml
from gitrepo import commit, git, isolate, needs_git
from test_git_diff import (
    V1_AREAS,
    V1_INITIATIVES,
    V2_AREAS,
    V2_INITIATIVES,
    make_repo,
    run,
    write_data,
)
from test_hardening import (
    AREAS,
    DATA,
    INITIATIVES,
    INITIATIVES_HEAD,
    SRC,
    _limit_memory,
    _problems,
    _run_limited,
    _validate,
    _write,
    initiative,
)

# --- amplification: aliases are counted in characters ----------------------------------


def aliased_text(size: int = 1_000_000, uses: int = 200) -> bytes:
    """A note and a source of ``size`` characters, anchored once, aliased by every initiative.

    Initiative ``n`` (from 0) starts on line 5 + 6n; its source is line 7 + 6n.
    """
    text = "n" * size
    first = (
        f"  - id: i0\n    name: I0\n    source: &s {text}\n"
        f"    focus_areas:\n      - id: talent\n        note: &n {text}\n"
    )
    rest = "".join(
        f"  - id: i{n}\n    name: I{n}\n    source: *s\n"
        f"    focus_areas:\n      - id: talent\n        note: *n\n"
        for n in range(1, uses)
    )
    return (INITIATIVES_HEAD + first + rest).encode()


def test_aliases_are_counted_by_the_characters_they_repeat() -> None:
    text = "a: &a xxxxxxxxxx\nb: [*a, *a]\n"  # 10 characters, repeated twice
    assert read_yaml(text, "f.yaml", max_aliased_chars=20).diagnostics == []
    result = read_yaml(text, "f.yaml", max_aliased_chars=19)
    assert result.value is None
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(2, 9, Code.TOO_COMPLEX)]
    # A collection repeats the text of everything in it, keys included.
    nested = "a: &a {key: [xxxx, yyyy]}\nb: *a\n"
    assert read_yaml(nested, "f.yaml", max_aliased_chars=11).diagnostics == []
    assert read_yaml(nested, "f.yaml", max_aliased_chars=10).value is None


def test_one_aliased_megabyte_may_not_stand_for_gigabytes(tmp_path: Path) -> None:
    # 2 MB of file; expanded, 400 MB (the audit's 1.2 GB report). The budget is passed by
    # the source of the third initiative that aliases the text (i3, line 25).
    _write(tmp_path, AREAS, aliased_text())
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1, process.stderr
    (problem,) = json.loads(process.stdout)["problems"]
    assert (problem["file"].endswith("initiatives.yaml"), problem["line"]) == (True, 25)
    assert problem["code"] == "GC106"
    assert problem["message"] == (
        f"aliases repeat more than {MAX_ALIASED_CHARS:,} characters of text"
    )
    # Within the budget, the same aliases are fine.
    _write(tmp_path, AREAS, aliased_text(size=1_000, uses=200))
    assert _validate(tmp_path).exit_code == 0


# --- no value built under a key known to be wrong --------------------------------------


def test_a_value_under_an_unknown_key_is_not_built() -> None:
    text = "focus_areas: []\njunk: &j [1, 2, {a: 3}]\nalso: *j\n"
    result = read_yaml(text, "f.yaml", watcher=_KnownKeys())
    assert result.value == {"focus_areas": [], "junk": None, "also": None}
    assert result.source.key(("junk",)).line == 2  # the key stays, to be reported
    entries = "focus_areas:\n  - id: a\n    junk: [1, 2]\n    name: A\n"
    result = read_yaml(entries, "f.yaml", watcher=_KnownKeys())
    assert result.value == {"focus_areas": [{"id": "a", "junk": None, "name": "A"}]}


class _KnownKeys(Watcher):
    """Knows 'focus_areas' at the top, and 'id' and 'name' in its entries."""

    def key(self, key: str | int) -> int:
        return 0 if key == "focus_areas" else 1

    def known(self, listed: str | int, key: str | int) -> bool:
        return key in ("id", "name")


TEN_MB = 5_000_000  # "1," five million times


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"focus_areas: []\njunk: [" + b"1," * TEN_MB + b"1]\n", 2),
        (b"focus_areas:\n  - id: a\n    name: A\n    junk: [" + b"1," * TEN_MB + b"1]\n", 4),
        (b"focus_areas: []\njunk:\n" + b"  - 1\n" * (TEN_MB // 3), 2),
    ],
    ids=["top-level-flow", "in-an-entry", "top-level-block"],
)
def test_ten_megabytes_under_an_unknown_key_are_refused_at_once(
    text: bytes, line: int, tmp_path: Path
) -> None:
    _write(tmp_path, text, INITIATIVES)
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1, process.stderr
    problems = json.loads(process.stdout)["problems"]
    assert [p["code"] for p in problems] == ["GC202", "GC109"]
    assert problems[0]["line"] == line  # the key; GC109 where reading stopped
    assert f"more than {MAX_DISCARDED:,} values" in problems[1]["message"]


def test_an_unknown_key_with_a_short_value_is_reported_with_the_rest(tmp_path: Path) -> None:
    areas = b"focus_areas:\n  - id: a\n    name: A\n    junk: [1, 2]\n  - id: B\n    name: B\n"
    _write(tmp_path, areas, b"initiatives: []\n")
    problems = _problems(_validate(tmp_path))
    assert [(p["line"], p["code"]) for p in problems] == [(4, "GC202"), (5, "GC205")]


# --- sides of a diff: a folder never stands in for a revision ---------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with v1 (tag v1), then v2 (HEAD) in ./data, the current directory."""
    isolate(tmp_path, monkeypatch)
    made = make_repo(tmp_path)
    monkeypatch.chdir(made)
    return made


def _repo_with_origin_main(repo: Path) -> None:
    """v1 at ``origin/main``, v2 (which opens a gap) checked out, and a folder
    ``origin/main/`` holding a copy of v2: the pull request of the audit."""
    git(repo, "update-ref", "refs/remotes/origin/main", "v1")
    write_data(repo / "origin" / "main", V2_AREAS, V2_INITIATIVES)


AMBIGUOUS = "'origin/main' is both a directory and a git revision"


@needs_git
@pytest.mark.parametrize(
    "args",
    [
        ["diff", "origin/main", "--fail-on", "opened-gaps"],
        ["diff", "HEAD", "origin/main"],
        ["report", "--base", "origin/main", "-f", "markdown", "-o", "-"],
        ["export", "navigator", "--diff", "origin/main", "-o", "-"],
    ],
    ids=["diff-base", "diff-head", "report-base", "navigator-diff"],
)
def test_a_folder_named_like_a_revision_is_a_usage_error(args: list[str], repo: Path) -> None:
    _repo_with_origin_main(repo)
    result = run(*args)
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert AMBIGUOUS in " ".join(result.stderr.split())
    assert "'./origin/main'" in result.stderr


@needs_git
def test_a_side_written_as_a_path_is_a_folder(repo: Path) -> None:
    _repo_with_origin_main(repo)
    for side in ("./origin/main", "origin/main/", str(repo / "origin" / "main")):
        result = run("diff", side, "--fail-on", "opened-gaps", "-f", "json")
        assert result.exit_code == 0, result.output  # the copy: nothing changed
        assert json.loads(result.stdout)["gaps"]["opened"] == []
    # Without the folder, the revision is read, and the gap it opens fails the check.
    shutil.rmtree(repo / "origin")
    opened = run("diff", "origin/main", "--fail-on", "opened-gaps", "-f", "json")
    assert opened.exit_code == 1, opened.output
    assert json.loads(opened.stdout)["gaps"]["opened"] == ["d"]
    # A path that is not there is not read as a revision either.
    missing = run("diff", "./v1")
    assert missing.exit_code == 2
    assert "no such directory" in missing.stderr


@needs_git
def test_a_folder_that_is_no_revision_needs_no_prefix(repo: Path) -> None:
    write_data(repo / "old", V1_AREAS, V1_INITIATIVES)
    result = run("diff", "old", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gaps"]["opened"] == ["d"]


# --- reading: regular files only, sizes before reads, links inside the data folder ------


def _gapcheck_limited(*args: str) -> subprocess.CompletedProcess[str]:
    """``gapcheck ARGS`` in a subprocess with 1 GiB of memory (and a hang guard)."""
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        capture_output=True,
        text=True,
        timeout=20,  # a hang guard, not a speed test
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"},
        check=False,
    )


def _link_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize("make", [_link_to_zero, _fifo], ids=["link-to-dev-zero", "fifo"])
@pytest.mark.parametrize("command", ["import", "id-map"])
def test_import_and_id_map_read_regular_files_only(
    make: Callable[[Path], None], command: str, tmp_path: Path
) -> None:
    source = tmp_path / ("table.csv" if command == "import" else "map.yaml")
    make(source)
    if command == "import":
        args = ["import", str(source), "--to", str(tmp_path / "out")]
    else:
        args = ["export", "navigator", "--data", str(DATA), "--id-map", str(source), "-o", "-"]
    process = _gapcheck_limited(*args)
    assert "Traceback" not in process.stderr
    assert process.returncode == 2, process.stderr
    assert str(source) in process.stderr
    assert "not a regular file (a pipe, device or socket)" in process.stderr
    assert not (tmp_path / "out").exists()


def test_id_map_over_max_bytes_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text("talent: T1059\n" * 1000)
    data = tmp_path / "data"
    data.mkdir()
    _write(data, AREAS, INITIATIVES)
    result = run("export", "navigator", "--data", str(data), "--id-map", str(source),
                 "--max-bytes", "1000", "-o", "-")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "too large (14,000 bytes; the limit is 1,000)" in result.stderr


SECRET = "focus_areas:\n  - id: secret-from-elsewhere\n    name: TOP SECRET\n"


def test_a_data_file_linking_outside_the_data_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "areas.yaml").write_text(SECRET)
    data = tmp_path / "repo" / "data"
    data.mkdir(parents=True)
    (data / "focus_areas.yaml").symlink_to("../../elsewhere/areas.yaml")
    (data / "initiatives.yaml").write_bytes(b"initiatives: []\n")
    for fmt in ("text", "json", "github"):
        result = _validate(data) if fmt == "json" else run("validate", "--data", str(data),
                                                          "-f", fmt)  # fmt: skip
        assert result.exit_code == 2, result.output
        assert "a symbolic link to a file outside the data directory" in result.stderr
        assert "secret" not in result.output.lower()
    # A link that stays inside the folder is read.
    (data / "areas").mkdir()
    (data / "areas" / "all.yaml").write_text(AREAS.decode())
    (data / "focus_areas.yaml").unlink()
    (data / "focus_areas.yaml").symlink_to("areas/all.yaml")
    assert _validate(data).exit_code == 0


@needs_git
def test_a_blob_over_max_bytes_is_never_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = gitsource.run_git

    def spy(directory: Path | str, *args: str) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(directory, *args)

    monkeypatch.setattr(gitsource, "run_git", spy)
    result = run("diff", "v1", "--max-bytes", "100")
    assert result.exit_code == 1, result.output
    assert "v1:data/focus_areas.yaml:1:1: GC102 the file is too large" in result.stderr
    assert not [args for args in calls if args[:2] == ("cat-file", "blob")]
    calls.clear()
    assert run("diff", "v1").exit_code == 0
    assert len([args for args in calls if args[:2] == ("cat-file", "blob")]) == 2


@needs_git
def test_a_committed_link_is_not_followed(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(SECRET)
    (repo / "data" / "focus_areas.yaml").unlink()
    (repo / "data" / "focus_areas.yaml").symlink_to("../../elsewhere.yaml")
    commit(repo, "a link out of the repository")
    for args in (["diff", "HEAD", "v1"], ["diff", "v1"], ["validate"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "secret" not in result.output.lower()
    assert "HEAD:data/focus_areas.yaml is a symbolic link at that revision" in " ".join(
        run("diff", "HEAD", "v1").stderr.split()
    )


# --- money: read from the text, exactly --------------------------------------------------


def _money(tmp_path: Path, budget: str, currency: str = "DKK") -> Path:
    _write(tmp_path, AREAS, initiative(f"budget: {budget}").replace(
        b"initiatives:", f"currency: {currency}\ninitiatives:".encode(), 1))  # fmt: skip
    return tmp_path


@pytest.mark.parametrize(
    ("written", "exact"),
    [
        ("900000000000000.03", "900000000000000.03"),
        ("999_999_999_999_999.99", "999999999999999.99"),
        ("0.1", "0.10"),
    ],
)
def test_amounts_are_read_from_their_text(written: str, exact: str, tmp_path: Path) -> None:
    directory = _money(tmp_path, written)
    result = run("spend", "--data", str(directory), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == exact


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1000000000000000.01", "a budget must be an amount from 0 to 10^15"),
        ("1e16", "a budget must be an amount from 0 to 10^15"),
        ("1.125", "the amount 1.125 has more decimals than the currency's minor unit (2)"),
        ("{2010: 0.001}", "the amount 0.001 has more decimals"),
    ],
)
def test_amounts_past_the_currency_or_the_limit_are_placed(
    written: str, message: str, tmp_path: Path
) -> None:
    problems = _problems(_validate(_money(tmp_path, written)))
    # The budget is line 8 of initiative(), one lower for the currency line.
    assert [(p["line"], p["code"]) for p in problems] == [(9, "GC209")]
    assert message in problems[0]["message"]
    assert written.strip("{}").split(": ")[-1] in problems[0]["message"]  # as written


# --- import: placed at the cell, all or nothing -------------------------------------------

LONG = "initiative,focus area,start,end\nFund,Talent,2010,2012\n"


def test_what_import_would_write_invalid_is_placed_at_the_cell(tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text("initiative,focus area,start,end\nFund,Talent,2010,2012\n"
                      "Council,Talent,2010,2005\n")  # fmt: skip
    target = tmp_path / "out"
    result = run("import", str(source), "--to", str(target))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "plan.csv!A3: GC305 end 2005 is before start 2010"
        " (hint: swap the two years, or correct one of them)"
    )
    assert lines[-1].endswith("cannot be imported: what it would write does not validate")
    assert "tmp" not in result.stderr.replace(str(tmp_path), "")  # no temporary file named
    assert not target.exists()
    danish = run("import", str(source), "--to", str(target), "--lang", "da")
    assert danish.exit_code == 1, danish.output
    assert danish.stderr.splitlines()[0] == (
        "plan.csv!A3: GC305 slut 2005 ligger før start 2010"
        " (tip: byt om på de to år, eller ret et af dem)"
    )


def test_import_force_replaces_both_files_or_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(LONG)
    target = tmp_path / "out"
    target.mkdir()
    _write(target, AREAS, INITIATIVES)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    # The second file cannot be put in place: the first is put back.
    real = os.replace
    calls: list[str] = []

    def failing(source: str, destination: str | Path) -> None:
        calls.append(str(destination))
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error", str(destination))
        real(source, destination)

    monkeypatch.setattr(fileio.os, "replace", failing)
    result = run("import", str(source), "--to", str(target), "--force")
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before  # no temporary left
    # A target that cannot be replaced stops the import before anything is written.
    (target / "initiatives.yaml").unlink()
    (target / "initiatives.yaml").mkdir()
    result = run("import", str(source), "--to", str(target), "--force")
    assert result.exit_code == 2, result.output
    assert (target / "focus_areas.yaml").read_bytes() == before["focus_areas.yaml"]
    assert sorted(p.name for p in target.iterdir()) == ["focus_areas.yaml", "initiatives.yaml"]
    # When all goes well, both are replaced.
    (target / "initiatives.yaml").rmdir()
    assert run("import", str(source), "--to", str(target), "--force").exit_code == 0
    assert b"council" not in (target / "initiatives.yaml").read_bytes()
    assert b"id: fund" in (target / "initiatives.yaml").read_bytes()


def test_write_all_never_leaves_half(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    second.symlink_to("nowhere")  # something is there: exclusive fails on it
    with pytest.raises(FileExistsError):
        fileio.write_all([(first, "new"), (second, "new")], exclusive=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]
    second.unlink()
    fileio.write_all([(first, "one"), (second, "two")], exclusive=True)
    assert (first.read_text(), second.read_text()) == ("one", "two")
    first.chmod(0o600)
    fileio.write_all([(first, "uno"), (second, "dos")])
    assert (first.read_text(), second.read_text()) == ("uno", "dos")
    assert first.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


# --- output: a full disk is a message -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "-f", "table"],
        ["gaps", "-f", "json"],
        ["validate"],
        ["report", "-f", "markdown", "-o", "-"],
        ["export", "xlsx", "-o", "-"],
    ],
)
@pytest.mark.skipif(
    not Path("/dev/full").exists() and os.environ.get("CI") != "true",
    reason="no /dev/full (a device of Linux)",
)
def test_a_full_disk_on_standard_output_is_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [sys.executable, "-m", "gapcheck", *args, "--data", str(DATA)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"},
            check=False,
        )
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines()[-1] == (
        "error: cannot write the output: No space left on device"
    )
    assert process.returncode == 2
