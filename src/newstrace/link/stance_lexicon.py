"""Word-level matching for claim-to-article relations: tokens, stems, content words, cue phrases.

Hand-written because it must be cheap enough for tens of thousands of article
sentences (spaCy's lemmatizer needs its tagger) and no installed library offers
a phrase matcher over stems: the stemmer below only strips a few English
inflections, the same way on both sides, so cue phrases written in their plain
form ("deny") match their inflected forms ("denied", "denies").
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's data module without importing spaCy itself
    (``import spacy.lang.en.stop_words`` runs spaCy's package init, seconds of start-up)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_newstrace_en_stop_words", path)
    if module_spec is None or module_spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


_TOKEN = re.compile(r"n't|[^\W_]+(?:[.'][^\W_]+)*")
_NT = re.compile(r"(?<=\w)n't\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
WILDCARD = "*"


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A lower-cased word with one common inflection removed ("denied" → "deny", "hoaxes" → "hoax")."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w == "n't":
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("sses", "ss"), ("xes", "x"),
                         ("ches", "ch"), ("shes", "sh"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            return _drop_e(w[: len(w) - len(suffix)] + repl)
    return _drop_e(w)


def _drop_e(w: str) -> str:
    """"dispute", "disputed" and "disputing" share "disput": a final silent e goes."""
    return w[:-1] if len(w) >= 4 and w.endswith("e") and not w.endswith("ee") else w


def tokens(text: str) -> list[str]:
    """Word tokens in order, keeping case ("n't" split off its verb)."""
    return _TOKEN.findall(_NT.sub(" n't", text.replace("’", "'")))


@dataclass(frozen=True, slots=True)
class ContentWords:
    """A text's content stems, with those that look like names or numbers marked."""

    stems: frozenset[str]
    names: frozenset[str]


@functools.lru_cache(maxsize=1 << 14)
def content_words(text: str) -> ContentWords:
    """Stems of non-stopword tokens; a token capitalised past the first position or with a digit is a name."""
    stems: set[str] = set()
    names: set[str] = set()
    for i, tok in enumerate(tokens(text)):
        low = tok.lower()
        if low in stop_words() or len(low) < 2 or low == "n't":
            continue
        s = stem(low)
        stems.add(s)
        if _NUMBER.search(tok) or (i > 0 and tok[0].isupper()) or (tok.isupper() and len(tok) > 1):
            names.add(s)
    return ContentWords(frozenset(stems), frozenset(names))


def coverage(claim: ContentWords, found: Iterable[str], *, name_weight: float) -> float:
    """Share of the claim's content stems present in ``found``; names weigh ``name_weight``."""
    present = found if isinstance(found, (set, frozenset)) else set(found)
    total = hit = 0.0
    for s in claim.stems:
        w = name_weight if s in claim.names else 1.0
        total += w
        if s in present:
            hit += w
    return hit / total if total else 0.0


class PhraseSet:
    """Cue phrases matched on stemmed token sequences; ``*`` stands for any one token."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for phrase in phrases:
            parts = tuple(s for piece in phrase.split()
                          for s in ([WILDCARD] if piece == WILDCARD else stems_of(piece)))
            if parts:
                self._by_first.setdefault(parts[0], []).append((phrase, parts))

    def find(self, stems: Sequence[str]) -> list[str]:
        """The phrases present in a stemmed token sequence, each once, in order of first match."""
        found: list[str] = []
        for phrase, _ in self.spans(stems):
            if phrase not in found:
                found.append(phrase)
        return found

    def spans(self, stems: Sequence[str]) -> list[tuple[str, int]]:
        """Every (phrase, start token) match in a stemmed token sequence, in text order."""
        out: list[tuple[str, int]] = []
        for i, s in enumerate(stems):
            for phrase, parts in self._by_first.get(s, ()):
                if i + len(parts) > len(stems):
                    continue
                if all(p == WILDCARD or p == stems[i + j] for j, p in enumerate(parts)):
                    out.append((phrase, i))
        return out


def stems_of(text: str) -> list[str]:
    """Stemmed lower-case tokens of ``text`` in order."""
    return [stem(t) for t in tokens(text)]
