"""Ids made from names: one rule for ``import``, the workbook reader and the loader's hints."""

from __future__ import annotations

import re
import unicodedata

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})


def spell_out(text: str) -> str:
    """Lowercase, æ/ø/å/ä/ö/ü/ß spelled out (``grøn`` -> ``groen``), other letters unaccented."""
    text = text.casefold().replace("ß", "ss").translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def slug(name: str, fallback: str) -> str:
    """An id from a name: :func:`spell_out`, then runs of other characters as ``-``."""
    # A dot between digits stays (an ATT&CK id T1059.005 is t1059.005, a section 3.2
    # stays 3.2); every other run of other characters is one '-'.
    text = re.sub(r"(?:[^a-z0-9.]|(?<![0-9])\.|\.(?![0-9]))+", "-", spell_out(name))
    text = text.strip("-")[:60].strip("-.")
    return text or fallback


def unique_ids(names: list[str], fallback: str) -> list[str]:
    """Slugs of ``names``, a repeated one as ``-2``, ``-3``, ..."""
    taken: set[str] = set()
    ids = []
    for name in names:
        base = slug(name, fallback)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        ids.append(candidate)
    return ids
