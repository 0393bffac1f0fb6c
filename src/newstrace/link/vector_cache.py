"""Sentence embeddings kept in the store (table ``text_vectors``), keyed by a hash of the text.

The link stage runs after every write; without a cache each run would embed every
answer passage and every sentence of every paraphrase candidate again (issue 15:
half of a 447-article ingest). With it a text is embedded once per store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, text

Vectors = npt.NDArray[np.float32]
Embedder = Callable[[Sequence[str]], Vectors]

_CHUNK = 500


def text_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:24]


def cached_embed(conn: Connection, texts: Sequence[str], embed: Embedder | None = None) -> Vectors:
    """One unit vector per text: stored ones read back, the others embedded once and stored."""
    if embed is None:
        from newstrace.nlp.embeddings import embed as default_embed

        embed = default_embed
    hashes = [text_hash(t) for t in texts]
    found: dict[str, Vectors] = {}
    unique = sorted(set(hashes))
    for k in range(0, len(unique), _CHUNK):
        chunk = unique[k : k + _CHUNK]
        marks = ", ".join(f":h{n}" for n in range(len(chunk)))
        rows = conn.execute(text(f"SELECT text_hash, vector FROM text_vectors WHERE text_hash IN ({marks})"),
                            {f"h{n}": h for n, h in enumerate(chunk)})
        found.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
    missing = sorted({t for t, h in zip(texts, hashes, strict=True) if h not in found})
    if missing:
        vecs = embed(missing)
        params = []
        for t, v in zip(missing, vecs, strict=True):
            h = text_hash(t)
            found[h] = np.asarray(v, dtype=np.float32)
            params.append({"h": h, "v": found[h].tobytes()})
        conn.execute(text("INSERT INTO text_vectors (text_hash, vector) VALUES (:h, :v) "
                          "ON CONFLICT DO NOTHING"), params)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([found[h] for h in hashes]).astype(np.float32, copy=False)
