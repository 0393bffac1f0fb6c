"""One store of the bundled sample corpus, served by the app (ingested once per session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"
TOKEN = "test-token-7f3a"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def sample_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str | Path:
    """The samples' store, on SQLite and on PostgreSQL: every API test runs over both."""
    import newstrace

    path: str | Path = tmp_path_factory.mktemp("serve") / "samples.db"
    if request.param == "postgresql":
        path = request.getfixturevalue("pg_databases").fresh()
    with newstrace.open(path) as store:
        report = store.ingest([SAMPLES])
    assert len(report.added) == 14 and not report.rejected
    return path


@pytest.fixture(scope="session")
def client(sample_db: str | Path) -> Iterator[TestClient]:
    from newstrace.serve.app import create_app

    with TestClient(create_app(sample_db, token="")) as c:
        yield c
