"""Grammatical shapes of attribution as data: spaCy ``Matcher`` and ``DependencyMatcher``
patterns in ``taxonomy/attribution/shapes.yaml``, each with an id and an example sentence.

The cue rules (``cues``) ask which tokens a shape found instead of comparing dependency
labels themselves. A document's matches are computed once per shape and kept in the
``Doc``'s ``user_data``; a shape turned off for a measurement (``extract.rules``) finds
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from corroborate.extract.models.nlp import load_pipeline
from corroborate.extract.rules import enabled

Pairs = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Shape:
    id: str
    about: str
    example: str
    matcher: str  # "token" (Matcher) or "dependency" (DependencyMatcher)
    patterns: tuple[Any, ...]
    anchor: str = ""  # dependency shapes: the node a match is reported by ...
    other: str = ""  # ... and the node the code takes from it


@cache
def shapes() -> dict[str, Shape]:
    """Every shape of the data file, by id."""
    path = resources.files("corroborate.taxonomy").joinpath("attribution/shapes.yaml")
    entries = yaml.safe_load(path.read_text("utf-8"))
    return {
        e["id"]: Shape(
            e["id"],
            e["about"],
            e["example"],
            e["matcher"],
            tuple(e["patterns"]),
            e.get("anchor", ""),
            e.get("other", ""),
        )
        for e in entries
    }


@cache
def _matcher(shape_id: str) -> tuple[Matcher | DependencyMatcher, dict[int, int]]:
    """The shape's matcher, each pattern under a key of its own (``id#n``), and the pattern
    index of each key's hash (a match names its key by hash; hashes are the same in every
    process)."""
    shape = shapes()[shape_id]
    vocab = load_pipeline().vocab
    matcher: Matcher | DependencyMatcher
    matcher = Matcher(vocab) if shape.matcher == "token" else DependencyMatcher(vocab)
    index = {}
    for n, pattern in enumerate(shape.patterns):
        key = f"{shape_id}#{n}"
        matcher.add(key, [pattern])
        index[vocab.strings.add(key)] = n
    return matcher, index


def found(doc: Doc, shape_id: str) -> Pairs:
    """The shape's matches in ``doc``, sorted: ``(start, end)`` token offsets for a token
    shape, ``(anchor, other)`` token indices for a dependency shape."""
    if not enabled(shape_id):
        return ()
    key = f"corroborate.shape:{shape_id}"
    if key not in doc.user_data:
        doc.user_data[key] = _pairs(doc, shapes()[shape_id])
    pairs: Pairs = doc.user_data[key]
    return pairs


def _pairs(doc: Doc, shape: Shape) -> Pairs:
    matcher, index = _matcher(shape.id)
    if isinstance(matcher, Matcher):
        return tuple(sorted((start, end) for _, start, end in matcher(doc)))
    pairs = set()
    for key, token_ids in matcher(doc):
        names = [node["RIGHT_ID"] for node in shape.patterns[index[key]]]
        pairs.add((token_ids[names.index(shape.anchor)], token_ids[names.index(shape.other)]))
    return tuple(sorted(pairs))


def first_by_anchor(doc: Doc, shape_id: str) -> dict[int, int]:
    """For a dependency shape: each anchor token's first (leftmost) other token."""
    if not enabled(shape_id):
        return {}
    key = f"corroborate.shape-first:{shape_id}"
    if key not in doc.user_data:
        first: dict[int, int] = {}
        for anchor, other in found(doc, shape_id):
            first.setdefault(anchor, other)  # pairs are sorted: the first is the leftmost
        doc.user_data[key] = first
    cached: dict[int, int] = doc.user_data[key]
    return cached


def starts(doc: Doc, shape_id: str) -> frozenset[int]:
    """The tokens that start (token shape) or anchor (dependency shape) a match."""
    if not enabled(shape_id):
        return frozenset()
    key = f"corroborate.shape-starts:{shape_id}"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(first for first, _ in found(doc, shape_id))
    cached: frozenset[int] = doc.user_data[key]
    return cached
