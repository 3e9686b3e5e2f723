"""Limits on input, shared by the loader and the command line (which must stay light)."""

#: Data files larger than this many bytes are refused before parsing (``--max-bytes``).
MAX_BYTES = 512 * 1024 * 1024
