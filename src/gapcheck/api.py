"""gapcheck from Python: load a data directory, run the analyses, render the results.

Everything here is also importable from :mod:`gapcheck` itself::

    import gapcheck

    from gapcheck.render import render

    dataset = gapcheck.load("data")            # a str or a Path
    gaps = gapcheck.find_gaps(dataset)          # a dataset, a Portfolio, or a path
    print(render(gaps, "json"))                 # "table", "json", "markdown", "csv"

Each analysis takes the data as a :class:`~gapcheck.model.Dataset` (from
:func:`load`), a :class:`~gapcheck.graph.Portfolio`, or the path of a data
directory, and returns the same typed result as the command line's.

Every decision of the commands lives here too (the second half of this module): the
command line parses its options, calls one of these functions and prints what it
returns. The analyses are imported inside the functions, so that ``validate`` does
not pay for them.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from gapcheck import loader
from gapcheck.diagnostics import Diagnostic, ValidationReport, has_errors
from gapcheck.i18n import Lang, Lines, Said, Sentence
from gapcheck.limits import MAX_BYTES
from gapcheck.listener import QUIET, Listener, Merge
from gapcheck.loader import InputError
from gapcheck.model import Dataset, Rollup
from gapcheck.readers.data import load_path
from gapcheck.render import OutputFormat, render

if TYPE_CHECKING:
    from gapcheck.analysis import (
        CoverageMatrix,
        DiffReport,
        GapReport,
        OverlapReport,
        Timeline,
        WhatIfReport,
    )
    from gapcheck.analysis.compare import Comparison
    from gapcheck.analysis.report import Report
    from gapcheck.graph import Portfolio
    from gapcheck.i18n import Lang
    from gapcheck.model import Initiative
    from gapcheck.selection import Selection
    from gapcheck.spreadsheet import Imported, Layout

#: What the analyses take: a loaded dataset, a portfolio (one year of it), or a path.
Data: TypeAlias = "Dataset | Portfolio | str | os.PathLike[str]"
T = TypeVar("T")

__all__ = [
    "Data",
    "ImportOutcome",
    "InputError",
    "InvalidData",
    "InvalidImport",
    "Listener",
    "OutputFormat",
    "UsageError",
    "WouldLose",
    "compare",
    "compare_sides",
    "coverage_matrix",
    "coverage_timeline",
    "data_year",
    "diff_portfolios",
    "export",
    "find_gaps",
    "find_overlaps",
    "import_spreadsheet",
    "load",
    "load_data",
    "load_side",
    "open_portfolio",
    "render",
    "report",
    "select",
    "side_is_directory",
    "validate",
    "what_if",
    "year_counted",
]


class InvalidData(ValueError):
    """The data has errors; ``diagnostics`` holds every problem, with file, line and column."""

    def __init__(
        self, label: str, diagnostics: tuple[Diagnostic, ...], hint: Sentence | None = None
    ) -> None:
        self.label = label
        self.diagnostics = diagnostics
        self._hint = hint or Sentence("hint.validate_data", {"data": label})
        #: What to run for the details (the command line adds it to its message).
        self.hint = str(self._hint)
        lines = "\n".join(d.format() for d in diagnostics)
        super().__init__(f"{label} is not valid:\n{lines}")

    def text(self, lang: Lang = "en") -> str:
        """The command line's one line for it, in ``lang``: which data, and what to run."""
        return Sentence("error.invalid_data", {"label": self.label, "hint": self._hint}).text(lang)


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Dataset:
    """The data directory at ``path``, validated.

    Raises :class:`InvalidData` (a ``ValueError``) when the data has errors, with
    every problem in ``.diagnostics`` (warnings alone do not raise), and
    :class:`InputError` when the directory cannot be read at all.
    """
    directory = Path(path)
    label = os.fspath(path)
    result = load_path(directory, label=label, max_bytes=max_bytes)
    if result.dataset is None or has_errors(result.diagnostics):
        raise InvalidData(label, tuple(result.diagnostics))
    return result.dataset


def select(
    data: Dataset | str | os.PathLike[str],
    *,
    where: Iterable[str] = (),
    where_initiative: Iterable[str] = (),
    rollup: Rollup | None = None,
) -> Dataset:
    """The data with ``--where``, ``--where-initiative`` and ``--rollup`` in force::

        windows = gapcheck.select("data", where=["platforms=windows"], rollup="own")
        gapcheck.find_gaps(windows)

    ``where`` (``KEY=VALUE`` texts, all must hold) chooses the focus areas looked at,
    ``where_initiative`` the initiatives counted; a ValueError names one malformed.
    """
    from gapcheck.selection import Selection

    dataset = data if isinstance(data, Dataset) else load(data)
    return Selection.parse(where, where_initiative, rollup).apply(dataset)


def _portfolio(data: Data, at: int | None = None) -> Portfolio:
    from gapcheck.graph import Portfolio

    if isinstance(data, Portfolio):
        if at is None or at == data.at:
            return data
        return Portfolio(data.dataset, at=at)
    dataset = data if isinstance(data, Dataset) else load(data)
    return Portfolio(dataset, at=at)


def coverage_matrix(data: Data, *, at: int | None = None) -> CoverageMatrix:
    """Initiatives against focus areas (``gapcheck matrix``)."""
    from gapcheck.analysis import coverage_matrix

    return coverage_matrix(_portfolio(data, at))


def find_gaps(
    data: Data, *, at: int | None = None, min_initiatives: int | None = None
) -> GapReport:
    """Uncovered and thin focus areas, and initiatives with none (``gapcheck gaps``)."""
    from gapcheck.analysis import find_gaps

    return find_gaps(_portfolio(data, at), min_initiatives)


def find_overlaps(
    data: Data,
    *,
    at: int | None = None,
    max_share: float | None = None,
    top: int | None = None,
    min_shared: int = 1,
    min_jaccard: float = 0.0,
) -> OverlapReport:
    """Crowded focus areas, identical initiatives, overlapping pairs (``gapcheck overlaps``)."""
    from gapcheck.analysis import find_overlaps

    return find_overlaps(
        _portfolio(data, at), max_share, top, min_shared=min_shared, min_jaccard=min_jaccard
    )


def coverage_timeline(
    data: Data,
    first: int | None = None,
    last: int | None = None,
    *,
    min_initiatives: int | None = None,
) -> Timeline:
    """Active initiatives per focus area and year (``gapcheck timeline``).

    ``first`` defaults to the earliest start in the data, ``last`` to this year.
    At most ``YEAR_AXIS`` (100) years, around this year; ``clipped_from`` says so.
    """
    from gapcheck import clock
    from gapcheck.analysis import coverage_timeline, default_range

    portfolio = _portfolio(data)
    year = portfolio.dataset.as_of or clock.this_year()
    default_first, default_last = default_range(portfolio.dataset, year)
    first = default_first if first is None else first
    last = max(default_last, first) if last is None else last
    return coverage_timeline(portfolio, first, last, min_initiatives, around=year)


def diff_portfolios(
    base: Data,
    head: Data,
    *,
    at: int | None = None,
    min_initiatives: int | None = None,
) -> DiffReport:
    """What changed from ``base`` to ``head`` (``gapcheck diff``), both taken in ``at``."""
    from gapcheck.analysis import diff_portfolios

    before, after = _portfolio(base, at), _portfolio(head, at)
    return diff_portfolios(
        before,
        after,
        base_label=before.label,
        head_label=after.label,
        min_initiatives=min_initiatives,
    )


# --- what the commands decide, for Python users too ------------------------------------
#
# Each command of the command line parses its options, calls one of these and prints
# what it returns. Every decision (which data, which year is counted, which side of a
# diff is annotated, which options go together) is made here.


class UsageError(Said, ValueError):
    """Options that do not go together, or that name nothing there is (exit 2 on the
    command line); the message says which, and how to fix it. It is a catalogue entry
    (``UsageError("usage.from_to_together")``): ``str(exc)`` is the English,
    ``exc.text("da")`` the Danish."""


@dataclass(frozen=True)
class Located(Generic[T]):
    """A result, and where each focus area's id is written (for GitHub and SARIF
    annotations; empty when the data does not come from files here)."""

    result: T
    positions: Mapping[str, tuple[str, int, int]]


def validate(
    data: str | os.PathLike[str] | None = None, *, strict: bool = False, max_bytes: int = MAX_BYTES
) -> ValidationReport:
    """Every problem of the data (``gapcheck validate``): the bundled demo never stands in,
    a check that passes on data other than the user's is a false pass. Raises
    :class:`InputError` when the directory cannot be read at all."""
    from gapcheck import clock

    directory, label = _locate(data, demo=False, listener=QUIET)
    result = load_path(directory, label=label, max_bytes=max_bytes)
    year = clock.this_year() if result.dataset is None else data_year(result.dataset)
    result = loader.with_stale_acceptances(result, year)  # GC307, as gaps counts
    dataset = result.dataset
    return ValidationReport(
        data=label,
        diagnostics=tuple(result.diagnostics),
        strict=strict,
        focus_area_count=len(dataset.focus_areas) if dataset else None,
        initiative_count=len(dataset.initiatives) if dataset else None,
    )


def _locate(
    data: str | os.PathLike[str] | None, *, demo: bool, listener: Listener
) -> tuple[Path, str]:
    """The data directory (``data``, ./data, ., or with ``demo`` the bundled dataset) and
    its label. Raises :class:`~gapcheck.locate.NoData` when there is none."""
    from gapcheck.locate import locate

    directory, label, bundled = locate(None if data is None else Path(data), bundled=demo)
    if bundled:
        listener.bundled()
    return directory, label


def _checked(result: loader.LoadResult, label: str, hint: Sentence, listener: Listener) -> Dataset:
    if result.dataset is None:
        raise InvalidData(label, tuple(result.diagnostics), hint)
    if result.diagnostics:
        listener.problems(result.diagnostics)
    return result.dataset


def load_data(
    data: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    demo: bool = True,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Dataset:
    """The user's data, as the commands find it: ``data``, else ./data, else the current
    directory if it holds a data file, else (only with ``demo``) the bundled dataset.
    Raises :class:`InvalidData`, :class:`InputError` or :class:`~gapcheck.locate.NoData`."""
    directory, label = _locate(data, demo=demo, listener=listener)
    result = load_path(directory, label=label, max_bytes=max_bytes)
    option = "" if data is None else " --data " + os.fspath(data)
    dataset = _checked(result, label, Sentence("hint.validate", {"option": option}), listener)
    _speak_of(dataset)
    return dataset if select is None else select.apply(dataset)


def _speak_of(dataset: Dataset) -> None:
    """Name initiatives and focus areas in every human output as ``dataset`` does
    (its ``terms:``): the data as it is now names them, never a base it is compared to."""
    from gapcheck import i18n

    i18n.use_terms(None if dataset.terms is None else dataset.terms.forms())


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


def side_is_directory(spec: str, data: str | os.PathLike[str] | None = None) -> bool:
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
        directory = locate(None if data is None else Path(data), bundled=False)[0]
    except NoData:
        return True  # no repository to hold a revision
    if is_revision(directory, spec):
        raise UsageError("usage.directory_and_revision", spec=spec)
    return True


def load_side(
    spec: str,
    data: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Dataset:
    """One side of a diff: the data directory ``spec`` if it names one (see
    :func:`side_is_directory`), else the data (``data``, ./data or .) as it was at git
    revision ``spec``. A revision's dataset has no positions: its lines are not in the
    files here."""
    from gapcheck.gitsource import load_revision
    from gapcheck.locate import NoData, locate

    # A workbook file is data, as a directory is.
    if side_is_directory(spec, data) or Path(spec).suffix.casefold() == ".xlsx":
        result = load_path(Path(spec), label=spec, max_bytes=max_bytes)
        found = _checked(result, spec, Sentence("hint.validate_data", {"data": spec}), listener)
        return found if select is None else select.apply(found)
    try:
        directory = locate(None if data is None else Path(data), bundled=False)[0]
    except NoData:
        raise UsageError("usage.revision_without_repository", spec=spec) from None
    result = load_revision(directory, spec, max_bytes=max_bytes)
    dataset = _checked(result, spec, Sentence("hint.check_out", {"spec": spec}), listener)
    dataset = dataclasses.replace(dataset, positions={}, accepted_positions={})
    return dataset if select is None else select.apply(dataset)


def data_year(dataset: Dataset) -> int:
    """The year the data describes: its ``as_of:``, else this year (the default year)."""
    from gapcheck import clock

    return dataset.as_of or clock.this_year()


def _check_years(at: int | None, all_years: bool) -> None:
    if at is not None and all_years:
        raise UsageError("usage.at_or_all_years")


def year_counted(
    datasets: Iterable[Dataset], at: int | None, all_years: bool = False
) -> int | None:
    """The year the analyses count: ``at``; else every year (None) with ``all_years`` or
    when no dataset has years; else the year the data says (``as_of:``, the first
    dataset's that has one), else this year, so that "no gaps" means no gaps now."""
    from gapcheck.analysis import has_years

    _check_years(at, all_years)
    if at is not None or all_years:
        return at
    datasets = list(datasets)
    if not any(has_years(dataset) for dataset in datasets):
        return None
    return next((d.as_of for d in datasets if d.as_of is not None), None) or data_year(datasets[0])


def side_years(
    old: Dataset, new: Dataset, at: int | None, all_years: bool = False
) -> tuple[int | None, int | None]:
    """The years two versions are counted in (``diff``, ``report --base``): each in its
    own year (its data's ``as_of:``, else this year), so that last year's version is
    counted as it stood last year; ``at`` and ``all_years`` count both alike."""
    counted = year_counted([old, new], at, all_years)
    if at is None and not all_years and counted is not None:
        return data_year(old), data_year(new)
    return counted, counted


def _tell_if_nothing_active(portfolio: Portfolio, listener: Listener) -> None:
    if portfolio.at is None or portfolio.initiatives or not portfolio.dataset.initiatives:
        return
    from gapcheck.analysis import year_span

    span = year_span(portfolio.dataset)
    if span is not None:
        listener.nothing_active(portfolio.at, span)


def open_portfolio(
    data: str | os.PathLike[str] | None = None,
    *,
    at: int | None = None,
    all_years: bool = False,
    max_bytes: int = MAX_BYTES,
    demo: bool = True,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Portfolio:
    """The user's data (see :func:`load_data`) as a portfolio of the year counted (see
    :func:`year_counted`)."""
    from gapcheck.graph import Portfolio

    _check_years(at, all_years)
    listener.step("reading and checking the data")
    dataset = load_data(data, max_bytes=max_bytes, demo=demo, listener=listener, select=select)
    listener.step("building the graph")
    portfolio = Portfolio(dataset, at=year_counted([dataset], at, all_years))
    _tell_if_nothing_active(portfolio, listener)
    return portfolio


def compare(
    base: str | None = None,
    head: str | None = None,
    *,
    data: str | os.PathLike[str] | None = None,
    first: int | None = None,
    last: int | None = None,
    at: int | None = None,
    all_years: bool = False,
    min_initiatives: int | None = None,
    max_bytes: int = MAX_BYTES,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Located[DiffReport]:
    """What changed (``gapcheck diff``): between two versions, ``base`` and ``head``
    (directories or git revisions; ``head`` defaults to the data as it is now), both
    counted in one year (see :func:`year_counted`, over both sides); or between two
    years, ``first`` and ``last``, of the data. Annotations point into the head side
    when it is files here."""
    from gapcheck import clock
    from gapcheck.analysis import diff_portfolios
    from gapcheck.graph import Portfolio

    if first is not None or last is not None:
        if base is not None or head is not None:
            raise UsageError("usage.versions_or_years")
        if first is None or last is None:
            raise UsageError("usage.from_to_together")
        if at is not None or all_years:
            option = "--at" if at is not None else "--all-years"
            raise UsageError("usage.year_with_from_to", option=option)
        dataset = load_data(data, max_bytes=max_bytes, demo=False, listener=listener, select=select)
        before, after = Portfolio(dataset, at=first), Portfolio(dataset, at=last)
        labels = (f"{dataset.label}@{first}", f"{dataset.label}@{last}")
    else:
        if base is None:
            raise UsageError("usage.what_to_compare")
        _check_years(at, all_years)
        old = load_side(base, data, max_bytes=max_bytes, listener=listener, select=select)
        if head is None:
            new = load_data(data, max_bytes=max_bytes, demo=False, listener=listener, select=select)
        else:
            new = load_side(head, data, max_bytes=max_bytes, listener=listener, select=select)
            _speak_of(new)
        years = side_years(old, new, at, all_years)
        before, after = Portfolio(old, at=years[0]), Portfolio(new, at=years[1])
        labels = (  # and say which
            old.label + ("" if years[0] is None else f"@{years[0]}"),
            new.label + ("" if years[1] is None else f"@{years[1]}"),
        )
    report = diff_portfolios(
        before,
        after,
        base_label=labels[0],
        head_label=labels[1],
        min_initiatives=min_initiatives,
        today=clock.today(),
    )
    if base is not None and head is None and not Path(base).is_dir():
        report = dataclasses.replace(report, head_worktree=True)  # a revision against the files
    return Located(report, after.dataset.positions)


def compare_sides(
    a: str | os.PathLike[str] | None = None,
    b: str | os.PathLike[str] | None = None,
    *,
    split: str | None = None,
    data: str | os.PathLike[str] | None = None,
    at: int | None = None,
    all_years: bool = False,
    max_bytes: int = MAX_BYTES,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Comparison:
    """Two portfolios over one catalogue (``gapcheck compare``): the data directories
    ``a`` and ``b``, or one portfolio (``a``, else ``data``) split by an initiative
    attribute or owner (``split``: ``KEY`` with two values, or ``KEY=VALUE`` against the
    rest); both counted in one year (see :func:`year_counted`). Raises
    :class:`UsageError` when the two are not over one catalogue."""
    from gapcheck.analysis.compare import NotComparable, compare_portfolios, split_portfolio
    from gapcheck.graph import Portfolio

    _check_years(at, all_years)
    try:
        if split is not None:
            if b is not None:
                raise UsageError("usage.split_one_portfolio")
            dataset = load_data(
                a if a is not None else data, max_bytes=max_bytes, listener=listener, select=select
            )
            (a_label, a_data), (b_label, b_data) = split_portfolio(dataset, split)
        else:
            if a is None or b is None:
                raise UsageError("usage.compare_two")
            a_data = load_data(a, max_bytes=max_bytes, demo=False, listener=listener, select=select)
            b_data = load_data(b, max_bytes=max_bytes, demo=False, listener=listener, select=select)
            a_label, b_label = os.fspath(a), os.fspath(b)
        counted = year_counted([a_data, b_data], at, all_years)
        return compare_portfolios(
            Portfolio(a_data, at=counted),
            Portfolio(b_data, at=counted),
            a_label=a_label,
            b_label=b_label,
        )
    except NotComparable as exc:
        raise UsageError("usage.reason", reason=exc) from None


def _did_you_mean(word: str, choices: Iterable[str]) -> Sentence | str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return Sentence("hint.did_you_mean", {"word": close[0]}) if close else ""


def _owned_by(dataset: Dataset, item: Initiative, owner: str) -> bool:
    """``item``'s owner is ``owner`` (any case): its text, or its entry's name."""
    if not item.owner:
        return False
    entry = dataset.owner_of(item)
    names = (item.owner, entry.name) if entry is not None else (item.owner,)
    return any(name.casefold() == owner.casefold() for name in names)


def what_if(
    data: str | os.PathLike[str] | None = None,
    without: Sequence[str] = (),
    without_owner: Sequence[str] = (),
    *,
    at: int | None = None,
    all_years: bool = False,
    min_initiatives: int | None = None,
    max_bytes: int = MAX_BYTES,
    demo: bool = True,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Located[WhatIfReport]:
    """The portfolio (see :func:`open_portfolio`) without the initiatives ``without``
    (ids) and those of the owners ``without_owner`` (any case; an owner's id or name),
    as a diff against it (``gapcheck whatif``). Raises :class:`UsageError` for an id or
    owner the data lacks."""
    from gapcheck import clock
    from gapcheck.analysis import what_if

    if not without and not without_owner:
        raise UsageError("usage.what_to_remove")
    portfolio = open_portfolio(
        data,
        at=at,
        all_years=all_years,
        max_bytes=max_bytes,
        demo=demo,
        listener=listener,
        select=select,
    )
    dataset = portfolio.dataset
    known = {item.id for item in dataset.initiatives}
    for item_id in without:
        if item_id not in known:
            raise UsageError(
                "usage.without_unknown", id=item_id, hint=_did_you_mean(item_id, known)
            )
    owners: dict[str, str] = {}  # each owner as first written
    for item in dataset.initiatives:
        if item.owner:
            owners.setdefault(item.owner.casefold(), item.owner)
            entry = dataset.owner_of(item)  # an owner by id: its name works too
            if entry is not None:
                owners.setdefault(entry.name.casefold(), entry.name)
    removed = list(without)
    for owner in without_owner:
        if owner.casefold() not in owners:
            hint = _did_you_mean(owner, owners.values()) if owners else Sentence("hint.no_owner")
            raise UsageError("usage.without_owner_unknown", owner=owner, hint=hint)
        removed += [item.id for item in dataset.initiatives if _owned_by(dataset, item, owner)]
    report = what_if(portfolio, removed, min_initiatives=min_initiatives, today=clock.today())
    return Located(report, dataset.positions)


def report(
    data: str | os.PathLike[str] | None = None,
    *,
    base: str | None = None,
    at: int | None = None,
    all_years: bool = False,
    min_initiatives: int | None = None,
    max_share: float | None = None,
    ids: bool = False,
    evidence: bool = True,
    max_bytes: int = MAX_BYTES,
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> Report:
    """Everything the report for decision-makers shows (``gapcheck report``): the
    portfolio in the year counted (with ``base``, each version in its own year, as
    :func:`compare` counts them: see :func:`side_years`), its timeline when
    the data has years, the changes since ``base`` (a directory or git revision), and
    the evidence of every mark as an appendix unless ``evidence`` is false."""
    from gapcheck import clock
    from gapcheck.analysis import coverage_timeline, default_range, diff_portfolios, has_years
    from gapcheck.analysis.report import build_report
    from gapcheck.graph import Portfolio

    _check_years(at, all_years)
    dataset = load_data(data, max_bytes=max_bytes, listener=listener, select=select)
    before = (
        None
        if base is None
        else load_side(base, data, max_bytes=max_bytes, listener=listener, select=select)
    )
    if before is None:
        year = year_counted([dataset], at, all_years)
    else:
        before_year, year = side_years(before, dataset, at, all_years)
    portfolio = Portfolio(dataset, at=year)
    _tell_if_nothing_active(portfolio, listener)
    timeline = None
    if has_years(dataset):
        first, last = default_range(dataset, data_year(dataset))
        timeline = coverage_timeline(
            Portfolio(dataset), first, last, min_initiatives, around=year or data_year(dataset)
        )
    changes = None
    if before is not None:
        changes = diff_portfolios(
            Portfolio(before, at=before_year),
            portfolio,
            base_label=before.label + ("" if before_year is None else f"@{before_year}"),
            head_label=dataset.label + ("" if year is None else f"@{year}"),
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
        today=clock.today(),
    )
    return result if evidence else dataclasses.replace(result, evidence=(), appendix=False)


#: What ``export`` writes: an Excel workbook, an ATT&CK Navigator layer, a GraphML graph.
EXPORT_FORMATS = ("xlsx", "navigator", "graphml")


def export(
    fmt: str,
    data: str | os.PathLike[str] | None = None,
    *,
    at: int | None = None,
    all_years: bool = False,
    min_initiatives: int | None = None,
    id_map: str | os.PathLike[str] | None = None,
    weighted: bool = False,
    diff_base: str | None = None,
    max_bytes: int = MAX_BYTES,
    lang: Lang = "en",
    listener: Listener = QUIET,
    select: Selection | None = None,
) -> str | bytes:
    """The portfolio (see :func:`open_portfolio`) for another tool (``gapcheck export``):
    ``fmt`` is ``xlsx`` (bytes),
    ``navigator`` (optionally with ``id_map``, ``weighted``, and ``diff_base``: a layer
    of the change since that directory or revision of ``data``) or ``graphml``."""
    from gapcheck import clock, interchange
    from gapcheck.graph import Portfolio

    if fmt not in EXPORT_FORMATS:
        raise UsageError("usage.export_format", fmt=fmt, formats=", ".join(EXPORT_FORMATS))
    if (id_map is not None or weighted or diff_base is not None) and fmt != "navigator":
        raise UsageError("usage.navigator_options")
    portfolio = open_portfolio(
        data, at=at, all_years=all_years, max_bytes=max_bytes, listener=listener, select=select
    )
    if fmt == "xlsx":
        from gapcheck.render.caps import XLSX_AREAS

        if len(portfolio.focus_areas) > XLSX_AREAS:
            raise UsageError(
                "usage.xlsx_too_wide", areas=len(portfolio.focus_areas), most=XLSX_AREAS
            )
    today = clock.today()
    export_ = interchange.export_of(
        portfolio, min_initiatives, today, data_year(portfolio.dataset), fmt == "xlsx"
    )
    if fmt == "graphml":
        from gapcheck.render import graphml

        return graphml.render(export_)
    if fmt == "xlsx":
        from gapcheck.render import xlsx

        return xlsx.render(export_, lang)
    from gapcheck.render import navigator

    try:
        mapping = interchange.read_id_map(Path(id_map), max_bytes) if id_map else {}
        if diff_base is None:
            return navigator.render(export_, mapping, weighted=weighted)
        old = load_side(diff_base, data, max_bytes=max_bytes, listener=listener, select=select)
        before = interchange.export_of(
            Portfolio(old, at=portfolio.at), min_initiatives, today, None, False
        )
        return navigator.diff(before, export_, mapping, weighted=weighted)
    except interchange.ImportProblem as exc:
        raise UsageError("usage.reason", reason=exc) from exc
    except navigator.UnmappedIds as exc:
        more = Sentence("usage.and_more", {"more": len(exc.ids) - 5}) if len(exc.ids) > 5 else ""
        raise UsageError("usage.navigator_ids", ids=", ".join(exc.ids[:5]), more=more) from exc


class InvalidImport(ValueError):
    """What an import would write does not validate: its problems (``diagnostics``),
    placed at the cells they come from. Nothing is written."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[InvalidImport], tuple[object, ...]]:
        return InvalidImport, (self.diagnostics,)


class WouldLose(UsageError):
    """An import into data would drop what the sheet no longer has: ``removals``.
    Nothing is written; ``force`` removes them."""

    def __init__(self, folder: Path, removals: Sequence[Sentence | str]) -> None:
        self.removals = tuple(removals)
        listed = Lines(self.removals, lead="\n  ")
        super().__init__("usage.would_lose", count=len(removals), folder=folder, listed=listed)

    def __reduce__(self) -> tuple[type[WouldLose], tuple[object, ...]]:
        return WouldLose, (self.values["folder"], self.removals)


@dataclass(frozen=True)
class ImportOutcome:
    """What ``gapcheck import`` read and did."""

    initiatives: tuple[str, ...]  # their names, in the sheet's order
    focus_areas: tuple[str, ...]
    layout: str  # matrix, long, or workbook (read as --data reads it)
    merged: bool  # into data that was there
    written: bool  # False for a dry run


def import_spreadsheet(
    file: str | os.PathLike[str],
    to: str | os.PathLike[str],
    *,
    layout: Layout | None = None,
    sheet: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    max_bytes: int = MAX_BYTES,
    listener: Listener = QUIET,
) -> ImportOutcome:
    """The two data files made from a spreadsheet (``gapcheck import``), written into
    ``to``. Into data that is there, the import is merged (:mod:`gapcheck.merge`):
    what the sheet no longer has is removed only with ``force`` (else
    :class:`WouldLose`); files that are not valid data are replaced only with
    ``force``. ``dry_run``: tell what would change, write nothing. A workbook that the
    matrix import cannot read is read as ``--data`` reads it, when it can be. Raises
    :class:`~gapcheck.interchange.ImportProblem` for a spreadsheet that cannot be read
    (``usage``) or imported, :class:`InvalidImport` when what it would write does not
    validate, :class:`UsageError` for files that cannot be written."""
    from gapcheck import spreadsheet
    from gapcheck.fileio import write_all
    from gapcheck.interchange import ImportProblem

    folder = Path(to)
    targets = [folder / "focus_areas.yaml", folder / "initiatives.yaml"]
    present = [target for target in targets if os.path.lexists(target)]
    says: tuple[str, ...] = ("owner", "start", "end")  # what a sheet's entries state
    imported: Imported | None
    try:
        grid = spreadsheet.read_grid(Path(file), sheet, max_bytes)
        imported = spreadsheet.parse(grid, layout)
        texts = spreadsheet.to_yaml(imported)
        outcome: tuple[tuple[str, ...], tuple[str, ...], str] = (
            tuple(item.name for item in imported.initiatives),
            tuple(area.name for area in imported.areas),
            imported.layout,
        )
    except ImportProblem:
        book = _as_workbook(Path(file), sheet, layout, max_bytes)
        if book is None:
            raise
        from gapcheck.yamlwrite import to_yaml

        imported = None
        header = (
            f"# Imported by 'gapcheck import' from {Path(file).name}; see docs/data-format.md.\n"
        )
        texts = to_yaml(book, header)
        outcome = (
            tuple(item.name for item in book.initiatives),
            tuple(area.name for area in book.focus_areas),
            "workbook",
        )
        says = ("owner", "start", "end", "budget", "source", "note")
    if present:
        texts = _merged(folder, texts, force=force, dry_run=dry_run, says=says, listener=listener)
    problems = spreadsheet.check(imported, *texts)
    if problems:  # placed at the cells; nothing is written
        raise InvalidImport(problems)
    if dry_run:
        return ImportOutcome(*outcome, merged=bool(present), written=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("usage.cannot_create_to", to=to, reason=exc.strerror or exc) from exc
    # A file the merge left as it was is not said to be updated.
    same = {target for target, text in zip(targets, texts, strict=True) if _holds(target, text)}
    # Both files or neither: a failure half-way leaves the folder as it was.
    try:
        write_all(list(zip(targets, texts, strict=True)), exclusive=not (force or present))
    except FileExistsError as exc:
        raise UsageError("usage.exists_force", name=exc.filename) from None
    except OSError as exc:
        where = exc.filename or to
        raise UsageError("usage.cannot_write", where=where, reason=exc.strerror or exc) from exc
    for target in targets:
        if target not in same:
            (listener.updated if present else listener.created)(target)
    return ImportOutcome(*outcome, merged=bool(present), written=True)


def _holds(path: Path, text: str) -> bool:
    """``path`` is a file that holds exactly ``text`` already."""
    try:
        return path.is_file() and path.read_bytes() == text.encode("utf-8")  # as written
    except (OSError, ValueError):
        return False


def _as_workbook(
    file: Path, sheet: str | None, layout: Layout | None, max_bytes: int
) -> Dataset | None:
    """The workbook at ``file`` as ``--data`` reads it, when the matrix import could not
    read it; its problems (:class:`InvalidImport`, by cell) when it found a table of its
    own (a header naming the initiatives' column) that is wrong; else ``None``."""
    from gapcheck.diagnostics import Code
    from gapcheck.readers.workbook import is_workbook, load_workbook

    if sheet is not None or layout is not None or not is_workbook(file):
        return None
    try:
        result = load_workbook(file, max_bytes=max_bytes)
    except InputError:
        return None
    if result.dataset is not None:
        return result.dataset
    found_a_table = not any(
        d.code is Code.EMPTY_FILE or d.message.startswith("no column names")
        for d in result.diagnostics
    )
    if found_a_table:
        raise InvalidImport(result.diagnostics)
    return None


def _merged(
    folder: Path,
    texts: tuple[str, str],
    *,
    force: bool,
    dry_run: bool,
    says: tuple[str, ...],
    listener: Listener,
) -> tuple[str, str]:
    """The import merged into the data in ``folder`` (see :mod:`gapcheck.merge`)."""
    from gapcheck.merge import NotMergeable, merge_into

    try:
        merged, *merged_texts = merge_into(folder, *texts, remove=force, says=says)
    except NotMergeable as exc:
        if force:  # the files there are not data: replace them, as asked
            return texts
        raise UsageError("usage.not_mergeable", reason=exc, folder=folder) from None
    refused = bool(merged.removals) and not force
    changes = merged.changes + (merged.removals if force else [])
    lose = merged.removals if refused and dry_run else []
    listener.merging(Merge(folder, changes, merged.kept, not (dry_run or refused), lose))
    if refused and not dry_run:
        raise WouldLose(folder, merged.removals)
    return merged_texts[0], merged_texts[1]
