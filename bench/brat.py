"""Brat standoff attribution annotations (PolNeAR) and the metrics that score extractions.

Everything here is a pure function of strings and offsets: reading files, running the
extractor and printing belong to ``bench/eval_attribution.py``.

Gold data
    A PolNeAR ``.ann`` file holds T-lines (``T3<TAB>Content 115 290<TAB>text``; a span may be
    discontinuous, ``Content 10 20;30 40``) and E-lines tying them together
    (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; the event type may also be
    ``Attribution-no-source`` and the Source role may be missing). A role name with a
    numeric suffix (``Content2``) is folded into its role. Events with no role at all are
    dropped. Where a document has several annotator files, the first in sorted order is used
    (:func:`first_annotator_files`).

Normalisation
    Before any comparison every fragment of every span, gold and predicted, is trimmed at both
    ends of whitespace and punctuation (Unicode category P*, so quotes, commas, full stops,
    dashes and brackets, plus the backtick and acute accent), using the document text;
    fragments left empty are dropped. So ``"We will win,"`` and ``We will win`` are the same
    span. A span of punctuation only (PolNeAR's ``:`` and dash cues) is trimmed of whitespace
    only. Normalisation is applied for the exact *and* the overlap metrics.

Tokens
    ``\\w+|[^\\w\\s]`` over the whole document text; a token belongs to a span when it lies
    inside one of the span's (normalised) fragments.

Metrics (per role: source, cue, content; micro-averaged by summing :class:`Counts`)
    ``exact``: a predicted span is a true positive when it equals, fragment for fragment, a
    not-yet-matched gold span of the same role (greedy one-to-one, in order); P = TP / #pred,
    R = TP / #gold.

    ``overlap``: predicted and gold spans of the role are paired one-to-one, greedily by
    descending token Jaccard (pairs sharing no token are never paired); P = sum of the shared
    tokens of the pairs / all predicted tokens, R = the same sum / all gold tokens. This is the
    partial-credit token overlap of BBC Citron (``citron/metrics.py``,
    ``get_quote_overlap_counts_and_lengths`` and ``get_overlap_scores``, github.com/bbc/citron,
    Apache-2.0), except that Citron sums the overlap over *all* (predicted, gold) pairs of
    quotes, without one-to-one pairing, and counts spaCy tokens of unnormalised spans.

    ``citron_exact`` and ``citron_overlap`` mirror Citron's definitions as written there, for
    comparison with its published figures: cue exact counts a predicted cue as TP when it
    equals *any* gold cue (FN = gold cues equal to no predicted cue; no one-to-one matching);
    source/content exact counts a predicted quote as TP when *some* gold quote has an
    overlapping cue and an identical source (content) span list, an empty list matching an
    empty one, with FN the gold quotes matched by no prediction that way; overlap sums the
    shared tokens over all (predicted, gold) pairs. Citron's published figures (model
    en_2021-11-15, models/en_2021-11-15/README.md: source exact F1 82.0, content exact F1 59.3,
    source overlap F1 85.3, content overlap F1 83.3, cue exact F1 82.3) were measured on the
    **PARC 3.0 test set** (Wall Street Journal), not on PolNeAR, with spaCy token boundaries.
    On PolNeAR several relations may share one source span, so the all-pairs sum can credit a
    token more than once (citron_overlap above 100% for a perfect prediction); prefer
    ``overlap``.

    ``relation``: a predicted attribution is correct when it can be paired with a gold relation
    whose cue shares a token with its cue, whose content shares a token with its content, and
    whose source shares a token with its source or where neither has a source. Pairing is a
    maximum one-to-one matching; P = pairs / #pred, R = pairs / #gold. (A gold relation
    without a cue can never be matched.)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

Fragment = tuple[int, int]
Spans = tuple[Fragment, ...]
ROLES: tuple[str, ...] = ("source", "cue", "content")
METRICS: tuple[str, ...] = ("exact", "overlap", "citron_exact", "citron_overlap")

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_EXTRA_STRIP = frozenset("`´")


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution: the fragments of each role; an empty tuple means the role is absent."""

    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()

    def role(self, name: str) -> Spans:
        """The fragments of ``name`` (one of :data:`ROLES`)."""
        spans: Spans = getattr(self, name)
        return spans


def relation(source: Fragment | None, cue: Fragment | None, content: Fragment | None) -> Relation:
    """A relation from single contiguous ``(start, end)`` offsets, ``None`` for a missing role."""
    return Relation(
        source=(source,) if source else (),
        cue=(cue,) if cue else (),
        content=(content,) if content else (),
    )


def parse_ann(ann: str) -> list[Relation]:
    """The relations of a brat ``.ann`` file's text, in E-line order.

    Lines that are neither T- nor E-lines (notes, continuation lines of span texts that hold a
    newline) are ignored, as are references to unknown T ids and events without any role.
    """
    spans: dict[str, Spans] = {}
    events: list[str] = []
    for line in ann.splitlines():
        t = _T_LINE.match(line)
        if t:
            frags = [part.split() for part in t.group(3).split(";")]
            pairs = ((int(a), int(b)) for a, b in frags)
            spans[t.group(1)] = tuple(sorted((a, b) for a, b in pairs if b > a))
            continue
        e = _E_LINE.match(line)
        if e:
            events.append(e.group(1))
    relations = []
    for event in events:
        roles: dict[str, list[Fragment]] = {role: [] for role in ROLES}
        for arg in event.split()[1:]:
            name, _, ref = arg.partition(":")
            role = name.rstrip("0123456789").lower()
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if any(roles.values()):
            relations.append(Relation(**{r: tuple(sorted(set(f))) for r, f in roles.items()}))
    return relations


def first_annotator_files(names: Iterable[str]) -> dict[str, str]:
    """Map each document id to its first annotator file name in sorted order.

    ``doc_ab12.ann`` belongs to document ``doc`` (annotator id after the last underscore).
    """
    chosen: dict[str, str] = {}
    for name in sorted(names):
        if name.endswith(".ann"):
            chosen.setdefault(name[: -len(".ann")].rsplit("_", 1)[0], name)
    return chosen


def _strippable(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_STRIP or unicodedata.category(ch).startswith("P")


def _trim(text: str, spans: Spans, strip: Callable[[str], bool]) -> Spans:
    out = []
    for start, end in spans:
        start, end = max(start, 0), min(end, len(text))
        while start < end and strip(text[start]):
            start += 1
        while end > start and strip(text[end - 1]):
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def normalise(text: str, spans: Spans) -> Spans:
    """Trim whitespace and punctuation off both ends of every fragment; drop empty ones.

    A span made of punctuation only (PolNeAR has colon and dash cues) is trimmed of
    whitespace only, so that it stays comparable.
    """
    return _trim(text, spans, _strippable) or _trim(text, spans, str.isspace)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The character offsets of a document's tokens, in order."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]


def tokenise(text: str) -> Tokens:
    """Tokens of ``text`` by ``\\w+|[^\\w\\s]``."""
    found = [m.span() for m in _TOKEN.finditer(text)]
    return Tokens(tuple(s for s, _ in found), tuple(e for _, e in found))


def token_ids(tokens: Tokens, spans: Spans) -> frozenset[int]:
    """Indices of the tokens lying entirely inside one of the fragments."""
    ids: set[int] = set()
    for start, end in spans:
        i = bisect.bisect_left(tokens.starts, start)
        while i < len(tokens.starts) and tokens.ends[i] <= end:
            ids.add(i)
            i += 1
    return frozenset(ids)


@dataclass(slots=True)
class Counts:
    """Micro-averaging counts: hits among predictions and gold items, and their totals.

    For the exact and relation metrics these are span counts; for the overlap metrics token
    counts. Precision is ``pred_hits / pred``, recall ``gold_hits / gold``.
    """

    pred_hits: float = 0.0
    pred: float = 0.0
    gold_hits: float = 0.0
    gold: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.pred_hits + other.pred_hits,
            self.pred + other.pred,
            self.gold_hits + other.gold_hits,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return self.pred_hits / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """P/R/F1 and the raw counts, rounded for reports."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pred_hits": round(self.pred_hits, 4),
            "pred": self.pred,
            "gold_hits": round(self.gold_hits, 4),
            "gold": self.gold,
        }


def exact_counts(pred: Sequence[Spans], gold: Sequence[Spans]) -> Counts:
    """Greedy one-to-one exact matching of (already normalised) spans; empty spans ignored."""
    pred = [p for p in pred if p]
    open_gold = [g for g in gold if g]
    n_gold = len(open_gold)
    tp = 0
    for p in pred:
        if p in open_gold:
            open_gold.remove(p)
            tp += 1
    return Counts(tp, len(pred), tp, n_gold)


def overlap_counts(pred: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> Counts:
    """Token overlap with one-to-one pairing by descending Jaccard (ties: earlier first)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            shared = len(p & g)
            if shared:
                pairs.append((-shared / len(p | g), i, j, shared))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    total = 0
    for _, i, j, shared in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            total += shared
    return Counts(total, sum(map(len, pred)), total, sum(map(len, gold)))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A relation's normalised spans and their token sets, per role."""

    spans: dict[str, Spans] = field(default_factory=dict)
    tokens: dict[str, frozenset[int]] = field(default_factory=dict)


def prepare(text: str, tokens: Tokens, rel: Relation) -> Prepared:
    """Normalise a relation's spans and compute their token sets."""
    spans = {role: normalise(text, rel.role(role)) for role in ROLES}
    return Prepared(spans, {role: token_ids(tokens, s) for role, s in spans.items()})


def _relation_matches(p: Prepared, g: Prepared) -> bool:
    cue = p.tokens["cue"] & g.tokens["cue"]
    content = p.tokens["content"] & g.tokens["content"]
    source = p.tokens["source"] & g.tokens["source"]
    no_source = not p.spans["source"] and not g.spans["source"]
    return bool(cue and content and (source or no_source))


def _max_matching(edges: list[list[int]], n_right: int) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths)."""
    owner = [-1] * n_right

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right not in seen:
                seen.add(right)
                if owner[right] < 0 or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    return sum(augment(left, set()) for left in range(len(edges)))


def relation_counts(pred: Sequence[Prepared], gold: Sequence[Prepared]) -> Counts:
    """Relation-level counts: maximum one-to-one pairing of matching relations."""
    edges = [[j for j, g in enumerate(gold) if _relation_matches(p, g)] for p in pred]
    hits = _max_matching(edges, len(gold))
    return Counts(hits, len(pred), hits, len(gold))


def _citron_exact(role: str, pred: Sequence[Prepared], gold: Sequence[Prepared]) -> Counts:
    def same(p: Prepared, g: Prepared) -> bool:
        if role == "cue":
            return bool(p.spans["cue"]) and p.spans["cue"] == g.spans["cue"]
        return bool(p.tokens["cue"] & g.tokens["cue"]) and p.spans[role] == g.spans[role]

    pred_hits = sum(any(same(p, g) for g in gold) for p in pred)
    gold_hits = sum(any(same(p, g) for p in pred) for g in gold)
    return Counts(pred_hits, len(pred), gold_hits, len(gold))


def _citron_overlap(role: str, pred: Sequence[Prepared], gold: Sequence[Prepared]) -> Counts:
    shared = sum(len(p.tokens[role] & g.tokens[role]) for p in pred for g in gold)
    return Counts(
        shared,
        sum(len(p.tokens[role]) for p in pred),
        shared,
        sum(len(g.tokens[role]) for g in gold),
    )


Scores = dict[str, dict[str, Counts]]


def empty_scores() -> Scores:
    """Zero counts for every metric and role, plus ``relation``/``all``."""
    scores: Scores = {metric: {role: Counts() for role in ROLES} for metric in METRICS}
    scores["relation"] = {"all": Counts()}
    return scores


def score_document(text: str, gold: Sequence[Relation], pred: Sequence[Relation]) -> Scores:
    """All metrics for one document; add documents' scores with :func:`add_scores`."""
    tokens = tokenise(text)
    g = [prepare(text, tokens, r) for r in gold]
    p = [prepare(text, tokens, r) for r in pred]
    scores = empty_scores()
    for role in ROLES:
        scores["exact"][role] = exact_counts([x.spans[role] for x in p], [x.spans[role] for x in g])
        scores["overlap"][role] = overlap_counts(
            [x.tokens[role] for x in p if x.tokens[role]],
            [x.tokens[role] for x in g if x.tokens[role]],
        )
        scores["citron_exact"][role] = _citron_exact(role, p, g)
        scores["citron_overlap"][role] = _citron_overlap(role, p, g)
    scores["relation"]["all"] = relation_counts(p, g)
    return scores


def add_scores(a: Scores, b: Scores) -> Scores:
    """Micro-average: the element-wise sum of two score tables."""
    return {m: {k: a[m][k] + b[m][k] for k in a[m]} for m in a}
