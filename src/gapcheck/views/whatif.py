"""The view of ``whatif``: the portfolio without some initiatives, as a diff against today."""

from __future__ import annotations

from gapcheck.analysis import WhatIfReport
from gapcheck.i18n import t
from gapcheck.render import money, words
from gapcheck.views import diff
from gapcheck.views.document import Document, Paragraph, Records, Section, Styled, data
from gapcheck.views.options import Options, subject


def view(result: WhatIfReport, options: Options) -> Document:
    lang = options.lang
    changes = result.diff
    without = words.names(result.without, changes.names, data)
    summary = [Paragraph((Styled(t("whatif.without", lang), "strong"), without))]
    freed = money.freed_line(result, lang)
    if freed is not None:
        summary.append(Paragraph.of(freed, "strong"))
    headline, sections = diff.parts(changes, options)  # the diff says its heading once: here
    sections.insert(0, Section(None, (headline,)))
    if result.orphaned:
        orphaned = words.names(result.orphaned, changes.area_names, data)
        sections.append(
            Section(None, (Paragraph((Styled(t("whatif.orphaned", lang), "bad"), orphaned)),))
        )
    return Document(
        t("title.whatif", lang),
        subject(changes.base, result.at, lang, result.title),
        lang,
        tuple(summary),
        tuple(sections),
        _records(result) if options.spreadsheet else None,
    )


def _records(result: WhatIfReport) -> Records:
    """The diff's rows, then a row per initiative removed and per focus area orphaned."""
    found = diff.view(result.diff, Options(spreadsheet=True)).records
    assert found is not None
    rows = list(found.rows)
    rows += [("without", i, "removed", "", "", "") for i in result.without]
    rows += [("focus_area", a, "orphaned", "", "", "") for a in result.orphaned]
    if result.freed is not None:
        rows.append(("money", "", "freed", "", str(result.freed), result.currency or ""))
    return Records(found.columns, tuple(rows))
