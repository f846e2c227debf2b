"""Full-text search (``store/search.py``) with what each hit carries written out, on SQLite and
PostgreSQL: every word must match, a place in any spelling, best first, at most ``limit``."""

from __future__ import annotations

from corroborate.store import Store
from corroborate.store.search import Hit, _lexeme, _variants, search
from tests.store.test_store import record


def _stored(store: Store) -> dict[str, str]:
    records = [
        record("Shelling of the market in Lyman was reported by monitors", name="lyman.txt"),
        record("Shelling near Liman: monitors reported shelling and shelling", name="liman.txt"),
        record("Monitors reported nothing in Izium", name="izium.txt"),
    ]
    store.add_ingests(records, actor="a")
    return {r.reports[0].source_name: r.reports[0].id for r in records}


def test_a_hit_names_its_report_source_title_and_the_words_found(store: Store) -> None:
    ids = _stored(store)
    [hit] = search(store, "Izium")
    assert (hit.report_id, hit.source_name, hit.title) == (ids["izium.txt"], "izium.txt", "T0")
    assert isinstance(hit, Hit) and "[Izium]" in hit.snippet


def test_every_word_must_match_and_a_place_matches_in_any_single_word_spelling(
    store: Store,
) -> None:
    _stored(store)
    assert sorted(h.source_name for h in search(store, "Lyman shelling")) == [
        "liman.txt",
        "lyman.txt",
    ]
    assert [h.source_name for h in search(store, "Izium shelling")] == []
    assert search(store, "?! …") == []  # no word, no search


def test_the_best_match_comes_first_and_limit_cuts(store: Store) -> None:
    _stored(store)
    assert [h.source_name for h in search(store, "shelling")] == ["liman.txt", "lyman.txt"]
    assert len(search(store, "monitors")) == 3
    assert len(search(store, "monitors", limit=2)) == 2


def test_multi_word_spellings_and_quotes_are_left_out_of_the_variants() -> None:
    assert _variants("Lyman") == ["Lyman", "Liman", "Лиман"]
    assert _variants('said"') == ["said"]


def test_a_word_split_at_its_apostrophe_is_a_phrase_of_its_parts() -> None:
    assert _lexeme("Slov'yansk") == "('Slov' <-> 'yansk')"
    assert _lexeme("Slov’yansk") == "('Slov' <-> 'yansk')"
    assert _lexeme("Izium") == "('Izium')"
    assert _lexeme("back\\slash") == "('backslash')"


def test_at_most_twenty_hits_unless_told(store: Store) -> None:
    store.add_ingests([record("Convoy seen on the ring road", items=25)], actor="a")
    assert len(search(store, "convoy")) == 20
    assert len(search(store, "convoy", limit=21)) == 21
