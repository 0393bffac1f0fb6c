"""Actors no table lists, canonicalised per document (issue 12 item 4).

Two invented short articles about conflicts other than Russia–Ukraine: trade talks
between the US and China, and a hostage negotiation. The texts are written for
these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.extract.actor_names import doc_names
from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.signals.rules import extract_signals
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal

TRADE = (
    "GENEVA — U.S. Treasury Secretary Scott Bessent said on Sunday that talks with China had "
    "made substantial progress.\n"
    "Chinese Vice Premier He Lifeng told reporters the two sides had reached an important consensus.\n"
    "Bessent said the tariff truce would hold for ninety days. He added that Washington wanted "
    "more access for its farmers.\n"
    "He Lifeng said Beijing was ready to cut its duties on American soybeans.\n"
    "The two sides agreed to meet again next month, the negotiators said.\n"
)

HOSTAGE = (
    "DOHA — Israeli Prime Minister Benjamin Netanyahu's office said on Monday that a delegation "
    "would travel to Qatar for talks on the release of the hostages.\n"
    "Hamas official Basem Naim said the group was ready to free ten captives in exchange for a "
    "ceasefire.\n"
    "Netanyahu said Israel would not stop the war until every hostage came home.\n"
    "The prime minister added that he had rejected the latest proposal.\n"
    "Both sides accused each other of stalling, mediators said.\n"
    "Naim told Al Jazeera that the movement rejected any deal without a full withdrawal.\n"
)

Extracted = tuple[ParsedDocument, list[Attribution], list[Signal]]


@pytest.fixture(scope="module")
def extracted(make_parsed: Callable[[str], ParsedDocument]) -> Callable[[str], Extracted]:
    cache: dict[str, Extracted] = {}

    def _run(text: str) -> Extracted:
        if text not in cache:
            parsed = make_parsed(text)
            atts = list(extract_attributions(parsed))
            cache[text] = (parsed, atts, list(extract_signals(parsed, atts)))
        return cache[text]

    return _run


def speaker(atts: list[Attribution], written: str) -> Attribution:
    found = [a for a in atts if a.speaker == written]
    assert found, f"no attribution with speaker {written!r}: {[a.speaker for a in atts]}"
    return found[0]


def test_surname_merges_with_full_name_and_he_lifeng_keeps_he(
        extracted: Callable[[str], Extracted]) -> None:
    _, atts, _ = extracted(TRADE)
    full = speaker(atts, "U.S. Treasury Secretary Scott Bessent")
    short = speaker(atts, "Bessent")
    assert full.speaker_canonical == short.speaker_canonical == "Scott Bessent"
    assert short.speaker_kind == "person"  # the tagger calls the bare surname an organisation
    assert speaker(atts, "He Lifeng").speaker_canonical == "He Lifeng"
    assert speaker(atts, "Chinese Vice Premier He Lifeng").speaker_canonical == "He Lifeng"
    assert "Lifeng" not in {a.speaker_canonical for a in atts}


def test_pronouns_and_titles_resolve_to_the_named_person(
        extracted: Callable[[str], Extracted]) -> None:
    _, trade, _ = extracted(TRADE)
    assert speaker(trade, "He").speaker_canonical == "Scott Bessent"
    _, hostage, signals = extracted(HOSTAGE)
    assert speaker(hostage, "Netanyahu").speaker_canonical == "Benjamin Netanyahu"
    titled = speaker(hostage, "The prime minister")
    assert titled.speaker_canonical == "Benjamin Netanyahu" and titled.named
    assert speaker(hostage, "he").speaker_canonical == "Benjamin Netanyahu"
    assert speaker(hostage, "Naim").speaker_canonical == "Basem Naim"
    rejected = [s for s in signals if s.type == "reject" and "latest proposal" in HOSTAGE[s.start:s.end]]
    assert [s.actor for s in rejected] == ["Benjamin Netanyahu"]


def test_datelines_and_group_nouns_never_become_actors(
        extracted: Callable[[str], Extracted]) -> None:
    for text in (TRADE, HOSTAGE):
        _, atts, signals = extracted(text)
        names = {a.speaker_canonical for a in atts} | {s.actor for s in signals}
        assert not names & {"GENEVA", "DOHA", "sides", "Both sides", "two sides", "group", "movement"}
    parsed, _, _ = extracted(HOSTAGE)
    dateline = parsed.doc[0]
    assert dateline.text == "DOHA" and doc_names(parsed.doc).person_at(dateline) is None


def test_the_two_sides_are_the_two_parties_named_before(
        extracted: Callable[[str], Extracted]) -> None:
    _, _, trade = extracted(TRADE)
    agreed = {s.actor for s in trade if "agreed to meet" in TRADE[s.start:s.end]}
    assert agreed == {"United States", "China"}
    _, _, hostage = extracted(HOSTAGE)
    accused = {s.actor for s in hostage if s.type == "accuse"}
    assert accused == {"Israel", "Hamas"}


def test_office_speaks_for_its_named_owner_and_the_group_is_its_organisation(
        extracted: Callable[[str], Extracted]) -> None:
    _, atts, signals = extracted(HOSTAGE)
    office = speaker(atts, "Israeli Prime Minister Benjamin Netanyahu's office")
    assert office.speaker_canonical == "Benjamin Netanyahu's office"
    assert office.named and office.speaker_kind == "government"
    ready = [s for s in signals if "ready to free" in HOSTAGE[s.start:s.end]]
    assert ready and {s.actor for s in ready} == {"Hamas"}


def test_a_name_after_a_title_is_the_speaker_but_not_after_for(
        extracted: Callable[[str], Extracted]) -> None:
    text = (
        "Qatar's ambassador to the US Omar Haddad said the hostages were safe.\n"
        "A spokesman for Netanyahu said the offer was under review.\n"
    )
    _, atts, _ = extracted(text)
    envoy = speaker(atts, "Qatar's ambassador to the US Omar Haddad")
    assert envoy.speaker_canonical == "Omar Haddad" and envoy.speaker_kind == "person"
    spokesman = speaker(atts, "A spokesman for Netanyahu")
    assert spokesman.speaker_canonical is None and not spokesman.named


def test_name_table_ambiguity_family_names_titles_and_acronyms(nlp: object) -> None:
    doc = nlp(  # type: ignore[operator]
        "Supreme Leader Ayatollah Ali Khamenei met Chinese President Xi Jinping in Tehran.\n"
        "Trade envoys Anna Lindqvist and Erik Lindqvist signed the accord.\n"
        "The Accountability Review Board, or ARB, found no fault.\n")
    names = doc_names(doc)
    assert names.person("Khamenei") == "Ali Khamenei"
    assert names.person("Mr. Khamenei's") == "Ali Khamenei"
    assert names.person("Xi") == "Xi Jinping"  # a family name written first
    assert names.person("Lindqvist") == "Lindqvist"  # two people fit: left as written
    assert names.expand("ARB") == "Accountability Review Board"
    assert names.titled(frozenset({"president"}), len(doc)) == "Xi Jinping"
