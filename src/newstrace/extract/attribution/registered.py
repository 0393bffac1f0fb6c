"""The attribution components by name: ``rules``, ``trained`` and ``combined``.

All three run the same attribution walk (``rules.extract_attributions``), which
turns cues into attributions with one speaker, pronoun, content and via logic:

* ``rules``: cues from the lexicon and the parse only;
* ``trained``: cues from the trained tagger only (for comparison and ablation);
* ``candidates``: the rules' cues plus every tagged cue down to a low tag
  probability, before any filtering (what the acceptance model learns from);
* ``wide``: the rules' cues plus the tagged cues of tag probability at least
  ``MIN_CONFIDENCE``: PolNeAR's wider notion of attribution (beliefs, wants and
  likes count), the best of these on PolNeAR;
* ``combined`` (the default where the models are shipped): the candidates, kept
  where the acceptance model (``acceptance.py``, learned from our annotated
  train articles to the gold README) accepts them; without that model, ``wide``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from newstrace.extract.attribution import acceptance
from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.attribution.source_profile import with_profiles
from newstrace.extract.components import attribution_factory
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution

# A tagged cue below this mean tag probability is not added (tuned on PolNeAR dev and our
# dev gold; NEWSTRACE_ATTRIBUTION_MIN_CONFIDENCE overrides it).
MIN_CONFIDENCE = float(os.environ.get("NEWSTRACE_ATTRIBUTION_MIN_CONFIDENCE", "0.7"))
# Tagged cues below this are not even candidates.
CANDIDATE_MIN_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class WalkComponent:
    """An attribution component: the attribution walk with some cue sources switched on."""

    name: str
    rules: bool
    trained: bool
    min_confidence: float = MIN_CONFIDENCE
    accept: bool = False  # filter the candidates with the shipped acceptance model

    def __call__(self, parsed: ParsedDocument) -> list[Attribution]:
        found = extract_attributions(parsed, rules=self.rules, trained=self.trained,
                                     min_confidence=self.min_confidence)
        out = list(with_profiles(parsed, found))
        if self.accept:
            model = acceptance.load()
            out = [a for a in out if model.accept(a, parsed.text)]
        return out


@attribution_factory("rules")
def make_rules() -> WalkComponent:
    return WalkComponent("rules", rules=True, trained=False)


@attribution_factory("trained")
def make_trained() -> WalkComponent:
    return WalkComponent("trained", rules=False, trained=True)


@attribution_factory("candidates")
def make_candidates() -> WalkComponent:
    return WalkComponent("candidates", rules=True, trained=True, min_confidence=CANDIDATE_MIN_CONFIDENCE)


@attribution_factory("wide")
def make_wide() -> WalkComponent:
    return WalkComponent("wide", rules=True, trained=True)


@attribution_factory("combined")
def make_combined() -> WalkComponent:
    if acceptance.available():
        return WalkComponent("combined", rules=True, trained=True,
                             min_confidence=CANDIDATE_MIN_CONFIDENCE, accept=True)
    return WalkComponent("combined", rules=True, trained=True)
