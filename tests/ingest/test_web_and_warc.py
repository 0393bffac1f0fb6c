"""URL and WARC inputs yield the same RawDocument | Rejected records as files do."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest import read_paths
from newstrace.ingest.fetch import Fetcher, FetchPolicy
from newstrace.ingest.warc import is_warc, read_warc
from newstrace.ingest.web import is_url, read_urls
from newstrace.records import RawDocument, Rejected

PAGE = ("<html><head><title>Port talks resume</title></head><body><article>"
        "<p>Harbor envoys said on Monday that talks would resume next week.</p></article></body></html>")
LOCAL = FetchPolicy(allow_private=True, host_delay=0)


def test_url_detection() -> None:
    assert is_url("https://example.org/a") and is_url("ftp://x/y") and is_url("file:///etc/passwd")
    assert not is_url("articles/a.html") and not is_url("C:/data/a.txt") and not is_url(Path("a"))


def test_fetched_page_is_an_html_document(site) -> None:
    site.add("/final/story.html", PAGE, content_type="text/html; charset=utf-8")
    start = site.redirect("/story", "/final/story.html")
    [doc] = list(read_urls([start], policy=LOCAL))
    assert isinstance(doc, RawDocument)
    assert doc.format == "html" and doc.text == PAGE
    assert doc.name == start and doc.source_path == start
    assert doc.url == site.url("/final/story.html")
    assert doc.extra["seen"].endswith("Z")


def test_plain_text_page_and_wrong_types(site) -> None:
    text = site.add("/a.txt", "Envoys met in the port city.\n", content_type="text/plain")
    image = site.add("/a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, content_type="image/png")
    empty = site.add("/empty", b"", content_type="text/html")
    docs = list(read_urls([text, image, empty], policy=LOCAL))
    assert isinstance(docs[0], RawDocument) and docs[0].format == "text"
    assert isinstance(docs[1], Rejected) and docs[1].code == "E086" and "image/png" in docs[1].reason
    assert isinstance(docs[2], Rejected) and docs[2].code == "E002"


def test_read_paths_mixes_files_urls_and_refusals(site, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Minister Ola Brenn said talks would resume.\n", "utf-8")
    url = site.add("/story.html", PAGE)
    closed = "http://127.0.0.1:9/x"  # nothing listens on the discard port
    items = list(read_paths([str(tmp_path / "a.txt"), url, closed], fetch=LOCAL))
    names = [i.name for i in items]
    assert names == ["a.txt", url, closed]
    assert isinstance(items[1], RawDocument) and items[1].format == "html"
    assert isinstance(items[2], Rejected) and items[2].code == "E082"
    refused = list(read_paths([url], fetch=FetchPolicy(host_delay=0)))
    assert [(r.name, r.code) for r in refused if isinstance(r, Rejected)] == [(url, "E081")]


def test_a_shared_fetcher_is_used_as_is(site) -> None:
    url = site.add("/story.html", PAGE)
    with Fetcher(LOCAL) as f:
        [doc] = list(read_paths([url], fetch=f))
    assert isinstance(doc, RawDocument)


def _record(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
            content_type: str = "text/html; charset=utf-8", rec_type: str = "response",
            date: str = "2024-03-05T08:30:00Z") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http,
                                    warc_headers_dict={"WARC-Date": date})
    writer.write_record(rec)


def _warc(path: Path, *, gz: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        _record(writer, "https://harbor.example/news/talks", PAGE.encode())
        _record(writer, "https://harbor.example/robots.txt", b"User-agent: *\n", content_type="text/plain")
        _record(writer, "https://harbor.example/moved", b"", status="301 Moved Permanently")
        _record(writer, "https://harbor.example/missing", b"<html>gone</html>", status="404 Not Found")
        _record(writer, "https://harbor.example/logo.png", b"\x89PNG", content_type="image/png")
        _record(writer, "https://harbor.example/news/empty", b"   ")
        _record(writer, "https://harbor.example/news/second", PAGE.replace("Monday", "Friday").encode(),
                date="2024-03-06T09:00:00Z")
        req = StatusAndHeaders("GET /news/talks HTTP/1.1", [("Host", "harbor.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://harbor.example/news/talks", "request",
                                                      http_headers=req))
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_takes_html_200_responses_only(tmp_path: Path, gz: bool) -> None:
    path = _warc(tmp_path / ("dump.warc.gz" if gz else "dump.warc"), gz=gz)
    assert is_warc(path)
    items = list(read_paths([str(path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.name for d in docs] == ["https://harbor.example/news/talks", "https://harbor.example/news/second"]
    assert docs[0].url == docs[0].name and docs[0].format == "html" and docs[0].text == PAGE
    assert docs[0].extra["seen"] == "2024-03-05T08:30:00Z" and docs[1].extra["seen"] == "2024-03-06T09:00:00Z"
    assert docs[0].source_path == str(path)
    [empty] = [i for i in items if isinstance(i, Rejected)]
    assert empty.name == "https://harbor.example/news/empty" and empty.code == "E002"


def test_warc_record_over_the_size_limit(tmp_path: Path) -> None:
    items = list(read_warc(_warc(tmp_path / "d.warc.gz"), max_bytes=50))
    assert all(isinstance(i, Rejected) for i in items)
    assert {i.code for i in items} == {"E006", "E002"}


def test_broken_warc_keeps_what_was_read(tmp_path: Path) -> None:
    good = _warc(tmp_path / "good.warc.gz").read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(good + gzip.compress(b"this is not a WARC record\r\n\r\n"))
    items = list(read_paths([str(bad)]))
    assert [i.name for i in items if isinstance(i, RawDocument)] == [
        "https://harbor.example/news/talks", "https://harbor.example/news/second"]
    assert items[-1].code == "E087" and "bad.warc.gz" in items[-1].reason  # type: ignore[union-attr]
    garbage = tmp_path / "junk.warc"
    garbage.write_bytes(b"\x00\x01garbage")
    [only] = list(read_paths([str(garbage)]))
    assert isinstance(only, Rejected) and only.code == "E087"
