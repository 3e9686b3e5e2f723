"""The message catalogue: every heading, label and sentence of the human formats.

One catalogue serves the terminal tables, Markdown and the HTML report, in English
(``en``, the default) and Danish (``da``). Data text (names, notes) is shown as
written, escaped for each output by ``render/safe.py``. Problem messages are made in
English (their codes are documented there) and shown in Danish through
:data:`PROBLEMS` (:func:`problem_text`).

Counted phrases: a number is never written into a message beside a noun or
adjective of its own; it comes from :func:`count`, which takes the singular for
exactly 1 and the plural for 0 and for more (in both languages), or the message
has a variant for 1 (``*.one``). ``tests/test_counts.py`` renders every counted
phrase for 0, 1 and 2 in both languages and checks this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Lang = Literal["en", "da"]
LANGS: tuple[Lang, ...] = ("en", "da")

#: Nouns with their singular and plural forms.
NOUNS: dict[str, dict[Lang, tuple[str, str]]] = {
    "initiative": {"en": ("initiative", "initiatives"), "da": ("initiativ", "initiativer")},
    "focus_area": {"en": ("focus area", "focus areas"), "da": ("fokusområde", "fokusområder")},
    "gap": {"en": ("gap", "gaps"), "da": ("hul", "huller")},
    "mark": {"en": ("mark", "marks"), "da": ("markering", "markeringer")},
    "group": {"en": ("group", "groups"), "da": ("gruppe", "grupper")},
    "crowded_area": {
        "en": ("crowded focus area", "crowded focus areas"),
        "da": ("overbelastet fokusområde", "overbelastede fokusområder"),
    },
    "pair": {"en": ("overlapping pair", "overlapping pairs"), "da": ("overlappende par",) * 2},
    "error": {"en": ("error", "errors"), "da": ("fejl", "fejl")},
    # Adjectives counted on their own: "1 thin", "1 tyndt dækket", "2 tyndt dækkede".
    "uncovered_area": {"en": ("uncovered", "uncovered"), "da": ("udækket", "udækkede")},
    "thin_area": {"en": ("thin", "thin"), "da": ("tyndt dækket", "tyndt dækkede")},
    "warning": {"en": ("warning", "warnings"), "da": ("advarsel", "advarsler")},
    "weak_area": {"en": ("weak", "weak"), "da": ("svagt dækket", "svagt dækkede")},
    "accepted_gap": {
        "en": ("accepted gap", "accepted gaps"),
        "da": ("accepteret hul", "accepterede huller"),
    },
    "expired_acceptance": {
        "en": ("expired acceptance", "expired acceptances"),
        "da": ("accepteret hul med udløbet frist", "accepterede huller med udløbet frist"),
    },
    "critical_initiative": {
        "en": ("critical initiative", "critical initiatives"),
        "da": ("kritisk initiativ", "kritiske initiativer"),
    },
}

MESSAGES: dict[str, dict[Lang, str]] = {
    # Names of things
    "dataset.bundled": {
        "en": "the bundled dataset (Region Midtjylland 2009, Table 3.2)",
        "da": "det medfølgende datasæt (Region Midtjylland 2009, tabel 3.2)",
    },
    "dataset.at": {"en": "{name}, as of {year}", "da": "{name}, pr. {year}"},
    "nothing_active": {
        "en": "no initiative is active in {year}; the data covers {covers};"
        " try --at {suggestion} (or --all-years)",
        "da": "intet initiativ er aktivt i {year}; data dækker {covers};"
        " prøv --at {suggestion} (eller --all-years)",
    },
    "years.onwards": {"en": "{year} onwards", "da": "{year} og frem"},
    "side.year": {"en": "{name} in {year}", "da": "{name} i {year}"},
    # Titles and sections
    "title.matrix": {"en": "Coverage matrix", "da": "Dækningsmatrix"},
    "title.gaps": {"en": "Gaps", "da": "Huller"},
    "title.overlaps": {"en": "Overlaps", "da": "Overlap"},
    "title.timeline": {"en": "Timeline", "da": "Tidslinje"},
    "title.diff": {"en": "Diff", "da": "Ændringer"},
    "title.report": {"en": "Coverage report", "da": "Dækningsrapport"},
    "section.crowded": {"en": "Crowded focus areas", "da": "Overbelastede fokusområder"},
    "section.identical": {
        "en": "Initiatives with identical focus areas",
        "da": "Initiativer med identiske fokusområder",
    },
    "section.pairs": {"en": "Overlapping pairs", "da": "Overlappende par"},
    "section.coverage": {"en": "Coverage", "da": "Dækning"},
    # Column headers
    "col.initiative": {"en": "Initiative", "da": "Initiativ"},
    "col.initiatives": {"en": "Initiatives", "da": "Initiativer"},
    "col.focus_area": {"en": "Focus area", "da": "Fokusområde"},
    "col.focus_areas": {"en": "Focus areas", "da": "Fokusområder"},
    "col.total": {"en": "Total", "da": "I alt"},
    "col.kind": {"en": "Kind", "da": "Type"},
    "col.why": {"en": "Why flagged", "da": "Begrundelse"},
    "col.count": {"en": "Count", "da": "Antal"},
    "col.share": {"en": "Share", "da": "Andel"},
    "col.shared": {"en": "Shared focus areas", "da": "Fælles fokusområder"},
    "col.jaccard": {"en": "Jaccard", "da": "Jaccard"},
    "col.year": {"en": "Year", "da": "År"},
    "col.before": {"en": "Before", "da": "Før"},
    "col.after": {"en": "After", "da": "Efter"},
    "col.change": {"en": "Change", "da": "Ændring"},
    # Values
    "kind.uncovered": {"en": "uncovered", "da": "udækket"},
    "kind.thin": {"en": "thin", "da": "tyndt dækket"},
    "kind.weak": {"en": "weak", "da": "svagt dækket"},
    "kind.crowded": {"en": "crowded", "da": "overbelastet"},
    "none": {"en": "none", "da": "ingen"},
    "names.more": {"en": "{names} and {count} more", "da": "{names} og {count} flere"},
    "new": {"en": "new", "da": "ny"},
    "gone": {"en": "gone", "da": "udgået"},
    # Reasons and summaries
    "gap.reason.uncovered": {
        "en": "no initiative serves it",
        "da": "intet initiativ dækker området",
    },
    "gap.reason.thin": {
        "en": "served by {initiatives} only; the minimum is {threshold}",
        "da": "dækkes kun af {initiatives}; minimum er {threshold}",
    },
    "gap.reason.weak": {
        "en": "served only by marks below its minimum strength ({strength}): {initiatives}",
        "da": "dækkes kun af markeringer under minimumsstyrken ({strength}): {initiatives}",
    },
    "gap.reason.below": {
        "en": "; {initiatives} more below its minimum strength ({strength})",
        "da": "; {initiatives} mere under minimumsstyrken ({strength})",
    },
    "gap.accepted": {
        "en": "accepted until {until}: {reason}",
        "da": "accepteret indtil {until}: {reason}",
    },
    "gap.expired": {
        "en": "acceptance expired on {until}: {reason}",
        "da": "accepten udløb {until}: {reason}",
    },
    "strength.minimal": {"en": "minimal", "da": "minimal"},
    "strength.partial": {"en": "partial", "da": "delvis"},
    "strength.significant": {"en": "significant", "da": "betydelig"},
    "gaps.accepted": {
        "en": "{accepted}: shown, but not failing --fail until their date.",
        "da": "{accepted}: vist, men tæller ikke som fejl før fristen.",
    },
    "gaps.expired": {
        "en": "{expired}: past the date, failing like any gap.",
        "da": "{expired}: fristen er overskredet, så de tæller som andre huller.",
    },
    "gaps.ranking": {
        "en": "Ranked by priority (5 first), then shortfall (qualifying initiatives missing;"
        " a row of sub-areas adds theirs up), then file order.",
        "da": "Ordnet efter prioritet (5 først), dernæst efter hvor mange kvalificerede"
        " initiativer der mangler (en række for underområder lægger dem sammen), dernæst"
        " rækkefølgen i data.",
    },
    "title.whatif": {"en": "What if", "da": "Hvad nu hvis"},
    "whatif.without": {"en": "Without: ", "da": "Uden: "},
    "whatif.orphaned": {
        "en": "Left with no initiative at all: ",
        "da": "Står uden initiativer: ",
    },
    "whatif.nothing": {
        "en": "No gap opens and no coverage changes.",
        "da": "Intet hul opstår, og dækningen ændres ikke.",
    },
    "title.critical": {"en": "Critical initiatives", "da": "Kritiske initiativer"},
    "col.would_leave": {
        "en": "Removal alone opens a gap in",
        "da": "Hul, hvis kun initiativet fjernes",
    },
    "col.priority": {"en": "Priority", "da": "Prioritet"},
    "col.redundancy": {"en": "Redundancy", "da": "Redundans"},
    "critical.summary": {
        "en": "{critical} among {initiatives}; first those that are the sole initiative of a"
        " focus area (removing one leaves it uncovered): {sole}; then by the priority they"
        " protect. Redundancy"
        " (how many qualifying initiatives must go before a focus area is a gap) of"
        " {focus_areas}: one initiative from a gap: {one}; gaps already: {zero}.",
        "da": "{critical} blandt {initiatives}; først de initiativer, der er det eneste"
        " initiativ for et fokusområde (uden initiativet står fokusområdet udækket): {sole};"
        " dernæst efter den prioritet, de beskytter."
        " Redundans (hvor mange kvalificerede initiativer der skal væk, før et fokusområde er"
        " et hul) for {focus_areas}: ét initiativ fra et hul: {one}; huller allerede: {zero}.",
    },
    "col.sole_of": {"en": "Sole initiative of", "da": "Eneste initiativ for"},
    "title.summary": {"en": "Summary", "da": "Overblik"},
    "col.measure": {"en": "Measure", "da": "Nøgletal"},
    "col.value": {"en": "Value", "da": "Værdi"},
    "summary.size": {"en": "Size", "da": "Størrelse"},
    "summary.size.value": {
        "en": "{initiatives} × {focus_areas}, {marks}",
        "da": "{initiatives} × {focus_areas}, {marks}",
    },
    "summary.covered_direct": {
        "en": "Covered directly",
        "da": "Dækket direkte",
    },
    "summary.covered_rolled_up": {
        "en": "Covered, sub-areas included",
        "da": "Dækket, underområder medregnet",
    },
    "summary.share": {"en": "{count} of {total} ({share})", "da": "{count} af {total} ({share})"},
    "summary.gaps": {"en": "Gaps", "da": "Huller"},
    "summary.gaps.value": {
        "en": "{uncovered}, {weak}, {thin}",
        "da": "{uncovered}, {weak}, {thin}",
    },
    "summary.crowded": {"en": "Crowded focus areas", "da": "Overbelastede fokusområder"},
    "summary.identical": {
        "en": "Groups of identical initiatives",
        "da": "Grupper af identiske initiativer",
    },
    "summary.critical": {"en": "Critical initiatives", "da": "Kritiske initiativer"},
    "summary.accepted": {"en": "Accepted gaps", "da": "Accepterede huller"},
    "summary.expiring": {
        "en": "Acceptances expiring within 90 days",
        "da": "Accepterede huller med frist inden for 90 dage",
    },
    "summary.configurations": {
        "en": "Distinct focus-area configurations",
        "da": "Forskellige konfigurationer af fokusområder",
    },
    "summary.shannon": {
        "en": "Shannon diversity of marks (H)",
        "da": "Shannon-diversitet af markeringer (H)",
    },
    "summary.gini_simpson": {"en": "Gini-Simpson index", "da": "Gini-Simpson-indeks"},
    "summary.evenness": {
        "en": "Equality of coverage (Pielou's J)",
        "da": "Lighed i dækning (Pielous J)",
    },
    "summary.legend": {
        "en": "Measures over the direct marks per focus area (docs/data-format.md defines"
        " each): H = −Σ p ln p, Gini-Simpson = 1 − Σ p², J = H / ln(number of focus areas),"
        " 1 = marks spread evenly.",
        "da": "Nøgletallene bygger på de direkte markeringer pr. fokusområde (dokumentationen af"
        " dataformatet definerer dem): H = −Σ p ln p, Gini-Simpson = 1 − Σ p²,"
        " J = H / ln(antal fokusområder), 1 = markeringerne er jævnt fordelt.",
    },
    "crowded.reason": {
        "en": "{count} of {total} ({share}), more than the maximum share of {max}",
        "da": "{count} af {total} ({share}), mere end den maksimale andel på {max}",
    },
    "crowded.reason.direct": {
        "en": "{count} of {total} list it directly ({share}), more than the maximum share of {max}",
        "da": "{count} af {total} angiver området direkte ({share}), mere end den maksimale andel"
        " på {max}",
    },
    "gaps.rolled_up": {
        "en": "Counts include sub-areas: a focus area is covered when it or a sub-area is.",
        "da": "Antal omfatter underområder: et fokusområde er dækket, når fokusområdet selv eller"
        " et underområde er dækket.",
    },
    "title.compare": {"en": "Compare", "da": "Sammenligning"},
    "compare.summary": {
        "en": "{focus_areas}: {both} served by both A and B, {only_a} only by A, {only_b} only"
        " by B, {neither} by neither. A = {a} ({a_initiatives}), B = {b} ({b_initiatives}).",
        "da": "{focus_areas}: {both} dækket af både A og B, {only_a} kun af A, {only_b} kun"
        " af B, {neither} af ingen. A = {a} ({a_initiatives}), B = {b} ({b_initiatives}).",
    },
    "compare.both": {"en": "both", "da": "begge"},
    "compare.only_a": {"en": "only A", "da": "kun A"},
    "compare.only_b": {"en": "only B", "da": "kun B"},
    "compare.neither": {"en": "neither", "da": "ingen"},
    "compare.order": {
        "en": "Focus areas served by neither side first, then by A only, by B only, and by"
        " both; A and B are the number of each side's initiatives that serve the area.",
        "da": "Fokusområder, som ingen side dækker, står først, derefter dem, kun A dækker,"
        " kun B dækker, og begge dækker; A og B er antallet af hver sides initiativer, der"
        " dækker området.",
    },
    "compare.areas": {"en": "Focus area by focus area", "da": "Fokusområde for fokusområde"},
    "col.gaps": {"en": "Gaps", "da": "Huller"},
    "gaps.by.legend": {
        "en": "A focus area with several values of {key} counts under each; the values with"
        " the most gaps first.",
        "da": "Et fokusområde med flere værdier af {key} tælles under hver af dem; værdierne"
        " med flest huller står først.",
    },
    "gaps.by.none": {
        "en": "No focus area looked at has {key}.",
        "da": "Intet af de viste fokusområder har {key}.",
    },
    "matrix.by.summary": {
        "en": "{focus_areas} under {values} values of {key}: {covered} covered,"
        " {uncovered} served by no initiative.",
        "da": "{focus_areas} fordelt på {values} værdier af {key}: {covered} dækket,"
        " {uncovered} uden initiativer.",
    },
    "matrix.without": {
        "en": "Without {key}: ",
        "da": "Uden {key}: ",
    },
    "col.served": {"en": "Served by", "da": "Dækket af"},
    "gaps.by": {"en": "Gaps by {key}", "da": "Huller efter {key}"},
    "col.weak": {"en": "Weak", "da": "Svage"},
    "col.covered": {"en": "Covered", "da": "Dækkede"},
    "matrix.by": {
        "en": "Focus areas under each value of {key}, in the catalogue's order: how many,"
        " how many covered, and the uncovered ones (JSON and CSV list every focus area).",
        "da": "Fokusområder under hver værdi af {key} i katalogets rækkefølge: hvor mange,"
        " hvor mange der er dækket, og de udækkede (JSON og CSV viser alle fokusområder).",
    },
    "rollup.own": {
        "en": "Roll-up: own (a focus area counts only the initiatives that list it"
        " themselves, not those of its sub-areas).",
        "da": "Sammentælling: egne (et fokusområde tæller kun de initiativer, der selv"
        " angiver det, ikke underområdernes).",
    },
    "rollup.all": {
        "en": "Roll-up: all (a focus area counts its sub-areas' initiatives only once every"
        " sub-area is served).",
        "da": "Sammentælling: alle (et fokusområde tæller først underområdernes initiativer,"
        " når hvert underområde er dækket).",
    },
    "select.where": {
        "en": "Only the focus areas where {conditions}.",
        "da": "Kun fokusområder, hvor {conditions}.",
    },
    "select.where_initiative": {
        "en": "Only the initiatives where {conditions}.",
        "da": "Kun initiativer, hvor {conditions}.",
    },
    "overlaps.direct": {
        "en": "Crowded counts direct marks only: the initiatives that list the focus area"
        " itself, not those of its sub-areas.",
        "da": "Overbelastning tæller kun direkte markeringer: de initiativer, der angiver"
        " selve fokusområdet, ikke dem under fokusområdets underområder.",
    },
    "gaps.none": {
        "en": "No gaps: each of the {focus_areas} is served by at least {initiatives}.",
        "da": "Ingen huller: alle {focus_areas} dækkes af mindst {initiatives}.",
    },
    "gaps.none.one": {
        "en": "No gaps: the one focus area is served by at least {initiatives}.",
        "da": "Ingen huller: det ene fokusområde dækkes af mindst {initiatives}.",
    },
    "gaps.none.zero": {
        "en": "No gaps: there are no focus areas.",
        "da": "Ingen huller: der er ingen fokusområder.",
    },
    "gaps.some": {
        "en": "{gaps} among {focus_areas}: {uncovered}, {thin} (fewer than {initiatives}).",
        "da": "{gaps} blandt {focus_areas}: {uncovered}, {thin} (færre end {initiatives}).",
    },
    "gaps.some.weak": {
        "en": "{gaps} among {focus_areas}: {uncovered}, {thin} (fewer than {initiatives}),"
        " {weak} (served only by marks below the area's min_strength).",
        "da": "{gaps} blandt {focus_areas}: {uncovered}, {thin} (færre end {initiatives}),"
        " {weak} (dækkes kun af markeringer under områdets minimumsstyrke).",
    },
    "orphans.one": {
        "en": "{initiatives} serves no focus area.",
        "da": "{initiatives} dækker intet fokusområde.",
    },
    "orphans.many": {
        "en": "{initiatives} serve no focus area.",
        "da": "{initiatives} dækker intet fokusområde.",
    },
    "orphans.label": {
        "en": "Initiatives with no focus area: ",
        "da": "Initiativer uden fokusområde: ",
    },
    "overlaps.summary": {
        "en": "{crowded}, {groups} of identical initiatives, {pairs}{shown}.",
        "da": "{crowded}, {groups} af identiske initiativer, {pairs}{shown}.",
    },
    "overlaps.shown": {"en": " (top {count} shown)", "da": " (de {count} største vist)"},
    "overlaps.shown.one": {"en": " (the top one shown)", "da": " (det største vist)"},
    "overlaps.uncounted": {
        "en": "more than {count} overlapping pairs (at most {at_most})",
        "da": "mere end {count} overlappende par (højst {at_most})",
    },
    "overlaps.truncated": {
        "en": "{total} overlapping pairs; only the top {count} are listed."
        " Use --top N or --min-shared K to choose.",
        "da": "{total} overlappende par; kun de {count} største er vist."
        " Brug --top N eller --min-shared K for at vælge.",
    },
    "matrix.summary": {
        "en": "{initiatives} × {focus_areas}, {marks}.",
        "da": "{initiatives} × {focus_areas}, {marks}.",
    },
    "matrix.legend": {
        "en": "X = the initiative lists the focus area.",
        "da": "X = initiativet angiver fokusområdet.",
    },
    "matrix.legend.sub": {
        "en": "(X) = it lists a sub-area. Totals count distinct initiatives, sub-areas included.",
        "da": "(X) = initiativet angiver et underområde. Totaler tæller forskellige initiativer,"
        " underområder medregnet.",
    },
    "matrix.total_row": {
        "en": "Total row: initiatives per focus area.",
        "da": "Rækken I alt: antal initiativer pr. fokusområde.",
    },
    "timeline.legend": {
        "en": "Active initiatives per focus area and year. {uncovered} = uncovered,"
        " {thin} = thin (fewer than the minimum, {min} unless the focus area sets its own).",
        "da": "Aktive initiativer pr. fokusområde og år. {uncovered} = udækket,"
        " {thin} = tyndt dækket (færre end minimum, {min}, medmindre fokusområdet har sit eget).",
    },
    # Diff
    "diff.none": {"en": "No changes.", "da": "Ingen ændringer."},
    "diff.gaps": {"en": "{gaps} opened, {closed} closed", "da": "{gaps} åbnet, {closed} lukket"},
    "diff.no_gaps": {"en": "no gap opened or closed", "da": "intet hul åbnet eller lukket"},
    "diff.initiatives": {"en": "initiatives: ", "da": "initiativer: "},
    "diff.focus_areas": {"en": "focus areas: ", "da": "fokusområder: "},
    "diff.added": {"en": "{count} added", "da": "{count} tilføjet"},
    "diff.removed": {"en": "{count} removed", "da": "{count} fjernet"},
    "diff.changed": {"en": "{count} changed", "da": "{count} ændret"},
    "diff.started": {"en": "{count} started", "da": "{count} startet"},
    "diff.ended": {"en": "{count} ended", "da": "{count} afsluttet"},
    "diff.thresholds_changed": {"en": "thresholds changed", "da": "tærskler ændret"},
    "diff.thresholds": {"en": "thresholds", "da": "tærskler"},
    "diff.initiative_started": {"en": "initiative started: ", "da": "initiativ startet: "},
    "diff.initiative_ended": {"en": "initiative ended: ", "da": "initiativ afsluttet: "},
    "section.other_changes": {
        "en": "Other changes (names, years, notes, sources, thresholds)",
        "da": "Andre ændringer (navne, år, noter, kilder, tærskler)",
    },
    "col.what": {"en": "Initiative or focus area", "da": "Initiativ eller fokusområde"},
    "col.field": {"en": "Field", "da": "Felt"},
    "diff.coverage": {
        "en": "coverage changed in {focus_areas}",
        "da": "dækningen er ændret i {focus_areas}",
    },
    "diff.gap_opened": {"en": "gap opened: ", "da": "hul åbnet: "},
    "diff.gap_closed": {"en": "gap closed: ", "da": "hul lukket: "},
    "diff.initiative": {"en": "initiative: ", "da": "initiativ: "},
    "diff.initiative_added": {"en": "initiative added: ", "da": "initiativ tilføjet: "},
    "diff.initiative_removed": {"en": "initiative removed: ", "da": "initiativ fjernet: "},
    "diff.initiative_changed": {"en": "initiative changed: ", "da": "initiativ ændret: "},
    "diff.focus_area": {"en": "focus area: ", "da": "fokusområde: "},
    "diff.focus_area_added": {"en": "focus area added: ", "da": "fokusområde tilføjet: "},
    "diff.focus_area_removed": {"en": "focus area removed: ", "da": "fokusområde fjernet: "},
    # validate's summary (the problems themselves stay in English)
    "validate.valid": {
        "en": "{data} is valid{sizes}{warnings}",
        "da": "{data} er gyldigt{sizes}{warnings}",
    },
    "validate.invalid": {
        "en": "{data} is not valid: {errors}, {warnings}{strict}",
        "da": "{data} er ikke gyldigt: {errors}, {warnings}{strict}",
    },
    "validate.strict": {"en": " (--strict: warnings fail)", "da": " (--strict: advarsler fejler)"},
    # Findings of the report
    "finding.uncovered": {
        "en": "No initiative serves {area}.",
        "da": "Intet initiativ dækker {area}.",
    },
    "finding.thin.one": {
        "en": "{area} is served by one initiative only.",
        "da": "{area} dækkes kun af ét initiativ.",
    },
    "finding.thin.many": {
        "en": "{area} is served by {count} initiatives only (the minimum is {threshold}).",
        "da": "{area} dækkes kun af {count} initiativer (minimum er {threshold}).",
    },
    "finding.crowded": {
        "en": "{count} of {total} work on {area}.",
        "da": "{count} af {total} arbejder med {area}.",
    },
    "finding.crowded.one": {
        "en": "{count} of {total} works on {area}.",
        "da": "{count} af {total} arbejder med {area}.",
    },
    "finding.identical": {
        "en": "{count} initiatives list exactly the same focus areas ({areas}): {initiatives}.",
        "da": "{count} initiativer angiver præcis de samme fokusområder ({areas}): {initiatives}.",
    },
    "finding.orphan": {
        "en": "{initiative} serves no focus area.",
        "da": "{initiative} dækker intet fokusområde.",
    },
    # The report
    "report.findings": {"en": "Findings", "da": "Konklusioner"},
    "report.wrote": {"en": "wrote {path}", "da": "skrev {path}"},
    "report.no_findings": {
        "en": "No gaps or overlaps found.",
        "da": "Ingen huller eller overlap fundet.",
    },
    "report.evidence_link": {"en": "evidence", "da": "belæg"},
    "report.matrix_note": {
        "en": "Rows with the same focus areas are placed together. Darker column headers"
        " mean more initiatives; gaps and crowded areas are labelled.",
        "da": "Rækker med de samme fokusområder står sammen. Mørkere kolonneoverskrifter"
        " betyder flere initiativer; huller og overbelastede områder er markeret.",
    },
    "report.bars": {"en": "Initiatives per focus area", "da": "Initiativer pr. fokusområde"},
    "report.minimum": {"en": "minimum: {count}", "da": "minimum: {count}"},
    "report.crowded_above": {"en": "crowded above {count}", "da": "overbelastet over {count}"},
    "report.graph": {"en": "Initiatives and focus areas", "da": "Initiativer og fokusområder"},
    "report.timeline": {"en": "Coverage over time", "da": "Dækning over tid"},
    "report.diff": {"en": "Changes: {sides}", "da": "Ændringer: {sides}"},
    "report.diff.versions": {
        "en": "from the earlier version to this one",
        "da": "fra den tidligere version til denne",
    },
    "report.evidence": {"en": "Evidence and sources", "da": "Belæg og kilder"},
    "report.appendix": {"en": "Appendix", "da": "Bilag"},
    "report.money": {"en": "Money {period}", "da": "Penge {period}"},
    "report.money_areas": {
        "en": "Money per focus area (direct)",
        "da": "Penge pr. fokusområde (direkte)",
    },
    "report.money_owners": {"en": "Money per owner", "da": "Penge pr. ejer"},
    "report.rows_left_out": {
        "en": "{count} more rows are left out here.",
        "da": "{count} rækker mere er udeladt her.",
    },
    "report.columns_key": {"en": "Columns", "da": "Kolonner"},
    "report.source": {"en": "Source", "da": "Kilde"},
    "report.no_note": {"en": "(no note)", "da": "(ingen note)"},
    # The report at scale: summary first, the worst next, the rest one option away
    "report.summary": {"en": "Summary", "da": "Sammenfatning"},
    "report.portfolio": {
        "en": "{command} shows the portfolio summary alone.",
        "da": "Nøgletallene beskriver porteføljen som helhed.",
    },
    "summary.line": {
        "en": "{initiatives} × {focus_areas} ({top_level} top-level), {marks}."
        " {served} of the focus areas are served by at least one initiative.",
        "da": "{initiatives} × {focus_areas} ({top_level} på øverste niveau), {marks}."
        " {served} af fokusområderne dækkes af mindst ét initiativ.",
    },
    "summary.findings": {
        "en": "Uncovered: {uncovered} ({uncovered_top} top-level). Thin: {thin}."
        " Crowded: {crowded}. Groups of identical initiatives: {groups}."
        " Initiatives with no focus area: {orphans}.",
        "da": "Udækkede: {uncovered} ({uncovered_top} på øverste niveau). Tyndt dækkede: {thin}."
        " Overbelastede: {crowded}. Grupper af identiske initiativer: {groups}."
        " Initiativer uden fokusområde: {orphans}.",
    },
    "summary.line.flat": {
        "en": "{initiatives} × {focus_areas}, {marks}."
        " {served} of the focus areas are served by at least one initiative.",
        "da": "{initiatives} × {focus_areas}, {marks}."
        " {served} af fokusområderne dækkes af mindst ét initiativ.",
    },
    "summary.findings.flat": {
        "en": "Uncovered: {uncovered}. Thin: {thin}."
        " Crowded: {crowded}. Groups of identical initiatives: {groups}."
        " Initiatives with no focus area: {orphans}.",
        "da": "Udækkede: {uncovered}. Tyndt dækkede: {thin}."
        " Overbelastede: {crowded}. Grupper af identiske initiativer: {groups}."
        " Initiativer uden fokusområde: {orphans}.",
    },
    "tile.focus_areas.flat": {"en": "focus areas", "da": "fokusområder"},
    "tile.uncovered.flat": {"en": "uncovered", "da": "udækkede"},
    "tile.initiatives": {"en": "initiatives", "da": "initiativer"},
    "tile.focus_areas": {
        "en": "focus areas, {top_level} top-level",
        "da": "fokusområder, {top_level} på øverste niveau",
    },
    "tile.served": {"en": "of focus areas served", "da": "af fokusområderne dækket"},
    "tile.uncovered": {
        "en": "uncovered, {top_level} top-level",
        "da": "udækkede, {top_level} på øverste niveau",
    },
    "tile.thin": {"en": "thin", "da": "tyndt dækkede"},
    "tile.crowded": {"en": "crowded", "da": "overbelastede"},
    "tile.identical": {
        "en": "groups of identical initiatives",
        "da": "grupper af identiske initiativer",
    },
    "report.worst": {
        "en": "The {count} most important of {total} findings, gaps first:",
        "da": "De {count} vigtigste af {total} konklusioner, huller først:",
    },
    "report.rollups": {"en": "Gaps among sub-areas", "da": "Huller blandt underområder"},
    "rollup.uncovered": {
        "en": "{count} of {total} sub-areas of {parent} uncovered",
        "da": "{count} af {total} underområder af {parent} udækket",
    },
    "rollup.thin": {
        "en": "{count} of {total} sub-areas of {parent} thin",
        "da": "{count} af {total} underområder af {parent} tyndt dækket",
    },
    "rollup.both": {
        "en": "{count} of {total} sub-areas of {parent} uncovered, {thin} thin",
        "da": "{count} af {total} underområder af {parent} udækket, {thin} tyndt dækket",
    },
    "rollup.parent": {"en": " (and {kind} as a whole)", "da": " (og {kind} som helhed)"},
    "group.uncovered": {
        "en": "All {count} uncovered focus areas, by parent",
        "da": "Alle {count} udækkede fokusområder, efter overområde",
    },
    "group.thin": {
        "en": "All {count} thin focus areas, by parent",
        "da": "Alle {count} tyndt dækkede fokusområder, efter overområde",
    },
    "group.crowded": {
        "en": "All {count} crowded focus areas",
        "da": "Alle {count} overbelastede fokusområder",
    },
    "group.identical": {
        "en": "All {count} groups of initiatives with identical focus areas",
        "da": "Alle {count} grupper af initiativer med identiske fokusområder",
    },
    "group.orphan": {
        "en": "All {count} initiatives with no focus area",
        "da": "Alle {count} initiativer uden fokusområde",
    },
    "group.top_level": {"en": "Top level", "da": "Øverste niveau"},
    "report.left_out": {
        "en": "{count} more not shown here; every one is in `gapcheck {command} --format csv`"
        " (or `--format json`).",
        "da": "{count} mere er ikke vist her; alle står i det fulde udtræk (CSV eller JSON).",
    },
    "report.aggregated": {
        "en": "This portfolio has {initiatives} × {focus_areas} = {cells} cells, more than the"
        " {budget} this page draws one by one, so the matrix is shown by top-level focus area:"
        " each row counts the initiatives of an area and its sub-areas, and the picture has a"
        " square per focus area, darker for more initiatives. Every cell is in"
        " `gapcheck matrix --format csv` (or `--format json`).",
        "da": "Porteføljen har {initiatives} × {focus_areas} = {cells} celler, flere end de"
        " {budget}, siden tegner én for én, så matricen vises pr. fokusområde på øverste niveau:"
        " hver række tæller initiativerne for et område og områdets underområder, og billedet"
        " har et felt pr. fokusområde, mørkere for flere initiativer. Alle celler står i det fulde"
        " udtræk af matricen (CSV eller JSON).",
    },
    "report.aggregated.markdown": {
        "en": "{initiatives} × {focus_areas} = {cells} cells, more than the {budget} shown one"
        " by one: the matrix by top-level focus area (each counts its sub-areas too)."
        " Every cell is in `gapcheck matrix --format csv` (or `--format json`).",
        "da": "{initiatives} × {focus_areas} = {cells} celler, flere end de {budget}, der vises"
        " én for én: matricen pr. fokusområde på øverste niveau (hver række tæller underområderne"
        " med). Alle celler står i det fulde udtræk af matricen (CSV eller JSON).",
    },
    "report.rows_more": {
        "en": "{shown} of {total} top-level focus areas are shown, those with the most gaps"
        " first; `gapcheck matrix --format csv` has them all.",
        "da": "{shown} af {total} fokusområder på øverste niveau er vist, dem med flest huller"
        " først; det fulde udtræk af matricen (CSV) har dem alle.",
    },
    "col.sub_areas": {"en": "Sub-areas", "da": "Underområder"},
    "col.uncovered": {"en": "Uncovered", "da": "Udækkede"},
    "col.thin": {"en": "Thin", "da": "Tyndt dækkede"},
    "col.picture": {"en": "Each focus area", "da": "Hvert fokusområde"},
    "report.bars_more": {
        "en": "{shown} of {total} {what}: the {half} least served and the {half} most served,"
        " rolled up over sub-areas. All in `gapcheck matrix --format csv`.",
        "da": "{shown} af {total} {what}: de {half} mindst dækkede og de {half} mest dækkede,"
        " underområder medregnet. Alle står i det fulde udtræk af matricen (CSV).",
    },
    "report.top_level_areas": {
        "en": "top-level focus areas",
        "da": "fokusområder på øverste niveau",
    },
    "report.all_areas": {"en": "focus areas", "da": "fokusområder"},
    "report.graph_omitted": {
        "en": "The graph is drawn for at most {limit} initiatives and {limit} focus areas;"
        " this portfolio has {initiatives} and {focus_areas}, which would draw as a solid"
        " block. The table of coverage by top-level focus area above shows who serves what.",
        "da": "Grafen tegnes for højst {limit} initiativer og {limit} fokusområder;"
        " porteføljen har {initiatives} og {focus_areas}, som ville blive en massiv blok."
        " Tabellen over dækning pr. fokusområde på øverste niveau viser, hvem der dækker hvad.",
    },
    "report.timeline_more": {
        "en": "{shown} of {total} focus areas are shown, top-level first;"
        " `gapcheck timeline --format csv` has them all.",
        "da": "{shown} af {total} fokusområder er vist, øverste niveau først;"
        " det fulde udtræk af tidslinjen (CSV) har dem alle.",
    },
    "report.diff_more": {
        "en": "{count} more changes not shown; `gapcheck diff --format json` has them all.",
        "da": "{count} ændringer mere er ikke vist; det fulde udtræk af ændringerne (JSON) har"
        " dem alle.",
    },
    "report.evidence_grouped": {
        "en": "Focus areas by top-level area, each with the initiatives that list it.",
        "da": "Fokusområder efter område på øverste niveau, hver med de initiativer,"
        " der angiver det.",
    },
    "report.evidence_capped": {
        "en": "The initiatives are listed here for at most {limit} marks; this portfolio has"
        " {marks}. Their notes are in the data, and `gapcheck matrix --format csv` has every mark.",
        "da": "Initiativerne vises her for højst {limit} markeringer; porteføljen har {marks}."
        " Noterne står i data, og det fulde udtræk af matricen (CSV) har alle markeringer.",
    },
    "timeline.clipped": {
        "en": "the years {first}-{last} are {span} years; shown are the {shown} years"
        " {start}-{end} around {year} (choose others with --from and --to)",
        "da": "årene {first}-{last} er {span} år; her vises de {shown} år {start}-{end}"
        " omkring {year} (vælg andre med --from og --to)",
    },
    "caps.more": {
        "en": "… and {count} more (use --all or --format {format})",
        "da": "… og {count} flere (brug --all eller --format {format})",
    },
    "gaps.worst": {"en": "Worst: {finding}", "da": "Værst: {finding}"},
    "gaps.rollup_row": {
        "en": "{count} sub-areas of {parent}",
        "da": "{count} underområder af {parent}",
    },
    "matrix.most": {
        "en": "Most served: {name} ({count}); {uncovered} served by no initiative.",
        "da": "Mest dækket: {name} ({count}); {uncovered} dækkes af intet initiativ.",
    },
    "layout.matrix": {
        "en": "{columns} columns do not fit {width} characters: one row per focus area"
        " instead, with its initiatives (direct, and with its sub-areas). The full grid:"
        " --format csv.",
        "da": "{columns} kolonner er ikke plads til på {width} tegn: én række pr. fokusområde"
        " i stedet, med fokusområdets initiativer (direkte og med underområder). Hele tabellen:"
        " --format csv.",
    },
    "layout.timeline": {
        "en": "{columns} columns do not fit {width} characters: one row per focus area"
        " instead, years as columns{periods}. The full grid: --format csv.",
        "da": "{columns} kolonner er ikke plads til på {width} tegn: én række pr. fokusområde"
        " i stedet, med årene som kolonner{periods}. Hele tabellen: --format csv.",
    },
    "layout.matrix.markdown": {
        "en": "{columns} focus areas are too many columns: one row per focus area instead,"
        " with its initiatives (direct, and with its sub-areas). The full grid:"
        " `--format csv`.",
        "da": "{columns} fokusområder er for mange kolonner: én række pr. fokusområde i stedet,"
        " med fokusområdets initiativer (direkte og med underområder). Hele tabellen:"
        " `--format csv`.",
    },
    "layout.timeline.markdown": {
        "en": "{columns} focus areas are too many columns: one row per focus area instead,"
        " years as columns{periods}. The full grid: `--format csv`.",
        "da": "{columns} fokusområder er for mange kolonner: én række pr. fokusområde i stedet,"
        " med årene som kolonner{periods}. Hele tabellen: `--format csv`.",
    },
    "layout.periods": {
        "en": " (the latest {shown} of {total} periods)",
        "da": " (de seneste {shown} af {total} perioder)",
    },
    "col.direct": {"en": "Direct", "da": "Direkte"},
    "col.rolled": {"en": "With sub-areas", "da": "Med underområder"},
    "col.shared_count": {"en": "Shared", "da": "Fælles"},
    "overlaps.in_groups": {
        "en": "The {count} pairs inside the identical groups are shown as the groups.",
        "da": "De {count} par inden for grupperne af identiske initiativer vises som grupper.",
    },
    "overlaps.in_groups.one": {
        "en": "The pair inside an identical group is shown as the group.",
        "da": "Parret inden for en gruppe af identiske initiativer vises som gruppen.",
    },
    "overlaps.ranking": {
        "en": "Ranked by shared focus areas, then Jaccard index (shared / all listed by"
        " either); pairs within an identical group are not repeated here.",
        "da": "Ordnet efter fælles fokusområder, dernæst Jaccard-indeks (fælles / alle, som"
        " mindst ét af dem angiver); par i en identisk gruppe gentages ikke her.",
    },
    "timeline.summary": {
        "en": "{focus_areas}, {years} ({rows} after folding identical years);"
        " in {last}: {uncovered}, {thin}.",
        "da": "{focus_areas}, {years} ({rows} efter sammenlægning af ens år);"
        " i {last}: {uncovered}, {thin}.",
    },
    "timeline.rows": {"en": "{count} rows", "da": "{count} rækker"},
    "timeline.row": {"en": "1 row", "da": "1 række"},
    "diff.section": {"en": "{title} ({count})", "da": "{title} ({count})"},
    "annotations.more": {
        "en": "{count} more not annotated (GitHub shows at most 10 per kind and step):"
        " gapcheck {command} --format csv lists them all",
        "da": "{count} flere uden annotation (GitHub viser højst 10 pr. type og trin):"
        " gapcheck {command} --format csv viser dem alle",
    },
    "label.id": {"en": "{name} ({id})", "da": "{name} ({id})"},
    "label.under": {"en": "{name} (under {parent})", "da": "{name} (under {parent})"},
    "label.id_under": {
        "en": "{name} ({id}, under {parent})",
        "da": "{name} ({id}, under {parent})",
    },
    "report.generated": {
        "en": "Made with gapcheck {version} from {data}.",
        "da": "Udarbejdet med analyseværktøjets version {version}.",
    },
}


def t(key: str, lang: Lang = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in, in the data's terms."""
    text = MESSAGES[key][lang]
    terms = _TERMS.get()
    if terms is not None:
        text = _relabel(text, lang, terms)
    return text.format(**values) if values else text


# --- the data's own terms (``terms:`` in focus_areas.yaml) ---------------------------
#
# The catalogue is written with the two nouns of the origin report; data may name them
# otherwise ("detections" and "techniques", "indsatser" and "indsatsområder"). Each
# sentence is relabelled when it is looked up, before data values are filled in, so
# names from the data are never touched. English forms: singular, plural; Danish:
# singular, plural, definite singular, definite plural. The Danish definite singular
# tells the gender (-en common, -et neuter); a determiner right before an indefinite
# singular, with at most one word between ("et initiativ", "det eneste initiativ",
# "intet initiativ"), follows the new noun's gender, as "a"/"an" follows the new English
# noun. A sentence never refers back to these nouns with a bare pronoun (det, dets): it
# repeats the noun ("initiativet", "fokusområdets"), so every form can be relabelled
# (docs/glossary.md).

#: The catalogue's own forms of the nouns the data may rename.
TERM_FORMS: dict[Lang, dict[str, tuple[str, ...]]] = {
    "en": {
        "initiative": ("initiative", "initiatives"),
        "focus_area": ("focus area", "focus areas"),
    },
    "da": {
        "initiative": ("initiativ", "initiativer", "initiativet", "initiativerne"),
        "focus_area": ("fokusområde", "fokusområder", "fokusområdet", "fokusområderne"),
    },
}
#: The number of forms each language's terms must give.
TERM_COUNTS: dict[Lang, int] = {"en": 2, "da": 4}

#: A frozen form of the active terms: ((lang, ((noun, forms), ...)), ...).
FrozenTerms = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
_TERMS: ContextVar[FrozenTerms | None] = ContextVar("gapcheck_terms", default=None)

# Danish determiners of a neuter noun and their common-gender forms.
_COMMON = {
    "et": "en",
    "ét": "én",
    "intet": "ingen",
    "hvert": "hver",
    "ethvert": "enhver",
    "noget": "nogen",
    "det": "den",
    "dette": "denne",
    "nyt": "ny",
}
_NEUTER = {common: neuter for neuter, common in _COMMON.items()}
_FIELD = r"\{[^{}]*\}"


def use_terms(terms: Mapping[str, Mapping[str, Sequence[str]]] | None) -> None:
    """Name initiatives and focus areas with ``terms`` (``{"da": {"initiative": [...]}}``)
    in every message from now on in this context; ``None``: the catalogue's own words."""
    if not terms:
        _TERMS.set(None)
        return
    frozen: list[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]] = []
    for lang in LANGS:
        nouns = terms.get(lang) or {}
        given = []
        for noun in sorted(nouns):
            forms = tuple(nouns[noun])
            if noun not in TERM_FORMS[lang] or len(forms) != TERM_COUNTS[lang]:
                raise ValueError(f"terms: {lang}.{noun} must give {TERM_COUNTS[lang]} forms")
            if any(not form or "{" in form or "}" in form for form in forms):
                raise ValueError(f"terms: {lang}.{noun} has an empty form or a brace")
            given.append((noun, forms))
        if given:
            frozen.append((lang, tuple(given)))
    _TERMS.set(tuple(frozen) or None)


def relabel(text: str, lang: Lang = "en") -> str:
    """``text`` (catalogue words, never data) in the active terms."""
    terms = _TERMS.get()
    return text if terms is None else _relabel(text, lang, terms)


def _upper(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@lru_cache(maxsize=32)
def _relabeller(lang: Lang, terms: FrozenTerms) -> Callable[[str], str] | None:
    nouns = dict(dict(terms).get(lang, ()))
    if not nouns:
        return None
    new: dict[str, tuple[str, int]] = {}  # an old form, lowercase -> (new form, index)
    genders: dict[str, str] = {}  # old indefinite singular -> the new noun's gender (da)
    for noun, forms in nouns.items():
        for index, (old, form) in enumerate(zip(TERM_FORMS[lang][noun], forms, strict=True)):
            new[old] = (form, index)
            if lang == "en" and " " in old:
                new[old.replace(" ", "-")] = (form.replace(" ", "-"), index)
        if lang == "da":
            genders[TERM_FORMS[lang][noun][0]] = "common" if forms[2].endswith("en") else "neuter"
    olds = sorted(new, key=len, reverse=True)
    alternation = "|".join(
        f"[{re.escape(o[0])}{re.escape(o[0].upper())}]{re.escape(o[1:])}" for o in olds
    )
    if lang == "en":
        pattern = re.compile(rf"{_FIELD}|\b(?:(?P<det>[Aa]n?) )?(?P<noun>{alternation})\b")
    else:
        determiners = "|".join(sorted({*_COMMON, *_NEUTER}, key=len, reverse=True))
        pattern = re.compile(
            rf"{_FIELD}|\b(?:(?P<det>(?i:{determiners})) (?:(?P<adj>\w+) )?)?"
            rf"(?P<noun>{alternation})(?P<gen>s?)\b"
        )

    def one(match: re.Match[str]) -> str:
        old = match.group("noun")
        if old is None:  # a field to fill in: {initiatives} stays {initiatives}
            return match.group()
        form, index = new[old.lower()]
        noun = _upper(form, old)
        det = match.group("det")
        if lang == "en":
            if det is None:
                return noun
            if index != 0:
                return f"{det} {noun}"
            article = "an" if form[:1].lower() in "aeiou" else "a"
            return f"{_upper(article, det)} {noun}"
        if match.group("gen"):
            noun += "'" if noun[-1] in "sxz" else "s"
        if det is None:
            return noun
        adj = match.group("adj")
        if index == 0:  # an indefinite singular: its determiner follows the gender
            table = _COMMON if genders[old.lower()] == "common" else _NEUTER
            det = _upper(table.get(det.lower(), det.lower()), det)
            if adj is not None:
                adj = table.get(adj, adj)
        return f"{det} {noun}" if adj is None else f"{det} {adj} {noun}"

    return lambda text: pattern.sub(one, text)


@lru_cache(maxsize=4096)
def _relabel(text: str, lang: Lang, terms: FrozenTerms) -> str:
    relabeller = _relabeller(lang, terms)
    return text if relabeller is None else relabeller(text)


_DANISH_SEPARATORS = str.maketrans(",.", ".,")


def num(value: float | Decimal, lang: Lang = "en", digits: int | None = None) -> str:
    """The one way a number is written for people: thousands grouped and the decimal
    mark of the language, ``1,234,567.5`` (en) or ``1.234.567,5`` (da). ``digits``
    fixes the decimals (``1,957`` for a Shannon index in Danish); without it an
    integer has none, a :class:`~decimal.Decimal` keeps its own and a float as many
    as it needs (``10.5``)."""
    if digits is not None:
        text = f"{value:,.{digits}f}"
    elif isinstance(value, float) and value.is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,}"
    return text.translate(_DANISH_SEPARATORS) if lang == "da" else text


def count(noun: str, number: int, lang: Lang = "en") -> str:
    """``1 initiative``, ``3 initiatives`` (``1 initiativ``, ``3 initiativer``), in the
    data's terms."""
    one, many = NOUNS[noun][lang]
    return f"{num(number, lang)} {relabel(one if number == 1 else many, lang)}"


# --- resources: money and owners (gapcheck spend, matrix --by owner) ------------------
MESSAGES.update(
    {
        "title.spend": {"en": "Spend", "da": "Forbrug"},
        "col.direct": {"en": "Direct", "da": "Direkte"},
        "col.rolled_up": {"en": "With sub-areas", "da": "Med underområder"},
        "col.crowded_spend": {"en": "Spent twice", "da": "Brugt dobbelt"},
        "col.owner": {"en": "Owner", "da": "Ejer"},
        "col.level": {"en": "Level", "da": "Niveau"},
        "col.spend": {"en": "Spend", "da": "Forbrug"},
        "col.unallocated": {"en": "Unallocated", "da": "Ikke fordelt"},
        "spend.period.year": {"en": "in {year}", "da": "i {year}"},
        "spend.period.range": {"en": "in {first}–{last}", "da": "i {first}–{last}"},
        "spend.period.none": {"en": "a year", "da": "om året"},
        "spend.total": {
            "en": "Total spend {period}: {total} ({initiatives}).",
            "da": "Samlet forbrug {period}: {total} ({initiatives}).",
        },
        "spend.crowded": {
            "en": "Spent twice on crowded focus areas: {amount} (rule: on each focus area"
            " that more than {max} of the initiatives list, all but the largest spender).",
            "da": "Brugt dobbelt på overbelastede fokusområder: {amount} (regel: på hvert"
            " fokusområde, som mere end {max} af initiativerne angiver, alle undtagen den"
            " største udgift).",
        },
        "spend.identical": {
            "en": "Spent on identical initiatives: {amount} (rule: initiatives with the same"
            " focus areas, {groups}; all but the largest budget in each group).",
            "da": "Brugt på ens initiativer: {amount} (regel: initiativer med de samme"
            " fokusområder, {groups}; alle undtagen det største budget i hver gruppe).",
        },
        "spend.unfunded": {
            "en": "Served, but no money: {names}.",
            "da": "Dækket, men uden penge: {names}.",
        },
        "spend.unallocated": {
            "en": "Unallocated (no focus area takes it): {amount}.",
            "da": "Ikke fordelt (intet fokusområde får det): {amount}.",
        },
        "spend.unbudgeted": {
            "en": "Without a budget: {initiatives}.",
            "da": "Uden budget: {initiatives}.",
        },
        "spend.no_budgets": {
            "en": "The data has no budgets: add 'currency:' and 'budget:' to initiatives.yaml"
            " (docs/data-format.md).",
            "da": "Data har ingen budgetter: tilføj 'currency:' og 'budget:' i initiatives.yaml"
            " (docs/data-format.md).",
        },
        "spend.legend": {
            "en": "Money per focus area is split by each mark's share, the rest evenly among"
            " marks without one. Spent twice: on each focus area crowded in a year (more"
            " than {max} of the initiatives list it), the spend of every initiative on it"
            " except the largest single spender.",
            "da": "Pengene pr. fokusområde fordeles efter hver markerings andel, resten ligeligt"
            " mellem markeringer uden andel. Brugt dobbelt: på hvert fokusområde, der er"
            " overbelastet i et år (mere end {max} af initiativerne angiver fokusområdet),"
            " forbruget"
            " for hvert initiativ på fokusområdet undtagen det største enkelte.",
        },
        "owner.none": {"en": "(no owner)", "da": "(ingen ejer)"},
        "level.municipal": {"en": "municipal", "da": "kommunal"},
        "level.regional": {"en": "regional", "da": "regional"},
        "level.national": {"en": "national", "da": "national"},
        "level.eu": {"en": "EU", "da": "EU"},
        "level.international": {"en": "international", "da": "international"},
        "level.private": {"en": "private", "da": "privat"},
        "level.other": {"en": "other", "da": "anden"},
    }
)


NOUNS["owner"] = {"en": ("owner", "owners"), "da": ("ejer", "ejere")}
MESSAGES.update(
    {
        "section.coordination": {
            "en": "Coordination needed: focus areas served by several owners",
            "da": "Koordinering nødvendig: fokusområder, som flere ejere dækker",
        },
        "section.identical_owners": {
            "en": "Owners whose initiatives list the same focus areas",
            "da": "Ejere, hvis initiativer angiver de samme fokusområder",
        },
        "col.owners": {"en": "Owners", "da": "Ejere"},
        "whatif.freed": {
            "en": "Money freed {period}: {amount}.",
            "da": "Penge frigjort {period}: {amount}.",
        },
        "summary.money": {
            "en": "Spend {period}: {total}.",
            "da": "Forbrug {period}: {total}.",
        },
        "col.budget": {"en": "Budget", "da": "Budget"},
        "col.money": {"en": "Money {period}", "da": "Penge {period}"},
        "section.spend_change": {
            "en": "Spend per focus area (direct, {currency})",
            "da": "Forbrug pr. fokusområde (direkte, {currency})",
        },
        "diff.spend_total": {
            "en": "Total spend: {before} → {after} ({change}).",
            "da": "Samlet forbrug: {before} → {after} ({change}).",
        },
    }
)
MESSAGES["matrix.legend.owner"] = {
    "en": "X = an initiative of the owner lists the focus area. Totals count distinct owners.",
    "da": "X = et initiativ hos ejeren angiver fokusområdet. Totaler tæller forskellige ejere.",
}
MESSAGES["matrix.total_row.owner"] = {
    "en": "Total row: owners per focus area.",
    "da": "Rækken I alt: ejere pr. fokusområde.",
}


MESSAGES["problem.warning"] = {"en": "warning", "da": "advarsel"}
MESSAGES["problem.hint"] = {"en": "hint", "da": "tip"}

#: Problem messages and hints of ``validate`` (and of the notes of every command), by
#: their English form: ``{a}``, ``{b}``, ``{c}`` stand for what the message quotes.
#: A problem without an entry here is shown in English (its code is documented).
PROBLEMS: tuple[dict[Lang, str], ...] = (
    {"en": "unknown focus area '{a}'", "da": "ukendt fokusområde '{a}'"},
    {"en": "unknown parent '{a}'", "da": "ukendt overordnet fokusområde '{a}'"},
    {"en": "unknown owner '{a}'", "da": "ukendt ejer '{a}'"},
    {"en": "unknown key '{a}'", "da": "ukendt nøgle '{a}'"},
    {"en": "'{a}' is not a valid id", "da": "'{a}' er ikke et gyldigt id"},
    {
        "en": "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit;"
        " did you mean '{a}'?",
        "da": "brug små bogstaver, tal, '.', '_' og '-', og begynd med et bogstav eller tal;"
        " mente du '{a}'?",
    },
    {
        "en": "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
        "da": "brug små bogstaver, tal, '.', '_' og '-', og begynd med et bogstav eller tal",
    },
    {"en": "did you mean '{a}'?", "da": "mente du '{a}'?"},
    {
        "en": "duplicate {a} id '{b}' (first at {c})",
        "da": "id'et '{b}' findes to gange (først ved {c})",
    },
    {
        "en": "ids must be unique; rename one or merge the two entries",
        "da": "et id må kun bruges én gang; omdøb den ene, eller slå de to sammen",
    },
    {"en": "end {a} is before start {b}", "da": "slut {a} ligger før start {b}"},
    {
        "en": "swap the two years, or correct one of them",
        "da": "byt om på de to år, eller ret et af dem",
    },
    {"en": "{a} must be a year, got {b}", "da": "{a} skal være et år, men er {b}"},
    {
        "en": "write the year with four digits, e.g. 2025",
        "da": "skriv året med fire cifre, fx 2025",
    },
    {"en": "this {a} has no '{b}'", "da": "her mangler '{b}'"},
    {"en": "add '{a}: ...'", "da": "tilføj '{a}: ...'"},
    {
        "en": "the value of '{a}' holds a colon and a space, which YAML reads as the start of"
        " another key",
        "da": "værdien af '{a}' indeholder kolon og mellemrum, som YAML læser som starten på"
        " en ny nøgle",
    },
    {"en": "put the name in quotes: {a}", "da": "sæt navnet i anførselstegn: {a}"},
    {"en": "put the text in quotes: {a}", "da": "sæt teksten i anførselstegn: {a}"},
    {
        "en": "the text that starts on line {a} opens with {b} but closes with {c}, a typographic"
        " quote (as Word writes it), so YAML reads on past the end of the line",
        "da": "teksten, der begynder i linje {a}, åbner med {b} men lukker med {c}, et"
        " typografisk anførselstegn (som Word skriver det), så YAML læser videre efter"
        " linjens slutning",
    },
    {"en": "replace {a} with a straight {b}: {c}", "da": "erstat {a} med et lige {b}: {c}"},
    {
        "en": "check the indentation and quoting on this line and the one above",
        "da": "tjek indrykning og anførselstegn i denne linje og linjen over",
    },
    {"en": "YAML syntax error: {a}", "da": "YAML-syntaksfejl: {a}"},
    {"en": "file not found", "da": "filen findes ikke"},
    {"en": "the file is empty", "da": "filen er tom"},
    {"en": "'{a}' must be text, got {b}", "da": "'{a}' skal være tekst, men er {b}"},
    {
        "en": "'{a}' is listed twice for this initiative; it counts once",
        "da": "'{a}' står to gange for dette initiativ; det tæller én gang",
    },
    {"en": "remove the repeated line", "da": "fjern den gentagne linje"},
    {
        "en": "'{a}' is accepted as a gap, but it is not one",
        "da": "'{a}' er accepteret som et hul, men er ikke et",
    },
    {"en": "{a} must be one of {b}, got {c}", "da": "{a} skal være en af {b}, men er {c}"},
    {
        "en": "a budget without a currency",
        "da": "et budget uden valuta",
    },
    {
        "en": "budget for {a}, a year this initiative is not active ({b})",
        "da": "budget for {a}, et år hvor initiativet ikke er aktivt ({b})",
    },
    {
        "en": "correct the year, or the initiative's start or end",
        "da": "ret året, eller initiativets start eller slut",
    },
    {
        "en": "the shares of this initiative's marks add up to {a}, more than 1",
        "da": "andelene af initiativets markeringer giver tilsammen {a}, mere end 1",
    },
    # Workbooks: a cell that is not what its column holds.
    {
        "en": "'{a}' is not a mark (column '{b}')",
        "da": "'{a}' er ikke en markering (kolonne '{b}')",
    },
    {
        "en": "X, ✓ or 1 for a mark, or a strength: minimal, partial, significant (minimal,"
        " delvis, betydelig); leave the cell empty for none. If the column is not a focus"
        " area, name it as one: Ejer, Budget 2025, Start, Slut, Kilde, Note",
        "da": "X, ✓ eller 1 for en markering, eller en styrke: minimal, delvis, betydelig;"
        " lad cellen stå tom for ingen. Er kolonnen ikke et fokusområde, så giv den en af"
        " disse overskrifter: Ejer, Budget 2025, Start, Slut, Kilde, Note",
    },
    {
        "en": "the column '{a}' holds text, not marks (first at {b}: '{c}')",
        "da": "kolonnen '{a}' indeholder tekst, ikke markeringer (først i {b}: '{c}')",
    },
    {
        "en": "if it is not a focus area, head it as one of: Ejer, Budget 2025 (kr.), Start,"
        " Slut, Kilde, Note (or Owner, Budget, Start, End, Source, Note)",
        "da": "er den ikke et fokusområde, så giv den en af disse overskrifter: Ejer, Budget"
        " 2025 (kr.), Start, Slut, Kilde, Note",
    },
    {"en": "a budget must be an amount, got {a}", "da": "et budget skal være et beløb, men er {a}"},
    {
        "en": "the workbook has a focus-areas sheet but no initiatives sheet",
        "da": "projektmappen har et ark med fokusområder, men intet ark med initiativer",
    },
    {
        "en": "add a sheet named 'Initiatives' (or 'Initiativer'): one row per initiative, one"
        " column per focus area",
        "da": "tilføj et ark med navnet 'Initiativer': én række pr. initiativ, én kolonne pr."
        " fokusområde",
    },
    {"en": "the sheet '{a}' is empty", "da": "arket '{a}' er tomt"},
    {
        "en": "one row per initiative, one column per focus area, names in the header row",
        "da": "én række pr. initiativ, én kolonne pr. fokusområde, navne i overskriftsrækken",
    },
    {"en": "no column names the initiatives", "da": "ingen kolonne navngiver initiativerne"},
    {
        "en": "head the column of initiative names 'Initiativ', 'Navn' or 'Name'",
        "da": "giv kolonnen med initiativernes navne overskriften 'Initiativ' eller 'Navn'",
    },
    {
        "en": "this budget is in {a}, the one in {b} in {c}",
        "da": "dette budget er i {a}, det i {b} i {c}",
    },
    {"en": "give every amount in one currency", "da": "angiv alle beløb i én valuta"},
    {
        "en": "'{a}': the currency '{b}' is not one gapcheck knows",
        "da": "'{a}': valutaen '{b}' kender gapcheck ikke",
    },
    {
        "en": "write it as an ISO 4217 code, e.g. Budget 2025 (DKK), or as kr. or €",
        "da": "skriv den som en ISO 4217-kode, fx Budget 2025 (DKK), eller som kr. eller €",
    },
    {
        "en": "a priority belongs to a focus area, not to an initiative",
        "da": "en prioritet hører til et fokusområde, ikke til et initiativ",
    },
    {
        "en": "give priorities in the focus-areas sheet (column 'Prioritet')",
        "da": "angiv prioriteter i arket med fokusområder (kolonnen 'Prioritet')",
    },
    {
        "en": "a budget for every year and budgets per year in one row",
        "da": "både et budget for alle år og budgetter pr. år i samme række",
    },
    {
        "en": "use either the column 'Budget' or the columns 'Budget 2025', ...",
        "da": "brug enten kolonnen 'Budget' eller kolonnerne 'Budget 2025', ...",
    },
    {"en": "unknown column '{a}' in the sheet '{b}'", "da": "ukendt kolonne '{a}' i arket '{b}'"},
    {"en": "the sheet '{a}' has no column '{b}'", "da": "arket '{a}' har ingen kolonne '{b}'"},
    {"en": "its columns: {a}", "da": "dets kolonner: {a}"},
    {"en": "unknown setting '{a}'", "da": "ukendt indstilling '{a}'"},
    {"en": "the settings: {a}", "da": "indstillingerne: {a}"},
    {
        "en": "no mark of '{a}' on '{b}' in the initiatives sheet",
        "da": "ingen markering af '{a}' på '{b}' i arket med initiativer",
    },
    {
        "en": "a note belongs to a mark: put an X in the initiatives sheet first",
        "da": "en note hører til en markering: sæt først et X i arket med initiativer",
    },
    {"en": "allowed keys: {a}", "da": "tilladte nøgler: {a}"},
    {"en": "remove the quotes: {a}", "da": "fjern anførselstegnene: {a}"},
    {
        "en": '{a} must be a number, not the text "{b}"',
        "da": '{a} skal være et tal, ikke teksten "{b}"',
    },
    {
        "en": "write the amount as a number, e.g. 2500000 (format the cell as a number)",
        "da": "skriv beløbet som et tal, fx 2500000 (formatér cellen som tal)",
    },
    {
        "en": "a column without a header, with values below it (first at {a})",
        "da": "en kolonne uden overskrift, men med værdier under (først i {a})",
    },
    {
        "en": "name the focus area (or the attribute: owner, budget, start, end) in the header row",
        "da": "skriv fokusområdets navn (eller Ejer, Budget, Start, Slut) i overskriftsrækken",
    },
    {
        "en": "values in this row but no initiative name (first at {a})",
        "da": "værdier i rækken, men intet initiativnavn (først i {a})",
    },
    {
        "en": "name the initiative, or delete the row",
        "da": "skriv initiativets navn, eller slet rækken",
    },
    {"en": "a formula without a saved value", "da": "en formel uden gemt værdi"},
    {
        "en": "open the workbook in Excel or LibreOffice and save it (that stores each"
        " formula's value), or type the value instead of the formula",
        "da": "åbn projektmappen i Excel eller LibreOffice og gem den (så gemmes hver formels"
        " værdi), eller skriv værdien i stedet for formlen",
    },
    {
        "en": "the column '{a}' is not a focus area of the focus-areas sheet",
        "da": "kolonnen '{a}' er ikke et fokusområde i arket med fokusområder",
    },
    {"en": "the text '{a}'", "da": "teksten '{a}'"},
    {"en": "the date {a}", "da": "datoen {a}"},
    {"en": "the number {a}", "da": "tallet {a}"},
    {"en": "nothing", "da": "ingenting"},
)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-c]\})", template)
    return re.compile(
        "".join(
            f"(?P<{p[1]}>.+?)" if re.fullmatch(r"\{[a-c]\}", p) else re.escape(p) for p in parts
        )
    )


_PROBLEM_PATTERNS = [(_pattern(entry["en"]), entry) for entry in PROBLEMS]


def problem_text(text: str, lang: Lang) -> str:
    """A problem's message or hint in ``lang`` (as is when the catalogue lacks it)."""
    if lang == "en":
        return text
    for pattern, entry in _PROBLEM_PATTERNS:
        found = pattern.fullmatch(text)
        if found is not None:
            values = {key: problem_text(value, lang) for key, value in found.groupdict().items()}
            return entry[lang].format(**values)
    return text


MESSAGES.update(
    {
        # diff and whatif: gaps that get worse, and losses first
        "side.worktree": {"en": "working tree", "da": "arbejdskopien"},
        "diff.gaps.worsened": {
            "en": "{gaps} opened, {worsened} worsened, {closed} closed",
            "da": "{gaps} åbnet, {worsened} forværret, {closed} lukket",
        },
        "diff.gap_worsened": {"en": "gap worsened: ", "da": "hul forværret: "},
        "diff.worse_kind": {"en": "{before} → {after}", "da": "{before} → {after}"},
        "diff.worse_count": {
            "en": "{kind}: {before} → {after}, minimum {threshold}",
            "da": "{kind}: {before} → {after}, minimum {threshold}",
        },
        "coverage.none_left": {"en": "none left", "da": "ingen tilbage"},
        "coverage.gap_opened": {"en": "now a gap", "da": "nu et hul"},
        "coverage.gap_worsened": {"en": "a worse gap", "da": "et større hul"},
        "coverage.order": {
            "en": "Losses first: focus areas left with no initiative, then new or worse gaps,"
            " then other drops, then gains.",
            "da": "Tab først: fokusområder uden initiativer, dernæst nye eller større huller,"
            " så andre fald, så fremgang.",
        },
        # critical, in annotations and SARIF
        "critical.sole": {
            "en": "{initiative} is the sole initiative of {areas}: removing it leaves"
            " them uncovered",
            "da": "{initiative} er det eneste initiativ for {areas}: uden dette initiativ står de"
            " udækkede",
        },
        "critical.at_minimum": {
            "en": "{initiative} is the single point of failure of {areas}: removing it opens a gap",
            "da": "{initiative} er et kritisk initiativ for {areas}: uden dette initiativ opstår"
            " der et hul",
        },
        # SARIF rules: name, short and full description, help
        "rule.uncovered.short": {
            "en": "A focus area that no initiative serves.",
            "da": "Et fokusområde, som intet initiativ dækker.",
        },
        "rule.weak.short": {
            "en": "A focus area served only by marks weaker than its minimum strength.",
            "da": "Et fokusområde, som kun dækkes af markeringer under minimumsstyrken.",
        },
        "rule.thin.short": {
            "en": "A focus area served by fewer initiatives than its minimum.",
            "da": "Et fokusområde, som dækkes af færre initiativer end minimum.",
        },
        "rule.gap-opened.short": {
            "en": "A focus area that became a gap.",
            "da": "Et fokusområde, der er blevet et hul.",
        },
        "rule.gap-worsened.short": {
            "en": "A gap that got worse: uncovered now, or fewer initiatives below its minimum.",
            "da": "Et hul, der er blevet værre: udækket nu, eller færre initiativer under minimum.",
        },
        "rule.gap-closed.short": {
            "en": "A focus area that is no longer a gap.",
            "da": "Et fokusområde, der ikke længere er et hul.",
        },
        "rule.critical-sole.short": {
            "en": "The sole initiative of a focus area: removing it leaves the area uncovered.",
            "da": "Det eneste initiativ for et fokusområde: uden initiativet står området udækket.",
        },
        "rule.critical.short": {
            "en": "An initiative whose removal alone opens a gap.",
            "da": "Et initiativ, hvis fjernelse alene åbner et hul.",
        },
        "rule.data.short": {
            "en": "gapcheck data problem {code} ({what}).",
            "da": "gapcheck-dataproblem {code} ({what}).",
        },
        "rule.gap.full": {
            "en": "A focus area is a gap when fewer qualifying initiatives serve it than its"
            " minimum (min_initiatives: its own, else the data's thresholds, else 2; an"
            " initiative qualifies when its mark is at least the area's min_strength)."
            " Uncovered: no initiative at all; weak: initiatives, none strong enough;"
            " thin: too few.",
            "da": "Et fokusområde er et hul, når færre kvalificerede initiativer dækker området"
            " end områdets minimum (min_initiatives: områdets eget, ellers dataenes thresholds,"
            " ellers 2; et initiativ kvalificerer sig, når initiativets markering mindst er"
            " områdets min_strength). Udækket: intet initiativ; svagt dækket: initiativer,"
            " men ingen stærke nok; tyndt dækket: for få.",
        },
        "rule.diff.full": {
            "en": "gapcheck diff compares two versions of the data. A gap opened: the focus"
            " area was not a gap and is one now. A gap worsened: it was a gap and is a worse"
            " one now (thin or weak to uncovered, or fewer qualifying initiatives while"
            " below its minimum). Both fail --fail-on opened-gaps unless the data accepts"
            " the gap (accepted:, until a date).",
            "da": "gapcheck diff sammenligner to versioner af dataene. Et hul åbnet:"
            " fokusområdet var ikke et hul og er det nu. Et hul forværret: det var et hul"
            " og er et værre nu (tyndt eller svagt dækket til udækket, eller færre"
            " kvalificerede initiativer under minimum). Begge fejler --fail-on opened-gaps,"
            " medmindre dataene accepterer hullet (accepted:, indtil en dato).",
        },
        "rule.critical.full": {
            "en": "gapcheck critical lists single points of failure: initiatives that are"
            " the sole initiative of a focus area, and initiatives that keep an area at"
            " exactly its minimum.",
            "da": "gapcheck critical viser de kritiske punkter: initiativer, der er det"
            " eneste for et fokusområde, og initiativer, der holder et område på præcis"
            " dets minimum.",
        },
        "rule.data.full": {
            "en": "A problem in the data files, as gapcheck validate reports it; the codes"
            " are listed in the data format reference (docs/data-format.md).",
            "da": "Et problem i datafilerne, som gapcheck validate melder det; koderne står"
            " i referencen for dataformatet (docs/data-format.md).",
        },
        "rule.gap.help": {
            "en": "Add an initiative that serves the focus area (or strengthen a mark), or"
            " record a decision to live with the gap: accepted: with reason, by and until"
            " on the focus area.",
            "da": "Tilføj et initiativ, der dækker fokusområdet (eller styrk en markering),"
            " eller registrér en beslutning om at leve med hullet: accepted: med reason, by"
            " og until på fokusområdet.",
        },
        "rule.gap-closed.help": {
            "en": "Nothing to do: the change closes the gap.",
            "da": "Intet at gøre: ændringen lukker hullet.",
        },
        "rule.critical.help": {
            "en": "Find a second initiative for the focus area, or make sure this one"
            " continues; gapcheck whatif --without ID shows what its end would do.",
            "da": "Find et initiativ mere til fokusområdet, eller sørg for, at dette"
            " fortsætter; gapcheck whatif --without ID viser, hvad initiativets ophør vil betyde.",
        },
        "rule.data.help": {
            "en": "Run gapcheck validate for each problem with its file, line and a hint.",
            "da": "Kør gapcheck validate for hvert problem med fil, linje og et råd.",
        },
    }
)

# --- CSV headings: English keeps the machine keys (docs/json.md); Danish CSV is for people
_CSV_HEADINGS_DA = {
    "kind": "type",
    "id": "id",
    "name": "navn",
    "year": "år",
    "spend": "forbrug",
    "rolled_up": "forbrug med underområder",
    "crowded_spend": "brugt dobbelt",
    "initiatives": "initiativer",
    "initiative": "initiativ",
    "owner": "ejer",
    "focus_area": "fokusområde",
    "focus_areas": "fokusområder",
    "count": "antal",
    "threshold": "minimum",
    "priority": "prioritet",
    "shortfall": "mangler",
    "below_strength": "for svagt dækket",
    "accepted_until": "accepteret til",
    "reason": "begrundelse",
    "fails": "fejler",
    "share": "andel",
    "jaccard": "jaccard-lighed",
    "owners": "ejere",
    "change": "ændring",
    "before": "før",
    "after": "efter",
    "details": "detaljer",
    "redundancy": "redundans",
    "sole": "eneste initiativ for",
    "budget": "budget",
    "measure": "nøgletal",
    "value": "værdi",
    "parent": "overordnet fokusområde",
    "gap": "hul",
    "served": "betjent af",
}
MESSAGES.update({f"csv.{key}": {"en": key, "da": da} for key, da in _CSV_HEADINGS_DA.items()})
