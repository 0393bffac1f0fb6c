"""date stage: publication date and event-time expressions."""

from newstrace.date.document import date_document

__all__ = ["date_document"]
