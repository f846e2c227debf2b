"""Grade an incident: source reliability (A-F) x information credibility (1-6).

In the spirit of the Admiralty code: reliability is the best of the origins' reliabilities
by kind; credibility counts independent origins (not parties to the conflict) and checks for
contradiction. The standard-of-proof label says what the corroboration reaches, in the
words of ``grading.yaml`` — never that the allegation is true. Rules: ``docs/grading.md``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from corroborate.errors import ConfigError
from corroborate.grade.explain import explain
from corroborate.model import Denial, Grade, Origin

INDEPENDENT = frozenset({"witness", "documentary", "independent"})
FIRST_HAND = frozenset({"witness", "documentary"})
CREDIBILITY_WORDS = {
    1: "confirmed by independent origins",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}


@dataclass(frozen=True, slots=True)
class GradingRules:
    reliability: dict[str, str]
    confirmed_min: int
    confirmed_needs_first_hand: bool
    probable_min: int
    possible_min: int
    standard: dict[str, str]


@cache
def load_rules(path: str | None = None) -> GradingRules:
    """The bundled rules, overridden key by key by ``path`` or ``CORROBORATE_GRADING``."""
    text = (
        resources.files("corroborate.taxonomy").joinpath("grading.yaml").read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    override = path or os.environ.get("CORROBORATE_GRADING")
    if override:
        data = _deep_merge(data, _read(override))
    try:
        credibility = data["credibility"]
        return GradingRules(
            reliability={str(k): str(v) for k, v in data["reliability"].items()},
            confirmed_min=int(credibility["confirmed_min_independent"]),
            confirmed_needs_first_hand=bool(credibility["confirmed_needs_first_hand"]),
            probable_min=int(credibility["probable_min_independent"]),
            possible_min=int(credibility["possible_min_independent"]),
            standard={str(k): str(v) for k, v in data["standard"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            7, f"grading rules incomplete ({exc})", subject=override or "grading.yaml"
        ) from exc


def _read(path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            8, f"cannot read grading rules ({exc})".splitlines()[0], subject=path
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError(8, "grading rules must be a mapping", subject=path)
    return data


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (
            _deep_merge(base[key], value)
            if isinstance(value, dict) and isinstance(base.get(key), dict)
            else value
        )
    return merged


def grade(
    origins: Sequence[Origin],
    denials: Sequence[Denial],
    *,
    reports: int,
    rules: GradingRules | None = None,
    unresolved: int = 0,
) -> Grade:
    """The grade of an incident from its origins and the denials it met; ``unresolved``
    statements (speaker not identified) count for nothing, and the words say so."""
    active = rules or load_rules()
    reliability = min((active.reliability.get(o.kind, "F") for o in origins), default="F")
    credibility = _credibility(origins, denials, active)
    standard = _standard(origins, credibility, active)
    text = explain(
        origins,
        denials,
        reports=reports,
        reliability=reliability,
        credibility=f"{credibility} ({CREDIBILITY_WORDS[credibility]})",
        standard=standard,
        unresolved=unresolved,
    )
    return Grade(reliability, credibility, standard, text)


def _credibility(origins: Sequence[Origin], denials: Sequence[Denial], rules: GradingRules) -> int:
    independent = [o for o in origins if o.kind in INDEPENDENT]
    first_hand = any(o.kind in FIRST_HAND for o in independent)
    if any(d.independent for d in denials):
        return 5
    if len(independent) >= rules.confirmed_min and (
        first_hand or not rules.confirmed_needs_first_hand
    ):
        return 1
    if len(independent) >= rules.probable_min:
        return 2
    if len(independent) >= rules.possible_min:
        return 3
    if origins and denials:
        return 4
    return 6


def _standard(origins: Sequence[Origin], credibility: int, rules: GradingRules) -> str:
    first_hand = any(o.kind in FIRST_HAND for o in origins)
    if credibility <= 2 and first_hand:
        return rules.standard["reasonable_grounds"]
    if credibility <= 3:
        return rules.standard["credible"]
    return rules.standard["unverified"]
