"""The ``gapcheck`` command line: thin typer commands over the core.

Each command parses its options, loads the data, calls one analysis, renders the
result and exits with an :class:`~gapcheck.diagnostics.ExitCode`. Heavy modules
(pydantic, networkx, rich) are imported inside the commands that need them, so
that ``--version``, ``--help`` and ``validate`` start fast.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from gapcheck import __version__
from gapcheck.diagnostics import ExitCode
from gapcheck.limits import (
    MAX_BYTES,
    MAX_BYTES_LIMIT,
    MAX_MIN_INITIATIVES,
    MAX_MIN_SHARED,
    MAX_TOP,
)
from gapcheck.render import CheckFormat, OutputFormat, ValidateFormat

if TYPE_CHECKING:
    from datetime import date

    from gapcheck.graph import Portfolio
    from gapcheck.loader import LoadResult
    from gapcheck.model import Dataset, Initiative
    from gapcheck.selection import Selection


def _reflow(text: str | None) -> str | None:
    """Help text with each paragraph's line breaks made spaces, so the terminal wraps it.

    (Typer keeps the single line breaks of a docstring's later paragraphs, which
    then break lines mid-sentence.) A paragraph that starts with ``\\b`` keeps its
    lines, as in click.
    """
    if text is None:
        return None
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        paragraph.removeprefix("\b\n")
        if paragraph.startswith("\b\n")
        else " ".join(paragraph.split())
        for paragraph in paragraphs
    )


def _plain_flags(params: list[Any]) -> list[Any]:
    """Flags take no value: show none (typer would show ``<bool>``)."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    """A command whose help wraps its paragraphs and shows no value type for flags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))


class _Group(TyperGroup):
    """The application: the same for ``gapcheck --help``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))


app = typer.Typer(
    name="gapcheck",
    cls=_Group,
    help=(
        "Which focus areas are served by too many initiatives, and which by too few?"
        " gapcheck reads focus_areas.yaml and initiatives.yaml from a data directory"
        " (--data; default ./data, else the current directory if it holds them) and"
        " reports coverage, gaps and overlaps. With no data at all, the read-only"
        " analyses show the bundled demo dataset; checks never use it."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _year_option(flag: str, help: str) -> Any:
    """An option that takes a year, the same range as the data format's years."""
    return typer.Option(flag, min=1000, max=9999, metavar="YEAR", help=help, show_default=False)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Data directory with focus_areas.yaml and initiatives.yaml."
        " Default: ./data if it exists, else . if it holds either file.",
        show_default=False,
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, markdown or csv.",
        case_sensitive=False,
    ),
]
AtOption = Annotated[
    int | None,
    _year_option(
        "--at",
        "Count only the initiatives active in YEAR. Default: this year when the data has"
        " years (a start or end), else every initiative.",
    ),
]
AllYearsOption = Annotated[
    bool,
    typer.Option(
        "--all-years",
        help="Count every initiative, whatever its years (not with --at).",
    ),
]
MinInitiativesOption = Annotated[
    int | None,
    typer.Option(
        "--min-initiatives",
        min=1,
        max=MAX_MIN_INITIATIVES,
        metavar="N",
        help="A focus area with fewer initiatives is thin."
        " Default: the data's thresholds, else 2; a focus area's own min_initiatives wins.",
        show_default=False,
    ),
]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_BYTES_LIMIT,
        metavar="N",
        help="Refuse data files larger than N bytes, before parsing.",
    ),
]


WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        metavar="KEY=VALUE",
        help="Look only at the focus areas whose attribute KEY is VALUE or a list holding it"
        " (case-insensitive; KEY may also be id, name or parent); repeat: all must hold.",
        show_default=False,
    ),
]
WhereInitiativeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where-initiative",
        metavar="KEY=VALUE",
        help="Count only the initiatives whose attribute KEY is VALUE or a list holding it"
        " (KEY may also be id, name or owner); repeat: all must hold.",
        show_default=False,
    ),
]


class RollupPolicy(StrEnum):
    ANY = "any"
    OWN = "own"
    ALL = "all"


RollupOption = Annotated[
    RollupPolicy | None,
    typer.Option(
        "--rollup",
        help="When a parent focus area is served: any (its own marks or any sub-area's),"
        " own (its own marks only), all (its own, or every direct sub-area served)."
        " Default: the data's rollup:, else any.",
        case_sensitive=False,
        show_default=False,
    ),
]


def _selection(
    where: list[str] | None, where_initiative: list[str] | None, rollup: RollupPolicy | None
) -> Selection:
    """The --where, --where-initiative and --rollup options, parsed (exit 2 if malformed)."""
    from gapcheck.selection import Selection

    try:
        return Selection.parse(where or (), where_initiative or (), rollup and rollup.value)  # type: ignore[arg-type]
    except ValueError as exc:
        _fail(f"error: --where: {exc}", ExitCode.USAGE)


class MatrixRows(StrEnum):
    INITIATIVE = "initiative"
    OWNER = "owner"


class Language(StrEnum):
    EN = "en"
    DA = "da"


LangOption = Annotated[
    Language,
    typer.Option(
        "--lang", help="Language of headings, labels and sentences (data is shown as written)."
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        min=0,
        max=MAX_TOP,
        metavar="N",
        help="Show at most N items of each list. Default: the table and Markdown show the"
        " worst few and say how many more there are; JSON, CSV and GitHub show all.",
        show_default=False,
    ),
]
AllOption = Annotated[
    bool,
    typer.Option("--all", help="Show every item of every list, also in the table and Markdown."),
]
IdsOption = Annotated[
    bool,
    typer.Option("--ids", help="Show every id, not only where names repeat."),
]
CheckFormatOption = Annotated[
    CheckFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, markdown, csv, github or sarif (github: GitHub"
        " Actions annotations; sarif: SARIF 2.1.0, for code scanning).",
        case_sensitive=False,
    ),
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
    """A note or problem on stderr; paths, revisions and names in it are shown escaped."""
    from gapcheck.render import safe

    sys.stderr.write(safe.lines(message.rstrip("\n")) + "\n")


def _fail(message: str, code: ExitCode) -> NoReturn:
    _err(message)
    raise typer.Exit(int(code))


def _locate(data: Path | None, *, demo: bool = True) -> tuple[Path, str]:
    """The data directory and its label; exit 2 when none is found and ``demo`` is off.

    ``demo``: the bundled dataset may stand in when no data is found. Only the
    read-only analyses allow it; a check (validate, --fail, diff) never passes on it.
    """
    from gapcheck.locate import NoData, locate

    try:
        directory, label, bundled = locate(data, bundled=demo)
    except NoData as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    if bundled:
        _err(
            "note: no data here (no --data, ./data, ./focus_areas.yaml or ./initiatives.yaml);"
            " using the bundled dataset"
            " (Table 3.2 of the 2009 Region Midtjylland report). Pass --data DIR for your own."
        )
    return directory, label


def _checked(result: LoadResult, label: str, validate_hint: str) -> Dataset:
    """The dataset of a load, or print its problems and exit 1 (2 is for unusable paths)."""
    from gapcheck.render import text

    if result.diagnostics:
        _err(text.problems(result.diagnostics))
    if result.dataset is None:
        _fail(f"error: {label} is not valid; {validate_hint}", ExitCode.FINDINGS)
    return result.dataset


def _load(
    data: Path | None,
    max_bytes: int = MAX_BYTES,
    *,
    demo: bool = True,
    select: Selection | None = None,
) -> Dataset:
    """Load and validate; on invalid data print the problems and exit. ``select``: the
    --where, --where-initiative and --rollup in force."""
    from gapcheck.loader import InputError, load_dataset

    directory, label = _locate(data, demo=demo)
    try:
        result = load_dataset(directory, label=label, max_bytes=max_bytes)
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    option = "" if data is None else " --data " + os.fspath(data)
    dataset = _checked(result, label, f"run 'gapcheck validate{option}' for details")
    return dataset if select is None else select.apply(dataset)


#: Data this large (bytes of YAML) gets a progress display on a terminal.
PROGRESS_BYTES = 2_000_000


@contextmanager
def _steps(data: Path | None, fmt: object) -> Iterator[Callable[[str], None]]:
    """A transient progress display on stderr for long runs on a terminal.

    Yields ``step(description)``. Nothing is shown (and rich is not imported) for
    machine formats, when stderr is not a terminal, or for small data.
    """
    from gapcheck.locate import NoData, locate

    try:
        directory = locate(data)[0]
    except NoData:  # pragma: no cover - locate with the bundled dataset always finds one
        directory = Path(".")
    size = sum(
        (directory / name).stat().st_size
        for name in ("focus_areas.yaml", "initiatives.yaml")
        if (directory / name).is_file()
    )
    human = fmt in (
        OutputFormat.TABLE,
        OutputFormat.MARKDOWN,
        CheckFormat.TABLE,
        CheckFormat.MARKDOWN,
    )
    if not (human and size >= PROGRESS_BYTES and sys.stderr.isatty()):
        yield lambda _description: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from gapcheck.render.table import console_environment

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True, _environ=console_environment()),
        transient=True,
    ) as progress:
        task = progress.add_task(f"{size / 1e6:.0f} MB of YAML", total=None)
        yield lambda description: progress.update(task, description=description)


def this_year() -> int:
    """The current year: the clock is read in one place, :mod:`gapcheck.clock`."""
    from gapcheck import clock

    return clock.this_year()


def today() -> date:
    """Today's date, for acceptances (``accepted: until``); the core takes it as a parameter."""
    from gapcheck import clock

    return clock.today()


def _check_years(at: int | None, all_years: bool) -> None:
    if at is not None and all_years:
        _fail(
            "error: --at YEAR counts one year and --all-years every year; give one of them",
            ExitCode.USAGE,
        )


def _year_counted(datasets: Iterable[Dataset], at: int | None, all_years: bool) -> int | None:
    """The year to count: ``--at``, else none for ``--all-years`` or data without years,
    else this year."""
    from gapcheck.analysis import has_years

    if at is not None or all_years:
        return at
    return this_year() if any(has_years(dataset) for dataset in datasets) else None


def _note_if_nothing_active(portfolio: Portfolio, lang: Language) -> None:
    """Say so on stderr when the year counted has no initiative but the data has some."""
    if portfolio.at is None or portfolio.initiatives or not portfolio.dataset.initiatives:
        return
    from gapcheck.analysis import year_span
    from gapcheck.render import words

    span = year_span(portfolio.dataset)
    if span is not None:
        _err("note: " + words.nothing_active(portfolio.at, span, lang.value))


def _portfolio(
    data: Path | None,
    at: int | None = None,
    max_bytes: int = MAX_BYTES,
    step: Callable[[str], None] | None = None,
    *,
    all_years: bool = False,
    lang: Language = Language.EN,
    demo: bool = True,
    select: Selection | None = None,
) -> Portfolio:
    """The data as a portfolio, taken in the year counted (see :func:`_year_counted`)."""
    from gapcheck.graph import Portfolio

    _check_years(at, all_years)
    if step:
        step("reading and checking the data")
    dataset = _load(data, max_bytes, demo=demo, select=select)
    if step:
        step("building the graph")
    portfolio = Portfolio(dataset, at=_year_counted([dataset], at, all_years))
    _note_if_nothing_active(portfolio, lang)
    return portfolio


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
    # ASCII digits only (int() refuses '²', which isdigit() accepts), and at most five:
    # a width of a million columns, or of 5,000 digits, is no width.
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and len(columns) <= 5 and int(columns) > 20:
        return int(columns)
    return 100


def _limit(limit: int | None, everything: bool) -> int | None:
    """The cap of each list: ``--limit N``, ``--all`` (no cap), or None for the defaults."""
    if limit is not None and everything:
        _fail(
            "error: --limit N shows N items and --all every item; give one of them", ExitCode.USAGE
        )
    if everything:
        from gapcheck.render.caps import ALL

        return ALL
    return limit


def _emit(
    result: object,
    fmt: OutputFormat | CheckFormat,
    lang: Language,
    limit: int | None = None,
    ids: bool = False,
) -> None:
    from gapcheck.render import render

    sys.stdout.write(
        render(
            result,
            OutputFormat(fmt),
            color=_use_color(),
            width=_width(),
            lang=lang.value,
            limit=limit,
            ids=ids or getattr(result, "show_ids", False),
        )
    )


def _relative_to_repository() -> Callable[[str], str]:
    """Paths as GitHub wants them in annotations: relative to the repository's root."""
    root = os.environ.get("GITHUB_WORKSPACE")
    if not root:
        from gapcheck.gitenv import run_git

        try:
            found = run_git(os.getcwd(), "rev-parse", "--show-toplevel")
            top = found.stdout.decode("utf-8", "surrogateescape").strip()
            root = top if found.returncode == 0 and top else os.getcwd()
        except (OSError, ValueError):
            root = os.getcwd()
    base = os.path.realpath(root)

    def relative(path: str) -> str:
        return Path(os.path.relpath(os.path.realpath(path), base)).as_posix()

    return relative


# --- commands -------------------------------------------------------------------------


@app.command(cls=_Command)
def validate(
    data: DataOption = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: text, json, github or sarif (GitHub Actions annotations;"
            " SARIF 2.1.0, for code scanning).",
            case_sensitive=False,
        ),
    ] = ValidateFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
) -> None:
    """Check the data files and report every problem with file, line and column.

    Exits 0 when valid, 1 when a problem (or, with --strict, a warning) was found,
    2 when the data directory cannot be read.
    """
    from gapcheck.diagnostics import ValidationReport
    from gapcheck.loader import InputError, load_dataset

    directory, label = _locate(data, demo=False)  # a check never passes on the demo data
    try:
        result = load_dataset(directory, label=label, max_bytes=max_bytes)
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    from gapcheck.loader import with_stale_acceptances

    result = with_stale_acceptances(result, this_year())  # GC307, as gaps counts
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
    elif fmt is ValidateFormat.GITHUB:
        from gapcheck.render import github, text

        sys.stdout.write(github.validation(report, _relative_to_repository()))
        _err(text.summary(report, lang.value))
    elif fmt is ValidateFormat.SARIF:
        from gapcheck.render import sarif, text

        sys.stdout.write(sarif.validation(report, _relative_to_repository()))
        _err(text.summary(report, lang.value))
    else:
        from gapcheck.render import text

        sys.stdout.write(text.render(report, lang.value))
    raise typer.Exit(int(ExitCode.OK if report.valid else ExitCode.FINDINGS))


@app.command(cls=_Command)
def matrix(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="ROWS",
            help="Rows: initiative (each initiative), owner (the focus areas of all its"
            " initiatives), or a focus-area attribute such as tactics (the focus areas under"
            " each of its values, as the ATT&CK Navigator lays techniques out).",
        ),
    ] = "initiative",
) -> None:
    """Show the coverage matrix: initiatives (or owners) against focus areas, with totals.

    When the focus areas do not fit the terminal as columns, one row per focus area
    instead (--format csv has the full grid).
    """
    from gapcheck.analysis import coverage_matrix, owner_matrix

    cap = _limit(limit, everything)
    with _steps(data, fmt) as step:
        portfolio = _portfolio(
            data,
            at,
            max_bytes,
            step,
            all_years=all_years,
            lang=lang,
            select=_selection(where, where_initiative, rollup),
        )
        result: object
        if by.casefold() in (MatrixRows.INITIATIVE, MatrixRows.OWNER):
            rows = owner_matrix if by.casefold() == MatrixRows.OWNER else coverage_matrix
            result = rows(portfolio)
        else:
            from gapcheck.analysis.grouping import attribute_matrix

            result = attribute_matrix(portfolio, by.casefold())
    _emit(result, fmt, lang, cap, ids)


@app.command(cls=_Command)
def gaps(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    min_initiatives: MinInitiativesOption = None,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit 1 when any gap is found (for CI).")
    ] = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="KEY",
            help="Also count the gaps per value of the focus areas' attribute KEY (e.g."
            " platforms, tactics); a focus area with several values counts under each.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List focus areas that no initiative serves (uncovered) or too few serve (thin).

    The table and Markdown roll up a parent's sub-area gaps into one line and show the
    first 20 rows (--limit N, --all); JSON and CSV list every gap.
    """
    from gapcheck.analysis import find_gaps

    cap = _limit(limit, everything)
    with _steps(data, fmt) as step:
        portfolio = _portfolio(
            data,
            at,
            max_bytes,
            step,
            all_years=all_years,
            lang=lang,
            demo=not fail,
            select=_selection(where, where_initiative, rollup),
        )
        step("finding gaps")
        report = find_gaps(portfolio, min_initiatives=min_initiatives, today=today())
        if by is not None:
            from gapcheck.analysis.grouping import group_gaps

            report = group_gaps(report, portfolio, by)
    if fmt is CheckFormat.GITHUB:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import github, words

        positions = focus_area_positions(portfolio.dataset)
        annotations = github.gaps(
            report, positions, _relative_to_repository(), fail=fail, limit=cap
        )
        sys.stdout.write(annotations)
        _err(words.gaps_summary(report, lang.value))
    elif fmt is CheckFormat.SARIF:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import sarif, words

        positions = focus_area_positions(portfolio.dataset)
        sys.stdout.write(sarif.gaps(report, positions, _relative_to_repository(), fail=fail))
        _err(words.gaps_summary(report, lang.value))
    else:
        _emit(report, fmt, lang, cap, ids)
    if fail and report.failing:  # accepted gaps fail only once their date has passed
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command(cls=_Command)
def overlaps(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    max_share: Annotated[
        float | None,
        typer.Option(
            "--max-share",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="A focus area served by more than this share of all initiatives is"
            " crowded. Default: the data's thresholds, else 0.5.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "--top",
            min=0,
            max=MAX_TOP,
            metavar="N",
            help="Show only the N most overlapping pairs (and at most N of each other list)."
            " Default: the table and Markdown show the top 20 pairs and 10 groups; JSON and"
            " CSV every pair.",
            show_default=False,
        ),
    ] = None,
    min_shared: Annotated[
        int,
        typer.Option(
            "--min-shared",
            min=1,
            max=MAX_MIN_SHARED,
            metavar="K",
            help="Pairs must share at least K focus areas.",
        ),
    ] = 1,
    min_jaccard: Annotated[
        float,
        typer.Option(
            "--min-jaccard",
            min=0.0,
            max=1.0,
            metavar="J",
            help="Pairs must have a Jaccard index of at least J.",
        ),
    ] = 0.0,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """List crowded focus areas, initiatives with identical focus areas, and overlapping pairs.

    When the data has owners, also the focus areas served by several owners
    (coordination needed, and who) and the owners with identical focus areas.

    Pairs are ranked by shared focus areas, then Jaccard index. The table and Markdown
    do not repeat as pairs the initiatives already shown as an identical group.
    """
    from gapcheck.analysis import find_overlaps
    from gapcheck.render import caps, words

    cap = _limit(top, everything)
    human = fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN)
    search = top
    if human and not everything and top is None:
        search = caps.PAIRS  # the people's formats show the top 20: no need for more
    with _steps(data, fmt) as step:
        portfolio = _portfolio(
            data,
            at,
            max_bytes,
            step,
            all_years=all_years,
            lang=lang,
            select=_selection(where, where_initiative, rollup),
        )
        step("finding overlaps")
        result = find_overlaps(
            portfolio,
            max_share=max_share,
            top=search,
            min_shared=min_shared,
            min_jaccard=min_jaccard,
            distinct=human,
        )
    note = words.truncation_note(result, lang.value)
    if note:
        _err(f"note: {note}")
    _emit(result, fmt, lang, cap, ids)


@app.command(cls=_Command)
def timeline(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    first: Annotated[
        int | None,
        _year_option("--from", "First year. Default: the earliest start in the data."),
    ] = None,
    last: Annotated[
        int | None,
        _year_option(
            "--to",
            "Last year. Default: the latest end in the data, or this year if an initiative"
            " is still running.",
        ),
    ] = None,
    min_initiatives: MinInitiativesOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """Show, for each year, how many initiatives serve each focus area (gaps marked).

    When the focus areas do not fit the terminal as columns, one row per focus area
    instead, with the latest years as columns (--format csv has the full grid).
    """
    from gapcheck.analysis import coverage_timeline, default_range

    cap = _limit(limit, everything)
    portfolio = _portfolio(
        data,
        max_bytes=max_bytes,
        all_years=True,
        select=_selection(where, where_initiative, rollup),
    )
    default_first, default_last = default_range(portfolio.dataset, this_year())
    if first is None and last is not None and last < default_first:
        _fail(
            f"error: --to {last} is before the first year of the data, {default_first};"
            " give --from too",
            ExitCode.USAGE,
        )
    first = default_first if first is None else first
    last = max(default_last, first) if last is None else last
    if first > last:
        _fail(f"error: --from {first} is after --to {last}", ExitCode.USAGE)
    _emit(coverage_timeline(portfolio, first, last, min_initiatives), fmt, lang, cap, ids)


class FailOn(StrEnum):
    OPENED_GAPS = "opened-gaps"


@app.command(cls=_Command)
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            help="A data directory, or a git revision (HEAD~1, origin/main, a tag) of the"
            " repository that holds --data; a name that is both is refused: write ./DIR"
            " for the directory.",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            help="The same; default: the data directory as it is now.", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    first: Annotated[
        int | None,
        _year_option("--from", "Compare two years of one dataset: this one ..."),
    ] = None,
    last: Annotated[
        int | None,
        _year_option("--to", "... with this one."),
    ] = None,
    at: Annotated[
        int | None,
        _year_option(
            "--at",
            "Between versions: count both sides in YEAR. Default: this year when the data"
            " has years (a start or end), else every initiative.",
        ),
    ] = None,
    all_years: Annotated[
        bool,
        typer.Option(
            "--all-years",
            help="Between versions: count every initiative on both sides, whatever its"
            " years (not with --at).",
        ),
    ] = False,
    min_initiatives: MinInitiativesOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a gap opened or got worse (thin or weak to uncovered, or fewer"
            " initiatives while below the minimum), unless accepted (for pull-request checks).",
        ),
    ] = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """Show what changed in coverage: between two versions of the data, or two years.

    \b
    gapcheck diff HEAD~1           the data as it is now against the last commit
    gapcheck diff main HEAD        two revisions of the repository holding --data
    gapcheck diff old/ new/        two data directories
    gapcheck diff --from 2019 --to 2024    two years of one dataset

    Versions are compared as of this year when the data has years (--at YEAR for
    another, --all-years for every initiative). Gaps opened and closed, initiatives
    added, removed, started, ended and changed come first; every other edit (names,
    years, notes, sources, thresholds) after the coverage changes.
    """
    import dataclasses

    from gapcheck.analysis import diff_portfolios
    from gapcheck.graph import Portfolio

    cap = _limit(limit, everything)
    years = first is not None or last is not None
    if years:
        if base is not None or head is not None:
            _fail("error: give either BASE [HEAD] or --from/--to, not both", ExitCode.USAGE)
        if first is None or last is None:
            _fail("error: --from and --to go together", ExitCode.USAGE)
        if at is not None or all_years:
            option = "--at" if at is not None else "--all-years"
            _fail(
                f"error: {option} compares versions; it does not go with --from/--to",
                ExitCode.USAGE,
            )
        selection = _selection(where, where_initiative, rollup)
        dataset = _load(data, max_bytes, demo=False, select=selection)
        annotated: Dataset | None = dataset
        report = diff_portfolios(
            Portfolio(dataset, at=first),
            Portfolio(dataset, at=last),
            base_label=f"{dataset.label}@{first}",
            head_label=f"{dataset.label}@{last}",
            min_initiatives=min_initiatives,
            today=today(),
        )
    else:
        if base is None:
            _fail(
                "error: give what to compare: BASE [HEAD] (directories or git revisions),"
                " or --from YEAR --to YEAR",
                ExitCode.USAGE,
            )
        _check_years(at, all_years)
        selection = _selection(where, where_initiative, rollup)
        before = selection.apply(_load_side(base, data, max_bytes))
        after = selection.apply(
            _load(data, max_bytes, demo=False)
            if head is None
            else _load_side(head, data, max_bytes)
        )
        # Annotations point into files only when the head side is files, not a revision.
        annotated = after if head is None or _side_is_directory(head, data) else None
        # Both sides in one year: this year when either side has years, unless told.
        counted = _year_counted([before, after], at, all_years)
        year = "" if counted is None else f"@{counted}"  # say which
        report = diff_portfolios(
            Portfolio(before, at=counted),
            Portfolio(after, at=counted),
            base_label=before.label + year,
            head_label=after.label + year,
            min_initiatives=min_initiatives,
            today=today(),
        )
        if head is None and not Path(base).is_dir():  # a revision against the files as they are
            report = dataclasses.replace(report, head_worktree=True)
    fail = fail_on is FailOn.OPENED_GAPS
    if fmt is CheckFormat.GITHUB:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import github

        relative = _relative_to_repository()
        positions = {} if annotated is None else focus_area_positions(annotated)
        sys.stdout.write(github.diff(report, positions, relative, fail=fail, limit=cap))
    elif fmt is CheckFormat.SARIF:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import sarif

        positions = {} if annotated is None else focus_area_positions(annotated)
        sys.stdout.write(sarif.diff(report, positions, _relative_to_repository(), fail=fail))
    else:
        _emit(report, fmt, lang, cap, ids)
    if fail and report.failing:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (hint: did you mean '{close[0]}'?)" if close else ""


@app.command(cls=_Command)
def whatif(
    without: Annotated[
        list[str] | None,
        typer.Option(
            "--without",
            metavar="ID",
            help="An initiative to remove (its id); repeat for several.",
            show_default=False,
        ),
    ] = None,
    without_owner: Annotated[
        list[str] | None,
        typer.Option(
            "--without-owner",
            metavar="NAME",
            help="Remove every initiative with this owner (exact, any case); repeatable.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    min_initiatives: MinInitiativesOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a gap would open or get worse, unless accepted (for CI).",
        ),
    ] = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """What happens if initiatives stop: the portfolio without them, as a diff against today.

    Gaps opened and closed, coverage changes, and focus areas left with no initiative
    at all, counted in the year counted (this year when the data has years).
    """
    from gapcheck.analysis import what_if

    if not without and not without_owner:
        _fail("error: name what to remove: --without ID or --without-owner NAME", ExitCode.USAGE)
    cap = _limit(limit, everything)
    fail = fail_on is FailOn.OPENED_GAPS
    portfolio = _portfolio(
        data,
        at,
        max_bytes,
        all_years=all_years,
        lang=lang,
        demo=not fail,
        select=_selection(where, where_initiative, rollup),
    )
    items = portfolio.dataset.initiatives
    known = {item.id for item in items}
    removed: list[str] = []
    for item_id in without or []:
        if item_id not in known:
            _fail(
                f"error: --without {item_id}: no initiative has this id"
                + _did_you_mean(item_id, known),
                ExitCode.USAGE,
            )
        removed.append(item_id)
    owners: dict[str, str] = {}  # each owner as first written
    for item in items:
        if item.owner:
            owners.setdefault(item.owner.casefold(), item.owner)
            entry = portfolio.dataset.owner_of(item)  # an owner by id: its name works too
            if entry is not None:
                owners.setdefault(entry.name.casefold(), entry.name)
    for owner in without_owner or []:
        if owner.casefold() not in owners:
            hint = _did_you_mean(owner, owners.values()) if owners else " (the data names no owner)"
            _fail(
                f"error: --without-owner {owner}: no initiative has this owner" + hint,
                ExitCode.USAGE,
            )
        removed += [item.id for item in items if _owned_by(portfolio.dataset, item, owner)]
    report = what_if(portfolio, removed, min_initiatives=min_initiatives, today=today())
    if fmt is CheckFormat.GITHUB:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import github

        positions = focus_area_positions(portfolio.dataset)
        sys.stdout.write(github.diff(report.diff, positions, _relative_to_repository(), fail=fail))
    elif fmt is CheckFormat.SARIF:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import sarif

        positions = focus_area_positions(portfolio.dataset)
        sys.stdout.write(sarif.diff(report.diff, positions, _relative_to_repository(), fail=fail))
    else:
        _emit(report, fmt, lang, cap, ids)
    if fail and report.diff.failing:
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command(cls=_Command)
def critical(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    min_initiatives: MinInitiativesOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """Single points of failure: initiatives whose removal alone opens a gap.

    For each focus area its redundancy (how many qualifying initiatives must go
    before it is a gap); the critical initiatives sorted by the priority of what
    they protect. The table and Markdown show the first 20 (--limit N, --all).
    """
    from gapcheck.analysis import find_critical

    cap = _limit(limit, everything)
    with _steps(data, fmt) as step:
        portfolio = _portfolio(
            data,
            at,
            max_bytes,
            step,
            all_years=all_years,
            lang=lang,
            select=_selection(where, where_initiative, rollup),
        )
        step("finding single points of failure")
        report = find_critical(portfolio, min_initiatives)
    if fmt is CheckFormat.GITHUB:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import github

        positions = focus_area_positions(portfolio.dataset)
        sys.stdout.write(github.critical(report, positions, _relative_to_repository()))
    elif fmt is CheckFormat.SARIF:
        from gapcheck.loader import focus_area_positions
        from gapcheck.render import sarif

        positions = focus_area_positions(portfolio.dataset)
        sys.stdout.write(sarif.critical(report, positions, _relative_to_repository()))
    else:
        _emit(report, fmt, lang, cap, ids)


@app.command(cls=_Command)
def summary(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    min_initiatives: MinInitiativesOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
) -> None:
    """The portfolio in one screen: size, coverage, gaps, overlaps, critical initiatives,
    accepted gaps and portfolio measures (diversity and equality of coverage)."""
    from gapcheck.analysis import summarise_portfolio

    with _steps(data, fmt) as step:
        portfolio = _portfolio(
            data,
            at,
            max_bytes,
            step,
            all_years=all_years,
            lang=lang,
            select=_selection(where, where_initiative, rollup),
        )
        step("summarising")
        result = summarise_portfolio(portfolio, min_initiatives=min_initiatives, today=today())
    _emit(result, fmt, lang)


def _explicit_directory(spec: str) -> bool:
    """``spec`` is written as a path (``./x``, ``../x``, ``/x``, ``x/``): never a revision."""
    seps = {"/", os.sep}
    return (
        spec in (".", "..")
        or spec[:1] in seps
        or spec[:2] in {f".{sep}" for sep in seps}
        or spec[:3] in {f"..{sep}" for sep in seps}
        or spec[-1:] in seps
    )


def _side_is_directory(spec: str, data: Path | None) -> bool:
    """Whether a side of a diff is a data directory (else a git revision).

    A side written as a path is a directory. Otherwise a name that is both an
    existing directory and a revision of the repository holding the data is a usage
    error: a folder ``origin/main/`` added to a pull request must not stand in for
    the revision ``origin/main`` that CI compares against.
    """
    if _explicit_directory(spec):
        return True
    if not spec or not Path(spec).is_dir():  # Path("") is the current directory
        return False
    from gapcheck.gitsource import is_revision
    from gapcheck.locate import NoData, locate

    try:
        directory = locate(data, bundled=False)[0]
    except NoData:
        return True  # no repository to hold a revision
    if is_revision(directory, spec):
        _fail(
            f"error: '{spec}' is both a directory and a git revision; write './{spec}'"
            " for the directory, or remove or rename the directory to compare against"
            " the revision",
            ExitCode.USAGE,
        )
    return True


def _load_side(spec: str, data: Path | None, max_bytes: int) -> Dataset:
    """A side of a diff: a data directory or a git revision (:func:`_side_is_directory`)."""
    from gapcheck.gitsource import load_revision
    from gapcheck.loader import InputError, load_dataset

    try:
        if _side_is_directory(spec, data):
            return _checked(
                load_dataset(Path(spec), label=spec, max_bytes=max_bytes),
                spec,
                f"run 'gapcheck validate --data {spec}' for details",
            )
        from gapcheck.locate import NoData, locate

        try:
            directory = locate(data, bundled=False)[0]
        except NoData:
            _fail(
                f"error: '{spec}' is not a directory; to read it as a git revision, run"
                " gapcheck in the repository that holds the data (./data, or"
                " ./focus_areas.yaml and ./initiatives.yaml) or pass --data DIR",
                ExitCode.USAGE,
            )
        return _checked(
            load_revision(directory, spec, max_bytes=max_bytes),
            spec,
            f"check out '{spec}' and run 'gapcheck validate' for details",
        )
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)


class ReportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


@app.command(cls=_Command)
def report(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write; '-' for standard output. Default: gapcheck-report.html (or .md).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: html or markdown.",
            case_sensitive=False,
        ),
    ] = ReportFormat.HTML,
    lang: LangOption = Language.EN,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV_OR_DIR",
            help="Also show what changed since this git revision or data directory.",
            show_default=False,
        ),
    ] = None,
    min_initiatives: MinInitiativesOption = None,
    max_share: Annotated[
        float | None,
        typer.Option(
            "--max-share",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="Crowded above this share of all initiatives. Default: the data's, else 0.5.",
            show_default=False,
        ),
    ] = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    ids: Annotated[
        bool,
        typer.Option("--ids", help="Show every id, not only where names repeat."),
    ] = False,
) -> None:
    """Write the report for decision-makers: one self-contained HTML page (or Markdown).

    Findings in plain language, the coverage matrix as a heatmap, a bar chart, the
    graph of initiatives and focus areas, the timeline where the data has years, the
    changes since --base, and the evidence and sources of every mark.
    """
    import dataclasses

    from gapcheck.analysis import coverage_timeline, default_range, diff_portfolios, has_years
    from gapcheck.analysis.report import build_report
    from gapcheck.graph import Portfolio
    from gapcheck.i18n import t

    _check_years(at, all_years)
    selection = _selection(where, where_initiative, rollup)
    dataset = _load(data, max_bytes, select=selection)
    before = None if base is None else selection.apply(_load_side(base, data, max_bytes))
    year = _year_counted([dataset] if before is None else [dataset, before], at, all_years)
    portfolio = Portfolio(dataset, at=year)
    _note_if_nothing_active(portfolio, lang)
    timeline = None
    if has_years(dataset):
        first, last = default_range(dataset, this_year())
        timeline = coverage_timeline(Portfolio(dataset), first, last, min_initiatives)
    changes = None
    if before is not None:
        changes = diff_portfolios(
            Portfolio(before, at=year),
            portfolio,
            base_label=before.label,
            head_label=dataset.label,
            min_initiatives=min_initiatives,
        )
        if base is not None and not Path(base).is_dir():  # a revision against the files
            changes = dataclasses.replace(changes, head_worktree=True)
    result = build_report(
        portfolio,
        min_initiatives=min_initiatives,
        max_share=max_share,
        timeline=timeline,
        diff=changes,
        ids=ids,
        today=today(),
    )
    if fmt is ReportFormat.HTML:
        from gapcheck.render import html

        text = html.render(result, lang.value)
    else:
        from gapcheck.render import markdown

        text = markdown.render(result, lang.value)
    if output is not None and str(output) == "-":
        sys.stdout.write(text)
        return
    target = output or Path(
        "gapcheck-report.html" if fmt is ReportFormat.HTML else "gapcheck-report.md"
    )
    from gapcheck.fileio import write_atomic

    try:
        write_atomic(target, text)
    except OSError as exc:
        _fail(
            f"error: cannot write {target} (--output): {exc.strerror or exc}"
            " (hint: choose another file with --output FILE, or -o - for standard output)",
            ExitCode.USAGE,
        )
    _err(t("report.wrote", lang.value, path=target))


class SchemaKind(StrEnum):
    FOCUS_AREAS = "focus-areas"
    INITIATIVES = "initiatives"


def _schema_kind(value: str) -> str:
    """``focus-areas``, also written as the file is named: ``focus_areas(.yaml)``."""
    kind = value.strip().lower().removesuffix(".yaml").removesuffix(".yml").replace("_", "-")
    if kind not in {k.value for k in SchemaKind}:
        raise typer.BadParameter(
            f"'{value}' is not one of focus-areas (focus_areas.yaml), initiatives"
            " (initiatives.yaml)"
        )
    return kind


@app.command(cls=_Command)
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="Which file's schema to print: focus-areas or initiatives"
            " (or as the file is named: focus_areas, initiatives.yaml).",
            callback=_schema_kind,
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema of focus_areas.yaml or initiatives.yaml (for editors)."""
    from gapcheck import schema as schemas

    sys.stdout.write(schemas.render(SchemaKind(kind).value))


@app.command(cls=_Command)
def init(
    directory: Annotated[
        Path, typer.Argument(help="The data directory to create, e.g. data.", show_default=False)
    ],
) -> None:
    """Create a data directory with commented example files (and their schemas) to edit."""
    from gapcheck.loader import InputError
    from gapcheck.scaffold import init_data_dir

    try:
        written = init_data_dir(directory)
    except InputError as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    from gapcheck.render import safe

    for path in written:
        sys.stdout.write(f"created {safe.line(os.fspath(path))}\n")
    option = "" if directory == Path("data") else f" --data {directory}"
    _err(f"next: edit the two YAML files, then run 'gapcheck validate{option}'")


# --- interchange: export to and import from other tools -------------------------------


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    NAVIGATOR = "navigator"
    GRAPHML = "graphml"


EXPORT_DEFAULTS = {
    ExportFormat.XLSX: "gapcheck.xlsx",
    ExportFormat.NAVIGATOR: "gapcheck-layer.json",
    ExportFormat.GRAPHML: "gapcheck.graphml",
}


def _write_output(target: Path, payload: str | bytes, option: str = "--output") -> None:
    """Write an output file through write_atomic ('-': standard output); exit 2 on failure."""
    if str(target) == "-":
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from gapcheck.fileio import write_atomic

    try:
        write_atomic(target, payload)
    except OSError as exc:
        _fail(
            f"error: cannot write {target} ({option}): {exc.strerror or exc}"
            " (hint: choose another file with --output FILE)",
            ExitCode.USAGE,
        )


@app.command(cls=_Command)
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            help="xlsx (a workbook for Excel or LibreOffice), navigator (an ATT&CK"
            " Navigator layer) or graphml (the graph, for Gephi or yEd).",
            case_sensitive=False,
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write; '-' for standard output. Default: gapcheck.xlsx,"
            " gapcheck-layer.json or gapcheck.graphml.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    min_initiatives: MinInitiativesOption = None,
    id_map: Annotated[
        Path | None,
        typer.Option(
            "--id-map",
            help="navigator: a YAML file mapping focus-area ids to ATT&CK technique ids"
            " (mmv: T1059), for ids that are not technique ids themselves.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    weighted: Annotated[
        bool,
        typer.Option(
            "--weighted",
            help="navigator: score by strength (significant 1, partial 0.5, minimal 0.25).",
        ),
    ] = False,
    diff_base: Annotated[
        str | None,
        typer.Option(
            "--diff",
            metavar="BASE",
            help="navigator: a layer of the change since BASE (a data directory or git revision).",
            show_default=False,
        ),
    ] = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
) -> None:
    """Write the portfolio for another tool: Excel, the ATT&CK Navigator, Gephi or yEd.

    The same year and thresholds as the other analyses (this year when the data has
    years; --at, --all-years, --min-initiatives).
    """
    from gapcheck import interchange

    if (id_map is not None or weighted or diff_base is not None) and (
        fmt is not ExportFormat.NAVIGATOR
    ):
        _fail("error: --id-map, --weighted and --diff go with 'export navigator'", ExitCode.USAGE)
    portfolio = _portfolio(
        data,
        at,
        max_bytes,
        all_years=all_years,
        lang=lang,
        select=_selection(where, where_initiative, rollup),
    )
    timeline = fmt is ExportFormat.XLSX
    export_ = interchange.export_of(portfolio, min_initiatives, today(), this_year(), timeline)
    payload: str | bytes
    if fmt is ExportFormat.GRAPHML:
        from gapcheck.render import graphml

        payload = graphml.render(export_)
    elif fmt is ExportFormat.XLSX:
        from gapcheck.render import xlsx

        payload = xlsx.render(export_, lang.value)
    else:
        from gapcheck.render import navigator

        try:
            mapping = interchange.read_id_map(id_map, max_bytes) if id_map else {}
            if diff_base is None:
                payload = navigator.render(export_, mapping, weighted=weighted)
            else:
                from gapcheck.graph import Portfolio

                before = _load_side(diff_base, data, max_bytes)
                base = interchange.export_of(
                    Portfolio(before, at=portfolio.at), min_initiatives, today(), None, False
                )
                payload = navigator.diff(base, export_, mapping, weighted=weighted)
        except interchange.ImportProblem as exc:
            _fail(f"error: {exc}", ExitCode.USAGE)
        except navigator.UnmappedIds as exc:
            shown = ", ".join(exc.ids[:5]) + (
                f" and {len(exc.ids) - 5} more" if len(exc.ids) > 5 else ""
            )
            _fail(
                f"error: an ATT&CK Navigator layer needs technique ids (T1059, T1059.001);"
                f" these focus areas have none: {shown}"
                " (hint: map them with --id-map FILE, a YAML file of 'focus-area-id: T1059' lines)",
                ExitCode.USAGE,
            )
    target = output or Path(EXPORT_DEFAULTS[fmt])
    _write_output(target, payload)
    if str(target) != "-":
        from gapcheck.i18n import t

        _err(t("report.wrote", lang.value, path=target))


class ImportLayout(StrEnum):
    MATRIX = "matrix"
    LONG = "long"


@app.command(cls=_Command)
def compare(
    a: Annotated[
        str | None,
        typer.Argument(
            metavar="[A]",
            help="Data directory of side A (default: --data). With --split, leave out A and B.",
            show_default=False,
        ),
    ] = None,
    b: Annotated[
        str | None,
        typer.Argument(
            metavar="[B]",
            help="Data directory of side B, over the same focus areas as A.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            metavar="KEY[=VALUE]",
            help="Compare one portfolio's initiatives split by an attribute or owner: KEY with"
            " two values (A: the first seen), or KEY=VALUE (A) against the rest (B).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    at: AtOption = None,
    all_years: AllYearsOption = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> None:
    """Compare two portfolios over one catalogue: per focus area, served by both, only A,
    only B, or neither (at the roll-up policy in force).

    A and B are data directories with the same focus areas (e.g. detections and tests
    over ATT&CK), or one portfolio split with --split KEY (e.g. --split kind).
    """
    from gapcheck.analysis.compare import NotComparable, compare_portfolios, split_portfolio
    from gapcheck.graph import Portfolio

    cap = _limit(limit, everything)
    selection = _selection(where, where_initiative, rollup)
    _check_years(at, all_years)
    try:
        if split is not None:
            if b is not None:
                _fail(
                    "error: --split compares one portfolio: give at most one directory",
                    ExitCode.USAGE,
                )
            dataset = _load(Path(a) if a is not None else data, max_bytes, select=selection)
            (a_label, a_data), (b_label, b_data) = split_portfolio(dataset, split)
        else:
            if a is None or b is None:
                _fail(
                    "error: give two data directories A B, or one portfolio with --split KEY",
                    ExitCode.USAGE,
                )
            a_data = _load(Path(a), max_bytes, demo=False, select=selection)
            b_data = _load(Path(b), max_bytes, demo=False, select=selection)
            a_label, b_label = a, b
        counted = _year_counted([a_data, b_data], at, all_years)
        result = compare_portfolios(
            Portfolio(a_data, at=counted),
            Portfolio(b_data, at=counted),
            a_label=a_label,
            b_label=b_label,
        )
    except NotComparable as exc:
        _fail(f"error: {exc}", ExitCode.USAGE)
    _emit(result, fmt, lang, cap, ids)


@app.command(name="import", cls=_Command)
def import_(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="[attack|sigma] FILE...",
            help="The spreadsheet: .xlsx, or .csv (UTF-8; comma, semicolon or tab);"
            " 'attack BUNDLE.json[.gz]': MITRE ATT&CK's STIX 2.1 bundle;"
            " 'sigma PATH...': Sigma rules (*.yml files, or folders of them).",
            show_default=False,
        ),
    ],
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            help="The data directory to write focus_areas.yaml and initiatives.yaml into"
            " (attack: focus_areas.yaml; sigma: initiatives.yaml, over the focus areas there).",
            show_default=False,
            file_okay=False,
        ),
    ],
    layout: Annotated[
        ImportLayout | None,
        typer.Option(
            "--layout",
            help="matrix (names down and across, marks in the cells) or long (one row per"
            " mark). Default: long when the header row has initiative and focus area"
            " columns, else matrix.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="XLSX: the sheet to read. Default: the first.", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace focus_areas.yaml and initiatives.yaml if there."),
    ] = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
) -> None:
    """Make data files from a spreadsheet (XLSX, CSV), ATT&CK's STIX bundle or Sigma rules.

    A matrix (initiatives down the first column, focus areas across the header row, a
    mark in the cells: X, ✓, 1 or a strength: minimal, partial, significant), or a long
    table (one row per mark: initiative, focus area, and optional note, strength,
    start, end, owner, source). Ids are made from the names; each mark's note names its
    cell. Never replaces a file without --force.

    'import attack' makes the focus areas from ATT&CK's STIX bundle (current techniques
    and sub-techniques, with tactics, platforms and groups as attributes); 'import
    sigma' makes the initiatives from Sigma rules, marked by their attack.tNNNN tags.
    """
    if sources[0] in ("attack", "sigma") and not os.path.exists(sources[0]):
        from gapcheck import importers
        from gapcheck.render import safe

        try:
            outcome = importers.run(
                sources[0], [Path(p) for p in sources[1:]], to, force, max_bytes
            )
        except importers.Failed as exc:
            _fail(str(exc), ExitCode(exc.code))
        for target in outcome.written:
            sys.stdout.write(f"created {safe.line(os.fspath(target))}\n")
        for note in outcome.notes:
            _err(safe.line(note))
        if outcome.failed:
            raise typer.Exit(int(ExitCode.FINDINGS))
        return
    if len(sources) > 1:
        _fail(
            "error: import reads one spreadsheet (or 'attack BUNDLE', 'sigma PATH...')",
            ExitCode.USAGE,
        )
    file = Path(sources[0])
    if file.is_dir():
        _fail(f"error: {file} is a directory, not a spreadsheet", ExitCode.USAGE)
    from gapcheck import spreadsheet
    from gapcheck.interchange import ImportProblem

    targets = [to / "focus_areas.yaml", to / "initiatives.yaml"]
    if not force:
        for target in targets:
            if os.path.lexists(target):
                _fail(
                    f"error: {target} exists; import never replaces data"
                    " (hint: --force to replace it, or --to another directory)",
                    ExitCode.USAGE,
                )
    try:
        grid = spreadsheet.read_grid(file, sheet, max_bytes)
        imported = spreadsheet.parse(grid, None if layout is None else layout.value)
        focus_text, initiatives_text = spreadsheet.to_yaml(imported)
    except ImportProblem as exc:
        _fail(
            f"error: {exc}" if exc.usage else f"{exc}\nerror: {file} cannot be imported",
            ExitCode.USAGE if exc.usage else ExitCode.FINDINGS,
        )
    problems = spreadsheet.check(imported, focus_text, initiatives_text)
    if problems:  # placed at the cells; nothing is written
        _fail(
            f"{problems}\nerror: {file} cannot be imported: what it would write does not validate",
            ExitCode.FINDINGS,
        )
    try:
        to.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"error: cannot create {to} (--to): {exc.strerror or exc}", ExitCode.USAGE)
    from gapcheck.fileio import write_all
    from gapcheck.render import safe

    # Both files or neither: a failure half-way leaves the folder as it was.
    try:
        write_all(list(zip(targets, (focus_text, initiatives_text), strict=True)),
                  exclusive=not force)  # fmt: skip
    except FileExistsError as exc:
        _fail(f"error: {exc.filename} exists (hint: --force to replace it)", ExitCode.USAGE)
    except OSError as exc:
        where = exc.filename or to
        _fail(
            f"error: cannot write {where}: {exc.strerror or exc}; nothing was written",
            ExitCode.USAGE,
        )
    for target in targets:
        sys.stdout.write(f"created {safe.line(os.fspath(target))}\n")
    _err(
        f"imported {len(imported.initiatives)} initiatives, {len(imported.areas)} focus areas"
        f" ({imported.layout} layout); next: gapcheck validate --data {to}"
    )


def main() -> None:
    """Console-script entry point."""
    # A short run that builds one large structure: the cyclic garbage collector would
    # rescan the whole, growing heap again and again (seconds at 100,000 initiatives),
    # and reference counting frees what gapcheck makes without it.
    gc.disable()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk shows here, not at exit, past any handler
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        _err("interrupted")
        sys.exit(130)
    except OSError as exc:
        # Input errors are handled where they happen; what is left is the output:
        # standard output on a full disk (ENOSPC) or a failing device (EIO).
        _output_failed(exc)


def _output_failed(exc: OSError) -> NoReturn:
    """Exit 2 with a message when the output cannot be written; never a traceback."""
    with contextlib.suppress(OSError, ValueError):
        # What is still buffered would fail again as Python exits: send it nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    reason = exc.strerror or str(exc)
    where = f" {exc.filename}" if exc.filename else ""
    _err(f"error: cannot write the output{where}: {reason}")
    sys.exit(int(ExitCode.USAGE))


MaxShareOption = Annotated[
    float | None,
    typer.Option(
        "--max-share",
        min=0.0,
        max=1.0,
        metavar="SHARE",
        help="A focus area served by more than this share of all initiatives is"
        " crowded. Default: the data's thresholds, else 0.5.",
        show_default=False,
    ),
]


@app.command(cls=_Command)
def spend(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    at: AtOption = None,
    first: Annotated[
        int | None,
        _year_option("--from", "Count the years from YEAR (with --to: a timeline of money)."),
    ] = None,
    last: Annotated[
        int | None,
        _year_option("--to", "Count the years up to YEAR, inclusive."),
    ] = None,
    max_share: MaxShareOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
) -> None:
    """Money per focus area (direct and with sub-areas), per owner and per year; money
    spent twice on crowded focus areas, and focus areas served without money.

    Without --at, --from or --to: this year when the data has years, else each
    budget once. The table and Markdown show the first 60 focus areas (--limit N,
    --all); JSON and CSV list every one.
    """
    from gapcheck.analysis import default_range, has_years
    from gapcheck.analysis import spend as money

    if at is not None and (first is not None or last is not None):
        _fail(
            "error: --at YEAR counts one year and --from/--to a range; give one of them",
            ExitCode.USAGE,
        )
    with _steps(data, fmt) as step:
        step("reading and checking the data")
        dataset = _load(data, max_bytes, select=_selection(where, where_initiative, rollup))
        dated = has_years(dataset) or any(
            isinstance(item.budget, dict) for item in dataset.initiatives
        )
        years: list[int] | None
        if first is not None or last is not None:
            default_first, default_last = default_range(dataset, this_year())
            first = default_first if first is None else first
            last = max(default_last, first) if last is None else last
            if first > last:
                _fail(f"error: --from {first} is after --to {last}", ExitCode.USAGE)
            years = list(range(first, last + 1))
        elif at is not None:
            years = [at]
        else:
            years = [this_year()] if dated else None
        step("counting money")
        result = money(dataset, years, max_share=max_share)
    _emit(result, fmt, lang, _limit(limit, everything))


def _owned_by(dataset: Dataset, item: Initiative, owner: str) -> bool:
    """``item``'s owner is ``owner`` (any case): its text, or its entry's name."""
    if not item.owner:
        return False
    entry = dataset.owner_of(item)
    names = (item.owner, entry.name) if entry is not None else (item.owner,)
    return any(name.casefold() == owner.casefold() for name in names)
