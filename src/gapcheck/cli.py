"""The ``gapcheck`` command line: thin typer commands over the core.

Each command parses its options, loads the data, calls one analysis, renders the
result and exits with an :class:`~gapcheck.diagnostics.ExitCode`. Heavy modules
(pydantic, networkx, rich) are imported inside the commands that need them, so
that ``--version``, ``--help`` and ``validate`` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from gapcheck import __version__
from gapcheck.diagnostics import ExitCode
from gapcheck.render import OutputFormat, ValidateFormat

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio
    from gapcheck.model import Dataset

app = typer.Typer(
    name="gapcheck",
    help=(
        "Which focus areas are served by too many initiatives, and which by too few?"
        " gapcheck reads focus_areas.yaml and initiatives.yaml from a data directory"
        " (--data, default ./data, else the bundled report dataset) and reports"
        " coverage, gaps and overlaps."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Data directory with focus_areas.yaml and initiatives.yaml."
        " Default: ./data if it exists, else the bundled dataset.",
        show_default=False,
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gapcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Coverage and gap analysis of initiative portfolios."""


# --- shared plumbing ----------------------------------------------------------------


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def _fail(message: str, code: ExitCode) -> NoReturn:
    _err(message)
    raise typer.Exit(int(code))


def _locate(data: Path | None) -> tuple[Path, str]:
    from gapcheck.locate import locate

    directory, label, bundled = locate(data)
    if bundled:
        _err(
            "note: no ./data directory here; using the bundled dataset"
            " (Table 3.2 of the 2009 Region Midtjylland report). Pass --data DIR for your own."
        )
    return directory, label


def _load(data: Path | None) -> Dataset:
    """Load and validate; on invalid data print the problems and exit."""
    from gapcheck.loader import InputError, load_dataset
    from gapcheck.render import text

    directory, label = _locate(data)
    try:
        result = load_dataset(directory, label=label)
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    if result.diagnostics:
        _err(text.problems(result.diagnostics))
    if result.dataset is None:
        _fail(
            f"error: {label} is not valid; run 'gapcheck validate"
            f"{'' if data is None else ' --data ' + os.fspath(data)}' for details",
            ExitCode.FINDINGS,
        )
    return result.dataset


def _portfolio(data: Path | None) -> Portfolio:
    from gapcheck.graph import Portfolio

    return Portfolio(_load(data))


def _use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _width() -> int:
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            return 100
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 20 else 100


def _emit(result: object, fmt: OutputFormat) -> None:
    from gapcheck.render import render

    sys.stdout.write(render(result, fmt, color=_use_color(), width=_width()))


# --- commands -------------------------------------------------------------------------


@app.command()
def validate(
    data: DataOption = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = ValidateFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check the data files and report every problem with file, line and column.

    Exits 0 when valid, 1 when a problem (or, with --strict, a warning) was found,
    2 when the data directory cannot be read.
    """
    from gapcheck.diagnostics import ValidationReport
    from gapcheck.loader import InputError, load_dataset

    directory, label = _locate(data)
    try:
        result = load_dataset(directory, label=label)
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    dataset = result.dataset
    report = ValidationReport(
        data=label,
        diagnostics=tuple(result.diagnostics),
        strict=strict,
        focus_area_count=len(dataset.focus_areas) if dataset else None,
        initiative_count=len(dataset.initiatives) if dataset else None,
    )
    if fmt is ValidateFormat.JSON:
        from gapcheck.render import json

        sys.stdout.write(json.render(report))
    else:
        from gapcheck.render import text

        sys.stdout.write(text.render(report))
    raise typer.Exit(int(ExitCode.OK if report.valid else ExitCode.FINDINGS))


@app.command()
def matrix(data: DataOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Show the coverage matrix: initiatives against focus areas, with totals."""
    from gapcheck.analysis import coverage_matrix

    _emit(coverage_matrix(_portfolio(data)), fmt)


@app.command()
def gaps(
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    min_initiatives: Annotated[
        int,
        typer.Option(
            "--min-initiatives",
            min=1,
            help="A focus area with fewer initiatives is thin (a focus area's own"
            " min_initiatives wins).",
        ),
    ] = 2,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit 1 when any gap is found (for CI).")
    ] = False,
) -> None:
    """List focus areas that no initiative serves (uncovered) or too few serve (thin)."""
    from gapcheck.analysis import find_gaps

    report = find_gaps(_portfolio(data), min_initiatives=min_initiatives)
    _emit(report, fmt)
    if fail and report.gaps:
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
def overlaps(
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    max_share: Annotated[
        float,
        typer.Option(
            "--max-share",
            min=0.0,
            max=1.0,
            help="A focus area served by more than this share of all initiatives is crowded.",
        ),
    ] = 0.5,
    top: Annotated[
        int | None,
        typer.Option("--top", min=0, help="Show only the N most overlapping pairs."),
    ] = None,
) -> None:
    """List crowded focus areas, initiatives with identical focus areas, and overlapping pairs."""
    from gapcheck.analysis import find_overlaps

    _emit(find_overlaps(_portfolio(data), max_share=max_share, top=top), fmt)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        _err("interrupted")
        sys.exit(130)
