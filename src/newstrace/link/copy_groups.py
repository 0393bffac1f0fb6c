"""Store the copy groups of every stored document (link stage, over the store).

Rebuilt from the stored cleaned texts after each ingest: the index is
near-linear in corpus size (``bench/copies.py``), group IDs depend only on each
group's original, so a rebuild gives the same IDs for the same documents, and
no index state has to be kept in the database.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from newstrace.link.copies import CopyGroup, CopyInput, find_copies
from newstrace.link.paraphrase import embedding_confirmer
from newstrace.link.vector_cache import cached_embed

_KIND_RANK = {"exact": 0, "syndicated": 1, "near": 2, "paraphrase": 3, "paraphrase-candidate": 4}


def link_copies(conn: Connection, *, confirm_paraphrases: bool = True) -> int:
    """Replace the stored copy groups with those of the current documents; return the group count."""
    rows = conn.execute(text(
        "SELECT id, clean_text, published_value, outlet, extra_json FROM documents "
        "WHERE status = 'processed' ORDER BY id")).all()
    texts = {r[0]: r[1] for r in rows}
    confirm = (embedding_confirmer(texts, embedder=lambda ts: cached_embed(conn, ts))
               if confirm_paraphrases else None)
    groups = find_copies((CopyInput(r[0], r[1], r[2] or _seen(r[4]), r[3]) for r in rows),
                         confirm=confirm, include_candidates=False)
    conn.execute(text("DELETE FROM copy_members"))
    conn.execute(text("DELETE FROM copy_links"))
    for g in groups:
        _write_group(conn, g)
    return len(groups)


def _seen(extra_json: str) -> str | None:
    """When the text has no date, the time it was first seen (a crawl time) orders the copies."""
    seen = json.loads(extra_json or "{}").get("seen")
    return str(seen) if seen else None


def _write_group(conn: Connection, g: CopyGroup) -> None:
    members = []
    for member in g.members:
        links = [lk for lk in g.links if member in (lk.a, lk.b)]
        best = min(links, key=lambda lk: (_KIND_RANK.get(lk.kind, 9), -lk.similarity), default=None)
        kind = "original" if member == g.original else (best.kind if best else "near")
        members.append({"d": member, "g": g.id, "o": g.original, "r": g.original_rule, "k": kind,
                        "s": None if member == g.original or best is None else best.similarity})
    conn.execute(text(
        "INSERT INTO copy_members (doc_id, group_id, original_id, original_rule, kind, similarity) "
        "VALUES (:d, :g, :o, :r, :k, :s)"), members)
    if g.links:
        conn.execute(text(
            "INSERT INTO copy_links (a, b, kind, similarity, jaccard, containment, anchor_jaccard) "
            "VALUES (:a, :b, :k, :s, :j, :c, :x) ON CONFLICT DO NOTHING"),
            [{"a": lk.a, "b": lk.b, "k": lk.kind, "s": lk.similarity, "j": lk.jaccard,
              "c": lk.containment, "x": lk.anchor_jaccard} for lk in g.links])
