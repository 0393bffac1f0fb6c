"""The shipped attribution tagger: where it lives and how the pipeline loads it.

The weights are trained by ``python -m newstrace.train attribution --ship`` and
kept in ``newstrace/models/attribution`` (a spaCy pipeline folder). The nlp
stage adds the tagger to the parsing pipeline, sourced from that folder, so
it runs inside ``nlp.pipe`` with the parser; nothing is fetched at run time.
``NEWSTRACE_ATTRIBUTION_MODEL`` points at another trained folder.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newstrace.errors import Errors, NewstraceError

if TYPE_CHECKING:  # spaCy itself is imported when the tagger is loaded
    from spacy.language import Language

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "attribution"


def model_path() -> Path:
    return Path(os.environ.get("NEWSTRACE_ATTRIBUTION_MODEL") or SHIPPED)


def model_available() -> bool:
    return (model_path() / "config.cfg").is_file()


@functools.lru_cache(maxsize=2)
def _load(path: str) -> tuple[Language, str]:
    import spacy

    from newstrace.extract.attribution import tagger  # registers the factory

    try:
        return spacy.load(path), tagger.FACTORY
    except (OSError, ValueError) as exc:
        raise NewstraceError(Errors.E042, path=path, detail=exc) from exc


def add_tagger(nlp: Language) -> Language:
    """Add the trained tagger at the end of ``nlp`` (after the parser and NER it reads)."""
    source, name = _load(str(model_path()))
    if name not in nlp.pipe_names:
        nlp.add_pipe(name, source=source)
    return nlp
