"""nlp stage: spaCy parse of the cleaned text, model loaded once per process."""

from newstrace.nlp.model import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL,
    ParsedDocument,
    load_model,
    parse,
    parse_one,
)

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_MODEL", "ParsedDocument", "load_model", "parse", "parse_one"]
