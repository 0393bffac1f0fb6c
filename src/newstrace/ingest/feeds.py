"""RSS and Atom feeds: the article links a feed announces (feedparser reads every dialect)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from newstrace.errors import Errors
from newstrace.records import Rejected


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One announced article. ``key`` identifies it across rounds (the entry's id, else its link)."""

    key: str
    link: str
    title: str | None = None
    published: str | None = None


def parse_feed(url: str, content: bytes) -> list[FeedEntry] | Rejected:
    """The entries of a feed document, in feed order; E088 when it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.entries and not parsed.feed:
        detail = str(parsed.get("bozo_exception") or "not RSS or Atom")
        return Rejected(url, Errors.E088.format_msg(url=url, detail=detail), "E088", url)
    out: list[FeedEntry] = []
    keys: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(url, str(link))
        key = str(entry.get("id") or link)
        if key in keys:
            continue
        keys.add(key)
        title = entry.get("title")
        published = entry.get("published") or entry.get("updated")
        out.append(FeedEntry(key, link, str(title) if title else None, str(published) if published else None))
    return out
