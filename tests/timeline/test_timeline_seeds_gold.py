"""The Putin timeline and shifts on the five real seeds against the gold and the issue.

Skipped when ../shared is absent. The gold names, in event order, the positions a
timeline for Vladimir Putin must contain at least; each must appear (same file,
same date to the gold's precision) and in the gold's order, with its source kind.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newstrace
from newstrace.timeline.shifts import actor_shifts

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.json"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.mark.skipif(not (GOLD.is_file() and SEEDS.is_dir()), reason="../shared is not present")
def test_putin_timeline_and_shifts_on_the_seeds(tmp_path: Path) -> None:
    gold = json.loads(GOLD.read_text("utf-8"))["cross_document"]["timeline"]
    with newstrace.open(tmp_path / "seeds.db") as store:
        store.ingest([SEEDS])
        entries = store.timeline(gold["actor"])
        streams = actor_shifts(store, actor=gold["actor"])
    found: list[int] = []
    for item in gold["entries"]:
        hits = [i for i, e in enumerate(entries) if e.doc_name == item["file"]
                and (e.date or "").startswith(item["date"] or "")
                and (item["date"] is not None or e.date is None)]
        assert hits, item["summary"]
        found.append(hits[0])
        assert all(entries[i].source_kind for i in hits)
    assert found == sorted(found), [entries[i].doc_name for i in found]
    # event-date order: every dated entry comes before the undated ones, dates never go back
    dates = [e.date for e in entries if e.date]
    assert dates == sorted(dates, key=lambda d: d[:10])
    # the issue's shifts, in order, each with both positions' evidence:
    # needs guarantees -> without preconditions -> Donbas by any means
    shifts = [sh for t in streams for sh in t.shifts]
    wanted = ["added the condition guarantees", "dropped the condition guarantees",
              "added the condition territory: Donbas"]
    at = [next(i for i, sh in enumerate(shifts) if w in sh.explanation) for w in wanted]
    assert at == sorted(at)
    assert all(shifts[i].before_evidence and shifts[i].after_evidence for i in at)
