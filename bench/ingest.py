"""Ingest throughput: reports/s, MB/s and peak memory for N documents (default 10,000).

Documents are real news and web text from ../shared/data (ECB+ articles, FNC-1 bodies,
UD English-EWT sentences), each written as a .txt, .html or .eml file or as a line of a
.jsonl feed, with a numbered header so that no two are byte-identical. The store is a
fresh SQLite file; a second run over the same folder measures the duplicate path.

    python bench/ingest.py [--count 10000] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA, peak_rss_mib, write_result
from corroborate.ingest import ingest_paths
from corroborate.settings import Settings
from corroborate.store import Store, verify

FEED_ITEMS = 50


def texts() -> Iterator[str]:
    """Real texts, cycled for as long as the caller wants them."""
    pool = [*_ecb_texts(), *_fnc_texts(), *_ud_texts()]
    if not pool:
        raise SystemExit(f"no texts found under {DATA}")
    while True:
        yield from pool


def _ecb_texts() -> list[str]:
    found = []
    for path in sorted((DATA / "ecbplus" / "ECB+").rglob("*.xml")):
        root = ET.parse(path).getroot()
        words = [token.text or "" for token in root.iter("token")]
        found.append(" ".join(words))
    return found


def _fnc_texts() -> list[str]:
    path = DATA / "fnc-1" / "competition_test_bodies.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["articleBody"] for row in csv.DictReader(handle)]


def _ud_texts() -> list[str]:
    sentences = [
        line.removeprefix("# text = ")
        for line in (DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu").read_text().splitlines()
        if line.startswith("# text = ")
    ]
    return [" ".join(sentences[i : i + 15]) for i in range(0, len(sentences), 15)]


def build(folder: Path, count: int) -> int:
    """Write ``count`` documents under ``folder``; returns total bytes."""
    source = texts()
    feed: list[str] = []
    for n in range(count):
        body = f"Document {n}.\n{next(source)}"
        kind = n % 10
        if kind < 5:
            _write(folder / f"t{n // 1000}" / f"d{n:06d}.txt", body)
        elif kind < 8:
            _write(folder / f"h{n // 1000}" / f"d{n:06d}.html", _html(n, body))
        elif kind < 9:
            _write(folder / f"e{n // 1000}" / f"d{n:06d}.eml", _eml(n, body))
        else:
            feed.append(json.dumps({"id": n, "title": f"Item {n}", "text": body}))
            if len(feed) == FEED_ITEMS:
                _write(folder / "feeds" / f"f{n:06d}.jsonl", "\n".join(feed) + "\n")
                feed = []
    if feed:
        _write(folder / "feeds" / "last.jsonl", "\n".join(feed) + "\n")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _html(n: int, body: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n"))
    return (
        f"<html><head><title>Story {n}</title><meta property='og:site_name' content='Bench Wire'>"
        f"</head><body><nav>Home | World</nav><article><h1>Story {n}</h1>{paragraphs}</article>"
        f"<footer>Subscribe</footer></body></html>"
    )


def _eml(n: int, body: str) -> str:
    return (
        f"From: desk{n}@example.org\nSubject: Story {n}\nDate: Mon, 11 Apr 2022 09:00:00 +0000\n"
        f"Message-ID: <{n}@example.org>\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        total_bytes = build(folder, args.count)
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        store.migrate()
        settings = Settings(store_url=url, workers=args.workers)
        first = _timed(store, folder, settings)
        second = _timed(store, folder, settings)
        started = time.perf_counter()
        verified = verify(store)
        verify_s = time.perf_counter() - started
    figures = {
        "documents": args.count,
        "files": first["files"],
        "input_mb": round(total_bytes / 1e6, 2),
        "workers": args.workers,
        "first_ingest": first,
        "reports_per_s": round(first["reports"] / first["seconds"], 1),
        "mb_per_s": round(total_bytes / 1e6 / first["seconds"], 2),
        "rerun_all_duplicates": second,
        "verify_seconds": round(verify_s, 2),
        "verify_ok": verified.ok,
        "peak_memory": peak_rss_mib(),
    }
    path = write_result("ingest", figures)
    print(json.dumps(figures, indent=2))
    print(f"written to {path}")


def _timed(store: Store, folder: Path, settings: Settings) -> dict[str, float | int]:
    started = time.perf_counter()
    summary = ingest_paths(store, [folder], settings=settings)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "files": len(summary.outcomes),
        "stored": summary.count("stored"),
        "duplicates": summary.count("duplicate"),
        "failed": summary.count("failed"),
        "reports": summary.reports,
    }


if __name__ == "__main__":
    main()
