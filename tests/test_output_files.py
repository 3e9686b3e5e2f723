"""Files gapcheck writes: whole or not at all, never through a link in the way.

``report`` replaces its output file in one rename; a symbolic link at the output path
is replaced by the report, the file it points to stays as it was. ``init`` never
replaces anything, a dangling link included. Failures are exit 2 with a message, and
no temporary file is ever left behind.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gapcheck import fileio
from gapcheck.cli import app
from gapcheck.fileio import write_atomic

DATA = Path(__file__).resolve().parents[1] / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}
SECRET = "do not overwrite me\n"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def assert_clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def umask() -> int:
    value = os.umask(0o022)
    os.umask(value)
    return value


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file elsewhere that a link points at; it must never change."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    path = elsewhere / "precious.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


# --- report -------------------------------------------------------------------------------


@needs_symlinks
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], "gapcheck-report.html"),
        (["--format", "markdown"], "gapcheck-report.md"),
        (["-o", "out.html"], "out.html"),
    ],
)
def test_report_replaces_a_link_and_leaves_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victim: Path, args: list[str], name: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / name).symlink_to(victim)
    monkeypatch.chdir(work)
    result = run("report", "--data", str(DATA), *args)
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == SECRET
    written = work / name
    assert not written.is_symlink()
    assert stat.S_ISREG(written.lstat().st_mode)
    same_format = [arg for arg in args if arg not in ("-o", "out.html")]
    expected = run("report", "--data", str(DATA), *same_format, "-o", "-")
    assert written.read_text(encoding="utf-8") == expected.stdout
    assert names(work) == {name}  # no temporary file left


@needs_symlinks
def test_report_replaces_a_dangling_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gapcheck-report.html").symlink_to(tmp_path / "nowhere" / "x.html")
    monkeypatch.chdir(tmp_path)
    result = run("report", "--data", str(DATA))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "gapcheck-report.html").is_symlink()
    assert not (tmp_path / "nowhere").exists()
    assert names(tmp_path) == {"gapcheck-report.html"}


def test_report_replaces_a_file_and_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gapcheck-report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    monkeypatch.chdir(tmp_path)
    result = run("report", "--data", str(DATA))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == {"gapcheck-report.html"}


def test_new_report_file_has_the_usual_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("report", "--data", str(DATA)).exit_code == 0
    if os.name == "posix":  # not mkstemp's 0600
        mode = stat.S_IMODE((tmp_path / "gapcheck-report.html").stat().st_mode)
        assert mode == 0o666 & ~umask()


@pytest.mark.parametrize("case", ["missing-folder", "default-is-a-folder", "link-to-a-device"])
def test_report_write_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    monkeypatch.chdir(tmp_path)
    args: list[str] = []
    if case == "missing-folder":
        args = ["-o", str(tmp_path / "no-such-folder" / "report.html")]
    elif case == "default-is-a-folder":
        (tmp_path / "gapcheck-report.html").mkdir()
    else:
        if not hasattr(os, "symlink") or not Path(os.devnull).exists():
            pytest.skip("no symbolic links or no null device")
        (tmp_path / "gapcheck-report.html").symlink_to(os.devnull)
    before = names(tmp_path)
    result = run("report", "--data", str(DATA), *args)
    assert_clean(result)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: cannot write ")
    assert "(--output)" in result.stderr
    assert "hint:" in result.stderr
    assert names(tmp_path) == before  # nothing new, no temporary file


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_report_into_a_read_only_folder_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("report", "--data", str(DATA), "-o", str(folder / "r.html"))
        assert_clean(result)
        assert result.exit_code == 2
        assert "Permission denied" in result.stderr
        assert names(folder) == set()
    finally:
        folder.chmod(0o700)


def test_report_failing_at_the_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gapcheck-report.html"
    target.write_text("old report", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def refuse(source: str, destination: object) -> None:
        raise OSError(errno.EIO, "Input/output error", source)

    monkeypatch.setattr(fileio.os, "replace", refuse)
    result = run("report", "--data", str(DATA))
    assert_clean(result)
    assert result.exit_code == 2
    assert "Input/output error" in result.stderr
    assert target.read_text(encoding="utf-8") == "old report"
    assert names(tmp_path) == {"gapcheck-report.html"}


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null")
def test_report_into_a_device_named_itself() -> None:
    result = run("report", "--data", str(DATA), "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert Path("/dev/null").is_char_device()


# --- init ---------------------------------------------------------------------------------


@needs_symlinks
@pytest.mark.parametrize("dangling", [True, False])
def test_init_refuses_a_link_and_leaves_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victim: Path, dangling: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    link = data / "initiatives.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml" if dangling else victim)
    result = run("init", "data")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr == f"error: refusing to overwrite {Path('data') / 'initiatives.yaml'}\n"
    assert link.is_symlink()
    assert victim.read_text(encoding="utf-8") == SECRET
    assert not (tmp_path / "nowhere.yaml").exists()
    assert names(data) == {"initiatives.yaml"}


def test_init_never_replaces_a_file_that_appears_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    late = data / "initiatives.yaml"
    late.write_text(SECRET, encoding="utf-8")
    # The up-front check misses it, as if it had been created just after.
    monkeypatch.setattr("gapcheck.scaffold.os.path.lexists", lambda path: False)
    result = run("init", "data")
    assert_clean(result)
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert late.read_text(encoding="utf-8") == SECRET
    leftovers = [p.name for p in data.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_init_writes_regular_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "data")
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == [
        "data/focus_areas.yaml",
        "data/initiatives.yaml",
        "data/schema/focus_areas.schema.json",
        "data/schema/initiatives.schema.json",
    ]
    for name in files:
        path = tmp_path / name
        assert stat.S_ISREG(path.lstat().st_mode)
        assert path.stat().st_nlink == 1  # the temporary name is gone
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask()
    assert run("validate", "--data", "data").exit_code == 0


# --- the helper ---------------------------------------------------------------------------


def test_write_atomic_text_and_bytes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "t.txt", "æøå\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "t.txt").read_bytes() == "æøå\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert names(tmp_path) == {"t.txt", "b.bin"}


@needs_symlinks
def test_write_atomic_exclusive_refuses_anything_in_the_way(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "file").write_text(SECRET, encoding="utf-8")
    (tmp_path / "link").symlink_to(victim)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for name in ("file", "link", "dangling"):
        with pytest.raises(FileExistsError) as caught:
            write_atomic(tmp_path / name, "new", exclusive=True)
        assert caught.value.filename == str(tmp_path / name)
    assert (tmp_path / "file").read_text(encoding="utf-8") == SECRET
    assert victim.read_text(encoding="utf-8") == SECRET
    assert not (tmp_path / "nowhere").exists()
    assert names(tmp_path) == {"file", "link", "dangling", "elsewhere"}


def test_write_atomic_exclusive_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, destination: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(fileio.os, "link", no_links)
    write_atomic(tmp_path / "new", "text", exclusive=True)
    assert (tmp_path / "new").read_text(encoding="utf-8") == "text"
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "new", "other", exclusive=True)
    assert (tmp_path / "new").read_text(encoding="utf-8") == "text"
    assert names(tmp_path) == {"new"}


def test_write_atomic_failure_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").write_text("old", encoding="utf-8")

    def broken(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", broken)
    for exclusive, name in ((False, "out"), (True, "new")):
        with pytest.raises(OSError, match="No space left"):
            write_atomic(tmp_path / name, "x" * 100_000, exclusive=exclusive)
    assert (tmp_path / "out").read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == {"out"}


def test_write_atomic_into_a_folder_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "folder", "x")
    assert names(tmp_path) == {"folder"}
    assert names(tmp_path / "folder") == set()
