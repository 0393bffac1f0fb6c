"""Copies across articles: exact, near, syndicated and paraphrase-candidate copies.

One story often reaches the corpus many times: the same page crawled twice, a
wire text inside different outlets' chrome, a lightly edited re-run, a
machine-paraphrased ("spun") copy. Counting each as independent evidence would
inflate a signal, so copies are grouped and each group names its original.

What is reused and what is hand-written:

* datasketch's MinHash + LSH (``minhash_lsh``) retrieves candidate pairs in
  near-linear time; every candidate is then verified exactly on the stored
  shingle sets, so the sketch only decides *which* pairs are compared.
* Hand-written here (no library does it): the pair classification (exact /
  near / syndicated / paraphrase-candidate), the verbatim-paragraph index that
  finds syndicated copies whose extra chrome lowers Jaccard, the anchor
  shingles that let synonym-swapped copies collide, and the choice of original.

Kinds, per verified pair:

``exact``
    identical word sequences (case and punctuation ignored).
``syndicated``
    one verbatim core of paragraphs in both, in the same order, the
    differences only before and after it (headers, bylines, footers).
``near``
    high shingle Jaccard or containment, with edits inside the text.
``paraphrase-candidate``
    few shared word shingles but the same names and numbers in the same
    order (anchor shingles): what a synonym spinner leaves behind. Lexical
    evidence only; a second pass (``PairConfirmer``, e.g. sentence
    embeddings) turns it into ``paraphrase`` or drops it.

The original of a group is the member with the earliest publication date;
see ``_original_key`` for ties and undated members. A group's ID is derived
from its original's doc_id only (``group_id``), so it does not depend on
ingest order, and rebuilding the index from stored text gives the same IDs.
When a member with an earlier date arrives, or two groups merge, the original
(and so the ID) changes: ``CopyIndex.add`` reports the old ID in
``CopyUpdate.retired`` mapped to the new one.

Parameters live in ``data/link/copies.toml``.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from newstrace import ids
from newstrace.knowledge import outlets
from newstrace.knowledge.datafiles import load_toml
from newstrace.link.minhash_lsh import Features, LSHIndex

CopyKind = Literal["exact", "near", "syndicated", "paraphrase-candidate", "paraphrase"]
OriginalRule = Literal["earliest-date", "wire", "lowest-id", "single"]

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Anchors: capitalised words (with inner dots/hyphens/apostrophes) and numbers.
_ANCHOR = re.compile(r"[A-Z][\w'.-]*[\w]|[A-Z]|\d(?:[\d,.]*\d)?(?:st|nd|rd|th)?")
_POSSESSIVE = re.compile(r"'s?$")
_SENTENCE_END = frozenset(".!?…:\n")


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True, slots=True)
class CopyParams:
    """Tuning of the copy detector; ``from_data`` reads ``data/link/copies.toml``."""

    shingle_size: int = 5
    min_tokens: int = 40
    min_paragraph_tokens: int = 8
    num_perm: int = 128
    seed: int = 1
    near_lsh_threshold: float = 0.4
    min_jaccard: float = 0.5
    min_containment: float = 0.8
    max_candidates: int = 200
    min_shared_paragraphs: int = 2
    max_paragraph_df: int = 50
    anchor_shingle_size: int = 3
    min_anchor_shingles: int = 12
    paraphrase_lsh_threshold: float = 0.3
    min_anchor_jaccard: float = 0.45
    paraphrase_max_word_jaccard: float = 0.5
    wire_kinds: tuple[str, ...] = ("wire",)

    @classmethod
    def from_data(cls, relpath: str = "link/copies.toml") -> CopyParams:
        raw = load_toml(relpath)
        tok, mh, near = raw.get("tokens", {}), raw.get("minhash", {}), raw.get("near", {})
        par, para, orig = raw.get("paragraphs", {}), raw.get("paraphrase", {}), raw.get("original", {})
        d = cls()
        return cls(
            shingle_size=int(tok.get("shingle_size", d.shingle_size)),
            min_tokens=int(tok.get("min_tokens", d.min_tokens)),
            min_paragraph_tokens=int(tok.get("min_paragraph_tokens", d.min_paragraph_tokens)),
            num_perm=int(mh.get("num_perm", d.num_perm)),
            seed=int(mh.get("seed", d.seed)),
            near_lsh_threshold=float(near.get("lsh_threshold", d.near_lsh_threshold)),
            min_jaccard=float(near.get("min_jaccard", d.min_jaccard)),
            min_containment=float(near.get("min_containment", d.min_containment)),
            max_candidates=int(near.get("max_candidates", d.max_candidates)),
            min_shared_paragraphs=int(par.get("min_shared", d.min_shared_paragraphs)),
            max_paragraph_df=int(par.get("max_document_frequency", d.max_paragraph_df)),
            anchor_shingle_size=int(para.get("anchor_shingle_size", d.anchor_shingle_size)),
            min_anchor_shingles=int(para.get("min_anchor_shingles", d.min_anchor_shingles)),
            paraphrase_lsh_threshold=float(para.get("lsh_threshold", d.paraphrase_lsh_threshold)),
            min_anchor_jaccard=float(para.get("min_anchor_jaccard", d.min_anchor_jaccard)),
            paraphrase_max_word_jaccard=float(
                para.get("max_word_jaccard", d.paraphrase_max_word_jaccard)
            ),
            wire_kinds=tuple(orig.get("wire_kinds", d.wire_kinds)),
        )


# --------------------------------------------------------------------------- records


class CopyInput(NamedTuple):
    """One document to index: cleaned body text (lines = paragraphs), date and outlet if known.

    ``published`` is a ``date``/``datetime`` or a ``YYYY[-MM[-DD]]`` string
    (``PublishedDate.value``); ``outlet`` is matched against the outlet registry
    to recognise wire services.
    """

    doc_id: str
    text: str
    published: date | datetime | str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class CopyLink:
    """A verified pair. ``similarity`` is the measure that decided ``kind``.

    ``jaccard``/``containment`` are over word shingles; ``anchor_jaccard`` over
    anchor shingles (names and numbers in order). ``a < b`` always.
    """

    a: str
    b: str
    kind: CopyKind
    similarity: float
    jaccard: float
    containment: float
    anchor_jaccard: float


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Documents that are copies of one another, with the original first in ``members``."""

    id: str
    original: str
    original_rule: OriginalRule
    members: tuple[str, ...]
    links: tuple[CopyLink, ...]

    def kinds(self) -> frozenset[CopyKind]:
        return frozenset(link.kind for link in self.links)


@dataclass(frozen=True, slots=True)
class CopyUpdate:
    """What one ``CopyIndex.add`` changed.

    ``groups``: every group that gained a member or was formed. ``retired``:
    group IDs that no longer exist, mapped to the ID of the group that now
    holds their members (the original changed, or two groups merged).
    """

    added: int
    groups: tuple[CopyGroup, ...]
    retired: dict[str, str] = field(default_factory=dict)
    links: tuple[CopyLink, ...] = ()


PairConfirmer = Callable[[str, str, CopyLink], float | None]
"""Second pass over paraphrase candidates: ``(doc_a, doc_b, link) -> score or None``.

Return a similarity to confirm the pair (kind becomes ``paraphrase``, the score
its ``similarity``), or ``None`` to drop it. It gets doc IDs, not texts: the
caller holds the texts (or embeddings cached by doc ID), the index does not.
"""


def group_id(original: str) -> str:
    """ID of a copy group: a hash of its original's doc_id, nothing else."""
    return ids.copy_group_id(original)


# --------------------------------------------------------------------------- features


@dataclass(slots=True)
class _Doc:
    doc_id: str
    exact: str
    n_tokens: int
    shingles: Features
    paragraphs: tuple[int, ...]
    paragraph_sketches: Features  # shape (paragraphs, <=4): bottom shingle hashes of each
    anchors: Features
    date_key: tuple[int, ...] | None
    wire: bool


def _normalise(text: str) -> str:
    for curly in ("’", "‘", "ʼ", "`"):
        text = text.replace(curly, "'")
    return text


def _token_hashes(tokens: Sequence[str]) -> npt.NDArray[np.uint64]:
    return np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens))


def _gram_hashes(th: npt.NDArray[np.uint64], k: int) -> Features:
    """32-bit hashes of every k consecutive token hashes, in text order (not deduplicated).

    Combined with numpy arithmetic instead of hashing joined strings: same
    result on every machine and run, several times faster.
    """
    if not len(th):
        return np.zeros(0, dtype=np.uint32)
    k = min(k, len(th))
    n = len(th) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        acc = acc * np.uint64(0x100000001B3) + th[j : j + n]
    acc ^= acc >> np.uint64(33)
    acc *= np.uint64(0xFF51AFD7ED558CCD)
    acc ^= acc >> np.uint64(29)
    return (acc >> np.uint64(32)).astype(np.uint32)


def _shingles(tokens: Sequence[str], k: int) -> Features:
    return np.unique(_gram_hashes(_token_hashes(tokens), k))


def anchors(text: str) -> list[str]:
    """Names and numbers in order: what a synonym spinner leaves untouched.

    A capitalised word at a sentence start counts only when the same word is
    also capitalised mid-sentence in the text ("Putin said" at the start counts
    when "Putin" occurs elsewhere; "Meanwhile" does not).
    """
    text = _normalise(text)
    found: list[tuple[str, bool]] = []
    mid: set[str] = set()
    for m in _ANCHOR.finditer(text):
        word = _POSSESSIVE.sub("", m.group(0).rstrip("."))
        if word[0].isdigit():
            found.append((word.replace(",", ""), False))
            continue
        before = text[max(0, m.start() - 8) : m.start()].rstrip(" \t\"'“‘([")
        initial = (m.start() < 8 and not before) or (bool(before) and before[-1] in _SENTENCE_END)
        if not initial:
            mid.add(word)
        found.append((word, initial))
    return [w for w, initial in found if not initial or w in mid]


def _paragraph_features(
    text: str, *, k: int, min_tokens: int
) -> tuple[list[str], Features, tuple[int, ...], Features]:
    """Tokens, shingles, and per paragraph (body line) a hash and a bottom-4 shingle sketch.

    The sketch tells an edited paragraph (most shingles kept) from new chrome.
    Shingles run across line breaks, as in the joined text.
    """
    tokens: list[str] = []
    bounds: list[tuple[int, int]] = []
    hashes: list[int] = []
    for line in _normalise(text).casefold().splitlines():
        toks = _WORD.findall(line)
        if len(toks) >= min_tokens:
            bounds.append((len(tokens), len(tokens) + len(toks)))
            hashes.append(zlib.crc32(" ".join(toks).encode()))
        tokens.extend(toks)
    grams = _gram_hashes(_token_hashes(tokens), k)
    sketches = np.zeros((len(bounds), 4), dtype=np.uint32)
    for i, (lo, hi) in enumerate(bounds):
        bottom = np.unique(grams[lo : max(lo + 1, hi - k + 1)])[:4]
        sketches[i, : len(bottom)] = bottom
        sketches[i, len(bottom) :] = bottom[0] if len(bottom) else 0
    return tokens, np.unique(grams), tuple(hashes), sketches


def _date_key(value: date | datetime | str | None) -> tuple[int, ...] | None:
    """Latest moment the evidence allows: "2024-04" sorts as 2024-04-30 end of day.

    A member counts as earlier only when it was certainly published by then,
    so a month-precision date does not beat a day-precision one in that month.
    """
    if value is None:
        return None
    if isinstance(value, str) and "T" in value:
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return (value.year, value.month, value.day, value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, date):
        return (value.year, value.month, value.day, 86399)
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else 12
    d = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1]
    return (y, mo, d, 86399)


def _is_wire(outlet: str | None, kinds: tuple[str, ...]) -> bool:
    if not outlet:
        return False
    found = outlets().lookup(outlet)
    return found is not None and found.kind in kinds


def _sorted_jaccard(a: Features, b: Features) -> tuple[float, float]:
    """Exact (Jaccard, containment of the smaller) of two sorted unique arrays."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    return inter / union, inter / min(len(a), len(b))


def _verbatim_core(x: _Doc, y: _Doc) -> bool:
    """True when the shared paragraphs form one run, in order, in both, and the rest is new text.

    That is syndication: the same text with other headers, bylines, footers.
    A paragraph outside the run that is an edited version of one in the
    other document (half its bottom-4 shingle sketch shared) makes it a near copy.
    """
    a, b = x.paragraphs, y.paragraphs
    shared = set(a) & set(b)
    if not shared or (set(a) == set(b) and len(a) == len(b)):
        return False
    ia = [i for i, p in enumerate(a) if p in shared]
    ib = [i for i, p in enumerate(b) if p in shared]
    contiguous = ia[-1] - ia[0] + 1 == len(ia) and ib[-1] - ib[0] + 1 == len(ib)
    if not contiguous or [a[i] for i in ia] != [b[i] for i in ib]:
        return False
    rest_a = [set(s.tolist()) for p, s in zip(a, x.paragraph_sketches, strict=True) if p not in shared]
    rest_b = [set(s.tolist()) for p, s in zip(b, y.paragraph_sketches, strict=True) if p not in shared]
    return not any(len(sa & sb) * 2 >= max(len(sa), 1) for sa in rest_a for sb in rest_b)


# --------------------------------------------------------------------------- index


class CopyIndex:
    """Incremental copy detector: ``add`` batches of documents, read groups at any time.

    Holds shingle sets and LSH tables, not texts; it is not serialised (rebuild
    it from stored text). Groups and IDs do not depend on the order documents
    were added in: LSH collisions and the checks are symmetric. Only the
    evidence links may differ (an exact copy links to the first-indexed copy
    of its text), and two caps can in principle make order matter: a
    paragraph found in more than ``max_paragraph_df`` documents stops
    producing candidates, and at most ``max_candidates`` are checked per
    document. Adding a document costs a few LSH look-ups plus exact checks of
    its candidates, independent of the index size for a fixed copy rate.
    """

    def __init__(
        self,
        params: CopyParams | None = None,
        *,
        confirm: PairConfirmer | None = None,
        include_candidates: bool = True,
    ) -> None:
        self.params = params or CopyParams.from_data()
        self.confirm = confirm
        self.include_candidates = include_candidates
        p = self.params
        self._near = LSHIndex(threshold=p.near_lsh_threshold, num_perm=p.num_perm, seed=p.seed)
        self._para = LSHIndex(threshold=p.paraphrase_lsh_threshold, num_perm=p.num_perm, seed=p.seed + 1)
        self._docs: dict[str, _Doc] = {}
        self._exact: dict[str, str] = {}  # exact hash -> representative doc_id (first indexed)
        self._paragraph_docs: dict[int, list[str]] = defaultdict(list)
        self._common_paragraphs: set[int] = set()
        self._links: dict[tuple[str, str], CopyLink] = {}
        self._adjacent: dict[str, set[str]] = defaultdict(set)
        self._group_of: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._docs

    # ----------------------------------------------------------------- features

    def _features(self, item: CopyInput) -> _Doc:
        p = self.params
        toks, shingles, paragraphs, sketches = _paragraph_features(
            item.text, k=p.shingle_size, min_tokens=p.min_paragraph_tokens
        )
        anchor_toks = anchors(item.text)
        return _Doc(
            doc_id=item.doc_id,
            exact=hashlib.sha1(" ".join(toks).encode()).hexdigest(),
            n_tokens=len(toks),
            shingles=shingles,
            paragraphs=paragraphs,
            paragraph_sketches=sketches,
            anchors=_shingles(anchor_toks, p.anchor_shingle_size)
            if len(anchor_toks) >= p.anchor_shingle_size
            else np.zeros(0, dtype=np.uint32),
            date_key=_date_key(item.published),
            wire=_is_wire(item.outlet, p.wire_kinds),
        )

    # ----------------------------------------------------------------- add

    def add(self, items: Iterable[CopyInput | tuple[Any, ...]]) -> CopyUpdate:
        """Index a batch; each new document is compared with everything indexed before it."""
        new: list[str] = []
        links: list[CopyLink] = []
        for raw in items:
            item = raw if isinstance(raw, CopyInput) else CopyInput(*raw)
            if item.doc_id in self._docs:
                continue
            doc = self._features(item)
            links.extend(self._index_one(doc))
            new.append(doc.doc_id)
        return self._update(new, links)

    def _index_one(self, doc: _Doc) -> list[CopyLink]:
        p = self.params
        found: list[CopyLink] = []
        rep = self._exact.get(doc.exact) if doc.n_tokens else None
        self._docs[doc.doc_id] = doc
        if rep is not None:
            # Same words as an indexed document: one exact link; its other links carry over.
            found.append(self._link(doc.doc_id, rep, "exact", 1.0, 1.0, 1.0, 1.0))
            return [x for x in found if self._record(x)]
        if doc.n_tokens:
            self._exact[doc.exact] = doc.doc_id
        if doc.n_tokens < p.min_tokens:
            return []

        candidates: dict[str, None] = {}
        sketch = self._near.sketch(doc.shingles)
        for key in self._near.query(sketch):
            candidates[key] = None
        for key in self._paragraph_candidates(doc):
            candidates[key] = None
        # Sorted before the cap: LSH returns a set, whose order varies between runs.
        for other_id in sorted(candidates)[: p.max_candidates]:
            link = self._verify_lexical(doc, self._docs[other_id])
            if link is not None:
                found.append(link)
        self._near.insert(doc.doc_id, sketch)

        if len(doc.anchors) >= p.min_anchor_shingles:
            lexical = {x.b if x.a == doc.doc_id else x.a for x in found}
            anchor_sketch = self._para.sketch(doc.anchors)
            para_keys = sorted(k for k in self._para.query(anchor_sketch) if k not in lexical)
            for other_id in para_keys[: p.max_candidates]:
                link = self._verify_paraphrase(doc, self._docs[other_id])
                if link is not None:
                    found.append(link)
            self._para.insert(doc.doc_id, anchor_sketch)
        return [x for x in found if self._record(x)]

    def _paragraph_candidates(self, doc: _Doc) -> list[str]:
        p = self.params
        counts: dict[str, int] = defaultdict(int)
        for h in set(doc.paragraphs):
            if h in self._common_paragraphs:
                continue
            posting = self._paragraph_docs[h]
            for other in posting:
                counts[other] += 1
            posting.append(doc.doc_id)
            if len(posting) > p.max_paragraph_df:
                self._common_paragraphs.add(h)
                del self._paragraph_docs[h]
        need = p.min_shared_paragraphs
        return sorted(k for k, n in counts.items() if n >= min(need, len(set(doc.paragraphs))))

    def _verify_lexical(self, doc: _Doc, other: _Doc) -> CopyLink | None:
        p = self.params
        jac, cont = _sorted_jaccard(doc.shingles, other.shingles)
        if jac < p.min_jaccard and cont < p.min_containment:
            return None
        anchor_jac, _ = _sorted_jaccard(doc.anchors, other.anchors)
        if _verbatim_core(doc, other):
            return self._link(doc.doc_id, other.doc_id, "syndicated", cont, jac, cont, anchor_jac)
        return self._link(doc.doc_id, other.doc_id, "near", max(jac, cont), jac, cont, anchor_jac)

    def _verify_paraphrase(self, doc: _Doc, other: _Doc) -> CopyLink | None:
        p = self.params
        anchor_jac, _ = _sorted_jaccard(doc.anchors, other.anchors)
        if anchor_jac < p.min_anchor_jaccard:
            return None
        jac, cont = _sorted_jaccard(doc.shingles, other.shingles)
        if jac >= p.paraphrase_max_word_jaccard:
            return None
        link = self._link(doc.doc_id, other.doc_id, "paraphrase-candidate", anchor_jac, jac, cont, anchor_jac)
        if self.confirm is None:
            return link
        score = self.confirm(link.a, link.b, link)
        if score is None:
            return None
        return self._link(link.a, link.b, "paraphrase", score, jac, cont, anchor_jac)

    @staticmethod
    def _link(
        x: str, y: str, kind: CopyKind, sim: float, jac: float, cont: float, anchor: float
    ) -> CopyLink:
        a, b = sorted((x, y))
        return CopyLink(a, b, kind, round(sim, 4), round(jac, 4), round(cont, 4), round(anchor, 4))

    def _record(self, link: CopyLink) -> bool:
        key = (link.a, link.b)
        if key in self._links:
            return False
        self._links[key] = link
        self._adjacent[link.a].add(link.b)
        self._adjacent[link.b].add(link.a)
        return True

    # ----------------------------------------------------------------- groups

    def _counts(self, link: CopyLink) -> bool:
        return self.include_candidates or link.kind != "paraphrase-candidate"

    def _component(self, start: str, seen: set[str]) -> list[str]:
        out, stack = [], [start]
        seen.add(start)
        while stack:
            x = stack.pop()
            out.append(x)
            for y in self._adjacent.get(x, ()):
                if y not in seen and self._counts(self._links[(min(x, y), max(x, y))]):
                    seen.add(y)
                    stack.append(y)
        return out

    def _original_key(self, doc_id: str) -> tuple[int, tuple[int, ...], int, str]:
        """Sort key of the original: earliest date, then wire outlet, then lowest doc_id.

        Dated members come before undated ones (an undated copy cannot be shown
        to be earlier); among equal dates, or when no member is dated, a member
        from a wire outlet (``original.wire_kinds``) wins; the last resort is
        the lowest doc_id, which is arbitrary but stable.
        """
        d = self._docs[doc_id]
        return (d.date_key is None, d.date_key or (), not d.wire, doc_id)

    def _group(self, members: list[str]) -> CopyGroup:
        ordered = sorted(members, key=self._original_key)
        first = ordered[0]
        rule: OriginalRule
        if len(ordered) == 1:
            rule = "single"
        else:
            k0, k1 = self._original_key(first), self._original_key(ordered[1])
            if k0[:2] != k1[:2] and not k0[0]:
                rule = "earliest-date"
            elif k0[2] != k1[2]:
                rule = "wire"
            else:
                rule = "lowest-id"
        mset = set(members)
        links = sorted(
            (
                self._links[(a, b)]
                for a in members
                for b in self._adjacent.get(a, ())
                if a < b and b in mset and self._counts(self._links[(a, b)])
            ),
            key=lambda x: (x.a, x.b),
        )
        return CopyGroup(group_id(first), first, rule, tuple(ordered), tuple(links))

    def groups(self) -> list[CopyGroup]:
        """Every group of two or more documents, ordered by group ID."""
        seen: set[str] = set()
        out = []
        for doc_id in sorted(self._adjacent):
            if doc_id not in seen:
                comp = self._component(doc_id, seen)
                if len(comp) > 1:
                    out.append(self._group(comp))
        return sorted(out, key=lambda g: g.id)

    def group_of(self, doc_id: str) -> CopyGroup | None:
        """The group holding ``doc_id``, or None when it has no copy."""
        if doc_id not in self._adjacent:
            return None
        comp = self._component(doc_id, set())
        return self._group(comp) if len(comp) > 1 else None

    def links(self) -> list[CopyLink]:
        return sorted(self._links.values(), key=lambda x: (x.a, x.b))

    def _update(self, new: list[str], links: list[CopyLink]) -> CopyUpdate:
        seen: set[str] = set()
        groups: list[CopyGroup] = []
        retired: dict[str, str] = {}
        for doc_id in new:
            if doc_id in seen or doc_id not in self._adjacent:
                continue
            comp = self._component(doc_id, seen)
            if len(comp) < 2:
                continue
            group = self._group(comp)
            groups.append(group)
            for m in comp:
                old = self._group_of.get(m)
                if old is not None and old != group.id:
                    retired[old] = group.id
                self._group_of[m] = group.id
        return CopyUpdate(
            added=len(new),
            groups=tuple(sorted(groups, key=lambda g: g.id)),
            retired=retired,
            links=tuple(sorted(links, key=lambda x: (x.a, x.b))),
        )


def find_copies(
    items: Iterable[CopyInput | tuple[Any, ...]],
    *,
    params: CopyParams | None = None,
    confirm: PairConfirmer | None = None,
    include_candidates: bool = True,
) -> list[CopyGroup]:
    """Copy groups of a whole collection at once (a fresh ``CopyIndex``)."""
    index = CopyIndex(params, confirm=confirm, include_candidates=include_candidates)
    index.add(items)
    return index.groups()
