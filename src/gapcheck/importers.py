"""``gapcheck import attack`` and ``gapcheck import sigma``: read, check, write.

The readers (:mod:`gapcheck.readers`) turn the sources into the data format's values;
this module writes them as YAML, checks what it wrote with the loader (one set of rules
for every way data comes in), and writes the files only when they validate. Its
messages and notes are catalogue entries (``import.*``), said in the command's
``--lang``; the files it writes are the same in any language (their comments English,
as the data format's keys are).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.diagnostics import ExitCode
from gapcheck.i18n import Lines, Said, Sentence
from gapcheck.interchange import ImportProblem

FOCUS_AREAS = "focus_areas.yaml"
INITIATIVES = "initiatives.yaml"
EMPTY_INITIATIVES = "initiatives: []\n"


class Failed(Said):
    """The import cannot be done: the message (a catalogue entry) says why; ``code`` is
    the exit code."""

    def __init__(self, key: str, /, *, code: int = ExitCode.USAGE, **values: object) -> None:
        super().__init__(key, **values)
        self.code = code


@dataclass
class Outcome:
    """What an import wrote, and the notes for stderr (counts, skipped tags)."""

    written: list[Path] = field(default_factory=list)
    #: Sentences of the catalogue, or problems of the rules (their codes documented).
    notes: list[Sentence | str] = field(default_factory=list)
    #: Some input was left out as broken: exit 1 once the rest is written.
    failed: bool = False


def dump(header: str, values: dict[str, Any]) -> str:
    """YAML text of ``values`` under a comment ``header`` (lists of texts in flow style)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def texts(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
        flow = bool(value) and all(isinstance(item, str) for item in value)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

    Dumper.add_representer(list, texts)
    body = yaml.dump(values, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + body


def _write(target: Path, text: str, force: bool) -> None:
    from gapcheck.fileio import write_atomic

    try:
        write_atomic(target, text, exclusive=not force)
    except FileExistsError:
        raise Failed("error.import_exists", target=target) from None
    except OSError as exc:
        raise Failed(
            "error.import_cannot_write", target=target, reason=exc.strerror or exc
        ) from None


def _check(files: dict[str, str], label: str) -> None:
    """The loader's verdict on the files about to be written: Failed(1) with its problems."""
    from gapcheck.diagnostics import has_errors
    from gapcheck.loader import load_contents

    result = load_contents(
        {name: text.encode() for name, text in files.items()},
        display=lambda name: os.path.join(label, name),
        label=label,
    )
    if has_errors(result.diagnostics):
        problems = Lines(tuple(d.format() for d in result.diagnostics[:20]))
        raise Failed("error.import_does_not_validate", code=ExitCode.FINDINGS, problems=problems)


def run(kind: str, paths: list[Path], to: Path, force: bool, max_bytes: int) -> Outcome:
    """``import attack`` or ``import sigma``: read ``paths``, write into ``to``."""
    if kind == "attack":
        return _attack(paths, to, force)
    return _sigma(paths, to, force, max_bytes)


def _refuse_existing(targets: list[Path], force: bool) -> None:
    if force:
        return
    for target in targets:
        if os.path.lexists(target):
            raise Failed("error.import_never_replaces", target=target)


def _mkdir(to: Path) -> None:
    try:
        to.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Failed("error.import_cannot_create", to=to, reason=exc.strerror or exc) from None


def _attack(paths: list[Path], to: Path, force: bool) -> Outcome:
    from gapcheck.readers.attack import read_attack, to_focus_areas

    if len(paths) != 1:
        raise Failed("error.import_attack_one")
    bundle = paths[0]
    areas_file, initiatives_file = to / FOCUS_AREAS, to / INITIATIVES
    _refuse_existing([areas_file], force)
    try:
        catalogue = read_attack(bundle)
    except ImportProblem as exc:
        if exc.usage:
            raise Failed("error", reason=exc) from None
        raise Failed(
            "error.cannot_import", code=ExitCode.FINDINGS, problems=exc, file=bundle
        ) from None
    values = to_focus_areas(catalogue, bundle.name)
    header = (
        f"gapcheck data format v1: {catalogue.name}"
        f"{' v' + catalogue.version if catalogue.version else ''}, made by"
        f" 'gapcheck import attack' from {bundle.name}.\n"
        "(c) The MITRE Corporation; ATT&CK terms of use: https://attack.mitre.org/resources/legal-and-branding/terms-of-use/"
    )
    text = dump(header, values)
    initiatives_text = None
    if not initiatives_file.exists():
        initiatives_text = EMPTY_INITIATIVES
    existing = initiatives_text or _read_text(initiatives_file)
    _check({FOCUS_AREAS: text, INITIATIVES: existing}, os.fspath(to))
    _mkdir(to)
    outcome = Outcome()
    _write(areas_file, text, force)
    outcome.written.append(areas_file)
    if initiatives_text is not None:
        _write(initiatives_file, initiatives_text, False)
        outcome.written.append(initiatives_file)
    subs = sum(1 for t in catalogue.techniques if t.parent is not None)
    outcome.notes.append(
        Sentence(
            "import.attack_done",
            {
                "areas": len(catalogue.techniques),
                "techniques": len(catalogue.techniques) - subs,
                "subs": subs,
                "name": catalogue.name,
                "version": f" v{catalogue.version}" if catalogue.version else "",
                "revoked": len(catalogue.revoked),
                "to": to,
            },
        )
    )
    return outcome


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else Sentence("import.not_utf8")
        raise Failed("error.import_cannot_read", path=path, reason=reason) from None


def _sigma(paths: list[Path], to: Path, force: bool, max_bytes: int) -> Outcome:
    from gapcheck.diagnostics import Severity, sort_diagnostics
    from gapcheck.loader import InputError, load_dataset
    from gapcheck.readers.sigma import read_rules, to_initiatives

    if not paths:
        raise Failed("error.import_sigma_paths")
    for path in paths:
        if not path.exists():
            raise Failed("error.import_no_path", path=path)
    areas_file, initiatives_file = to / FOCUS_AREAS, to / INITIATIVES
    if not areas_file.is_file():
        raise Failed("error.import_sigma_catalogue", path=areas_file, to=to)
    if (
        initiatives_file.exists()
        and not force
        and _read_text(initiatives_file) != EMPTY_INITIATIVES
    ):
        _refuse_existing([initiatives_file], force)
    if not initiatives_file.exists():
        initiatives_file.write_text(EMPTY_INITIATIVES, encoding="utf-8")  # to read the catalogue
    try:
        loaded = load_dataset(to, max_bytes=max_bytes)
    except InputError as exc:
        raise Failed("error", reason=exc) from None
    if loaded.dataset is None or any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        problems = Lines(tuple(d.format() for d in loaded.diagnostics[:20]))
        raise Failed(
            "error.import_catalogue_invalid", code=ExitCode.FINDINGS, problems=problems, to=to
        )
    dataset = loaded.dataset
    known = {area.id for area in dataset.focus_areas}
    revoked = dataset.catalogue.revoked or {} if dataset.catalogue is not None else {}
    found = read_rules(paths, known, revoked, max_bytes=max_bytes)
    text = dump(
        f"gapcheck data format v1: {len(found.rules)} Sigma rules, made by 'gapcheck import"
        " sigma'.\nSigma rules are under the Detection Rule License (DRL) 1.1: keep each"
        " rule's author (owner) when sharing.",
        to_initiatives(found.rules),
    )
    _check({FOCUS_AREAS: _read_text(areas_file), INITIATIVES: text}, os.fspath(to))
    _write(initiatives_file, text, True)
    outcome = Outcome(written=[initiatives_file])
    outcome.notes.extend(d.format() for d in sort_diagnostics(found.problems))
    marks = sum(len(rule.focus_areas) for rule in found.rules)
    broken = sum(d.severity is Severity.ERROR for d in found.problems)
    tags = ", ".join(sorted(found.unknown_tags))
    outcome.notes.append(
        Sentence(
            "import.sigma_done",
            {
                "rules": len(found.rules),
                "files": found.files,
                "marks": marks,
                "broken": broken,
                "unknown": sum(found.unknown_tags.values()),
                "tags": tags or Sentence("import.none"),
                "to": to,
            },
        )
    )
    outcome.failed = broken > 0
    return outcome
