"""``python -m gapcheck``."""

from gapcheck.cli import main

main()
