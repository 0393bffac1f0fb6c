"""The attribution components by name: ``rules``, ``trained`` and ``combined``.

All three run the same attribution walk (``rules.extract_attributions``), which
turns cues into attributions with one speaker, pronoun, content and via logic:

* ``rules``: cues from the lexicon and the parse only;
* ``trained``: cues from the trained tagger only (for comparison and ablation);
* ``combined`` (the default where the model is shipped): the rules' cues, plus
  the tagger's cues that no rule found.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.attribution.source_profile import with_profiles
from newstrace.extract.components import attribution_factory
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution

# A tagged cue below this mean tag probability is not added (tuned on PolNeAR dev and our
# dev gold; NEWSTRACE_ATTRIBUTION_MIN_CONFIDENCE overrides it).
MIN_CONFIDENCE = float(os.environ.get("NEWSTRACE_ATTRIBUTION_MIN_CONFIDENCE", "0.7"))


@dataclass(frozen=True, slots=True)
class WalkComponent:
    """An attribution component: the attribution walk with some cue sources switched on."""

    name: str
    rules: bool
    trained: bool
    min_confidence: float = MIN_CONFIDENCE

    def __call__(self, parsed: ParsedDocument) -> list[Attribution]:
        found = extract_attributions(parsed, rules=self.rules, trained=self.trained,
                                     min_confidence=self.min_confidence)
        return list(with_profiles(parsed, found))


@attribution_factory("rules")
def make_rules() -> WalkComponent:
    return WalkComponent("rules", rules=True, trained=False)


@attribution_factory("trained")
def make_trained() -> WalkComponent:
    return WalkComponent("trained", rules=False, trained=True)


@attribution_factory("combined")
def make_combined() -> WalkComponent:
    return WalkComponent("combined", rules=True, trained=True)
