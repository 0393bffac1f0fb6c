from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

import newstrace
from newstrace import ids
from newstrace.link import link_actors
from newstrace.records import ExtractedDocument


def test_links_actor_and_ancestors_once(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    store = newstrace.open(tmp_path / "l.db")
    store.add(make_extracted(
        "Peskov denied the report. Ola Brenn met the envoy.",
        signals=[("Peskov denied the report", "Dmitry Peskov", "deny", None),
                 ("Ola Brenn met the envoy", "Ola Brenn", "meet", None)]))
    with store.engine.begin() as conn:
        assert link_actors(conn) == 2
        assert link_actors(conn) == 0  # idempotent: nothing left to link
        rows = conn.execute(text(
            "SELECT a.canonical, sa.role, a.known FROM signal_actors sa "
            "JOIN actors a ON a.id = sa.actor_id ORDER BY a.canonical")).all()
    assert [tuple(r) for r in rows] == [
        ("Dmitry Peskov", "actor", 1),
        ("Kremlin", "speaks_for", 1),
        ("Ola Brenn", "actor", 0),
        ("Russia", "speaks_for", 1),
    ]
    with store.engine.connect() as conn:
        unknown_id = conn.execute(text("SELECT id FROM actors WHERE canonical = 'Ola Brenn'")).scalar()
    assert unknown_id == ids.actor_id("ola  brenn")
