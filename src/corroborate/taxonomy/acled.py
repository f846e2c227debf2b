"""Our violation types as ACLED event types (``acled.yaml``), in order of precedence.

The ACLED-style export (``export/acled.py``) codes each incident with the first of its types
in this order; the mapping is data so that an analyst can read it, change it and see it in
``docs/exports.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from corroborate.errors import ConfigError
from corroborate.taxonomy import _load, violations

FIELDS = ("disorder_type", "event_type", "sub_event_type", "civilian_targeting", "actor2", "why")


@dataclass(frozen=True, slots=True)
class AcledType:
    code: str  # our violation type
    disorder_type: str
    event_type: str
    sub_event_type: str
    civilian_targeting: bool
    actor2: str  # "" where the type does not say who was harmed
    why: str


@cache
def acled_types() -> tuple[AcledType, ...]:
    """Every violation type's ACLED coding, in order of precedence."""
    found = tuple(_entry(entry) for entry in _load("acled.yaml"))
    codes = [t.code for t in found]
    known = [t.code for t in violations()]
    if sorted(codes) != sorted(known):
        missing = sorted(set(known) - set(codes)) or sorted(set(codes) - set(known))
        raise ConfigError(41, f"types not mapped once each: {missing}", subject="acled.yaml")
    return found


def _entry(entry: dict[str, Any]) -> AcledType:
    try:
        values = {name: entry[name] for name in FIELDS}
        return AcledType(code=str(entry["code"]), **values)
    except (KeyError, TypeError) as exc:
        raise ConfigError(40, f"bad ACLED entry: {exc}", subject="acled.yaml") from exc
