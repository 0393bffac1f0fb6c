"""The HTTP server and the CLI against hostile requests: injection, traversal, tokens."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstrace.cli.app import app as cli_app
from newstrace.records import ExtractedDocument
from newstrace.store import Store

TOKEN = "s3cret-token-for-tests"
INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE documents; --",
    "\" OR 1=1 --",
    "1) UNION SELECT name, sql FROM sqlite_master --",
    "%' AND 1=0 UNION SELECT 1 --",
    "Putin\\'; DELETE FROM signals; --",
    "2024-01-01' OR '1'='1",
    "%",
    "_",
    "[a-z]*",
    "\x00",
]
# the few that exercise quoting, comments, UNION, LIKE wildcards and NUL; kept short for CI time
SHORT = [INJECTIONS[i] for i in (0, 1, 3, 4, 10)]
TABLES = ("documents", "signals", "attributions", "document_sources", "actors")


def _counts(db: Path) -> dict[str, int]:
    from sqlalchemy import text

    import newstrace

    with newstrace.open(db) as store, store.engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() or 0) for t in TABLES}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory,
             store_of: Callable[[Path, list[ExtractedDocument]], Store]) -> Path:
    from tests.conftest import build_extracted

    path = tmp_path_factory.mktemp("inject") / "s.db"
    docs = [build_extracted(f"Officials said Putin offered talks on day {n}.\nNothing more.",
                            name=f"d{n}.txt", signals=[("Putin offered talks", "Vladimir Putin",
                                                        "intent_to_negotiate", None)])
            for n in range(3)]
    store_of(path, docs).close()
    return path


@pytest.fixture(scope="module")
def client(small_db: Path) -> Iterator[TestClient]:
    from newstrace.serve.app import create_app

    with TestClient(create_app(small_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def _api_requests() -> list[tuple[str, dict[str, str]]]:
    out: list[tuple[str, dict[str, str]]] = []
    for payload in SHORT:
        for param in ("actor", "type", "topic", "outlet", "since", "until"):
            out += [("/api/signals", {param: payload}), ("/api/documents", {param: payload})]
        out += [("/api/attributions", {"speaker": payload}), ("/api/actors", {"contains": payload}),
                ("/api/search", {"q": payload}),
                ("/api/timeline", {"actor": payload}), ("/api/claims", {"actor": payload}),
                ("/api/signals", {"cursor": payload}), ("/search", {"q": payload}),
                ("/timeline", {"actor": payload})]
        for path in ("/api/documents/", "/api/signals/", "/api/attributions/", "/api/claims/",
                     "/documents/", "/claims/", "/actors/"):
            out.append((path + quote(payload, safe=""), {}))
    for payload in INJECTIONS:  # every string through the free-text filters that reach SQL
        out += [("/api/attributions", {"speaker": payload}), ("/api/search", {"q": payload}),
                ("/api/documents/" + quote(payload, safe=""), {})]
    return out


def test_injection_strings_through_every_api_filter_and_id(client: TestClient, small_db: Path) -> None:
    before = _counts(small_db)
    for path, params in _api_requests():
        response = client.get(path, params=params)
        assert response.status_code in (200, 404, 422), (path, params, response.status_code, response.text)
        if response.status_code == 200 and path == "/api/search":
            assert response.json()["documents"]["items"] == [] or params["q"] in ("%", "_")
    assert _counts(small_db) == before


def test_injection_strings_through_every_cli_filter(small_db: Path) -> None:
    before = _counts(small_db)
    runner = CliRunner()
    d = ["--db", str(small_db), "--json"]
    for payload in SHORT:
        if "\x00" in payload:
            continue  # a NUL cannot be passed on a real command line
        for args in (["signals", "--actor", payload], ["signals", "--type", payload],
                     ["signals", "--topic", payload], ["signals", "--since", payload],
                     ["signals", "--until", payload], ["attributions", "--speaker", payload],
                     ["docs", "--outlet", payload], ["timeline", "--actor", payload],
                     ["claims", "--actor", payload], ["show", payload],
                     ["shifts", "--actor", payload]):
            result = runner.invoke(cli_app, [*args, *d])
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.output)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert _counts(small_db) == before


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..%5c..%5cpyproject.toml",
    "/static/../app.py",
    "/static/..%2fapp.py",
    "/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/api/documents/..%2f..%2fetc%2fpasswd",
])
def test_no_route_reads_files_outside_the_store(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 405, 422), (path, response.status_code)
    assert "root:" not in response.text and "def create_app" not in response.text
    assert "[project]" not in response.text


def test_static_files_are_served_from_their_folder(client: TestClient) -> None:
    from newstrace.serve.ui import HERE

    name = next(p.name for p in (HERE / "static").iterdir() if p.is_file())
    assert client.get(f"/static/{name}").status_code == 200


def test_the_write_endpoint_compares_the_token_in_constant_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    body = {"text": "x"}
    for header in (None, "Bearer wrong", f"Bearer {TOKEN}x", TOKEN[:-1], "Bearer ", "Basic " + TOKEN):
        headers = {} if header is None else {"Authorization": header}
        response = client.post("/api/documents", json=body, headers=headers)
        assert response.status_code == 401, header
        assert response.json()["error"]["code"] == "E113"
    assert len(calls) == 6 and all(b == TOKEN.encode() for _a, b in calls)


def test_a_posted_article_with_lone_surrogates_is_a_clear_rejection(tmp_path: Path) -> None:
    """The JSON body parser refuses a lone surrogate with a numbered 422; nothing half-stored."""
    from newstrace.serve.app import create_app

    with TestClient(create_app(tmp_path / "p.db", token=TOKEN), raise_server_exceptions=False) as c:
        body = ('{"text": "Minister Ola Brenn said \\ud800 on Monday that the ferry talks would resume.",'
                ' "outlet": "Harbour \\udfff Post", "title": "T\\ud800"}')
        response = c.post("/api/documents", content=body.encode(),
                          headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "E422"
        assert c.get("/api/documents").json()["items"] == []


def test_ingest_one_survives_surrogates_that_reach_it(tmp_path: Path) -> None:
    """Past the HTTP layer (a Python caller), surrogates are replaced, not a crash."""
    import newstrace
    from newstrace.serve.ingest import ingest_one

    with newstrace.open(tmp_path / "q.db") as store:
        report = ingest_one(store, {"text": "Minister Ola Brenn said \ud800 on Monday that the ferry "
                                            "talks would resume next week.", "outlet": "Harbour \udfff Post"})
        assert len(report.added) == 1, report
        assert store.documents()[0].outlet == "Harbour \ufffd Post"
