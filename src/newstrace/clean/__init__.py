"""clean stage: classify lines and reduce a document to its article body."""

from newstrace.clean.document import clean_document

__all__ = ["clean_document"]
