"""Make docs/report.png, the README's picture of the report of the bundled dataset.

    python docs/make_screenshot.py [--lang en|da] [--output docs/report.png]
    python docs/make_screenshot.py --large      # docs/report-large.png

``--large`` photographs the report of a large, real portfolio instead: Atomic Red
Team's 1,790 tests against 691 ATT&CK techniques, from ``shared/data/atomic-red-team``
beside the repository (or ``--data DIR``), into ``docs/report-large.png``.

Renders ``gapcheck report`` of the bundled dataset (in an empty directory, so that
no ./data is picked up) and photographs its top in headless Chromium at 1100 CSS
pixels wide. Needs Playwright and a Chromium: Debian's ``chromium`` on PATH or at
/usr/bin/chromium, else Playwright's own (``playwright install chromium``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIDTH = 1100
HEIGHT = 2400  # the top of the page: findings, matrix, bar chart and graph
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


ATOMIC = REPO.parent / "shared" / "data" / "atomic-red-team"
LARGE_HEIGHT = 1800  # the first screens: summary, the worst findings, the matrix's top


def render(directory: Path, lang: str, data: Path | None = None) -> Path:
    """The report of ``data`` (default: the bundled dataset), written by the gapcheck
    of this source tree."""
    target = directory / "report.html"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")])
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gapcheck",
            "report",
            "--lang",
            lang,
            "-o",
            str(target),
            *(["--data", str(data)] if data is not None else []),
        ],
        cwd=directory,
        env=env,
        check=True,
    )
    return target


def screenshot(page_file: Path, output: Path, *, width: int = WIDTH, height: int = HEIGHT) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route(
            lambda url: not url.startswith(("file:", "data:", "about:")),
            lambda route: route.abort(),
        )
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        full = int(page.evaluate("document.documentElement.scrollHeight"))
        page.screenshot(
            path=str(output),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": min(height, full)},
        )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "da"), default="en")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--height", type=int, default=None, help="clip to this many pixels")
    parser.add_argument("--large", action="store_true", help="the large, real portfolio")
    parser.add_argument("--data", type=Path, default=None, help="report this data directory")
    options = parser.parse_args()
    data = options.data or (ATOMIC if options.large else None)
    large = options.large or options.data is not None
    output = options.output or REPO / "docs" / ("report-large.png" if large else "report.png")
    height = options.height or (LARGE_HEIGHT if large else HEIGHT)
    with tempfile.TemporaryDirectory() as directory:
        if data is not None:  # a copy, so that the page names it without this machine's path
            shutil.copytree(data, Path(directory) / data.name)
            data = Path(data.name)
        page_file = render(Path(directory), options.lang, data)
        screenshot(page_file, output, height=height)
    options.output = output
    size = options.output.stat().st_size
    print(f"wrote {options.output} ({size // 1024} KB)")


if __name__ == "__main__":
    main()
