"""Place precision on a hand-checked sample of the real-news corpus's resolved place mentions.

Every article of the corpus (bench/realnews.py) is read as ``corroborate run`` reads it (the
feed reader's text) and its places found with ``find_places``, the resolver every allegation's
place comes from. Of the mentions resolved to one place below a country (a town, a region:
a place with a point on the map; a country named by its name is rarely in doubt and would
fill the sample), SAMPLE are drawn in a seeded order of their keys, at most PER_ARTICLE per
article. A key is ``(article id, offset,
mention)``: the character offset of the mention in the article as read, and the name as
written. Judgements live in ``bench/places_checked.yaml`` (``correct``: is this the place the
article means?); only keys, the mention and the resolved place's name and country are stored
there, never article text.

    python bench/places_checked.py draw   # the sample with a line of context each, for
                                          # checking, to <corpus>/places_sample.md
    python bench/places_checked.py score  # precision over the judged keys of today's sample

Writes ``bench/results/places_checked.json``. A judged key that no longer occurs is stale, a
sampled key without a judgement unjudged; neither is guessed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import write_result
from bench.realnews import DEFAULT_OUT, Article, load_articles
from corroborate.extract.facts.places import find_places
from corroborate.ingest.readers.feeds import feed_text

JUDGEMENTS = Path(__file__).resolve().parent / "places_checked.yaml"
SEED = "realnews-places-v1"
SAMPLE = 60
PER_ARTICLE = 2
CONTEXT = 90  # characters either side of a mention on the checking sheet
Key = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class Mention:
    key: Key
    place: str  # the resolved place: "canonical, within, country"
    country: str | None
    context: str


def mentions(article: Article) -> list[Mention]:
    """The article's place mentions resolved below a country, as the feed reader reads it."""
    text = feed_text(article.text).rstrip()
    found = []
    for place in find_places(text):
        if not place.resolved or place.span is None or place.lat is None:
            continue  # unresolved, or a country (no point on the map)
        start, end = place.span.start, place.span.end
        where = ", ".join(p for p in (place.canonical, place.within, place.country) if p)
        context = " ".join(text[max(0, start - CONTEXT) : end + CONTEXT].split())
        found.append(Mention((article.id, start, place.span.text), where, place.country, context))
    return found


def rank(key: Key) -> str:
    return hashlib.sha256(f"{SEED}:{json.dumps(key)}".encode()).hexdigest()


def draw(articles: list[Article]) -> tuple[list[Mention], int]:
    """SAMPLE mentions in seeded order, PER_ARTICLE at most from one article; and how many
    resolved mentions there were in all."""
    every = [m for a in articles for m in mentions(a)]
    taken: list[Mention] = []
    per: Counter[str] = Counter()
    for mention in sorted(every, key=lambda m: rank(m.key)):
        if per[mention.key[0]] < PER_ARTICLE:
            taken.append(mention)
            per[mention.key[0]] += 1
        if len(taken) == SAMPLE:
            break
    return taken, len(every)


def load_judgements(path: Path = JUDGEMENTS) -> dict[Key, dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        (j["article"], int(j["offset"]), str(j["mention"])): j
        for j in document.get("judgements") or []
    }


def score(sample: list[Mention], judgements: dict[Key, dict[str, Any]]) -> dict[str, Any]:
    keys = [m.key for m in sample]
    judged = [k for k in keys if k in judgements]
    correct = sum(bool(judgements[k]["correct"]) for k in judged)
    return {
        "sample": len(keys),
        "judged": len(judged),
        "correct": correct,
        "precision": round(correct / len(judged), 4) if judged else None,
        "unjudged": len(keys) - len(judged),
        "stale_judgements": sum(k not in set(keys) for k in judgements),
        "wrong": [
            {
                "mention": k[2],
                "resolved": judgements[k].get("resolved"),
                "note": judgements[k].get("note"),
            }
            for k in judged
            if not judgements[k]["correct"]
        ],
    }


def checking_sheet(sample: list[Mention]) -> str:
    lines = ["# Places to check (bench/places_checked.py draw)", ""]
    for n, m in enumerate(sample, start=1):
        article, offset, written = m.key
        lines += [
            f"## {n}. {article} @ {offset}",
            f"- `{written}` -> {m.place}",
            f"- {m.context}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=("draw", "score"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    corpus = args.corpus.expanduser()
    sample, total = draw(load_articles(corpus))
    if args.action == "draw":
        (corpus / "places_sample.md").write_text(checking_sheet(sample), encoding="utf-8")
        print(f"{len(sample)} of {total} resolved mentions -> {corpus / 'places_sample.md'}")
        return
    found = {"resolved_mentions": total, **score(sample, load_judgements())}
    print(json.dumps(found, indent=2), "->", write_result("places_checked", found))


if __name__ == "__main__":
    main()
