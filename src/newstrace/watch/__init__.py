"""watch: poll feeds, ingest the articles they announce, report what is new for followed actors."""

from newstrace.watch.news import Snapshot, new_events
from newstrace.watch.rounds import RoundResult, run_round
from newstrace.watch.state import WatchState

__all__ = ["RoundResult", "Snapshot", "WatchState", "new_events", "run_round"]
