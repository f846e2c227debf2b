"""Word lists the extraction rules read, as data: ``words/<topic>.yaml``.

Each file holds one topic (``speech``, ``people``, ``function``, ``numbers``, ``grammar``,
``places``, ``modality``);
each list in it has an ``about`` (what it is for) and its ``words``. A file is read once per
process. ``word_list`` keeps the written order (where the position means something: number
words, months); ``word_set`` is for membership tests.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

TOPICS = ("speech", "people", "function", "numbers", "grammar", "places", "modality")


@cache
def topic(name: str) -> dict[str, tuple[str, ...]]:
    """Every list of one topic file, by its key."""
    text = resources.files("corroborate.taxonomy").joinpath(f"words/{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {key: tuple(str(w) for w in entry["words"]) for key, entry in data.items()}


@cache
def about(name: str) -> dict[str, str]:
    """What each list of one topic file is for."""
    text = resources.files("corroborate.taxonomy").joinpath(f"words/{name}.yaml").read_text("utf-8")
    return {key: str(entry["about"]) for key, entry in yaml.safe_load(text).items()}


def word_list(name: str, key: str) -> tuple[str, ...]:
    """One list, in its written order."""
    return topic(name)[key]


def word_set(name: str, key: str) -> frozenset[str]:
    """One list, for membership tests."""
    return frozenset(topic(name)[key])
