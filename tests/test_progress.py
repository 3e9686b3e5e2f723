"""Progress on a terminal's stderr for long runs: never in machine output, never off a terminal."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portfolio over the progress threshold (2 MB of YAML, ``PROGRESS_BYTES``): the
    bundled data and 2.1 MB of comment lines, which count as bytes of YAML but cost
    the reader and the analyses little (a generated 16,000 initiatives took 1.5 s a run)."""
    directory = tmp_path_factory.mktemp("big")
    shutil.copytree(ROOT / "data", directory, dirs_exist_ok=True)
    with (directory / "initiatives.yaml").open("a", encoding="utf-8") as file:
        file.write(("# " + "padding " * 12 + "\n") * 21_000)
    assert sum(f.stat().st_size for f in directory.glob("*.yaml")) > 2_000_000
    return directory


def run_with_terminal_stderr(args: list[str]) -> tuple[str, str, int]:
    """Run gapcheck with stderr on a pseudo-terminal and stdout in a file."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    with (
        tempfile.TemporaryFile() as output,
        subprocess.Popen(
            [sys.executable, "-m", "gapcheck", *args], stdout=output, stderr=terminal, env=env
        ) as process,
    ):
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process is done with it
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=60)
        output.seek(0)
        stdout = output.read().decode("utf-8")
    os.close(controller)
    return stdout, b"".join(chunks).decode("utf-8", "replace"), code


#: What the progress display shows last (it shows each step's description; the last
#: frame is drawn when it stops, however fast the run) and first (the size).
LAST_STEP = "finding gaps"
SIZE = "MB of YAML"


def test_a_table_on_a_terminal_shows_progress(big: Path) -> None:
    stdout, stderr, code = run_with_terminal_stderr(["gaps", "--data", str(big)])
    assert code == 0
    assert LAST_STEP in stderr
    assert LAST_STEP not in stdout
    assert SIZE not in stdout


def test_json_never_shows_progress(big: Path) -> None:
    stdout, stderr, code = run_with_terminal_stderr(
        ["gaps", "--format", "json", "--data", str(big)]
    )
    assert code == 0
    assert stdout.startswith("{")
    assert LAST_STEP not in stderr
    assert SIZE not in stderr


def test_no_progress_when_stderr_is_not_a_terminal(big: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gapcheck", "gaps", "--data", str(big)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert result.returncode == 0
    assert LAST_STEP not in result.stderr
    assert SIZE not in result.stderr
