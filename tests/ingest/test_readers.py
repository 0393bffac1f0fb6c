import json
from pathlib import Path

from newstrace.ingest import read_paths
from newstrace.records import RawDocument, Rejected


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_folder_with_sidecar_metadata(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Minister Ola Brenn said talks would resume.\n")
    _write(tmp_path / "b.html", "<html><body><p>Envoy visits capital.</p></body></html>")
    _write(tmp_path / "metadata.jsonl", json.dumps(
        {"file": "a.txt", "published": "2025-02-03", "outlet": "Harbor Post", "seen": "x"}) + "\n")
    items = list(read_paths([tmp_path]))
    docs = {d.name: d for d in items if isinstance(d, RawDocument)}
    assert set(docs) == {"a.txt", "b.html"}
    assert docs["a.txt"].published == "2025-02-03"
    assert docs["a.txt"].outlet == "Harbor Post"
    assert docs["a.txt"].extra == {"seen": "x"}
    assert docs["b.html"].format == "html"
    assert docs["a.txt"].format == "text"


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First story body.", "url": "https://example.org/1", "title": "One"}),
        "{not json",
        json.dumps({"url": "https://example.org/3"}),
        json.dumps({"html": "<p>Second story.</p>", "outlet": "Wire"}),
    ]
    _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_paths([tmp_path / "batch.jsonl"]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [d.title for d in docs] == ["One", None]
    assert docs[1].format == "html"
    assert sorted(r.code for r in rejected) == ["E007", "E008"]


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    _write(tmp_path / "empty.txt", "   \n")
    _write(tmp_path / "binary.txt", b"\x00\x01\x02binary")
    _write(tmp_path / "latin1.txt", "Caf\u00e9 talks in Z\u00fcrich resumed.".encode("latin-1"))
    _write(tmp_path / "big.txt", "x" * 2000)
    items = list(read_paths([tmp_path / "*.txt", tmp_path / "missing.txt"], max_bytes=1000))
    by_name = {i.name: i for i in items}
    assert isinstance(by_name["empty.txt"], Rejected) and by_name["empty.txt"].code == "E002"
    assert isinstance(by_name["binary.txt"], Rejected) and by_name["binary.txt"].code == "E003"
    assert isinstance(by_name["big.txt"], Rejected) and by_name["big.txt"].code == "E006"
    latin = by_name["latin1.txt"]
    assert isinstance(latin, RawDocument) and "Zürich" in latin.text
    missing = [i for i in items if isinstance(i, Rejected) and i.code == "E001"]
    assert len(missing) == 1


def test_same_content_same_id(tmp_path: Path) -> None:
    _write(tmp_path / "one.txt", "Same words.\r\n")
    _write(tmp_path / "two.txt", "Same words.\n")
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, RawDocument)]
    assert docs[0].doc_id == docs[1].doc_id


def test_mixed_encodings_are_decoded_line_by_line(tmp_path: Path) -> None:
    data = (
        "Minister Ola Brenn said the “talks” would resume in Zürich.\n".encode()
        + "Le ministre a parlé du café de la gare.\n".encode("cp1252")
        + "Officials said the port would reopen — eventually.\n".encode()
    )
    _write(tmp_path / "mixed.txt", data)
    (doc,) = list(read_paths([tmp_path / "mixed.txt"]))
    assert isinstance(doc, RawDocument)
    assert "“talks”" in doc.text and "Zürich" in doc.text and "— eventually" in doc.text
    assert "parlé du café" in doc.text
    assert "mixed encodings" in doc.extra["decoding_note"]
