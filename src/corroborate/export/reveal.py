"""Witness identities for those granted them: the pseudonyms of shared output turned back
into the names they stand for.

Everything the service serves is first pseudonymised (``pseudonyms.py``); a member who
holds the ``witness-identities`` grant in a case then gets the codes replaced by the sealed
values, opened with the witness key the server holds. Who reads them is the caller's to
audit. File references (``File …``) are not revealed: file names stay local.
"""

from __future__ import annotations

import re
from typing import TypeVar

from corroborate.export.pseudonyms import LABELS, map_strings, pseudonym
from corroborate.export.rewrite import Rewrite, rewrite
from corroborate.store import Store
from corroborate.store.sealing import identities

T = TypeVar("T")


class Revealer:
    """Replaces each known code by the identity it stands for, in any string."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        codes = sorted(names, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, codes))) if codes else None

    def text(self, value: str) -> str:
        if self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self.names[m.group(0)], value)

    def rewrite(self, value: str) -> Rewrite:
        """``text(value)`` with the map from ``value``'s offsets to its offsets."""
        return rewrite(value, self._pattern, lambda m: self.names[m.group(0)])

    def apply(self, value: T) -> T:
        return map_strings(value, self.text)


def for_store(store: Store) -> Revealer:
    """Every person and contact of the store by code (none without the witness key)."""
    if store.witness_key is None:
        return Revealer({})
    key = store.secret("pseudonyms")
    with store.engine.connect() as conn:
        found = identities(conn, store.witness_key, people=True)
    return Revealer(
        {
            pseudonym(ref, key, LABELS[identity.kind]): identity.value
            for ref, identity in found.items()
            if identity.kind != "source"
        }
    )
