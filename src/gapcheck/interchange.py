"""Plumbing of ``gapcheck export`` and ``gapcheck import`` that is not rendering.

The export's typed result comes from :mod:`gapcheck.analysis.interchange`; this
module reads the inputs these commands take (an id map, a spreadsheet) and reports
what is wrong with them as :class:`ImportProblem` (file, place, what, hint).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.analysis.interchange import PortfolioExport
    from gapcheck.graph import Portfolio


class ImportProblem(Exception):
    """An input of export or import that cannot be used: the message says where and why."""

    def __init__(self, message: str, *, usage: bool = True) -> None:
        super().__init__(message)
        #: True: unusable input (exit 2); False: invalid content (exit 1).
        self.usage = usage


def export_of(
    portfolio: Portfolio,
    min_initiatives: int | None,
    today: date | None,
    this_year: int | None,
    timeline: bool,
) -> PortfolioExport:
    """The export's result; with ``timeline``, the timeline too when the data has years."""
    from gapcheck.analysis import coverage_timeline, default_range, has_years
    from gapcheck.analysis.interchange import export_portfolio
    from gapcheck.graph import Portfolio

    years = None
    if timeline and this_year is not None and has_years(portfolio.dataset):
        first, last = default_range(portfolio.dataset, this_year)
        years = coverage_timeline(
            Portfolio(portfolio.dataset), first, last, min_initiatives, around=this_year
        )
    return export_portfolio(portfolio, min_initiatives=min_initiatives, today=today, timeline=years)


def read_id_map(path: Path, max_bytes: int) -> dict[str, str]:
    """``--id-map``: a YAML mapping of focus-area ids to ATT&CK technique ids.

    A regular file of at most ``max_bytes`` only (a pipe would block, a device never end).
    """
    from gapcheck.fileio import read_regular
    from gapcheck.yamlread import read_yaml

    try:
        text = read_regular(path, max_bytes).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ImportProblem(f"cannot read {path} (--id-map): {reason}") from None
    result = read_yaml(text, str(path), positions=False)
    if result.diagnostics:
        raise ImportProblem(result.diagnostics[0].format() + " (--id-map)")
    value = result.value
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    ):
        raise ImportProblem(
            f"{path} (--id-map) is not a mapping of focus-area ids to technique ids"
            " (hint: one 'focus-area-id: T1059' per line)"
        )
    return dict(value)
