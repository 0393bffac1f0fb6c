"""Whom an actor no table lists speaks for, learnt from how the text writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

import newstrace
from newstrace.knowledge import actors
from newstrace.link import link_actors
from newstrace.link.actors import parent_of
from newstrace.records import ExtractedDocument


def test_parent_of_reads_owner_title_nationality_and_body() -> None:
    table = actors()
    assert parent_of("Benjamin Netanyahu's office", None, table) == "Benjamin Netanyahu"
    assert parent_of("Benjamin Netanyahu", "Israeli Prime Minister Benjamin Netanyahu", table) == "Israel"
    assert parent_of("Scott Bessent", "U.S. Treasury Secretary Scott Bessent", table) == "United States"
    assert parent_of("Basem Naim", "Hamas official Basem Naim", table) == "Hamas"
    assert parent_of("Basem Naim", "Naim", table) is None
    assert parent_of("Donald Trump", "President Donald Trump", table) is None


def test_office_statement_reaches_the_owner_and_his_state(
        tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]) -> None:
    doc = make_extracted(
        "Netanyahu's office said a delegation would travel to Qatar for talks.",
        signals=[("Netanyahu's office said a delegation would travel to Qatar for talks",
                  "Benjamin Netanyahu's office", "intent_to_negotiate", None)])
    written = "Israeli Prime Minister Benjamin Netanyahu's office"
    doc = replace(doc, signals=tuple(replace(s, actor_text=written) for s in doc.signals))
    store = newstrace.open(tmp_path / "p.db")
    store.add(doc)
    with store.engine.begin() as conn:
        link_actors(conn)
        rows = conn.execute(text(
            "SELECT a.canonical, sa.role FROM signal_actors sa JOIN actors a ON a.id = sa.actor_id "
            "ORDER BY sa.role, a.canonical")).all()
        parent = conn.execute(text(
            "SELECT parent FROM actors WHERE canonical = 'Benjamin Netanyahu'")).scalar()
    assert [tuple(r) for r in rows] == [
        ("Benjamin Netanyahu's office", "actor"),
        ("Benjamin Netanyahu", "speaks_for"),
        ("Israel", "speaks_for"),
    ]
    assert parent == "Israel"
    assert [s.actor for s in store.signals(actor="Israel")] == ["Benjamin Netanyahu's office"]


def test_a_capitalised_title_after_a_nationality_is_no_body() -> None:
    # "Veldrian" is an adjective no table knows, not a body the minister speaks for
    assert parent_of("Ilse Marrow", "Veldrian Trade Minister Ilse Marrow", actors()) is None
    assert parent_of("Jeremy Corbyn", "Labour leader Jeremy Corbyn", actors()) == "Labour"
