"""Limits on input, shared by the loader and the command line (which must stay light)."""

#: Data files larger than this many bytes are refused before parsing (``--max-bytes``).
MAX_BYTES = 512 * 1024 * 1024

#: At most this many problems are reported per file; one more line says how many
#: were left out. Bounds time and memory on files with a problem on every line.
MAX_PROBLEMS = 1000
