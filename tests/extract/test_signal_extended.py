"""Extended signal types (issue 5) and generic group actors, on invented sentences.

The extended types (accuse, investigate, protest, sanction, coerce, retreat,
support, mobilize, cooperate) go beyond the gold vocabulary; they must fire on
acts reported as done and stay silent on intentions, descriptions and
reasons, which other types (or none) cover.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.export.gather import actor_ref
from newstrace.extract.signals.codes import codes_for
from newstrace.extract.signals.lexicon import group_noun, lexicon
from newstrace.ids import actor_id
from newstrace.nlp import ParsedDocument
from newstrace.records import EXTENDED_SIGNAL_TYPES, GOLD_SIGNAL_TYPES, SIGNAL_TYPES, Signal

MakeParsed = Callable[[str], ParsedDocument]
Run = Callable[[str], list[Signal]]


def types_of(signals: list[Signal]) -> list[tuple[str, str]]:
    return [(s.type, s.actor) for s in signals]


def test_vocabulary_is_gold_plus_extension() -> None:
    assert SIGNAL_TYPES == GOLD_SIGNAL_TYPES + EXTENDED_SIGNAL_TYPES
    assert not set(GOLD_SIGNAL_TYPES) & set(EXTENDED_SIGNAL_TYPES)
    rule_types = {r.type for r in lexicon().rules if r.type is not None}
    assert set(EXTENDED_SIGNAL_TYPES) <= rule_types  # every extended type has triggers


@pytest.mark.parametrize(
    ("text", "typ", "actor"),
    [
        ("Kaldoria accused Lusavia of shelling the border villages on Monday.", "accuse", "Kaldoria"),
        ("Lusavia condemned the blockade of the Orva river port in a statement.", "accuse", "Lusavia"),
        ("Solvenna lodged an official protest with Kaldoria over the seized barges.", "accuse",
         "Solvenna"),
        ("The Regional Water Tribunal opened an investigation into the dam collapse.", "investigate",
         "Regional Water Tribunal"),
        ("Thousands of farmers blocked roads near the Kaldorian border to protest against the levy.",
         "protest", "farmers"),
        ("Students rallied in the capital on Saturday against the new water tariffs.", "protest",
         "students"),
        ("Lusavia imposed sanctions on three Kaldorian shipping firms on Friday.", "sanction", "Lusavia"),
        ("Kaldoria expelled two Lusavian diplomats after the incident at the dam.", "sanction",
         "Kaldoria"),
        ("Kaldoria suspended all flights to Lusavia after the incident at the dam.", "sanction",
         "Kaldoria"),
        ("Police arrested forty protesters outside the water ministry in the capital.", "coerce",
         "police"),
        ("Lusavia imposed a curfew in the border town after two nights of unrest.", "coerce", "Lusavia"),
        ("Kaldoria released forty Lusavian prisoners on Tuesday after the talks.", "retreat", "Kaldoria"),
        ("The rebels surrendered to the army near the dam last week after a long siege.", "retreat",
         "rebels"),
        ("Solvenna praised the agreement on the Orva river as a model for the region.", "support",
         "Solvenna"),
        ("Kaldoria deployed three thousand troops along the Lusavian border on Sunday.", "mobilize",
         "Kaldoria"),
        ("Lusavia shared intelligence with Solvenna about the sabotage of the dam.", "cooperate",
         "Lusavia"),
    ],
)
def test_each_extended_type(run: Run, text: str, typ: str, actor: str) -> None:
    found = [s for s in run(text) if s.type == typ]
    assert len(found) == 1, types_of(run(text))
    assert found[0].actor == actor


@pytest.mark.parametrize(
    "text",
    [
        # intentions, considerations and descriptions are not the act done
        "Kaldoria agreed to release the Lusavian prisoners next month.",
        "Lusavia was considering imposing sanctions on Kaldorian shipping firms.",
        "The banned movement held a meeting in a village near the Lusavian border.",
        "The levy will only end when Lusavian forces fully withdraw from the river.",
        # a gerund giving the reason is the charge, not the act of the sentence's subject
        "The firm was fined by the tribunal for supporting the blockade of the port.",
        # "demonstrated resolve" is no demonstration; military defence is no verbal support
        "Kaldoria demonstrated its resolve in the talks with Lusavia on Monday.",
        "The Lusavian soldiers are defending their country against the invasion.",
    ],
)
def test_no_extended_signal(run: Run, text: str) -> None:
    assert not [s for s in run(text) if s.type in EXTENDED_SIGNAL_TYPES], types_of(run(text))


def test_announced_release_stays_a_concession(run: Run) -> None:
    signals = run("Ardan Morvek said Kaldoria would release forty Lusavian prisoners on Friday.")
    assert "concession" in [s.type for s in signals]
    assert "retreat" not in [s.type for s in signals]


def test_rejecting_an_accusation_is_no_accusation(run: Run) -> None:
    signals = run("The Lusavian ambassador rejected the accusation on Monday evening.")
    assert "accuse" not in [s.type for s in signals]


def test_negated_retreat_is_a_rejection(run: Run) -> None:
    signals = run("Ardan Morvek declined to resign despite weeks of protests in the capital.")
    assert ("reject", "Ardan Morvek") in types_of(signals)


def test_generic_group_actor_is_literal_and_stable(run: Run) -> None:
    a = run("Police detained two men near the dam on Friday after the explosion.")
    b = run("On Friday the police detained two men near the dam after the explosion.")
    first, second = (next(s for s in sig if s.type == "coerce") for sig in (a, b))
    assert first.actor == second.actor == "police"
    assert first.actor_kind == second.actor_kind == "government"  # exports read it from the record
    assert actor_id(first.actor) == actor_id(second.actor)


def test_armed_group_and_weapon_platform_actors(run: Run) -> None:
    assert ("military_action", "gunmen") in types_of(
        run("Gunmen killed three guards at a checkpoint near the Orva dam on Sunday."))
    signals = run("Lusavian helicopters shelled positions near the border town of Ostrel.")
    assert [s.actor for s in signals if s.type == "military_action"] == ["Lusavian helicopters"]


def test_group_nouns_have_kinds() -> None:
    police = group_noun("riot police")
    assert police is not None and police.kind == "government"
    rebels = group_noun("the rebels")
    assert rebels is not None and rebels.kind == "group"
    assert group_noun("gunmen") == group_noun("gunman")
    assert group_noun("Kaldoria") is None
    ref = actor_ref("police", police.kind)
    assert ref.kind == "government" and ref.qid is None and ref.id == actor_id("police")


def test_extended_codes() -> None:
    assert (codes_for("accuse").cameo, codes_for("accuse").plover) == ("112", "ACCUSE")
    assert codes_for("investigate").mode == "investigate"
    assert codes_for("protest").plover == "PROTEST"
    aid_cut = codes_for("sanction", ("aid",))
    assert (aid_cut.cameo, aid_cut.plover, aid_cut.mode) == ("162", "SANCTION", "discontinue")
    assert codes_for("coerce").plover == "COERCE"
    assert codes_for("retreat", ("withdrawal",)).mode == "withdraw"
    assert codes_for("support").cameo == "051"
    assert codes_for("mobilize").plover == "MOBILIZE"
    assert codes_for("cooperate").plover == "COOPERATE"
