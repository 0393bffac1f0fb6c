"""Full-text search over the cleaned text with SQLite FTS5.

The index is derived data kept beside the store's tables (``search_fts``): it is
filled for every document it does not hold yet, so it can be built on first use
and after each ingest without touching the store's schema migrations. User input
never reaches FTS5's query syntax: each word is quoted, so "NATO-Russia" or an
unbalanced quote is a search, not an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

from newstrace.store.rows import Row, Rows

if TYPE_CHECKING:
    from newstrace.store.database import Store

_WORD = re.compile(r"\w+", re.UNICODE)
# markers that cannot occur in article text, replaced by the caller (HTML, terminal)
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


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
    """Create the index if needed and add the documents it lacks; returns how many were added."""
    with store.engine.begin() as conn:
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                          "doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"))
        conn.execute(text("DELETE FROM search_fts WHERE doc_id NOT IN (SELECT id FROM documents)"))
        added = conn.execute(text(
            "INSERT INTO search_fts (doc_id, title, body) SELECT id, COALESCE(title, ''), clean_text "
            "FROM documents WHERE id NOT IN (SELECT doc_id FROM search_fts)")).rowcount
    return int(added or 0)


def fts_query(query: str) -> str | None:
    """The words of a user query, each quoted (all must match); None when it has no words."""
    words = _WORD.findall(query)
    return " ".join(f'"{w}"' for w in words) or None


def search(store: Store, query: str, *, limit: int = 50) -> Rows[SearchHit]:
    """Documents matching every word of ``query``, best first (BM25)."""
    match = fts_query(query)
    if match is None:
        return Rows()
    sql = text(
        "SELECT f.doc_id, d.name, d.title, d.outlet, d.published_value, "
        f"snippet(search_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24) AS snip, bm25(search_fts) AS rank "
        "FROM search_fts f JOIN documents d ON d.id = f.doc_id "
        "WHERE search_fts MATCH :q ORDER BY rank LIMIT :limit")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"q": match, "limit": limit}).mappings().all()
    return Rows(SearchHit(doc_id=r["doc_id"], name=r["name"], title=r["title"], outlet=r["outlet"],
                          published=r["published_value"], snippet=r["snip"], rank=float(r["rank"]))
                for r in rows)
