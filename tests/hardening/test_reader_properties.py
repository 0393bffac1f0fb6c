"""Property-based tests: whatever bytes or JSON arrive, every reader answers with a document or a rejection.

The example counts are sized to keep the hardening suite well under two
minutes; ``bench/fuzz_readers.py`` runs the long, coverage-guided campaign.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.errors import NewstraceError
from newstrace.ingest import read_paths
from newstrace.ingest.decode import decode_input
from newstrace.records import RawDocument, Rejected

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that includes what broke readers before: surrogates, controls, quotes, RTL marks, CRLF
nasty_chars = st.sampled_from(["\ud800", "\udfff", "\x1b", "\x00", "\x07", "\r\n", "\r", "\u202e",
                               "\u200f", "\ufeff", "\"", "“", "[", "{", "<", ">", "&", "\\"])
nasty_text = st.lists(st.one_of(st.text(max_size=20), nasty_chars), max_size=30).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=20,
)


def _check(items: list[RawDocument | Rejected]) -> None:
    """What every reader owes: each item is a document or a numbered rejection, and encodes."""
    for item in items:
        assert isinstance(item, RawDocument | Rejected)
        item.name.encode("utf-8")
        if isinstance(item, Rejected):
            assert item.code.startswith("E") and item.reason.startswith(f"[{item.code}]")
            item.reason.encode("utf-8")
            continue
        item.text.encode("utf-8")
        json.dumps(item.extra, ensure_ascii=False).encode("utf-8")
        for field in (item.outlet, item.title, item.url, item.published, item.source_path):
            (field or "").encode("utf-8")


def _read(name: str, data: bytes) -> list[RawDocument | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_paths([path], max_bytes=256 * 1024))


@FAST
@given(st.binary(max_size=2048))
def test_decode_never_fails_but_with_a_numbered_error(data: bytes) -> None:
    try:
        decoded = decode_input(data)
    except NewstraceError as exc:
        assert exc.code in ("E002", "E003", "E004")
        return
    decoded.text.encode("utf-8", "surrogatepass")
    assert "\r" not in decoded.text


@FILES
@given(st.binary(max_size=2048), st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.txt.gz", "noext"]))
def test_any_bytes_in_any_file(data: bytes, name: str) -> None:
    items = _read(name, data)
    assert items
    _check(items)


@FILES
@given(nasty_text, st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252"]))
def test_any_text_in_any_encoding(text: str, codec: str) -> None:
    data = text.encode(codec, "replace") if codec != "utf-8" else text.encode("utf-8", "surrogatepass")
    _check(_read("t.txt", data))
    _check(_read("t.txt.gz", gzip.compress(data)))


@FILES
@given(st.lists(st.one_of(json_values, st.dictionaries(st.sampled_from(
    ["text", "html", "outlet", "title", "published", "url", "extra"]), json_values, max_size=6)), max_size=6))
def test_any_jsonl_lines(rows: list[Any]) -> None:
    lines = [json.dumps(r) for r in rows]  # ASCII JSON: surrogates as escapes
    items = _read("b.jsonl", ("\n".join(lines) + "\n").encode())
    _check(items)
    # one answer per line, nothing lost (an empty file is one E002)
    assert len(items) == max(1, sum(1 for line in lines if line.strip()))


@FILES
@given(st.lists(st.one_of(nasty_text, json_values.map(json.dumps)), max_size=6))
def test_any_jsonl_text_lines(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _check(_read("c.jsonl", data))


@FILES
@given(st.lists(st.one_of(json_values.map(json.dumps), nasty_text), max_size=5), json_values)
def test_any_sidecar_metadata(lines: list[str], meta: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "a.txt").write_text("Minister Ola Brenn said the talks would resume.\n", "utf-8")
        side = [*lines, json.dumps({"file": "a.txt", "outlet": meta, "extra": meta})]
        (base / "metadata.jsonl").write_bytes("\n".join(side).encode("utf-8", "surrogatepass"))
        items = list(read_paths([base]))
    _check(items)
    assert sum(isinstance(i, RawDocument) for i in items) == 1


@FAST
@given(nasty_text)
def test_date_strings(text: str) -> None:
    from newstrace.date.parse import parse_date_string, parse_in

    for parse in (parse_date_string, parse_in):
        found = parse(text)
        assert found is None or isinstance(found.value, str)


@SLOW
@given(st.lists(st.one_of(nasty_text, st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<script>", "<!--", "-->", "<![CDATA[", "<svg onload=x>",
     "<title>", "</title>", "<html>", "<body>", "&amp;", "&#xd800;", "&#0;"])), max_size=40).map("".join))
def test_any_html_page(html: str) -> None:
    from newstrace.clean.html import extract_html

    page = extract_html(html.replace("\ud800", "").replace("\udfff", ""))
    assert isinstance(page.text, str)
    page.text.encode("utf-8")
