"""Historical background: acts anchored in a past well before the report.

A report on a strike today may recall "the bombing of Grozny in 1999" or what happened
"during the Second Chechen War"; that clause is background, not an allegation, and its
date must never date the event. A clause is background when a background shape of
``taxonomy/violations/patterns.yaml`` hangs on its act (or on the verb the act hangs on):
a named war, a decade, "decades ago" always; a year only when it lies more than
``times.BACKGROUND_YEARS`` before the report's publication (unknown publication: never).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from corroborate.extract.facts.acts import EXTENSION, Context
from corroborate.extract.facts.times import old_year

YEAR = re.compile(r"^(?:19|20)\d\d$")


def in_background(doc: Doc, act: Token, contexts: list[Context], published: str | None) -> bool:
    """Whether a background shape in the act's sentence anchors the act's clause."""
    return any(_old_enough(doc, c, published) and _anchors(doc, c, act) for c in contexts)


def _old_enough(doc: Doc, context: Context, published: str | None) -> bool:
    if context.shape != "background-year":
        return True
    years = [int(t.text) for t in doc[context.start : context.end] if YEAR.match(t.text)]
    return bool(years) and old_year(years[0], published)


def _anchors(doc: Doc, context: Context, act: Token) -> bool:
    """Whether the shape hangs on the act's clause: the nearest verb or act above the shape
    is the act itself or one of the clauses the act's clause hangs on ("In 1999, missiles
    struck a market, killing …" dates both acts; "…, recalling the bombing of Grozny in
    1999" dates the bombing only)."""
    target = _clause_head(doc[context.start : context.end].root.head)
    chain = {act.i, *(a.i for a in act.ancestors)}
    return target is not None and target.i in chain


def _clause_head(token: Token) -> Token | None:
    here = token
    for _ in range(8):
        if here.tag_.startswith("VB") or here._.get(EXTENSION) is not None:
            return here
        if here.head.i == here.i:
            return None
        here = here.head
    return None
