"""Our annotations as tagger examples: source and cue tagged, unannotated context left missing."""

from __future__ import annotations

from newstrace.nlp import load_model
from newstrace.train.own_examples import own_tags

TEXT = ("Markets in Aubel were calm on Monday. Prices barely moved.\n"
        "The minister said the quota would go. Traders cheered.\n"
        "Later that week the harbour reopened. Ships queued outside. Fog lifted by noon.")


def test_own_tags_mark_source_and_cue_and_leave_context_missing() -> None:
    doc = load_model(tagger=False)(TEXT)
    ev = TEXT.index("The minister said")
    atts = [{"evidence_span": [ev, ev + len("The minister said")],
             "speaker_span": [ev, ev + len("The minister")]}]
    tags = own_tags(doc, atts, TEXT)
    by_word = {t.text: tags[t.i] for t in doc}
    assert by_word["minister"] == "I-SOURCE" and by_word["said"] == "B-CUE"
    assert by_word["quota"] == ""  # may be content: not annotated, so missing
    assert by_word["Traders"] == ""  # a sentence next to the cue's: missing too
    assert by_word["Fog"] == "O"  # far from any annotated attribution
