"""Speaker precision on a hand-checked sample of the real-news corpus's attributions.

The sample is fixed by a seed, not by what the extractor finds: ARTICLES_PER_SOURCE articles
of each corpus source (in the seeded order of their ids), and of each article's
attributions the PER_ARTICLE first in the seeded order of their keys. A key is
``(article id, sentence offset, speaker text)``: the article's corpus id, the character
offset where the sentence holding the attribution's content starts (``sentence_start``), and
the speaker span as written. Judgements live in ``bench/realnews_speakers.yaml``
(``correct``: is this speaker the real source of the content? ``real_speaker``: who is,
when it is not). Only keys and short speaker strings are stored there, never article text.

    python bench/realnews_speakers.py draw [--sample dev|heldout]
        # write the sample, with sentences, for checking, to
        # <corpus>/speakers_sample_<name>.md (outside the repo)
    python bench/realnews_speakers.py score [--sample dev|heldout]
        # precision over judged keys of today's sample

Two samples: ``dev`` (seed ``realnews-speakers-v1``, judgements in
``realnews_speakers.yaml``), which fixes to the extractor were made against, and
``heldout`` (its own seed, none of dev's articles, ``realnews_speakers_heldout.yaml``),
judged before those fixes and scored at the end.

When the extractor changes, its attributions change: a judged key that no longer occurs is
reported as stale, a sampled key without a judgement as unjudged. Neither is ever guessed.
Writes ``bench/results/real_news_speakers.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, write_result
from bench.realnews import DEFAULT_OUT, Article, load_articles
from corroborate.extract import Extractor
from corroborate.ingest.readers.feeds import feed_text
from corroborate.model import Attribution

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "realnews_speakers.yaml"
SEED = "realnews-speakers-v1"


@dataclass(frozen=True, slots=True)
class Sample:
    """A named sample: its seed, its judgements file, and the samples whose articles it
    leaves out (a held-out sample never re-reads a development article)."""

    name: str
    seed: str
    judgements: Path
    excludes: tuple[str, ...] = ()


# ``dev`` is the sample the extractor's fixes were made against; ``heldout`` was drawn
# and judged before any of them and is scored once, at the end.
SAMPLES = {
    "dev": Sample("dev", SEED, JUDGEMENTS),
    "heldout": Sample(
        "heldout", "realnews-speakers-heldout-v1", HERE / "realnews_speakers_heldout.yaml", ("dev",)
    ),
}
ARTICLES_PER_SOURCE = 3
PER_ARTICLE = 4
BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+|\n+")
Key = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class Drawn:
    key: Key
    cue: str | None
    content: str
    sentence: str
    canonical: str = ""  # who the speaker mention was resolved to
    unresolved: bool = False  # names nobody the text identifies: counted as no origin


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts: after the last sentence end (., !, ?
    with any closing quotes, then white space) or line break before it; 0 if none."""
    start = 0
    for found in BOUNDARY.finditer(text, 0, position):
        start = found.end()
    return start


def ranked(items: Iterable[str], salt: str, seed: str = SEED) -> list[str]:
    return sorted(items, key=lambda s: hashlib.sha256(f"{seed}:{salt}:{s}".encode()).hexdigest())


def chosen_articles(articles: list[Article], sample: Sample = SAMPLES["dev"]) -> list[Article]:
    """ARTICLES_PER_SOURCE articles per corpus source in the sample's seeded order, leaving
    out every article of the samples it excludes."""
    excluded = {a.id for name in sample.excludes for a in chosen_articles(articles, SAMPLES[name])}
    by_source: dict[str, list[Article]] = {}
    for article in articles:
        if article.id not in excluded:
            by_source.setdefault(article.corpus_source, []).append(article)
    chosen: list[Article] = []
    for source in sorted(by_source):
        by_id = {a.id: a for a in by_source[source]}
        chosen += [by_id[i] for i in ranked(by_id, "article", sample.seed)[:ARTICLES_PER_SOURCE]]
    return chosen


def line_starts(raw: str, read: str) -> list[tuple[int, int]]:
    """``(offset in read, offset in raw)`` of each line of ``read``, the text as the feed
    reader keeps it (``feed_text``: whole lines of page furniture left out, a trailing "Read
    more" cut): its lines are raw's lines in order, each equal to one or a prefix of one."""
    pairs, raw_at, read_at = [], 0, 0
    raw_lines = iter(raw.split("\n"))  # a raw line keeps its "\r": offsets are raw's
    for line in read.split("\n"):
        for candidate in raw_lines:
            plain = candidate.removesuffix("\r")
            if plain.startswith(line) if line else not plain:
                pairs.append((read_at, raw_at))
                raw_at += len(candidate) + 1
                break
            raw_at += len(candidate) + 1
        read_at += len(line) + 1
    return pairs


def raw_offset(pairs: list[tuple[int, int]], position: int) -> int:
    """Where ``position`` of the read text lies in the raw text (keys stay raw offsets, so
    judgements made before the reader left furniture out keep their keys)."""
    read_at, raw_at = max((p for p in pairs if p[0] <= position), default=(0, 0))
    return raw_at + position - read_at


def key_of(article: Article, attribution: Attribution, text: str | None = None) -> Key:
    """The key of an attribution found in ``text``, the article as read (default: as is)."""
    read = article.text if text is None else text
    offset = sentence_start(read, attribution.content.start)
    if text is not None:
        offset = raw_offset(line_starts(article.text, text), offset)
    return (article.id, offset, attribution.speaker.span.text)


def draw_article(
    article: Article, attributions: Iterable[Attribution], seed: str = SEED, text: str | None = None
) -> list[Drawn]:
    found: dict[str, Drawn] = {}
    for attribution in attributions:
        key = key_of(article, attribution, text)
        read = article.text if text is None else text
        end = read.find("\n", attribution.content.end)
        start = sentence_start(read, attribution.content.start)
        sentence = read[start : end if end >= 0 else None]
        cue = attribution.cue.text if attribution.cue else None
        speaker = attribution.speaker
        drawn = Drawn(
            key, cue, attribution.content.text, sentence, speaker.canonical, speaker.unresolved
        )
        found.setdefault(json.dumps(key), drawn)
    return [found[k] for k in ranked(found, article.id, seed)[:PER_ARTICLE]]


def draw(
    articles: list[Article], extractor: Extractor, sample: Sample = SAMPLES["dev"]
) -> list[Drawn]:
    drawn: list[Drawn] = []
    for article in chosen_articles(articles, sample):
        text = feed_text(article.text).rstrip()  # as ``corroborate run`` reads the item
        extraction = extractor.extract(text, published=article.published)
        drawn += draw_article(article, extraction.attributions, sample.seed, text)
    return drawn


def load_judgements(path: Path = JUDGEMENTS) -> dict[Key, dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        (j["article"], int(j["offset"]), str(j["speaker"])): j
        for j in document.get("judgements") or []
    }


def score(
    sample_keys: Iterable[Key], judgements: Mapping[Key, Mapping[str, Any]]
) -> dict[str, Any]:
    """Precision over the sample's judged keys; unjudged and stale keys counted, not guessed."""
    keys = list(dict.fromkeys(sample_keys))
    judged = [k for k in keys if k in judgements]
    correct = sum(bool(judgements[k]["correct"]) for k in judged)
    stale = [k for k in judgements if k not in set(keys)]
    return {
        "sample": len(keys),
        "judged": len(judged),
        "correct": correct,
        "precision": round(correct / len(judged), 4) if judged else None,
        "unjudged": len(keys) - len(judged),
        "stale_judgements": len(stale),
        "stale_keys": [list(k) for k in stale],
    }


def origins(drawn: list[Drawn], judgements: Mapping[Key, Mapping[str, Any]]) -> dict[str, Any]:
    """What grading counts: an attribution is an origin unless its speaker is unresolved.
    An origin is right when the judgement names the real source (``real_speaker``) and the
    mention was resolved to it; where the judgement names none, when the span was judged
    correct (then a resolution to someone else goes unseen: a lenient figure). Wrong
    speakers left out of the origin counts (unresolved) are counted apart."""
    judged = [d for d in drawn if d.key in judgements]
    counted = [d for d in judged if not d.unresolved]
    right = [d for d in counted if _origin_right(d, judgements[d.key])]
    left_out = [d for d in judged if d.unresolved and not judgements[d.key]["correct"]]
    return {
        "origins": len(counted),
        "origins_right": len(right),
        "origin_precision": round(len(right) / len(counted), 4) if counted else None,
        "unresolved": len(judged) - len(counted),
        "wrong_speakers_left_out": len(left_out),
    }


def _origin_right(drawn: Drawn, judgement: Mapping[str, Any]) -> bool:
    real = judgement.get("real_speaker")
    if not real:
        return bool(judgement["correct"])
    return same_source(drawn.canonical, str(real))


def _words(name: str) -> set[str]:
    return {w for w in re.split(r"[\s-]+", name.lower().replace("’", "'")) if w and w != "the"}


def same_source(canonical: str, real: str) -> bool:
    """Whether a resolved name names the judged source: one's words hold the other's
    ("Murphy" and "Chris Murphy"; "Britain-based Syrian Observatory for Human Rights")."""
    mine, theirs = _words(canonical), _words(real)
    return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)


def checking_sheet(sample: list[Drawn]) -> str:
    """The sample as a Markdown sheet a person reads to judge each speaker."""
    lines = ["# Speakers to check (bench/realnews_speakers.py draw)", ""]
    for n, item in enumerate(sample, start=1):
        article, offset, speaker = item.key
        lines += [
            f"## {n}. {article} @ {offset}",
            f"- speaker: `{speaker}`  cue: `{item.cue}`  resolved: "
            + ("unresolved" if item.unresolved else f"`{item.canonical}`"),
            f"- content: {item.content}",
            f"- sentence: {item.sentence}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=("draw", "score"))
    parser.add_argument("--sample", choices=sorted(SAMPLES), default="dev")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--fast", action="store_true", help="without the attribution encoder")
    args = parser.parse_args()
    corpus = args.corpus.expanduser()
    sample = SAMPLES[args.sample]
    drawn = draw(load_articles(corpus), Extractor.load(encoder=not args.fast), sample)
    sheet = corpus / f"speakers_sample_{sample.name}.md"
    sheet.write_text(checking_sheet(drawn), encoding="utf-8")  # each action writes it
    print(f"{len(drawn)} attributions -> {sheet}")
    if args.action == "draw":
        return
    judgements = load_judgements(sample.judgements)
    found = {**score([d.key for d in drawn], judgements), **origins(drawn, judgements)}
    figures = {**previous_figures(), sample.name: {"encoder": not args.fast, **found}}
    print(json.dumps(found, indent=2), "->", write_result("real_news_speakers", figures))


def previous_figures() -> dict[str, Any]:
    """The figures of the other samples, and each sample's figures before the fixes made
    against dev (``<name>_before_fixes``, scored from the sheets drawn then), kept when one
    sample is scored again."""
    path = RESULTS / "real_news_speakers.json"
    if not path.exists():
        return {}
    figures: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["figures"]
    kept = {*SAMPLES, *(f"{name}_before_fixes" for name in SAMPLES)}
    return {k: v for k, v in figures.items() if k in kept}


if __name__ == "__main__":
    main()
