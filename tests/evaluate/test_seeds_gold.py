"""Regression floors on the five real seed articles (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.evaluate import load_gold
from newstrace.evaluate.runner import evaluate_gold

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.json"
CORPUS = SHARED / "corpus" / "seeds"


@pytest.mark.skipif(not GOLD.is_file() or not CORPUS.is_dir(), reason="../shared is not present")
def test_seed_scores_stay_above_the_floors() -> None:
    scores, preds = evaluate_gold(load_gold(GOLD, CORPUS))
    d = scores.as_dict()
    assert d["body_lines"]["f1"] >= 0.90
    assert d["dates"]["confident_wrong"] == 0
    dates = {doc["file"][:3]: doc["date"] for doc in d["per_document"]}
    assert dates["000"]["correct"] and dates["004"]["correct"]
    # the issue goals: attribution F1 >= 0.90, signal F1 >= 0.80 on (actor, type). The default
    # signal component (combined: the trained model's signals beside the rules') doubles the
    # rules' F1 on our dev annotations but adds signals the seeds gold does not mark: 0.638
    # when it shipped, below that goal (reported as missed); this floor keeps it from sliding.
    assert d["attributions"]["f1"] >= 0.90
    assert d["signals"]["f1"] >= 0.60
    assert d["signals"]["recall"] >= 0.90
    # Every evidence offset points at the text it claims, in the input file.
    for p in preds:
        text = (CORPUS / p["file"]).read_text("utf-8")
        for item in p["attributions"] + p["signals"]:
            assert text[item["start"] : item["end"]] == item["evidence"]


@pytest.mark.skipif(not GOLD.is_file() or not CORPUS.is_dir(), reason="../shared is not present")
def test_the_rule_signals_hold_the_seeds_goal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_SIGNALS", "rules")
    scores, _ = evaluate_gold(load_gold(GOLD, CORPUS))
    assert scores.as_dict()["signals"]["f1"] >= 0.80
