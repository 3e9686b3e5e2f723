"""Views: one module per analysis result, each with ``view(result, options) -> Document``.

A view decides once what people see of its result: the title, the summary, the
sections in their order, each list's cap and its "… and N more" note, the legends,
and the flat table for spreadsheets. The printers in ``render/`` print the document
and know nothing of the result. Modules are imported when their result is printed.
"""

from __future__ import annotations

import importlib
from typing import Any

from gapcheck.views.document import Document
from gapcheck.views.options import Options

#: Result type name -> the module of its view.
_MODULES = {
    "AttributeMatrix": "gapcheck.views.attributes",
    "Comparison": "gapcheck.views.compare",
    "CoverageMatrix": "gapcheck.views.matrix",
    "CriticalReport": "gapcheck.views.critical",
    "DiffReport": "gapcheck.views.diff",
    "GapReport": "gapcheck.views.gaps",
    "OverlapReport": "gapcheck.views.overlaps",
    "PortfolioSummary": "gapcheck.views.summary",
    "SpendReport": "gapcheck.views.spend",
    "Timeline": "gapcheck.views.timeline",
    "ValidationReport": "gapcheck.views.validate",
    "WhatIfReport": "gapcheck.views.whatif",
}


def has_view(result: object) -> bool:
    return type(result).__name__ in _MODULES


def build(result: Any, options: Options | None = None) -> Document:
    """The document of ``result`` (see :class:`Options` for the choices a reader makes)."""
    name = _MODULES.get(type(result).__name__)
    if name is None:
        raise TypeError(f"no view of {type(result).__name__}")
    module = importlib.import_module(name)
    built: Document = module.view(result, options or Options())
    return built


__all__ = ["Document", "Options", "build", "has_view"]
