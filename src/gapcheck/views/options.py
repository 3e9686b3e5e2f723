"""What a reader chooses about a view, and the helpers every view shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from gapcheck.i18n import Lang
from gapcheck.render import caps
from gapcheck.views.document import Cap, data

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Options:
    """``lang``; ``limit``: ``--limit N`` (``caps.ALL`` for ``--all``, None for each
    list's default cap); ``ids``: name every item with its id; ``width``: the
    terminal's width when the document is for a terminal (None: a page, any width);
    ``fold``: a page may fold long lists away (False inside the report, which bounds
    what it embeds itself); ``spreadsheet``: the document is for CSV, so the view builds
    its ``records`` (every row: only then)."""

    lang: Lang = "en"
    limit: int | None = None
    ids: bool = False
    width: int | None = None
    fold: bool = True
    spreadsheet: bool = False

    def cap(self, items: Sequence[T], default: int) -> tuple[Sequence[T], int]:
        """The items to show (``--limit``, else ``default``) and how many were left out."""
        return caps.cap(items, self.limit, default)

    def more(self, hidden: int, full: str = "csv") -> tuple[Cap, ...]:
        """The note for a list that left ``hidden`` items out (none when it left none)."""
        return (Cap(caps.more(hidden, self.lang, full=full), hidden),) if hidden else ()


def subject(label: str, at: int | None, lang: Lang, title: str | None) -> str:
    """How a title names the data: its title (else its label), and the year counted."""
    from gapcheck.locate import BUNDLED
    from gapcheck.render import words

    marked = label if label == BUNDLED else data(label)  # the demo is named in our words
    if title is not None and label != BUNDLED and title.rstrip().endswith(f" {at}"):
        at = None  # "… Midtjylland 2025" says its year: not "…2025, as of 2025"
    return words.dataset(marked, at, lang, None if title is None else data(title))


def counted(result: Any, options: Options, *, hierarchy: bool = True) -> list[str]:
    """What was counted, when not the default (a roll-up policy other than ``any`` where
    the focus areas form a tree, the ``--where`` conditions): sentences for a legend."""
    from gapcheck.render import words

    return words.counted(result, options.lang, hierarchy=hierarchy, escape=data)


def labels(names: Mapping[str, str], options: Options) -> dict[str, str]:
    """Id -> how a list names it (its name from the data, with its id where names repeat
    or with ``--ids``)."""
    from gapcheck.render import words

    return words.labels(
        ((i, data(n)) for i, n in names.items()), ids=options.ids, lang=options.lang
    )
