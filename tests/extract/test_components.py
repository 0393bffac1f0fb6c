"""Extractor components by name, the trained tagger's decoding, and the shipped model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.errors import NewstraceError
from newstrace.extract.attribution import tagger
from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.attribution.trained import model_available
from newstrace.extract.components import (
    attribution_component,
    attribution_names,
    signal_component,
    signal_names,
)
from newstrace.nlp import ParsedDocument, load_model


def test_registry_names_the_builtin_components() -> None:
    assert {"rules", "trained", "combined"} <= set(attribution_names())
    assert "rules" in signal_names()
    assert attribution_component("rules").name == "rules"
    assert signal_component("rules").name == "rules"


def test_unknown_component_is_a_numbered_error() -> None:
    with pytest.raises(NewstraceError) as err:
        attribution_component("crf")
    assert err.value.code == "E041"
    assert "combined" in str(err.value)


def test_bio_decoding_starts_a_span_at_every_role_change() -> None:
    tags = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CONTENT", "I-CONTENT", "O", "I-CUE"]
    assert list(tagger.decode(tags)) == [(1, 3, "SOURCE"), (3, 4, "CUE"), (4, 6, "CONTENT"),
                                         (7, 8, "CUE")]


def test_repair_never_continues_a_role_that_did_not_begin() -> None:
    tags = ["O", "I-CONTENT", "I-CONTENT", "B-CUE", "I-SOURCE", "I-SOURCE"]
    assert tagger.repair(tags) == ["O", "B-CONTENT", "I-CONTENT", "B-CUE", "B-SOURCE", "I-SOURCE"]
    assert tagger.repair(["I-CUE"]) == ["B-CUE"]


needs_model = pytest.mark.skipif(not model_available(), reason="the trained model is not shipped")


@needs_model
def test_shipped_tagger_loads_offline_and_marks_roles() -> None:
    nlp = load_model(tagger=True)
    assert nlp.pipe_names[-1] == tagger.FACTORY
    doc = nlp("Officials in Sarvania insisted on Monday that the border talks would resume, "
              "a spokeswoman told reporters.")
    roles = {s.label_ for s in doc.spans[tagger.SPANS_KEY]}
    assert {"CUE", "SOURCE"} <= roles
    conf = doc.spans[tagger.SPANS_KEY].attrs["confidence"]
    assert len(conf) == len(doc.spans[tagger.SPANS_KEY]) and all(0.0 < c <= 1.0 for c in conf)


@needs_model
def test_combined_adds_tagged_cues_the_rules_miss(make_parsed: Callable[[str], ParsedDocument]) -> None:
    # "reminded … of" and "dubbed" are in no cue list and frame no clause: the rules pass them by
    text = ("Trade minister Oren Dahl reminded his counterparts of the 2019 accord.\n"
            "Opposition groups have dubbed the accord a surrender.")
    parsed = make_parsed(text)
    assert list(extract_attributions(parsed, trained=False)) == []
    added = list(extract_attributions(parsed, trained=True))
    assert added, "the tagger found neither unlisted cue"
    for a in added:
        assert a.component == "trained" and 0.0 < a.confidence <= 1.0
        assert a.speaker in ("Trade minister Oren Dahl", "Opposition groups")
        assert a.speaker is not None and a.speaker in text[a.start : a.end]
        assert a.content_start is not None and a.content_end is not None
        assert "accord" in text[a.content_start : a.content_end]


@needs_model
def test_combined_component_records_say_who_made_them(
        make_parsed: Callable[[str], ParsedDocument]) -> None:
    text = "The ministry said the convoy had crossed into Dravia. Officials there denied it."
    found = attribution_component("combined")(make_parsed(text))
    assert found and {a.component for a in found} <= {"rules", "trained"}
