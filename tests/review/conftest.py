"""A small corpus with three incidents, analysed in a store on either backend.

Izium: a party official (three wire copies), a witness, an NGO, and a denial. Kharkiv: the
NGO on a shelled hospital. And the regional governor on a shelling of a children's hospital
that he places in Chuhuiv, so the machine keeps it as an incident of its own (two places are
never one incident): the case for an analyst's merge, should the two prove one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from corroborate.export.results import IncidentJSON, RunResults, StatementJSON
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import REF
from tests.test_pipeline import CORPUS as IZIUM

KHARKIV = {
    "5-kharkiv.txt": (
        "Kharkiv Courier\nPublished: 3 May 2022\n\nThe regional governor Oleh Marchenko said "
        "that artillery of the Northern Coalition shelled the children's hospital in Chuhuiv "
        "on 2 May, killing two patients.\n"
    ),
    "6-kharkiv-ngo.txt": (
        "Donbas Monitor Group\nPublished: 6 May 2022\n\nThe Donbas Monitor Group said that "
        "the children's hospital in Kharkiv was shelled on 2 May.\n"
    ),
}
CORPUS = {**IZIUM, **KHARKIV}
Analyse = Callable[..., RunResults]


@pytest.fixture
def corpus(write_files: Callable[[dict[str, bytes | str]], Path]) -> Path:
    return write_files(CORPUS)


@pytest.fixture
def analyse(store: Store, corpus: Path) -> Analyse:
    return analyser(store, corpus)


def analyser(store: Store, corpus: Path) -> Analyse:
    """Run the pipeline (fast) over ``corpus`` in ``store``; each call is a new run."""

    def again(*paths: Path) -> RunResults:
        settings = Settings(store_url=store.url, workers=1, fast=True)
        found = run(store, list(paths or (corpus,)), settings=settings).results
        # the witness is stored as a random reference (sealed): name it the same in every run
        text = json.dumps(found)
        for ref in set(REF.findall(text)):
            text = text.replace(ref, "the witness")
        return cast(RunResults, json.loads(text))

    return again


def incident(results: RunResults, label: str) -> IncidentJSON:
    """The one incident whose label starts with ``label``."""
    [found] = [i for i in results["incidents"] if i["label"].startswith(label)]
    return found


def holding(results: RunResults, statement_id: str) -> IncidentJSON:
    """The one incident that holds this statement."""
    [found] = [i for i in results["incidents"] if statement_id in ids(i)]
    return found


def statement(results: RunResults, speaker: str, label: str = "") -> StatementJSON:
    """The first statement by ``speaker`` (in an incident whose label starts with ``label``)."""
    return next(
        s
        for i in results["incidents"]
        if i["label"].startswith(label)
        for s in i["statements"]
        if s["speaker"] == speaker
    )


def speakers(found: IncidentJSON) -> list[str]:
    return sorted(s["speaker"] for s in found["statements"])


def ids(found: IncidentJSON) -> set[str]:
    return {s["id"] for s in found["statements"]}


def groups(results: RunResults) -> set[frozenset[str]]:
    """Each incident as the set of its statements' stable ids."""
    return {frozenset(ids(i)) for i in results["incidents"]}
