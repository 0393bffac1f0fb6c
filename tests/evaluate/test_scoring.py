import json
from pathlib import Path

import pytest

from newstrace.errors import NewstraceError
from newstrace.evaluate import load_gold, score_documents

TEXT = "Minister Ola Brenn said talks would resume.\nThe army shelled the port."


def _gold() -> dict[str, object]:
    return {
        "file": "a.txt",
        "published": {"value": "2025-01-02", "precision": "day"},
        "outlet": "Harbor Post",
        "origin": None,
        "lines": {"body": [1, 2]},
        "attributions": [{"evidence": "Minister Ola Brenn said", "speaker": "Minister Ola Brenn",
                          "speaker_canonical": "Ola Brenn", "speaker_kind": "person", "named": True,
                          "via": None}],
        "signals": [{"evidence": "talks would resume", "actor": "Ola Brenn",
                     "type": "intent_to_negotiate", "topics": ["negotiations"],
                     "polarity": "positive", "when": None, "source": {"kind": "on_record"}}],
    }


def _pred(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "file": "a.txt",
        "published": {"value": "2025-01-02", "precision": "day", "confidence": 0.9},
        "outlet": "Harbor Post",
        "lines": {"body": [1]},
        "attributions": [{"start": 0, "end": 23, "speaker": "Ola Brenn", "named": True,
                          "speaker_kind": "person", "speaker_canonical": "Ola Brenn", "via": None}],
        "signals": [{"start": 24, "end": 42, "actor": "Ola Brenn", "type": "intent_to_negotiate",
                     "topics": ["negotiations"], "polarity": "positive", "when": None,
                     "source": {"kind": "on_record"}},
                    {"start": 44, "end": 70, "actor": "Army", "type": "military_action",
                     "topics": [], "polarity": "positive", "when": None,
                     "source": {"kind": "reported"}}],
    }
    base.update(over)
    return base


def test_perfect_items_and_partial_lines() -> None:
    s = score_documents([_pred()], [_gold()], {"a.txt": TEXT}).as_dict()
    assert s["dates"]["accuracy"] == 1.0 and s["dates"]["confident_wrong"] == 0
    assert s["body_lines"]["precision"] == 1.0 and s["body_lines"]["recall"] == 0.5
    assert s["attributions"]["f1"] == 1.0
    assert s["attribution_fields"]["speaker_canonical"]["accuracy"] == 1.0
    assert s["signals"]["tp"] == 1 and s["signals"]["fp"] == 1 and s["signals"]["fn"] == 0
    assert s["outlet"]["accuracy"] == 1.0 and s["origin"]["total"] == 0


def test_confidently_wrong_date_is_counted() -> None:
    pred = _pred(published={"value": "2024-05-05", "precision": "day", "confidence": 0.9})
    s = score_documents([pred], [_gold()], {"a.txt": TEXT}).as_dict()
    assert s["dates"]["accuracy"] == 0.0 and s["dates"]["confident_wrong"] == 1


def test_wrong_speaker_or_actor_does_not_match() -> None:
    pred = _pred()
    pred["attributions"] = [{"start": 0, "end": 23, "speaker": "the army"}]
    pred["signals"] = [{"start": 24, "end": 42, "actor": "Someone", "type": "intent_to_negotiate"}]
    s = score_documents([pred], [_gold()], {"a.txt": TEXT}).as_dict()
    assert s["attributions"]["tp"] == 0 and s["signals"]["tp"] == 0


def test_gold_loader_checks_schema(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "other"}))
    with pytest.raises(NewstraceError, match="E014"):
        load_gold(bad)
    good = tmp_path / "gold.json"
    good.write_text(json.dumps({"schema": "newstrace-gold/1", "corpus": "c", "documents": [_gold()]}))
    assert load_gold(good, tmp_path).documents[0]["file"] == "a.txt"
