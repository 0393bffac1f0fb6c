"""store stage: persist extracted documents in SQLite and query them."""

from newstrace.store.database import Store, open_store
from newstrace.store.rows import AttributionRow, DocumentRow, IngestReport, Rejection, Rows, SignalRow

__all__ = [
    "AttributionRow",
    "DocumentRow",
    "IngestReport",
    "Rejection",
    "Rows",
    "SignalRow",
    "Store",
    "open_store",
]
