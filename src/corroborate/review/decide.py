"""An analyst's decision, checked against the latest run and written to the ledger.

``decide`` is what the CLI and the service call: it resolves the target (a statement, report
or incident of the latest run, by id or unique prefix), checks the value against the review
vocabulary (``taxonomy/reviews.yaml``, the stances, violation types and origin kinds), notes
the value it replaces, and appends the decision if the target is still at the version the
analyst saw. It returns the event as written; its ``seq`` is the target's new version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corroborate.errors import ReviewConflict
from corroborate.model import OriginKind, ReviewEvent
from corroborate.review.ledger import reviews, write
from corroborate.review.overlay import STATEMENT_FIELDS
from corroborate.review.targets import KINDS, Targets, load_targets
from corroborate.store import Store
from corroborate.taxonomy import stances, violations
from corroborate.taxonomy.reviews import ReviewAction, incident_statuses, review_actions

ISO_DAY = re.compile(r"\d{4}-\d{2}(-\d{2})?")


@dataclass(frozen=True, slots=True)
class Decision:
    """What an analyst asks for. ``other`` is the second incident of a merge, the incident a
    statement moves to, or the report a wire copy copies; ``part`` the statements a split
    takes out of an incident."""

    action: str
    target: str
    value: str = ""
    other: str = ""
    part: tuple[str, ...] = ()


def decide(
    store: Store,
    decision: Decision,
    *,
    actor: str,
    reason: str = "",
    expected: int | None = None,
) -> ReviewEvent:
    """Check ``decision`` against the latest run and append it (R001 on a stale version)."""
    action = _action(decision.action)
    if action.target == "source":
        raise ReviewConflict(
            5, "a source is corrected with its fields (review.sources.correct_source)"
        )
    targets = load_targets(store)
    kinds = KINDS if action.target == "any" else (action.target,)
    kind, target = targets.resolve(decision.target, kinds)
    payload = {"kind": kind} | _payload(store, targets, action, target, decision)
    review = ReviewEvent(actor, action.code, target, "", tuple(payload.items()), reason)
    return write(store, review, expected=expected)


def _action(code: str) -> ReviewAction:
    for action in review_actions():
        if action.code == code:
            return action
    known = ", ".join(a.code for a in review_actions())
    raise ReviewConflict(5, f"unknown review action (one of {known})", subject=code)


def _payload(
    store: Store, targets: Targets, action: ReviewAction, target: str, decision: Decision
) -> dict[str, str]:
    code = action.code
    if code in STATEMENT_FIELDS:
        field = STATEMENT_FIELDS[code]
        return {
            "value": _checked(field, decision.value),
            "replaces": _current(targets, target, field),
        }
    if code in ("mark_copy", "unmark_copy"):
        return _copy(targets, target, decision)
    if code in ("merge", "split"):
        return _incident_change(targets, target, decision)
    if code == "move":
        return _move(targets, target, decision)
    if code == "status":
        return _status(store, targets, target, decision.value)
    if code == "note":
        return _note(targets, target, decision.value)
    return {}  # confirm, reject: the decision is the action itself


def _checked(field: str, value: str) -> str:
    value = " ".join(value.split())
    allowed: tuple[str, ...] = ()
    if field == "stance":
        allowed = tuple(t.code for t in stances())
    elif field == "kind":
        allowed = tuple(OriginKind)
    elif field == "types":
        codes = {t.code for t in violations()}
        found = [t.strip() for t in value.split(",") if t.strip()]
        if found and set(found) <= codes:
            return ",".join(dict.fromkeys(found))
        allowed = tuple(sorted(codes))
    elif field == "time" and not ISO_DAY.fullmatch(value):
        raise ReviewConflict(2, "a time is an ISO date (YYYY-MM-DD) or month", subject=value)
    if (allowed and value not in allowed) or not value:
        raise ReviewConflict(
            2, f"not a valid {field} (one of {', '.join(allowed) or 'any text'})", subject=value
        )
    return "" if field == "party" and value.casefold() == "none" else value


def _current(targets: Targets, target: str, field: str) -> str:
    """The value a correction replaces, as the latest run shows it."""
    statement = targets.statements[target]
    incident = targets.incidents[targets.incident_of[target]]
    if field == "types":
        return ",".join(statement["types"])
    if field == "place":
        return str((incident.get("place") or {}).get("canonical") or "")
    if field == "kind":
        kinds = [o["kind"] for o in incident["origins"] if o["speaker"] == statement["speaker"]]
        return str(kinds[0]) if kinds else ""
    return str(statement.get(field) or "")


def _copy(targets: Targets, target: str, decision: Decision) -> dict[str, str]:
    machine = str(targets.reports[target].get("copy_of") or "")
    if decision.action == "unmark_copy":
        return {"replaces": machine}
    _, origin = targets.resolve(decision.other, ("report",))
    if origin == target:
        raise ReviewConflict(4, "a report cannot copy itself", subject=target)
    return {"value": origin, "replaces": machine}


def _incident_change(targets: Targets, target: str, decision: Decision) -> dict[str, str]:
    held = targets.statement_ids(target)
    if decision.action == "merge":
        _, other = targets.resolve(decision.other, ("incident",))
        if other == target:
            raise ReviewConflict(4, "an incident cannot be merged with itself", subject=target)
        return {"statements": _join(held), "other": _join(targets.statement_ids(other))}
    part = [targets.resolve(ref, ("statement",))[1] for ref in decision.part]
    if not part or not set(part) < set(held):
        raise ReviewConflict(
            4, "a split takes some, not all, of the incident's own statements", subject=target
        )
    return {"statements": _join(held), "part": _join(part)}


def _move(targets: Targets, target: str, decision: Decision) -> dict[str, str]:
    _, to = targets.resolve(decision.other, ("incident",))
    held = targets.statement_ids(to)
    if target in held:
        raise ReviewConflict(4, "the statement is already in that incident", subject=target)
    return {"statements": _join(held), "from": targets.incident_of[target], "value": to}


def _status(store: Store, targets: Targets, target: str, value: str) -> dict[str, str]:
    order = [s.code for s in incident_statuses()]
    current = _current_status(store, targets, target)
    if value not in order:
        raise ReviewConflict(2, f"not a valid status (one of {', '.join(order)})", subject=value)
    if value == current or (value != order[0] and order.index(value) != order.index(current) + 1):
        raise ReviewConflict(
            3, f"an incident goes {' -> '.join(order)} (or back to {order[0]})", subject=value
        )
    statements = _join(targets.statement_ids(target))
    return {"statements": statements, "value": value, "replaces": current}


def _current_status(store: Store, targets: Targets, target: str) -> str:
    """The latest status decided for this incident since, else the one the run shows."""
    decided = [r for r in reviews(store) if r.target == target and r.action == "status"]
    if decided:
        return decided[-1].get("value")
    return str(targets.incidents[target].get("status") or incident_statuses()[0].code)


def _note(targets: Targets, target: str, text: str) -> dict[str, str]:
    if not text.strip():
        raise ReviewConflict(2, "a note needs its text", subject=target)
    payload = {"value": text.strip()}
    if target in targets.incidents:
        payload["statements"] = _join(targets.statement_ids(target))
    return payload


def _join(ids: list[str]) -> str:
    return " ".join(ids)
