"""Signal extraction on invented sentences: types, polarity, scope, sources, times."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from newstrace.extract.signal_codes import signal_codes
from newstrace.extract.signals import extract_signals
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


@pytest.fixture
def run(make_parsed: MakeParsed) -> Run:
    def _run(text: str, attributions: tuple[Attribution, ...] = ()) -> list[Signal]:
        return list(extract_signals(make_parsed(text), attributions))

    return _run


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
        ("Germany will send more air defence systems to Ukraine.", "aid", "Germany"),
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
    text = "Putin may be willing to consider dropping his demand for Ukrainian neutrality."
    s = one(run(text), "concession")
    assert s.polarity == "hedged"
    assert "nato" in s.topics


# ------------------------------------------------------------------ conditions


def test_condition_does_not_make_its_own_signal(run: Run) -> None:
    text = "Kyiv is ready to negotiate only if Russian troops withdraw from Zaporizhzhia."
    signals = run(text)
    s = one(signals, "intent_to_negotiate")
    assert s.actor == "Ukraine" and s.polarity == "positive"
    assert [x.type for x in signals] == ["intent_to_negotiate"]


def test_provided_that_clause_stays_in_the_evidence(run: Run) -> None:
    text = "Moscow is ready to talk, provided that the West stops arming Kyiv."
    s = one(run(text), "intent_to_negotiate")
    assert s.actor == "Russia"
    assert not [x for x in run(text) if x.type == "aid"]


def test_without_preconditions_is_not_negation(run: Run) -> None:
    text = "Putin has expressed willingness to engage in negotiations without preconditions."
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
    text = "Reuters reported that Putin was ready to negotiate a deal."
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
