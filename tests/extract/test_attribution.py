"""Attribution extraction on invented sentences, one form per test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.extract.attribution.rules import extract_attributions
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution

Run = Callable[[str], list[Attribution]]


@pytest.fixture
def run(make_parsed: Callable[[str], ParsedDocument]) -> Run:
    def _run(text: str) -> list[Attribution]:
        return list(extract_attributions(make_parsed(text), trained=False))  # the rules alone

    return _run


def evidence(text: str, a: Attribution) -> str:
    return text[a.start : a.end]


def by_cue(atts: list[Attribution], cue: str) -> list[Attribution]:
    return [a for a in atts if a.cue == cue]


def test_cue_first_reported_speech(run: Run) -> None:
    text = "Foreign Minister Arvid Kellan said on Monday that talks would resume in May."
    (a,) = run(text)
    assert a.cue == "say"
    assert a.speaker == "Foreign Minister Arvid Kellan"
    assert a.speaker_canonical == "Arvid Kellan"
    assert a.speaker_kind == "person" and a.named is True
    assert a.direct is False and a.via is None
    assert a.content_start is not None and a.content_end is not None
    assert "talks would resume" in text[a.content_start : a.content_end]
    assert (a.sentence_start, a.sentence_end) == (0, len(text))


def test_cue_last_with_quote_is_direct(run: Run) -> None:
    text = "“We will not give up a single village,” Kellan said."
    (a,) = run(text)
    assert evidence(text, a) == "Kellan said"
    assert a.direct is True
    assert a.content_start is not None and a.content_end is not None
    assert "single village" in text[a.content_start : a.content_end]


def test_inverted_cue_last(run: Run) -> None:
    text = "“The convoy left at dawn,” said Mirela Dostan, a regional governor."
    (a,) = run(text)
    assert a.cue == "say"
    assert a.speaker_canonical == "Mirela Dostan"
    assert a.direct is True


def test_split_quote_covers_both_halves(run: Run) -> None:
    text = "“We are ready,” he said, “but only after the guns fall silent.”"
    (a,) = run(text)
    assert a.cue == "say" and a.direct is True
    assert a.content_start == 0 and a.content_end == len(text)


def test_multi_sentence_quote(run: Run) -> None:
    text = '"No. This is a fabrication. It has nothing to do with reality," Dostan said.'
    (a,) = run(text)
    assert a.cue == "say"
    assert a.content_start == 0
    assert a.direct is True


def test_partial_quote_is_mixed(run: Run) -> None:
    text = "Kellan said the offer was “a trap dressed up as a truce” and would be refused."
    (a,) = run(text)
    assert a.direct == "mixed"


def test_no_cue_quote_paragraph_extends_previous_content(run: Run) -> None:
    text = "“We want guarantees,” the envoy told Reuters.\n“Without them nothing moves.”"
    atts = run(text)
    assert len(atts) == 1
    (a,) = atts
    assert a.content_end == len(text)


def test_told_outlet_gives_via(run: Run) -> None:
    text = "A senior Veldan source told Reuters that the ceasefire could hold."
    (a,) = run(text)
    assert a.cue == "tell"
    assert a.via == "Reuters"
    assert a.speaker_kind == "anonymous" and a.named is False
    assert a.speaker_canonical is None
    assert evidence(text, a) == "A senior Veldan source told Reuters"


def test_informed_outlet_at_sentence_end(run: Run) -> None:
    text = "Delegates are travelling to Geneva on Friday, an insider familiar with the plan informed CNN."
    (a,) = run(text)
    assert a.cue == "inform" and a.via == "CNN" and a.named is False


def test_according_to_outlet_merges_into_other_cue(run: Run) -> None:
    text = "The talks took a long time, Kellan added, according to TASS."
    (a,) = run(text)
    assert a.cue == "add"
    assert a.via == "TASS"
    assert evidence(text, a) == "Kellan added, according to TASS"


def test_according_to_person(run: Run) -> None:
    text = "The delegation will meet on Friday, according to Mirela Dostan, an adviser."
    (a,) = run(text)
    assert a.cue == "according to"
    assert a.speaker_canonical == "Mirela Dostan" and a.named is True


def test_reported_citing_gives_two_attributions(run: Run) -> None:
    text = ("The president is willing to freeze the front line, The New York Times reported, "
            "citing unnamed officials.")
    atts = run(text)
    report = by_cue(atts, "report")
    cite = by_cue(atts, "cite")
    assert len(report) == 1 and len(cite) == 1
    assert report[0].speaker_kind == "media"
    assert report[0].speaker_canonical == "The New York Times"
    assert report[0].via is None
    assert cite[0].speaker_kind == "anonymous" and cite[0].named is False
    assert cite[0].via == "The New York Times"


def test_it_cited_as_saying_keeps_the_outlet(run: Run) -> None:
    text = ("The Bloomberg report said the envoy had made contact.\n"
            "It cited three aides to the minister as saying the offer was serious.")
    atts = run(text)
    say = [a for a in atts if a.cue == "say" and a.speaker and "aides" in a.speaker]
    assert len(say) == 1
    assert say[0].via == "Bloomberg"
    assert say[0].named is False
    first = [a for a in atts if a.speaker == "The Bloomberg report"]
    assert first and first[0].speaker_canonical == "Bloomberg"


def test_anonymous_sources_continue_the_outlet(run: Run) -> None:
    text = ("A senior Veldan source told Reuters that the plan was dead.\n"
            "Another senior source said the army was exhausted.\n"
            "“We need time,” the source added.")
    atts = run(text)
    assert [a.via for a in atts] == ["Reuters", "Reuters", "Reuters"]
    assert all(a.named is False and a.speaker_canonical is None for a in atts)


def test_relative_clause_stays_in_speaker(run: Run) -> None:
    text = ("“The front is quiet,” one senior official who met the delegation this week "
            "told The New York Times.")
    (a,) = run(text)
    assert a.speaker is not None and "who met the delegation" in a.speaker
    assert a.via == "The New York Times"
    assert a.direct is True


def test_pronoun_resolves_to_named_person(run: Run) -> None:
    text = ("Arvid Kellan spoke to reporters in the capital.\n"
            "“There will be no retreat,” he said.")
    (a,) = run(text)
    assert a.speaker == "he"
    assert a.speaker_canonical == "Arvid Kellan"
    assert a.named is True and a.speaker_kind == "person"


def test_pronoun_resolves_to_anonymous_source(run: Run) -> None:
    text = ("One of the former officials told Reuters the message was clear, "
            "relaying what he said the ministry wanted.")
    atts = run(text)
    he = [a for a in atts if a.speaker == "he"]
    assert he and he[0].named is False and he[0].speaker_canonical is None


def test_titles_and_places_canonicalise(run: Run) -> None:
    text = ("The Russian head of state said the war would go on.\n"
            "Moscow claimed further advances near the river.\n"
            "The Kremlin on Friday denied the report.")
    atts = run(text)
    assert [a.speaker_canonical for a in atts] == ["Vladimir Putin", "Russia", "Kremlin"]
    assert [a.speaker_kind for a in atts] == ["person", "government", "government"]
    assert [a.cue for a in atts] == ["say", "claim", "deny"]


def test_nominal_announcement_made_by(run: Run) -> None:
    text = "The announcement, made by spokesman Tomas Reyl, came after a long meeting."
    (a,) = run(text)
    assert a.cue == "announce"
    assert a.speaker_canonical == "Tomas Reyl"


def test_agentless_passive_report(run: Run) -> None:
    text = "The envoy was testing the waters, it was reported."
    (a,) = run(text)
    assert a.cue == "report"
    assert a.speaker is None and a.speaker_kind == "anonymous" and a.named is False


def test_participial_citing_non_source_keeps_main_subject(run: Run) -> None:
    text = ("Defence Minister Arvid Kellan voiced scepticism, citing the ongoing buildup "
            "along the border.")
    atts = run(text)
    cite = by_cue(atts, "cite")
    assert cite and cite[0].speaker_canonical == "Arvid Kellan"
    assert by_cue(atts, "voice")


def test_call_for_and_parenthetical_add(run: Run) -> None:
    text = "Kellan, who took office in March, has called for an immediate truce."
    (a,) = run(text)
    assert a.cue == "call for"
    assert a.speaker is not None and a.speaker.startswith("Kellan")


def test_parenthetical_added(run: Run) -> None:
    text = "The army, the officials added, would simply declare victory."
    atts = run(text)
    assert [a.cue for a in atts] == ["add"]


def test_unbalanced_quote_does_not_crash(run: Run) -> None:
    text = "“We will never sign this, Kellan said.\nDostan said the talks were over."
    atts = run(text)
    assert any(a.speaker == "Dostan" for a in atts)


def test_mixed_curly_and_straight_quotes(run: Run) -> None:
    text = "The former official added, \"He is not willing to retreat one metre.”"
    (a,) = run(text)
    assert a.cue == "add" and a.direct is True


def test_nested_quote_cue_inside_quote_is_not_counted(run: Run) -> None:
    text = "“They tell us, ‘We are ready to talk,’” one official told the BBC."
    atts = run(text)
    assert len(atts) == 1
    (a,) = atts
    assert a.cue == "tell" and a.via == "BBC"


def test_cue_inside_quote_not_counted(run: Run) -> None:
    text = "“Our critics said we would fail, and they were wrong.”"
    assert run(text) == []


def test_non_reporting_uses_are_ignored(run: Run) -> None:
    text = ("The said plan was never published.\n"
            "Analysts could not tell the two drones apart.\n"
            "The ministry added 20 tanks to the convoy.")
    assert run(text) == []


def test_ids_are_deterministic_and_typed(run: Run) -> None:
    text = "Kellan said the talks would resume."
    first, second = run(text), run(text)
    assert [a.id for a in first] == [a.id for a in second]
    assert first[0].id.startswith("a")


def test_empty_document_yields_nothing(run: Run) -> None:
    assert run("") == []


def test_time_phrase_is_not_part_of_the_speaker(run: Run) -> None:
    text = "The Kremlin on Friday denied a newspaper report that the talks had resumed."
    (a,) = run(text)
    assert a.cue == "deny"
    assert a.speaker == "The Kremlin"
    assert a.speaker_canonical == "Kremlin" and a.speaker_kind == "government"


def test_attitude_verb_is_a_cue_on_its_own(run: Run) -> None:
    text = "Senator Odile Parvane believes that the tariff will hurt farmers."
    (a,) = run(text)
    assert a.cue == "believe" and a.speaker_canonical == "Odile Parvane"
    assert a.content_start is not None and a.content_end is not None
    assert "tariff will hurt" in text[a.content_start : a.content_end]


def test_attitude_verb_inside_reported_clause_is_not_a_second_cue(run: Run) -> None:
    text = "Governor Tam Brevik said he hopes the bridge reopens by June."
    atts = run(text)
    assert [a.cue for a in atts] == ["say"]


def test_poll_finding_is_attributed_to_the_poll(run: Run) -> None:
    text = "A Halvorsen Institute poll shows that most voters oppose the levy."
    (a,) = run(text)
    assert a.cue == "show"
    assert a.speaker is not None and "poll" in a.speaker
    assert a.content_start is not None
    assert "most voters oppose" in text[a.content_start : a.content_end]


def test_evaluation_verb_with_object(run: Run) -> None:
    text = "Mayor Rhea Dunmore criticized the new parking rules on Friday."
    (a,) = run(text)
    assert a.cue == "criticize" and a.speaker_canonical == "Rhea Dunmore"
    assert a.content_start is not None
    assert "parking rules" in text[a.content_start : a.content_end]


def test_call_on_and_naming_frame(run: Run) -> None:
    text = ("Councillor Ivo Praska called on the board to resign. "
            "Ivo Praska called the budget “a betrayal of taxpayers.”")
    atts = run(text)
    assert [a.cue for a in atts] == ["call on", "call"]
    naming = atts[1]
    assert naming.content_start is not None
    assert "betrayal" in text[naming.content_start : naming.content_end]


def test_call_without_named_complement_is_no_cue(run: Run) -> None:
    text = "Ivo Praska called his sister on Tuesday. He noticed what she called a garden."
    assert [a.cue for a in run(text)] == []


def test_speaker_label_opens_paragraph(run: Run) -> None:
    text = ("Senator Lio Varga spoke at the plant on Monday.\n"
            "VARGA: We will keep this plant open.\n"
            "Weather: Rain is expected.")
    atts = run(text)
    labels = [a for a in atts if text[a.start : a.end].endswith(":")]
    assert len(labels) == 1
    (a,) = labels
    assert a.speaker == "VARGA"
    assert a.content_start is not None
    assert text[a.content_start : a.content_end] == "We will keep this plant open."


def test_dash_signs_a_quote_at_paragraph_end(run: Run) -> None:
    text = "“The new bus line changed my week. I get home an hour earlier.” ― Mara Eldwin"
    (a,) = run(text)
    assert a.speaker == "Mara Eldwin" and a.direct is True
    assert a.content_start == 0 and a.content_end is not None
    assert "bus line" in text[a.content_start : a.content_end]


def test_poll_as_prepositional_source(run: Run) -> None:
    text = "In the latest Brannock survey, Ilse Moravec leads by four points."
    (a,) = run(text)
    assert a.speaker is not None and "survey" in a.speaker
    assert a.content_start is not None
    assert "leads by four points" in text[a.content_start : a.content_end]


def test_in_with_other_nouns_is_no_cue(run: Run) -> None:
    assert run("In the latest budget, Ilse Moravec cut road spending.") == []


def test_saying_after_preposition_takes_the_main_subject(run: Run) -> None:
    text = "Dr. Pell Aranda opened the hearing by saying that the clinic would close."
    (a,) = run(text)
    assert a.cue == "say" and a.speaker_canonical is not None and "Aranda" in a.speaker_canonical
    assert a.content_start is not None
    assert "clinic would close" in text[a.content_start : a.content_end]


def test_share_of_respondents_and_described_those_speak(run: Run) -> None:
    text = ("In the Corvin poll, 61 percent said the mayor should resign. "
            "Those close to the mayor say she will stay.")
    atts = by_cue(run(text), "say")
    assert [a.speaker for a in atts] == ["61 percent", "Those close to the mayor"]


def test_continue_is_a_cue_only_next_to_a_quote(run: Run) -> None:
    text = ("Nadia Koret continued, “The ferry must run all winter.” "
            "Nadia Koret continued to work on the ferry plan.")
    atts = run(text)
    assert [a.cue for a in atts] == ["continue"]
    assert atts[0].direct is True


def test_point_out(run: Run) -> None:
    text = "Economist Tobin Ferrel pointed out that rents rose twice as fast as wages."
    (a,) = run(text)
    assert a.cue == "point out"
    assert a.content_start is not None
    assert "rents rose" in text[a.content_start : a.content_end]


def test_possessive_author_of_a_claim_with_that_clause(run: Run) -> None:
    text = "Reporters checked Senator Ula Brisk's claim that the dam leaks."
    (a,) = run(text)
    assert a.cue == "claim" and a.speaker is not None and "Ula Brisk" in a.speaker
    assert a.content_start is not None
    assert "the dam leaks" in text[a.content_start : a.content_end]


def test_possessive_claim_repeated_by_another_speaker_is_not_a_second_attribution(
        run: Run) -> None:
    text = "Mayor Edda Quill repeated Senator Ula Brisk's warning that the dam leaks."
    assert [a.cue for a in run(text)] == ["repeat"]


def test_cue_under_a_plain_verb_takes_its_subject(run: Run) -> None:
    text = "Commissioner Vale Ostrom went on to say that the port would reopen."
    atts = by_cue(run(text), "say")
    assert len(atts) == 1 and atts[0].speaker_canonical is not None
    assert "Ostrom" in atts[0].speaker_canonical


def test_evaluation_verbs_of_praise_and_blame(run: Run) -> None:
    text = "Governor Ines Palo hailed the ruling. Rival Dario Fenn mocked the governor's plan."
    assert [a.cue for a in run(text)] == ["hail", "mock"]


def test_accuse_of_and_urge_to_carry_their_content(run: Run) -> None:
    text = ("Senator Yara Belk accused the agency of hiding the audit. "
            "Yara Belk urged the board to publish it.")
    atts = run(text)
    assert [a.cue for a in atts] == ["accuse", "urge"]
    accuse, urge = atts
    assert accuse.content_start is not None and urge.content_start is not None
    assert "hiding the audit" in text[accuse.content_start : accuse.content_end]
    assert "publish it" in text[urge.content_start : urge.content_end]


def test_speak_about_and_liken(run: Run) -> None:
    text = ("Chief Nola Strand spoke about the flooding in the lower town. "
            "Nola Strand likened the storm to a siege.")
    atts = run(text)
    assert [a.cue for a in atts] == ["speak about", "liken"]
    assert atts[0].content_start is not None
    assert "flooding" in text[atts[0].content_start : atts[0].content_end]


def test_declining_is_a_stance_but_not_inside_another_cue(run: Run) -> None:
    assert [a.cue for a in run("Trustee Mel Orvik declined to comment on the sale.")] == [
        "decline"]
    assert [a.cue for a in run("Mel Orvik said he refuses to resign.")] == ["say"]


def test_document_subjects_speak(run: Run) -> None:
    text = "Data from the Corvin Institute indicate that wages fell in May."
    (a,) = run(text)
    assert a.cue == "indicate" and a.speaker is not None and a.speaker.startswith("Data")


def test_compare_to_and_talk_about(run: Run) -> None:
    text = ("Professor Jun Arkwell compared the reform to a tax on renters. "
            "Jun Arkwell talked about the housing queue.")
    atts = run(text)
    assert [a.cue for a in atts] == ["compare", "talk about"]
    assert atts[0].content_start is not None
    assert "tax on renters" in text[atts[0].content_start : atts[0].content_end]


# ---------------------------------------------------------------- recall rules


def content(text: str, a: Attribution) -> str:
    assert a.content_start is not None and a.content_end is not None
    return text[a.content_start : a.content_end]


def test_as_clause_comment_puts_content_in_main_clause(run: Run) -> None:
    text = "As the finance minister put it, the new quay will never pay for itself."
    (a,) = run(text)
    assert a.cue == "put" and a.speaker == "the finance minister"
    assert content(text, a) == "the new quay will never pay for itself"
    text = "As Tovan Reed noted, the ferry has not run since March."
    (a,) = run(text)
    assert a.cue == "note" and a.speaker_canonical == "Tovan Reed"
    assert content(text, a) == "the ferry has not run since March"


def test_put_outside_an_as_clause_is_no_cue(run: Run) -> None:
    assert run("Tovan Reed put the boxes in the van on Friday.") == []


def test_particle_apart_from_the_verb(run: Run) -> None:
    text = "Mayor Ilse Varga spoke warmly of the volunteers who rebuilt the school."
    (a,) = run(text)
    assert a.cue == "speak of" and a.speaker == "Mayor Ilse Varga"
    assert "the volunteers who rebuilt the school" in content(text, a)


def test_participle_topic_is_not_a_second_cue(run: Run) -> None:
    text = "Speaking of the harbour, Mayor Ilse Varga said the quay would open in May."
    (a,) = run(text)
    assert a.cue == "say" and a.speaker == "Mayor Ilse Varga"
    assert content(text, a) == "the quay would open in May"


def test_gerund_object_is_the_content(run: Run) -> None:
    text = "The council proposed closing the bridge to lorries."
    (a,) = run(text)
    assert a.cue == "propose" and a.speaker == "The council"
    assert content(text, a) == "closing the bridge to lorries"


def test_coordinated_clause_with_own_subject_is_its_own_cue(run: Run) -> None:
    text = "Tovan Reed proposed a new levy, but economists agreed it would hurt farmers."
    atts = run(text)
    agree = by_cue(atts, "agree")
    assert len(agree) == 1 and agree[0].speaker == "economists"
    assert content(text, agree[0]) == "it would hurt farmers"
    assert by_cue(atts, "propose")


def test_attitude_inside_a_reported_clause_stays_one_attribution(run: Run) -> None:
    text = "Tovan Reed said the talks went well and that they believed a deal was near."
    (a,) = run(text)
    assert a.cue == "say"


def test_name_closing_an_opening_phrase_is_the_subject(run: Run) -> None:
    text = ("In an interview with the editorial board of the Harbour Gazette Ilse Varga said"
            " that the levy would go.")
    atts = by_cue(run(text), "say")
    assert len(atts) == 1
    assert atts[0].speaker is not None and atts[0].speaker.endswith("Varga")
    assert content(text, atts[0]) == "that the levy would go"


def test_it_is_the_body_of_the_sentence_before(run: Run) -> None:
    text = "The port authority sent a letter on Monday. It says the quay breaks safety rules."
    atts = by_cue(run(text), "say")
    assert len(atts) == 1 and atts[0].speaker == "It"
    assert content(text, atts[0]) == "the quay breaks safety rules"


def test_expletive_it_after_an_event_is_no_speaker(run: Run) -> None:
    assert by_cue(run("The storm hit the coast. It says a lot about the levees."), "say") == []


def test_relative_who_makes_the_noun_a_speaker(run: Run) -> None:
    text = "A plumber who said he was never paid has sued the developer."
    atts = by_cue(run(text), "say")
    assert len(atts) == 1 and atts[0].speaker is not None
    assert atts[0].speaker.startswith("A plumber")
    assert content(text, atts[0]) == "he was never paid"


def test_according_to_a_common_noun_but_not_to_plan(run: Run) -> None:
    text = "The ferry was delayed for hours, according to stranded passengers."
    (a,) = run(text)
    assert a.cue == "according to" and a.speaker == "stranded passengers"
    assert content(text, a) == "The ferry was delayed for hours"
    assert run("The ferry sailed according to plan.") == []


def test_proform_object_stands_for_the_statement(run: Run) -> None:
    text = "Sixty percent of farmers backed the levy, and 40 percent of fishers said the same."
    atts = by_cue(run(text), "say")
    assert len(atts) == 1 and atts[0].speaker == "40 percent of fishers"
    assert content(text, atts[0]) == "the same"


def test_generic_pronoun_subjects_are_generic_speakers(run: Run) -> None:
    text = "Some argue that the levy will drive fishers away."
    (a,) = run(text)
    assert a.cue == "argue" and a.speaker == "Some" and a.named is False
    assert content(text, a) == "that the levy will drive fishers away"


def test_bare_cue_with_nothing_after_has_no_content(run: Run) -> None:
    text = "Tovan Reed said the levy was fair. Others disagreed."
    atts = by_cue(run(text), "disagree")
    assert len(atts) == 1 and atts[0].speaker == "Others"
    assert atts[0].content_start is None and atts[0].direct is False


def test_speech_verb_with_clause_takes_any_noun_subject(run: Run) -> None:
    text = "Shipbuilders warned that the new quay would be too shallow."
    (a,) = run(text)
    assert a.cue == "warn" and a.speaker == "Shipbuilders"
    assert content(text, a) == "that the new quay would be too shallow"
    # an evidence verb keeps the speaker test: an event is not a speaker
    assert by_cue(run("The flood showed that the quay was too low."), "show") == []


def test_agentless_passive_of_an_expectation(run: Run) -> None:
    text = "The new quay is expected to open in May."
    (a,) = run(text)
    assert a.cue == "expect" and a.speaker is None and a.speaker_kind == "anonymous"
    assert content(text, a) == "to open in May"


def test_preposition_carrying_the_content(run: Run) -> None:
    text = "Ilse Varga complained about the noise from the new quay."
    (a,) = run(text)
    assert a.cue == "complain" and a.speaker == "Ilse Varga"
    assert content(text, a) == "about the noise from the new quay"
    text = "Tovan Reed pointed to the flood maps from last winter."
    (a,) = run(text)
    assert a.cue == "point to" and content(text, a).startswith("to the flood maps")


def test_see_as_is_a_view_but_not_what_one_sees_as(run: Run) -> None:
    text = "Farmers see the levy as a tax on their livelihood."
    (a,) = run(text)
    assert a.cue == "see as" and a.speaker == "Farmers"
    assert "a tax on their livelihood" in content(text, a)
    assert by_cue(run("Tovan Reed attacked what he sees as a tax on fishers."), "see as") == []


def test_possessive_author_with_to_infinitive(run: Run) -> None:
    text = "Ilse Varga's promise to rebuild the school won praise."
    atts = by_cue(run(text), "promise")
    assert len(atts) == 1
    assert content(text, atts[0]) == "to rebuild the school"


def test_outlet_report_keeps_modal_conjuncts_in_its_content(run: Run) -> None:
    text = ("Reuters reported in May that Morvek was ready to sign a deal, but would "
            "refuse to give up the island and would insist on a new vote.")
    a = next(x for x in run(text) if x.speaker == "Reuters")
    assert a.content_end is not None
    assert text[a.content_start : a.content_end].endswith("would insist on a new vote")


def test_quote_paragraph_continues_reported_speech_with_a_verb_of_saying(run: Run) -> None:
    text = ("Talks on the dam would resume in May, two Kaldorian officials added.\n"
            "“So yes, we are ready to sign, but only with guarantees.”")
    atts = run(text)
    assert len(atts) == 1  # the quote paragraph gets no attribution of its own
    assert atts[0].content_end is not None and atts[0].content_end >= text.index("guarantees")


def test_quote_paragraph_does_not_continue_an_according_to(run: Run) -> None:
    text = ("Talks on the dam would resume in May, according to Kaldorian officials.\n"
            "“So yes, we are ready to sign, but only with guarantees.”")
    atts = run(text)
    assert atts and all(a.content_end is None or a.content_end < text.index("“") for a in atts)
