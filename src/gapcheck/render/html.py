"""The HTML printer: a bundle of documents (the report, ``views/report.py``) as one
self-contained page: inline CSS (``templates/report.css``) and SVG, no script, no URL
but the data's own links.

It prints documents and decides nothing about them: each document a ``<section>``
under its title, its blocks as HTML (tables with typed columns, lists, definitions,
folded details, figures), drawings through ``svg.py`` (bar charts, the network), and
the page's chrome (header, footer, print CSS). A printer in Python rather than a
template: the page is a walk over blocks, recursive where blocks nest (details), which
a template would spread over one macro per block.

Text from the data is only ever text: every marked span passes ``safe.html`` (control
characters as visible escapes) and is then HTML-escaped; gapcheck's own words are
escaped too, and a pair of backticks in them sets a command in ``<code>``. Links come
only from ``safe.link_target`` (http and https) or from anchors within the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib.resources import files

from gapcheck.i18n import Lang
from gapcheck.render import safe, svg
from gapcheck.render.palette import heat
from gapcheck.views import document as doc

#: Below its threshold a heat cell is red whatever the scale.
_BAD_CELL = ("#fde2e1", "#7a1a12")
#: Columns of marks beyond which a grid of heat cells is set small (and big counts upright).
_DENSE = 24
_NUMERIC = ("count", "number", "money", "year")
_SIGN_CLASS = {"+": "good", "-": "bad", "~": "changed"}
_CODE = "\0"


def _text(text: str) -> str:
    """Document text as HTML: data spans through ``safe.html``, everything escaped, and
    a pair of backticks in gapcheck's own words a ``<code>`` (never in the data's)."""
    pieces = []
    for piece, untrusted in doc.spans(text):
        if untrusted:
            pieces.append(escape(safe.html(piece)).replace("`", "&#96;"))
        else:
            pieces.append(escape(piece).replace("`", _CODE))
    joined = "".join(pieces)
    parts = joined.split(_CODE)
    if len(parts) % 2 == 0:  # an odd number of backticks: no pairs to trust
        return joined.replace(_CODE, "`")
    return "".join(
        part if index % 2 == 0 else f"<code>{part}</code>" for index, part in enumerate(parts)
    )


def _attr(value: str) -> str:
    """A value for an attribute (an id or a key from the data): plain, escaped."""
    return escape(safe.html(doc.plain(value)), quote=True)


def _styled(run: str | doc.Styled) -> str:
    if not isinstance(run, doc.Styled):
        return _text(run)
    text = _text(run.text)
    if run.url is not None and (target := safe.link_target(run.url)) is not None:
        text = f'<a href="{escape(target, quote=True)}">{text}</a>'
    if run.ref is not None:
        text = f'<a href="#{_attr(run.ref)}">{text}</a>'
    if run.tone is not None and run.tag is None:
        text = f'<span class="{run.tone}">{text}</span>'
    if run.tag is not None:
        text = f'<span class="badge {run.tone or ""}">{_text(run.tag)}</span>{text}'
    if run.anchor is not None:
        text = f'<span id="{_attr(run.anchor)}">{text}</span>'
    return text


def _runs(item: str | doc.Styled | doc.Paragraph) -> str:
    if isinstance(item, doc.Paragraph):
        return "".join(_styled(run) for run in item.runs)
    return _styled(item)


def render(bundle: doc.Bundle) -> str:
    """The bundle as one HTML page."""
    css = files("gapcheck").joinpath("templates/report.css").read_text(encoding="utf-8")
    title = f"{bundle.title} · {bundle.subject}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_attr(bundle.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gapcheck">',
        f"<title>{_text(title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"  <h1>{_text(bundle.title)}</h1>",
        f'  <p class="sub">{_text(bundle.subject)}</p>',
        "</header>",
    ]
    for document in bundle.documents:
        parts += ["", *_document(document)]
    parts += ["", f"<footer>{_text(bundle.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _document(document: doc.Document) -> list[str]:
    anchor = f' id="{_attr(document.anchor)}"' if document.anchor else ""
    heading = document.title + (f": {document.subject}" if document.subject else "")
    lines = [f"<section{anchor}>", f"  <h2>{_text(heading)}</h2>"]
    lines += _blocks(document.summary, document.lang)
    for section in document.sections:
        inner = [] if section.heading is None else [f"  <h3>{_text(section.heading)}</h3>"]
        inner += _blocks(section.blocks, document.lang)
        if section.anchor:  # what a link points at: the whole section
            inner = [f'  <div id="{_attr(section.anchor)}">', *inner, "  </div>"]
        lines += inner
    return [*lines, "</section>"]


def _blocks(blocks: Sequence[doc.Block], lang: Lang) -> list[str]:
    """The blocks' HTML; consecutive captioned charts side by side."""
    lines: list[str] = []
    charts: list[str] = []
    for block in blocks:
        if isinstance(block, doc.BarChart) and block.title is not None:
            caption = f"<figcaption>{_text(block.title)}</figcaption>"
            charts.append(f"<figure>{caption}{svg.draw(block)}</figure>")
            continue
        if charts:
            lines.append(f'  <div class="charts">{"".join(charts)}</div>')
            charts = []
        lines += _block(block, lang)
    if charts:
        lines.append(f'  <div class="charts">{"".join(charts)}</div>')
    return lines


def _block(block: doc.Block, lang: Lang) -> list[str]:
    if isinstance(block, doc.Paragraph):
        text = "".join(_styled(run) for run in block.runs)
        return [f"  <p><strong>{text}</strong></p>" if block.headline else f"  <p>{text}</p>"]
    if isinstance(block, (doc.Legend, doc.Cap)):
        return [f'  <p class="note">{_text(block.text)}</p>']
    if isinstance(block, doc.BulletList):
        tag = "ol" if block.numbered else "ul"
        css = block.tone or _SIGN_CLASS.get(block.sign or "", "")
        if css == "alarm":
            css = "bad"
        items = []
        for item in block.items:
            tone = _tone_of(item) or css
            items.append(
                f'<li class="{tone}">{_runs(item)}</li>' if tone else f"<li>{_runs(item)}</li>"
            )
        return [f"  <{tag}>", *(f"    {item}" for item in items), f"  </{tag}>"]
    if isinstance(block, doc.Table):
        return _table(block, lang)
    if isinstance(block, doc.Details):
        inner = _blocks(block.blocks, lang)
        return [
            "  <details>",
            f"  <summary>{_text(block.summary)}</summary>",
            *inner,
            "  </details>",
        ]
    if isinstance(block, doc.Definitions):
        return _definitions(block)
    if isinstance(block, doc.Figures):
        tiles = "".join(
            f'<div class="tile {tone or ""}"><strong>{_text(value)}</strong>'
            f"<span>{_text(label)}</span></div>"
            for value, label, tone in block.entries
        )
        return [f'  <div class="tiles">{tiles}</div>']
    if isinstance(block, doc.Facts):
        rows = "".join(
            f"<div><dt>{_text(label)}</dt><dd>{_text(value)}</dd></div>"
            for label, value in block.entries
        )
        return [f'  <dl class="measures">{rows}</dl>']
    if isinstance(block, doc.Key):
        entries = " · ".join(
            f"<span><strong>{_text(mark)}</strong>&nbsp;{_text(meaning)}</span>"
            for mark, meaning in block.entries
        )
        return [f'  <p class="note key">{entries}</p>']
    if isinstance(block, (doc.BarChart, doc.Network)):
        return [f"  {svg.draw(block)}"]
    raise TypeError(f"no HTML for {type(block).__name__}")  # pragma: no cover


def _tone_of(item: str | doc.Styled | doc.Paragraph) -> str | None:
    first = item.runs[0] if isinstance(item, doc.Paragraph) and item.runs else item
    return first.tone if isinstance(first, doc.Styled) and first.tag is None else None


def _definitions(block: doc.Definitions) -> list[str]:
    rows = []
    for term, details in block.entries:
        dds = "".join(_detail(detail) for detail in details)
        at, shown = "", term
        if isinstance(term, doc.Styled) and term.anchor is not None:  # the whole entry
            at = f' id="{_attr(term.anchor)}"'
            shown = doc.Styled(term.text, term.tone, term.url, term.tag, None, term.ref)
        rows.append(f"    <div{at}><dt>{_styled(shown)}</dt>{dds}</div>")
    return ['  <dl class="evidence">', *rows, "  </dl>"]


def _detail(detail: str | doc.Styled) -> str:
    if isinstance(detail, doc.Styled) and detail.anchor is not None:
        plain = doc.Styled(detail.text, detail.tone, detail.url, detail.tag, None, detail.ref)
        return f'<dd id="{_attr(detail.anchor)}">{_styled(plain)}</dd>'
    return f"<dd>{_styled(detail)}</dd>"


def _table(block: doc.Table, lang: Lang) -> list[str]:
    """A table; one with mark columns is a grid: its rows named in ``<th>``, its
    columns fixed, set small when there are many (``_DENSE``)."""
    kinds = [column.kind for column in block.columns]
    marks = sum(kind == "mark" for kind in kinds)
    heats = any(isinstance(v, doc.Heat) for row in block.rows for v in row)
    named = bool(marks) or bool(block.keys)
    css = ["grid" if marks else "plain"]
    if block.keys and not marks:
        css = ["plain", "keyed"]
    if heats:
        css.append("heat")
        if marks > _DENSE:
            peak = max(
                (v.value for row in block.rows for v in row if isinstance(v, doc.Heat)), default=0
            )
            css.append("dense")
            css += ["vertical"] if peak >= 1000 else ["tiny"] if peak >= 100 else []
    upright = "vertical" in css
    cols = "".join("<col>" if i else '<col class="names">' for i in range(len(kinds)))
    lines = [f'  <table class="{" ".join(css)}">', f"    <colgroup>{cols}</colgroup>"]
    head = []
    for column in block.columns:
        attrs = ' scope="col"'
        if column.kind == "mark":
            attrs += ' class="mark"'
        if column.key is not None:
            attrs += f' data-key="{_attr(column.key)}"'
        if column.heat is not None:
            background, colour = heat(column.heat.value, column.heat.peak)
            attrs += f' style="background: {background}; color: {colour}"'
        text = _text(column.heading)
        head.append(
            f"<th{attrs}>{f'<span>{text}</span>' if heats and column.kind == 'mark' else text}</th>"
        )
    lines.append(f"    <thead><tr>{''.join(head)}</tr></thead>")
    lines.append("    <tbody>")
    for index, row in enumerate(block.rows):
        key = f' data-key="{_attr(block.keys[index])}"' if block.keys else ""
        tone = block.tones[index] if block.tones else None
        tr = f"<tr{key}{f' class={chr(34)}{tone}{chr(34)}' if tone else ''}>"
        cells = [
            _cell(value, column, lang, header=named and i == 0, upright=upright)
            for i, (value, column) in enumerate(zip(row, block.columns, strict=True))
        ]
        lines.append(f"      {tr}{''.join(cells)}</tr>")
    lines.append("    </tbody>")
    if block.total is not None:
        cells = [
            _cell(value, column, lang, header=i == 0, total=True)
            for i, (value, column) in enumerate(zip(block.total, block.columns, strict=True))
        ]
        lines.append(f"    <tfoot><tr>{''.join(cells)}</tr></tfoot>")
    return [*lines, "  </table>"]


def _cell(
    value: doc.Value,
    column: doc.Column,
    lang: Lang,
    *,
    header: bool = False,
    total: bool = False,
    upright: bool = False,
) -> str:
    if header:
        return f'<th scope="row">{_value(value, column.kind, lang)}</th>'
    css: list[str] = []
    attrs = ""
    if column.kind in _NUMERIC:
        css.append("num")
    if column.kind == "mark" and not total:
        css.append("mark")
    if total and column.key is not None:
        attrs += f' data-key="{_attr(column.key)}"'
    text = _value(value, column.kind, lang)
    if isinstance(value, doc.Styled):
        if value.tone is not None:
            css.append(value.tone)
        if value.tag is not None:
            text = f'{_text(value.text)}<span class="flag">{_text(value.tag)}</span>'
    if isinstance(value, doc.Heat):
        background, colour = _BAD_CELL if value.tone == "bad" else heat(value.value, value.peak)
        attrs += f' style="background: {background}; color: {colour}"'
        if upright:
            text = f"<span>{text}</span>"
    klass = f' class="{" ".join(css)}"' if css else ""
    return f"<td{klass}{attrs}>{text}</td>"


def _value(value: doc.Value, kind: str, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, doc.Styled):
        return _styled(doc.Styled(value.text, None, value.url, None, value.anchor, value.ref))
    if isinstance(value, (doc.Heat, doc.Tree)):
        return _text(value.text)
    if isinstance(value, doc.Bar):
        return str(value.value)
    if isinstance(value, doc.Strip):
        return "".join(_square(cell) for cell in value.cells)
    if kind == "money":
        from gapcheck.render import money

        return money.number(value, lang)  # type: ignore[arg-type]
    return _text(value) if isinstance(value, str) else str(value)


def _square(cell: doc.Heat) -> str:
    """A square of a strip: red or amber for a gap, else on the heat scale."""
    style = "" if cell.tone else f' style="background: {heat(cell.value, cell.peak)[0]}"'
    return f'<span class="sq {cell.tone or ""}"{style} title="{_attr(cell.text)}"></span>'
