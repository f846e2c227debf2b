"""The corpus builder's and the speaker sample's pure parts (bench/realnews*.py)."""

from __future__ import annotations

from bench.realnews import (
    Article,
    dedupe,
    fingerprint,
    iso_day,
    sample,
    speaks_of_war,
    war_words,
)
from bench.realnews_speakers import score, sentence_start


def article(aid: str, outlet: str = "X", text: str = "", url: str | None = None) -> Article:
    return Article(aid, "src", outlet, f"title {aid}", text or f"text of {aid}", url, None)


def test_iso_day() -> None:
    assert iso_day("2022-06-22T14:30:00Z") == "2022-06-22"
    assert iso_day("4/5/2017") == "2017-04-05"  # FA-KES writes month/day/year
    assert iso_day("Tue, 12 Apr") is None
    assert iso_day(None) is None


def test_war_words_need_two_distinct_stems() -> None:
    assert war_words("Shelling killed two; the shelling went on.") == {"shell", "kill"}
    assert speaks_of_war(article("a", text="Missiles struck; civilians were wounded."))
    assert not speaks_of_war(article("b", text="The president greeted the forum's guests."))
    assert not speaks_of_war(article("c", text="An attack on the budget; another attack."))


def test_dedupe_by_url_and_by_text() -> None:
    first = article(
        "a", text="Troops shelled the town, officials said.", url="https://www.x.org/1/"
    )
    same_url = article("b", text="Different words entirely.", url="http://x.org/1")
    same_text = article("c", text="TROOPS shelled the town -- officials said!")
    other = article("d", text="A drone struck a depot.")
    kept, dropped = dedupe([first, same_url, same_text, other])
    assert [a.id for a in kept] == ["a", "d"]
    assert dropped == 2
    assert fingerprint("A b, C!") == "abc"


def test_sample_is_reproducible_and_caps_each_outlet() -> None:
    items = [article(f"{o}{n}", outlet=o) for o in "PQ" for n in range(5)]
    one = sample(items, "seed", limit=None, per_outlet=2)
    assert one == sample(list(reversed(items)), "seed", limit=None, per_outlet=2)
    assert sorted(a.outlet for a in one) == ["P", "P", "Q", "Q"]
    assert len(sample(items, "seed", limit=3, per_outlet=None)) == 3
    assert sample(items, "seed", limit=10, per_outlet=None) != sample(
        items, "other", limit=10, per_outlet=None
    )


def test_sentence_start() -> None:
    text = 'He left. "We saw it," she said.\nNext line? Yes.'
    assert sentence_start(text, 3) == 0
    assert sentence_start(text, text.index("We")) == text.index('"We')
    assert sentence_start(text, text.index("said")) == text.index('"We')
    assert sentence_start(text, text.index("line")) == text.index("Next")
    assert sentence_start(text, text.index("Yes")) == text.index("Yes")


def test_score_counts_unjudged_and_stale_without_guessing() -> None:
    sample_keys = [("a", 0, "Putin"), ("a", 40, "he"), ("b", 7, "Reuters"), ("a", 0, "Putin")]
    judgements = {
        ("a", 0, "Putin"): {"correct": True},
        ("a", 40, "he"): {"correct": False},
        ("c", 1, "gone"): {"correct": True},
    }
    found = score(sample_keys, judgements)
    assert found["sample"] == 3  # the repeated key once
    assert (found["judged"], found["correct"], found["precision"]) == (2, 1, 0.5)
    assert found["unjudged"] == 1  # ("b", 7, "Reuters")
    assert found["stale_judgements"] == 1 and found["stale_keys"] == [["c", 1, "gone"]]
    assert score([], {})["precision"] is None
