"""Signal extraction: the positions, intentions and acts reported for an actor."""

from newstrace.extract.signals.rules import extract_signals

__all__ = ["extract_signals"]
