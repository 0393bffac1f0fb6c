"""Copying a store between backends keeps every row: the copy answers queries as the original."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import newstrace
from newstrace.errors import NewstraceError
from newstrace.records import ExtractedDocument, Rejected
from newstrace.store import Store
from newstrace.store.copy import copy_store


def test_a_sqlite_store_copied_to_postgresql_reads_the_same(
    tmp_path: Path, pg_databases: object, make_extracted: Callable[..., ExtractedDocument],
    store_of: Callable[[Path, list[ExtractedDocument]], Store],
) -> None:
    docs = [make_extracted("Putin offered talks without preconditions.", name="a.txt",
                           signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)]),
            make_extracted("Zelensky rejected the plan on Monday.", name="b.txt", published=None, signals=[
                ("Zelensky rejected the plan", "Volodymyr Zelensky", "reject", "2025-02")])]
    original = store_of(tmp_path / "s.db", docs)
    original.add(Rejected("c.txt", "[E002] Input file is empty", "E002", "/in/c.txt"))
    url = pg_databases.fresh()  # type: ignore[attr-defined]
    counts = copy_store(tmp_path / "s.db", url)
    assert counts["documents"] == 2 and counts["signals"] == 2 and counts["signal_actors"] >= 2
    copy = newstrace.open(url)
    assert copy.documents() == original.documents()
    assert copy.signals() == original.signals()
    assert copy.attributions() == original.attributions()
    assert copy.rejections() == original.rejections()
    putin = [s.id for s in original.signals(actor="Putin")]
    assert putin and [s.id for s in copy.signals(actor="Vladimir Putin")] == putin
    with pytest.raises(NewstraceError, match="E073"):  # never merged into a store that holds documents
        copy_store(tmp_path / "s.db", url)
    copy.close()
    original.close()
