"""The code tables agree with each other and with the PLOVER manual's categories."""

from __future__ import annotations

from newstrace.export.tables import cameo_quad_classes, older_plover_names, plover_categories, plover_contexts
from newstrace.extract.signals.codes import codes_for, signal_codes, topic_refinements
from newstrace.records import SIGNAL_TYPES, TOPICS

PLOVER_0_8 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_categories_are_the_manuals() -> None:
    assert set(plover_categories()) == PLOVER_0_8
    assert set(older_plover_names().values()) <= PLOVER_0_8


def test_every_code_has_a_category_mode_and_quad_class() -> None:
    cats = plover_categories()
    quads = cameo_quad_classes()
    for typ in SIGNAL_TYPES:
        base = codes_for(typ)
        variants = [base, *topic_refinements()[typ].values()]
        for codes in variants:
            assert codes.cameo.isdigit() and 3 <= len(codes.cameo) <= 4, (typ, codes)
            assert codes.cameo[:2] in quads
            if codes.plover is None:
                assert codes.mode is None
                continue
            assert codes.plover in cats
            assert codes.mode is None or codes.mode in cats[codes.plover].modes, (typ, codes)
    for typ, refined in topic_refinements().items():
        assert set(refined) <= set(TOPICS), typ
    assert set(plover_contexts()) <= set(TOPICS)


def test_topic_refines_code_but_not_category() -> None:
    assert signal_codes()["reject"] == ("120", "REJECT")
    talks = codes_for("reject", ("peace_plan", "negotiations"))
    assert (talks.cameo, talks.plover, talks.mode) == ("125", "REJECT", "meet")
    assert codes_for("threaten", ("attack",)).mode == "violence"
    assert codes_for("doubt").mode == "disapprove"
    assert codes_for("aid", ("ceasefire",)) == codes_for("aid")
