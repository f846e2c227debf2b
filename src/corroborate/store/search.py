"""Full-text search over reports: SQLite FTS5 or PostgreSQL ``tsvector``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from corroborate.store.core import Store
from corroborate.taxonomy.geo import spellings

# a word keeps its apostrophes: "Слов'янськ" and "Slov'yansk" are one word, not two
WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class Hit:
    report_id: str
    source_name: str
    title: str | None
    snippet: str


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """Reports matching every word of ``query``, best first."""
    words = WORD.findall(query)
    if not words:
        return []
    if store.dialect == "sqlite":
        return _sqlite(store, words, limit)
    return _postgres(store, words, limit)


def _sqlite(store: Store, words: list[str], limit: int) -> list[Hit]:
    match = " AND ".join("(" + " OR ".join(f'"{v}"' for v in _variants(w)) + ")" for w in words)
    sql = text(
        "SELECT f.report_id, r.source_name, r.title, "
        "snippet(reports_fts, 2, '[', ']', ' … ', 16) AS snip "
        "FROM reports_fts f JOIN reports r ON r.id = f.report_id "
        "WHERE reports_fts MATCH :match ORDER BY bm25(reports_fts) LIMIT :limit"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"match": match, "limit": limit})
        return [Hit(r.report_id, r.source_name, r.title, r.snip) for r in rows]


def _variants(word: str) -> list[str]:
    """A place name in any spelling or script also finds its other spellings; multi-word
    spellings ("Krasny Liman") are left out, as the full-text engines match single words."""
    return [v.replace('"', "") for v in spellings(word) if " " not in v]


def _lexeme(word: str) -> str:
    """One tsquery term; PostgreSQL's parser splits a word at an apostrophe, so "Slov'yansk"
    is the phrase of its parts."""
    parts = [p.replace("\\", "") for p in re.split(r"['’]", word) if p]
    return "(" + " <-> ".join("'" + p + "'" for p in parts) + ")"


def _postgres(store: Store, words: list[str], limit: int) -> list[Hit]:
    sql = text(
        "SELECT id, source_name, title, "
        "ts_headline('simple', text, q, 'StartSel=[,StopSel=],MaxWords=16,MinWords=8') AS snip "
        "FROM reports, to_tsquery('simple', :q) q "
        "WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ q "
        "ORDER BY ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), q) DESC "
        "LIMIT :limit"
    )
    tsquery = " & ".join("(" + " | ".join(_lexeme(v) for v in _variants(w)) + ")" for w in words)
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"q": tsquery, "limit": limit})
        return [Hit(r.id, r.source_name, r.title, r.snip) for r in rows]
