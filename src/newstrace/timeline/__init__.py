"""timeline (over the store): an actor's signals in event-date order, with their sources."""

from newstrace.timeline.build import TimelineEntry, build_timeline

__all__ = ["TimelineEntry", "build_timeline"]
