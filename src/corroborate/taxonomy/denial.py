"""The verbs that introduce a denial ("denied", "rejected the claim"), in one place for
extraction (which attributions a denial verb opens) and linking (which statements deny)."""

from __future__ import annotations

DENIAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "rebut"})
_FORMS = {
    "deny": ("deny", "denies", "denied", "denying"),
    "dismiss": ("dismiss", "dismisses", "dismissed", "dismissing"),
    "reject": ("reject", "rejects", "rejected", "rejecting"),
    "refute": ("refute", "refutes", "refuted", "refuting"),
    "rebut": ("rebut", "rebuts", "rebutted", "rebutting"),
}
DENIAL_FORMS = {form: lemma for lemma, forms in _FORMS.items() for form in forms}


def denial_lemma(word: str) -> str | None:
    """``"deny"`` for "denied", None for a word that is no denial verb."""
    return DENIAL_FORMS.get(word.casefold())
