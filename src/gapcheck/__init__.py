"""gapcheck: which focus areas are served by too many initiatives, and which by too few.

The public Python API mirrors the command line::

    from gapcheck.loader import load_dataset
    from gapcheck.graph import Portfolio
    from gapcheck.analysis import coverage_matrix, find_gaps, find_overlaps
"""

__version__ = "0.1.0"
