"""Limits on input, shared by the loader and the command line (which must stay light)."""

#: Data files larger than this many bytes are refused before parsing (``--max-bytes``).
MAX_BYTES = 512 * 1024 * 1024

#: The largest ``--max-bytes`` accepted: 1 TiB.
MAX_BYTES_LIMIT = 1024**4

#: At most this many problems are reported per file; one more line says how many
#: were left out. Bounds time and memory on files with a problem on every line.
MAX_PROBLEMS = 1000

#: The largest ``min_initiatives`` accepted, in the data and on the command line: far
#: above any portfolio, and small enough that every renderer can compute with it.
MAX_MIN_INITIATIVES = 1_000_000

#: The largest ``--min-shared`` (focus areas two initiatives share) accepted.
MAX_MIN_SHARED = 1_000_000

#: The largest ``--top`` (overlapping pairs shown) accepted.
MAX_TOP = 1_000_000_000

#: No output (standard output or a file) is written past this many bytes: a general
#: defence against data that is small but makes a huge report (one value repeated by
#: aliases, a year axis, a quadratic list). Far above any real portfolio's outputs.
MAX_OUTPUT_BYTES = 256 * 1024 * 1024
