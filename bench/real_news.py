"""The main job on real news: ``corroborate run`` over the real-news development corpus.

Runs the whole pipeline (``corroborate.pipeline.run``: ingest, extract, link, grade) on the
corpus that ``bench/realnews.py`` builds outside the repository, with an embedded SQLite
store in a temporary folder, and measures from the run's ``results.json`` (the
``RunResults`` it returns) what the fictional samples cannot tell:

* ``incidents_with_place``: incidents whose ``place`` is not null / all incidents;
* ``origins_outlet_registered``: origins at least one of whose reports has an ``outlet`` that
  the source registry knows (``taxonomy.registry().lookup`` finds it) / all origins. An
  origin's reports are the incident's ``reports`` whose ``id`` is in its ``report_ids``;
* ``origins_kind_resolved``: origins whose ``kind`` is not ``unknown`` / all origins;
* ``origins_party_resolved``: among origins where a party applies, those whose ``party`` is
  not null. A party applies when the origin's ``kind`` is ``party``, or when every one of
  its reports comes from an outlet that ``bench/realnews_sources.yaml`` lists under
  ``outlet_parties`` (an outlet run by a belligerent: its own voice is that party's). This is
  a proxy: a Kremlin release quoting a foreign leader counts as "applies";
* ``origins_pronoun``: origins whose ``speaker`` is a bare pronoun (PRONOUNS) / all origins;
  ``origins_fragment``: origins whose speaker is not a name or noun phrase but a piece of
  one (``is_fragment``: no letter, or it starts with a preposition or conjunction, or ends
  with a preposition, article or conjunction) / all origins;
* ``largest_incident_reports``: the most reports one incident holds;
  ``incidents_5_reports``: incidents of five reports or more, and
  ``incidents_5_reports_over_30_days``: how many of them span more than 30 days of event
  days (issue 14 counted 47 of 60 before incidents were bounded by event days), and
  ``incidents_5_reports_published_over_30_days`` of their reports' publication days (a
  denial's report counts: an incident spans what it gathers);
  ``incidents_over_30_days``: incidents whose ``last_day`` is more than 30 days after their
  ``first_day`` / incidents with both days (the events' own days; runs before these were
  told apart from publication days took an incident's publication days where its reports
  gave none); ``incidents_published_over_30_days``: the same of ``first_published`` and
  ``last_published``, where the results have them;
* ``denial_statements``: statements (by ``id``) that deny or counter-accuse in any incident;
  ``denial_attachments``: (statement, incident) pairs with those stances, so that
  ``denial_attachments_per_statement`` says how many incidents one denial is attached to.

    python bench/real_news.py [--corpus ~/corroborate-realnews] [--limit 50] [--fast]
    python bench/real_news.py --results A/results.json B/results.json [--fast]

Writes ``bench/results/real_news.json`` (``real_news_<limit>.json`` for a subset). With
``--results``, the figures are read from ``results.json`` files that ``corroborate run`` wrote
on the whole corpus (``bench/REALNEWS.md`` gives the command), and ``repeatable`` says whether
they are byte-identical but for what names the run itself: the ledger entry it wrote and the
witness pseudonyms keyed by each store's own secret (``tests/test_determinism.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import peak_rss_mib, write_result
from bench.realnews import DEFAULT_OUT, Article, load_articles, load_config, seeded_order
from corroborate.export.results import IncidentJSON, OriginJSON, RunResults
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.taxonomy.registry import registry

PRONOUNS = frozenset(
    "he she they it we i you him her them us me this that these those who which "
    "someone somebody one".split()
)
LEADING = frozenset("of and or but to in on at by for with from as that which who 's".split())
TRAILING = frozenset("of the a an and or but to in on at by for with from as 's".split())
Known = Callable[[str], bool]


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def is_pronoun(speaker: str | None) -> bool:
    return (speaker or "").strip().casefold() in PRONOUNS


def is_fragment(speaker: str | None) -> bool:
    """A piece of a phrase rather than a speaker: "of the ministry", "head of", "'s", "—"."""
    text = (speaker or "").strip()
    words = text.casefold().replace("’", "'").split()
    if not any(c.isalpha() for c in text) or not words:
        return True
    if is_pronoun(text):
        return False
    return words[0] in LEADING or words[-1] in TRAILING or words[0].startswith("'")


def origin_outlets(origin: OriginJSON, incident: IncidentJSON) -> list[str | None]:
    """The outlet of each of the origin's reports (None where a report names none)."""
    ids = set(origin["report_ids"])
    return [r["outlet"] for r in incident["reports"] if r["id"] in ids]


def party_applies(
    origin: OriginJSON, outlets: list[str | None], parties: Mapping[str, str]
) -> bool:
    return origin["kind"] == "party" or (
        bool(outlets) and all(o is not None and o in parties for o in outlets)
    )


def _days_apart(first: str | None, last: str | None) -> int | None:
    if not first or not last:
        return None
    return (date.fromisoformat(last) - date.fromisoformat(first)).days


def origin_figures(
    incidents: Iterable[IncidentJSON], known: Known, parties: Mapping[str, str]
) -> dict[str, Any]:
    total = registered = kind = applies = resolved = pronoun = fragment = 0
    for incident in incidents:
        for origin in incident["origins"]:
            outlets = origin_outlets(origin, incident)
            total += 1
            registered += any(o is not None and known(o) for o in outlets)
            kind += origin["kind"] != "unknown"
            if party_applies(origin, outlets, parties):
                applies += 1
                resolved += origin["party"] is not None
            pronoun += is_pronoun(origin["speaker"])
            fragment += is_fragment(origin["speaker"]) and not is_pronoun(origin["speaker"])
    return {
        "origins": total,
        "origins_outlet_registered": share(registered, total),
        "origins_kind_resolved": share(kind, total),
        "origins_party_applies": applies,
        "origins_party_resolved": share(resolved, applies),
        "origins_pronoun": share(pronoun, total),
        "origins_fragment": share(fragment, total),
    }


def incident_figures(incidents: list[IncidentJSON]) -> dict[str, Any]:
    spans = [_days_apart(i["first_day"], i["last_day"]) for i in incidents]
    dated = [s for s in spans if s is not None]
    told = [_days_apart(i.get("first_published"), i.get("last_published")) for i in incidents]
    published = [s for s in told if s is not None]
    large = [s for i, s in zip(incidents, spans, strict=True) if len(i["reports"]) >= 5]
    large_told = [s for i, s in zip(incidents, told, strict=True) if len(i["reports"]) >= 5]
    return {
        "incidents_with_place": share(
            sum(i["place"] is not None for i in incidents), len(incidents)
        ),
        "largest_incident_reports": max((len(i["reports"]) for i in incidents), default=0),
        "incidents_5_reports": len(large),
        "incidents_5_reports_over_30_days": sum(s is not None and s > 30 for s in large),
        "incidents_5_reports_published_over_30_days": sum(
            s is not None and s > 30 for s in large_told
        ),
        "incidents_dated": len(dated),
        "incidents_over_30_days": share(sum(s > 30 for s in dated), len(dated)),
        "incidents_published_over_30_days": share(sum(s > 30 for s in published), len(published)),
        **denial_figures(incidents),
    }


def denial_figures(incidents: list[IncidentJSON]) -> dict[str, Any]:
    """How many statements deny or counter-accuse, and to how many incidents each is attached."""
    against = [
        s["id"]
        for i in incidents
        for s in i["statements"]
        if s["stance"] in ("denies", "counter_accuses")
    ]
    return {
        "denial_statements": len(set(against)),
        "denial_attachments": len(against),
        "denial_attachments_per_statement": round(len(against) / len(set(against)), 2)
        if against
        else None,
    }


def figures(results: RunResults, known: Known, parties: Mapping[str, str]) -> dict[str, Any]:
    """Every figure of the module docstring, from one run's results."""
    counts = results["counts"]
    wanted = ("reports", "attributions", "allegations", "incidents", "files_failed")
    return {
        **{k: counts.get(k, 0) for k in wanted},
        **incident_figures(results["incidents"]),
        **origin_figures(results["incidents"], known, parties),
    }


def outlet_figures(articles: list[Article], known: Known) -> dict[str, Any]:
    """How many of the corpus's outlets (and their articles) the registry knows."""
    outlets = sorted({a.outlet for a in articles})
    registered = [o for o in outlets if known(o)]
    return {
        "outlets": len(outlets),
        "outlets_registered": registered,
        "articles_registered_outlet": share(
            sum(a.outlet in set(registered) for a in articles), len(articles)
        ),
    }


def write_corpus(articles: list[Article], folder: Path) -> Path:
    """The chosen articles as one JSON Lines feed (the fields the feed reader takes)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "realnews.jsonl"
    lines = [
        json.dumps(
            {
                "id": a.id,
                "corpus_source": a.corpus_source,
                "outlet": a.outlet,
                "title": a.title,
                "text": a.text,
                "url": a.url,
                "published": a.published,
            },
            ensure_ascii=False,
        )
        for a in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_corpus(articles: list[Article], *, fast: bool) -> tuple[RunResults, float]:
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(articles, root / "corpus")
        store = Store(f"sqlite:///{root / 'store.db'}")
        store.migrate()
        settings = Settings(store_url=store.url, fast=fast, key_dir=root / "keys")
        started = time.perf_counter()
        results = run(store, [corpus], settings=settings).results
        seconds = time.perf_counter() - started
        store.close()
    return results, seconds


HEAD = re.compile(r'"ledger_head": "[^"]*"')
PSEUDONYM = re.compile(r"\b(Witness) [0-9A-F]{8}\b")


def comparable(results: bytes) -> str:
    """A run's ``results.json`` without its ledger entry, pseudonyms numbered by first
    appearance: what two runs on the same input must share byte for byte."""
    seen: dict[str, str] = {}

    def number(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"{match.group(1)} #{len(seen) + 1}")

    return PSEUDONYM.sub(number, HEAD.sub("", results.decode()))


def from_results(paths: list[Path], known: Known, parties: Mapping[str, str]) -> dict[str, Any]:
    """The figures of the first run's results, and whether every run gave the same."""
    texts = [p.read_bytes() for p in paths]
    results: RunResults = json.loads(texts[0])
    return {
        **figures(results, known, parties),
        "runs": len(texts),
        "repeatable": len({comparable(t) for t in texts}) == 1 if len(texts) > 1 else None,
        "results_sha256": sorted({hashlib.sha256(t).hexdigest() for t in texts}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, default=None, help="a seeded subset of N articles")
    parser.add_argument("--fast", action="store_true", help="without the attribution encoder")
    parser.add_argument("--results", type=Path, nargs="+", help="results.json of whole runs")
    parser.add_argument("--name", default="real_news", help="results file name, with --results")
    args = parser.parse_args()
    config = load_config()
    articles = load_articles(args.corpus.expanduser())
    if not articles:
        raise SystemExit(f"no corpus in {args.corpus}: run bench/realnews.py first")
    if args.limit:
        articles = seeded_order(articles, config["seed"])[: args.limit]
    sources = registry()
    known: Known = lambda name: sources.lookup(name) is not None  # noqa: E731
    if args.results:
        found = {
            "articles": len(articles),
            "encoder": not args.fast,
            **from_results(args.results, known, config["outlet_parties"]),
            **outlet_figures(articles, known),
        }
        print(json.dumps(found, indent=2), "->", write_result(args.name, found))
        return
    results, seconds = run_corpus(articles, fast=args.fast)
    found = {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "encoder": not args.fast,
        **figures(results, known, config["outlet_parties"]),
        **outlet_figures(articles, known),
        "seconds": round(seconds, 1),
        "memory": peak_rss_mib(),
    }
    name = "real_news" if not args.limit else f"real_news_{args.limit}"
    print(json.dumps(found, indent=2), "->", write_result(name, found))


if __name__ == "__main__":
    main()
