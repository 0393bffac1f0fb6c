"""Copy groups in the store: rebuilt after ingest, exact inputs included, shown per document."""

from __future__ import annotations

import shutil
from pathlib import Path

import newstrace

FIXTURES = Path(__file__).resolve().parents[1] / "link" / "fixtures" / "copies"


def test_ingest_groups_copies_and_names_the_original(store_target: str | Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("original.txt", "near.txt", "syndicated.txt", "unrelated.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "original.txt", folder / "original_again.txt")  # the same bytes twice
    store = newstrace.open(store_target)
    store.ingest([folder])
    groups = store.copies()
    assert len(groups) == 1
    g = groups[0]
    names = {m["name"]: m for m in g.members}
    assert {"original.txt", "original_again.txt", "near.txt", "syndicated.txt"} <= set(names)
    assert "unrelated.txt" not in names
    kinds = [m["kind"] for m in g.members]
    assert kinds[0] == "original" and kinds.count("original") == 1
    assert set(kinds[1:]) <= {"exact", "near", "syndicated"}
    # undated copies: the original is the lowest document ID (a deterministic rule)
    assert g.original == min(m["doc_id"] for m in g.members)
    again = names["original_again.txt"]
    assert again["kind"] == "exact" and again["doc_id"] == names["original.txt"]["doc_id"]
    docs = {d.name: d for d in store.documents()}
    assert docs["unrelated.txt"].copy_group is None
    assert docs["near.txt"].copy_group == g.id and docs["near.txt"].copy_original == g.original
    # a rebuild (another ingest, nothing new) keeps the same group ID
    store.ingest([folder])
    assert [x.id for x in store.copies()] == [g.id]


def test_spun_copy_is_confirmed_by_sentence_alignment(store_target: str | Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("original.txt", "paraphrase.txt", "unrelated.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    store = newstrace.open(store_target)
    store.ingest([folder])
    groups = store.copies()
    assert len(groups) == 1
    kinds = {m["name"]: m["kind"] for m in groups[0].members}
    assert kinds == {"original.txt": "original", "paraphrase.txt": "paraphrase"}
