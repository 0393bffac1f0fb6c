"""A spaCy corpus reader whose predicted docs arrive already parsed.

spaCy's own ``Corpus`` makes the predicted doc from the text alone, so a
component trained with it cannot use the parser's tags and dependencies as
features unless the whole parser runs inside every training step. This reader
pairs a parsed ``Doc`` (``<name>.pred.spacy``) with its reference
(``<name>.gold.spacy``), so the tagger learns from the parse it will see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from newstrace.train.polnear import pairs


@registry.readers("newstrace.PreParsedCorpus.v1")  # type: ignore[untyped-decorator]
def pre_parsed_corpus(path: str, limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """``path`` is ``DIR/NAME``: reads ``DIR/NAME.pred.spacy`` and ``DIR/NAME.gold.spacy``."""
    base = Path(path)

    def read(nlp: Language) -> Iterator[Example]:
        pred = base.with_name(base.name + ".pred.spacy")
        gold = base.with_name(base.name + ".gold.spacy")
        for n, (p, g) in enumerate(pairs(pred, gold, nlp.vocab)):
            if limit and n >= limit:
                return
            yield Example(p, g)

    return read
