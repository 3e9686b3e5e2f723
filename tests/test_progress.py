"""Progress on a terminal's stderr for long runs: never in machine output, never off a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portfolio over the progress threshold (2 MB of YAML)."""
    directory = tmp_path_factory.mktemp("big")
    generate(directory, 16_000, 400, seed=3)
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


def test_a_table_on_a_terminal_shows_progress(big: Path) -> None:
    stdout, stderr, code = run_with_terminal_stderr(["gaps", "--data", str(big)])
    assert code == 0
    assert "reading and checking the data" in stderr
    assert "reading" not in stdout


def test_json_never_shows_progress(big: Path) -> None:
    stdout, stderr, code = run_with_terminal_stderr(
        ["gaps", "--format", "json", "--data", str(big)]
    )
    assert code == 0
    assert stdout.startswith("{")
    assert "reading and checking" not in stderr


def test_no_progress_when_stderr_is_not_a_terminal(big: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gapcheck", "gaps", "--data", str(big)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert result.returncode == 0
    assert "reading and checking" not in result.stderr
