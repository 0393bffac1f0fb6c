"""``newstrace watch`` against a feed and pages served by a local server: two rounds, then a third."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.cli.watch_cmd import parse_duration
from newstrace.ingest.feeds import parse_feed
from newstrace.records import Rejected
from newstrace.watch.state import WatchState

# Articles written for this test, in the fictional world of the sample actor pack.
GUARANTEES = """<html><head><title>Morvek sets guarantees as condition for dam talks</title>
<meta property="article:published_time" content="2025-10-06"></head><body><article>
<h1>Morvek sets guarantees as condition for dam talks</h1>
<p>VESSGRAD, Oct 6 (Harbor Wire) - Kaldorian President Ardan Morvek said on Monday that Kaldoria was
ready to negotiate with Lusavia only if Lusavia first gave written guarantees on the Kessel Gorge Dam.</p>
<p>Morvek also rejected calls from Lusavia to stop work on the dam.</p>
</article></body></html>"""
DENIAL = """<html><head><title>Morvek denies shelling claims</title>
<meta property="article:published_time" content="2025-10-07"></head><body><article>
<h1>Morvek denies shelling claims</h1>
<p>TALMERE, Oct 7 (Harbor Wire) - Ardan Morvek denied that Kaldorian forces had shelled Lusavian
villages near the border.</p>
</article></body></html>"""
NO_PRECONDITIONS = """<html><head><title>Morvek ready for dam talks without preconditions</title>
<meta property="article:published_time" content="2025-10-20"></head><body><article>
<h1>Morvek ready for dam talks without preconditions</h1>
<p>VESSGRAD, Oct 20 (Harbor Wire) - Kaldorian President Ardan Morvek said on Monday that Kaldoria was
ready to negotiate with Lusavia on the Kessel Gorge Dam without preconditions.</p>
</article></body></html>"""
for _page in (GUARANTEES, DENIAL, NO_PRECONDITIONS):  # one line per paragraph
    assert "\n<p>" in _page


def _rss(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid></item>"
                      for p, t in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Wire</title>'
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>")


def test_parse_feed_rss_and_atom() -> None:
    rss = _rss("https://harbor.example", [("/a", "A"), ("/b", "B"), ("/a", "A again")])
    assert [e.link for e in parse_feed("https://harbor.example/feed", rss.encode())] == [  # type: ignore[union-attr]
        "https://harbor.example/a", "https://harbor.example/b"]
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
            '<entry><id>tag:w,2025:1</id><title>One</title><link href="/news/1"/>'
            "<updated>2025-10-06T10:00:00Z</updated></entry></feed>")
    [entry] = parse_feed("https://w.example/atom.xml", atom.encode())  # type: ignore[misc]
    assert entry.key == "tag:w,2025:1" and entry.link == "https://w.example/news/1"
    assert entry.published == "2025-10-06T10:00:00Z"
    bad = parse_feed("https://w.example/x", b"\x00\x01 not a feed")
    assert isinstance(bad, Rejected) and bad.code == "E088"


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400),
                                               ("0s", 0)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_bad_duration_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["watch", "https://x.example/feed", "--every", "soon",
                                      "--db", str(tmp_path / "w.db"), "--rounds", "1"])
    assert result.exit_code == 2 and "soon" in result.output


@pytest.fixture(autouse=True)
def _rule_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rounds' reports are checked over known signals: the rule extractor keeps them
    apart from the trained model's weights (whose own tests are in tests/extract)."""
    monkeypatch.setenv("NEWSTRACE_SIGNALS", "rules")


def test_watch_two_rounds_then_a_new_entry(site, tmp_path: Path) -> None:
    base = site.url("")
    site.add("/a.html", GUARANTEES)
    site.add("/b.html", DENIAL)
    site.add("/c.html", NO_PRECONDITIONS)
    site.add("/hook", b"ok", content_type="text/plain")
    site.add("/feed.xml", _rss(base, [("/a.html", "Guarantees"), ("/b.html", "Denial")]),
             content_type="application/rss+xml", headers={"ETag": '"v1"'})
    db, jsonl = tmp_path / "watch.db", tmp_path / "news.jsonl"
    args = ["watch", site.url("/feed.xml"), site.url("/gone.xml"), "--db", str(db), "--every", "0s",
            "--follow", "Morvek", "--jsonl", str(jsonl), "--webhook", site.url("/hook"),
            "--allow-private", "--delay", "0"]

    result = CliRunner().invoke(app, [*args, "--rounds", "2"])
    assert result.exit_code == 0, result.output
    assert "round 1: 2 new links, added 2" in result.stdout
    assert "round 2: 0 new links, added 0" in result.stdout
    assert "[E083]" in result.stderr and "gone.xml" in result.stderr  # a failing feed is reported
    # round 2 asked for the feed with its ETag, got 304 and fetched no page again
    feed_hits = site.hits("/feed.xml")
    assert len(feed_hits) == 2 and feed_hits[1].headers.get("If-None-Match") == '"v1"'
    assert len(site.hits("/a.html")) == 1 and len(site.hits("/b.html")) == 1

    records = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    first = [r for r in records if r["round"] == 1 and r["kind"] != "round"]
    kinds = sorted({(r["kind"], r.get("type")) for r in first})
    assert ("claim", "intent_to_negotiate") in kinds and ("claim", "reject") in kinds
    assert ("denial", None) in kinds
    assert all(r["actor"] == "Ardan Morvek" for r in first)
    denial = next(r for r in first if r["kind"] == "denial")
    assert "shelled Lusavian villages" in denial["text"]
    assert [r for r in records if r["round"] == 2 and r["kind"] != "round"] == []
    summaries = [r for r in records if r["kind"] == "round"]
    assert [(s["round"], s["new_links"], s["added"]) for s in summaries] == [(1, 2, 2), (2, 0, 0)]
    assert summaries[0]["feed_problems"][0]["code"] == "E083"

    [posted] = site.hits("/hook")  # only the round with news is posted
    payload = json.loads(posted.body)
    assert payload["round"] == 1 and len(payload["events"]) == len(first)

    state = WatchState.load(db.with_name("watch.db.watch.json"))
    assert state.feeds[site.url("/feed.xml")].seen == {site.url("/a.html"), site.url("/b.html")}
    assert state.feeds[site.url("/feed.xml")].etag == '"v1"'

    # the feed gains an entry: a new run fetches only that page and reports the shift it makes
    site.add("/feed.xml", _rss(base, [("/c.html", "No preconditions"), ("/a.html", "Guarantees"),
                                      ("/b.html", "Denial")]),
             content_type="application/rss+xml", headers={"ETag": '"v2"'})
    result = CliRunner().invoke(app, [*args, "--rounds", "1"])
    assert result.exit_code == 0, result.output
    assert "round 1: 1 new links, added 1" in result.stdout
    assert len(site.hits("/a.html")) == 1 and len(site.hits("/c.html")) == 1
    records = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()][len(records):]
    shifts = [r for r in records if r["kind"] == "shift"]
    assert len(shifts) == 1 and shifts[0]["actor"] == "Ardan Morvek" and shifts[0]["date"] == "2025-10-20"
    assert "guarantees" in shifts[0]["explanation"] and "without preconditions" in shifts[0]["text"]
    assert any(r["kind"] == "claim" and "without preconditions" in r["text"] for r in records)
    assert "shift   Ardan Morvek [settlement] 2025-10-20" in result.stdout
    assert len(site.hits("/hook")) == 2
