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

# Spreadsheets read by ``gapcheck import`` (see docs/interchange.md, "Limits"). A table
# of initiatives and focus areas is far below each; each bounds what a small hostile
# file could make the reader spend.

#: The most a spreadsheet cell holds (Excel's limit, in characters): a longer cell is
#: refused at the cell as soon as its text passes this, before it is held.
MAX_CELL_CHARS = 32_767

#: The last row and column a spreadsheet has (Excel's and LibreOffice's 1,048,576 rows
#: and 16,384 columns, A to XFD): a cell beyond is refused.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384

#: The most bytes import reads: a CSV file, or the parts of a workbook it parses (the
#: workbook, the sheet and its shared strings) as decompressed, checked before parsing.
#: A dense 1,790 x 691 matrix is about 40-60 MB of sheet XML.
MAX_SHEET_BYTES = 128 * 1024 * 1024

#: The most entries import reads: XML elements of a workbook's parts, or CSV fields,
#: empty ones included. Bounds the time a sheet of empty cells can take.
MAX_SHEET_ENTRIES = 5_000_000

#: The most filled cells import keeps (a dense 1,790 x 691 matrix has 1.24 million).
MAX_FILLED_CELLS = 2_000_000

#: The most marks one import writes. Import writes YAML and validates it, at about
#: 0.1 ms of CPU and 2 KB of memory per mark, far more than reading a cell costs; a
#: workbook of marks compresses so well that a few megabytes could hold millions.
#: 50,000 is 28 times the marks of a 1,790 x 691 portfolio (atomic-red-team).
MAX_IMPORT_MARKS = 50_000
