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
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from gapcheck import clock
from gapcheck.analysis import (
    CoverageMatrix,
    DiffReport,
    GapReport,
    OverlapReport,
    Timeline,
    default_range,
)
from gapcheck.analysis import coverage_matrix as _coverage_matrix
from gapcheck.analysis import coverage_timeline as _coverage_timeline
from gapcheck.analysis import diff_portfolios as _diff_portfolios
from gapcheck.analysis import find_gaps as _find_gaps
from gapcheck.analysis import find_overlaps as _find_overlaps
from gapcheck.diagnostics import Diagnostic, has_errors
from gapcheck.limits import MAX_BYTES
from gapcheck.loader import InputError, load_dataset
from gapcheck.model import Dataset, Rollup
from gapcheck.render import OutputFormat, render

if TYPE_CHECKING:
    from gapcheck.graph import Portfolio

#: What the analyses take: a loaded dataset, a portfolio (one year of it), or a path.
Data: TypeAlias = "Dataset | Portfolio | str | os.PathLike[str]"

__all__ = [
    "Data",
    "InputError",
    "InvalidData",
    "OutputFormat",
    "coverage_matrix",
    "coverage_timeline",
    "diff_portfolios",
    "find_gaps",
    "find_overlaps",
    "load",
    "render",
    "select",
]


class InvalidData(ValueError):
    """The data has errors; ``diagnostics`` holds every problem, with file, line and column."""

    def __init__(self, label: str, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.label = label
        self.diagnostics = diagnostics
        lines = "\n".join(d.format() for d in diagnostics)
        super().__init__(f"{label} is not valid:\n{lines}")


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Dataset:
    """The data directory at ``path``, validated.

    Raises :class:`InvalidData` (a ``ValueError``) when the data has errors, with
    every problem in ``.diagnostics`` (warnings alone do not raise), and
    :class:`InputError` when the directory cannot be read at all.
    """
    directory = Path(path)
    label = os.fspath(path)
    result = load_dataset(directory, label=label, max_bytes=max_bytes)
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
    return _coverage_matrix(_portfolio(data, at))


def find_gaps(
    data: Data, *, at: int | None = None, min_initiatives: int | None = None
) -> GapReport:
    """Uncovered and thin focus areas, and initiatives with none (``gapcheck gaps``)."""
    return _find_gaps(_portfolio(data, at), min_initiatives)


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
    return _find_overlaps(
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
    """
    portfolio = _portfolio(data)
    default_first, default_last = default_range(portfolio.dataset, clock.this_year())
    first = default_first if first is None else first
    last = max(default_last, first) if last is None else last
    return _coverage_timeline(portfolio, first, last, min_initiatives)


def diff_portfolios(
    base: Data,
    head: Data,
    *,
    at: int | None = None,
    min_initiatives: int | None = None,
) -> DiffReport:
    """What changed from ``base`` to ``head`` (``gapcheck diff``), both taken in ``at``."""
    before, after = _portfolio(base, at), _portfolio(head, at)
    return _diff_portfolios(
        before,
        after,
        base_label=before.label,
        head_label=after.label,
        min_initiatives=min_initiatives,
    )
