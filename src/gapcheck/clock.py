"""The one place gapcheck reads the clock; the core takes years and dates as parameters.

``GAPCHECK_TODAY=YYYY-MM-DD`` pins the date gapcheck counts as today: a report can be
made again exactly as it was on that day, and the golden-output tests run on a fixed
date. A value that is not a date is ignored (the real date is used).
"""

from __future__ import annotations

import os
from datetime import date

ENV = "GAPCHECK_TODAY"


def today() -> date:
    """Today's date, or the one ``GAPCHECK_TODAY`` names."""
    pinned = os.environ.get(ENV, "")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


def this_year() -> int:
    """The current year (of :func:`today`)."""
    return today().year
