"""Source profiles (count, standing, role, affiliation, proximity), cue force and via chains."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.attribution.source_profile import cue_force, via_chain, with_profiles
from newstrace.nlp import ParsedDocument
from newstrace.records import NO_PROFILE, Attribution

Run = Callable[[str], list[Attribution]]


@pytest.fixture
def run(make_parsed: Callable[[str], ParsedDocument]) -> Run:
    def _run(text: str) -> list[Attribution]:
        parsed = make_parsed(text)
        return list(with_profiles(parsed, extract_attributions(parsed)))

    return _run


def speaking(atts: list[Attribution], words: str) -> Attribution:
    found = [a for a in atts if a.speaker and words in a.speaker]
    assert found, [a.speaker for a in atts]
    return found[0]


def test_counted_former_senior_officials_with_nationality(run: Run) -> None:
    text = ("Two former senior Norwegian officials told the Harbour Gazette that the ferry "
            "contract would be cancelled before winter.")
    p = speaking(run(text), "officials").profile
    assert p.count == "2"
    assert p.qualifiers == ("former", "senior")
    assert p.roles == ("official",)
    assert p.affiliation == ("Norwegian",)
    assert p.proximity is None


def test_unnumbered_plural_is_two_or_more(run: Run) -> None:
    text = "Unnamed Danish diplomats said the harbour talks had stalled over fishing quotas."
    p = speaking(run(text), "diplomats").profile
    assert p.count == "2+"
    assert "unnamed" in p.qualifiers
    assert p.roles == ("diplomat",)
    assert p.affiliation == ("Danish",)


def test_proximity_is_kept_apart_from_affiliation(run: Run) -> None:
    text = ("Three people close to the port authority said the cranes would be sold "
            "by the end of the year.")
    p = speaking(run(text), "people").profile
    assert p.count == "3"
    assert p.proximity == "close to the port authority"
    assert "port authority" not in " ".join(p.affiliation)


def test_familiar_with_and_anonymity_elsewhere_in_the_sentence(run: Run) -> None:
    text = ("A person familiar with the negotiations, who spoke on condition of anonymity, "
            "said the two ministries were close to a deal.")
    p = speaking(run(text), "person").profile
    assert p.count == "1"
    assert p.proximity == "familiar with the negotiations"
    assert "anonymous" in p.qualifiers


def test_partitive_counts_the_one_picked(run: Run) -> None:
    text = "One of the former Swedish negotiators said the draft was never signed."
    p = speaking(run(text), "One of").profile
    assert p.count == "1"
    assert "former" in p.qualifiers
    assert p.roles == ("negotiator",)
    assert p.affiliation == ("Swedish",)


def test_further_source_of_the_same_kind(run: Run) -> None:
    text = "Another senior Finnish source said the vote would be delayed."
    p = speaking(run(text), "source").profile
    assert p.count == "1"
    assert p.qualifiers == ("another", "senior")
    assert p.roles == ("source",)


def test_named_source_has_title_role_and_no_count(run: Run) -> None:
    text = "Finnish Foreign Minister Aino Salo said the border would stay open."
    a = speaking(run(text), "Salo")
    assert a.named
    assert a.profile.count is None
    assert a.profile.roles == ("foreign minister",)
    assert a.profile.affiliation == ("Finnish",)


def test_prepositional_affiliation(run: Run) -> None:
    text = "Officials from the regional water board said the dam was safe."
    p = speaking(run(text), "Officials").profile
    assert p.count == "2+"
    assert p.affiliation == ("regional water board",)
    assert p.roles == ("official",)


def test_pronoun_has_no_profile_of_its_own(run: Run) -> None:
    text = "Mayor Ilse Brandt opened the bridge. She said it had cost less than planned."
    a = speaking(run(text), "She")
    assert a.profile == NO_PROFILE


def test_cue_force_comes_from_the_lexicon() -> None:
    assert cue_force("deny") == "denying"
    assert cue_force("say") == "neutral"
    assert cue_force("according to") == "reporting"
    assert cue_force("insist") == "assertive"
    assert cue_force("zzz-not-a-cue") == "neutral"


def _att(speaker: str, kind: str, via: str | None, canonical: str | None = None,
         sentence: int = 0) -> Attribution:
    return Attribution(id=speaker, start=0, end=1, speaker=speaker, speaker_canonical=canonical,
                       speaker_kind=kind, named=kind == "media", cue="say", direct=False, via=via,  # type: ignore[arg-type]
                       content_start=None, content_end=None, sentence_start=sentence, sentence_end=9)


def test_via_chain_follows_an_outlet_that_relays_another() -> None:
    officials = _att("two officials", "anonymous", "Nordwire")
    nordwire = _att("Nordwire", "media", "Harbour Gazette", canonical="Nordwire")
    gazette = _att("the Harbour Gazette", "media", None, canonical="Harbour Gazette")
    items = [gazette, nordwire, officials]
    assert via_chain(officials, items) == ("Nordwire", "Harbour Gazette")
    assert via_chain(gazette, items) == ()
    # an outlet in another sentence does not extend the chain
    elsewhere = _att("Nordwire", "media", "Harbour Gazette", canonical="Nordwire", sentence=50)
    assert via_chain(officials, [elsewhere, officials]) == ("Nordwire",)


def test_profiles_do_not_change_ids(run: Run, make_parsed: Callable[[str], ParsedDocument]) -> None:
    text = "Two officials told the Harbour Gazette the deal was off."
    bare = list(extract_attributions(make_parsed(text)))
    assert [a.id for a in run(text)] == [a.id for a in bare]


def test_participle_proximity_with_a_relative_clause(run: Run) -> None:
    # "involved" hangs on the noun as a clause of its own; the relative clause is not proximity
    text = ("Two officials involved in the talks, who spoke on condition of anonymity, said the "
            "technical group had not met since June.")
    p = speaking(run(text), "officials").profile
    assert p.count == "2"
    assert p.proximity == "involved in the talks"
    assert "anonymous" in p.qualifiers


def test_possessive_affiliation_loses_its_s(run: Run) -> None:
    text = "Norway's defence ministry said the bridge had been repaired."
    a = speaking(run(text), "ministry")
    assert a.profile.affiliation == ("Norway",)
