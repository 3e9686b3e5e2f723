"""``gapcheck init``: a new data directory with commented example files that validate."""

from __future__ import annotations

import os
from pathlib import Path

from gapcheck import schema
from gapcheck.fileio import write_atomic
from gapcheck.loader import FOCUS_AREAS_FILE, INITIATIVES_FILE, InputError

SCHEMA_DIR = "schema"

FOCUS_AREAS_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# The focus areas (goals, challenges) that initiatives are meant to serve.
# Format: gapcheck schema focus-areas. Check with: gapcheck validate
#
# Optional: the portfolio's name, shown in every heading and in the report.
title: Regional strategy 2030

# Optional policy for this repository (command-line options win over it):
thresholds:
  min_initiatives: 2   # an area with fewer initiatives is "thin"
  max_share: 0.5       # an area served by more than half of all initiatives is "crowded"

focus_areas:
  - id: skills                       # lowercase letters, digits, '.', '_' and '-'
    name: Skills and recruitment     # shown in reports; any language
    source: "Strategy 2030, section 2.1"   # optional: where this comes from
  - id: skills.digital               # optional hierarchy: a sub-area of 'skills'
    name: Digital skills
    parent: skills
  - id: visibility
    name: Visibility and branding
    description: Make the region known abroad.   # optional
    min_initiatives: 1               # optional: this area's own threshold
"""

INITIATIVES_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# The initiatives (programmes, offices, funds, projects) and the focus areas each serves.
# Format: gapcheck schema initiatives. Check with: gapcheck validate

initiatives:
  - id: talent-programme
    name: Talent programme
    owner: Regional growth forum     # optional
    start: 2024                      # optional first year, inclusive
    end: 2027                        # optional last year, inclusive; omit while running
    focus_areas:
      - skills.digital               # short form: a focus-area id
      - id: visibility               # long form: an id with evidence
        note: "Section 3: 'the programme markets the region to students abroad'"
  - id: events-fund
    name: Events fund
    focus_areas: [visibility]
"""


def init_data_dir(directory: Path) -> list[Path]:
    """Write the example files (and the JSON Schemas they name) into ``directory``.

    Refuses, with :class:`InputError`, to overwrite any file that exists, a link
    included, even one created while gapcheck runs (see :mod:`gapcheck.fileio`).
    """
    targets = {
        directory / FOCUS_AREAS_FILE: FOCUS_AREAS_TEMPLATE.format(
            schema=f"{SCHEMA_DIR}/{schema.file_name('focus-areas')}"
        ),
        directory / INITIATIVES_FILE: INITIATIVES_TEMPLATE.format(
            schema=f"{SCHEMA_DIR}/{schema.file_name('initiatives')}"
        ),
        **{
            directory / SCHEMA_DIR / schema.file_name(kind): schema.render(kind)
            for kind in schema.KINDS
        },
    }
    # lexists: a link counts as existing even when it points nowhere.
    existing = [path for path in targets if os.path.lexists(path)]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise InputError(f"refusing to overwrite {names}")
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory}: exists and is not a directory")
    try:
        (directory / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
        for path, text in targets.items():
            # Exclusive: a file that appeared since the check above is not replaced.
            write_atomic(path, text, exclusive=True)
    except FileExistsError as exc:
        raise InputError(f"refusing to overwrite {exc.filename or directory}") from None
    except OSError as exc:
        raise InputError(f"cannot write into {directory}: {exc.strerror or exc}") from None
    return list(targets)
