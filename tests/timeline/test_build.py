from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newstrace.records import ExtractedDocument
from newstrace.store import Store

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]


def test_timeline_orders_by_event_date_not_publication(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    late_report = make_extracted(
        "Putin wanted guarantees before any truce.", name="late.txt", published="2025-06-01",
        signals=[("Putin wanted guarantees", "Vladimir Putin", "demand", "2024-11")])
    early_report = make_extracted(
        "Putin offered talks without preconditions.", name="early.txt", published="2025-03-01",
        signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    undated = make_extracted(
        "Putin met the envoy.", name="undated.txt", published=None,
        signals=[("Putin met the envoy", "Vladimir Putin", "meet", None)])
    other = make_extracted(
        "Zelensky rejected the plan.", name="other.txt", published="2025-01-01",
        signals=[("Zelensky rejected the plan", "Volodymyr Zelensky", "reject", None)])
    store = store_of(tmp_path / "t.db", [late_report, early_report, undated, other])
    entries = store.timeline("Putin")
    assert [e.doc_name for e in entries] == ["late.txt", "early.txt", "undated.txt"]
    assert [e.date for e in entries] == ["2024-11", "2025-03-01", None]
    assert [e.date_basis for e in entries] == ["event", "published", "none"]
    assert entries[0].source_kind == "anonymous" and entries[0].source_via == "Example Wire"


def test_actor_hierarchy_puts_members_under_the_state(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    doc = make_extracted(
        "Putin offered talks. Peskov denied the report.", name="a.txt",
        signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None),
                 ("Peskov denied the report", "Dmitry Peskov", "deny", None)])
    store = store_of(tmp_path / "t.db", [doc])
    assert {e.actor for e in store.timeline("Russia")} == {"Vladimir Putin", "Dmitry Peskov"}
    assert {e.actor for e in store.timeline("the Kremlin")} == {"Vladimir Putin", "Dmitry Peskov"}
    assert [e.actor for e in store.timeline("Peskov")] == ["Dmitry Peskov"]
    assert store.timeline("Putin", topic="territory") == []
    assert len(store.timeline("Putin", topic="ceasefire")) == 1
