"""The plain-text printer: a document as lines that stand alone, for logs.

``validate``'s output and the problems other commands put on stderr are read in CI
logs and found with ``grep``: one line per item, no title (each line names its file,
or the data it is about), no table, no colour, no wrapping. It knows documents, not
results: the view decided the lines and their order (views/validate.py). Every text
from the data enters through ``_text`` (``safe.line``: no control character, no
``::``; see render/safe.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from gapcheck.render import safe
from gapcheck.views import document


def render(doc: document.Document) -> str:
    """``doc``'s summary, then each section's heading and blocks, a line each."""
    return "".join(line + "\n" for line in lines(doc))


def lines(doc: document.Document) -> Iterator[str]:
    for paragraph in doc.summary:
        yield from _block(paragraph)
    for section in doc.sections:
        if section.heading is not None:
            yield _text(section.heading)
        for block in section.blocks:
            yield from _block(block)


def _text(text: str) -> str:
    """Plain text: the spans from the data through ``safe.line``."""
    return document.escaped(text, safe.line)


def _block(block: document.Block) -> Iterator[str]:
    if isinstance(block, document.Paragraph):
        yield _text(document.text_of(block))
    elif isinstance(block, document.BulletList):
        sign = "" if block.sign is None else block.sign + " "
        yield from (sign + _text(document.text_of(item)) for item in block.items)
    elif isinstance(block, (document.Legend, document.Cap)):
        yield _text(block.text)
    elif isinstance(block, document.Details):
        for inner in block.blocks:
            yield from _block(inner)
    else:  # tables, charts and keys want a layout: the terminal printer (table.py)
        raise TypeError(f"no plain-text layout for {type(block).__name__}")
