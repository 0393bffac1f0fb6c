"""Topics on any story: the generic set, and a story's own topics from a knowledge folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newstrace.cli.checks import check_topics
from newstrace.extract.signals.topics import topics_for
from newstrace.knowledge import packs
from newstrace.records import Signal


@pytest.fixture
def story_topics(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "topics.toml").write_text(
        '[[topic]]\nname = "water"\nwords = ["dam", "reservoir", "river share"]\n', "utf-8")
    packs.configure(dirs=[tmp_path])
    yield tmp_path
    packs.reset()


@pytest.mark.parametrize(("text", "topic"), [
    ("agreed to lower tariffs on steel", "trade"),
    ("demanded the release of the hostages", "hostages"),
    ("threatened new sanctions on the bank", "sanctions"),
    ("rejected any limit on uranium enrichment", "nuclear"),
    ("proposed a corridor to evacuate civilians", "humanitarian"),
    ("refused to recognise the election result", "elections"),
])
def test_generic_topics_name_what_any_story_is_about(text: str, topic: str) -> None:
    assert topic in topics_for("demand", text)


def test_a_tariff_truce_is_trade_not_only_the_war_topics() -> None:
    assert "trade" in topics_for("agree", "agreed a 90-day truce on tariffs")


def test_a_story_topic_from_a_knowledge_folder_is_found_and_accepted(story_topics: Path) -> None:
    assert "water" in topics_for("reject", "rejected the plan to fill the reservoir")
    assert "water" not in topics_for("reject", "rejected the plan to raise taxes")
    assert check_topics("water") == "water"
    assert "water" in packs.known_topics()


def test_without_the_folder_the_story_topic_is_unknown() -> None:
    assert "water" not in packs.known_topics()
    assert "water" not in topics_for("reject", "rejected the plan to fill the reservoir")


def test_a_condition_on_any_topic_is_kept_whole(run: Callable[[str], list[Signal]]) -> None:
    signals = run("The Varnan militia said it would free the captives only if the army left the valley.")
    conds = [c for s in signals for c in s.conditions]
    assert conds, signals
    assert any(c.state == "required" and c.detail.startswith("the army left the valley") for c in conds)
    assert all(c.topic for c in conds)


def test_a_condition_clause_takes_the_topic_its_own_words_name(run: Callable[[str], list[Signal]]) -> None:
    signals = run("Hamas said it would release the hostages only if Israel withdrew its forces from Gaza.")
    conds = [c for s in signals for c in s.conditions]
    assert [(c.topic, c.detail) for c in conds] == [("withdrawal", "Israel withdrew its forces from Gaza")]
