"""Conditions of signals on invented sentences: each cue form, states, details, offsets."""

from __future__ import annotations

from collections.abc import Callable

from newstrace.extract.signals.conditions import condition_table
from newstrace.extract.signals.rules import extract_signals
from newstrace.nlp import ParsedDocument
from newstrace.records import TOPICS, Signal

MakeParsed = Callable[[str], ParsedDocument]


def signals(make_parsed: MakeParsed, text: str) -> list[Signal]:
    return list(extract_signals(make_parsed(text), ()))


def one(found: list[Signal], typ: str) -> Signal:
    hits = [s for s in found if s.type == typ]
    assert len(hits) == 1, [(s.actor, s.type) for s in found]
    return hits[0]


def triples(s: Signal) -> list[tuple[str, str, str]]:
    return [(c.topic, c.detail, c.state) for c in s.conditions]


def check_offsets(text: str, s: Signal) -> None:
    for c in s.conditions:
        assert text[c.start : c.end] == c.detail


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


# ------------------------------------------------------------------ condition clauses


def test_only_if_clause_requires_what_it_names(make_parsed: MakeParsed) -> None:
    text = "Russia would enter talks only if Ukraine withdraws its troops from the Kherson region."
    s = one(signals(make_parsed, text), "intent_to_negotiate")
    assert triples(s) == [
        ("withdrawal", "withdraws its troops from the Kherson region", "required"),
        ("territory", "the Kherson region", "required"),
    ]
    assert (s.conditions[1].start, s.conditions[1].end) == at(text, "the Kherson region")
    check_offsets(text, s)


def test_provided_that_clause(make_parsed: MakeParsed) -> None:
    text = "Russia is ready to sign a truce, provided that Ukraine accepts neutral status."
    found = signals(make_parsed, text)
    s = one(found, "agree")
    assert triples(s) == [("nato", "neutral status", "required")]
    assert (s.conditions[0].start, s.conditions[0].end) == at(text, "neutral status")
    # what the condition clause says is no signal of its own
    assert all(x.actor == "Russia" for x in found)


def test_renouncing_inside_a_condition_excludes(make_parsed: MakeParsed) -> None:
    text = "Russia is ready to sign a truce, provided that Ukraine renounces NATO membership."
    s = one(signals(make_parsed, text), "agree")
    assert triples(s) == [("nato", "NATO membership", "excluded")]
    check_offsets(text, s)


def test_on_condition_that_clause(make_parsed: MakeParsed) -> None:
    text = "Russia would agree to a ceasefire on condition that the front lines are frozen."
    s = one(signals(make_parsed, text), "agree")
    assert triples(s) == [("territory", "the front lines", "required")]
    assert (s.conditions[0].start, s.conditions[0].end) == at(text, "the front lines")


def test_in_exchange_for_phrase(make_parsed: MakeParsed) -> None:
    text = "Ukraine offered a ceasefire in exchange for security guarantees from the United States."
    s = one(signals(make_parsed, text), "propose")
    assert triples(s) == [
        ("guarantees", "security guarantees from the United States", "required"),
    ]
    check_offsets(text, s)


def test_without_preconditions_is_a_none_condition(make_parsed: MakeParsed) -> None:
    text = "Vladimir Putin said he was willing to negotiate without preconditions."
    s = one(signals(make_parsed, text), "intent_to_negotiate")
    assert triples(s) == [("negotiations", "without preconditions", "none")]
    assert (s.conditions[0].start, s.conditions[0].end) == at(text, "without preconditions")


def test_without_on_a_negated_signal_requires(make_parsed: MakeParsed) -> None:
    # a refusal tied to a requirement is the demand of that requirement, as for talks
    text = "Russia will not agree to a ceasefire without security guarantees."
    found = signals(make_parsed, text)
    s = one(found, "demand")
    assert s.polarity == "positive"
    assert triples(s) == [("guarantees", "security guarantees", "required")]
    assert [x.type for x in found] == ["demand"]


def test_unless_on_a_positive_signal_excludes(make_parsed: MakeParsed) -> None:
    text = "Russia is ready to negotiate unless Ukraine joins NATO."
    s = one(signals(make_parsed, text), "intent_to_negotiate")
    assert triples(s) == [("nato", "joins NATO", "excluded")]
    check_offsets(text, s)


def test_unless_on_a_negated_signal_requires(make_parsed: MakeParsed) -> None:
    text = "Russia will not negotiate unless Ukraine withdraws from the Donbas."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [
        ("withdrawal", "withdraws from the Donbas", "required"),
        ("territory", "the Donbas", "required"),
    ]


def test_condition_of_a_reported_clause(make_parsed: MakeParsed) -> None:
    text = "Dmitry Peskov said that Russia would enter talks only if Ukraine accepted neutral status."
    s = one(signals(make_parsed, text), "intent_to_negotiate")
    assert triples(s) == [("nato", "neutral status", "required")]
    assert (s.conditions[0].start, s.conditions[0].end) == at(text, "neutral status")


def test_condition_clause_of_another_clause_is_not_taken(make_parsed: MakeParsed) -> None:
    text = ("Russia rejected the plan because it would be hard to halt the war without "
            "security guarantees.")
    s = one(signals(make_parsed, text), "reject")
    assert s.conditions == ()


# ------------------------------------------------------------------ the signal's own content


def test_not_one_metre_is_excluded_territory(make_parsed: MakeParsed) -> None:
    text = "Vladimir Putin is not willing to retreat 1 metre."
    s = one(signals(make_parsed, text), "reject")
    assert triples(s) == [
        ("withdrawal", "retreat 1 metre", "excluded"),
        ("territory", "1 metre", "excluded"),
    ]
    assert (s.conditions[1].start, s.conditions[1].end) == at(text, "1 metre")


def test_stop_at_the_current_lines(make_parsed: MakeParsed) -> None:
    text = "Vladimir Putin is willing to stop at the current front lines."
    s = one(signals(make_parsed, text), "intent_to_negotiate")
    assert triples(s) == [("territory", "the current front lines", "required")]


def test_demand_content_is_required(make_parsed: MakeParsed) -> None:
    text = "Russia demanded the withdrawal of Ukrainian troops from the Donbas."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [
        ("withdrawal", "the withdrawal of Ukrainian troops from the Donbas", "required"),
        ("territory", "the Donbas", "required"),
    ]
    check_offsets(text, s)


def test_demand_to_block_membership_excludes_it(make_parsed: MakeParsed) -> None:
    text = "Russia demanded guarantees that would block Ukraine from ever joining NATO."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [
        ("guarantees", "guarantees", "required"),
        ("nato", "joining NATO", "excluded"),
    ]


def test_abandoning_a_bid_excludes_it(make_parsed: MakeParsed) -> None:
    text = "Russia insisted that Ukraine abandon its bid to join NATO."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [("nato", "join NATO", "excluded")]


def test_negated_demand_sets_no_condition(make_parsed: MakeParsed) -> None:
    s = one(signals(make_parsed, "Germany is not demanding the return of Crimea."), "demand")
    assert s.polarity == "negative"
    assert s.conditions == ()


def test_relative_clause_aside_is_not_a_condition(make_parsed: MakeParsed) -> None:
    text = "Russia wants Ukraine to recognise Crimea, which Moscow annexed in 2014."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [("territory", "Crimea", "required")]


def test_alliance_as_provider_is_not_a_condition(make_parsed: MakeParsed) -> None:
    text = "Ukraine demanded security guarantees from NATO members."
    s = one(signals(make_parsed, text), "demand")
    assert [c.topic for c in s.conditions] == ["guarantees"]


def test_alliance_as_organiser_is_not_a_condition(make_parsed: MakeParsed) -> None:
    text = "Ukraine demanded more weapons at the NATO summit in Vilnius."
    s = one(signals(make_parsed, text), "demand")
    assert "nato" not in [c.topic for c in s.conditions]


def test_rejection_of_territorial_concessions(make_parsed: MakeParsed) -> None:
    text = "Ukraine would refuse to make territorial concessions."
    s = one(signals(make_parsed, text), "reject")
    assert triples(s) == [("territory", "territorial concessions", "excluded")]


# ------------------------------------------------------------------ data


def test_condition_table_topics_are_gold_topics() -> None:
    table = condition_table()
    assert {d.topic for d in table.details} <= set(TOPICS)
    assert table.none_topic in TOPICS
    assert any(c.state == "none" for c in table.cues)



# ------------------------------------------------------------------ refused or hard acts


def test_hard_to_accept_unless_gives_up_names_what_is_excluded(make_parsed: MakeParsed) -> None:
    text = "Moscow would find it hard to accept a ceasefire unless Ukraine renounces NATO membership."
    found = signals(make_parsed, text)
    s = one(found, "demand")
    assert s.actor == "Russia"
    assert triples(s) == [("nato", "NATO membership", "excluded")]
    assert text[s.start : s.end].endswith("NATO membership")
    check_offsets(text, s)


def test_refused_act_is_not_itself_required(make_parsed: MakeParsed) -> None:
    # what is refused ("freeze the front lines") is no requirement; the guarantees are
    text = "Ukraine will never agree to freeze the front lines without guarantees."
    s = one(signals(make_parsed, text), "demand")
    assert triples(s) == [("guarantees", "guarantees", "required")]


def test_only_with_is_a_requirement(make_parsed: MakeParsed) -> None:
    text = "Russia would accept a truce only with the current front lines frozen."
    found = signals(make_parsed, text)
    assert triples(one(found, "demand")) == [("territory", "the current front lines", "required")]
    assert one(found, "agree").actor == "Russia"


def test_temporal_clause_of_an_agreement_is_no_demand(make_parsed: MakeParsed) -> None:
    for text in ("Russia agreed to a truce while the grain ships move.",
                 "Kyiv will not stop the war until it wins."):
        assert not [s for s in signals(make_parsed, text) if s.type == "demand"], text
