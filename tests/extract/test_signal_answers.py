"""Answer signals (deny, confirm, doubt) on invented sentences: what is and is not one.

A denial, confirmation or doubt answers a claim; withholding something from a
party, restating one's own stance, a negated doubt, reluctance to act and a
phrase merely mentioned are not answers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.nlp import ParsedDocument
from newstrace.records import Signal

MakeParsed = Callable[[str], ParsedDocument]
Run = Callable[[str], list[Signal]]


def types(signals: list[Signal]) -> set[str]:
    return {s.type for s in signals}


@pytest.mark.parametrize(
    "text",
    [
        # double objects, however the parser hangs them: withholding, no denial
        "Kaldorian troops pushed back the attackers and denied the Veltrian president "
        "one of his main goals.",
        "It is the same spirit that makes Arven Tolk so determined to deny John Marsh victory in Marrow.",
    ],
)
def test_withholding_is_no_denial(run: Run, text: str) -> None:
    assert "deny" not in types(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the move could let Veltria make false claims that he had fled.",
        "Arven Tolk said the agency published a list of Veltrian fake news about the dam.",
    ],
)
def test_mentioned_denial_phrase_is_no_denial(run: Run, text: str) -> None:
    # the phrase names someone's content; nobody says it of anything
    assert "deny" not in types(run(text))
    # said of something, the same phrase is a denial, however the small clause is parsed
    for said in ("Pell Varn said the ministry had called the story fake news.",
                 'Pell Varn said: "No, this is a wrong report."'):
        assert "deny" in types(run(said)), said


def test_negated_doubt_phrase_asserts(run: Run) -> None:
    assert "doubt" not in types(run('The Veltrian president added: "This is not a bluff."'))
    assert "doubt" in types(run("The Kaldorian minister said the offer was a bluff."))


@pytest.mark.parametrize(
    "text",
    [
        "\"I can't agree or disagree with what hasn't happened yet,\" Arven Tolk said.",
        "Arven Tolk did not doubt the report.",
        "Kaldoria has no doubt about the report.",
    ],
)
def test_negated_doubt_is_no_doubt(run: Run, text: str) -> None:
    assert "doubt" not in types(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Germany, which had been wary of escalating the conflict, finally agreed to send tanks.",
        "The Kaldorian government is sceptical about sending more troops.",
    ],
)
def test_reluctance_to_act_is_no_doubt(run: Run, text: str) -> None:
    assert "doubt" not in types(run(text))
    # doubt about something said, or about a prospect with its own subject, stays
    for kept in ("The Kaldorian government is sceptical about the proposal.",
                 "Arven Tolk is sceptical of a summit going ahead without Veltria.",
                 "Kaldorian officials are wary of the offer."):
        assert "doubt" in types(run(kept)), kept


def test_disagreement_with_unnamed_points_is_no_doubt(run: Run) -> None:
    assert "doubt" not in types(run("Kaldoria said there are those with which it disagrees."))
    # a pronoun set off after a clause stands for that clause: the denial stays
    text = "Kaldoria accuses Veltria of planning an attack, something Veltria has repeatedly denied."
    assert "deny" in types(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of countries confirmed their participation in the forum.",
        "Arven Tolk confirmed the need for more sanctions.",
        "The Kaldorian parliament will vote to confirm the nomination next week.",
    ],
)
def test_restated_stance_or_pending_vote_is_no_confirmation(run: Run, text: str) -> None:
    assert "confirm" not in types(run(text))
    # a refusal to confirm is an answer
    s = [x for x in run("The Kaldorian ministry would not confirm the report.") if x.type == "confirm"]
    assert len(s) == 1 and s[0].polarity == "negative"


def test_verbless_conjunct_shares_the_future(run: Run) -> None:
    # "... will be emboldened and its allies further sceptical": a forecast, no doubt yet
    text = ("If Kaldoria is seen as weak, its rivals will be further emboldened "
            "and its allies further skeptical.")
    assert "doubt" not in types(run(text))
    assert "doubt" in types(run("Kaldoria's rivals were emboldened and its allies sceptical."))
