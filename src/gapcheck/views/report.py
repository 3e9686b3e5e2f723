"""The report as documents: the views of the results it holds, in the report's order.

The report for a Word processor (``render/docx.py``) is these documents one after the
other, under the report's title: the portfolio in one screen, the changes since
``--base`` right after it, then the matrix, the gaps, the overlaps, the money (where
the data has budgets) and the timeline (where it has years). Each is the result's
own view, as every other format shows it; inside the report no list is folded away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcheck.i18n import Lang, t
from gapcheck.views.document import Document
from gapcheck.views.options import Options, subject

if TYPE_CHECKING:
    from gapcheck.analysis.report import Report


def title(report: Report, lang: Lang) -> tuple[str, str]:
    """The report's title and its subject (the data it is about, marked)."""
    return t("title.report", lang), subject(report.data, report.at, lang, report.title)


def documents(report: Report, lang: Lang) -> tuple[Document, ...]:
    """The documents of the report, in its order (only those the data has)."""
    from gapcheck import views

    options = Options(lang, None, report.ids, None, fold=False)
    results = (
        report.portfolio,
        report.diff,
        report.matrix,
        report.gaps,
        report.overlaps,
        report.spend,
        report.timeline,
    )
    return tuple(views.build(result, options) for result in results if result is not None)
