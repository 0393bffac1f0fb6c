"""The acceptance model: its features, its JSON form, and a fit on articles we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.errors import NewstraceError
from newstrace.evaluate.standoff import SCHEMA, to_standoff
from newstrace.extract.attribution import acceptance
from newstrace.records import Attribution

ARTICLES = {
    "a.txt": ("Trade minister Oren Dahl said on Monday that Veldria would lift the grain quota.\n"
              "Dahl wants a deal before the harvest, aides believe.\n"),
    "b.txt": ("Corvanian officials told the Aubel Post that talks would resume in June.\n"
              "President Ilse Marrow denied that any troops had crossed the border.\n"),
}
GOLD = {
    "a.txt": [{"line": 1, "evidence": "Trade minister Oren Dahl said",
               "speaker": "Trade minister Oren Dahl"}],
    "b.txt": [{"line": 1, "evidence": "Corvanian officials told the Aubel Post",
               "speaker": "Corvanian officials"},
              {"line": 2, "evidence": "President Ilse Marrow denied", "speaker": "President Ilse Marrow"}],
}


def _attribution(**kw: object) -> Attribution:
    base: dict[str, object] = dict(id="a1", start=0, end=14, speaker="The envoy", speaker_canonical=None,
                                   speaker_kind="anonymous", named=False, cue="say", direct=False,
                                   via=None, content_start=20, content_end=40, sentence_start=0,
                                   sentence_end=41)
    base.update(kw)
    return Attribution(**base)  # type: ignore[arg-type]


def test_features_come_from_the_record_and_its_sentence() -> None:
    text = 'The envoy said, "the border would reopen."'
    f = acceptance.features(_attribution(), text)
    assert f["component=rules"] == 1.0 and f["cue=say"] == 1.0 and f["speaker_head=envoy"] == 1.0
    assert f["sentence_has_quote"] == 1.0 and f["sentence_initial"] == 1.0
    assert f["cue_inside_quote"] == 0.0


def test_model_probability_and_json_round_trip(tmp_path: Path) -> None:
    model = acceptance.AcceptanceModel({"cue=say": 3.0, "component=trained": -4.0}, 0.0, 0.5)
    text = "The envoy said the border would reopen, a long sentence."
    assert model.accept(_attribution(), text)
    assert not model.accept(_attribution(component="trained", cue="want"), text)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()), "utf-8")
    assert acceptance.load(path) == model
    (tmp_path / "bad.json").write_text("{}", "utf-8")
    with pytest.raises(NewstraceError) as err:
        acceptance.load(tmp_path / "bad.json")
    assert err.value.code == "E042"


def test_fit_learns_from_standoff_annotations(tmp_path: Path) -> None:
    from newstrace.train.acceptance import fit

    corpus = tmp_path / "shared" / "corpus" / "ours"
    corpus.mkdir(parents=True)
    docs = []
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, "utf-8")
        gold = {"file": name, "published": {"value": None, "precision": None, "evidence": None},
                "attributions": GOLD[name], "signals": []}
        docs.append(to_standoff(gold, text))
    ann = tmp_path / "repo" / "annotations"
    ann.mkdir(parents=True)
    path = ann / "ours.train.json"
    path.write_text(json.dumps({"schema": SCHEMA, "corpus": "corpus/ours", "documents": docs}), "utf-8")
    model, report = fit([path], [path])
    assert "train: 2 documents" in report
    assert model.weights and 0.1 <= model.threshold <= 0.7
    assert "dev threshold 0.35" in report
