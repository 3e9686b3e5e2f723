"""Colours shared by the terminal and HTML renderings.

A sequential blue scale (readable by colour-blind readers); every coloured cell
also carries a mark or a number, so nothing depends on colour alone.
"""

from __future__ import annotations

HEAT = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")


def heat(value: int, peak: int) -> tuple[str, str]:
    """Background and text colour for a count on a scale up to ``peak``."""
    if peak <= 0:
        return HEAT[0], "#111111"
    step = min(len(HEAT) - 1, round(value * (len(HEAT) - 1) / peak))
    return HEAT[step], "#ffffff" if step >= len(HEAT) - 2 else "#111111"
