"""A run's linked statements as JSON, so that grading can be done again without extracting.

``encode(linked)`` gives plain JSON values (each machine incident's allegations, statements
and report stances, and the copies text reuse found); ``decode`` gives back equal records.
An incident's charge is not kept: nothing after linking reads it. The records are those of
the stored reports, so they name a protected person by reference only, as the reports do.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from typing import Any

from corroborate.model import Copy, Incident, Linked, Stance, Statement


def encode(linked: Linked) -> dict[str, Any]:
    return {
        "copies": [_plain(c) for c in linked.copies.values()],
        "incidents": [
            {
                "allegations": [_plain(a) for a in i.allegations],
                "statements": [_plain(s) for s in i.statements],
                "report_stances": dict(i.report_stances),
            }
            for i in linked.incidents
        ],
    }


def decode(data: dict[str, Any]) -> Linked:
    copies = [_build(Copy, c) for c in data["copies"]]
    incidents = [
        Incident(
            allegations=[_build(_hints(Statement)["allegation"], a) for a in i["allegations"]],
            statements=[_build(Statement, s) for s in i["statements"]],
            report_stances={rid: Stance(s) for rid, s in i["report_stances"].items()},
        )
        for i in data["incidents"]
    ]
    return Linked({c.report_id: c for c in copies}, incidents)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(kind: Any, value: Any) -> Any:
    """``value`` (plain JSON) as an instance of the type ``kind``."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return _build(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_build(args[0], v) for v in value)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{k: _build(hints[k], v) for k, v in value.items()})
    return value


__all__ = ["decode", "encode"]
