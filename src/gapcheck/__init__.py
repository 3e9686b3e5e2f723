"""gapcheck: which focus areas are served by too many initiatives, and which by too few.

The Python API mirrors the command line (see :mod:`gapcheck.api`)::

    import gapcheck

    from gapcheck.render import render

    dataset = gapcheck.load("data")
    print(render(gapcheck.find_gaps(dataset), "json"))

(``gapcheck.render`` is the package of renderers; its ``render`` takes a result and a
format, an :class:`~gapcheck.render.OutputFormat` or its name.) The API's names are
loaded on first use, so that ``import gapcheck`` (and
``gapcheck --version``) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gapcheck.api import (
        InputError,
        InvalidData,
        UsageError,
        compare,
        coverage_matrix,
        coverage_timeline,
        data_year,
        diff_portfolios,
        export,
        find_gaps,
        find_overlaps,
        import_spreadsheet,
        load,
        load_data,
        load_side,
        open_portfolio,
        report,
        select,
        validate,
        what_if,
        year_counted,
    )
    from gapcheck.graph import Portfolio
    from gapcheck.listener import Listener
    from gapcheck.model import Dataset
    from gapcheck.render import OutputFormat

#: Where the names of ``__all__`` that are not :mod:`gapcheck.api`'s come from (they
#: are imported there, or are what its functions take and give).
_ELSEWHERE = {
    "Dataset": "gapcheck.model",
    "Portfolio": "gapcheck.graph",
    "Listener": "gapcheck.listener",
    "OutputFormat": "gapcheck.render",
}

__all__ = [
    "Dataset",
    "InputError",
    "InvalidData",
    "Listener",
    "OutputFormat",
    "Portfolio",
    "UsageError",
    "__version__",
    "compare",
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
    "report",
    "select",
    "validate",
    "what_if",
    "year_counted",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'gapcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_ELSEWHERE.get(name, "gapcheck.api")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
