"""The English spaCy pipeline: tagger, parser and NER, shipped inside this package.

The model in ``nlp_model/`` is trained by ``training/nlp/train.sh`` from UD English-EWT and
Universal NER (CC BY-SA 4.0); nothing is downloaded at run time. ``CORROBORATE_SPACY_MODEL``
may name another installed pipeline (a package name or a directory) instead.

Whichever pipeline is loaded, its tokeniser learns the abbreviations of reports from armed
conflicts that English defaults lack (ranks, units, articles of a law: "Lt. Col. Ivanov of the
2nd Bn.", "Art. 5"), and "No." before a number ("Colony No. 52") is kept whole. Split, their
full stops end sentences, and a sentence cut in two loses its attribution.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from corroborate.errors import ExtractionError
from corroborate.taxonomy.words import word_list

BUNDLED = Path(__file__).with_name("nlp_model")

# Abbreviations that stand before a name or a number and are (almost) never the last word of
# a sentence; street words ("Ave.") and "etc." are left out because they often are.
ABBREVIATIONS = word_list("people", "abbreviations")
NUMERO = frozenset({"No", "Nos", "no", "nos"})
FINAL = frozenset(".!?:;”’\"')]…")  # closing punctuation: the parser ends such a line itself


@Language.component("corroborate_numero")
def keep_numero(doc: Doc) -> Doc:
    """Merge "No" "." into one token where a number follows ("No. 3", "Nos. 4"), so that the
    full stop ends no sentence; "No." as an answer stays two tokens."""
    with doc.retokenize() as retokenizer:
        for i in range(len(doc) - 2):
            word, stop, number = doc[i], doc[i + 1], doc[i + 2]
            if (
                word.text in NUMERO
                and stop.text == "."
                and stop.idx == word.idx + len(word.text)
                and number.text[:1].isdigit()
            ):
                retokenizer.merge(doc[i : i + 2])
    return doc


@Language.component("corroborate_headlines")
def break_after_headlines(doc: Doc) -> Doc:
    """Start a sentence after a line with no closing punctuation followed by a blank line,
    before the parser runs (it keeps boundaries set before it): a headline must not run into
    the paragraph under it ("… REPUBLIC DENIES | The head of the centre … said …"). Other
    paragraph breaks are left to the parser, which ends sentences at full stops itself."""
    last = None  # the latest token that is not white space
    for token in doc[:-1]:
        if not token.is_space:
            last = token
        if "\n\n" in token.text_with_ws and last is not None and last.text[-1:] not in FINAL:
            doc[token.i + 1].is_sent_start = True
    return doc


def _with_abbreviations(nlp: Language) -> Language:
    add = getattr(nlp.tokenizer, "add_special_case", None)  # absent in a custom tokeniser
    if add is not None:
        for word in ABBREVIATIONS:
            add(word, [{"ORTH": word}])
    if "corroborate_numero" not in nlp.pipe_names:
        nlp.add_pipe("corroborate_numero", first=True)
    if "corroborate_headlines" not in nlp.pipe_names:
        nlp.add_pipe("corroborate_headlines", after="corroborate_numero")
    return nlp


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the pipeline named, the environment's, or the bundled one."""
    target = name or os.environ.get("CORROBORATE_SPACY_MODEL") or str(BUNDLED)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, ImportError) as exc:
        raise ExtractionError(
            1, f"cannot load the English pipeline ({exc})".splitlines()[0], subject=target
        ) from exc
    return _with_abbreviations(nlp)
