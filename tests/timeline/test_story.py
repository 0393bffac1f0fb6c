"""Story summaries over invented articles: dates ranked by independent origins, copies once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import newstrace
from newstrace.cli import story_cmd
from newstrace.store import Store
from newstrace.store.rows import SignalRow
from newstrace.timeline.story import story

WriteJsonl = Callable[[Path, list[dict[str, Any]]], Path]

# 2031-06-01: one development, reported by three outlets in their own words
WIRE = ("Morvek agrees truce\n\nKaldorian President Ardan Morvek agreed to a ceasefire along the Orva "
        "River, he told reporters in Vessgrad.\n\nThe truce is to start at midnight.")
DAILY = ("Kaldoria accepts truce\n\nArdan Morvek has accepted a ceasefire on the Orva River, two "
         "Kaldorian officials said on condition of anonymity.\n\nFighting near the river had "
         "intensified in May.")
TIMES = ("Truce on the Orva\n\nArdan Morvek is ready to agree to a ceasefire with Lusavia, according to "
         "reports in Vessgrad.\n\nSolvenna has offered to monitor the line.")
# 2031-06-05: more signals, but one outlet and its copy
DAM = ("Morvek rejects dam plan\n\nArdan Morvek rejected the Lusavian plan for the Kessel Gorge Dam, "
       "his office said.\n\nMorvek said Kaldoria would not accept any deal that gave Lusavia control "
       "of the dam.\n\nThe dam has been under construction for two years, and farmers on both banks "
       "of the Orva depend on its reservoir for irrigation during the dry summer months.")

ARTICLES = [
    ("wire.txt", "Example Wire", "2031-06-01", WIRE),
    ("daily.txt", "Lusavia Daily", "2031-06-01", DAILY),
    ("times.txt", "Solvenna Times", "2031-06-01", TIMES),
    ("dam.txt", "Kelmora Post", "2031-06-05", DAM),
    ("dam_copy.txt", "River Herald", "2031-06-05",
     DAM + "\n\nThis article first appeared in the Kelmora Post."),
    ("dam_again.txt", "River Herald", "2031-06-05", DAM),  # the very same text from another input
    # no publication date, only the crawl time
    ("undated.txt", "Kelmora Post", None,
     "Morvek turns down talks\n\nArdan Morvek rejected a Lusavian call for new talks on the river, "
     "his spokeswoman said.\n\nThe call had been backed by Solvenna."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, write_jsonl: WriteJsonl) -> Path:
    folder = tmp_path_factory.mktemp("story")
    rows = [{"file": name, "url": f"https://example.org/{name}", "outlet": outlet,
             "published": published, "title": body.split("\n")[0], "text": body,
             **({"seen": "2031-06-09T10:00:00Z"} if published is None else {})}
            for name, outlet, published, body in ARTICLES]
    path = folder / "s.db"
    with newstrace.open(path) as store:
        report = store.ingest([write_jsonl(folder / "in" / "articles.jsonl", rows)])
    assert len(report.added) == 6 and not report.rejected  # the identical input is stored once
    return path


def test_copies_make_one_group(store: Store) -> None:
    groups = store.copies()
    assert len(groups) == 1
    assert {m["outlet"] for m in groups[0].members} == {"Kelmora Post", "River Herald"}


def test_three_outlets_outrank_one_outlet_and_its_copy(store: Store) -> None:
    st = story(store, "Ardan Morvek", top=1)
    assert st.kind == "actor" and st.target == "Ardan Morvek"
    (top,) = st.dates
    assert top.date == "2031-06-01" and top.origins == 3 and top.reports == 3
    both = story(store, "Morvek", top=2).dates
    assert [d.date for d in both] == ["2031-06-01", "2031-06-05"]  # shown in date order
    dam = both[1]
    assert dam.reports > top.reports  # more signals, yet ranked lower: copies count once
    assert dam.origins == 1
    assert dam.outlets == ["Kelmora Post", "River Herald"]


def test_best_sourced_sentence_tells_the_date(store: Store) -> None:
    (top,) = story(store, "Ardan Morvek", top=1).dates
    assert top.source_kind == "on_record"  # beats the anonymous and the merely reported
    assert top.outlet == "Example Wire"
    assert top.sentence.startswith("Kaldorian President Ardan Morvek agreed to a ceasefire")
    assert top.claim_origins == 3 and top.bases == ["published"]
    row = store.get(top.signal_id)
    assert isinstance(row, SignalRow) and row.doc_id == top.doc_id


def test_undated_report_is_placed_on_its_crawl_day(store: Store) -> None:
    dates = story(store, "Ardan Morvek").dates
    assert [d.date for d in dates] == ["2031-06-01", "2031-06-05", "2031-06-09"]
    crawled = dates[-1]
    assert crawled.bases == ["seen"] and crawled.type == "reject"
    assert dates[0].bases == ["published"]


def test_topic_and_keyword_queries(store: Store) -> None:
    by_topic = story(store, "ceasefire")
    assert by_topic.kind == "topic"
    assert [d.date for d in by_topic.dates] == ["2031-06-01"]
    by_words = story(store, "Kessel Gorge Dam")
    assert by_words.kind == "keywords"
    assert [d.date for d in by_words.dates] == ["2031-06-05"]
    assert "Kessel Gorge Dam" in by_words.dates[0].sentence
    assert story(store, "volcanic eruption in the Arctic").dates == []


def test_cli_story_json_and_table(db: Path) -> None:
    app = typer.Typer()
    app.command("shifts")(story_cmd.shifts)
    app.command("story")(story_cmd.story)
    runner = CliRunner()
    out = runner.invoke(app, ["story", "Ardan Morvek", "--top", "1", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["kind"] == "actor" and [d["date"] for d in data["dates"]] == ["2031-06-01"]
    assert data["dates"][0]["origins"] == 3
    table = runner.invoke(app, ["story", "Ardan Morvek", "--db", str(db)], terminal_width=200)
    assert table.exit_code == 0 and "2031-06-05" in table.output and "Story: Ardan Morvek" in table.output
