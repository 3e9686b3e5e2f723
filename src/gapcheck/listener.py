"""What an API call tells while it works (see :mod:`gapcheck.api`).

Apart from the API, and light, so that the command line can print it without
importing what the API needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.analysis.timeline import YearSpan
    from gapcheck.diagnostics import Diagnostic
    from gapcheck.i18n import Sentence


@dataclass(frozen=True, slots=True)
class Merge:
    """An import into the data in ``folder``: what it changes (``final``: it is written),
    how much of what the sheet does not say it keeps (a count per kind: budgets, owners,
    years, notes), and (a dry run) what it would lose without --force. A change is a
    sentence of the catalogue (``merge.*``): ``str()`` the English, ``.text(lang)``."""

    folder: Path
    changes: Sequence[Sentence]
    kept: Mapping[str, int]
    final: bool
    lose: Sequence[Sentence] = ()


class Listener:
    """The command line prints what it hears on stderr (and the files it creates on
    stdout); this default keeps quiet, for Python users, who get results and exceptions."""

    def problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Warnings in data that was read all the same."""

    def bundled(self) -> None:
        """No data was found: the bundled demo dataset stands in."""

    def nothing_active(self, year: int, span: YearSpan) -> None:
        """No initiative is active in ``year``, the year counted (the data covers ``span``)."""

    def step(self, description: str) -> None:
        """A long step begins (for a progress display)."""

    def created(self, path: Path) -> None:
        """``path`` was written."""

    def updated(self, path: Path) -> None:
        """``path``, which held data, was written with the import merged into it."""

    def merging(self, merge: Merge) -> None:
        """An import is merged into data that exists (see :class:`Merge`)."""


QUIET = Listener()
