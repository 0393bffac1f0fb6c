"""The signal components by name: ``rules``, ``trained`` and ``combined``."""

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


@dataclass(frozen=True, slots=True)
class TrainedSignals:
    """The trained signal model (``learned``); the rules run inside it as features."""

    name: str = "trained"

    def __call__(self, parsed: ParsedDocument, attributions: Sequence[Attribution]) -> list[Signal]:
        from newstrace.extract.signals import learned

        rules = list(extract_signals(parsed, attributions))
        return learned.model_signals(learned.load(), parsed, attributions, rules, self.name)


@dataclass(frozen=True, slots=True)
class CombinedSignals:
    """The trained model's signals, plus each rule signal that no trained signal of the
    same actor and type overlaps: the rules keep what they alone find (the extended
    types, the story's fixed phrases), the model adds what no word list names. The
    model keeps a predicate here at its own threshold for the union
    (``combined_threshold``), tuned on our dev annotations."""

    name: str = "combined"

    def __call__(self, parsed: ParsedDocument, attributions: Sequence[Attribution]) -> list[Signal]:
        from dataclasses import replace

        from newstrace.extract.signals import learned

        rules = list(extract_signals(parsed, attributions))
        model = learned.load()
        model = replace(model, threshold=model.combined_threshold or model.threshold)
        return learned.combine(learned.model_signals(model, parsed, attributions, rules, self.name), rules)


@signal_factory("trained")
def make_trained() -> TrainedSignals:
    return TrainedSignals()


@signal_factory("combined")
def make_combined() -> CombinedSignals:
    return CombinedSignals()
