"""Full-text search over the cleaned text: SQLite FTS5, or PostgreSQL's tsvector/tsquery.

The index is derived data kept beside the store's tables (``search_fts`` on SQLite,
``search_index`` with a GIN index on PostgreSQL): it is filled for every document it
does not hold yet, so it can be built on first use and after each ingest without
touching the store's schema migrations. Filling it never waits for a running ingest:
when another writer holds the store, the index is left as it is and filled next time.
User input never reaches either query syntax: FTS5 gets each word quoted,
PostgreSQL ``plainto_tsquery``, so "NATO-Russia" or an unbalanced quote is a search,
not an error. Both match every word unstemmed (PostgreSQL's ``simple`` configuration,
as FTS5's ``unicode61``); FTS5 also folds diacritics, ``simple`` does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

from newstrace.store.engine import try_write_lock
from newstrace.store.rows import Row, Rows

if TYPE_CHECKING:
    from newstrace.store.database import Store

_WORD = re.compile(r"\w+", re.UNICODE)
# markers that cannot occur in article text, replaced by the caller (HTML, terminal)
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
# PostgreSQL's ts_headline takes its markers as option strings: plain words, swapped after
_PG_OPEN, _PG_CLOSE = "NTHITOPEN", "NTHITCLOSE"
# to_tsvector refuses a vector over 1 MB: index the first half-million characters of a body
_PG_MAX_CHARS = 500_000


@dataclass(frozen=True, slots=True)
class SearchHit(Row):
    """A document whose cleaned text matches, with a snippet around the match."""

    doc_id: str
    name: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # matched words between HIT_OPEN and HIT_CLOSE
    rank: float


def ensure_index(store: Store) -> int:
    """Create the index if needed and add the documents it lacks; returns how many were added
    (0 when another writer holds the store: the index is filled on a later call)."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            return _ensure_pg(conn)
        return _ensure_fts5(conn)


def _ensure_fts5(conn: Connection) -> int:
    exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")).first()
    if exists and not _fts5_stale(conn):
        return 0
    if not try_write_lock(conn):
        return 0
    conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                      "doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"))
    conn.execute(text("DELETE FROM search_fts WHERE doc_id NOT IN (SELECT id FROM documents)"))
    added = conn.execute(text(
        "INSERT INTO search_fts (doc_id, title, body) SELECT id, COALESCE(title, ''), clean_text "
        "FROM documents WHERE id NOT IN (SELECT doc_id FROM search_fts)")).rowcount
    return int(added or 0)


def _fts5_stale(conn: Connection) -> bool:
    return conn.execute(text(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE id NOT IN (SELECT doc_id FROM search_fts)) "
        "OR EXISTS (SELECT 1 FROM search_fts WHERE doc_id NOT IN (SELECT id FROM documents))")).scalar() == 1


def _ensure_pg(conn: Connection) -> int:
    exists = conn.execute(text("SELECT to_regclass('search_index') IS NOT NULL")).scalar()
    if exists and not conn.execute(text(
            "SELECT EXISTS (SELECT 1 FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM search_index i WHERE i.doc_id = d.id))")).scalar():
        return 0
    if not try_write_lock(conn):
        return 0
    # rows of deleted documents go with them (ON DELETE CASCADE)
    conn.execute(text("CREATE TABLE IF NOT EXISTS search_index (doc_id TEXT PRIMARY KEY "
                      "REFERENCES documents(id) ON DELETE CASCADE, tsv tsvector NOT NULL)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS search_index_tsv ON search_index USING gin (tsv)"))
    added = conn.execute(text(
        "INSERT INTO search_index (doc_id, tsv) SELECT id, "
        "setweight(to_tsvector('simple', COALESCE(title, '')), 'A') || "
        f"to_tsvector('simple', left(clean_text, {_PG_MAX_CHARS})) FROM documents d "
        "WHERE NOT EXISTS (SELECT 1 FROM search_index i WHERE i.doc_id = d.id) "
        "ON CONFLICT DO NOTHING")).rowcount
    return int(added or 0)


def fts_query(query: str) -> str | None:
    """The words of a user query, each quoted (all must match); None when it has no words."""
    words = _WORD.findall(query)
    return " ".join(f'"{w}"' for w in words) or None


def search(store: Store, query: str, *, limit: int = 50) -> Rows[SearchHit]:
    """Documents matching every word of ``query``, best first (BM25 on SQLite, ts_rank_cd on
    PostgreSQL; ``rank`` is lower for better hits on both)."""
    match = fts_query(query)
    if match is None:
        return Rows()
    if store.dialect == "postgresql":
        return _search_pg(store, " ".join(_WORD.findall(query)), limit)
    sql = text(
        "SELECT f.doc_id, d.name, d.title, d.outlet, d.published_value, "
        f"snippet(search_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24) AS snip, bm25(search_fts) AS rank "
        "FROM search_fts f JOIN documents d ON d.id = f.doc_id "
        "WHERE search_fts MATCH :q ORDER BY rank LIMIT :limit")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"q": match, "limit": limit}).mappings().all()
    return _hits(rows)


def _search_pg(store: Store, words: str, limit: int) -> Rows[SearchHit]:
    options = f"StartSel={_PG_OPEN}, StopSel={_PG_CLOSE}, MaxWords=24, MinWords=12, FragmentDelimiter=…"
    # rank in the index first; the snippet (which re-parses the text) only for the hits kept
    sql = text(
        "SELECT d.id AS doc_id, d.name, d.title, d.outlet, d.published_value, "
        f"ts_headline('simple', left(d.clean_text, {_PG_MAX_CHARS}), plainto_tsquery('simple', :q), :opts) "
        "AS snip, top.rank FROM (SELECT i.doc_id, -ts_rank_cd(i.tsv, q) AS rank "
        "FROM search_index i, plainto_tsquery('simple', :q) q WHERE i.tsv @@ q "
        "ORDER BY rank, i.doc_id LIMIT :limit) top JOIN documents d ON d.id = top.doc_id "
        "ORDER BY top.rank, d.id")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"q": words, "opts": options, "limit": limit}).mappings().all()
    return _hits(rows, swap=True)


def _hits(rows: Sequence[Any], *, swap: bool = False) -> Rows[SearchHit]:
    out: Rows[SearchHit] = Rows()
    for r in rows:
        snip = r["snip"]
        if swap:
            snip = snip.replace(_PG_OPEN, HIT_OPEN).replace(_PG_CLOSE, HIT_CLOSE)
        out.append(SearchHit(doc_id=r["doc_id"], name=r["name"], title=r["title"], outlet=r["outlet"],
                             published=r["published_value"], snippet=snip, rank=float(r["rank"])))
    return out
