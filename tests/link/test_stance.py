"""Claim-to-article relations on short invented claims and articles."""

from __future__ import annotations

import pytest

from newstrace.link.sentences import split_sentences
from newstrace.link.stance import StanceParams, prepare_article, relate, sentence_cues
from newstrace.link.stance_lexicon import PhraseSet, stems_of

CLAIM = "The mayor of Dunmore resigned after the bridge collapse"

AGREE = [
    "Dunmore's mayor resigned on Tuesday, days after the river bridge collapsed.",
    "The mayor announced his resignation at a press conference in the town hall.",
    "A council vote to choose a successor is set for next month.",
]
DISAGREE = [
    "Local radio stations spent the morning discussing the weekend football results.",
    "The town council met on Tuesday evening.",
    "A spokesman denied that the mayor of Dunmore had resigned, calling the story a hoax.",
    "The mayor is still in office and will attend Friday's bridge inspection.",
]
DISCUSS = [
    "Residents gathered near the river on Monday.",
    "The mayor of Dunmore has reportedly resigned after the bridge collapse, according to unnamed sources.",
    "The town hall did not return calls.",
]
UNRELATED = [
    "A new bakery opened on the high street, selling sourdough and rye.",
    "The owners said they had trained in Lyon for three years.",
]


@pytest.mark.parametrize(
    ("article", "label", "evidence"),
    [(AGREE, "agree", 0), (DISAGREE, "disagree", 2), (DISCUSS, "discuss", 1), (UNRELATED, "unrelated", None)],
)
def test_relate_labels_and_evidence(article: list[str], label: str, evidence: int | None) -> None:
    rel = relate(CLAIM, article)
    assert rel.label == label
    if evidence is not None:
        assert rel.evidence == evidence
    assert 0 <= rel.evidence < len(article)


def test_related_scores_above_unrelated() -> None:
    related = relate(CLAIM, AGREE).score
    unrelated = relate(CLAIM, UNRELATED).score
    threshold = StanceParams.from_data().threshold
    assert unrelated < threshold <= related


def test_denial_cue_is_reported() -> None:
    rel = relate(CLAIM, DISAGREE)
    assert "hoax" in rel.cues or "deny" in rel.cues
    assert rel.deny > rel.confirm


def test_denial_claim_agrees_with_denying_article() -> None:
    """A denial signal matched against an article that also denies: the two agree."""
    claim = "Officials deny that the mayor of Dunmore resigned"
    article = ["Town officials denied reports that Dunmore's mayor had resigned, calling them false."]
    assert relate(claim, article).label == "agree"


def test_prepared_article_reused_for_many_claims() -> None:
    art = prepare_article(" ".join(AGREE))
    assert len(art.sentences) == 3
    assert relate(CLAIM, art).label == "agree"
    assert relate("A bakery opened selling sourdough bread", art).label == "unrelated"


def test_empty_article_is_unrelated() -> None:
    rel = relate(CLAIM, [])
    assert (rel.label, rel.evidence) == ("unrelated", -1)


def test_cue_matching_uses_stems_and_wildcards() -> None:
    phrases = PhraseSet(["deny", "no * evidence", "not true"])
    assert phrases.find(stems_of("He denied it: there is no credible evidence, it is not true.")) == [
        "deny", "no * evidence", "not true"]
    assert sentence_cues("It isn't so.").negated


def test_sentence_splitter_keeps_abbreviations_and_quotes() -> None:
    text = 'Mr. Smith spoke in the U.S. Senate. He said "no." Then he left!\nA new line'
    assert split_sentences(text) == [
        "Mr. Smith spoke in the U.S. Senate.", 'He said "no."', "Then he left!", "A new line"]


def test_negated_claim_disagrees_with_asserting_article() -> None:
    """A claim that says something did not happen, against an article saying it did."""
    rel = relate("The mayor of Dunmore did not resign after the bridge collapse", AGREE)
    assert rel.label == "disagree"
