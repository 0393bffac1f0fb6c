"""Standoff annotations keep offsets and labels only, and resolve back to the gold schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.errors import NewstraceError
from newstrace.evaluate import load_gold
from newstrace.evaluate.standoff import SCHEMA, from_standoff, to_standoff

ARTICLE = ("Talks resume\n\nThe envoy said on Monday that the border would reopen.\n"
           "The envoy said it twice, officials told the Korvin Herald.\n")


def _gold() -> dict[str, Any]:
    return {
        "file": "a.txt",
        "published": {"value": None, "precision": None, "evidence": None},
        "attributions": [
            {"line": 4, "evidence": "The envoy said", "speaker": "The envoy", "cue": "say",
             "note": "second mention, not the first"},
        ],
        "signals": [
            {"line": 3, "evidence": "the border would reopen", "actor": "Korvinia", "type": "propose",
             "source": {"kind": "on_record", "by": "The envoy", "via": None},
             "when": {"value": None, "precision": "day", "evidence": "on Monday"}},
        ],
    }


def test_round_trip_keeps_no_article_text() -> None:
    stand = to_standoff(_gold(), ARTICLE)
    blob = json.dumps(stand)
    assert "envoy" not in blob and "border" not in blob and "note" not in blob
    a = stand["attributions"][0]
    second = ARTICLE.index("The envoy said it")
    assert a["evidence"] == [second, second + len("The envoy said")]  # the line decides which one
    back = from_standoff(stand, ARTICLE)
    assert back["attributions"][0]["evidence"] == "The envoy said"
    assert back["attributions"][0]["speaker"] == "The envoy"
    assert back["signals"][0]["source"]["by"] == "The envoy"
    assert back["signals"][0]["when"]["evidence"] == "on Monday"


def test_text_missing_from_its_line_is_a_numbered_error() -> None:
    bad = _gold()
    bad["attributions"][0]["line"] = 1
    with pytest.raises(NewstraceError) as err:
        to_standoff(bad, ARTICLE)
    assert err.value.code == "E040"


def test_offsets_outside_the_article_are_a_numbered_error() -> None:
    stand = to_standoff(_gold(), ARTICLE)
    with pytest.raises(NewstraceError) as err:
        from_standoff(stand, ARTICLE[:20])
    assert err.value.code == "E040"


def test_load_gold_resolves_a_standoff_file(tmp_path: Path) -> None:
    corpus = tmp_path / "shared" / "corpus" / "mine"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, "utf-8")
    repo = tmp_path / "repo" / "annotations"
    repo.mkdir(parents=True)
    doc = to_standoff(_gold(), ARTICLE)
    path = repo / "mine.dev.json"
    path.write_text(json.dumps({"schema": SCHEMA, "corpus": "corpus/mine", "documents": [doc]}), "utf-8")
    gold = load_gold(path)
    assert gold.corpus == corpus
    assert gold.documents[0]["signals"][0]["evidence"] == "the border would reopen"
