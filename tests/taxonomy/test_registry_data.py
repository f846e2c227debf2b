"""The bundled source registry as data: every real entry complete and classified by the same
rules, every party side present, and the counts in docs/taxonomy.md current."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from corroborate.taxonomy.source_entries import KINDS

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "src" / "corroborate" / "taxonomy" / "sources"
DOCS = ROOT / "docs" / "taxonomy.md"
PARTY_KINDS = ("state_media", "government", "military")


def _load(name: str) -> Any:
    return yaml.load((FOLDER / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@cache
def _entries() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.name, entry)
        for path in sorted(FOLDER.glob("*.yaml"))
        for entry in (_load(path.name) or {}).get("sources", [])
    ]


CONFLICTS = _load("conflicts.yaml")
STATES: dict[str, str] = CONFLICTS["states"]
PARTIES = {party for c in CONFLICTS["conflicts"] for side in c["sides"] for party in side}


def test_the_registry_holds_hundreds_of_real_entries() -> None:
    assert len(_entries()) >= 300


@pytest.mark.parametrize(("file", "entry"), _entries(), ids=lambda v: str(v)[:40])
def test_every_real_entry_says_what_it_is_where_and_from_which_page(
    file: str, entry: dict[str, Any]
) -> None:
    assert entry["kind"] in KINDS
    assert isinstance(entry["country"], str)
    assert "state_owned" in entry, "state_owned: true, false, or null with a note"
    assert entry["reference"].startswith("https://")
    if entry["state_owned"] is None:
        assert entry.get("note"), "an ownership left open says why"


@pytest.mark.parametrize(("file", "entry"), _entries(), ids=lambda v: str(v)[:40])
def test_a_party_is_a_party_of_a_listed_conflict(file: str, entry: dict[str, Any]) -> None:
    if "party" in entry:
        assert entry["party"] in PARTIES


def test_every_state_owned_outlet_or_body_of_a_party_state_is_that_partys() -> None:
    party_of_country = {country: party for party, country in STATES.items()}
    wrong = [
        (entry["name"], entry.get("party"))
        for _, entry in _entries()
        if entry["state_owned"] is True
        and entry["country"] in party_of_country
        and entry.get("party") != party_of_country[entry["country"]]
    ]
    assert wrong == []


def test_no_outlet_of_a_state_that_is_no_party_names_a_party() -> None:
    parties_by_state = set(STATES.values())
    wrong = [
        entry["name"]
        for _, entry in _entries()
        if entry["state_owned"] is True
        and entry["country"] not in parties_by_state
        and entry.get("party")
    ]
    assert wrong == []


def test_every_state_party_is_a_party_of_some_conflict() -> None:
    assert set(STATES) <= PARTIES


@pytest.mark.parametrize("conflict", CONFLICTS["conflicts"], ids=lambda c: c["name"])
def test_each_side_of_a_conflict_has_its_voices_registered(conflict: dict[str, Any]) -> None:
    """Symmetry: every side has registered bodies; where one side's outlets are registered,
    every other side's are too, or the conflict says why that side has none."""
    kinds = Counter()  # type: Counter[tuple[int, str]]
    for number, side in enumerate(conflict["sides"]):
        for _, entry in _entries():
            if entry.get("party") in side:
                kinds[(number, entry["kind"])] += 1
    sides = range(len(conflict["sides"]))
    for number in sides:
        assert any(kinds[(number, k)] for k in PARTY_KINDS), conflict["sides"][number]
    explained = set(conflict.get("no_outlet", {}))
    if any(kinds[(n, "state_media")] for n in sides):
        for number in sides:
            side = conflict["sides"][number]
            assert kinds[(number, "state_media")] or explained & set(side), side


def test_a_conflict_lists_its_reference_and_at_least_two_sides() -> None:
    for conflict in CONFLICTS["conflicts"]:
        assert conflict["reference"].startswith("https://")
        assert len(conflict["sides"]) >= 2
        assert not set(conflict.get("supporters", [])) & {p for s in conflict["sides"] for p in s}


def test_the_docs_page_counts_the_registry_as_it_is() -> None:
    counts = Counter(entry["kind"] for _, entry in _entries())
    page = DOCS.read_text(encoding="utf-8")
    for kind in sorted(KINDS):
        assert f"| `{kind}` | {counts[kind]} |" in page, kind
    assert f"| all | {sum(counts.values())} |" in page
