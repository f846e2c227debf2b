"""The English spaCy pipeline: tagger, parser and NER, shipped inside this package.

The model in ``nlp_model/`` is trained by ``training/nlp/train.sh`` from UD English-EWT and
Universal NER (CC BY-SA 4.0); nothing is downloaded at run time. ``CORROBORATE_SPACY_MODEL``
may name another installed pipeline (a package name or a directory) instead.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from corroborate.errors import ExtractionError

BUNDLED = Path(__file__).with_name("nlp_model")


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
    return nlp
