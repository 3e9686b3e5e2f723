"""Analyses of a :class:`~gapcheck.graph.Portfolio`: pure functions returning typed results.

Nothing here prints, reads files or imports networkx, typer or rich.
"""

from gapcheck.analysis.coverage import (
    DEFAULT_MAX_SHARE,
    DEFAULT_MIN_INITIATIVES,
    AreaCoverage,
    CoverageMatrix,
    CrowdedArea,
    Gap,
    GapReport,
    GapRollup,
    IdenticalGroup,
    InitiativeCoverage,
    OverlapPair,
    OverlapReport,
    coverage_matrix,
    find_gaps,
    find_overlaps,
    max_share_in_force,
    min_initiatives_in_force,
)
from gapcheck.analysis.diff import (
    CoverageChange,
    DiffReport,
    FieldChange,
    FocusAreaChange,
    InitiativeChange,
    diff_portfolios,
)
from gapcheck.analysis.timeline import (
    AreaTimeline,
    Timeline,
    YearSpan,
    coverage_timeline,
    default_range,
    has_years,
    year_span,
)

__all__ = [
    "DEFAULT_MAX_SHARE",
    "DEFAULT_MIN_INITIATIVES",
    "AreaCoverage",
    "AreaTimeline",
    "CoverageChange",
    "CoverageMatrix",
    "CrowdedArea",
    "DiffReport",
    "FieldChange",
    "FocusAreaChange",
    "Gap",
    "GapReport",
    "GapRollup",
    "IdenticalGroup",
    "InitiativeChange",
    "InitiativeCoverage",
    "OverlapPair",
    "OverlapReport",
    "Timeline",
    "YearSpan",
    "coverage_matrix",
    "coverage_timeline",
    "default_range",
    "diff_portfolios",
    "find_gaps",
    "find_overlaps",
    "has_years",
    "max_share_in_force",
    "min_initiatives_in_force",
    "year_span",
]
