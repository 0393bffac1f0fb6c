"""PolNeAR BRAT standoff -> tagger examples, and one tiny training run on the real data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.extract.attribution.tagged import SPANS_KEY
from newstrace.nlp import load_model
from newstrace.train.polnear import bio_tags, polnear_dir, reference, role_spans

TEXT = "The senator said the vote would wait. Aides disputed that."
ANN = (
    "T1\tSource 0 11\tThe senator\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 17 36\tthe vote would wait\n"
    "T4\tAttribution 12 16\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 38 43\tAides\n"
    "T6\tCue 44 52\tdisputed\n"
    "T7\tContent 53 57;58 58\tthat\n"
    "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"
    "#1\tAnnotatorNotes T1\tbroken line without offsets\n"
)


def test_brat_roles_and_bio_tags(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(ANN, "utf-8")
    roles = role_spans(ann)
    assert roles["SOURCE"] == [[(0, 11)], [(38, 43)]]
    assert roles["CONTENT"][1] == [(53, 57), (58, 58)]
    doc = load_model(tagger=False)(TEXT)
    tags = bio_tags(doc, roles)
    words = [t.text for t in doc]
    assert tags[words.index("senator")] == "I-SOURCE"
    assert tags[words.index("said")] == "B-CUE"
    assert tags[words.index("vote")] == "I-CONTENT"
    assert tags[words.index(".")] == "O"
    ref = reference(doc, tags)
    assert [(s.text, s.label_) for s in ref.spans[SPANS_KEY]][:3] == [
        ("The senator", "SOURCE"), ("said", "CUE"), ("the vote would wait", "CONTENT")]


@pytest.mark.skipif(not (polnear_dir() / "train").is_dir(), reason="../shared/eval/polnear is absent")
def test_retrain_command_runs_end_to_end(tmp_path: Path) -> None:
    """The one retrain command, on three articles per split and a few steps (not a quality test)."""
    run = subprocess.run(
        [sys.executable, "-m", "newstrace.train", "attribution", "--build", str(tmp_path),
         "--limit", "3", "--max-steps", "4"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    best = tmp_path / "models" / "attribution" / "model-best"
    assert (best / "config.cfg").is_file()
    assert (tmp_path / "polnear" / "train.gold.spacy").is_file()
