"""A timeline entry carries what weighs the position: conditions, certainty, date basis."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from newstrace.cli.render import timeline_blocks, timeline_table
from newstrace.records import Condition, ExtractedDocument, When
from newstrace.store import Store

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]


def _with(doc: ExtractedDocument, **changes: object) -> ExtractedDocument:
    return dataclasses.replace(doc, signals=tuple(dataclasses.replace(s, **changes) for s in doc.signals))


def test_entries_carry_conditions_certainty_and_order(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    text = "Putin would agree to a truce only if Kyiv pulled its troops out of the east."
    i = text.index("Kyiv pulled")
    cond = Condition(topic="withdrawal", detail="Kyiv pulled its troops out of the east",
                     start=i, end=i + 38, state="required")
    conditional = _with(
        make_extracted(text, name="cond.txt", published="2025-04-26",
                       signals=[("Putin would agree to a truce", "Vladimir Putin", "agree", None)]),
        conditions=(cond,), certainty="reported")
    year_only = _with(
        make_extracted("Putin wanted guarantees first.", name="year.txt", published="2025",
                       signals=[("Putin wanted guarantees", "Vladimir Putin", "demand", None)]),
        certainty="speculative")
    autumn = _with(
        make_extracted("Since last September Putin has sought a truce.", name="sept.txt",
                       published="2023-12-24",
                       signals=[("Putin has sought a truce", "Vladimir Putin", "demand", None)]),
        when=When("2023-09", "month", "Since last September"), certainty="signalled")
    store = store_of(tmp_path / "t.db", [conditional, year_only, autumn])
    entries = store.timeline("Putin")
    # a bare year sorts before the days inside it: it is all that is known
    assert [e.doc_name for e in entries] == ["sept.txt", "year.txt", "cond.txt"]
    assert [e.date for e in entries] == ["2023-09", "2025", "2025-04-26"]
    assert [e.certainty for e in entries] == ["signalled", "speculative", "reported"]
    assert entries[0].date_note() == "“Since last September”"
    assert entries[1].date_note() == "published"
    (c,) = entries[2].conditions
    assert (c["topic"], c["state"], c["detail"]) == ("withdrawal", "required",
                                                     "Kyiv pulled its troops out of the east")
    assert entries[2].conditions_line() == "requires withdrawal: Kyiv pulled its troops out of the east"
    assert entries[0].conditions_line() == ""

    narrow = Console(width=100, record=True)
    timeline_blocks(narrow, "Vladimir Putin", entries)
    out = narrow.export_text()
    assert "conditions: requires withdrawal: Kyiv pulled its troops out of the east" in out
    assert "speculative" in out and "“Since last September”" in out
    wide = Console(width=220, record=True)
    wide.print(timeline_table("Vladimir Putin", entries))
    out = wide.export_text()
    assert "speculative" in out and "conditions" in out and "requires withdrawal" in out
    for e in entries:  # IDs never wrap: each appears whole on one line
        assert e.signal_id in out


def test_an_undated_entry_says_what_the_text_gives(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    doc = _with(
        make_extracted("Putin met the envoy on Tuesday.", name="u.txt", published=None,
                       signals=[("Putin met the envoy", "Vladimir Putin", "meet", None)]),
        when=When(None, "weekday", "on Tuesday"))
    (e,) = store_of(tmp_path / "t.db", [doc]).timeline("Putin")
    assert e.date is None and e.date_basis == "none"
    assert e.date_note() == "text says “on Tuesday”"
