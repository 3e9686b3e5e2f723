"""What every test shares.

typer's ``CliRunner.invoke`` builds the click command from the typer app on every call
(``typer.main.get_command``): for gapcheck's commands that costs 14 ms, seven times what
a small command then takes to run, and the suite invokes the CLI in process thousands of
times. A real process builds it once; here each app's command is built once per test
process and reused, as click's own runner reuses a command. Nothing a test checks
changes: the command is the same object typer would build again, and every ``main()``
still makes a fresh context.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import typer.testing

from components import missing
from office import Office, office

if TYPE_CHECKING:
    from playwright.sync_api import Browser

_build = typer.testing._get_command  # the name typer's runner calls
_built: dict[int, tuple[Any, Any]] = {}  # id(app) -> (app, command): the app kept alive


def _command(app: Any) -> Any:
    hit = _built.get(id(app))
    if hit is None or hit[0] is not app:
        hit = _built[id(app)] = (app, _build(app))
    return hit[1]


typer.testing._get_command = _command  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> Office:
    """LibreOffice with one profile per test module (see ``office.py``)."""
    return office(tmp_path_factory.mktemp("office"))


#: The test files that take longest, longest first (per-file totals of ``--durations=0``,
#: docs/performance.md). With ``--dist loadfile`` a file runs on one worker; the
#: workers take files in collection order, so the long ones go first and the short
#: ones fill in behind them, and the two workers finish together.
LONG_FIRST = (
    "test_browser.py",
    "test_golden.py",
    "test_libreoffice.py",
    "test_hardening.py",
    "test_human_scale.py",
    "test_money_report.py",
    "test_one_reader.py",
    "test_progress.py",
    "test_docx.py",
    "test_workbook.py",
    "test_where.py",
    "test_pairs.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long files first (:data:`LONG_FIRST`), then the rest by their number of tests,
    most first (pytest-xdist's own order, switched off by ``--no-loadscope-reorder``
    so that this one counts); a file's tests keep their order."""
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path.name, []).append(item)

    def weight(name: str) -> tuple[int, int]:
        rank = LONG_FIRST.index(name) if name in LONG_FIRST else len(LONG_FIRST)
        return rank, -len(files[name])

    items[:] = [item for name in sorted(files, key=weight) for item in files[name]]


def chromium_executable() -> str | None:
    """Debian's chromium (or any on PATH); None when there is none."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium through Playwright, started once per test module (a start costs
    more than opening a page or printing one to PDF)."""
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is not installed (pip install playwright)")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
    from make_screenshot import LAUNCH_ARGS

    executable = chromium_executable()
    with sync_api.sync_playwright() as playwright:
        if executable is None:
            # Playwright's own download, when `playwright install chromium` put one there.
            bundled = Path(playwright.chromium.executable_path)
            if not bundled.is_file():
                missing("no Chromium: neither 'chromium' on PATH nor /usr/bin/chromium")
            executable = str(bundled)
        launched = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _loads() -> dict[Any, Any]:
    return {}


@pytest.fixture
def cached_loads(monkeypatch: pytest.MonkeyPatch, _loads: dict[Any, Any]) -> None:
    """Each data folder is read once per test process, for the tests that pin what the
    commands show (the golden outputs, the large portfolios): the outputs, not the
    reading, are what they check, and the loader has tests of its own. A folder is
    the same while its files keep their size and time; the patch is undone after the
    test, in both places that call the loader by name."""
    import gapcheck.loader
    import gapcheck.readers.data

    real: Callable[..., Any] = gapcheck.loader.load_dataset

    def load(directory: Path, *args: Any, **kwargs: Any) -> Any:
        folder = Path(directory).resolve()
        files = [folder / name for name in ("focus_areas.yaml", "initiatives.yaml")]
        state = tuple(
            (f.stat().st_mtime_ns, f.stat().st_size) if f.is_file() else None for f in files
        )
        key = (str(folder), state, args, tuple(sorted(kwargs.items())))
        if key not in _loads:
            _loads[key] = real(directory, *args, **kwargs)
        return _loads[key]

    monkeypatch.setattr(gapcheck.loader, "load_dataset", load)
    monkeypatch.setattr(gapcheck.readers.data, "load_dataset", load)
