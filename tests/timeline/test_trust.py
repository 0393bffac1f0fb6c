"""A timeline an analyst can trust: whole sentences, honest date bases, copies collapsed,
third-party opinions kept apart, denied reports marked and never the ground of a shift."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.records import ExtractedDocument
from newstrace.store import Store
from newstrace.store.rows import AttributionRow, SignalRow
from newstrace.timeline.dates import date_label
from newstrace.timeline.evidence import whole_sentence
from newstrace.timeline.shifts import position_timeline, report_of
from newstrace.timeline.voice import third_party

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]


def test_whole_sentence_keeps_the_trigger_offsets() -> None:
    ev = whole_sentence('The former official added, "He’s not willing to retreat 1 metre.”',
                        "’s not willing to retreat 1 metre")
    assert ev.sentence.startswith("The former official added")
    assert ev.trigger == "’s not willing to retreat 1 metre"
    before, trigger, after = ev.parts()
    assert before + trigger + after == ev.sentence


def test_whole_sentence_drops_a_header_stamp_and_other_lines() -> None:
    sentence = "Putin willing to stop\ndate 2023-12-24 President Vladimir Putin is willing to talk, NYT said."
    ev = whole_sentence(sentence, "is willing to talk")
    assert ev.sentence == "President Vladimir Putin is willing to talk, NYT said."
    assert ev.trigger == "is willing to talk"


def test_whole_sentence_falls_back_to_the_span() -> None:
    ev = whole_sentence("Another sentence.", "not inside")
    assert (ev.sentence, ev.trigger) == ("not inside", "not inside")


@pytest.mark.parametrize(("date", "basis", "label"), [
    ("2022-03-01", "seen", "≤ 2022-03-01 (seen)"),
    ("2019", "copyright", "≤ 2019 (copyright)"),
    ("2024-01-26", "published", "2024-01-26"),
    (None, "none", "undated"),
])
def test_date_labels_never_present_a_bound_as_a_date(date: str | None, basis: str, label: str) -> None:
    assert date_label(date, basis) == label


def _signal(**kw: object) -> SignalRow:
    base = dict(id="s1", doc_id="d1", doc_name="a.txt", outlet=None, origin=None, published=None, start=0,
                end=5, raw_start=0, raw_end=5, evidence="ready", sentence="ready", actor="Vladimir Putin",
                actor_text="Putin", type="intent_to_negotiate", topics=["negotiations"], polarity="positive",
                when=None, when_precision=None, when_evidence=None, source_kind="on_record", source_by=None,
                source_via=None, attribution_id=None, event_date="2024-01-01", event_basis="published")
    base.update(kw)
    return SignalRow(**base)  # type: ignore[arg-type]


def _attribution(**kw: object) -> AttributionRow:
    base = dict(id="a1", doc_id="d1", doc_name="a.txt", outlet=None, start=0, end=5, raw_start=0, raw_end=5,
                evidence="said", sentence="said", speaker="Donald Trump", speaker_canonical="Donald Trump",
                speaker_kind="person", named=True, cue="say", direct=False, via=None, content=None,
                force="neutral")
    base.update(kw)
    return AttributionRow(**base)  # type: ignore[arg-type]


def test_a_third_partys_assessment_is_its_own_signal() -> None:
    # Trump believes Putin would wish to end the war: Trump's view, not Putin's position.
    s = _signal(certainty="speculative", source_by="Donald Trump", attribution_id="a1")
    assert third_party(s, _attribution()) == "Donald Trump"
    # The same side speaking (the Kremlin for Putin) is Putin's own voice.
    own = _attribution(speaker="Kremlin", speaker_canonical="Kremlin", speaker_kind="government")
    assert third_party(s, own) is None
    # A third party stating a fact plainly (mediators announce the truce) is a report, not an opinion.
    assert third_party(_signal(certainty="confirmed"), _attribution()) is None
    # An outlet relaying is never a voice.
    media = _attribution(speaker="Bloomberg", speaker_canonical="Bloomberg", speaker_kind="media")
    assert third_party(_signal(certainty="speculative"), media) is None


def test_unvoiced_sentence_with_a_third_partys_doubt_is_that_partys_opinion() -> None:
    s = _signal(polarity="negative", source_kind="reported")
    doubt = _signal(id="s2", actor="United States", type="doubt")
    assert third_party(s, None, [s, doubt]) == "United States"
    own_denial = _signal(id="s3", actor="Kremlin", type="deny")
    assert third_party(s, None, [s, own_denial]) is None


def test_denied_and_third_party_reports_are_set_aside_from_shifts() -> None:
    from newstrace.timeline.marks import AnswerLink, ClaimMark

    ready = _signal(id="s1", event_date="2024-01-01", sentence="Putin is ready to talk.", evidence="ready")
    refuses = _signal(id="s2", type="reject", event_date="2024-02-01", sentence="Putin refuses talks.",
                      evidence="refuses")
    opinion = _signal(id="s3", type="reject", event_date="2024-03-01", sentence="US: Putin won't talk.",
                      evidence="won't talk")
    denial = AnswerLink(kind="deny", mark="denied", actor="Kremlin", signal_id="s9", doc_id="d9",
                        doc_name="b.txt", published="2024-02-02")
    marks = {"s2": ClaimMark(claim_id="c1", status="denied", answers=[denial])}
    pt = position_timeline([ready, refuses, opinion], actor="Vladimir Putin", stream="talks",
                           topics=frozenset({"negotiations"}), origins={}, marks=marks,
                           voices={"s3": "United States"})
    assert pt.shifts == []  # the only later positions are denied or someone else's opinion
    assert {r.signal_id: r.set_aside_because() for r in pt.set_aside} == {
        "s2": "denied", "s3": "opinion of United States"}
    without = position_timeline([ready, refuses], actor="Vladimir Putin", stream="talks",
                                topics=frozenset({"negotiations"}), origins={})
    assert len(without.shifts) == 1  # the same reports, unanswered, do make a shift
    rep = report_of(refuses, {}, mark=marks["s2"])
    assert rep.marks == ["denied"] and rep.answers[0]["signal_id"] == "s9"


def test_copies_collapse_into_one_entry_with_their_outlets(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    text = "Putin offered talks without preconditions on Monday, officials said."
    a = make_extracted(text, name="a.txt", outlet="Wire One",
                       signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    b = make_extracted(text + "\nMore from Wire Two.", name="b.txt", outlet="Wire Two",
                       signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    other = make_extracted("Putin rejected the plan.", name="c.txt", outlet="Wire One",
                           signals=[("Putin rejected the plan", "Vladimir Putin", "reject", None)])
    store = store_of(tmp_path / "t.db", [a, b, other])
    entries = store.timeline("Putin")
    assert len(entries) == 2
    talks = next(e for e in entries if e.type == "intent_to_negotiate")
    assert talks.outlets == ["Wire One", "Wire Two"] and len(talks.copies) == 1
    assert talks.outlet_line() == "Wire One + Wire Two"


def test_crawl_time_places_undated_entries_as_an_upper_bound(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    doc = make_extracted("Putin offered talks.", name="a.txt", published=None,
                         signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    raw = dataclasses.replace(doc.dated.clean.raw, extra={"seen": "2022-03-01T10:00:00Z"})
    clean = dataclasses.replace(doc.dated.clean, raw=raw)
    doc = dataclasses.replace(doc, dated=dataclasses.replace(doc.dated, clean=clean))
    store = store_of(tmp_path / "t.db", [doc])
    [e] = store.timeline("Putin")
    assert e.date is None and e.date_bound == "2022-03-01" and e.date_basis == "seen"
    assert e.date_label == "≤ 2022-03-01 (seen)"
    assert store.timeline("Putin", since="2022-03-02") == []
    assert len(store.timeline("Putin", until="2022-03")) == 1


def test_every_list_result_has_to_pandas(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    from newstrace.store.catalog import actor_counts, topic_counts
    from newstrace.timeline.shifts import actor_shifts

    doc = make_extracted("Putin offered talks.", name="a.txt",
                         signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    store = store_of(tmp_path / "p.db", [doc])
    doc_id = doc.dated.clean.raw.doc_id
    results = [store.documents(), store.signals(), store.attributions(), store.timeline("Putin"),
               store.claims(), store.copies(), store.rejections(), store.lines(doc_id), store.sources(doc_id),
               actor_shifts(store, actor="Putin"), actor_counts(store), topic_counts(store)]
    for rows in results:
        frame = rows.to_pandas()
        assert len(frame) == len(rows)
    assert store.lines(doc_id).to_pandas()["cls"].tolist() == ["body"]


@pytest.mark.skipif(not (Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds").is_dir(),
                    reason="../shared is not present")
def test_a_third_partys_opinion_is_on_its_own_timeline(tmp_path: Path) -> None:
    """"US officials opine … not genuine willingness by Putin" is the United States' signal about Putin."""
    import newstrace

    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
    with newstrace.open(tmp_path / "s.db") as store:
        store.ingest([seeds])
        us = store.timeline("United States")
        putin = store.timeline("Putin")
    opinion = [e for e in us if "genuine willingness" in e.sentence]
    assert opinion and opinion[0].voiced_by == "United States" and opinion[0].actor == "Vladimir Putin"
    assert opinion[0].voice_line() == "opinion of United States about Vladimir Putin"
    same = [e for e in putin if e.signal_id == opinion[0].signal_id]
    assert same and same[0].voiced_by == "United States"


def test_a_restatement_of_a_denied_report_in_the_same_article_is_denied() -> None:
    from newstrace.timeline.marks import AnswerLink, ClaimMark, within_document

    report = _signal(id="s1", doc_id="d5", type="concession")
    restated = _signal(id="s2", doc_id="d5", type="concession", sentence="The president may drop it.")
    other_type = _signal(id="s3", doc_id="d5", type="demand")
    elsewhere = _signal(id="s4", doc_id="d6", type="concession")
    denial = AnswerLink(kind="deny", mark="denied", actor="Office", signal_id="s9", doc_id="d5",
                        doc_name="05.txt", published=None)
    marks = within_document([report, restated, other_type, elsewhere],
                            {"s1": ClaimMark(claim_id="c1", status="denied", answers=[denial])})
    assert set(marks) == {"s1", "s2"} and marks["s2"].marks == ["denied"]
