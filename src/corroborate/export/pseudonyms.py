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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from corroborate.export.results import RunResults
from corroborate.model import IDENTITY_KEYS, Report
from corroborate.store import Store
from corroborate.store.sealing import identities, identity_kinds, kind_of, normal

T = TypeVar("T")
LABELS = {"person": "Witness", "contact": "Contact", "source": "File"}
TITLE = r"(?:(?:mr|mrs|ms|miss|mx|dr|prof|pan|pani|sir|madam)\.?[\s_]+)?"
# words of a witness value that say what a person is, not who: never replaced on their own
GENERIC = frozenset(
    "witness former detainee detained resident victim source anonymous unnamed person "
    "the of and mr mrs ms miss mx dr prof pan pani".split()
)


def pseudonym(name: str, key: str, label: str = "Witness") -> str:
    digest = hmac.new(key.encode(), name.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"{label} {digest[:8].upper()}"


@dataclass(frozen=True, slots=True)
class Person:
    """A protected person: what every mention becomes, and the values that name them."""

    code: str
    names: tuple[str, ...]
    contact: bool = False


def _token(token: str) -> str:
    """A name token as a pattern; a code's hyphen may be written as ``_``, a space or not."""
    pieces = [re.escape(p) for p in re.split(r"[-‐–]", token) if p]
    return r"[-‐–_\s]?".join(pieces)


def _significant(token: str) -> bool:
    word = token.strip(".,;:'\"()").casefold()
    return word not in GENERIC and len(word) >= 2 and not word.isdigit()


def name_patterns(value: str) -> list[str]:
    """The full name (its parts joined by any spacing, ``_``, ``.`` or ``-``), then each
    significant part; each may follow a title."""
    tokens = [t.strip(".,;:'\"()") for t in re.split(r"[\s_]+", value.strip())]
    tokens = [t for t in tokens if t]
    if not tokens:
        return []
    full = r"[\s_.\-]+".join(_token(t) for t in tokens)
    parts = [_token(t) for t in tokens if _significant(t)]
    return [TITLE + p for p in dict.fromkeys([full, *parts])]


def contact_patterns(value: str) -> list[str]:
    """A phone number or address with its separators optional."""
    chars = [c for c in value if c.isalnum() or c in "@+"]
    return [r"[\s.\-()/]*".join(re.escape(c) for c in chars)] if chars else []


def _bounded(pattern: str) -> str:
    # not inside a longer word or number; "_" counts as a boundary (file names)
    return rf"(?<![^\W_])(?:{pattern})(?![^\W_])"


class Pseudonyms:
    """Replaces every mention of the given persons, in any string, by their codes."""

    def __init__(self, key: str, persons: Sequence[Person] = (), *, complete: bool = True):
        self.key = key
        self.persons = tuple(persons)
        self.complete = complete  # False: some protected names are unknown (no witness key)
        self._rules = self._compile()
        self._any = re.compile("|".join(r.pattern for r, _ in self._rules), re.IGNORECASE)

    def _compile(self) -> list[tuple[re.Pattern[str], str]]:
        rules = []
        for person in self.persons:
            for name in person.names:
                patterns = contact_patterns(name) if person.contact else name_patterns(name)
                rules += [(_bounded(p), person.code) for p in patterns]
        rules.sort(key=lambda rule: len(rule[0]), reverse=True)  # longest (full names) first
        return [(re.compile(p, re.IGNORECASE), code) for p, code in rules]

    def code(self, name: str, label: str = "Witness") -> str:
        return pseudonym(name, self.key, label)

    def text(self, value: str) -> str:
        return self._any.sub(self._code_of, value) if self._rules else value

    def _code_of(self, match: re.Match[str]) -> str:
        found = match.group()
        return next((code for rule, code in self._rules if rule.fullmatch(found)), found)

    def apply(self, value: T) -> T:
        """``value`` with every string in it (lists, dicts, records) pseudonymised."""
        return cast(T, self._apply(value))

    def _apply(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return type(value)(self._apply(item) for item in value)
        if isinstance(value, dict):
            return {key: self._apply(item) for key, item in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self._apply(getattr(value, f.name)) for f in dataclasses.fields(value)
            }
            return dataclasses.replace(value, **changes)
        return value

    def with_persons(self, persons: Iterable[Person]) -> Pseudonyms:
        return Pseudonyms(self.key, self.persons + tuple(persons), complete=self.complete)

    def results(self, results: RunResults) -> RunResults:
        """A copy of ``results`` in which no protected person is named. Speakers of witness
        origins that are not in the store's identities (results built elsewhere) count too."""
        extra = [
            Person(self.code(name), (name,))
            for name in sorted(witness_names(results))
            if self.text(name) == name
        ]
        return self.with_persons(extra).apply(results)


def witness_names(results: RunResults) -> set[str]:
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
        opened = identities(conn, store.witness_key) if store.witness_key and kinds else {}
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
        found = identities(conn, store.witness_key)
    return {normal(i.value): ref for ref, i in found.items() if i.kind != "source"}


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
