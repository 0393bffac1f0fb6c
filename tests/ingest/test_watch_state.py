"""The watch state file, and which failed links a round tries again."""

from __future__ import annotations

from pathlib import Path

import newstrace
from newstrace.ingest.fetch import Fetcher, FetchPolicy
from newstrace.watch import WatchState, run_round


def test_state_round_trip_and_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    state = WatchState.load(path)
    assert state.feeds == {}
    fs = state.feed("https://a.example/feed")
    fs.etag, fs.seen = '"x"', {"k1", "k2"}
    state.save()
    again = WatchState.load(path)
    assert again.feeds["https://a.example/feed"].seen == {"k1", "k2"}
    assert again.feeds["https://a.example/feed"].etag == '"x"'
    assert not path.with_name("w.json.tmp").exists()
    path.write_text("{not json", "utf-8")
    assert WatchState.load(path).feeds == {}


def _rss(links: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'


def test_passing_failures_are_retried_lasting_ones_are_not(site, tmp_path: Path) -> None:
    busy, missing, private = site.url("/busy"), site.url("/missing"), "http://10.0.0.1/story"
    site.add("/busy", b"try later", status=503, content_type="text/plain")
    feed = site.add("/feed.xml", _rss([busy, missing, private]), content_type="application/rss+xml",
                    headers={"ETag": '"f1"'})
    state = WatchState.load(tmp_path / "s.json")
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), host_delay=0)
    with newstrace.open(tmp_path / "w.db") as store, Fetcher(policy) as fetcher:
        first = run_round(1, store, [feed], state, fetcher, follow=[])
        assert sorted(r.code for r in first.report.rejected) == ["E081", "E083", "E083"]  # type: ignore[union-attr]
        assert state.feeds[feed].seen == {missing, private}
        assert state.feeds[feed].etag is None  # the busy link must come up again
        second = run_round(2, store, [feed], state, fetcher, follow=[])
    assert second.links == [busy]
    assert site.hits("/feed.xml")[1].headers.get("If-None-Match") is None
    assert len(site.hits("/missing")) == 1 and len(site.hits("/busy")) == 2
