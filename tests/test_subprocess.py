"""Smoke tests in real processes: ``python -m gapcheck`` and start-up imports.

The source tree's src/ is put first on PYTHONPATH so that these run the code
under test whether or not gapcheck is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gapcheck
from components import missing

SRC = Path(__file__).resolve().parents[1] / "src"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("FORCE_COLOR", None)
    return env


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def gapcheck_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "gapcheck", *args], cwd)


def test_version(tmp_path: Path) -> None:
    result = gapcheck_module("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"gapcheck {gapcheck.__version__}\n"
    assert result.stderr == ""


def test_gaps_on_bundled_data(tmp_path: Path) -> None:
    result = gapcheck_module("gaps", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Specialiserede virksomheder" in result.stdout
    assert "1 gap among 5 focus areas" in result.stdout
    assert "bundled dataset" in result.stderr
    assert "\x1b" not in result.stdout


def test_validate_bad_data_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "focus_areas.yaml").write_text("focus_areas:\n  - id: a\n    name: A\n")
    (bad / "initiatives.yaml").write_text(
        "initiatives:\n  - id: one\n    name: One\n    focus_areas: [a, b]\n"
    )
    result = gapcheck_module("validate", "--data", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad / 'initiatives.yaml'}:4:22: GC302 " in result.stdout


def test_missing_data_dir_exits_2(tmp_path: Path) -> None:
    result = gapcheck_module("matrix", "--data", str(tmp_path / "nope"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no such directory" in result.stderr


# --- what start-up imports ----------------------------------------------------------

PROBE = """\
import sys
sys.argv = ['gapcheck', *sys.argv[1:]]
from gapcheck.cli import main
try:
    main()
except SystemExit:
    pass
WATCHED = ('networkx', 'rich', 'openpyxl', 'docx', 'ruamel.yaml', 'gapcheck.po')
print(sorted(m for m in WATCHED if m in sys.modules))
"""


#: The JSON probes read data of their own: with none, the bundled demo stands in and its
#: note on stderr (a sentence of the catalogue) reads the catalogue.
DATA = os.fspath(SRC.parent / "data")
PROBES: dict[str, list[str]] = {
    "help": ["--help"],
    "version": ["--version"],
    "validate": ["validate"],
    "validate json": ["validate", "-f", "json"],
    "gaps json": ["gaps", "-f", "json", "--data", DATA],
    "overlaps json": ["overlaps", "-f", "json", "--data", DATA],
    "matrix json": ["matrix", "-f", "json", "--data", DATA],
    "gaps csv": ["gaps", "-f", "csv"],
    "matrix table": ["matrix"],
    "export graphml": ["export", "graphml", "-o", "-"],
    "gaps sarif": ["gaps", "-f", "sarif"],
    "report markdown": ["report", "-f", "markdown", "-o", "-"],
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Which of networkx, rich, openpyxl, python-docx, ruamel.yaml and the catalogue's
    reader each probe imported.

    The probes run side by side."""
    cwd = tmp_path_factory.mktemp("probe")  # no ./data: the bundled dataset
    processes = {
        name: subprocess.Popen(
            [sys.executable, "-c", PROBE, *args],
            cwd=cwd,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for name, args in PROBES.items()
    }
    found: dict[str, set[str]] = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        last = stdout.strip().splitlines()[-1]
        assert last.startswith("["), stdout
        found[name] = {m.strip(" '") for m in last.strip("[]").split(",") if m.strip()}
    return found


@pytest.mark.parametrize("probe", ["help", "version", "validate"])
def test_no_networkx(probe: str, imported: dict[str, set[str]]) -> None:
    assert "networkx" not in imported[probe]


def test_only_the_spreadsheet_commands_import_openpyxl(imported: dict[str, set[str]]) -> None:
    assert all("openpyxl" not in modules for modules in imported.values())


def test_only_the_word_report_imports_python_docx(imported: dict[str, set[str]]) -> None:
    assert all("docx" not in modules for modules in imported.values())


def test_only_import_into_data_imports_ruamel_yaml(imported: dict[str, set[str]]) -> None:
    assert all("ruamel.yaml" not in modules for modules in imported.values())


def test_version_imports_neither(imported: dict[str, set[str]]) -> None:
    assert imported["version"] == set()


@pytest.mark.parametrize(
    "probe", ["validate json", "gaps json", "overlaps json", "matrix json", "gaps csv"]
)
def test_machine_formats_do_not_import_rich(probe: str, imported: dict[str, set[str]]) -> None:
    assert "rich" not in imported[probe]


@pytest.mark.parametrize("probe", ["version", "gaps json", "matrix json", "overlaps json"])
def test_no_catalogue_read_without_words(probe: str, imported: dict[str, set[str]]) -> None:
    """The .po files are read when a word is asked for: not for --version or JSON (of the
    user's data; the bundled demo's note is words)."""
    assert "gapcheck.po" not in imported[probe]


def test_probe_sees_imports(imported: dict[str, set[str]]) -> None:
    """The probe can tell: a table imports networkx, rich and the catalogue's reader."""
    assert imported["matrix table"] == {"networkx", "rich", "gapcheck.po"}


# --- the console script -------------------------------------------------------------


def _console_script() -> str | None:
    beside = Path(sys.executable).with_name("gapcheck")
    if beside.is_file():
        return str(beside)
    return shutil.which("gapcheck")


def test_console_script(tmp_path: Path) -> None:
    script = _console_script()
    if script is None:
        missing("no gapcheck console script installed (pip install .)")
    result = run([script, "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("gapcheck ")


def test_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    """`gapcheck overlaps | head -1`: the reader leaves early; gapcheck exits quietly."""
    data = tmp_path / "data"
    data.mkdir()
    areas = "".join(f"  - {{id: a{n}, name: Area {n}}}\n" for n in range(3))
    (data / "focus_areas.yaml").write_text("focus_areas:\n" + areas, encoding="utf-8")
    initiatives = "".join(
        f"  - {{id: i{n}, name: Initiative {n}, focus_areas: [a0, a1]}}\n" for n in range(400)
    )
    (data / "initiatives.yaml").write_text("initiatives:\n" + initiatives, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "gapcheck", "overlaps", "--format", "csv"],
        cwd=tmp_path,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # far less than the ~80,000 rows it writes
        stderr = process.stderr.read().decode("utf-8")
        returncode = process.wait(timeout=60)
    assert first.startswith(b"kind,")
    assert stderr == ""  # no traceback, no "Exception ignored" from the final flush
    assert returncode in (0, 1)  # typer's handling of EPIPE decides which


def test_only_the_command_run_is_built_and_help_still_lists_all(tmp_path: Path) -> None:
    """``cli.main`` builds the one command it runs; a misspelt name still gets the whole
    app's "did you mean" and help, and a command's help and its run are as before."""
    code = (
        "import sys, typer.main\n"
        "from gapcheck import cli\n"
        "built = []\n"
        "real = typer.main.get_command_from_info\n"
        "def spy(command_info, **kw):\n"
        "    built.append(command_info.callback.__name__)\n"
        "    return real(command_info=command_info, **kw)\n"
        "typer.main.get_command_from_info = spy\n"
        "sys.argv = ['gapcheck', 'validate', '--data', sys.argv[1]]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(built, file=sys.stderr)\n"
    )
    data = SRC.parent / "data"
    result = run([sys.executable, "-c", code, str(data)], tmp_path)
    assert "is valid" in result.stdout, result.stderr
    assert result.stderr.strip() == "['validate']"
    misspelt = gapcheck_module("validat", cwd=tmp_path)
    assert misspelt.returncode == 2
    assert "Did you mean 'validate'?" in misspelt.stderr
    listing = gapcheck_module("--help", cwd=tmp_path)
    assert all(name in listing.stdout for name in ("validate", "import", "report", "diff"))
    own = gapcheck_module("import", "--help", cwd=tmp_path)
    assert own.returncode == 0
    assert "Make data files from a spreadsheet" in own.stdout
