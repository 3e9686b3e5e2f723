"""Plumbing of ``gapcheck export`` and ``gapcheck import`` that is not rendering.

The export's typed result comes from :mod:`gapcheck.analysis.interchange`; this
module reads the inputs these commands take (an id map, a spreadsheet) and reports
what is wrong with them as :class:`ImportProblem` (file, place, what, hint): a
catalogue entry (``import.*``), English as ``str()``, said in the command's ``--lang``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gapcheck.i18n import Said, Sentence

if TYPE_CHECKING:
    from gapcheck.analysis.interchange import PortfolioExport
    from gapcheck.graph import Portfolio


class ImportProblem(Said):
    """An input of export or import that cannot be used: the message (a catalogue
    entry, ``key`` and ``values``) says where and why."""

    def __init__(self, key: str, /, *, usage: bool = True, **values: object) -> None:
        super().__init__(key, **values)
        #: True: unusable input (exit 2); False: invalid content (exit 1).
        self.usage = usage

    def __reduce__(self) -> tuple[Callable[..., ImportProblem], tuple[object, ...]]:
        return _problem, (self.key, self.usage, self.values)


def _problem(key: str, usage: bool, values: dict[str, object]) -> ImportProblem:
    """How an :class:`ImportProblem` is unpickled."""
    return ImportProblem(key, usage=usage, **values)


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
        reason = exc.strerror if isinstance(exc, OSError) else Sentence("import.not_utf8")
        raise ImportProblem("import.id_map_unreadable", path=path, reason=reason) from None
    result = read_yaml(text, str(path), positions=False)
    if result.diagnostics:
        raise ImportProblem("import.id_map_problem", problem=result.diagnostics[0].format())
    value = result.value
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    ):
        raise ImportProblem("import.id_map_not_mapping", path=path)
    return dict(value)
