from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

import newstrace
from newstrace.errors import NewstraceError
from newstrace.records import ExtractedDocument, Rejected
from newstrace.store.migrate import latest_version, migrations

TEXT = (
    "In Zürich, “officials” said President Vladimir Putin was ready for talks.\n\n"
    "Another line of body text."
)


def test_schema_is_migrated_and_wal(store_target: str | Path) -> None:
    store = newstrace.open(store_target)
    assert store.schema_version == latest_version()
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    # Re-opening does not re-apply migrations.
    again = newstrace.open(store_target)
    with again.engine.connect() as conn:
        versions = [v for (v,) in conn.execute(text("SELECT version FROM schema_version ORDER BY version"))]
    assert versions == [v for v, _, _ in migrations(store.dialect)]
    store.close()
    again.close()


def test_a_missing_middle_migration_is_applied_later(store_target: str | Path) -> None:
    """A migration merged after a later one (0011 after 0012) still reaches existing stores."""
    store = newstrace.open(store_target)
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX documents_status"))
        conn.execute(text("DELETE FROM schema_version WHERE version = 12"))
    store.close()
    again = newstrace.open(store_target)
    assert again.schema_version == latest_version()
    with again.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM schema_version WHERE version = 12")).scalar() == 1
        # the index is back: the query planner may use it (an absent index would raise on DROP)
        conn.execute(text("DROP INDEX documents_status"))
    again.close()


def test_newer_schema_is_refused(store_target: str | Path) -> None:
    store = newstrace.open(store_target)
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version (version) VALUES (999)"))
    store.close()
    with pytest.raises(NewstraceError, match="E011"):
        newstrace.open(store_target)


def test_add_and_query_roundtrip(
    store_target: str | Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    store = newstrace.open(store_target)
    ex = make_extracted(TEXT, signals=[("President Vladimir Putin was ready for talks",
                                        "Vladimir Putin", "intent_to_negotiate", "2025-02")])
    store.add(ex)
    docs = store.documents()
    assert [d.id for d in docs] == [ex.doc_id]
    assert docs[0].signals == 1 and docs[0].attributions == 1
    assert docs[0].published_confidence == 0.9  # a double on both backends, not PostgreSQL's 4-byte REAL
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
    store.close()


def test_adding_a_stored_document_again_is_a_no_op(
    store_target: str | Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    """Two ingests may both process one text: the second write keeps the first, raises nothing."""
    store = newstrace.open(store_target)
    ex = make_extracted(TEXT, signals=[("Another line", "Russia", "meet", None)])
    assert store.add(ex) is True
    assert store.add(ex) is False
    assert len(store.documents()) == 1
    assert len(store.signals()) == 1
    assert store.rejections() == []
    store.close()


def test_one_transaction_per_document(
    store_target: str | Path,
    make_extracted: Callable[..., ExtractedDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newstrace.store import writer

    store = newstrace.open(store_target)
    ex = make_extracted(TEXT, signals=[("Another line", "Russia", "meet", None)])

    def broken(*_: object, **__: object) -> None:
        raise ValueError("disk on fire")

    monkeypatch.setattr(writer, "span_to_source", broken)  # fails after the document row is written
    with pytest.raises(ValueError, match="disk on fire"):
        store.add(ex)
    # The failed write left nothing half-written.
    assert store.documents() == []
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM lines")).scalar() == 0
    store.close()


def test_rejections_are_recorded_once(store_target: str | Path) -> None:
    store = newstrace.open(store_target)
    rej = Rejected("bad.txt", "[E002] Input file is empty", "E002", "/x/bad.txt")
    store.add(rej)
    store.add(rej)
    assert [r.code for r in store.rejections()] == ["E002"]


def test_copies_of_the_same_text_are_recorded_as_sources(store_target: str | Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Envoy Tomas Reel said the ferry talks would resume on Monday.\n"
    (folder / "a.txt").write_text(body, "utf-8")
    (folder / "b.txt").write_text(body, "utf-8")
    store = newstrace.open(store_target)
    first = store.ingest([folder])
    assert len(first.added) == 1 and len(first.duplicates) == 1
    doc = store.documents()[0]
    assert [s["name"] for s in store.sources(doc.id)] == ["a.txt", "b.txt"]
    again = store.ingest([folder])
    assert again.added == [] and sorted(again.unchanged) == ["a.txt", "b.txt"]
    assert len(store.sources(doc.id)) == 2


def test_learned_boilerplate_persists_across_ingests(store_target: str | Path, tmp_path: Path) -> None:
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
    store = newstrace.open(store_target)
    store.ingest([tmp_path / "first"])  # two articles: not enough to learn yet
    store.ingest([tmp_path / "second"])  # with the stored two, the line is now furniture
    by_name = {d.name: d.id for d in store.documents()}
    promo_class = {
        name: next(ln["cls"] for ln in store.lines(doc) if ln["text"] == promo)
        for name, doc in by_name.items()
    }
    assert promo_class["1.txt"] == "body" and promo_class["2.txt"] == "body"
    assert promo_class["3.txt"] == "junk" and promo_class["4.txt"] == "junk"


def test_copy_of_a_rejected_text_is_rejected_too(store_target: str | Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    chrome = "Sign up for our newsletter\nShare this article\n"
    (folder / "a.txt").write_text(chrome, "utf-8")
    (folder / "b.txt").write_text(chrome, "utf-8")
    store = newstrace.open(store_target)
    report = store.ingest([folder])
    assert report.added == [] and report.unchanged == []
    assert sorted((r.name, r.code) for r in report.rejected) == [("a.txt", "E009"), ("b.txt", "E009")]
    assert len(store.rejections()) == 2


def test_reprocess_refills_new_columns_and_keeps_ids(store_target: str | Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour deal stalls\n\n"
        "Two former senior Danish officials told the Harbour Gazette on Monday that the ferry "
        "contract would be cancelled.\n\n"
        "Mayor Ilse Brandt said the city wanted the ferries to keep running until spring.\n",
        "utf-8")
    (folder / "copy.txt").write_text((folder / "a.txt").read_text("utf-8"), "utf-8")
    store = newstrace.open(store_target)
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
