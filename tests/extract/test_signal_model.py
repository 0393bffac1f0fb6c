"""The trained signal component: its linear models, the shipped weights, and ``combined``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from newstrace.errors import NewstraceError
from newstrace.extract.components import signal_component, signal_names
from newstrace.extract.signals import learned
from newstrace.extract.signals.learned import LinearModel, SignalModel
from newstrace.nlp import ParsedDocument
from newstrace.records import GOLD_SIGNAL_TYPES

# An invented article about a water dispute between two invented states.
ARTICLE = (
    "Velmoran Prime Minister Anna Kovac rejected the Osterland proposal on the Drava dam on Tuesday.\n"
    "Osterland's foreign minister, Piet Rendel, said his government was ready to resume talks "
    "if Velmora stopped filling the reservoir.\n"
    "Velmoran troops shelled a border post near the dam overnight, Osterland's army said.\n"
    "Kovac said Velmora would never accept a deal that cut its share of the river."
)


def test_registry_has_the_trained_and_combined_signal_components() -> None:
    assert {"rules", "trained", "combined"} <= set(signal_names())
    assert signal_component("trained").name == "trained"
    assert signal_component("combined").name == "combined"


def _tiny() -> SignalModel:
    types = LinearModel({"a": 0, "b": 1}, np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, -1.0]]),
                        np.zeros(3), ("none", "agree", "reject"))
    actor = LinearModel({"by=agent": 0}, np.array([[3.0]]), np.array([-1.0]), ("0", "1"))
    return SignalModel(types, actor, frozenset({"talk"}), 0.3, 0.1, {"seed": 0})


def test_softmax_rows_sum_to_one_and_unknown_features_count_for_nothing() -> None:
    m = _tiny().types
    p = m.scores([{"a": 1.0}, {"b": 1.0, "never seen": 5.0}, {}])
    assert p.shape == (3, 3)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 0 and p[1].argmax() == 1
    assert np.allclose(p[2], 1 / 3)


def test_one_row_of_weights_is_a_sigmoid() -> None:
    p = _tiny().actors.scores([{"by=agent": 1.0}, {}])
    assert p.shape == (2,)
    assert p[0] == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert p[1] == pytest.approx(1 / (1 + np.exp(1.0)))


def test_saved_model_loads_back_without_pickle(tmp_path: Path) -> None:
    path = tmp_path / "m" / "model.npz"
    model = _tiny()
    model.save(path)
    back = learned.load(path)
    assert back.nouns == model.nouns
    assert (back.threshold, back.actor_threshold) == (0.3, 0.1)
    assert back.types.classes == model.types.classes
    rows = [{"a": 1.0}, {"b": 0.5}]
    assert np.allclose(back.types.scores(rows), model.types.scores(rows), atol=1e-6)


def test_unreadable_model_is_a_numbered_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not an archive")
    with pytest.raises(NewstraceError) as err:
        learned.load(bad)
    assert err.value.code == "E042"


needs_model = pytest.mark.skipif(not learned.available(), reason="the signal model is not shipped")


@needs_model
def test_trained_signals_name_their_component_actor_and_evidence(
        make_parsed: Callable[[str], ParsedDocument]) -> None:
    parsed = make_parsed(ARTICLE)
    signals = signal_component("trained")(parsed, ())
    assert signals, "the trained model finds nothing in a plain article"
    for s in signals:
        assert s.component == "trained"
        assert 0.0 < s.confidence <= 1.0
        assert s.type in GOLD_SIGNAL_TYPES
        assert 0 <= s.start < s.end <= len(parsed.text)
        assert s.actor
    found = {(s.actor, s.type) for s in signals}
    assert ("Anna Kovac", "reject") in found
    # an army's act is its state's (the gold conventions' level)
    assert any(s.actor == "Velmora" or s.actor_text.startswith("Velmoran") for s in signals
               if s.type == "military_action")


@needs_model
def test_combined_is_the_trained_signals_plus_the_rule_signals_they_do_not_cover(
        make_parsed: Callable[[str], ParsedDocument]) -> None:
    parsed = make_parsed(ARTICLE)
    trained = signal_component("trained")(parsed, ())
    rules = signal_component("rules")(parsed, ())
    combined = signal_component("combined")(parsed, ())
    made = {(s.start, s.end, s.actor, s.type) for s in combined if s.component == "combined"}
    assert made == {(s.start, s.end, s.actor, s.type) for s in trained}
    kept = {(s.start, s.end, s.actor, s.type) for s in combined if s.component == "rules"}
    for r in rules:
        covered = any(t.actor == r.actor and t.type == r.type and t.start < r.end and r.start < t.end
                      for t in trained)
        assert ((r.start, r.end, r.actor, r.type) in kept) != covered
