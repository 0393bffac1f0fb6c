"""Shared fixtures: hand-built records so store/timeline tests need no parser."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newstrace
from newstrace import ids
from newstrace.clean.offsets import join_lines
from newstrace.link import link_actors
from newstrace.records import (
    Attribution,
    CleanDocument,
    DatedDocument,
    ExtractedDocument,
    Line,
    PublishedDate,
    RawDocument,
    Signal,
    SignalSource,
    When,
)
from newstrace.store import Store


def build_extracted(
    text: str,
    *,
    name: str = "doc.txt",
    published: str | None = "2025-03-04",
    signals: list[tuple[str, str, str, str | None]] = (),  # type: ignore[assignment]
    outlet: str | None = "Example Wire",
) -> ExtractedDocument:
    """A document whose every line is body, with signals given as (evidence, actor, type, when)."""
    raw = RawDocument(doc_id=ids.doc_id(text), name=name, text=text, format="text")
    lines = []
    pos = 0
    pieces = []
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append(Line(n, pos, pos + len(line), line, "body"))
            pieces.append((pos, line))
        pos += len(line) + 1
    clean_text, segs = join_lines(pieces)
    clean = CleanDocument(raw=raw, source_text=text, text=clean_text, lines=tuple(lines),
                          segments=segs, title=None, outlet=outlet, origin=None)
    pub = (PublishedDate(published, "day", 0.9, published, "metadata") if published
           else PublishedDate(None, None, 0.0, None, "none"))
    dated = DatedDocument(clean=clean, published=pub, times=())
    sigs = []
    atts = []
    for evidence, actor, typ, when in signals:
        start = clean_text.index(evidence)
        end = start + len(evidence)
        att = Attribution(
            id=ids.item_id("attribution", raw.doc_id, start, end, "say"), start=start, end=end,
            speaker="officials", speaker_canonical=None, speaker_kind="anonymous", named=False,
            cue="say", direct=False, via="Example Wire", content_start=start, content_end=end,
            sentence_start=start, sentence_end=end,
        )
        atts.append(att)
        sigs.append(Signal(
            id=ids.item_id("signal", raw.doc_id, start, end, actor, typ), start=start, end=end,
            actor=actor, actor_text=actor, type=typ, topics=("ceasefire",), polarity="positive",
            when=When(when, "month", "last month") if when else None,
            source=SignalSource("anonymous", "officials", "Example Wire"), attribution_id=att.id,
            sentence_start=start, sentence_end=end,
        ))
    return ExtractedDocument(dated=dated, attributions=tuple(atts), signals=tuple(sigs))


@pytest.fixture
def make_extracted() -> Callable[..., ExtractedDocument]:
    return build_extracted


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Invented articles as one JSONL input file (one object per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture(name="write_jsonl", scope="session")
def write_jsonl_fixture() -> Callable[[Path, list[dict[str, Any]]], Path]:
    return write_jsonl


def store_of(path: Path, docs: list[ExtractedDocument]) -> Store:
    """A store holding these hand-built documents, actors linked (as ingest would leave it)."""
    store = newstrace.open(path)
    for d in docs:
        store.add(d)
    with store.engine.begin() as conn:
        link_actors(conn)
    return store


@pytest.fixture(name="store_of", scope="session")
def store_of_fixture() -> Callable[[Path, list[ExtractedDocument]], Store]:
    return store_of


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    """An open store over the module's ``db`` fixture (a database the module ingested)."""
    with newstrace.open(db) as s:
        yield s


# ------------------------------------------------------------------ store backends
# Store tests run on SQLite and on a real PostgreSQL server that scripts/pg.sh starts once
# per session (installing Debian's postgresql when the binaries are missing and apt can).
# NEWSTRACE_TEST_PG=postgresql://… uses a server you already run instead.

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL database (a throwaway cluster)."""
    import os
    import subprocess
    import tempfile

    given = os.environ.get("NEWSTRACE_TEST_PG")
    if given:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="ntpg-", dir="/tmp")
    run = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start", folder],
                         capture_output=True, text=True, timeout=600, check=False)
    if run.returncode == 3:  # no binaries and no way to install them: nothing to test against
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", folder], check=False)
        pytest.skip(f"PostgreSQL unavailable: {run.stderr.strip()}")
    if run.returncode != 0:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", folder], check=False)
        raise RuntimeError(f"scripts/pg.sh start failed ({run.returncode}): {run.stderr.strip()}")
    try:
        yield run.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", folder], check=False)


class PgDatabases:
    """Databases on the session's server: each test or fixture gets its own, dropped at the end."""

    def __init__(self, server_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.url = make_url(server_url)
        self.admin = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.names: list[str] = []

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def _new_name(self) -> str:
        import uuid

        name = f"t_{uuid.uuid4().hex[:12]}"
        self.names.append(name)
        return name

    def fresh(self) -> str:
        """A new empty database's URL."""
        name = self._new_name()
        self._run(f'CREATE DATABASE "{name}"')
        return self.url.set(database=name).render_as_string(hide_password=False)

    def copy(self, source_url: str) -> str:
        """A copy of another test database (its open connections are closed first)."""
        from sqlalchemy.engine import make_url

        source = make_url(source_url).database
        name = self._new_name()
        self._run(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  f"WHERE datname = '{source}' AND pid <> pg_backend_pid()")
        self._run(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._run(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_databases(pg_server: str) -> PgDatabases:
    return PgDatabases(pg_server)


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a test's new store goes: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "s.db"
        return
    dbs: PgDatabases = request.getfixturevalue("pg_databases")
    url = dbs.fresh()
    try:
        yield url
    finally:
        dbs.drop(url)
