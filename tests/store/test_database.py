from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

import newstrace
from newstrace.errors import NewstraceError
from newstrace.records import ExtractedDocument, Rejected
from newstrace.store.migrate import latest_version

TEXT = (
    "In Zürich, “officials” said President Vladimir Putin was ready for talks.\n\n"
    "Another line of body text."
)


def test_schema_is_migrated_and_wal(tmp_path: Path) -> None:
    store = newstrace.open(tmp_path / "s.db")
    assert store.schema_version == latest_version()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    # Re-opening does not re-apply migrations.
    again = newstrace.open(tmp_path / "s.db")
    with again.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == latest_version()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    store = newstrace.open(tmp_path / "s.db")
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version (version) VALUES (999)"))
    with pytest.raises(NewstraceError, match="E011"):
        newstrace.open(tmp_path / "s.db")


def test_add_and_query_roundtrip(tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]) -> None:
    store = newstrace.open(tmp_path / "s.db")
    ex = make_extracted(TEXT, signals=[("President Vladimir Putin was ready for talks",
                                        "Vladimir Putin", "intent_to_negotiate", "2025-02")])
    store.add(ex)
    docs = store.documents()
    assert [d.id for d in docs] == [ex.doc_id]
    assert docs[0].signals == 1 and docs[0].attributions == 1
    sig = store.signals()[0]
    assert sig.evidence == "President Vladimir Putin was ready for talks"
    assert TEXT[sig.raw_start : sig.raw_end] == sig.evidence
    assert sig.event_date == "2025-02" and sig.event_basis == "event"
    assert store.get(sig.id) == sig
    att = store.get(ex.attributions[0].id)
    assert att.via == "Example Wire"  # type: ignore[union-attr]
    frame = store.signals().to_frame()
    assert list(frame["actor"]) == ["Vladimir Putin"]
    with pytest.raises(NewstraceError, match="E012"):
        store.get("s-nope")


def test_one_transaction_per_document(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    store = newstrace.open(tmp_path / "s.db")
    ex = make_extracted(TEXT, signals=[("Another line", "Russia", "meet", None)])
    store.add(ex)
    with pytest.raises(Exception):  # noqa: B017 - the duplicate primary key aborts this one
        store.add(ex)
    # The failed second write left nothing half-written.
    assert len(store.documents()) == 1
    assert len(store.signals()) == 1


def test_rejections_are_recorded_once(tmp_path: Path) -> None:
    store = newstrace.open(tmp_path / "s.db")
    rej = Rejected("bad.txt", "[E002] Input file is empty", "E002", "/x/bad.txt")
    store.add(rej)
    store.add(rej)
    assert [r.code for r in store.rejections()] == ["E002"]


def test_copies_of_the_same_text_are_recorded_as_sources(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Envoy Tomas Reel said the ferry talks would resume on Monday.\n"
    (folder / "a.txt").write_text(body, "utf-8")
    (folder / "b.txt").write_text(body, "utf-8")
    store = newstrace.open(tmp_path / "s.db")
    first = store.ingest([folder])
    assert len(first.added) == 1 and len(first.duplicates) == 1
    doc = store.documents()[0]
    assert [s["name"] for s in store.sources(doc.id)] == ["a.txt", "b.txt"]
    again = store.ingest([folder])
    assert again.added == [] and sorted(again.unchanged) == ["a.txt", "b.txt"]
    assert len(store.sources(doc.id)) == 2


def test_learned_boilerplate_persists_across_ingests(tmp_path: Path) -> None:
    promo = "Tap here for the Harbor Post app"
    meta = []
    for n in range(1, 5):
        folder = tmp_path / ("first" if n < 3 else "second")
        folder.mkdir(exist_ok=True)
        (folder / f"{n}.txt").write_text(
            f"Dock workers stayed off the job for day {n}, union leader Mara Quist said on Monday.\n\n"
            f"{promo}\n\nOperators promised a new offer on item {n}.\n", "utf-8")
        meta.append((folder, n))
    for folder in {f for f, _ in meta}:
        rows = [f'{{"file": "{n}.txt", "outlet": "Harbor Post"}}' for f, n in meta if f == folder]
        (folder / "metadata.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    store = newstrace.open(tmp_path / "s.db")
    store.ingest([tmp_path / "first"])  # two articles: not enough to learn yet
    store.ingest([tmp_path / "second"])  # with the stored two, the line is now furniture
    by_name = {d.name: d.id for d in store.documents()}
    promo_class = {
        name: next(ln["cls"] for ln in store.lines(doc) if ln["text"] == promo)
        for name, doc in by_name.items()
    }
    assert promo_class["1.txt"] == "body" and promo_class["2.txt"] == "body"
    assert promo_class["3.txt"] == "junk" and promo_class["4.txt"] == "junk"


def test_copy_of_a_rejected_text_is_rejected_too(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    chrome = "Sign up for our newsletter\nShare this article\n"
    (folder / "a.txt").write_text(chrome, "utf-8")
    (folder / "b.txt").write_text(chrome, "utf-8")
    store = newstrace.open(tmp_path / "s.db")
    report = store.ingest([folder])
    assert report.added == [] and report.unchanged == []
    assert sorted((r.name, r.code) for r in report.rejected) == [("a.txt", "E009"), ("b.txt", "E009")]
    assert len(store.rejections()) == 2


def test_reprocess_refills_new_columns_and_keeps_ids(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour deal stalls\n\n"
        "Two former senior Danish officials told the Harbour Gazette on Monday that the ferry "
        "contract would be cancelled.\n\n"
        "Mayor Ilse Brandt said the city wanted the ferries to keep running until spring.\n",
        "utf-8")
    (folder / "copy.txt").write_text((folder / "a.txt").read_text("utf-8"), "utf-8")
    store = newstrace.open(tmp_path / "s.db")
    store.ingest([folder])
    before = store.attributions()
    assert before and any(a.source_count == "2" for a in before)
    sources = store.sources(before[0].doc_id)
    assert len(sources) == 2
    signals_before = [s.id for s in store.signals()]
    with store.engine.begin() as conn:  # a store written before source profiles existed
        conn.execute(text("UPDATE attributions SET force = NULL, source_count = NULL"))
    report = store.reprocess()
    assert report.added == ["a.txt"] and report.rejected == []
    after = store.attributions()
    assert [a.id for a in after] == [a.id for a in before]
    assert [a.source_count for a in after] == [a.source_count for a in before]
    assert all(a.force for a in after)
    assert store.sources(before[0].doc_id) == sources
    assert [s.id for s in store.signals()] == signals_before
