"""extract stage: attributions and signals from the parse."""

from newstrace.extract.document import extract_document

__all__ = ["extract_document"]
