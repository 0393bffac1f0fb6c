"""The cue lexicon is data and loads into typed lookups."""

from __future__ import annotations

from newstrace.extract.attribution.cues import cue_lexicon


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
    see = lex.verb("see")  # only "see X as Y"; a bare "see that" is perception, not a cue
    assert see is not None and see.particle == "as" and see.top_only and "see" in lex.not_cues


def test_frames_added_for_recall() -> None:
    lex = cue_lexicon()
    put = lex.verb("put")
    assert put is not None and put.as_only  # "as one aide put it"
    speak = lex.verb("speak")
    assert speak is not None and speak.far and "of" in speak.particles
    expect = lex.verb("expect")
    assert expect is not None and expect.passive  # "is expected to"
    assert "same" in lex.proform_objects and "show" in lex.evidence_verbs
    according = lex.preps["according"]
    assert according.any_noun and "plan" in according.not_heads


def test_prepositional_and_nominal_cues() -> None:
    lex = cue_lexicon()
    assert lex.preps["according"].words == ("according", "to")
    assert lex.preps["per"].named_only
    assert lex.nouns["announcement"].cue == "announce"


def test_lexicon_is_loaded_once() -> None:
    assert cue_lexicon() is cue_lexicon()
