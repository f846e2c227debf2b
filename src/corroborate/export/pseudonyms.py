"""Protected persons are pseudonymised in everything shared.

Every export, and every line ``corroborate extract`` prints, goes through a
:class:`Pseudonyms`: each mention of a protected person — a witness of any testimony in the
store (report metadata under ``model.IDENTITY_KEYS``), in any string of the output — becomes
``Witness`` and a code derived with HMAC-SHA256 from a key the store keeps
(``Store.secret("pseudonyms")``). A mention is the full name, or any part of it (given name,
surname, a witness code like ``L-04``), with or without a title (``Mrs Oksvetta``), in any
case, also inside file-name-like strings (``oksana_realname_interview``). Contacts (a phone,
an e-mail address) become ``Contact`` and a code.

In the store the witness's value is sealed (``store/sealing.py``) and reports carry a
reference instead; the code is derived from that reference, so it is the same in every
export of the store, with or without the witness key, and nobody without the pseudonym key
can test a guessed name against it. Without the witness key the names themselves are
unknown, so mentions of them in *other* reports cannot be found: ``complete`` is then false
and the command line says so.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from corroborate.export.results import IncidentJSON, RunResults
from corroborate.export.rewrite import Rewrite, rewrite
from corroborate.model import IDENTITY_KEYS, Report
from corroborate.store import Store
from corroborate.store.mentions import Mentions, Person
from corroborate.store.sealing import identities, identity_kinds, kind_of, normal

T = TypeVar("T")
LABELS = {"person": "Witness", "contact": "Contact", "source": "File"}


def map_strings(value: T, change: Callable[[str], str]) -> T:
    """``value`` with ``change`` applied to every string in it: in lists, tuples, dicts and
    records (dataclasses), at any depth. Pseudonymising and revealing both walk values so."""
    return cast(T, _mapped(value, change))


def _mapped(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list | tuple):
        return type(value)(_mapped(item, change) for item in value)
    if isinstance(value, dict):
        return {key: _mapped(item, change) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return dataclasses.replace(
            value, **{f.name: _mapped(getattr(value, f.name), change) for f in fields}
        )
    return value


def pseudonym(name: str, key: str, label: str = "Witness") -> str:
    digest = hmac.new(key.encode(), name.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"{label} {digest[:8].upper()}"


class Pseudonyms:
    """Replaces every mention of the given persons, in any string, by their codes."""

    def __init__(self, key: str, persons: Sequence[Person] = (), *, complete: bool = True):
        self.key = key
        self.persons = tuple(persons)
        self.complete = complete  # False: some protected names are unknown (no witness key)
        self._mentions = Mentions(self.persons)

    def code(self, name: str, label: str = "Witness") -> str:
        return pseudonym(name, self.key, label)

    def text(self, value: str) -> str:
        return self._mentions.replace(value)

    def rewrite(self, value: str) -> Rewrite:
        """``text(value)`` with the map from ``value``'s offsets to its offsets."""
        return rewrite(value, self._mentions.pattern, self._mentions.code_of)

    def apply(self, value: T) -> T:
        """``value`` with every string in it (lists, dicts, records) pseudonymised."""
        return map_strings(value, self.text)

    def with_persons(self, persons: Iterable[Person]) -> Pseudonyms:
        return Pseudonyms(self.key, self.persons + tuple(persons), complete=self.complete)

    def results(self, results: RunResults) -> RunResults:
        """A copy of ``results`` in which no protected person is named. Speakers of witness
        origins that are not in the store's identities (results built elsewhere) count too."""
        return self.with_witnesses(results["incidents"]).apply(results)

    def with_witnesses(self, incidents: Iterable[IncidentJSON]) -> Pseudonyms:
        """These persons and the speakers of the incidents' witness origins that are none of
        them ("a fourth witness", a name no testimony's metadata gives): what a run shares
        and what a re-grading shares of the incidents it builds again are pseudonymised
        alike."""
        extra = [
            Person(self.code(name), (name,))
            for name in sorted(witness_names({"incidents": list(incidents)}))
            if self.text(name) == name
        ]
        return self.with_persons(extra)


def witness_names(results: Mapping[str, Any]) -> set[str]:
    """The speakers of the witness origins of ``results``' incidents."""
    return {
        o["speaker"]
        for i in results["incidents"]
        for o in i["origins"]
        if o["kind"] == "witness" and o["speaker"]
    }


def pseudonymise(results: RunResults, key: str) -> RunResults:
    """``results`` with its witnesses pseudonymised, knowing no store (tests, other tools)."""
    return Pseudonyms(key).results(results)


def for_store(store: Store) -> Pseudonyms:
    """Every protected person of ``store``: by reference always, by name when the store's
    witness key is set."""
    key = store.secret("pseudonyms")
    with store.engine.connect() as conn:
        kinds = identity_kinds(conn)
        opened = identities(conn, store.witness_key, people=True) if store.witness_key else {}
    persons = []
    for ref, kind in sorted(kinds.items()):
        found = opened.get(ref)
        names = (ref,) if found is None or kind == "source" else (ref, found.value)
        persons.append(Person(pseudonym(ref, key, LABELS[kind]), names, kind == "contact"))
    people = [k for k in kinds.values() if k != "source"]
    return Pseudonyms(key, persons, complete=bool(opened) or not people)


def known_refs(store: Store) -> dict[str, str]:
    """Normalised value -> reference of the store's identities (needs the witness key)."""
    if store.witness_key is None:
        return {}
    with store.engine.connect() as conn:
        found = identities(conn, store.witness_key, people=True)
    return {normal(i.value): ref for ref, i in found.items()}


def for_reports(reports: Iterable[Report], key: str, refs: dict[str, str]) -> Pseudonyms:
    """The persons named in reports' metadata as read from files (``corroborate extract``);
    a value the store knows gets the code of its reference, as in ``run``'s exports."""
    values = {
        (kind_of(k), v) for r in reports for k, v in r.meta if k in IDENTITY_KEYS and v.strip()
    }
    persons = [
        Person(pseudonym(refs.get(normal(v), v), key, LABELS[kind]), (v,), kind == "contact")
        for kind, v in sorted(values)
    ]
    return Pseudonyms(key, persons)
