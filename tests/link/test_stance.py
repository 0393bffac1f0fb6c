"""Claim-to-article relations on short invented claims and articles."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.link.sentences import split_sentences
from newstrace.link.stance import (
    StanceParams,
    claim_negated,
    default_params,
    prepare_article,
    profile_params,
    refutation,
    relate,
    sentence_cues,
)
from newstrace.link.stance_lexicon import PhraseSet, stem, stems_of

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


def test_stemmer_joins_silent_e_forms() -> None:
    assert stem("dispute") == stem("disputed") == stem("disputing")
    assert stem("fake") == stem("faked")
    assert stem("denied") == stem("denies") == stem("deny")


def test_phrase_spans_give_every_match_with_its_start() -> None:
    spans = PhraseSet(["hoax", "not true"]).spans(stems_of("A hoax, not true, another hoax"))
    assert spans == [("hoax", 1), ("not true", 2), ("hoax", 5)]


def test_negated_denial_confirms_and_negated_confirmation_hedges() -> None:
    cues = sentence_cues("The lake monster photo is not a hoax, the ranger said.")
    assert not cues.cues["denying"] and "hoax" in cues.cues["confirming"]
    assert cues.denial_negated
    unconfirmed = sentence_cues("The transfer has not been confirmed by the club.")
    assert not unconfirmed.cues["confirming"] and unconfirmed.cues["hedged"]


def test_doubted_denial_only_hedges() -> None:
    for text in ("Is the lake monster photo a hoax?", "Some say the lake monster photo could be a fake."):
        cues = sentence_cues(text)
        assert not cues.cues["denying"] and cues.cues["hedged"], text


def test_claim_with_negated_denial_is_not_a_denial() -> None:
    """'The photo is not fake' affirms the photo: an article calling it a hoax disagrees."""
    claim = "The photo of the lake monster in Loch Carran is not fake"
    article = ["The photo of the lake monster at Loch Carran is a hoax, the ranger said.",
               "It was made with editing software."]
    assert relate(claim, article).label == "disagree"
    assert relate("The photo of the lake monster in Loch Carran is fake", article).label == "agree"


def test_debunk_in_the_opening_counts_without_the_claims_words() -> None:
    claim = "A fisherman in Brackwell caught a catfish the size of a car"
    article = ["A fisherman in Brackwell says he caught a catfish the size of a car.",
               "The whole thing was made up for a television advert.",
               "The angling club said the photo shows a model built by a prop maker."]
    rel = relate(claim, article)
    assert rel.label == "disagree"
    assert rel.evidence == 1


def test_refutation_axis_separates_invented_sentences() -> None:
    from newstrace.nlp.embeddings import embed

    refuting, reporting = refutation(embed([
        "The rumour about the stadium sale is false and the club never agreed to it.",
        "The club agreed to sell the stadium on Monday, its chairman said.",
    ]))
    assert refuting > 0 > reporting
    # vectors of another size (a test double, another model) give no prototype reading
    assert not refutation(np.ones((2, 8), dtype=np.float32)).any()


def test_article_that_keeps_calling_it_false_is_a_debunk() -> None:
    """Denials far from the claim's words still count when the article repeats them."""
    claim = "A tiger escaped from Harlow zoo and was seen in the town centre"
    article = ["Harlow zoo said on Friday that all of its tigers are in their enclosures.",
               "Keepers counted the animals twice during the morning.",
               "Visitors queued at the gates as usual.",
               "A post shared thousands of times showed a big cat near the market square.",
               "The picture is fake, the council said.",
               "It was a hoax started by a prank account.",
               "The same photo was used in a satire piece two years ago.",
               "Another post with a doctored street sign was also false."]
    rel = relate(claim, article)
    assert rel.label == "disagree"
    assert rel.deny >= StanceParams.from_data().deny_count_mass


def test_note_is_not_a_negation() -> None:
    # "note" stems to "not"; negations are matched on words, not stems
    assert not sentence_cues("She left a long note for her parents.").negated
    assert sentence_cues("She did not leave a note.").negated
    assert sentence_cues("She didn't leave a note.").negated


def test_claim_negation_counts_only_in_the_opening_clause() -> None:
    assert claim_negated("The mayor of Dunmore did not resign")
    assert claim_negated("No, the mayor of Dunmore has not resigned")
    assert not claim_negated("The mayor adopted a dog so it won't be put down")
    assert not claim_negated("Town buys a tool that nobody uses")
    # a claim negated only in a subordinate clause states something: a plain report agrees
    rel = relate("The mayor of Dunmore resigned so that he would not face a vote", AGREE)
    assert rel.label == "agree"


def test_party_denial_counts_only_when_it_restates_the_claim() -> None:
    params = StanceParams.from_data()
    close = ["A spokesman denied that the mayor of Dunmore had resigned after the bridge collapse."]
    # a denial of something else the story reports (less similar than dispute_min_cosine)
    far = [*AGREE, "Dunmore council denied that the bridge had been closed before the collapse."]
    assert relate(CLAIM, close, params=params).label == "disagree"
    assert relate(CLAIM, far, params=params).label == "agree"
    assert relate(CLAIM, far, params=params).deny == 0.0
    assert relate(CLAIM, far, params=params.with_(dispute_min_cosine=0.0)).deny > 0.0


def test_answer_profile_reads_one_sentence_with_a_lower_bar() -> None:
    answer = profile_params("answer")
    assert answer.threshold < default_params().threshold
    assert answer.dispute_min_cosine == 0.0
    assert answer.cues == default_params().cues  # only the profile's values change
    with pytest.raises(KeyError):
        profile_params("no such profile")
