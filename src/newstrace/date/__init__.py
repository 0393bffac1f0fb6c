"""date stage: publication date and event-time expressions.

``date_document`` dates a CleanDocument; ``find_times`` and ``resolve`` are the
pure functions later stages reuse to read "on Friday" or "since last
September" against a publication date.
"""

from newstrace.date.document import date_document
from newstrace.date.published import published_date
from newstrace.date.resolve import find_times, resolve

__all__ = ["date_document", "find_times", "published_date", "resolve"]
