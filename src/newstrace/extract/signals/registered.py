"""The signal components by name (``rules`` for now; trained models register here too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.extract.components import signal_factory
from newstrace.extract.signals.rules import extract_signals
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal


@dataclass(frozen=True, slots=True)
class RuleSignals:
    """The rule-based signal extractor (lexicon triggers over the parse)."""

    name: str = "rules"

    def __call__(self, parsed: ParsedDocument, attributions: Sequence[Attribution]) -> list[Signal]:
        return list(extract_signals(parsed, attributions))


@signal_factory("rules")
def make_rules() -> RuleSignals:
    return RuleSignals()
