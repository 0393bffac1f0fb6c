"""Signal extraction on invented sentences: types, polarity, scope, sources, times."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from newstrace.extract.signals.codes import signal_codes
from newstrace.extract.signals.rules import extract_signals
from newstrace.nlp import ParsedDocument
from newstrace.records import (
    SIGNAL_TYPES,
    Attribution,
    PublishedDate,
    Signal,
    TimeExpression,
)

MakeParsed = Callable[[str], ParsedDocument]
Run = Callable[..., list[Signal]]


def one(signals: list[Signal], typ: str, actor: str | None = None) -> Signal:
    found = [s for s in signals if s.type == typ and (actor is None or s.actor == actor)]
    assert len(found) == 1, [(s.actor, s.type) for s in signals]
    return found[0]


def evidence(text: str, s: Signal) -> str:
    return text[s.start : s.end]


# ------------------------------------------------------------------ types


@pytest.mark.parametrize(
    ("text", "typ", "actor"),
    [
        ("Russia is ready to negotiate with Ukraine.", "intent_to_negotiate", "Russia"),
        ("Kyiv demanded the withdrawal of all Russian troops.", "demand", "Ukraine"),
        ("Moscow rejected the peace proposal on Monday.", "reject", "Russia"),
        ("Ukraine agreed to the truce.", "agree", "Ukraine"),
        ("Vladimir Putin dropped his demand for neutrality.", "concession", "Vladimir Putin"),
        ("Recep Tayyip Erdogan proposed a ceasefire between the two sides.", "propose",
         "Recep Tayyip Erdogan"),
        ("Emmanuel Macron met Olaf Scholz in Berlin.", "meet", "Emmanuel Macron"),
        ("The Kremlin denied the report.", "deny", "Kremlin"),
        ("The Pentagon confirmed the report.", "confirm", "Pentagon"),
        ("Boris Pistorius voiced scepticism about the talks.", "doubt", "Boris Pistorius"),
        ("Dmitry Medvedev threatened Poland with retaliation.", "threaten", "Dmitry Medvedev"),
        ("Russian troops captured the town of Marinka.", "military_action",
         "Russian Armed Forces"),
        ("Germany will send more air defence systems to Ukraine.", "agree", "Germany"),
    ],
)
def test_each_type(run: Run, text: str, typ: str, actor: str) -> None:
    s = one(run(text), typ)
    assert s.actor == actor
    assert s.polarity == "positive"


def test_every_type_has_codes() -> None:
    codes = signal_codes()
    assert set(codes) == set(SIGNAL_TYPES)
    assert codes["military_action"] == ("190", "ASSAULT")
    assert codes["confirm"][1] is None


def test_topics_from_evidence(run: Run) -> None:
    s = one(run("Kyiv continues to press for security guarantees and the return of Crimea."),
            "demand")
    assert set(s.topics) >= {"guarantees", "territory"}


# ------------------------------------------------------------------ polarity


def test_negated_intent_is_negative(run: Run) -> None:
    s = one(run("Russia is not ready to negotiate with Kyiv."), "intent_to_negotiate")
    assert s.polarity == "negative"


def test_not_willing_to_give_up_is_a_rejection(run: Run) -> None:
    s = one(run("Zelensky is not willing to give up any territory."), "reject")
    assert s.actor == "Volodymyr Zelensky"
    assert s.polarity == "positive"
    assert "territory" in s.topics


def test_refusing_concessions_is_one_positive_rejection(run: Run) -> None:
    signals = run("Vladimir Putin would refuse to make territorial concessions.")
    s = one(signals, "reject")
    assert s.polarity == "positive"
    assert not [x for x in signals if x.type == "concession"]


def test_refused_to_rule_out_is_a_negative_rejection(run: Run) -> None:
    s = one(run("Emmanuel Macron refused to rule out sending troops."), "reject")
    assert s.polarity == "negative"


def test_hedged(run: Run) -> None:
    text = "Putin might be ready to consider abandoning his neutrality demand for Ukraine."
    s = one(run(text), "concession")
    assert s.polarity == "hedged"
    assert "nato" in s.topics


# ------------------------------------------------------------------ conditions


def test_condition_does_not_make_its_own_signal(run: Run) -> None:
    text = "Kyiv is ready to negotiate only if Russian troops withdraw from Zaporizhzhia."
    signals = run(text)
    s = one(signals, "intent_to_negotiate")
    assert s.actor == "Ukraine" and s.polarity == "positive"
    # the condition is Kyiv's demand; the withdrawal inside it is nobody's concession
    assert sorted(x.type for x in signals) == ["demand", "intent_to_negotiate"]
    assert one(signals, "demand").actor == "Ukraine"


def test_provided_that_clause_stays_in_the_evidence(run: Run) -> None:
    text = "Moscow is ready to talk, provided that the West stops arming Kyiv."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Russia"
    assert not [x for x in run(text) if x.type == "aid"]


def test_without_preconditions_is_not_negation(run: Run) -> None:
    text = "Putin has said he is ready to start negotiations without preconditions."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"
    assert s.polarity == "positive"
    assert "without preconditions" in evidence(text, s)


def test_question_is_not_a_signal(run: Run) -> None:
    assert run("Is Russia ready to negotiate with Ukraine?") == []


# ------------------------------------------------------------------ actors and scope


def test_pronoun_and_title_resolve(run: Run) -> None:
    text = ("Putin spoke on Tuesday. He said the Russian head of state was not ready to "
            "withdraw. He is ready to meet Joe Biden.")
    signals = run(text)
    assert {s.actor for s in signals} == {"Vladimir Putin"}


def test_relative_clause_actor(run: Run) -> None:
    text = "Washington has called for a truce, an initiative Kyiv has accepted."
    signals = run(text)
    assert one(signals, "propose").actor == "United States"
    agree = one(signals, "agree")
    assert agree.actor == "Ukraine"
    assert "ceasefire" in agree.topics


def test_passive_agent_is_the_actor(run: Run) -> None:
    s = one(run("The plan was rejected by Kyiv last week."), "reject")
    assert s.actor == "Ukraine"


def test_speaker_about_own_state_is_the_speaker(run: Run) -> None:
    s = one(run("Putin said Russia was ready to negotiate a settlement."),
            "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"


def test_third_party_reading_keeps_the_actor(make_parsed: MakeParsed) -> None:
    text = "Trump says he thinks Putin is ready to negotiate."
    parsed = make_parsed(text)
    cue = text.index("says")
    att = Attribution(
        id="a1", start=0, end=cue + 4, speaker="Trump", speaker_canonical="Donald Trump",
        speaker_kind="person", named=True, cue="say", direct=False, via=None,
        content_start=cue + 5, content_end=len(text) - 1, sentence_start=0,
        sentence_end=len(text),
    )
    s = one(list(extract_signals(parsed, (att,))), "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"
    assert s.source.kind == "on_record" and s.source.by == "Donald Trump"
    assert s.attribution_id == "a1"


def test_signal_inside_quote_belongs_to_the_quoted_speaker(make_parsed: MakeParsed) -> None:
    text = "“We are ready for talks with Kyiv,” a senior Russian official told Reuters."
    parsed = make_parsed(text)
    close = text.index("”")
    att = Attribution(
        id="a2", start=close + 2, end=len(text) - 1, speaker="a senior Russian official",
        speaker_canonical=None, speaker_kind="anonymous", named=False, cue="tell",
        direct=True, via="Reuters", content_start=1, content_end=close - 1,
        sentence_start=0, sentence_end=len(text),
    )
    s = one(list(extract_signals(parsed, (att,))), "intent_to_negotiate")
    assert s.actor == "Russia"
    assert s.source.kind == "anonymous"
    assert s.source.by == "a senior Russian official"
    assert s.source.via == "Reuters"


def test_outlet_report_is_reported_via_the_outlet(make_parsed: MakeParsed) -> None:
    text = "Reuters reported that Putin was prepared to open talks with Washington."
    parsed = make_parsed(text)
    att = Attribution(
        id="a3", start=0, end=16, speaker="Reuters", speaker_canonical="Reuters",
        speaker_kind="media", named=True, cue="report", direct=False, via=None,
        content_start=17, content_end=len(text) - 1, sentence_start=0,
        sentence_end=len(text),
    )
    s = one(list(extract_signals(parsed, (att,))), "intent_to_negotiate")
    assert (s.source.kind, s.source.by, s.source.via) == ("reported", "Reuters", "Reuters")


def test_no_attribution_is_reported(run: Run) -> None:
    s = one(run("Ukraine rejected the ceasefire plan."), "reject")
    assert (s.source.kind, s.source.by, s.source.via) == ("reported", None, None)
    assert s.attribution_id is None


def test_denial_phrase_takes_the_speaker(run: Run) -> None:
    text = "Dmitry Peskov said the story does not correspond to reality."
    s = one(run(text), "deny")
    assert s.actor == "Dmitry Peskov"


def test_unknown_group_keeps_its_written_form(run: Run) -> None:
    s = one(run("Few EU diplomats voiced scepticism about the plan."), "doubt")
    assert s.actor == "EU diplomats"


# ------------------------------------------------------------------ time


def _with_times(parsed: ParsedDocument, published: str,
                *times: TimeExpression) -> ParsedDocument:
    pub = PublishedDate(value=published, precision="day", confidence=1.0, evidence=None,
                        method="test")
    dated = dataclasses.replace(parsed.dated, published=pub, times=times)
    return dataclasses.replace(parsed, dated=dated)


def test_time_attached_to_the_signal(make_parsed: MakeParsed) -> None:
    text = "Putin met Witkoff on April 25 in Moscow."
    i = text.index("on April 25")
    te = TimeExpression(start=i, end=i + 11, text="on April 25", value="2025-04-25",
                        precision="day")
    parsed = _with_times(make_parsed(text), "2025-04-28", te)
    s = one(list(extract_signals(parsed, ())), "meet")
    assert s.when is not None and s.when.value == "2025-04-25"
    assert s.when.evidence == "on April 25"


def test_time_of_another_clause_is_not_attached(make_parsed: MakeParsed) -> None:
    text = "Kyiv rejected the plan that Moscow drafted in March."
    i = text.index("in March")
    te = TimeExpression(start=i, end=i + 8, text="in March", value="2025-03",
                        precision="month")
    parsed = _with_times(make_parsed(text), "2025-04-28", te)
    s = one(list(extract_signals(parsed, ())), "reject")
    assert s.when is None


def test_recent_report_time_is_publication_time(make_parsed: MakeParsed) -> None:
    text = "Trump said on Tuesday that Russia was ready to negotiate."
    old = "Reuters reported in November that Russia was ready to negotiate."
    i = text.index("on Tuesday")
    j = old.index("in November")
    recent = _with_times(make_parsed(text), "2025-03-12",
                         TimeExpression(i, i + 10, "on Tuesday", "2025-03-11", "day"))
    earlier = _with_times(make_parsed(old), "2025-03-12",
                          TimeExpression(j, j + 11, "in November", "2024-11", "month"))
    assert one(list(extract_signals(recent, ())), "intent_to_negotiate").when is None
    when = one(list(extract_signals(earlier, ())), "intent_to_negotiate").when
    assert when is not None and when.value == "2024-11"


def test_ids_are_deterministic(run: Run) -> None:
    text = "Russia rejected the plan."
    assert [s.id for s in run(text)] == [s.id for s in run(text)]


# ------------------------------------------------------------------ general rules (stated
# positions, conditions, datelines, titles, coordinated actors)


@pytest.mark.parametrize(
    ("text", "typ", "actor"),
    [
        # a leader on the state he speaks for, or on "his government/country"
        ("Putin said Russia would answer any provocation in the Baltic with full force.",
         "threaten", "Vladimir Putin"),
        ("Putin said his country would send 200 tonnes of flour to the flooded villages.",
         "agree", "Vladimir Putin"),
        ("Putin said Russian troops would stay in the region until a treaty was signed.",
         "reject", "Vladimir Putin"),
        ("Zelensky said his government will not withdraw a single soldier from the island.",
         "reject", "Volodymyr Zelensky"),
        ("Putin warned that Russia would treat any strike on the bridge as an act of war.",
         "threaten", "Vladimir Putin"),
        ("Russia will hold the vote in September whether or not Kyiv agrees, Putin said.",
         "threaten", "Vladimir Putin"),
        ("Putin told the envoy that Russia was suspending its participation in the deal.",
         "reject", "Vladimir Putin"),
        ("Zelensky said Ukraine still wanted a settlement.", "intent_to_negotiate",
         "Volodymyr Zelensky"),
    ],
)
def test_stated_positions_of_a_leader(run: Run, text: str, typ: str, actor: str) -> None:
    s = one(run(text), typ)
    assert s.actor == actor


def test_unknown_speaker_on_her_government_is_the_speaker(run: Run) -> None:
    text = "Minister Ola Brenn said her government would resume talks with the rebels."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Ola Brenn"


def test_reported_acts_are_not_stated_intentions(run: Run) -> None:
    assert run("Russian troops stayed in the region until March.") == []
    assert not [s for s in run("Russia negotiated with Ukraine in Istanbul.")
                if s.type == "intent_to_negotiate"]
    assert not [s for s in run("Russia answered the provocation with full force.")
                if s.type == "threaten"]


def test_past_act_of_the_speakers_army_stays_with_the_army(run: Run) -> None:
    s = one(run("Putin said Russian troops captured the town of Avdiivka."), "military_action")
    assert s.actor == "Russian Armed Forces"


def test_main_clause_with_condition_is_a_demand(run: Run) -> None:
    text = ("Putin said on Monday that his government would enter talks with Kyiv only if "
            "the West stopped arming Ukraine.")
    signals = run(text)
    demand = one(signals, "demand")
    assert demand.actor == "Vladimir Putin"
    assert "only if the West stopped arming Ukraine" in evidence(text, demand)
    assert one(signals, "intent_to_negotiate").actor == "Vladimir Putin"
    assert not [s for s in signals if s.type == "aid"]


def test_negated_intention_with_condition_is_only_a_demand(run: Run) -> None:
    text = "Zelensky said Ukraine would not negotiate while Russian troops remained on its soil."
    signals = run(text)
    s = one(signals, "demand")
    assert s.actor == "Volodymyr Zelensky" and s.polarity == "positive"
    assert "while Russian troops remained" in evidence(text, s)
    assert not [x for x in signals if x.type == "intent_to_negotiate"]


@pytest.mark.parametrize(
    "dateline",
    ["MOSCOW, Jan 5 (Reuters) - ", "MOSCOW — ", "Sochi (AFP) – ", "SOCHI, Russia (AP) — "],
)
def test_dateline_is_neither_actor_nor_evidence(run: Run, dateline: str) -> None:
    text = dateline + "President Vladimir Putin said Russia was ready to negotiate with Kyiv."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"
    assert not evidence(text, s).startswith(dateline.split()[0].rstrip(","))
    assert s.start >= len(dateline)


def test_dateline_before_a_plain_subject(run: Run) -> None:
    text = "KYIV — Ukraine rejected the ceasefire plan on Friday."
    s = one(run(text), "reject")
    assert s.actor == "Ukraine"
    assert evidence(text, s).startswith("Ukraine rejected")


def test_bare_title_is_the_latest_person_with_that_title(run: Run) -> None:
    text = ("Norlandian President Tomas Vell arrived in the capital on Monday.\n"
            "The president rejected the peace plan.")
    s = one(run(text), "reject")
    assert s.actor == "Tomas Vell"


def test_bare_title_without_a_holder_stays_as_written(run: Run) -> None:
    s = one(run("The prime minister rejected the peace plan."), "reject")
    assert s.actor == "prime minister"


def test_coordinated_states_give_one_signal_each(run: Run) -> None:
    signals = run("Russia and Ukraine agreed on Friday to a prisoner exchange deal.")
    assert sorted(s.actor for s in signals if s.type == "agree") == ["Russia", "Ukraine"]


def test_leaders_of_states_are_their_title_holders_not_the_mediator(run: Run) -> None:
    text = "The leaders of Russia and Ukraine agreed to a ceasefire, Turkish mediators said."
    signals = run(text)
    assert sorted(s.actor for s in signals if s.type == "agree") == [
        "Vladimir Putin", "Volodymyr Zelensky"]


def test_coordinated_subjects_met(run: Run) -> None:
    signals = run("Vladimir Putin and Volodymyr Zelensky met for almost three hours in Istanbul.")
    assert sorted(s.actor for s in signals if s.type == "meet") == [
        "Vladimir Putin", "Volodymyr Zelensky"]
    assert run("The two delegations met for three hours.") == []


def test_alternatives_are_not_a_collective(run: Run) -> None:
    signals = run("Neither Russia nor Ukraine confirmed the report.")
    assert len({s.actor for s in signals if s.type == "confirm"}) <= 1


def test_not_negotiable_is_the_speakers_rejection(run: Run) -> None:
    s = one(run("Zelensky said the status of the island was not negotiable."), "reject")
    assert s.actor == "Volodymyr Zelensky"


def test_with_or_without_is_defiance_not_a_threat(run: Run) -> None:
    assert not [s for s in run("Ukraine will defend its land with or without its allies.")
                if s.type == "threaten"]


def test_claim_inside_a_denial_rests_on_the_named_report(make_parsed: MakeParsed) -> None:
    from newstrace.extract.attribution.rules import extract_attributions

    text = ("The Kremlin on Monday denied a Reuters report that President Vladimir Putin "
            "was ready to withdraw troops from the border.")
    parsed = make_parsed(text)
    sigs = list(extract_signals(parsed, tuple(extract_attributions(parsed))))
    deny = one(sigs, "deny", "Kremlin")
    assert deny.source.kind == "on_record"
    claim = [s for s in sigs if s.actor == "Vladimir Putin"]
    assert claim, [(s.actor, s.type) for s in sigs]
    assert all(s.source.kind == "reported" and s.source.via == "Reuters" for s in claim)


def test_general_denial_and_doubt_phrases(make_parsed: MakeParsed) -> None:
    from newstrace.extract.attribution.rules import extract_attributions

    for text, typ in [
        ('"These are misleading claims," Peskov told reporters.', "deny"),
        ("Zelensky said the offer was a bid by Moscow to buy time.", "doubt"),
    ]:
        parsed = make_parsed(text)
        sigs = list(extract_signals(parsed, tuple(extract_attributions(parsed))))
        assert [s.type for s in sigs if s.type == typ], (text, [(s.actor, s.type) for s in sigs])


# ------------------------------------------------------------------ topics


def test_intention_to_negotiate_a_ceasefire_is_about_the_ceasefire(run: Run) -> None:
    s = one(run("Russia is ready for ceasefire talks."), "intent_to_negotiate")
    assert s.topics == ("ceasefire",)


def test_plain_intention_to_negotiate_keeps_negotiations(run: Run) -> None:
    s = one(run("Russia is ready to negotiate with Ukraine."), "intent_to_negotiate")
    assert s.topics == ("negotiations",)


def test_pseudo_cleft_demand_takes_topics_of_its_sentence(run: Run) -> None:
    s = one(run("What Moscow wants is the status quo along the front."), "demand")
    assert s.topics == ("territory",)


def test_denial_without_topic_takes_the_claim_before(run: Run) -> None:
    text = ("Bloomberg reported that Moscow might drop its demand for neutral status.\n"
            "Dmitry Peskov said this is a wrong report.")
    s = one(run(text), "deny")
    assert s.topics == ("nato",)


def test_light_verb_phrase_is_part_of_the_evidence(run: Run) -> None:
    text = "Ukrainian officials will hold talks with their American peers on a peace plan."
    s = one(run(text), "meet")
    assert text[s.start : s.end].endswith("on a peace plan")
    assert set(s.topics) == {"negotiations", "peace_plan"}


# ------------------------------------------------------------------ certainty


def _att(text: str, speaker: str, canonical: str | None, *, kind: str = "person",
         named: bool = True, cue: str = "say", via: str | None = None) -> Attribution:
    """An attribution whose cue is "<speaker> <cue>ed" at the start and content the rest."""
    head = text.index(" ", len(speaker) + 1)
    return Attribution(
        id="c1", start=0, end=head, speaker=speaker, speaker_canonical=canonical,
        speaker_kind=kind, named=named, cue=cue, direct=False, via=via,  # type: ignore[arg-type]
        content_start=head + 1, content_end=len(text) - 1, sentence_start=0,
        sentence_end=len(text),
    )


def test_named_source_saying_it_is_confirmed(run: Run) -> None:
    text = "Dmitry Peskov said Russia is ready to negotiate."
    s = one(run(text, (_att(text, "Dmitry Peskov", "Dmitry Peskov"),)), "intent_to_negotiate")
    assert s.certainty == "confirmed"


def test_anonymous_source_is_reported(run: Run) -> None:
    text = "Officials said Russia is ready to negotiate."
    att = _att(text, "Officials", None, kind="anonymous", named=False)
    s = one(run(text, (att,)), "intent_to_negotiate")
    assert s.certainty == "reported"


def test_named_source_through_an_outlet_is_reported(run: Run) -> None:
    text = "Dmitry Peskov told Reuters that Russia is ready to negotiate."
    att = _att(text, "Dmitry Peskov", "Dmitry Peskov", cue="tell", via="Reuters")
    s = one(run(text, (att,)), "intent_to_negotiate")
    assert s.certainty == "reported"


def test_no_attribution_is_reported_certainty(run: Run) -> None:
    assert one(run("Ukraine rejected the ceasefire plan."), "reject").certainty == "reported"


def test_signalling_through_intermediaries_is_signalled(run: Run) -> None:
    text = "Vladimir Putin has signalled through intermediaries that Russia is ready to negotiate."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"
    assert s.certainty == "signalled"


def test_a_third_partys_reading_is_speculative(run: Run) -> None:
    text = "Donald Trump says he thinks Vladimir Putin is ready to negotiate."
    att = _att(text, "Donald Trump", "Donald Trump")
    s = one(run(text, (att,)), "intent_to_negotiate")
    assert s.actor == "Vladimir Putin"
    assert s.certainty == "speculative"


def test_hedged_cue_of_another_speaker_is_speculative(run: Run) -> None:
    text = "Olaf Scholz believes that Russia is ready to negotiate."
    att = _att(text, "Olaf Scholz", "Olaf Scholz", cue="believe")
    s = one(run(text, (att,)), "intent_to_negotiate")
    assert s.certainty == "speculative"


def test_certainty_is_one_of_the_four_values(run: Run) -> None:
    text = "Russia demanded the withdrawal of Ukrainian troops. Kyiv rejected the demand."
    assert {s.certainty for s in run(text)} <= {"confirmed", "reported", "signalled", "speculative"}


def test_named_body_announcing_is_confirmed(run: Run) -> None:
    text = "The Kremlin announced that Russia is ready to negotiate."
    att = _att(text, "The Kremlin", "Kremlin", kind="government", cue="announce")
    s = one(run(text, (att,)), "intent_to_negotiate")
    assert s.certainty == "confirmed"


# ------------------------------------------------------------------ wider vocabulary
# (PLOVER-style event families: violence, agreements, appeals, coercion, easing)


@pytest.mark.parametrize(
    ("text", "typ", "actor"),
    [
        # violence against people, and its variants
        ("Kaldorian Armed Forces killed four border guards near the river.", "military_action",
         "Kaldorian Armed Forces"),
        ("Lusavian gunmen opened fire on a convoy outside the capital.", "military_action",
         "Lusavian gunmen"),
        # a generic group is kept as written, less a capital that only opens the sentence
        ("Rebels exploded two bombs in the market of the northern town.", "military_action",
         "rebels"),
        ("A Solvennan militia launched rocket fire against the border posts.", "military_action",
         "Solvennan militia"),
        ("The Lusavian army captured the rebel stronghold after a week of fighting.",
         "military_action", "Lusavian Armed Forces"),
        # agreements
        ("Kaldoria and Lusavia reached a consensus on sharing the river water.", "agree",
         "Kaldoria"),
        ("The Orva Basin Commission agreed to set up a monitoring station.", "agree",
         "Orva Basin Commission"),
        ("Solvenna agreed to an extension of the observer mandate.", "agree", "Solvenna"),
        ("Solvenna will support the resolution on the dam, its foreign minister said.", "agree",
         "Solvenna"),
        ("Kaldoria pledged to continue humanitarian aid to the delta villages.", "agree",
         "Kaldoria"),
        ("Lusavia is willing to send medical supplies to the flooded valley.", "agree", "Lusavia"),
        ("Solvenna offered to hand over the two suspects to Kaldoria.", "propose", "Solvenna"),
        # appeals and demands
        ("Solvenna urged Kaldoria to reopen the sluice gates.", "demand", "Solvenna"),
        ("Kaldoria pressed Lusavia to release the fishermen.", "demand", "Kaldoria"),
        # threats of coercion
        ("Lusavia will impose sanctions on Kaldorian exporters, its foreign ministry said.",
         "threaten", "Lusavia"),
        ("Kaldoria is prepared to impose a blockade on the port.", "threaten", "Kaldoria"),
        ("The farmers' union said it would blockade the capital from Monday.", "threaten",
         "farmers' union"),
        # easing and releases
        ("Kaldoria lifted the curfew in the border districts on Friday.", "concession",
         "Kaldoria"),
        # a release done is PLOVER RETREAT (extended type); announced ("will release") a concession
        ("Lusavia released forty prisoners on Sunday.", "retreat", "Lusavia"),
        ("The dockers' union called off its strike after talks.", "concession", "dockers' union"),
        # meetings and mediation
        ("Ardan Morvek telephoned Ilsa Renhart on Tuesday.", "meet", "Ardan Morvek"),
        ("Solvenna launched a mediation effort between Kaldoria and Lusavia.", "meet", "Solvenna"),
        # aid
        ("Solvenna granted asylum to three Lusavian officers.", "aid", "Solvenna"),
    ],
)
def test_wider_vocabulary(run: Run, text: str, typ: str, actor: str) -> None:
    s = one(run(text), typ, actor)
    assert s.polarity in ("positive", "hedged")


def test_named_group_subject_is_an_actor(run: Run) -> None:
    # a group noun phrase outside the actor table acts under its written name
    s = one(run("The radical Orvan Liberation movement rejected an invitation to the talks."),
            "reject")
    assert s.actor == "radical Orvan Liberation movement"


def test_group_of_people_is_the_people(run: Run) -> None:
    s = one(run("A group of Kaldorian diplomats held a meeting with Ilsa Renhart."), "meet")
    assert s.actor == "Kaldorian diplomats"


def test_it_is_the_body_that_speaks(run: Run) -> None:
    s = one(run("Lusavia says it is ready to negotiate with Kaldoria."), "intent_to_negotiate")
    assert s.actor == "Lusavia"


def test_demonym_of_a_state_outside_the_table_is_its_actor(run: Run) -> None:
    s = one(run("Israeli air raids hit the outskirts of the town."), "military_action")
    assert s.actor == "Israel"


def test_measure_parsed_as_agent_leaves_the_subject(run: Run) -> None:
    s = one(run("Ardan Morvek on Thursday shortened by one hour the nightly curfew."), "concession")
    assert s.actor == "Ardan Morvek"


def test_provided_as_a_verb_is_a_trigger(run: Run) -> None:
    s = one(run("Solvenna provided military intelligence to Lusavia."), "aid")
    assert s.actor == "Solvenna"


# -- negation and hedging in the new families


def test_refused_to_rule_out_an_attack_stays_one_negative_rejection(run: Run) -> None:
    signals = run("Kaldoria refused to rule out an attack on the dam.")
    s = one(signals, "reject")
    assert s.polarity == "negative"


def test_never_killed_is_a_negative_military_action(run: Run) -> None:
    s = one(run("Kaldorian Armed Forces have never killed civilians, the ministry said."),
            "military_action")
    assert s.polarity == "negative"


def test_failed_to_reach_agreement_is_a_rejection(run: Run) -> None:
    s = one(run("Kaldoria and Lusavia failed to reach an agreement on the dam."), "reject",
            "Kaldoria")
    assert s.polarity == "positive"


def test_will_not_support_is_a_rejection(run: Run) -> None:
    s = one(run("Solvenna will not support the resolution, its foreign minister said."), "reject")
    assert s.actor == "Solvenna"


def test_may_impose_sanctions_is_a_hedged_threat(run: Run) -> None:
    s = one(run("Lusavia would possibly impose sanctions on Kaldoria."), "threaten")
    assert s.polarity == "hedged"


@pytest.mark.parametrize("text", [
    "Kaldoria could be blamed by Lusavia for the flood.",
    "Kaldoria accused Lusavia of diverting the river.",
    "Lusavia condemned the Kaldorian raid on the dam.",
])
def test_disapproval_is_not_doubt(run: Run, text: str) -> None:
    # a doubt questions a claim; blaming or condemning an actor is something else
    assert not [s for s in run(text) if s.type == "doubt"]


def test_hunger_strike_is_no_attack(run: Run) -> None:
    assert not [s for s in run("Lusavian prisoners began a hunger strike on Monday.")
                if s.type == "military_action"]


def test_future_aid_is_a_promise_whoever_reports_it(run: Run) -> None:
    s = one(run("Solvenna will send 300 tonnes of grain to Lusavia, diplomats said."), "agree")
    assert s.actor == "Solvenna" and "aid" in s.topics


def test_forecast_attack_is_still_no_signal(run: Run) -> None:
    assert not [s for s in run("Analysts said Kaldoria will attack the dam.")
                if s.type in ("military_action", "threaten")]


# -- "X must ...": the speaker's demand


def test_must_under_a_speaker_is_the_speakers_demand(run: Run) -> None:
    s = one(run("Marit Olsund said Kaldoria must reopen the sluice gates."), "demand")
    assert s.actor == "Marit Olsund" and s.polarity == "positive"


def test_must_not_is_still_a_demand(run: Run) -> None:
    s = one(run("Marit Olsund said Kaldoria must not divert the river."), "demand")
    assert s.polarity == "positive"


def test_must_of_the_speakers_own_side_is_no_demand(run: Run) -> None:
    assert not [s for s in run("Ilsa Renhart said we must be ready.") if s.type == "demand"]


def test_writers_own_must_is_no_demand(run: Run) -> None:
    assert not [s for s in run("Kaldoria must reopen the sluice gates.") if s.type == "demand"]


def test_must_of_the_speakers_own_state_is_no_demand(run: Run) -> None:
    # Ilsa Renhart speaks for Kaldoria: her "Kaldoria must" is an exhortation
    assert not [s for s in run("Ilsa Renhart said Kaldoria must reopen the sluice gates.")
                if s.type == "demand"]


def test_us_in_capitals_is_the_state_not_the_pronoun(run: Run) -> None:
    s = one(run("Marit Olsund said the US must reopen its consulate in Kaldoria."), "demand")
    assert s.actor == "Marit Olsund"


def test_a_must_with_no_actor_as_subject_is_no_demand(run: Run) -> None:
    assert not [s for s in run("Marit Olsund said the rules must be clear.") if s.type == "demand"]


# ------------------------------------------------------------------ requirements and "we"


def _with_attributions(make_parsed: MakeParsed, text: str) -> list[Signal]:
    from newstrace.extract.attribution.rules import extract_attributions

    parsed = make_parsed(text)
    return list(extract_signals(parsed, tuple(extract_attributions(parsed))))


def test_finding_it_hard_to_agree_without_is_the_finder_s_demand(make_parsed: MakeParsed) -> None:
    text = ("A Kremlin aide told the agency that Putin would find it hard to accept the truce "
            "idea without settling terms and getting firm guarantees.")
    sigs = _with_attributions(make_parsed, text)
    s = one(sigs, "demand", "Vladimir Putin")
    assert s.polarity == "positive"
    assert evidence(text, s).endswith("getting firm guarantees")
    assert set(s.topics) == {"ceasefire", "guarantees"}
    assert [(c.topic, c.state) for c in s.conditions] == [("guarantees", "required")]
    assert not [x for x in sigs if x.type == "agree"]


def test_the_speaker_s_reason_names_the_actor_s_demand(make_parsed: MakeParsed) -> None:
    # the hard clause is Putin's position, not the speaker's doubt
    text = ("An official said the offer was a ploy because Putin would find it difficult to "
            "halt the war without firm guarantees.")
    sigs = _with_attributions(make_parsed, text)
    s = one(sigs, "demand", "Vladimir Putin")
    assert [(c.topic, c.detail, c.state) for c in s.conditions] == [
        ("guarantees", "firm guarantees", "required"),
    ]
    assert one(sigs, "doubt").actor != "Vladimir Putin"


def test_refusing_to_end_the_war_unless_is_a_demand(run: Run) -> None:
    s = one(run("Kyiv will not stop the war unless Russia withdraws its troops."), "demand")
    assert s.actor == "Ukraine" and s.polarity == "positive"
    assert ("withdrawal", "required") in [(c.topic, c.state) for c in s.conditions]


def test_ending_the_war_with_no_requirement_is_no_demand(run: Run) -> None:
    for text in ("The two armies halted the fighting without warning.",
                 "Russia would end the war soon.",
                 "It is hard to accept the deal without guarantees, an analyst wrote."):
        assert not [s for s in run(text) if s.type == "demand"], text


def test_signing_only_with_guarantees_is_also_their_demand(run: Run) -> None:
    sigs = run("Ukraine would sign the deal only with security guarantees from Washington.")
    assert one(sigs, "agree").actor == "Ukraine"
    d = one(sigs, "demand")
    assert [(c.topic, c.state) for c in d.conditions] == [("guarantees", "required")]


def test_we_in_a_bare_quote_paragraph_is_the_last_speaker_s_side(make_parsed: MakeParsed) -> None:
    text = ("A senior Ukrainian official told reporters that the front was holding.\n"
            "The official, who asked not to be named, said time was short, they added.\n"
            "\u201cWe are in favour of a truce, but we need firm security guarantees.\u201d")
    sigs = _with_attributions(make_parsed, text)
    s = one(sigs, "intent_to_negotiate", "Ukraine")
    # the demand set against the intention is its condition, not a signal of its own
    assert not [x for x in sigs if x.type == "demand"]
    assert set(s.topics) == {"ceasefire", "guarantees"}
    assert [(c.topic, c.state) for c in s.conditions] == [("guarantees", "required")]
    assert s.source.kind == "anonymous"
    assert evidence(text, s).endswith("firm security guarantees")


def test_a_judgement_from_someone_s_perspective_is_theirs(make_parsed: MakeParsed) -> None:
    text = ("An official said the truce offer looked, from Moscow's perspective, to be a trap "
            "because Putin would find it hard to halt the war without firm guarantees.")
    sigs = _with_attributions(make_parsed, text)
    doubt = one(sigs, "doubt")
    assert doubt.actor == "Russia"
    # the reason clause is Putin's demand, not what the doubt is about
    assert "guarantees" not in doubt.topics
    assert one(sigs, "demand", "Vladimir Putin").conditions


def test_perspective_must_be_someone_s(make_parsed: MakeParsed) -> None:
    sigs = _with_attributions(make_parsed, "From a legal perspective, the plan is a trap, an official said.")
    assert one(sigs, "doubt").actor != "Russia"


@pytest.mark.parametrize("text", [
    "Neither Kaldoria nor Lusavia officially confirmed the reports of a strike on the dam.",
    "No Kaldorian official confirmed the reports of a strike on the dam.",
])
def test_negated_subject_negates_the_signal(run: Run, text: str) -> None:
    found = [s for s in run(text) if s.type in ("confirm", "doubt")]
    assert found and all(s.polarity == "negative" or s.type == "doubt" for s in found)


def test_denying_a_party_something_is_not_a_denial(run: Run) -> None:
    assert not [s for s in run("Lusavia is denying Kaldoria the spare parts it needs for the dam.")
                if s.type == "deny"]
    assert [s for s in run("Lusavia denied the report that its troops had crossed the river.")
            if s.type == "deny"]
