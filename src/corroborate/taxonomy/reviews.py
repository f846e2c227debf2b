"""The review vocabulary: what an analyst can decide (``reviews.yaml``), as data.

``review_actions()`` lists the decisions (code, label, definition, what they are about and
which part of a statement a correction replaces); ``incident_statuses()`` the statuses an
incident moves through. ``docs/taxonomy.md`` lists both (``markdown()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from corroborate.errors import ConfigError

SOURCE = "reviews.yaml"


@dataclass(frozen=True, slots=True)
class ReviewAction:
    code: str
    label: str
    definition: str
    target: str  # statement | report | incident | any
    field: str | None = None  # the statement field a correction replaces


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    label: str
    definition: str


def _data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath(SOURCE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not {"actions", "statuses"} <= set(data):
        raise ConfigError(10, "review vocabulary must list actions and statuses", subject=SOURCE)
    return data


@cache
def review_actions() -> tuple[ReviewAction, ...]:
    try:
        return tuple(
            ReviewAction(
                str(e["code"]),
                str(e["label"]),
                str(e["definition"]).strip(),
                str(e["target"]),
                e.get("field"),
            )
            for e in _data()["actions"]
        )
    except (KeyError, TypeError) as exc:
        raise ConfigError(11, f"bad review action: {exc}", subject=SOURCE) from exc


@cache
def incident_statuses() -> tuple[Status, ...]:
    try:
        return tuple(
            Status(str(e["code"]), str(e["label"]), str(e["definition"]).strip())
            for e in _data()["statuses"]
        )
    except (KeyError, TypeError) as exc:
        raise ConfigError(11, f"bad incident status: {exc}", subject=SOURCE) from exc


def markdown() -> list[str]:
    lines = ["## Review actions", "", "| code | label | about | definition |", "|---|---|---|---|"]
    lines += [f"| `{a.code}` | {a.label} | {a.target} | {a.definition} |" for a in review_actions()]
    lines += ["", "## Incident statuses", "", "| code | label | definition |", "|---|---|---|"]
    lines += [f"| `{s.code}` | {s.label} | {s.definition} |" for s in incident_statuses()]
    return [*lines, ""]
