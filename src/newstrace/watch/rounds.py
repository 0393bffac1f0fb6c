"""One watch round: poll each feed (conditional GET), ingest the new links, collect the news.

Entries are remembered once handled, so the next round fetches nothing it has
already fetched; a link whose fetch failed for a passing reason (network error,
timeout: E082) or a server error (HTTP 5xx) is left unseen, and its feed's
validators are not kept, so the next round reads the feed in full and tries the
link again. A feed that fails is reported and the other feeds go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newstrace.ingest.feeds import parse_feed
from newstrace.records import Rejected
from newstrace.watch.news import Snapshot, new_events

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace
    from newstrace.ingest.fetch import Fetcher
    from newstrace.store.rows import IngestReport
    from newstrace.watch.state import WatchState


@dataclass
class RoundResult:
    number: int
    links: list[str] = field(default_factory=list)  # new links fetched this round
    report: IngestReport | None = None
    problems: list[Rejected] = field(default_factory=list)  # feeds that failed
    events: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        rep = self.report
        return {"kind": "round", "round": self.number, "new_links": len(self.links),
                "added": len(rep.added) if rep else 0, "unchanged": len(rep.unchanged) if rep else 0,
                "rejected": [r.to_dict() for r in rep.rejected] if rep else [],
                "feed_problems": [{"url": p.name, "code": p.code, "reason": p.reason} for p in self.problems],
                "events": len(self.events)}


def _retry_later(code: str, reason: str) -> bool:
    return code == "E082" or (code == "E083" and " HTTP 5" in reason)


def run_round(
    number: int, store: Workspace, feeds: list[str], state: WatchState, fetcher: Fetcher, *,
    follow: list[str], model: str | None = None,
) -> RoundResult:
    result = RoundResult(number)
    fresh: dict[str, tuple[str, str]] = {}  # link -> (feed, entry key)
    for feed in feeds:
        fs = state.feed(feed)
        got = fetcher.fetch(feed, etag=fs.etag, last_modified=fs.last_modified)
        if isinstance(got, Rejected):
            result.problems.append(got)
            continue
        if got.not_modified:
            continue
        entries = parse_feed(feed, got.content)
        if isinstance(entries, Rejected):
            result.problems.append(entries)
            continue
        fs.etag, fs.last_modified = got.etag, got.last_modified
        for e in entries:
            if e.key not in fs.seen and e.link not in fresh:
                fresh[e.link] = (feed, e.key)
    result.links = list(fresh)
    if result.links:
        before = Snapshot.read(store, follow)
        result.report = store.ingest(result.links, model=model, fetch=fetcher)
        retry = {r.name for r in result.report.rejected if _retry_later(r.code, r.reason)}
        for link, (feed, key) in fresh.items():
            fs = state.feed(feed)
            if link in retry:  # read the whole feed next round, so the link comes up again
                fs.etag = fs.last_modified = None
            else:
                fs.seen.add(key)
        if result.report.added:
            result.events = new_events(before, Snapshot.read(store, follow))
    state.save()
    return result
