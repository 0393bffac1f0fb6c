"""store stage: persist extracted documents in SQLite and query them.

Names are loaded on first use (PEP 562) so that importing a row type does not
import the pipeline: the CLI's --help and queries must start in well under a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.store.database import Store, open_store
    from newstrace.store.rows import AttributionRow, DocumentRow, IngestReport, Rejection, Rows, SignalRow

_WHERE = {
    "Store": "newstrace.store.database", "open_store": "newstrace.store.database",
    "AttributionRow": "newstrace.store.rows", "DocumentRow": "newstrace.store.rows",
    "IngestReport": "newstrace.store.rows", "Rejection": "newstrace.store.rows",
    "Rows": "newstrace.store.rows", "SignalRow": "newstrace.store.rows",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(_WHERE[name]), name)


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
