"""The packaged sentence-embedding model loads offline and ranks meaning, not words."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.errors import NewstraceError
from newstrace.nlp import embeddings


def test_unit_vectors_and_meaning_order() -> None:
    vecs = embeddings.embed([
        "The mayor agreed to reopen the ferry line in the spring.",
        "In spring the ferry service will run again, the mayor has accepted.",
        "Heavy snow closed three mountain passes overnight.",
    ])
    assert vecs.shape == (3, embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    same, other = float(vecs[0] @ vecs[1]), float(vecs[0] @ vecs[2])
    assert same > 0.6 > other


def test_empty_input_gives_an_empty_matrix() -> None:
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSIONS)


def test_a_missing_model_folder_is_a_numbered_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_EMBEDDING_MODEL", "/nonexistent/newstrace-model")
    with pytest.raises(NewstraceError, match="E018"):
        embeddings.load_encoder()
