"""``newstrace ingest`` with URLs and WARC files: the same store records as local files give."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newstrace
from newstrace.cli.app import app

PAGE = """<html><head><title>Solvenna offers to host dam talks</title>
<meta property="article:published_time" content="2025-09-12"></head><body><article>
<h1>Solvenna offers to host dam talks</h1>
<p>ARLENZ, Sept 12 (Harbor Wire) - Solvenna offered on Friday to host talks between Kaldoria and
Lusavia on the Kessel Gorge Dam, its foreign minister said.</p>
</article></body></html>"""
UNDATED = """<html><head><title>Valley villages wait for water deal</title></head><body><article>
<h1>Valley villages wait for water deal</h1>
<p>Farmers along the Orva said they had waited all summer for news of a water agreement between the
two capitals, and that the river was lower than anyone could remember.</p>
</article></body></html>"""


def test_ingest_urls(site, tmp_path: Path) -> None:
    url = site.add("/news/solvenna.html", PAGE)
    db = tmp_path / "web.db"
    refused = CliRunner().invoke(app, ["ingest", url, "--db", str(db), "--json"])
    assert refused.exit_code == 1
    [rej] = json.loads(refused.stdout)["rejected"]
    assert rej["code"] == "E081" and rej["name"] == url and site.requests == []

    result = CliRunner().invoke(app, ["ingest", url, site.url("/missing"), "--db", str(db),
                                      "--allow-private", "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["added"] == 1
    assert [r["code"] for r in report["rejected"]] == ["E083"]
    with newstrace.open(db) as store:
        [doc] = store.documents()
        assert doc.name == url and doc.url == url and doc.source_path == url
        assert doc.title == "Solvenna offers to host dam talks" and doc.published == "2025-09-12"
        assert doc.status == "processed"

    again = CliRunner().invoke(app, ["ingest", url, "--db", str(db), "--allow-private", "--json"])
    assert json.loads(again.stdout)["unchanged"] == 1


def test_ingest_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, body, date in (("https://harbor.example/solvenna", PAGE, "2025-09-13T06:00:00Z"),
                                ("https://harbor.example/valley", UNDATED, "2025-09-20T11:30:00Z")):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body.encode()), http_headers=http,
                warc_headers_dict={"WARC-Date": date}))
    db = tmp_path / "warc.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    with newstrace.open(db) as store:
        docs = {d.name: d for d in store.documents()}
        assert docs["https://harbor.example/solvenna"].published == "2025-09-12"
        valley = docs["https://harbor.example/valley"]
        assert valley.source_path == str(path) and valley.url == "https://harbor.example/valley"
        # the crawl time bounds the publication date: nothing after 2025-09-20
        assert valley.published is None or valley.published <= "2025-09-20"
        with store.engine.connect() as conn:
            extra = conn.execute(text("SELECT extra_json FROM documents WHERE name = :n"),
                                 {"n": "https://harbor.example/valley"}).scalar_one()
        assert json.loads(extra)["seen"] == "2025-09-20T11:30:00Z"
