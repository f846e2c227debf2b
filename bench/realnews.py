"""Build the real-news development corpus from local snapshots of public repositories.

Each source in ``bench/realnews_sources.yaml`` names a repository, a pinned commit and a
file; this script reads the file from the repository's snapshot (a bare git directory, as
the project's ``fetch`` brings it under ``/work/.mirror/owner+name/repo``), keeps the articles
that speak of the war, drops the excluded outlets and the duplicates, draws a seeded sample
where the source says so, and writes one JSON Lines file per source (the fields
``ingest/readers/feeds.py`` reads: ``title``, ``text``, ``url``, ``published``, ``outlet``,
plus ``id`` and ``corpus_source``) and ``manifest.json`` (counts per outlet and year, the
date range) into a folder OUTSIDE the repository: article texts are never committed.

    python bench/realnews.py [--out ~/corroborate-realnews] [--mirrors /work/.mirror]

``--out`` defaults to ``$CORROBORATE_REALNEWS`` or ``~/corroborate-realnews``; ``--mirrors``
to ``$CORROBORATE_MIRRORS`` or ``/work/.mirror``. See bench/REALNEWS.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SOURCES = Path(__file__).resolve().parent / "realnews_sources.yaml"
DEFAULT_OUT = Path(os.environ.get("CORROBORATE_REALNEWS", Path.home() / "corroborate-realnews"))
DEFAULT_MIRRORS = Path(os.environ.get("CORROBORATE_MIRRORS", "/work/.mirror"))
# Words that say an article speaks of the war (stems; matched at a word's start).
WAR_WORDS = (
    "attack airstrike air strike shell strike missile rocket kill wounded injur "
    "casualt bomb civilian troops invasion invad war crime massacre tortur detain "
    "occupied occupation drone artillery chemical genocide deport refugee evacuat siege "
    "offensive military hostilit"
).split()
WAR = re.compile(r"\b(" + "|".join(re.escape(w) for w in WAR_WORDS) + r")", re.IGNORECASE)
# Samples per source: the press releases are many and mostly diplomatic, FA-KES per outlet.
csv.field_size_limit(2**24)  # a press-release transcript can exceed csv's default 128 KiB
LIMITS = {"kremlin": 60, "president-ua": 60}
PER_OUTLET = {"fa-kes": 12}


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    corpus_source: str
    outlet: str
    title: str
    text: str
    url: str | None
    published: str | None  # ISO date (YYYY-MM-DD) when the source gives one


def article_id(source: str, url: str | None, title: str, text: str) -> str:
    """Stable id from what identifies the article: its URL, else its title and text."""
    basis = url or f"{title}\n{text}"
    return f"{source}-{hashlib.sha256(basis.encode()).hexdigest()[:12]}"


def war_words(text: str) -> set[str]:
    """The distinct war words (WAR_WORDS stems) a text contains, lower-cased."""
    return {m.group(1).lower() for m in WAR.finditer(text)}


def speaks_of_war(article: Article, *, minimum: int = 2) -> bool:
    return len(war_words(f"{article.title}\n{article.text}")) >= minimum


def iso_day(value: str | None) -> str | None:
    """``2022-06-22T14:30:00Z`` / ``4/5/2017`` -> ``2022-06-22`` / ``2017-04-05``; else None."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if found:
        month, day, year = (int(g) for g in found.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def fingerprint(text: str) -> str:
    """Duplicate key: the first 300 letters and digits of the text, lower-cased."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())[:300]


def dedupe(articles: Iterable[Article]) -> tuple[list[Article], int]:
    """First of each URL and of each text fingerprint; the number dropped."""
    seen: set[str] = set()
    kept: list[Article] = []
    dropped = 0
    for article in articles:
        keys = {f"text:{fingerprint(article.text)}"}
        if article.url:
            keys.add(f"url:{article.url.rstrip('/').split('://', 1)[-1].removeprefix('www.')}")
        if keys & seen:
            dropped += 1
            continue
        seen |= keys
        kept.append(article)
    return kept, dropped


def seeded_order(articles: Iterable[Article], seed: str) -> list[Article]:
    """Articles in an order fixed by the seed and their ids (a reproducible sample)."""
    return sorted(articles, key=lambda a: hashlib.sha256(f"{seed}:{a.id}".encode()).hexdigest())


def sample(
    articles: list[Article], seed: str, *, limit: int | None, per_outlet: int | None
) -> list[Article]:
    ordered = seeded_order(articles, seed)
    if per_outlet is not None:
        taken: Counter[str] = Counter()
        kept = []
        for article in ordered:
            if taken[article.outlet] < per_outlet:
                taken[article.outlet] += 1
                kept.append(article)
        ordered = kept
    return ordered[:limit] if limit is not None else ordered


# Readers: one per source file format, each yielding Articles.


def read_press_csv(data: str, source: dict[str, Any], names: dict[str, str]) -> Iterator[Article]:
    for row in csv.DictReader(io.StringIO(data)):
        title, text, url = row["headline"].strip(), row["body"].strip(), row["link"].strip()
        yield Article(
            article_id(source["id"], url, title, text),
            source["id"],
            source["outlet"],
            title,
            text,
            url,
            iso_day(row.get("date")),
        )


def read_fakes_csv(data: str, source: dict[str, Any], names: dict[str, str]) -> Iterator[Article]:
    for row in csv.DictReader(io.StringIO(data)):
        title, text = row["article_title"].strip(), row["article_content"].strip()
        code = row["source"].strip()
        yield Article(
            article_id(source["id"], None, title, text),
            source["id"],
            names.get(code, code),
            title,
            text,
            None,
            iso_day(row.get("date")),
        )


def _js_value(data: str) -> Any:
    """The JSON literal a ``const x = …`` / ``export const x = …`` module assigns."""
    start = min(i for i in (data.find("["), data.find("{")) if i >= 0)
    value, _ = json.JSONDecoder().raw_decode(data[start:])
    return value


def read_newscatcher_js(
    data: str, source: dict[str, Any], names: dict[str, str]
) -> Iterator[Article]:
    for group in _js_value(data):
        for item in group:
            title, text, url = item["title"], item.get("body") or "", item["link"]
            outlet = item["source"]["title"]
            yield Article(
                article_id(source["id"], url, title, text),
                source["id"],
                names.get(outlet, outlet),
                title,
                text,
                url,
                iso_day(item.get("published_date")),
            )


def read_websearch_js(
    data: str, source: dict[str, Any], names: dict[str, str]
) -> Iterator[Article]:
    for item in _js_value(data)["value"]:
        title, text, url = item["title"], item.get("body") or "", item["url"]
        code = item["provider"]["name"]
        yield Article(
            article_id(source["id"], url, title, text),
            source["id"],
            names.get(code, code),
            title,
            text,
            url,
            iso_day(item.get("datePublished")),
        )


Reader = Callable[[str, dict[str, Any], dict[str, str]], Iterator[Article]]
READERS: dict[str, Reader] = {
    "press_csv": read_press_csv,
    "fakes_csv": read_fakes_csv,
    "newscatcher_js": read_newscatcher_js,
    "websearch_js": read_websearch_js,
}


def snapshot_file(mirrors: Path, repo: str, commit: str, path: str) -> str:
    """A file's text at a commit, from the repository's bare snapshot."""
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        raise SystemExit(f"no snapshot of {repo} at {git_dir}: fetch github:{repo} first")
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
        check=True,
    )
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return done.stdout.decode("latin-1")  # FA-KES is distributed in ISO-8859-1


def select(found: list[Article], config: dict[str, Any], source_id: str) -> list[Article]:
    """Long enough, not from an excluded outlet, speaking of the war, then the sample."""
    excluded = {name.casefold() for name in config["exclude_outlets"]}
    usable = [
        a
        for a in found
        if len(a.text) >= config["min_chars"]
        and a.outlet.casefold() not in excluded
        and speaks_of_war(a)
    ]
    return sample(
        usable,
        config["seed"],
        limit=LIMITS.get(source_id),
        per_outlet=PER_OUTLET.get(source_id),
    )


def build(config: dict[str, Any], mirrors: Path) -> tuple[list[Article], dict[str, Any]]:
    names: dict[str, str] = config["outlet_names"]
    everything: list[Article] = []
    read_counts: dict[str, dict[str, int]] = {}
    for source in config["sources"]:
        data = snapshot_file(mirrors, source["repo"], source["commit"], source["path"])
        found = list(READERS[source["format"]](data, source, names))
        chosen = select(found, config, source["id"])
        read_counts[source["id"]] = {"read": len(found), "selected": len(chosen)}
        everything.extend(chosen)
    kept, dropped = dedupe(everything)
    read_counts["duplicates"] = {"read": dropped, "selected": 0}
    return kept, read_counts


def manifest(articles: list[Article], read_counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    days = sorted(a.published for a in articles if a.published)
    return {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": len(articles),
        "outlets": len({a.outlet for a in articles}),
        "words": sum(len(a.text.split()) for a in articles),
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "per_source": {
            sid: {**counts, "kept": sum(a.corpus_source == sid for a in articles)}
            for sid, counts in read_counts.items()
        },
        "per_outlet": dict(sorted(Counter(a.outlet for a in articles).items())),
        "per_year": dict(sorted(Counter((a.published or "unknown")[:4] for a in articles).items())),
    }


def write(articles: list[Article], facts: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.jsonl"):
        old.unlink()
    by_source: dict[str, list[Article]] = {}
    for article in articles:
        by_source.setdefault(article.corpus_source, []).append(article)
    for source_id, items in by_source.items():
        lines = [json.dumps(asdict(a), ensure_ascii=False) for a in items]
        (out / f"{source_id}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(facts, indent=2, ensure_ascii=False) + "\n")


def load_articles(folder: Path) -> list[Article]:
    """The corpus as written by ``write`` (for the benchmarks)."""
    found: list[Article] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(Article(**json.loads(line)))
    return found


def load_config(path: Path = SOURCES) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    args = parser.parse_args()
    out = args.out.expanduser().resolve()
    if Path(__file__).resolve().parent.parent in out.parents:
        raise SystemExit(f"{out} is inside the repository: article texts must stay outside it")
    articles, read_counts = build(load_config(), args.mirrors)
    facts = manifest(articles, read_counts)
    write(articles, facts, out)
    print(json.dumps({k: facts[k] for k in ("articles", "outlets", "words")}), "->", out)


if __name__ == "__main__":
    main()
