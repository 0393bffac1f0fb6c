"""The cue lexicon is data and loads into typed lookups."""

from __future__ import annotations

from newstrace.extract.cues import cue_lexicon


def test_lexicon_has_core_verbs_and_frames() -> None:
    lex = cue_lexicon()
    tell = lex.verb("tell")
    assert tell is not None and tell.recipient and "apart" in tell.not_with
    call = lex.verb("call")
    assert call is not None and call.cue == "call for"
    assert lex.force("deny") == "denying"
    assert lex.force("confirm") == "confirming"
    think = lex.verb("think")
    assert think is not None and think.top_only  # "said she thinks": one attribution
    assert lex.verb("see") is None and "see" in lex.not_cues


def test_prepositional_and_nominal_cues() -> None:
    lex = cue_lexicon()
    assert lex.preps["according"].words == ("according", "to")
    assert lex.preps["per"].named_only
    assert lex.nouns["announcement"].cue == "announce"


def test_lexicon_is_loaded_once() -> None:
    assert cue_lexicon() is cue_lexicon()
