"""Run the link stage over the store, crash-safe.

Every document the store writes is marked in ``link_pending`` in the same
transaction (``store/link_state.py``). ``link_pending`` links when any mark is
left, and clears the marks in the transaction that writes the links, so the
store is either linked or knows it is not: a run killed between writing and
linking leaves the marks, and the next write command (ingest, reprocess, relink,
even an ingest with nothing new) finishes the job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newstrace.store.database import Store


def link_pending(store: Store) -> bool:
    """Link when some written document is not linked yet; return whether it ran."""
    from newstrace.store.link_state import pending_ids

    with store.engine.connect() as conn:
        if not pending_ids(conn):
            return False
    relink(store)
    return True


def relink(store: Store) -> None:
    """The link stage over the whole store in one transaction: actors, copies, then claims
    (claims count copies once, so they come after); clears every pending mark it covered."""
    from newstrace.link import link_actors, link_copies
    from newstrace.link.claim_build import rebuild_claims
    from newstrace.store.link_state import clear_pending, pending_ids

    with store.engine.begin() as conn:
        covered = pending_ids(conn)
        link_actors(conn)
        link_copies(conn)
        rebuild_claims(conn)
        clear_pending(conn, covered)
