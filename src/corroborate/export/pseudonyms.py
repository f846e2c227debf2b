"""Witnesses are pseudonymised in everything shared.

Every export goes through ``pseudonymise``: each witness's name (the speaker of a
testimony, as stored in the evidence) is replaced, everywhere in the results, by
``Witness`` and a code derived with HMAC-SHA256 from a key the store keeps
(``Store.secret("pseudonyms")``). The same witness gets the same code in every export of
that store, so analysts can follow one person across incidents, while nobody without the
key can test a guessed name against the code. The evidence store itself keeps the names.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any, cast

from corroborate.export.results import RunResults


def pseudonym(name: str, key: str) -> str:
    digest = hmac.new(key.encode(), name.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"Witness {digest[:8].upper()}"


def witness_names(results: RunResults) -> set[str]:
    return {
        o["speaker"]
        for i in results["incidents"]
        for o in i["origins"]
        if o["kind"] == "witness" and o["speaker"]
    }


def pseudonymise(results: RunResults, key: str) -> RunResults:
    """A copy of ``results`` in which no witness name appears."""
    names = sorted(witness_names(results), key=len, reverse=True)
    if not names:
        return results
    codes = {name: pseudonym(name, key) for name in names}
    pattern = re.compile("|".join(re.escape(name) for name in names))
    return cast(RunResults, _replace(results, pattern, codes))


def _replace(value: Any, pattern: re.Pattern[str], codes: dict[str, str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(lambda match: codes[match.group()], value)
    if isinstance(value, list):
        return [_replace(item, pattern, codes) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, pattern, codes) for key, item in value.items()}
    return value
