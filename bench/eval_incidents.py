"""Cross-document event coreference on ECB+: our incident clustering against gold clusters.

Setting: **gold mentions** (the ECB+ event mentions of the validated sentences, see
bench/ecbplus.py), test topics 36-45 (1,780 mentions, 805 gold clusters). Each gold
mention becomes a ``corroborate.link.incidents.Mention`` built only from what a system
could extract from the mention's trigger, sentence and document (never from gold clusters):

* ``types``: a crude stem of the trigger's head (its first content word), and with
  ``senses`` the stems of the evaluated triggers' heads alike in meaning
  (``bench/trigger_senses.py``: within cosine ``senses`` in the bundled encoder's word
  embeddings), the bench's stand-in for the violation types extraction gives;
* ``place`` / ``region`` / ``country``: the rule ``extract`` applies to an allegation
  (``extract.anchors.act_place``: the first place of the sentence attached to the act, here
  the mention's trigger, else the first plain one, else the last one before it that is not
  where someone spoke, nor where fire came from or went), over the places ``find_places``
  finds in the whole document and its parse by the bundled pipeline, made as specific as the
  place allows by ``incidents.located``; or none at all (``places`` off);
* ``day``: the first absolute calendar date of the sentence (``find_times(s, None)``);
* ``actors``: the capitalised words of the sentence that are not sentence-initial, not
  function words, weekdays or months (a stand-in for proper nouns);
* ``words``: the stems of the sentence's content words (lower-cased, stopwords removed);
* ``context``: the stems of the whole document's content words.

Two block settings are scored: **gold topic blocks** (``cluster()`` runs once per gold
topic, as in most published ECB+ systems, which cluster within gold or predicted topics)
and **no blocks** (all test topics in one run). Both are scored over all test mentions at
once, as the CoNLL scorer does for cross-document coreference. Baselines: same-lemma
(mentions whose trigger stems match, within the block) and singletons.

``--tune`` chooses a setting (``GRID``: places on or off, senses off or their cosine, the
threshold, the weights of words and context) by ``FOLDS``-fold cross-validation over whole
*train* topics (1-35 less the dev topics), reports the cross-validated train score, and
scores the chosen setting on the evaluated topics once; it never looks at dev or test
topics to choose. The linkage is not tuned: average linkage is a design choice (a join is
checked against the whole incident, so incidents cannot chain into grab-bags); single
linkage is scored beside it for comparison only, as are the chosen setting with the other
place view and with senses switched (off, or 0.5 where the chosen setting has none).

Tried on the train topics and dropped (5-fold mean CoNLL F1 with senses at 0.5, threshold
2, words 4, context 4: 75.9; 2026-11-30): gold subtopics as blocks, an oracle, 76.1 (without
senses; so telling the two seminal events of a topic apart is worth little more); documents
first grouped into stories by average-linkage Jaccard of their words, mentions of two stories
never one incident, 76.0 at best; a document's capitalised names as its context, 76.0; cosine
in place of Jaccard for the context, 75.9; a penalty for sentences naming disjoint actors,
75.9 at best; mentions of different types compared across reports (blocks by actor too),
66-68. What is missed is mostly pairs of one subtopic whose triggers differ ("checked into" /
"entered"), which word overlap alone cannot tell from other events of the same story.

Context and arguments of the trigger, tried and dropped (``bench/trigger_vectors_study.py``:
the same folds over train topics, places off, senses 0.5, words 4, context 8; 5-fold mean
CoNLL F1, 75.9 without them, and in brackets the nested figure, each fold scored with the
setting best on the others, 75.6 without them; 2026-12-01). The bundled encoder's last
hidden states at the trigger's pieces in its sentence (``bench/trigger_vectors.py``) tell
coreferent from other cross-document pairs of a topic with an AUC of 0.68 (0.64 where the
triggers' stems differ; sentence vectors 0.54). Their cosine added to the pair score: 76.0 at
best (75.7; mean-centred vectors 75.7 at best); the sentence vectors' cosine 75.5 (75.6); a
mention's types widened by the stem of its nearest trigger in another document 69.5, or only
where the two are each other's nearest 75.5. The trigger's arguments (``bench/
trigger_arguments.py``, the nouns the parse attaches to it): a weight of 0.5 taken off where
both name arguments and share none, 76.3 (76.1), with the trigger cosine beside it 76.4
(76.1); their overlap added, 76.0 (75.5). Within a topic the context already joins nearly
every pair of a block, so the blocks decide, and a trigger's nearest neighbour is as often
another event of the story; the encoder was fine-tuned to tag attribution roles, not to tell
events apart. Every gain is under a point, so none is in ``link.incidents``.

    python bench/eval_incidents.py [--topics 36-45] [--data DIR] [--weights words=2,threshold=1.5]
                                   [--no-places] [--senses 0.5] [--tune]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.tokens import Doc

from bench.common import DATA, write_result
from bench.coref_metrics import evaluate
from bench.ecbplus import (
    TRAIN_TOPICS,
    EventMention,
    document_sentences,
    load,
    parse_topics,
)
from bench.trigger_senses import senses
from corroborate.extract.facts.acts import EXTENSION, read
from corroborate.extract.facts.anchors import act_place
from corroborate.extract.facts.places import find_places
from corroborate.extract.facts.times import find_times
from corroborate.extract.models.nlp import load_pipeline
from corroborate.link.incidents import Mention, Weights, cluster, located
from corroborate.model import Place, Span

SETTING = (
    "gold mentions (ECB+ ACTION_* and NEG_ACTION_* markables of the validated sentences); "
    "cross-document event coreference scored over all mentions of the evaluated topics at once"
)
BLOCKINGS = {
    "gold_topic_blocks": "cluster() run per gold topic (as in most published ECB+ systems)",
    "no_blocks": "cluster() run once over all evaluated topics (harder: no topic boundary)",
}
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said says say told according new one two three also after
    year years since last first time would could may might must shall us mr mrs ms dr
    away""".split()
)
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
IRREGULAR = {
    form: base
    for base, forms in {
        "die": "died dying dies",
        "lie": "lying lay",
        "shoot": "shot",
        "strike": "struck stricken",
        "flee": "fled",
        "win": "won",
        "catch": "caught",
        "sell": "sold",
        "buy": "bought",
        "fall": "fell fallen",
        "leave": "left",
        "hold": "held",
        "send": "sent",
        "begin": "began begun",
        "lead": "led",
        "make": "made",
        "take": "took taken",
        "give": "gave given",
        "come": "came",
        "go": "went gone",
        "steal": "stole stolen",
        "tell": "told",
        "find": "found",
        "hang": "hung hanged",
        "shake": "shook shaken",
        "run": "ran",
        "bring": "brought",
        "build": "built",
        "lose": "lost",
        "meet": "met",
        "break": "broke broken",
        "choose": "chose chosen",
        "drive": "drove driven",
        "rise": "rose risen",
        "speak": "spoke spoken",
        "sink": "sank sunk",
        "swear": "swore sworn",
        "seek": "sought",
        "fight": "fought",
        "hurt": "hurts",
        "slay": "slew slain",
        "freeze": "froze frozen",
        "blow": "blew blown",
        "throw": "threw thrown",
        "bite": "bit bitten",
        "wear": "wore worn",
        "tear": "tore torn",
        "see": "saw seen",
        "think": "thought",
        "say": "said",
        "be": "was were been being is are am",
        "have": "had has having",
    }.items()
    for form in forms.split()
}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
Clusterer = Callable[[Sequence[Mention]], list[list[int]]]
View = tuple[bool, float | None]  # places on or off; senses off (None) or their cosine


def stem(word: str) -> str:
    """A deliberately crude stem: "arrested", "arrests", "arresting" -> "arrest".

    Irregular forms of common event verbs map to the base form first ("shot" -> "shoot").
    Then it strips one of -ies/-ied (-> y), -ing, -ed, -es, -s, then a final -y and final -e's, then
    undoubles a final double consonant, each only when enough letters stay. It is applied
    to every word alike, so it only needs to be consistent, not linguistically right.
    """
    word = word.lower().strip("'-")
    word = IRREGULAR.get(word, word)
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("es") and len(word) >= 5 and word[-3] in "sxz":
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
            word = word[:-1]
    if word.endswith("y") and len(word) >= 4:
        word = word[:-1]
    while word.endswith("e") and len(word) >= 3:
        word = word[:-1]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def trigger_stem(trigger: str) -> str:
    """Stem of the trigger's first content word ("set fire" -> "set", "passed away" -> "pass")."""
    return stem(trigger_head(trigger))


def trigger_head(trigger: str) -> str:
    """The trigger's first content word ("set fire" -> "set", "passed away" -> "passed")."""
    words: list[str] = WORD.findall(trigger) or [trigger]
    content = [w for w in words if w.lower() not in STOPWORDS] or words
    return content[0]


@dataclass(frozen=True, slots=True)
class Document:
    """What a system reads around a mention: the whole document, its places and words."""

    starts: dict[int, tuple[int, int]]  # sentence number -> (start, end) in the text
    places: list[Place]
    context: frozenset[str]
    doc: Doc  # the text parsed by the bundled pipeline


def read_documents(root: Path, topics: Iterable[int]) -> dict[str, Document]:
    """Each document's places (found in its whole text, as ``extract`` does) and words."""
    found: dict[str, Document] = {}
    nlp = load_pipeline()
    for name, sentences in document_sentences(root, topics).items():
        starts: dict[int, tuple[int, int]] = {}
        offset = 0
        for number, sentence in sentences.items():
            starts[number] = (offset, offset + len(sentence))
            offset += len(sentence) + 1
        text = " ".join(sentences.values())
        found[name] = Document(starts, find_places(text), content_words(text), nlp(text))
    return found


def content_words(text: str) -> frozenset[str]:
    tokens = WORD.findall(text)
    return frozenset(
        stem(t) for t in tokens if t.lower() not in STOPWORDS and len(t) > 2 and t.isalpha()
    )


def event_place(gold: EventMention, document: Document) -> Place | None:
    """The rule ``extract`` applies to an allegation (``anchors.act_place``), with the
    mention's trigger as the act: the place of its sentence attached to the trigger, else the
    first plain one, else the last one before it that is no speaker's, origin or direction."""
    start, end = document.starts[gold.sentence]
    doc = document.doc
    read(doc)  # the harmful acts of the lexicon, marked once per document
    text = doc.text
    at = text.find(gold.trigger, start, end)
    if at < 0:
        at = text.lower().find(gold.trigger.lower(), start, end)
    trigger = (
        doc.char_span(at, at + len(gold.trigger), alignment_mode="expand") if at >= 0 else None
    )
    marked = [t for t in trigger or () if t._.get(EXTENSION) is None]
    for token in marked:
        token._.set(EXTENSION, "trigger")
    try:
        return act_place(doc, document.places, Span(start, end, text[start:end]))
    finally:
        for token in marked:
            token._.set(EXTENSION, None)


def to_mention(gold: EventMention, document: Document, *, places: bool = True) -> Mention:
    """The clustering's view of one gold mention, from its trigger, sentence and document
    only; ``places=False`` leaves the place unknown."""
    sentence = gold.sentence_text
    place, region, country = located(event_place(gold, document) if places else None)
    tokens = WORD.findall(sentence)
    return Mention(
        types=frozenset({trigger_stem(gold.trigger)}),
        place=place,
        region=region,
        country=country,
        day=_first_day(sentence),
        actors=frozenset(_actors(tokens)),
        words=content_words(sentence),
        context=document.context,
    )


def _first_day(sentence: str) -> date | None:
    for found in find_times(sentence, None):
        if found.value and not found.relative and len(found.value) == 10:
            try:
                return date.fromisoformat(found.value)
            except ValueError:
                continue
    return None


def _actors(tokens: list[str]) -> set[str]:
    alpha = [t for t in tokens if t[0].isalpha()]
    if alpha and sum(t[0].isupper() for t in alpha) > 0.6 * len(alpha) and len(alpha) > 3:
        return set()  # a title-cased headline: capitals say nothing about names
    return {
        t.lower()
        for t in tokens[1:]
        if t[0].isupper() and t.lower() not in STOPWORDS and t.lower() not in CALENDAR
    }


def run_blocked(
    golds: Sequence[EventMention], blocked: bool, clusterer: Clusterer, mentions: list[Mention]
) -> list[set[str]]:
    """Response clusters (sets of mention ids): per gold topic when ``blocked``, else all."""
    blocks: dict[int, list[int]] = defaultdict(list)
    for index, gold in enumerate(golds):
        blocks[gold.topic if blocked else 0].append(index)
    response: list[set[str]] = []
    for members in blocks.values():
        for found in clusterer([mentions[i] for i in members]):
            response.append({golds[members[i]].mention_id for i in found})
    return response


def same_lemma(mentions: Sequence[Mention]) -> list[list[int]]:
    """Baseline: mentions whose trigger stems (``types``) are equal form one cluster."""
    groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[mention.types].append(index)
    return list(groups.values())


def singletons(mentions: Sequence[Mention]) -> list[list[int]]:
    """Baseline: every mention alone."""
    return [[index] for index in range(len(mentions))]


def key_clusters(golds: Iterable[EventMention]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for gold in golds:
        groups[gold.cluster].add(gold.mention_id)
    return list(groups.values())


def score_all(
    golds: Sequence[EventMention],
    views: dict[View, list[Mention]],
    systems: dict[str, tuple[Clusterer, View]],
) -> dict[str, dict[str, Any]]:
    """Metrics per block setting and system; each system names the view it reads (with or
    without places, with or without senses)."""
    key = key_clusters(golds)
    results: dict[str, dict[str, Any]] = {}
    for blocking in BLOCKINGS:
        results[blocking] = {}
        for name, (clusterer, view) in systems.items():
            blocked = blocking == "gold_topic_blocks"
            response = run_blocked(golds, blocked, clusterer, views[view])
            results[blocking][name] = {"clusters": len(response), **evaluate(key, response)}
    return results


def incidents_clusterer(weights: Weights) -> Clusterer:
    return lambda mentions: cluster(mentions, weights)


def parse_weights(specs: Sequence[str]) -> Weights:
    """``["words=2", "threshold=1.5,linkage=single"]`` -> Weights with those fields replaced."""
    kinds = {f.name: str(f.type) for f in fields(Weights)}
    changes: dict[str, Any] = {}
    for spec in specs:
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, _, value = item.partition("=")
            name = name.strip()
            if name not in kinds:
                raise SystemExit(f"unknown Weights field {name!r}; known: {', '.join(kinds)}")
            changes[name] = _typed(kinds[name], value.strip())
    return replace(Weights(), **changes)


def _typed(kind: str, value: str) -> Any:
    if kind.startswith("Literal"):
        return value
    if kind == "bool":
        return value.lower() in ("1", "true", "yes")
    return int(value) if kind == "int" else float(value)


# "places": whether mentions carry the place ``extract`` would give them (else unknown)
GRID: dict[str, tuple[Any, ...]] = {
    "places": (True, False),
    "senses": (None, 0.45, 0.5, 0.55, 0.6),
    "threshold": (2.0, 2.5, 3.0),
    "words": (4.0, 8.0),
    "context": (0.0, 4.0, 8.0),
}
FOLDS = 5


def views_of(
    golds: Sequence[EventMention], documents: dict[str, Document], taus: Iterable[float | None]
) -> dict[View, list[Mention]]:
    """The mentions with (True) and without (False) places, with the senses of each ``taus``
    (None: the trigger's stem alone)."""
    plain = {
        flag: [to_mention(g, documents[g.doc], places=flag) for g in golds]
        for flag in (True, False)
    }
    views: dict[View, list[Mention]] = {}
    for tau in sorted(set(taus), key=lambda t: -1.0 if t is None else t):
        types = sense_types(golds, tau)
        for flag, mentions in plain.items():
            views[flag, tau] = [replace(m, types=t) for m, t in zip(mentions, types, strict=True)]
    return views


def sense_types(golds: Sequence[EventMention], tau: float | None) -> list[frozenset[str]]:
    """Each mention's types: its trigger's stem, and with ``tau`` the stems of its senses
    among the heads of all ``golds`` (``trigger_senses.senses``)."""
    heads = [trigger_head(g.trigger) for g in golds]
    if tau is None:
        return [frozenset({stem(h)}) for h in heads]
    return [frozenset(stem(w) for w in near) for near in senses(heads, tau)]


def setting_of(chosen: dict[str, Any]) -> tuple[Weights, View]:
    named = {k: v for k, v in chosen.items() if k not in ("places", "senses")}
    return replace(Weights(), **named), (bool(chosen["places"]), chosen.get("senses"))


def tune(root: Path, blocked: bool = True) -> dict[str, Any]:
    """Choose a setting by cross-validation over the train topics (``FOLDS`` folds of whole
    topics): each fold is scored with the setting that is best on the other folds, and the
    setting best over all folds is the one chosen. Dev and test are never looked at."""
    train = load(root, TRAIN_TOPICS)
    views = views_of(train, read_documents(root, TRAIN_TOPICS), GRID["senses"])
    folds = [set(TRAIN_TOPICS[i::FOLDS]) for i in range(FOLDS)]
    settings = [dict(zip(GRID, v, strict=True)) for v in itertools.product(*GRID.values())]
    table = [_fold_scores(train, views, setting, folds, blocked) for setting in settings]
    held_out: list[dict[str, Any]] = []
    for fold in range(FOLDS):
        best = max(
            range(len(settings)),
            key=lambda i: sum(s for f, s in enumerate(table[i]) if f != fold),
        )
        held_out.append({"fold_topics": sorted(folds[fold]), "setting": settings[best],
                         "conll_f1": table[best][fold]})  # fmt: skip
    ranked = sorted(range(len(settings)), key=lambda i: -sum(table[i]))
    return {
        "train_topics": list(TRAIN_TOPICS),
        "folds": FOLDS,
        "blocking": "gold_topic_blocks" if blocked else "no_blocks",
        "grid": {name: list(values) for name, values in GRID.items()},
        "settings_tried": len(settings),
        "cross_validated_conll_f1": round(sum(float(h["conll_f1"]) for h in held_out) / FOLDS, 4),
        "held_out_folds": held_out,
        "chosen": settings[ranked[0]],
        "top5": [
            {"setting": settings[i], "mean_fold_conll_f1": round(sum(table[i]) / FOLDS, 4)}
            for i in ranked[:5]
        ],
    }


def _fold_scores(
    golds: Sequence[EventMention],
    views: dict[View, list[Mention]],
    setting: dict[str, Any],
    folds: list[set[int]],
    blocked: bool,
) -> list[float]:
    weights, view = setting_of(setting)
    response = run_blocked(golds, blocked, incidents_clusterer(weights), views[view])
    topic_of = {g.mention_id: g.topic for g in golds}
    scores = []
    for fold in folds:
        key = key_clusters(g for g in golds if g.topic in fold)
        inside = [{m for m in r if topic_of[m] in fold} for r in response]
        scores.append(evaluate(key, [r for r in inside if r])["conll_f1"])
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--topics", default="36-45", help="evaluated topics (default 36-45)")
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus", help="ECB+ folder")
    parser.add_argument(
        "--weights", action="append", default=[], help="Weights overrides, e.g. words=2"
    )
    parser.add_argument("--no-places", action="store_true", help="mentions without places")
    parser.add_argument(
        "--senses", type=float, default=None, help="triggers within this cosine share a type"
    )
    parser.add_argument(
        "--tune", action="store_true", help="cross-validate settings on train topics"
    )
    args = parser.parse_args(argv)

    topics = parse_topics(args.topics)
    started = time.perf_counter()
    golds = load(args.data, topics)
    if not golds:
        raise SystemExit(f"no ECB+ mentions for topics {args.topics} under {args.data}")
    weights = parse_weights(args.weights)
    view: View = (not args.no_places, args.senses)
    systems: dict[str, tuple[Clusterer, View]] = {
        "incidents": (incidents_clusterer(weights), view),
        "same_lemma": (same_lemma, (False, None)),
        "singletons": (singletons, (False, None)),
    }
    tuned: dict[str, Any] | None = None
    if args.tune:
        if set(topics) & set(TRAIN_TOPICS):
            raise SystemExit("--tune chooses on train topics; evaluate on topics outside them")
        tuned = tune(args.data)
        systems.update(_tuned_systems(tuned["chosen"]))
    taus = {v[1] for _, v in systems.values()}
    views = views_of(golds, read_documents(args.data, topics), taus)
    results = score_all(golds, views, systems)
    figures = _figures(golds, views[view], weights, results, tuned)
    figures["seconds"] = round(time.perf_counter() - started, 2)
    _print_table(results)
    if tuned:
        print(f"\nchosen by {FOLDS}-fold cross-validation on train topics: {tuned['chosen']}")
        print(f"  cross-validated train CoNLL F1 {tuned['cross_validated_conll_f1']:.4f}")
    print(f"\nwrote {write_result('eval_incidents', figures)}")


def _tuned_systems(chosen: dict[str, Any]) -> dict[str, tuple[Clusterer, View]]:
    """The chosen setting, and for comparison only (never to choose) the same setting with
    single linkage, with the other place view and with senses off (or at 0.5 if off)."""
    weights, (places, tau) = setting_of(chosen)
    chosen_clusterer = incidents_clusterer(weights)
    return {
        "incidents_tuned_on_train": (chosen_clusterer, (places, tau)),
        "tuned_but_single_linkage": (
            incidents_clusterer(replace(weights, linkage="single")),
            (places, tau),
        ),
        f"tuned_but_places_{'off' if places else 'on'}": (chosen_clusterer, (not places, tau)),
        f"tuned_but_senses_{'off' if tau else '0.5'}": (
            chosen_clusterer,
            (places, None if tau else 0.5),
        ),
    }


def _figures(
    golds: Sequence[EventMention],
    mentions: list[Mention],
    weights: Weights,
    results: dict[str, dict[str, Any]],
    tuned: dict[str, Any] | None,
) -> dict[str, Any]:
    key = key_clusters(golds)
    counts = {
        "topics": sorted({g.topic for g in golds}),
        "documents": len({g.doc for g in golds}),
        "mentions": len(golds),
        "gold_clusters": len(key),
        "gold_singletons": sum(1 for k in key if len(k) == 1),
        "mentions_with_place": sum(1 for m in mentions if m.place or m.region or m.country),
        "mentions_with_day": sum(1 for m in mentions if m.day),
        "mentions_with_actors": sum(1 for m in mentions if m.actors),
    }
    figures: dict[str, Any] = {
        "setting": SETTING,
        "blockings": BLOCKINGS,
        "data": "ECB+ 1.0 (Cybulska & Vossen 2014), CC BY 3.0, read at run time",
        "counts": counts,
        "weights": asdict(weights),
        "results": results,
    }
    if tuned:
        figures["tuning"] = tuned
    return figures


def _print_table(results: dict[str, dict[str, Any]]) -> None:
    header = f"{'blocking':<18} {'system':<25} {'MUC F1':>7} {'B3 F1':>7} {'CEAF-e':>7} "
    print(header + f"{'CoNLL':>7} {'LEA F1':>7} {'clusters':>8}")
    for blocking, systems in results.items():
        for name, row in systems.items():
            print(
                f"{blocking:<18} {name:<25} {row['muc']['f1']:>7.4f} {row['b3']['f1']:>7.4f} "
                f"{row['ceaf_e']['f1']:>7.4f} {row['conll_f1']:>7.4f} {row['lea']['f1']:>7.4f} "
                f"{row['clusters']:>8}"
            )


if __name__ == "__main__":
    main()
