"""Whose account a signal is, and when it happened: invented sentences.

Source rules are tested on hand-built attributions (so they do not depend on
the attribution extractor); time rules run the whole pipeline on invented
articles with a publication date given as metadata.
"""

from __future__ import annotations

from newstrace import ids, pipeline
from newstrace.extract.signals.source import link_attribution, source_of
from newstrace.records import Attribution, ExtractedDocument, RawDocument, Signal


def _att(text: str, speaker: str, cue_words: str, cue: str, *, content: str | None,
         canonical: str | None = None, named: bool = True, kind: str = "person",
         sentence: tuple[int, int] | None = None) -> Attribution:
    """An attribution spanning ``speaker ... cue_words`` with ``content`` as its content."""
    start = text.index(speaker)
    end = text.index(cue_words, start) + len(cue_words)
    cs = text.index(content) if content else None
    ce = cs + len(content) if cs is not None and content else None
    lo, hi = sentence or (0, len(text))
    return Attribution(
        id=f"a{start}", start=start, end=end, speaker=speaker, speaker_canonical=canonical,
        speaker_kind=kind, named=named, cue=cue, direct=False, via=None,  # type: ignore[arg-type]
        content_start=cs, content_end=ce, sentence_start=lo, sentence_end=hi,
    )


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


# ------------------------------------------------------------------ source


def test_own_act_in_the_perfect_is_the_outlets_summary() -> None:
    text = "Ruritania's president has called for an immediate truce along the river."
    att = _att(text, "Ruritania's president", "called for", "call for",
               content="an immediate truce along the river", canonical="President of Ruritania")
    start, end = _at(text, "called")
    assert link_attribution(start, end, (att,)) is att
    assert source_of(att, text, start).kind == "reported"
    start, _ = _at(text, "truce")  # the cue's object is the act too
    assert source_of(att, text, start).kind == "reported"


def test_own_act_told_as_news_is_on_record() -> None:
    text = "Defence Minister Jan Orlik recently voiced scepticism about the talks."
    att = _att(text, "Defence Minister Jan Orlik", "voiced", "voice",
               content="scepticism about the talks", canonical="Jan Orlik")
    start, _ = _at(text, "scepticism")
    src = source_of(att, text, start)
    assert (src.kind, src.by) == ("on_record", "Jan Orlik")


def test_what_a_speaker_has_said_stays_on_record() -> None:
    text = "The president has repeatedly said that he is ready to talk about peace."
    att = _att(text, "The president", "said", "say",
               content="that he is ready to talk about peace", canonical="President of Ruritania")
    start, _ = _at(text, "ready")
    assert source_of(att, text, start).kind == "on_record"


def test_a_speakers_own_cue_beats_a_content_that_runs_over_it() -> None:
    # the parser let the first speaker's content run over the second clause
    text = "Mr Vance says he thinks the general is serious, though other leaders disagree."
    vance = _att(text, "Mr Vance", "says", "say", content="he thinks the general is serious, "
                 "though other leaders disagree", canonical="Mr Vance")
    others = _att(text, "other leaders", "disagree", "disagree", content="he thinks the general "
                  "is serious", named=False, kind="anonymous")
    start, end = _at(text, "disagree")
    linked = link_attribution(start, end, (vance, others))
    assert linked is others
    assert source_of(linked, text, start).kind == "anonymous"


def test_a_reported_act_of_speaking_is_the_outer_speakers_account() -> None:
    text = "The palace confirmed that the king has expressed willingness to negotiate."
    palace = _att(text, "The palace", "confirmed", "confirm",
                  content="the king has expressed willingness to negotiate", canonical="Palace",
                  kind="government")
    king = _att(text, "the king", "expressed", "express",
                content="willingness to negotiate", canonical="King of Ruritania")
    start, end = _at(text, "willingness")
    for given in (None, text):
        linked = link_attribution(start, end, (palace, king), text=given)
        assert linked is palace
        assert source_of(linked, text, start).kind == "on_record"
    start, end = _at(text, "expressed")
    assert link_attribution(start, end, (palace, king)) is palace


def test_a_later_speaker_does_not_take_an_earlier_claim() -> None:
    # "X claimed ... and bloggers said ...": the bloggers' content span reaches back
    text = "Moscow claimed further advances there and bloggers said the troops were leaving."
    moscow = _att(text, "Moscow", "claimed", "claim", content="further advances there",
                  canonical="Russia", kind="government")
    bloggers = _att(text, "bloggers", "said", "say", content=text[:-1], named=False, kind="group")
    start, end = _at(text, "advances")
    assert link_attribution(start, end, (moscow, bloggers)) is moscow


def test_quoted_words_after_the_content_belong_to_the_one_speaker() -> None:
    text = ("He noted that some items “look acceptable,” whilst others “are not suitable for us.” "
            "Others were rejected outright.")
    first = text.index(" Others")
    att = _att(text, "He", "noted", "note", content="that some items “look acceptable,”",
               canonical="Adviser Brann", sentence=(0, first))
    start, end = _at(text, "suitable")
    assert link_attribution(start, end, (att,), text=text) is att
    assert link_attribution(start, end, (att,)) is None  # without the text: nothing to go on
    # an unquoted clause after the content is the writer's own
    start, end = _at(text, "whilst")
    assert link_attribution(start, end, (att,), text=text) is None


# ------------------------------------------------------------------ time


def _signals(text: str, published: str) -> list[Signal]:
    raw = RawDocument(doc_id=ids.doc_id(text), name="t.txt", text=text, format="text",
                      published=published)
    (doc,) = list(pipeline.run([raw]))
    assert isinstance(doc, ExtractedDocument)
    return list(doc.signals)


def test_last_september_in_a_december_article() -> None:
    text = "Since last September, Vladimir Putin has been seeking a truce along the front line."
    (s, *_) = [s for s in _signals(text, "2023-12-20") if s.actor == "Vladimir Putin"]
    assert s.when is not None
    assert (s.when.value, s.when.precision) == ("2023-09", "month")


def test_a_fronted_time_covers_every_conjunct() -> None:
    fronted = ("Since last September, Vladimir Putin has been seeking a truce along the front "
               "line, and he may even be willing to accept a deal with Kyiv.")
    found = [s for s in _signals(fronted, "2023-12-20") if s.actor == "Vladimir Putin"]
    assert len(found) >= 2
    assert {s.when.value if s.when else None for s in found} == {"2023-09"}
    # at the end of the first clause it is that clause's time only
    trailing = ("Vladimir Putin has been seeking a truce along the front line since last "
                "September, and he may even be willing to accept a deal with Kyiv.")
    found = [s for s in _signals(trailing, "2023-12-20") if s.actor == "Vladimir Putin"]
    whens = [s.when.value if s.when else None for s in found]
    assert whens[0] == "2023-09" and None in whens[1:]


def test_a_month_with_no_year_in_a_year_only_article() -> None:
    text = "Reuters reported in November that Vladimir Putin was ready to negotiate a deal."
    (s,) = [s for s in _signals(text, "2025") if s.type == "intent_to_negotiate"]
    assert s.when is not None and (s.when.value, s.when.precision) == ("2024-11", "month")
    # June 2024 or June 2025: the text does not say; the month is kept without a value
    text = "Reuters reported in June that Vladimir Putin was ready to negotiate a deal."
    (s,) = [s for s in _signals(text, "2025") if s.type == "intent_to_negotiate"]
    assert s.when is not None and (s.when.value, s.when.evidence) == (None, "in June")


def test_a_later_clause_is_not_embedded_in_the_first_speakers_content() -> None:
    text = ("The general said on Monday that his side is ready to study the plan, but other "
            "leaders have expressed scepticism about it.")
    general = _att(text, "The general", "said", "say", content=text[text.index("his side"):-1],
                   canonical="General Holm")
    others = _att(text, "other leaders", "expressed", "express", content="scepticism about it",
                  named=False, kind="anonymous")
    start, end = _at(text, "scepticism")
    for given in (None, text):
        assert link_attribution(start, end, (general, others), text=given) is others


def test_a_clause_after_the_cue_is_what_the_inner_speaker_says() -> None:
    # "... said the rebels had alleged Kyiv's forces would attack": the attack is the rebels' claim
    text = "The minister said the rebels had alleged that the army would attack them."
    minister = _att(text, "The minister", "said", "say", content=text[text.index("the rebels"):-1],
                    canonical="Minister Vell")
    rebels = _att(text, "the rebels", "alleged", "allege",
                  content="that the army would attack them", named=False, kind="group")
    start, end = _at(text, "attack")
    assert link_attribution(start, end, (minister, rebels), text=text) is rebels


def test_an_act_inside_a_trailing_attribution_is_the_trailing_speakers_account() -> None:
    text = "So far only two states have pledged support for the tribunal, officials said."
    officials = _att(text, "officials", "said", "say", content=text[: text.index(", officials")],
                     named=False, kind="anonymous")
    states = _att(text, "two states", "pledged", "pledge", content="support for the tribunal",
                  named=False, kind="group")
    start, end = _at(text, "pledged")
    linked = link_attribution(start, end, (officials, states))
    assert linked is officials
    assert source_of(linked, text, start).kind == "anonymous"


def test_a_stray_cue_inside_a_quotation_stays_the_quoted_speakers() -> None:
    text = "“We threaten no one, they threaten us,” the minister said."
    minister = _att(text, "the minister", "said", "say", content=text[1: text.index("”")],
                    canonical="Minister Vell")
    they = _att(text, "they", "threaten", "threaten", content="We threaten no one",
                named=False, kind="anonymous")
    start, end = _at(text, "threaten us")
    assert link_attribution(start, end, (minister, they)) is minister


def test_a_trailing_cue_whose_content_runs_on_still_holds_what_precedes() -> None:
    text = "Ruritania calls on the council to act, the ambassador said in his message on Monday."
    amb = _att(text, "the ambassador", "said", "say", content=text[:-1], canonical="Ambassador Roe")
    rur = _att(text, "Ruritania", "calls on", "call on", content="the council to act",
               canonical="Ruritania", kind="government")
    start, end = _at(text, "calls")
    assert link_attribution(start, end, (amb, rur)) is amb
