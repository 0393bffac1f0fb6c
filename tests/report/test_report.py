"""Reports: self-contained HTML and Markdown; on the seeds, the Putin chart holds the gold positions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace.cli.app import app
from newstrace.records import ExtractedDocument
from newstrace.report.build import gather, render_html, render_md
from newstrace.store import Store

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.json"
SEEDS = SHARED / "corpus" / "seeds"
MARK = re.compile(r'<g class="(mark[^"]*)" data-signal="([^"]+)"[^>]*>.*?(?:cx|points|x)="([\d.]+)', re.S)


def _marks(svg: str) -> dict[str, tuple[str, float]]:
    """Signal ID -> (classes, x) of every mark in the chart."""
    return {sid: (cls, float(x)) for cls, sid, x in MARK.findall(svg)}


def test_reports_are_self_contained_and_escaped(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    doc = make_extracted("Putin offered talks <script>alert(1)</script> without preconditions.",
                         name="a.txt", signals=[("Putin offered talks <script>alert(1)</script>",
                                                 "Vladimir Putin", "intent_to_negotiate", None)])
    store = store_of(tmp_path / "r.db", [doc])
    data = gather(store, "Vladimir Putin")
    html = render_html(data)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<svg" in html and 'src="http' not in html and 'href="http' not in html
    assert "Content-Security-Policy" in html
    md = render_md(data)
    assert md.startswith("# Vladimir Putin") and "data:image/svg+xml;base64," in md
    assert "<script>" not in md and "**Putin offered talks \\<script\\>" in md
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--actor", "Putin", "--db", str(tmp_path / "r.db"),
                                      "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == html


@pytest.mark.skipif(not (GOLD.is_file() and SEEDS.is_dir()), reason="../shared is not present")
def test_putin_report_chart_shows_the_gold_positions_in_order(tmp_path: Path) -> None:
    gold = json.loads(GOLD.read_text("utf-8"))["cross_document"]["timeline"]
    with newstrace.open(tmp_path / "seeds.db") as store:
        store.ingest([SEEDS])
        data = gather(store, gold["actor"])
    html = render_html(data)
    marks = _marks(data.chart_svg)
    assert len(marks) == len(data.entries)
    xs = []
    for item in gold["entries"]:
        hits = [e for e in data.entries if e.doc_name == item["file"]
                and ((e.date or e.date_bound or "").startswith(item["date"] or "")
                     if item["date"] else not (e.date or e.date_bound))]
        assert hits, item["summary"]
        xs.append(min(marks[e.signal_id][1] for e in hits))
    assert xs == sorted(xs), list(zip([i["summary"][:30] for i in gold["entries"]], xs, strict=True))
    denied = [e for e in data.entries if e.doc_name == "004_090935f3248af77a.txt" and e.type == "concession"]
    assert denied and all("denied" in marks[e.signal_id][0].split() for e in denied)
    assert "DENIED" in html and "denied by Kremlin" in html
