"""The HTTP API over the sample corpus: every endpoint, filter, page and error."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

MAIN = "Ardan Morvek"


def _ok(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    return r.json()


def _error(client: TestClient, url: str, status: int, code: str) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    body = r.json()
    assert body["error"]["code"] == code, body
    return str(body["error"]["message"])


def test_every_listing_answers_with_a_page(client: TestClient) -> None:
    for url in ("/api/documents", "/api/attributions", "/api/signals", "/api/claims", "/api/actors",
                f"/api/timeline?actor={MAIN}", f"/api/shifts?actor={MAIN}"):
        page = _ok(client, url)
        assert set(page) == {"items", "total", "next_cursor"} and page["total"] >= len(page["items"]) > 0, url


def test_items_by_id_and_unknown_ids_are_404_json(client: TestClient) -> None:
    doc = _ok(client, "/api/documents?limit=1")["items"][0]
    detail = _ok(client, f"/api/documents/{doc['id']}")
    assert detail["document"]["id"] == doc["id"] and detail["text"] and detail["lines"]
    sig = _ok(client, "/api/signals?limit=1")["items"][0]
    assert _ok(client, f"/api/signals/{sig['id']}")["id"] == sig["id"]
    att = _ok(client, "/api/attributions?limit=1")["items"][0]
    assert _ok(client, f"/api/attributions/{att['id']}")["id"] == att["id"]
    claim = _ok(client, "/api/claims?limit=1")["items"][0]
    assert _ok(client, f"/api/claims/{claim['id']}")["id"] == claim["id"]
    for url in ("/api/documents/dnope", "/api/signals/snope", "/api/attributions/anope", "/api/claims/cnope"):
        assert "nope" in _error(client, url, 404, "E012")
    _error(client, f"/api/signals/{att['id']}", 404, "E012")  # an attribution is not a signal


def test_cursor_pagination_walks_every_item_once(client: TestClient) -> None:
    first = _ok(client, "/api/signals?limit=7")
    seen = [s["id"] for s in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = _ok(client, f"/api/signals?limit=7&cursor={cursor}")
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == first["total"]
    _error(client, "/api/signals?cursor=%%%", 422, "E201")
    _error(client, f"/api/signals?type=deny&cursor={first['next_cursor']}", 422, "E202")
    _error(client, "/api/signals?limit=0", 422, "E422")
    _error(client, "/api/signals?limit=100000", 422, "E422")


def test_filters_narrow_and_bad_filters_are_422(client: TestClient) -> None:
    everything = _ok(client, "/api/signals?limit=500")["items"]
    deny = _ok(client, "/api/signals?type=deny&limit=500")["items"]
    assert deny and all(s["type"] == "deny" for s in deny) and len(deny) < len(everything)
    anon = _ok(client, "/api/signals?source_kind=anonymous&limit=500")["items"]
    assert anon and all(s["source_kind"] == "anonymous" for s in anon)
    courier = _ok(client, "/api/signals?outlet=The Kelmora Courier&limit=500")["items"]
    assert courier and all(s["outlet"] == "The Kelmora Courier" for s in courier)
    topic = _ok(client, "/api/signals?topic=guarantees&limit=500")["items"]
    assert topic and all("guarantees" in s["topics"] for s in topic)
    dated = _ok(client, "/api/signals?since=2025-04&until=2025-06-30&limit=500")["items"]
    assert dated and all("2025-04" <= s["event_date"][:7] <= "2025-06" for s in dated)
    mine = _ok(client, "/api/signals?actor=Morvek&limit=500")["items"]
    assert mine and len(mine) < len(everything)
    denied = _ok(client, "/api/signals?status=denied&limit=500")["items"]
    assert any(s["doc_name"].startswith("04_") and s["type"] == "concession" for s in denied)
    assert len(denied) < len(everything)
    assert "Ardan Morvek" in _error(client, "/api/signals?actor=Morvk", 422, "E102")
    assert "reject" in _error(client, "/api/signals?type=rejekt", 422, "E103")
    assert "guarantees" in _error(client, "/api/signals?topic=guarantes", 422, "E104")
    _error(client, "/api/signals?outlet=Reuter", 422, "E110")
    _error(client, "/api/signals?source_kind=secret", 422, "E422")
    _error(client, "/api/signals?status=maybe", 422, "E422")
    _error(client, "/api/signals?since=2025-02-30", 422, "E105")
    _error(client, "/api/signals?since=2025&until=2024", 422, "E106")


def test_documents_and_attributions_filters(client: TestClient) -> None:
    docs = _ok(client, "/api/documents?since=2025-01&until=2025-01")["items"]
    assert {d["published"] for d in docs} == {"2025-01-14", "2025-01-15"}
    carrying = _ok(client, "/api/documents?type=deny")["items"]
    assert carrying and all(d["signals"] for d in carrying)
    named = _ok(client, "/api/attributions?source_kind=on_record&limit=500")["items"]
    assert named and all(a["named"] for a in named)
    speaker = _ok(client, "/api/attributions?speaker=Renhart")["items"]
    assert speaker
    assert all("Renhart" in (a["speaker"] or "") + (a["speaker_canonical"] or "") for a in speaker)


def test_timeline_marks_denials_collapses_copies_and_needs_an_actor(client: TestClient) -> None:
    entries = _ok(client, f"/api/timeline?actor={MAIN}&limit=500")["items"]
    denied = [e for e in entries if "denied" in e["marks"]]
    assert denied and all(e["answers"] and e["answers"][0]["kind"] == "deny" for e in denied)
    assert _ok(client, f"/api/timeline?actor={MAIN}&status=denied")["total"] == len(denied)
    truce = [e for e in entries if "30-day ceasefire" in e["sentence"]]
    assert len(truce) == 1 and len(truce[0]["outlets"]) == 2
    e = entries[0]
    assert e["sentence"][e["evidence_start"]:e["evidence_end"]] == e["evidence"] or e["evidence"]
    only = _ok(client, f"/api/timeline?actor={MAIN}&type=threaten")["items"]
    assert only and {x["type"] for x in only} == {"threaten"}
    _error(client, "/api/timeline", 422, "E111")
    _error(client, "/api/shifts", 422, "E111")


def test_shifts_claims_story_search(client: TestClient) -> None:
    streams = _ok(client, f"/api/shifts?actor={MAIN}")["items"]
    settlement = next(s for s in streams if s["stream"] == "settlement")
    assert settlement["shifts"] and all(sh["before_evidence"] and sh["after_evidence"]
                                        for sh in settlement["shifts"])
    assert any(r["marks"] == ["denied"] for r in settlement["set_aside"])
    claims = _ok(client, "/api/claims?status=denied")["items"]
    assert claims and all(c["status"] in ("denied", "disputed") or c["denials"] for c in claims)
    assert _ok(client, "/api/claims?actor=Morvek")["total"] > 0
    assert _ok(client, "/api/claims?min_origins=50")["total"] == 0
    _error(client, "/api/claims?min_origins=-1", 422, "E422")
    story = _ok(client, f"/api/story?q={MAIN}&top=3")
    assert story["kind"] == "actor" and len(story["dates"]) == 3
    _error(client, "/api/story", 422, "E422")
    found = _ok(client, "/api/search?q=Kessel Gorge")
    assert found["documents"]["total"] >= 3
    assert all("\x02" not in h["snippet"] for h in found["documents"]["items"])
    assert _ok(client, '/api/search?q="unbalanced AND (')["documents"]["total"] == 0
    assert _ok(client, "/api/search?q=Morvek")["actors"][0]["name"] == MAIN
    _error(client, "/api/search?q=", 422, "E422")


def test_actors_listing_filters_by_name(client: TestClient) -> None:
    names = [a["name"] for a in _ok(client, "/api/actors?contains=kaldor&limit=500")["items"]]
    assert names and all("kaldor" in n.casefold() for n in names)


def test_openapi_schema_is_typed(client: TestClient) -> None:
    schema = _ok(client, "/openapi.json")
    paths = schema["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/attributions", "/api/signals",
              "/api/claims", "/api/actors", "/api/shifts", "/api/timeline", "/api/story", "/api/search"):
        assert p in paths, p
        ok = paths[p]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok or "items" in ok, p
    components = schema["components"]["schemas"]
    assert {"TimelineEntry", "ClaimRow", "SignalRow", "ErrorResponse"} <= set(components)
    assert "post" in paths["/api/documents"]


def test_post_documents_is_read_only_without_a_token(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": "x"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E112"


def test_post_documents_with_the_token_runs_the_pipeline(
    sample_db: str | Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from newstrace.serve.app import create_app

    from .conftest import TOKEN

    db: str | Path = tmp_path / "copy.db"
    if isinstance(sample_db, str):  # a PostgreSQL database: copied on the server
        request.getfixturevalue("client").app.state.service.store.engine.dispose()  # no open sessions
        db = request.getfixturevalue("pg_databases").copy(sample_db)
    else:
        shutil.copy(sample_db, db)
    with TestClient(create_app(db, token=TOKEN)) as c:
        article = ("Zenda, March 3 (Example Wire) - Ardan Morvek said on Monday that Kaldoria "
                   "was ready to hold talks with Lusavia without preconditions.\n"
                   "The offer was called zorbulated by the Solvennan envoy, officials said.")
        r = c.post("/api/documents", json={"text": article, "published": "2025-10-01"},
                   headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "E113"
        r = c.post("/api/documents", json={"text": article, "published": "2025-10-01"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        assert len(r.json()["added"]) == 1
        assert c.get("/api/search?q=zorbulated").json()["documents"]["total"] == 1
        assert c.get("/api/documents?since=2025-10").json()["total"] == 1  # kept lists refreshed
        r = c.post("/api/documents", json={"title": "no body"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E115"
        r = c.post("/api/documents", json={"text": "   "}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E009"  # the CLI's code for it
        r = c.post("/api/documents", json={"text": "\x00\x01\x02 binary"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 422 and r.json()["error"]["code"].startswith("E0")
        r = c.post("/api/documents", json={"url": "ftp://example.invalid/x"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E114"


@pytest.mark.parametrize("path", ["/", f"/timeline?actor={MAIN}", f"/actors/{MAIN}", "/search?q=dam"])
def test_pages_render_with_a_content_security_policy(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_evidence_links_point_at_the_sentence(client: TestClient) -> None:
    e = _ok(client, f"/api/timeline?actor={MAIN}&limit=1")["items"][0]
    page = client.get(f"/documents/{e['doc_id']}").text
    assert f'id="s-{e["signal_id"]}"' in page
    timeline = client.get(f"/timeline?actor={MAIN}").text
    assert f'/documents/{e["doc_id"]}#s-{e["signal_id"]}' in timeline
    claim = _ok(client, "/api/claims?status=denied")["items"][0]
    claim_page = client.get(f"/claims/{claim['id']}").text
    assert "deny" in claim_page and f"#s-{claim['answers'][0]['signal_id']}" in claim_page
    assert client.get("/documents/dnope").status_code == 404
    assert client.get("/actors/Nobody Known").status_code == 404
