"""The ``gapcheck`` command line: thin typer commands over the core.

Each command parses its options, loads the data, calls one analysis, renders the
result and exits with an :class:`~gapcheck.diagnostics.ExitCode`. Heavy modules
(pydantic, networkx, rich) are imported inside the commands that need them, so
that ``--version``, ``--help`` and ``validate`` start fast.
"""

import contextlib
import copy
import functools
import gc
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar, cast, get_args

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
from gapcheck.listener import Listener
from gapcheck.render import CheckFormat, OutputFormat, ValidateFormat

if TYPE_CHECKING:
    from datetime import date

    from gapcheck.analysis.timeline import YearSpan
    from gapcheck.api import ImportOutcome, InvalidData
    from gapcheck.diagnostics import Diagnostic
    from gapcheck.graph import Portfolio
    from gapcheck.i18n import Lang
    from gapcheck.listener import Merge
    from gapcheck.model import Dataset
    from gapcheck.selection import Selection

F = TypeVar("F", bound=Callable[..., Any])


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


class _Plain:
    """Help that wraps its paragraphs and shows no value type for flags."""

    help: str | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))  # type: ignore[misc]


class _Command(_Plain, TyperCommand):
    """A command, with :class:`_Plain` help."""


class _Group(_Plain, TyperGroup):
    """The application: the same for ``gapcheck --help``."""


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
        help="Data directory with focus_areas.yaml and initiatives.yaml, or an Excel"
        " workbook (.xlsx). Default: ./data if it exists, else . if it holds either file.",
        show_default=False,
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
) -> "Selection":
    """The --where, --where-initiative and --rollup options, parsed (exit 2 if malformed)."""
    from gapcheck.selection import Selection

    try:
        return Selection.parse(where or (), where_initiative or (), rollup and rollup.value)  # type: ignore[arg-type]
    except ValueError as exc:
        _fail("error.where", ExitCode.USAGE, reason=exc)


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


# --- options shared by several commands -------------------------------------------------
#
# A group of options is declared once, as the parameters of a builder function; a
# command's parameter annotated with the group (``chosen: ChosenOptions``) stands for
# those options: typer sees them in its place (in --help too), and the command gets
# what the builder returns. A builder's parameters may be groups themselves.

#: The builders of the option groups, in the order they are declared.
_BUILDERS: list[Callable[..., Any]] = []


def _spread(command: F) -> F:
    """``command`` with each option group among its parameters spread out into the
    options its builder declares (every parameter keyword-only: typer passes keywords)."""
    signature = inspect.signature(command)
    groups: dict[str, tuple[Callable[..., Any], list[str]]] = {}
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        build = next((b for b in _BUILDERS if b in get_args(param.annotation)[1:]), None)
        inner = [param] if build is None else list(inspect.signature(build).parameters.values())
        if build is not None:
            groups[param.name] = (build, [option.name for option in inner])
        params += (option.replace(kind=inspect.Parameter.KEYWORD_ONLY) for option in inner)

    @functools.wraps(command)
    def run(**given: Any) -> Any:
        # The language of the command's --lang; an option group without one (--where)
        # keeps the command's.
        lang = given.get("lang")
        token = _LANG.set(lang.value) if isinstance(lang, Language) else None
        # A check's --format github or sarif: invalid data is annotated too (_errors).
        check = given.get("fmt")
        annotating = _ANNOTATE.set(check if isinstance(check, CheckFormat) else None)
        try:
            for name, (build, options) in groups.items():
                given[name] = build(**{option: given.pop(option) for option in options})
            return command(**given)
        finally:
            _ANNOTATE.reset(annotating)
            if token is not None:
                _LANG.reset(token)

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {param.name: param.annotation for param in params}
    return cast(F, run)


def _group(build: F) -> F:
    """An option group: ``build``'s parameters are its options."""
    spread = _spread(build)
    _BUILDERS.append(spread)
    return spread


class Chosen(NamedTuple):
    """Which data a command reads and what of it: --data, --where, --where-initiative,
    --rollup, --max-bytes; with :data:`CountedOptions`, the year counted (--at, --all-years)."""

    data: Path | None
    select: "Selection"
    max_bytes: int = MAX_BYTES
    at: int | None = None
    all_years: bool = False

    def reading(self) -> dict[str, Any]:
        """How the API is to read the data: the keywords its functions take."""
        return {
            "at": self.at,
            "all_years": self.all_years,
            "max_bytes": self.max_bytes,
            "select": self.select,
        }


@_group
def _chosen(
    data: DataOption = None,
    where: WhereOption = None,
    where_initiative: WhereInitiativeOption = None,
    rollup: RollupOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
) -> Chosen:
    return Chosen(data, _selection(where, where_initiative, rollup), max_bytes)


ChosenOptions = Annotated[Chosen, _chosen]


@_group
def _counted(
    chosen: ChosenOptions, at: AtOption = None, all_years: AllYearsOption = False
) -> Chosen:
    return chosen._replace(at=at, all_years=all_years)


CountedOptions = Annotated[Chosen, _counted]


class Shown(NamedTuple):
    """How a result is shown: --lang, the cap of each list (--limit N, --all), --ids."""

    lang: Language = Language.EN
    limit: int | None = None
    ids: bool = False


@_group
def _shown(
    lang: LangOption = Language.EN,
    limit: LimitOption = None,
    everything: AllOption = False,
    ids: IdsOption = False,
) -> Shown:
    return Shown(lang, _limit(limit, everything), ids)


ShownOptions = Annotated[Shown, _shown]


def _command(name: str | None = None) -> Callable[[F], F]:
    """A command of the app: its help reflowed (:class:`_Command`), its option groups spread."""

    def register(command: F) -> F:
        app.command(name=name, cls=_Command)(_spread(command))
        return command

    return register


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


#: The language of the command running: its --lang, else English. The command line's
#: own sentences (errors, notes, next steps) are said in it.
_LANG: ContextVar["Lang"] = ContextVar("gapcheck_cli_lang", default="en")
#: The running check's --format (gaps, critical, diff, whatif), if it has one.
_ANNOTATE: ContextVar[CheckFormat | None] = ContextVar("gapcheck_cli_check", default=None)


def _err(message: str) -> None:
    """A note or problem on stderr; paths, revisions and names in it are shown escaped.
    ``message`` is already words of the catalogue: :func:`_say` says one by its key."""
    from gapcheck.render import safe

    sys.stderr.write(safe.lines(message.rstrip("\n")) + "\n")


def _said(key: str, /, **values: object) -> str:
    """The catalogue's sentence ``key`` in the command's language."""
    from gapcheck.i18n import said

    return said(key, _LANG.get(), **values)


def _say(key: str, /, **values: object) -> None:
    """The catalogue's sentence ``key`` on stderr, in the command's language."""
    _err(_said(key, **values))


def _fail(key: str, code: ExitCode, /, **values: object) -> NoReturn:
    """Say ``key`` (an ``error.*`` sentence) and exit with ``code``."""
    _say(key, **values)
    raise typer.Exit(int(code))


class _Stderr(Listener):
    """What the API tells, as the command line says it: notes and problems on stderr,
    the files it creates on stdout; a progress step to ``step``."""

    def __init__(
        self, lang: "Language | None" = None, step: Callable[[str], None] | None = None
    ) -> None:
        self.lang = lang or Language(_LANG.get())
        self._step = step

    def problems(self, diagnostics: Sequence["Diagnostic"]) -> None:
        _err(_problems(diagnostics))

    def bundled(self) -> None:
        _say("note.bundled")

    def nothing_active(self, year: int, span: "YearSpan") -> None:
        from gapcheck.render import words

        _say("note", text=words.nothing_active(year, span, self.lang.value))

    def step(self, description: str) -> None:
        if self._step is not None:
            self._step(description)

    def created(self, path: Path) -> None:
        from gapcheck.render import safe

        _out(_said("out.created", path=safe.line(os.fspath(path))) + "\n")

    def updated(self, path: Path) -> None:
        from gapcheck.render import safe

        _out(_said("out.updated", path=safe.line(os.fspath(path))) + "\n")

    def merging(self, merge: "Merge") -> None:
        from gapcheck.render import safe

        folder, changed = safe.line(os.fspath(merge.folder)), len(merge.changes)
        line = _said(
            "out.changes" if merge.final else "out.would_change", folder=folder, count=changed
        )
        _out(line + "\n")
        lang = _LANG.get()
        _out("".join(f"  {safe.line(line.text(lang))}\n" for line in merge.changes))
        counts = ", ".join(_kept(what, count) for what, count in merge.kept.items() if count)
        if counts:
            _out(_said("out.kept", counts=counts) + "\n")
        if merge.lose:
            from gapcheck.api import WouldLose

            _say("note", text=WouldLose(merge.folder, merge.lose))


def _kept(what: str, number: int) -> str:
    """``3 notes``, ``1 note``: how many of ``what`` (budgets, owners, years, notes) an
    import keeps, in the command's language."""
    from gapcheck.i18n import count

    return count(what.removesuffix("s"), number, _LANG.get())


def _problems(diagnostics: Sequence["Diagnostic"]) -> str:
    """Problems of the data, a line each, for stderr, in the command's language (as
    ``validate`` says them; a message the catalogue lacks in English, its code documented)."""
    from gapcheck.render import text
    from gapcheck.views import Options, validate

    return text.render(validate.problems(diagnostics, Options(_LANG.get())))


@contextmanager
def _errors() -> Iterator[None]:
    """The API's exceptions as the command line says them: unusable input, or options
    that do not go together, exit 2; invalid data exits 1, after its problems."""
    from gapcheck.api import InvalidData, UsageError
    from gapcheck.loader import InputError
    from gapcheck.locate import NoData

    try:
        yield
    except (UsageError, InputError, NoData) as exc:
        _fail("error", ExitCode.USAGE, reason=exc)
    except InvalidData as exc:
        if exc.diagnostics:
            _annotate(exc)
            _err(_problems(exc.diagnostics))
        _err(exc.text(_LANG.get()))
        raise typer.Exit(int(ExitCode.FINDINGS)) from None


def _annotate(exc: "InvalidData") -> None:
    """A check that annotates (--format github or sarif) annotates invalid data's
    problems as ``validate`` does: a pull request that breaks the data shows where,
    and the SARIF upload gets a log, not an empty file."""
    fmt = _ANNOTATE.get()
    if fmt not in (CheckFormat.GITHUB, CheckFormat.SARIF):
        return
    from gapcheck.diagnostics import ValidationReport
    from gapcheck.render import github, sarif
    from gapcheck.views import findings

    report = ValidationReport(exc.label, exc.diagnostics)
    found = findings.of(report, {}, _relative_to_repository())
    _out(github.commands(found) if fmt is CheckFormat.GITHUB else sarif.log(found))


def _load(
    data: Path | None,
    max_bytes: int = MAX_BYTES,
    *,
    demo: bool = True,
    select: "Selection | None" = None,
) -> "Dataset":
    """Load and validate (:func:`gapcheck.api.load_data`); on invalid data print the
    problems and exit. ``select``: the --where, --where-initiative and --rollup in force."""
    from gapcheck import api

    with _errors():
        return api.load_data(
            data, max_bytes=max_bytes, demo=demo, listener=_Stderr(), select=select
        )


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


def _data_year(dataset: "Dataset") -> int:
    """The year the data describes (:func:`gapcheck.api.data_year`)."""
    from gapcheck import api

    return api.data_year(dataset)


def today() -> "date":
    """Today's date, for acceptances (``accepted: until``); the core takes it as a parameter."""
    from gapcheck import clock

    return clock.today()


def _portfolio(
    chosen: Chosen,
    step: Callable[[str], None] | None = None,
    *,
    lang: Language = Language.EN,
    demo: bool = True,
) -> "Portfolio":
    """The data as a portfolio of the year counted (:func:`gapcheck.api.open_portfolio`)."""
    from gapcheck import api

    with _errors():
        return api.open_portfolio(
            chosen.data, **chosen.reading(), demo=demo, listener=_Stderr(lang, step)
        )


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
        _fail("error.limit_or_all", ExitCode.USAGE)
    if everything:
        from gapcheck.render.caps import ALL

        return ALL
    return limit


def _emit(result: object, fmt: OutputFormat | CheckFormat, shown: Shown) -> None:
    from gapcheck.render import render

    _out(
        render(
            result,
            OutputFormat(fmt),
            color=_use_color(),
            width=_width(),
            lang=shown.lang.value,
            limit=shown.limit,
            ids=shown.ids or getattr(result, "show_ids", False),
        )
    )


def _print_check(
    result: object,
    fmt: CheckFormat,
    positions: Mapping[str, tuple[str, int, int]],
    shown: Shown,
    *,
    fail: bool = False,
) -> None:
    """A check's result (gaps, critical, a diff or a what-if): as GitHub annotations or
    SARIF at the focus areas' ``positions``, else as :func:`_emit` prints it."""
    if fmt not in (CheckFormat.GITHUB, CheckFormat.SARIF):
        _emit(result, fmt, shown)
        return
    from gapcheck.analysis import GapReport, WhatIfReport
    from gapcheck.render import github, sarif, words
    from gapcheck.views import findings

    found = findings.of(result, positions, _relative_to_repository(), fail=fail)
    if fmt is CheckFormat.GITHUB:  # a what-if's annotations take no --limit
        _out(github.commands(found, None if isinstance(result, WhatIfReport) else shown.limit))
    else:
        _out(sarif.log(found))
    if isinstance(result, GapReport):
        _err(words.gaps_summary(result, shown.lang.value))


def _relative_to_repository() -> Callable[[str], str]:
    """Paths as GitHub wants them in annotations: relative to the repository's root, the
    workspace's in GitHub Actions, else the repository that holds the file (wherever
    gapcheck runs from: ``--data ../repo/data`` still gives ``data/...``)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    roots: dict[str, str] = {}

    def root_of(folder: str) -> str:
        if workspace:
            return os.path.realpath(workspace)
        if folder not in roots:
            from gapcheck.gitenv import run_git

            try:
                found = run_git(folder, "rev-parse", "--show-toplevel")
                top = found.stdout.decode("utf-8", "surrogateescape").strip()
                roots[folder] = top if found.returncode == 0 and top else os.getcwd()
            except (OSError, ValueError):
                roots[folder] = os.getcwd()
        return os.path.realpath(roots[folder])

    def relative(path: str) -> str:
        """Relative to the root when the root holds the file, else absolute: never
        ``../outside/...``, which no reader resolves to the file meant."""
        real = os.path.realpath(path)
        folder = os.path.dirname(real)
        base = root_of(folder if os.path.isdir(folder) else os.getcwd())
        inside = os.path.commonpath([real, base]) == base if os.path.isabs(real) else False
        return Path(os.path.relpath(real, base) if inside else real).as_posix()

    return relative


# --- commands -------------------------------------------------------------------------


@_command()
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
    from gapcheck import api

    with _errors():
        report = api.validate(data, strict=strict, max_bytes=max_bytes)
    if fmt is ValidateFormat.JSON:
        from gapcheck.render import json

        _out(json.render(report))
    elif fmt in (ValidateFormat.GITHUB, ValidateFormat.SARIF):
        from gapcheck.render import github, sarif, text
        from gapcheck.views import Options, findings, validate

        found = findings.of(report, {}, _relative_to_repository())
        _out(github.commands(found) if fmt is ValidateFormat.GITHUB else sarif.log(found))
        _err(text.render(validate.verdict(report, Options(lang.value))))
    else:
        from gapcheck import views
        from gapcheck.render import text

        _out(text.render(views.build(report, views.Options(lang.value))))
    raise typer.Exit(int(ExitCode.OK if report.valid else ExitCode.FINDINGS))


@_command()
def matrix(
    *,
    chosen: CountedOptions,
    fmt: FormatOption = OutputFormat.TABLE,
    shown: ShownOptions,
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

    with _steps(chosen.data, fmt) as step:
        portfolio = _portfolio(chosen, step, lang=shown.lang)
        result: object
        if by.casefold() in (MatrixRows.INITIATIVE, MatrixRows.OWNER):
            rows = owner_matrix if by.casefold() == MatrixRows.OWNER else coverage_matrix
            result = rows(portfolio)
        else:
            from gapcheck.analysis.grouping import attribute_matrix

            result = attribute_matrix(portfolio, by.casefold())
    _emit(result, fmt, shown)


@_command()
def gaps(
    *,
    chosen: CountedOptions,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    min_initiatives: MinInitiativesOption = None,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit 1 when any gap is found (for CI).")
    ] = False,
    shown: ShownOptions,
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

    with _steps(chosen.data, fmt) as step:
        portfolio = _portfolio(chosen, step, lang=shown.lang, demo=not fail)
        step("finding gaps")
        report = find_gaps(portfolio, min_initiatives=min_initiatives, today=today())
        if by is not None:
            from gapcheck.analysis.grouping import group_gaps

            report = group_gaps(report, portfolio, by)
    _print_check(report, fmt, portfolio.dataset.positions, shown, fail=fail)
    if fail and report.failing:  # accepted gaps fail only once their date has passed
        raise typer.Exit(int(ExitCode.FINDINGS))


@_command()
def overlaps(
    *,
    chosen: CountedOptions,
    fmt: FormatOption = OutputFormat.TABLE,
    max_share: MaxShareOption = None,
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
    with _steps(chosen.data, fmt) as step:
        portfolio = _portfolio(chosen, step, lang=lang)
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
        _say("note", text=note)
    _emit(result, fmt, Shown(lang, cap, ids))


@_command()
def timeline(
    *,
    chosen: ChosenOptions,
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
    shown: ShownOptions,
) -> None:
    """Show, for each year, how many initiatives serve each focus area (gaps marked).

    When the focus areas do not fit the terminal as columns, one row per focus area
    instead, with the latest years as columns (--format csv has the full grid).
    """
    from gapcheck.analysis import coverage_timeline, default_range

    portfolio = _portfolio(chosen._replace(all_years=True))
    default_first, default_last = default_range(portfolio.dataset, _data_year(portfolio.dataset))
    if first is None and last is not None and last < default_first:
        _fail("error.to_before_data", ExitCode.USAGE, last=last, first=default_first)
    first = default_first if first is None else first
    last = max(default_last, first) if last is None else last
    if first > last:
        _fail("error.from_after_to", ExitCode.USAGE, first=first, last=last)
    from gapcheck.render import words

    year = _data_year(portfolio.dataset)
    result = coverage_timeline(portfolio, first, last, min_initiatives, around=year)
    note = words.clipped_note(result, year, shown.lang.value)
    if note:
        _say("note", text=note)
    _emit(result, fmt, shown)


class FailOn(StrEnum):
    OPENED_GAPS = "opened-gaps"


@_command()
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
    *,
    chosen: ChosenOptions,
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
    shown: ShownOptions,
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
    from gapcheck import api

    with _errors():
        changes = api.compare(
            base,
            head,
            data=chosen.data,
            first=first,
            last=last,
            at=at,
            all_years=all_years,
            min_initiatives=min_initiatives,
            max_bytes=chosen.max_bytes,
            listener=_Stderr(shown.lang),
            select=chosen.select,
        )
    fail = fail_on is FailOn.OPENED_GAPS
    _print_check(changes.result, fmt, changes.positions, shown, fail=fail)
    if fail and changes.result.failing:
        raise typer.Exit(int(ExitCode.FINDINGS))


@_command()
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
    *,
    chosen: CountedOptions,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    min_initiatives: MinInitiativesOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a gap would open or get worse, unless accepted (for CI).",
        ),
    ] = None,
    shown: ShownOptions,
) -> None:
    """What happens if initiatives stop: the portfolio without them, as a diff against today.

    Gaps opened and closed, coverage changes, and focus areas left with no initiative
    at all, counted in the year counted (this year when the data has years).
    """
    from gapcheck import api

    fail = fail_on is FailOn.OPENED_GAPS
    with _errors():
        found = api.what_if(
            chosen.data,
            without or [],
            without_owner or [],
            **chosen.reading(),
            min_initiatives=min_initiatives,
            demo=not fail,
            listener=_Stderr(shown.lang),
        )
    _print_check(found.result, fmt, found.positions, shown, fail=fail)
    if fail and found.result.diff.failing:
        raise typer.Exit(int(ExitCode.FINDINGS))


@_command()
def critical(
    *,
    chosen: CountedOptions,
    fmt: CheckFormatOption = CheckFormat.TABLE,
    min_initiatives: MinInitiativesOption = None,
    shown: ShownOptions,
) -> None:
    """Single points of failure: initiatives whose removal alone opens a gap.

    For each focus area its redundancy (how many qualifying initiatives must go
    before it is a gap); the critical initiatives sorted by the priority of what
    they protect. The table and Markdown show the first 20 (--limit N, --all).
    """
    from gapcheck.analysis import find_critical

    with _steps(chosen.data, fmt) as step:
        portfolio = _portfolio(chosen, step, lang=shown.lang)
        step("finding single points of failure")
        report = find_critical(portfolio, min_initiatives)
    _print_check(report, fmt, portfolio.dataset.positions, shown)


@_command()
def summary(
    *,
    chosen: CountedOptions,
    fmt: FormatOption = OutputFormat.TABLE,
    min_initiatives: MinInitiativesOption = None,
    lang: LangOption = Language.EN,
) -> None:
    """The portfolio in one screen: size, coverage, gaps, overlaps, critical initiatives,
    accepted gaps and portfolio measures (diversity and equality of coverage)."""
    from gapcheck.analysis import summarise_portfolio

    with _steps(chosen.data, fmt) as step:
        portfolio = _portfolio(chosen, step, lang=lang)
        step("summarising")
        result = summarise_portfolio(portfolio, min_initiatives=min_initiatives, today=today())
    _emit(result, fmt, Shown(lang))


class ReportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"
    DOCX = "docx"


REPORT_DEFAULTS = {
    ReportFormat.HTML: "gapcheck-report.html",
    ReportFormat.MARKDOWN: "gapcheck-report.md",
    ReportFormat.DOCX: "gapcheck-report.docx",
}


def _report_output(result: Any, fmt: ReportFormat, lang: "Lang") -> str | bytes:
    """The report in ``fmt``: an HTML page, Markdown, or a Word document's bytes."""
    from gapcheck import render

    return render.report(result, fmt.value, lang)


@_command()
def report(
    *,
    chosen: CountedOptions,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write; '-' for standard output."
            " Default: gapcheck-report.html (or .md, .docx).",
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
            help="Output format: html, markdown or docx (a Word document).",
            case_sensitive=False,
        ),
    ] = ReportFormat.HTML,
    lang: LangOption = Language.EN,
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
    max_share: MaxShareOption = None,
    ids: IdsOption = False,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence/--no-evidence",
            help="End with the evidence of every mark (an appendix), or leave it out.",
        ),
    ] = True,
) -> None:
    """Write the report for decision-makers: one self-contained HTML page (or Markdown, Word).

    Findings in plain language, the changes since --base right after the summary, the
    money where the data has budgets, the coverage matrix as a heatmap, a bar chart,
    the graph of initiatives and focus areas, the timeline where the data has years,
    and the evidence and sources of every mark as an appendix. Prints to A4.
    """
    from gapcheck import api

    with _errors():
        result = api.report(
            chosen.data,
            **chosen.reading(),
            base=base,
            min_initiatives=min_initiatives,
            max_share=max_share,
            ids=ids,
            evidence=evidence,
            listener=_Stderr(lang),
        )
    text = _report_output(result, fmt, lang.value)
    if output is not None and str(output) == "-":
        _write_output(output, text)
        return
    target = output or Path(REPORT_DEFAULTS[fmt])
    _write_output(target, text, stdout_too=True)
    _say("report.wrote", path=target)


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


@_command()
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

    _out(schemas.render(SchemaKind(kind).value))


@_command()
def init(
    directory: Annotated[
        Path, typer.Argument(help="The data directory to create, e.g. data.", show_default=False)
    ],
    lang: LangOption = Language.EN,
) -> None:
    """Create a data directory with commented example files (and their schemas) to edit;
    with --lang da, Danish comments and example names, an owner and a budget."""
    from gapcheck.loader import InputError
    from gapcheck.scaffold import init_data_dir

    try:
        written = init_data_dir(directory, lang.value)
    except InputError as exc:
        _fail("error", ExitCode.USAGE, reason=exc)
    from gapcheck.render import safe

    for path in written:
        _out(_said("out.created", path=safe.line(os.fspath(path))) + "\n")
    option = "" if directory == Path("data") else f" --data {directory}"
    _say("next.init", option=option)


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


def _within_budget(payload: str | bytes, where: str | None) -> None:
    """Exit 2, saying why, when ``payload`` is larger than :data:`MAX_OUTPUT_BYTES`
    (``where``: the file, None for standard output)."""
    from gapcheck.limits import MAX_OUTPUT_BYTES

    size = len(payload)
    if isinstance(payload, str) and size * 4 > MAX_OUTPUT_BYTES:
        size = len(payload.encode("utf-8", "surrogateescape"))
    if size > MAX_OUTPUT_BYTES:
        where = _said("out.stdout") if where is None else where
        _fail("error.over_budget", ExitCode.USAGE, where=where, size=size, most=MAX_OUTPUT_BYTES)


def _out(payload: str) -> None:
    """Write to standard output, within the output budget."""
    _within_budget(payload, None)
    sys.stdout.write(payload)


def _write_output(target: Path, payload: str | bytes, *, stdout_too: bool = False) -> None:
    """Write an output file through write_atomic ('-': standard output); exit 2 on failure."""
    _within_budget(payload, os.fspath(target))
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
        reason = exc.strerror or exc
        _fail(
            "error.cannot_write_output_or_stdout" if stdout_too else "error.cannot_write_output",
            ExitCode.USAGE,
            target=target,
            reason=reason,
        )


@_command()
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
    *,
    chosen: CountedOptions,
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
    lang: LangOption = Language.EN,
) -> None:
    """Write the portfolio for another tool: Excel, the ATT&CK Navigator, Gephi or yEd.

    The same year and thresholds as the other analyses (this year when the data has
    years; --at, --all-years, --min-initiatives).
    """
    from gapcheck import api

    with _errors():
        payload = api.export(
            fmt.value,
            chosen.data,
            **chosen.reading(),
            min_initiatives=min_initiatives,
            id_map=id_map,
            weighted=weighted,
            diff_base=diff_base,
            lang=lang.value,
            listener=_Stderr(lang),
        )
    target = output or Path(EXPORT_DEFAULTS[fmt])
    _write_output(target, payload)
    if str(target) != "-":
        _say("report.wrote", path=target)


class ImportLayout(StrEnum):
    MATRIX = "matrix"
    LONG = "long"


@_command()
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
    *,
    chosen: CountedOptions,
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
    shown: ShownOptions,
) -> None:
    """Compare two portfolios over one catalogue: per focus area, served by both, only A,
    only B, or neither (at the roll-up policy in force).

    A and B are data directories with the same focus areas (e.g. detections and tests
    over ATT&CK), or one portfolio split with --split KEY (e.g. --split kind).
    """
    from gapcheck import api

    with _errors():
        result = api.compare_sides(
            a,
            b,
            split=split,
            data=chosen.data,
            **chosen.reading(),
            listener=_Stderr(shown.lang),
        )
    _emit(result, fmt, shown)


@_command("import")
def import_(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="[attack|sigma] FILE",
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
        typer.Option(
            "--force",
            help="Into data: also remove what the sheet no longer has; replace files that"
            " are not valid data.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print what would change; write nothing."),
    ] = False,
    max_bytes: MaxBytesOption = MAX_BYTES,
    lang: Annotated[
        Language,
        typer.Option(
            "--lang",
            help="Language of the messages and notes; the files written are the same in"
            " any language.",
        ),
    ] = Language.EN,
) -> None:
    """Make data files from a spreadsheet (XLSX, CSV), ATT&CK's STIX bundle or Sigma rules.

    A matrix (initiatives down the first column, focus areas across the header row, a
    mark in the cells: X, ✓, 1 or a strength: minimal, partial, significant), or a long
    table (one row per mark: initiative, focus area, and optional note, strength,
    start, end, owner, source). Ids are made from the names; each mark's note names its
    cell. Into a folder with data, it merges: it updates what the sheet says (names,
    marks, strengths) and keeps the rest (owners, budgets, years, notes, thresholds),
    printing each change; what the sheet no longer has is removed only with --force.

    'import attack' makes the focus areas from ATT&CK's STIX bundle (current techniques
    and sub-techniques, with tactics, platforms and groups as attributes); 'import
    sigma' makes the initiatives from Sigma rules, marked by their attack.tNNNN tags.
    """
    if sources[0] in ("attack", "sigma") and not os.path.exists(sources[0]):
        _import_reader(sources[0], [Path(p) for p in sources[1:]], to, force, max_bytes)
        return
    if len(sources) > 1:
        _fail("error.import_one", ExitCode.USAGE)
    _import_spreadsheet(Path(sources[0]), to, layout, sheet, force, dry_run, max_bytes)


def _import_reader(kind: str, paths: list[Path], to: Path, force: bool, max_bytes: int) -> None:
    """``import attack BUNDLE`` or ``import sigma PATH...``: the files written, the notes."""
    from gapcheck import importers
    from gapcheck.render import safe

    try:
        outcome = importers.run(kind, paths, to, force, max_bytes)
    except importers.Failed as exc:
        _err(exc.text(_LANG.get()))
        raise typer.Exit(exc.code) from None
    for target in outcome.written:
        sys.stdout.write(_said("out.created", path=safe.line(os.fspath(target))) + "\n")
    for note in outcome.notes:
        _err(safe.line(note if isinstance(note, str) else note.text(_LANG.get())))
    if outcome.failed:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _import_spreadsheet(
    file: Path,
    to: Path,
    layout: ImportLayout | None,
    sheet: str | None,
    force: bool,
    dry_run: bool,
    max_bytes: int,
) -> None:
    """``import FILE``: a spreadsheet made into the two data files (or merged into them)."""
    from gapcheck import api
    from gapcheck.interchange import ImportProblem

    try:
        with _errors():
            outcome = api.import_spreadsheet(
                file,
                to,
                layout=None if layout is None else layout.value,
                sheet=sheet,
                force=force,
                dry_run=dry_run,
                max_bytes=max_bytes,
                listener=_Stderr(),
            )
    except ImportProblem as exc:
        if exc.usage:
            _fail("error", ExitCode.USAGE, reason=exc)
        _fail("error.cannot_import", ExitCode.FINDINGS, problems=exc, file=file)
    except api.InvalidImport as exc:
        _fail(
            "error.import_invalid",
            ExitCode.FINDINGS,
            problems=_problems(exc.diagnostics).rstrip("\n"),
            file=file,
        )
    _imported(outcome, to)


def _imported(outcome: "ImportOutcome", to: Path) -> None:
    """What an import did, after its files (and changes) are listed."""
    sizes = {"initiatives": len(outcome.initiatives), "areas": len(outcome.focus_areas)}
    if outcome.written:
        from gapcheck.i18n import Sentence

        layout = Sentence(  # the layout it read, in the command's language
            "import.layout.long"
            if outcome.layout == "long"
            else "import.layout.workbook"
            if outcome.layout == "workbook"
            else "import.layout.matrix"
        )
        _say("next.imported", **sizes, layout=layout, to=to)
        return
    if not outcome.merged:
        _out(_said("out.would_create", **sizes, to=to) + "\n")
    _say("note.dry_run")


def main() -> None:
    """Console-script entry point."""
    # A short run that builds one large structure: the cyclic garbage collector would
    # rescan the whole, growing heap again and again (seconds at 100,000 initiatives),
    # and reference counting frees what gapcheck makes without it.
    gc.disable()
    # pydantic looks for plugins (observability hooks) in every installed package's
    # entry points when it builds the first model: a scan of site-packages on each start,
    # for models that are gapcheck's own. typer skips it for its options the same way;
    # a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--version"]:
        # Asked in every CI job: answered before typer builds the commands' options.
        sys.stdout.write(f"gapcheck {__version__}\n")
        return
    try:
        try:
            _narrowed(sys.argv[1:])()
        finally:
            sys.stdout.flush()  # a full disk shows here, not at exit, past any handler
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        _say("error.interrupted")
        sys.exit(130)
    except OSError as exc:
        # Input errors are handled where they happen; what is left is the output:
        # standard output on a full disk (ENOSPC) or a failing device (EIO).
        _output_failed(exc)


def _narrowed(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` start with, when they start with one.

    typer turns every command's options into parameters on each start (about 12 ms for
    all of gapcheck's); running one command needs only its own. Anything else (no
    command, an option first, a misspelt name) gets the whole app, so help and "did you
    mean" list every command. Tests invoke ``app`` itself.
    """
    from typer.main import get_command_name

    if not args:
        return app
    for command in app.registered_commands:
        assert command.callback is not None
        if (command.name or get_command_name(command.callback.__name__)) == args[0]:
            narrowed = copy.copy(app)
            narrowed.registered_commands = [command]
            return narrowed
    return app


def _output_failed(exc: OSError) -> NoReturn:
    """Exit 2 with a message when the output cannot be written; never a traceback."""
    with contextlib.suppress(OSError, ValueError):
        # What is still buffered would fail again as Python exits: send it nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    reason = exc.strerror or str(exc)
    where = f" {exc.filename}" if exc.filename else ""
    _say("error.output_failed", where=where, reason=reason)
    sys.exit(int(ExitCode.USAGE))


@_command()
def spend(
    *,
    chosen: ChosenOptions,
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
        _fail("error.at_or_range", ExitCode.USAGE)
    with _steps(chosen.data, fmt) as step:
        step("reading and checking the data")
        dataset = _load(chosen.data, chosen.max_bytes, select=chosen.select)
        dated = has_years(dataset) or any(
            isinstance(item.budget, dict) for item in dataset.initiatives
        )
        years: list[int] | None
        if first is not None or last is not None:
            default_first, default_last = default_range(dataset, _data_year(dataset))
            first = default_first if first is None else first
            last = max(default_last, first) if last is None else last
            if first > last:
                _fail("error.from_after_to", ExitCode.USAGE, first=first, last=last)
            years = list(range(first, last + 1))
        elif at is not None:
            years = [at]
        else:
            years = [_data_year(dataset)] if dated else None
        step("counting money")
        result = money(dataset, years, max_share=max_share)
    _emit(result, fmt, Shown(lang, _limit(limit, everything)))
