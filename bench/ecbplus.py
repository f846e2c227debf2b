"""ECB+ reader: gold event mentions and their cross-document coreference clusters.

ECB+ (Cybulska & Vossen 2014, CC BY 3.0) is read at run time from
``<data>/ecbplus/ECB+/<topic>/<topic>_<n>ecb[plus].xml`` and never copied. Each file holds
tokens (``<token t_id sentence number>``), markables (mentions anchored to tokens, and
token-less *instance* markables that name an event or entity across documents) and
relations (``CROSS_DOC_COREF`` with the instance id in ``note``; ``INTRA_DOC_COREF``).

Choices, all standard for ECB+ event coreference (Cybulska & Vossen 2015; Barhom et al.
2019; Cattan et al. 2021):

* Event mentions are the token-anchored ``ACTION_*`` markables, plus ``NEG_ACTION_*``
  (negated actions, which the ECB+ README counts among the actions); ``include_negated``
  turns the latter off.
* Only mentions in the validated sentences listed in ``ECBplus_coreference_sentences.csv``
  are kept: annotation of coreference aimed at those sentences, and the corpus README asks
  evaluations to be restricted to them.
* Gold cluster id: the ``note`` (instance id) of the ``CROSS_DOC_COREF`` relation the
  mention is a source of; otherwise the ``INTRA_DOC_COREF`` chain it belongs to (an id
  unique to the document and chain); otherwise a singleton with an id of its own.
* Topic ``t`` has two subtopics: ``tecb`` (the original ECB documents) and ``tecbplus``
  (the documents added by ECB+ about a different seminal event of the same kind).
* Usual split: test topics 36-45, dev topics 2, 5, 12, 18, 21, 23, 34, 35, train the rest
  of 1-35 (topics 15 and 17 do not exist).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TEST_TOPICS: tuple[int, ...] = tuple(range(36, 46))
DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS: tuple[int, ...] = tuple(t for t in range(1, 36) if t not in DEV_TOPICS)
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"


@dataclass(frozen=True, slots=True)
class EventMention:
    """One gold event mention with its gold cluster and the text around it."""

    mention_id: str  # "<doc>:<m_id>", unique in the corpus
    doc: str  # "36_1ecb"
    topic: int  # 36
    subtopic: str  # "36ecb" or "36ecbplus"
    sentence: int  # sentence number in the document (ECB+ numbering)
    tag: str  # "ACTION_OCCURRENCE", "NEG_ACTION_STATE", ...
    trigger: str  # the anchored tokens, space-joined ("arrested", "set fire")
    sentence_text: str  # the sentence, detokenised
    token_ids: tuple[int, ...]
    cluster: str  # gold cluster id (instance id, intra-document chain or singleton)


def parse_topics(spec: str) -> list[int]:
    """``"36-45"``, ``"1-35,40"`` or ``"train"``/``"dev"``/``"test"`` as a sorted list."""
    named = {"train": TRAIN_TOPICS, "dev": DEV_TOPICS, "test": TEST_TOPICS}
    found: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if part in named:
            found.update(named[part])
        elif "-" in part:
            low, high = part.split("-", 1)
            found.update(range(int(low), int(high) + 1))
        else:
            found.add(int(part))
    return sorted(found)


def validated_sentences(root: Path) -> dict[str, set[int]]:
    """Document name ("36_1ecb") -> the sentence numbers validated for coreference."""
    found: dict[str, set[int]] = defaultdict(set)
    with (root / SENTENCES_CSV).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return dict(found)


def documents(root: Path, topics: Iterable[int]) -> list[Path]:
    """The XML files of ``topics`` (both subtopics), in topic and document order."""
    paths: list[Path] = []
    for topic in sorted(set(topics)):
        folder = root / "ECB+" / str(topic)
        if folder.is_dir():
            paths.extend(sorted(folder.glob("*.xml"), key=_doc_order))
    return paths


def load(
    root: Path,
    topics: Iterable[int] = TEST_TOPICS,
    *,
    validated_only: bool = True,
    include_negated: bool = True,
) -> list[EventMention]:
    """Gold event mentions of ``topics``; ``root`` is the ``ecbplus`` data folder."""
    keep = validated_sentences(root) if validated_only else None
    mentions: list[EventMention] = []
    for path in documents(root, topics):
        mentions.extend(read_document(path, keep, include_negated=include_negated))
    return mentions


def document_sentences(root: Path, topics: Iterable[int]) -> dict[str, dict[int, str]]:
    """Document name -> its sentences (number -> detokenised text), validated or not: what a
    system reads around a mention (the whole report)."""
    found: dict[str, dict[int, str]] = {}
    for path in documents(root, topics):
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence", "0"))].append(token.text or "")
        found[path.stem] = {n: detokenise(words) for n, words in sorted(sentences.items())}
    return found


def read_document(
    path: Path, keep: dict[str, set[int]] | None, *, include_negated: bool = True
) -> list[EventMention]:
    """Event mentions of one file; ``keep`` restricts them to validated sentences."""
    doc = path.stem
    topic = int(doc.split("_", 1)[0])
    subtopic = f"{topic}{'ecbplus' if doc.endswith('ecbplus') else 'ecb'}"
    root = ET.parse(path).getroot()
    words: dict[int, str] = {}
    sentence_of: dict[int, int] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        t_id, number = int(token.get("t_id", "0")), int(token.get("sentence", "0"))
        words[t_id] = token.text or ""
        sentence_of[t_id] = number
        sentences[number].append(token.text or "")
    clusters = _gold_clusters(root, doc)
    allowed = None if keep is None else keep.get(doc, set())
    found: list[EventMention] = []
    markables = root.find("Markables")
    for markable in [] if markables is None else list(markables):
        if not _is_event(markable.tag, include_negated):
            continue
        anchors = tuple(int(a.get("t_id", "0")) for a in markable.iter("token_anchor"))
        if not anchors:
            continue  # an instance (TAG_DESCRIPTOR), not a mention
        number = sentence_of[anchors[0]]
        if allowed is not None and number not in allowed:
            continue
        m_id = markable.get("m_id", "")
        found.append(
            EventMention(
                mention_id=f"{doc}:{m_id}",
                doc=doc,
                topic=topic,
                subtopic=subtopic,
                sentence=number,
                tag=markable.tag,
                trigger=" ".join(words[t] for t in anchors),
                sentence_text=detokenise(sentences[number]),
                token_ids=anchors,
                cluster=clusters.get(m_id, f"singleton:{doc}:{m_id}"),
            )
        )
    return sorted(found, key=lambda m: m.token_ids)


def detokenise(tokens: list[str]) -> str:
    """Space-joined tokens with the spaces before punctuation and clitics taken out."""
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)


def _is_event(tag: str, include_negated: bool) -> bool:
    return tag.startswith("ACTION_") or (include_negated and tag.startswith("NEG_ACTION_"))


def _gold_clusters(root: ET.Element, doc: str) -> dict[str, str]:
    """Mention id -> gold cluster id, from the cross- and intra-document relations."""
    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return clusters
    for relation in relations:
        if relation.tag == "CROSS_DOC_COREF":
            chain = f"cross:{relation.get('note', '')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"intra:{doc}:{relation.get('r_id', '')}"
        else:
            continue
        for source in relation.iter("source"):
            m_id = source.get("m_id", "")
            # a cross-document chain wins over an intra-document one (the README says the
            # two never overlap after the release clean-up; this only makes it certain)
            if m_id not in clusters or chain.startswith("cross:"):
                clusters[m_id] = chain
    return clusters


def _doc_order(path: Path) -> tuple[int, int]:
    match = re.match(r"\d+_(\d+)ecb(plus)?$", path.stem)
    if match is None:
        return (2, 0)
    return (1 if match.group(2) else 0, int(match.group(1)))
