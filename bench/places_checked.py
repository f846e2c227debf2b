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
    python bench/places_checked.py draw --sample heldout  # the held-out one
    python bench/places_checked.py score [--sample heldout]  # precision of one sample over
                                          # its judged keys (the other's figures are kept)

Every judged mention is scored as today's resolver reads it: at the same article and offset
it is right when the resolution is the one judged right (the same name and country), or
what its judgement says it ``meant`` ("none": no place at all there; an ISO 3166-2 code:
that region itself). A mention resolved to another place than the judged one, with no
``meant`` to compare, is ``changed`` and counted wrong until judged again.
``same_mentions`` scores the first round's judgements (the sample as first drawn), so that
a change is measured on the very mentions judged before it; ``sample`` scores the sample
as drawn today.

Two samples: ``dev`` (seed ``realnews-places-v1``, the mentions the resolver's rules were
changed against) and ``heldout`` (seed ``realnews-places-heldout-v1``, drawn from the
articles dev's judged mentions are not in, judged before any change and scored once
after; its judgements are in ``bench/places_checked_heldout.yaml``). A changed resolver
draws new mentions into a sample (it is fixed by seed, not by what is found): those are
judged by the same rules, and the sample's own precision is reported beside. Writes
``bench/results/places_checked.json``, with the figures measured before the changes kept
beside today's (``BEFORE``). A sampled key without a judgement is unjudged, never guessed.
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

from bench.common import RESULTS, write_result
from bench.realnews import DEFAULT_OUT, Article, load_articles
from corroborate.extract.facts.places import find_places
from corroborate.ingest.readers.feeds import feed_text
from corroborate.model import Place
from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.geo import geo_index

HERE = Path(__file__).resolve().parent
JUDGEMENTS = {"dev": HERE / "places_checked.yaml", "heldout": HERE / "places_checked_heldout.yaml"}
SEEDS = {"dev": "realnews-places-v1", "heldout": "realnews-places-heldout-v1"}
SAMPLE = 60
# dev reads on past its first SAMPLE mentions, in the same seeded order, to find what the
# resolver still gets wrong (judgements of ``round: 3``); held-out stays at SAMPLE
DEV_MORE = 60
PER_ARTICLE = 2
# measured with the resolver as it was before demonyms, region phrases and organisations'
# names were told apart from places (commit c3a3e0e), each sample judged before any change;
# the same figures as ``same_mentions`` on that resolver
BEFORE = {
    "dev": {"judged": 60, "correct": 47, "precision": 0.7833},
    "heldout": {"judged": 60, "correct": 38, "precision": 0.6333},
}
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


def display(place: Place) -> str:
    return ", ".join(p for p in (place.canonical, place.within, place.country) if p)


def resolutions(article: Article) -> dict[int, Place]:
    """Every place found in the article, by the offset where its name starts."""
    text = feed_text(article.text).rstrip()
    return {p.span.start: p for p in find_places(text) if p.span is not None}


def outcome(judgement: dict[str, Any], place: Place | None) -> str:
    """right, wrong or changed: today's reading of a judged mention (module docstring)."""
    meant = judgement.get("meant")
    if place is None or not place.resolved:
        return "right" if meant == "none" else "wrong"
    if meant and meant != "none":
        return "right" if is_region(place, meant) else "wrong"
    if _same_place(display(place), str(judgement.get("resolved"))):
        return "right" if judgement["correct"] else "wrong"
    return "wrong" if meant == "none" else "changed"


def _same_place(now: str, judged: str) -> bool:
    """The same name and country: a region newly known for it ("Brovary, UA" -> "Brovary,
    Kyivska oblast, UA") does not make it another place."""
    a, b = now.split(", "), judged.split(", ")
    return (a[0], a[-1]) == (b[0], b[-1])


def is_region(place: Place, code: str) -> bool:
    """Whether the place is the region ``code`` itself, not a city within it that bears a
    region's name too (Deir ez-Zor the city is not Dayr az Zawr the governorate): a city
    carries its GeoNames id, a first-level region none."""
    if place.geonames_id is not None or place.region != code:
        return False
    key = fold(place.canonical)
    entries = geo_index().lookup([key]).get(key, [])
    return any(e.kind == "region" and e.region == code for e in entries)


def outcomes(
    articles: dict[str, Article], judgements: dict[Key, dict[str, Any]]
) -> dict[Key, tuple[str, Place | None]]:
    """Each judged key: its outcome today and the place found there."""
    found = {a: resolutions(articles[a]) for a in sorted({k[0] for k in judgements})}
    return {
        k: (outcome(j, place), place)
        for k, j in judgements.items()
        for place in [found[k[0]].get(k[1])]
    }


def tally(judged: dict[Key, tuple[str, Place | None]]) -> dict[str, Any]:
    right = sum(o == "right" for o, _ in judged.values())
    return {
        "judged": len(judged),
        "right": right,
        "precision": round(right / len(judged), 4) if judged else None,
        "changed": [k[2] for k, (o, _) in judged.items() if o == "changed"],
        "wrong": [
            {"mention": k[2], "now": display(p) if p else None}
            for k, (o, p) in judged.items()
            if o == "wrong"
        ],
    }


def scores(
    articles: dict[str, Article], sample: list[Mention], judgements: dict[Key, dict[str, Any]]
) -> dict[str, Any]:
    """The first round's mentions as read today, today's sample, and for dev the sample
    read on to its DEV_MORE further mentions (module docstring)."""
    judged = outcomes(articles, judgements)
    first = {k: v for k, v in judged.items() if judgements[k].get("round", 1) == 1}
    found = {"same_mentions": tally(first), "sample": _drawn(judged, sample[:SAMPLE])}
    if len(sample) > SAMPLE:
        found["read_on"] = _drawn(judged, sample)
    return found


def _drawn(judged: dict[Key, tuple[str, Place | None]], sample: list[Mention]) -> dict[str, Any]:
    keys = {m.key for m in sample}
    drawn = {k: v for k, v in judged.items() if k in keys}
    return {**tally(drawn), "sample": len(keys), "unjudged": len(keys - set(judged))}


def rank(key: Key, seed: str = SEEDS["dev"]) -> str:
    return hashlib.sha256(f"{seed}:{json.dumps(key)}".encode()).hexdigest()


def draw(
    every: list[Mention], seed: str, *, skip: frozenset[str] = frozenset(), size: int = SAMPLE
) -> list[Mention]:
    """``size`` mentions in seeded order, PER_ARTICLE at most from one article, none from the
    articles in ``skip``."""
    taken: list[Mention] = []
    per: Counter[str] = Counter()
    for mention in sorted(every, key=lambda m: rank(m.key, seed)):
        if mention.key[0] not in skip and per[mention.key[0]] < PER_ARTICLE:
            taken.append(mention)
            per[mention.key[0]] += 1
        if len(taken) == size:
            break
    return taken


def samples(articles: list[Article]) -> tuple[dict[str, list[Mention]], int]:
    """Both samples, each kept off the other's judged articles (the dev sample as first
    drawn never touched held-out's, which was drawn off the articles of dev's first two
    rounds); dev with its DEV_MORE further mentions; and how many resolved mentions there
    were in all."""
    every = [m for a in articles for m in mentions(a)]
    judged = {name: load_judgements(path) for name, path in JUDGEMENTS.items()}
    first = frozenset(k[0] for k, j in judged["dev"].items() if j.get("round", 1) <= 2)
    dev = draw(every, SEEDS["dev"], skip=frozenset(k[0] for k in judged["heldout"]),
               size=SAMPLE + DEV_MORE)  # fmt: skip
    heldout = draw(every, SEEDS["heldout"], skip=first)
    return {"dev": dev, "heldout": heldout}, len(every)


def load_judgements(path: Path = JUDGEMENTS["dev"]) -> dict[Key, dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        (j["article"], int(j["offset"]), str(j["mention"])): j
        for j in document.get("judgements") or []
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
    parser.add_argument("--sample", choices=tuple(SEEDS), default="dev")
    args = parser.parse_args()
    corpus = args.corpus.expanduser()
    articles = load_articles(corpus)
    drawn, total = samples(articles)
    if args.action == "draw":
        sheet = corpus / f"places_sample_{args.sample}.md"
        sheet.write_text(checking_sheet(drawn[args.sample]), encoding="utf-8")
        print(f"{len(drawn[args.sample])} of {total} resolved mentions -> {sheet}")
        return
    # only the sample named is scored: a held-out sample is read once, never beside dev
    found: dict[str, Any] = {**previous_figures(), "resolved_mentions": total}
    by_id = {a.id: a for a in articles}
    name = args.sample
    found[name] = scores(by_id, drawn[name], load_judgements(JUDGEMENTS[name]))
    found["before"] = BEFORE
    print(json.dumps(found, indent=2), "->", write_result("places_checked", found))


def previous_figures() -> dict[str, Any]:
    """The figures last written, so that scoring one sample keeps the other's."""
    path = RESULTS / "places_checked.json"
    if not path.exists():
        return {}
    figures: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["figures"]
    return figures


if __name__ == "__main__":
    main()
