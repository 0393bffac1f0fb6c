"""Every input is isolated: one bad file or line becomes its own numbered rejection, nothing else is lost."""

from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

from newstrace.clean.boilerplate import Boilerplate
from newstrace.clean.html_depth import flatten_deep
from newstrace.ingest import read_paths
from newstrace.ingest import readers as readers_module
from newstrace.records import RawDocument, Rejected

GOOD = "Minister Ola Brenn said on Monday that the ferry talks would resume next week.\n"


def _items(*paths: Path, max_bytes: int | None = None) -> dict[str, RawDocument | Rejected]:
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    return {i.name: i for i in read_paths(list(paths), **kwargs)}


def _line(**fields: object) -> str:
    return json.dumps(fields)  # ASCII JSON: "\ud800" stays an escape, as a hostile producer writes it


def test_lone_surrogates_in_jsonl_text_html_and_outlet_are_replaced_not_fatal(tmp_path: Path) -> None:
    rows = [
        _line(text="Envoy \ud800 said the talks would resume.", outlet="Harbour \udfff Post"),
        _line(html="<html><body><p>Envoy \ud83d said the port would reopen on Monday.</p></body></html>"),
        _line(text=GOOD, title="Title \ud800", extra={"k\udc00": ["v\ud800"]}),
        _line(text="An emoji pair survives: \U0001f600 in the text."),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    items = _items(tmp_path / "batch.jsonl")
    assert sorted(items) == ["batch.jsonl:1", "batch.jsonl:2", "batch.jsonl:3", "batch.jsonl:4"]
    docs = [i for i in items.values() if isinstance(i, RawDocument)]
    assert len(docs) == 4
    first = items["batch.jsonl:1"]
    assert isinstance(first, RawDocument)
    assert first.text == "Envoy \ufffd said the talks would resume."
    assert first.outlet == "Harbour \ufffd Post"
    assert "2 lone surrogate" in first.extra["decoding_note"]
    third = items["batch.jsonl:3"]
    assert isinstance(third, RawDocument)
    assert third.title == "Title \ufffd" and third.extra["extra"] == {"k\ufffd": ["v\ufffd"]}
    fourth = items["batch.jsonl:4"]
    assert isinstance(fourth, RawDocument) and "\U0001f600" in fourth.text
    assert "decoding_note" not in fourth.extra
    for d in docs:  # every field now encodes, so hashing, storing and printing cannot fail
        for value in (d.text, d.name, d.outlet or "", d.title or "", json.dumps(d.extra, ensure_ascii=False)):
            value.encode("utf-8")
    # the model learned from these documents does not abort either
    Boilerplate.learn(docs)


def test_surrogates_in_the_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        _line(file="a.txt", outlet="Wire \ud800", published="2025-01-02\udc00") + "\n", "utf-8")
    doc = _items(tmp_path)["a.txt"]
    assert isinstance(doc, RawDocument)
    assert doc.outlet == "Wire \ufffd" and doc.published == "2025-01-02\ufffd"


def test_deeply_nested_json_is_rejected_per_line(tmp_path: Path) -> None:
    lines = [_line(text=GOOD), "[" * 100_000, "{\"text\": " + "[" * 50 + "]" * 50 + "}",
             _line(text=GOOD.replace("Monday", "Friday"), meta=[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]])]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    items = _items(tmp_path / "deep.jsonl")
    assert isinstance(items["deep.jsonl:1"], RawDocument)
    for n in (2, 3, 4):
        rejected = items[f"deep.jsonl:{n}"]
        assert isinstance(rejected, Rejected) and rejected.code == "E091", n


def test_deeply_nested_sidecar_line_is_a_rejection_and_the_file_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("ferry", "rail"), "utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        "[" * 100_000 + "\n{broken\n" + _line(file="b.txt", outlet="Rail Times") + "\n", "utf-8")
    items = list(read_paths([tmp_path]))
    rejected = sorted((i.name, i.code) for i in items if isinstance(i, Rejected))
    assert rejected == [("metadata.jsonl:1", "E091"), ("metadata.jsonl:2", "E007")]
    docs = {i.name: i for i in items if isinstance(i, RawDocument)}
    assert set(docs) == {"a.txt", "b.txt"} and docs["b.txt"].outlet == "Rail Times"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    text = "Minister Ola Brenn said in Zürich that talks would resume.\r\nSecond line.\r\n"
    (tmp_path / "wide.txt").write_bytes(bom + text.encode(codec))
    doc = _items(tmp_path / "wide.txt")["wide.txt"]
    assert isinstance(doc, RawDocument), doc
    assert doc.text == text.replace("\r\n", "\n")
    assert doc.extra["encoding"] in ("utf-16", "utf-32")


def test_broken_utf16_after_its_mark_is_undecodable(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(codecs.BOM_UTF16_LE + "Talks resume".encode("utf-16-le") + b"\x00\xd8")
    rejected = _items(tmp_path / "odd.txt")["odd.txt"]
    assert isinstance(rejected, Rejected) and rejected.code == "E004"


def test_a_nul_file_without_a_mark_is_still_binary(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02 binary \x00")
    rejected = _items(tmp_path / "blob.txt")["blob.txt"]
    assert isinstance(rejected, Rejected) and rejected.code == "E003"


def test_every_file_in_a_folder_is_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "noext").write_text(GOOD, "utf-8")
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html.gz").write_bytes(gzip.compress(
        b"<html><body><p>Envoy Tomas Reel said the harbour board would meet on Monday.</p></body></html>"))
    (tmp_path / "sub" / "notes.txt.bz2").write_bytes(b"BZh91AY")
    items = _items(tmp_path)
    assert isinstance(items["a.txt"], RawDocument)
    page = items["page.html.gz"]
    assert isinstance(page, RawDocument) and page.format == "html" and "harbour board" in page.text
    for name in ("noext", "page.pdf", "notes.txt.bz2"):
        rejected = items[name]
        assert isinstance(rejected, Rejected) and rejected.code == "E005", name
        assert rejected.source_path and rejected.source_path.endswith(name)
    assert len(items) == 5  # metadata sidecars aside, nothing vanished


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as gz:
        chunk = b"<p>" + b"a" * (1 << 20) + b"</p>"
        for _ in range(64):  # 64 MiB of text in well under 1 MiB on disk
            gz.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    (tmp_path / "ok.txt").write_text(GOOD, "utf-8")
    items = _items(tmp_path, max_bytes=4 * 1024 * 1024)
    rejected = items["bomb.html.gz"]
    assert isinstance(rejected, Rejected) and rejected.code == "E090"
    assert isinstance(items["ok.txt"], RawDocument)


def test_corrupt_gzip_is_undecodable(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(gzip.compress(GOOD.encode())[:-12])
    (tmp_path / "fake.txt.gz").write_bytes(b"not gzip at all")
    items = _items(tmp_path)
    assert {n: getattr(i, "code", None) for n, i in items.items()} == {"bad.txt.gz": "E004",
                                                                        "fake.txt.gz": "E004"}


def test_json_escaped_controls_meet_the_binary_test(tmp_path: Path) -> None:
    noisy = "\u001b[2J\u001b]0;owned\u0007" * 40 + "Talks resume."
    quiet = "The minister said \u001b[2J the talks would resume on Monday. " + "Talks went on. " * 10
    (tmp_path / "c.jsonl").write_text(_line(text=noisy) + "\n" + _line(text=quiet) + "\n", "utf-8")
    items = _items(tmp_path / "c.jsonl")
    loud = items["c.jsonl:1"]
    assert isinstance(loud, Rejected) and loud.code == "E003"
    kept = items["c.jsonl:2"]
    assert isinstance(kept, RawDocument) and "\u001b[2J" in kept.text  # stored as written


def test_non_string_text_field_is_a_clear_rejection(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl").write_text(_line(text={"a": 1}) + "\n" + _line(html=["x"]) + "\n", "utf-8")
    items = _items(tmp_path / "t.jsonl")
    assert [(i.name, getattr(i, "code", None)) for i in items.values()] == [
        ("t.jsonl:1", "E093"), ("t.jsonl:2", "E093")]


@pytest.mark.skipif(os.name != "posix", reason="undecodable file names are a POSIX matter")
def test_file_names_with_escapes_and_undecodable_bytes(tmp_path: Path) -> None:
    weird = os.fsdecode(b"bad\xff\x1b[2Jname.txt")
    (tmp_path / weird).write_text(GOOD, "utf-8")
    (tmp_path / os.fsdecode(b"skip\xfe.bin")).write_bytes(b"x")
    items = list(read_paths([tmp_path]))
    assert len(items) == 2
    for item in items:
        item.name.encode("utf-8")
        (item.source_path or "").encode("utf-8")
    doc = next(i for i in items if isinstance(i, RawDocument))
    assert doc.name == "bad\ufffd\x1b[2Jname.txt"  # kept as written; printers neutralise the escape
    assert next(i for i in items if isinstance(i, Rejected)).code == "E005"


def test_an_unforeseen_reader_failure_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD.replace("ferry", name[0]), "utf-8")
    real = readers_module.make_document

    def flaky(text: str, **kwargs: object) -> RawDocument:
        if kwargs.get("name") == "b.txt":
            raise MemoryError("simulated")
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readers_module, "make_document", flaky)
    items = _items(tmp_path)
    assert isinstance(items["a.txt"], RawDocument) and isinstance(items["c.txt"], RawDocument)
    rejected = items["b.txt"]
    assert isinstance(rejected, Rejected) and rejected.code == "E092" and "MemoryError" in rejected.reason


def test_html_nested_beyond_the_parser_depth_keeps_its_body() -> None:
    from newstrace.clean.html import extract_html

    body = "<p>The minister said on Monday that talks with the rebels would resume next week.</p>" * 3
    for levels in (300, 5000):
        page = "<html><body>" + "<div>" * levels + body + "</div>" * levels + "</body></html>"
        got = extract_html(page)
        assert "talks with the rebels" in got.text, levels


def test_flatten_deep_leaves_ordinary_pages_alone() -> None:
    page = "<html><body>" + "<div><p>text" * 50 + "</p></div>" * 50 + "<br/><img src=x></body></html>"
    assert flatten_deep(page) is page
    deep = "<div>" * 300 + "words" + "</div>" * 300
    flat = flatten_deep(deep, limit=100)
    assert flat.count("<div>") == 100 and flat.count("</div>") == 100 and "words" in flat


def test_the_pipeline_carries_on_past_documents_that_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing clean, a failing boilerplate observation and an E017-sized text each cost one document."""
    from newstrace import pipeline
    from newstrace.ids import doc_id

    def raw(name: str, text: str) -> RawDocument:
        return RawDocument(doc_id=doc_id(text), name=name, text=text, format="text")

    docs = [raw("a.txt", GOOD), raw("boom.txt", GOOD.replace("ferry", "boom")),
            raw("c.txt", GOOD.replace("ferry", "rail"))]
    real_observe = Boilerplate.observe

    def observe(self: Boilerplate, doc: RawDocument) -> list[tuple[str, str, str]]:
        if doc.name == "boom.txt":
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real_observe(self, doc)

    monkeypatch.setattr(Boilerplate, "observe", observe)
    model = Boilerplate.learn(docs)  # does not abort
    real_clean = pipeline.clean_document

    def clean(doc: RawDocument, **kwargs: object) -> object:
        if doc.name == "boom.txt":
            raise RecursionError("simulated")
        return real_clean(doc, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "clean_document", clean)
    out = [pipeline.prepare(d, boilerplate=model) for d in docs]
    assert [type(o).__name__ for o in out] == ["DatedDocument", "Rejected", "DatedDocument"]
    rejected = out[1]
    assert isinstance(rejected, Rejected) and rejected.code == "E010" and "RecursionError" in rejected.reason


@pytest.mark.skipif(os.name != "posix", reason="pipes and links as POSIX has them")
def test_pipes_and_dangling_links_in_a_folder_are_rejected_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = _items(tmp_path)
    assert isinstance(items["a.txt"], RawDocument)
    assert {n: i.code for n, i in items.items() if isinstance(i, Rejected)} == {"pipe.txt": "E094",
                                                                                 "gone.txt": "E094"}


def test_extract_command_writes_every_document_despite_surrogates_in_metadata(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli.app import app

    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("ferry", "rail"), "utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        _line(file="a.txt", outlet="Wire \ud800", title="\udfff") + "\n", "utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(docs) == 2
    assert "Wire \ufffd" in json.dumps(docs, ensure_ascii=False)
