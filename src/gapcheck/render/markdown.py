"""The Markdown printer: a document (views/document.py) as Markdown, for wikis, pull
requests and job summaries; a bundle of documents (the report, ``views/report.py``)
as its title and each document one heading level below.

Text from the data enters the Markdown through ``_md``, which applies
``safe.markdown`` to the marked spans; gapcheck's own words and the Markdown it
writes (``**total**``) are left as they are. Drawings (bar charts, networks, strips
of squares) are left to the HTML report.
"""

from __future__ import annotations

from collections.abc import Sequence

from gapcheck.i18n import Lang
from gapcheck.render import safe
from gapcheck.views import document

#: Untrusted text for a line of Markdown.
_text = safe.markdown


def render(doc: document.Document | document.Bundle) -> str:
    """A document, or a bundle of documents (the report), as Markdown."""
    if isinstance(doc, document.Bundle):
        return "\n".join(bundle_lines(doc)) + "\n"
    return "\n".join(document_lines(doc)) + "\n"


def bundle_lines(bundle: document.Bundle) -> list[str]:
    """``## title: subject``, then each document one level below (the footer is the
    page's: Markdown is pasted into a page that says where it came from)."""
    lines = [f"## {_md(bundle.title)}: {_md(bundle.subject)}"]
    for doc in bundle.documents:
        lines += ["", *document_lines(doc, level=3)]
    return lines


def _md(text: str) -> str:
    return document.escaped(text, _text)


def _md_cell(value: document.Value, kind: str, lang: Lang) -> str:
    if isinstance(value, document.Styled) and value.url is not None:
        return safe.markdown_link(_md(value.text), value.url)
    if isinstance(value, document.Styled) and value.tone == "alarm":
        return f"**{_md(value.text)}**"
    if isinstance(value, document.Styled) and value.tag is not None:
        return f"**{_md(value.tag)}** {_md(value.text)}"
    if isinstance(value, (document.Styled, document.Heat)):
        return _md(value.text)
    if isinstance(value, document.Tree):
        return "&nbsp;&nbsp;" * value.depth + _md(value.text)
    if value is None:
        return ""
    if isinstance(value, document.Bar):
        return str(value.value)
    if kind == "money":
        from gapcheck.render import money

        return money.number(value, lang)  # type: ignore[arg-type]
    return _md(value) if isinstance(value, str) else str(value)


def _md_table(block: document.Table, lang: Lang) -> list[str]:
    """A pipe table; bar and strip columns are left out (Markdown leaves drawings to HTML)."""
    kinds = [column.kind for column in block.columns]
    keep = [kind not in ("bar", "strip") for kind in kinds]
    columns = [column for column, kept in zip(block.columns, keep, strict=True) if kept]

    def row(values: Sequence[document.Value], bold: bool = False) -> str:
        cells = [
            _md_cell(v, k, lang) for v, k, kept in zip(values, kinds, keep, strict=True) if kept
        ]
        if bold:
            cells = [f"**{cell}**" if cell else "" for cell in cells]
        return "| " + " | ".join(cells) + " |"

    lines = ["| " + " | ".join(_md(c.heading) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    lines += [row(values) for values in block.rows]
    if block.total is not None:
        lines.append(row(block.total, bold=True))
    return lines


def _md_block(block: document.Block, lang: Lang) -> list[str]:
    """A block's lines; none for a drawing (Markdown leaves charts to the HTML report)."""
    if isinstance(block, document.Table):
        return _md_table(block, lang)
    if isinstance(block, document.Paragraph):
        text = "".join(_md_cell(run, "text", lang) for run in block.runs)
        return [f"**{text}**" if block.headline else text]
    if isinstance(block, document.BulletList):
        items = [
            "".join(_md_cell(run, "text", lang) for run in item.runs)
            if isinstance(item, document.Paragraph)
            else _md_cell(item, "text", lang)
            for item in block.items
        ]
        if block.numbered:
            return [f"{number}. {item}" for number, item in enumerate(items, start=1)]
        return [f"- {item}" for item in items]
    if isinstance(block, document.Facts):
        return [" · ".join(f"{_md(label)}: {_md(value)}" for label, value in block.entries)]
    if isinstance(block, document.Figures):
        return [" · ".join(f"**{_md(value)}** {_md(label)}" for value, label, _ in block.entries)]
    if isinstance(block, document.Definitions):
        return [
            f"- **{_md_cell(term, 'text', lang)}**"
            + "".join(f" {_md_cell(detail, 'text', lang)}" for detail in details)
            for term, details in block.entries
        ]
    if isinstance(block, (document.Legend, document.Cap)):
        return [_md(block.text)]
    if isinstance(block, document.Details):
        lines = ["<details>", f"<summary>{_md(block.summary)}</summary>"]
        for inner in block.blocks:
            lines += ["", *_md_block(inner, lang)]
        return [*lines, "", "</details>"]
    if isinstance(block, (document.BarChart, document.Network)):
        return []
    if isinstance(block, document.Key):
        return [f"{_md(mark)}: {_md(meaning)}" for mark, meaning in block.entries]
    raise TypeError(f"no Markdown for {type(block).__name__}")  # pragma: no cover


def document_lines(doc: document.Document, level: int = 2) -> list[str]:
    """The document as Markdown lines: ``## title: subject`` (the title alone when it
    has no subject), then every block, a blank line between blocks; section headings
    one level below the title."""
    blocks: list[list[str]] = [_md_block(p, doc.lang) for p in doc.summary]
    for section in doc.sections:
        if section.heading is not None:
            blocks.append([f"{'#' * (level + 1)} {_md(section.heading)}"])
        blocks += [_md_block(block, doc.lang) for block in section.blocks]
    about = f": {_md(doc.subject)}" if doc.subject else ""
    lines = [f"{'#' * level} {_md(doc.title)}{about}"]
    for block in blocks:
        if block:
            lines += ["", *block]
    return lines
