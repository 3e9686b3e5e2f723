"""One renderer per output format: ``render(result) -> str``.

Renderers import their own heavy dependencies (rich) only when used, so that
machine formats never pay for them.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gapcheck.i18n import Lang


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"


class CheckFormat(StrEnum):
    """The formats of commands that can fail a CI check: the four, GitHub annotations, SARIF."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    GITHUB = "github"
    SARIF = "sarif"


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


def render(
    result: Any,
    fmt: OutputFormat | str = OutputFormat.TABLE,
    *,
    color: bool = False,
    width: int = 100,
    lang: Lang = "en",
    limit: int | None = None,
    ids: bool = False,
) -> str:
    """An analysis result in ``fmt``: JSON from the result itself (its contract), the
    other formats from its view's document (``gapcheck.views``).

    ``fmt`` is an :class:`OutputFormat` or its name: ``"table"``, ``"json"``,
    ``"markdown"`` or ``"csv"``. ``limit``: at most that many items of each list
    (``caps.ALL`` for all; by default the table and Markdown show the worst few and
    say what they left out, JSON and CSV everything). ``ids``: show every id.
    """
    if not isinstance(fmt, OutputFormat):
        try:
            fmt = OutputFormat(str(fmt).lower())
        except ValueError:
            choices = ", ".join(repr(f.value) for f in OutputFormat)
            raise ValueError(f"unknown format {fmt!r}; use one of {choices}") from None
    from gapcheck import views
    from gapcheck.contract import limited

    if fmt is OutputFormat.JSON:
        from gapcheck.render import json

        return json.render(limited(result, limit))
    options = views.Options(lang, limit, ids, width if fmt is OutputFormat.TABLE else None)
    if fmt is OutputFormat.CSV:  # every row (or --limit's first N of each list)
        from gapcheck.render import csv

        spreadsheet = dataclasses.replace(options, spreadsheet=True)
        return csv.render(views.build(limited(result, limit), spreadsheet))
    doc = views.build(result, options)
    if fmt is OutputFormat.MARKDOWN:
        from gapcheck.render import markdown

        return markdown.render(doc)
    from gapcheck.render import table

    return table.render(doc, color=color, width=width)


def report(result: Any, fmt: str, lang: Lang = "en") -> str | bytes:
    """The report (``analysis.report.Report``) as ``fmt``: ``html`` (one self-contained
    page), ``markdown`` or ``docx`` (a Word document's bytes): the report's view
    (``views/report.py``) for that medium, printed by the format's printer."""
    from gapcheck.views import report as view

    if fmt == "html":
        from gapcheck.render import html

        return html.render(view.bundle(result, lang, "page"))
    if fmt == "docx":
        from gapcheck.render import docx

        return docx.render(view.bundle(result, lang, "paper"))
    from gapcheck.render import markdown

    return markdown.render(view.bundle(result, lang, "markdown"))
