"""The real portfolio the tests read: Atomic Red Team against ATT&CK, in ``shared/``.

CI clones the repository beside ``shared/``; on a developer's machine without it the
tests that need it skip, and under ``CI=true`` its absence is a failure.
"""

from __future__ import annotations

from pathlib import Path

from components import missing

ATOMIC = Path(__file__).resolve().parents[2] / "shared" / "data" / "atomic-red-team"


def atomic_data() -> Path:
    """The real portfolio; skipped on a dev machine without it, a failure in CI."""
    if not (ATOMIC / "initiatives.yaml").is_file():
        missing(f"the real portfolio is not here: {ATOMIC}")
    return ATOMIC


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ATTACK_BUNDLE = SHARED / "attack-stix" / "enterprise-attack-v18.1.json.gz"
SIGMA_RULES = SHARED / "sigma-rules" / "rules"


def shared_file(path: Path) -> Path:
    """A file or folder of ``shared/data``; skipped on a dev machine without it, a failure
    in CI."""
    if not path.exists():
        missing(f"the shared data is not here: {path}")
    return path
