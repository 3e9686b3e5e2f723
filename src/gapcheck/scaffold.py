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

FOCUS_AREAS_TEMPLATE_DA = """\
# yaml-language-server: $schema={schema}
#
# Fokusområderne (mål og udfordringer), som initiativerne skal dække.
# Formatet: gapcheck schema focus-areas. Kontrollér med: gapcheck validate
# Nøglerne (id, name, parent ...) skrives på engelsk; navne og noter på dansk.
#
# Valgfrit: porteføljens navn, som står i alle overskrifter og i rapporten.
title: Regional strategi 2030

# Valgfri politik for disse data (valg på kommandolinjen går forud):
thresholds:
  min_initiatives: 2   # et fokusområde med færre initiativer er tyndt dækket
  max_share: 0.5       # et fokusområde, som over halvdelen af initiativerne dækker, er overbelastet

# Valgfrit: porteføljens egne ord for initiativer og fokusområder i rapporter og tabeller
# (dansk: ental, flertal, bestemt ental, bestemt flertal; engelsk: ental, flertal).
# terms:
#   da:
#     initiative: [indsats, indsatser, indsatsen, indsatserne]
#     focus_area: [indsatsområde, indsatsområder, indsatsområdet, indsatsområderne]

focus_areas:
  - id: arbejdskraft                 # små bogstaver, cifre, '.', '_' og '-'
    name: Behov for specialiseret arbejdskraft   # vises i rapporter
    source: "Strategi 2030, afsnit 2.1"          # valgfrit: hvor det kommer fra
  - id: arbejdskraft.digital         # valgfrit hierarki: et underområde af 'arbejdskraft'
    name: Digitale kompetencer
    parent: arbejdskraft
  - id: synlighed
    name: Synlighed og branding
    description: Gøre regionen kendt i udlandet.   # valgfrit
    min_initiatives: 1               # valgfrit: fokusområdets egen tærskel
"""

INITIATIVES_TEMPLATE_DA = """\
# yaml-language-server: $schema={schema}
#
# Initiativerne (programmer, kontorer, puljer, projekter) og de fokusområder, hvert dækker.
# Formatet: gapcheck schema initiatives. Kontrollér med: gapcheck validate

currency: DKK                        # valgfrit: valutaen for alle budgetter (ISO 4217)

owners:                              # valgfrit: hvem der står for initiativerne
  - id: vaekstforum
    name: Vækstforum Midtjylland
    level: regional                  # municipal, regional, national, eu, international ...
  - id: aarhus-kommune
    name: Aarhus Kommune
    level: municipal

initiatives:
  - id: talentprogram
    name: Talentprogram
    owner: vaekstforum               # valgfrit: en ejer fra listen ovenfor
    budget: 1_500_000                # valgfrit: budget pr. år i valutaen ovenfor
    start: 2024                      # valgfrit første år, inklusive
    end: 2027                        # valgfrit sidste år, inklusive; udelades, mens det kører
    focus_areas:
      - arbejdskraft.digital         # kort form: et fokusområdes id
      - id: synlighed                # lang form: et id med belæg
        note: "Afsnit 3: 'programmet markedsfører regionen over for udenlandske studerende'"
  - id: eventpulje
    name: Pulje til store begivenheder
    owner: aarhus-kommune
    budget: {{2025: 400_000, 2026: 600_000}}   # eller et beløb pr. år
    focus_areas: [synlighed]
"""

TEMPLATES = {
    "en": (FOCUS_AREAS_TEMPLATE, INITIATIVES_TEMPLATE),
    "da": (FOCUS_AREAS_TEMPLATE_DA, INITIATIVES_TEMPLATE_DA),
}


def init_data_dir(directory: Path, lang: str = "en") -> list[Path]:
    """Write the example files (and the JSON Schemas they name) into ``directory``, their
    comments and example names in ``lang`` (``en`` or ``da``).

    Refuses, with :class:`InputError`, to overwrite any file that exists, a link
    included, even one created while gapcheck runs (see :mod:`gapcheck.fileio`).
    """
    areas, initiatives = TEMPLATES[lang]
    targets = {
        directory / FOCUS_AREAS_FILE: areas.format(
            schema=f"{SCHEMA_DIR}/{schema.file_name('focus-areas')}"
        ),
        directory / INITIATIVES_FILE: initiatives.format(
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
        raise InputError("input.refuse_overwrite", names=names)
    if directory.exists() and not directory.is_dir():
        raise InputError("input.exists_not_directory", path=directory)
    try:
        (directory / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
        for path, text in targets.items():
            # Exclusive: a file that appeared since the check above is not replaced.
            write_atomic(path, text, exclusive=True)
    except FileExistsError as exc:
        raise InputError("input.refuse_overwrite", names=exc.filename or directory) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError("input.cannot_write_into", path=directory, reason=reason) from None
    return list(targets)
