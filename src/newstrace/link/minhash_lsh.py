"""Typed wrapper over datasketch's MinHash and MinHashLSH (datasketch ships no type hints).

Only this module touches datasketch, so the untyped calls stay in one place.
Features come in already hashed to 32-bit integers (see ``copies``), so the
MinHash hash function is the identity: datasketch's own SHA-1 per feature
would be the slowest step of indexing.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped, unused-ignore]

Features = npt.NDArray[np.uint32]


def _identity(value: Any) -> Any:
    return value


class Sketch:
    """A MinHash signature of one feature set (opaque outside this module)."""

    __slots__ = ("_mh",)

    def __init__(self, mh: Any) -> None:
        self._mh = mh

    def jaccard(self, other: Sketch) -> float:
        return float(self._mh.jaccard(other._mh))


class LSHIndex:
    """Near-neighbour index on estimated Jaccard: insert sketches, query candidate keys."""

    def __init__(self, *, threshold: float, num_perm: int, seed: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._lsh: Any = MinHashLSH(threshold=threshold, num_perm=num_perm)
        # One template carries the permutations; sketches copy it (datasketch's ``bulk`` idiom).
        self._template: Any = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)

    def sketch(self, features: Features) -> Sketch:
        mh = self._template.copy()
        if len(features):
            mh.update_batch(features)
        return Sketch(mh)

    def query(self, sketch: Sketch) -> list[str]:
        keys: list[Hashable] = self._lsh.query(sketch._mh)
        return [str(k) for k in keys]

    def insert(self, key: str, sketch: Sketch) -> None:
        self._lsh.insert(key, sketch._mh, check_duplication=False)

    def __contains__(self, key: str) -> bool:
        return bool(key in self._lsh)
