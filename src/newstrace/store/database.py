"""The store: persist and query extracted documents, in SQLite or PostgreSQL.

A path names a SQLite file (WAL mode, so readers never block a writer); a
``postgresql://`` URL names a database on a server (``store/engine.py``). Each
document is written in its own transaction, retried when another writer was in the
way, so a failure loses only that document. ``newstrace.open`` returns
``newstrace.app.Workspace``, this class plus ingest, reprocess, linking and timelines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from newstrace import ids
from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge import actors
from newstrace.records import ExtractedDocument, RawDocument, Rejected
from newstrace.store.claim_rows import ClaimRow
from newstrace.store.engine import display, is_url, make_engine
from newstrace.store.migrate import migrate
from newstrace.store.retry import retrying
from newstrace.store.rows import (
    AttributionRow,
    CopyGroupRow,
    DocumentRow,
    Rejection,
    Rows,
    SignalRow,
)

# Reading, processing and linking live in the application layer (``newstrace.app``), which
# drives this class; the store only persists and queries, so opening it imports no spaCy.

# Evidence and sentence cut from the stored cleaned text inside SQLite, so a
# query never ships whole documents to Python (substr is 1-based).
_SNIPPETS = (
    'substr(d.clean_text, {t}.start + 1, {t}."end" - {t}.start) AS evidence, '
    "substr(d.clean_text, {t}.sentence_start + 1, {t}.sentence_end - {t}.sentence_start) AS sentence"
)


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _write_extracted(conn: Connection, item: ExtractedDocument) -> bool:
    """Write a processed document with the status its language and problems give it;
    False when the same content was already stored (then only this input is added)."""
    from newstrace.store.link_state import mark_pending
    from newstrace.store.writer import write_document

    mark_pending(conn, item.dated.clean.raw.doc_id)
    lang = item.dated.clean.language
    if item.problem:
        return write_document(conn, item, status="failed", status_reason=item.problem)
    if lang == "en":
        return write_document(conn, item)
    return write_document(conn, item, status="not_english", status_reason=Errors.E015.format_msg(lang=lang))


def _json_list(value: str | None) -> list[Any]:
    """A JSON list column; rows written before the column existed read as empty."""
    if not value:
        return []
    parsed = json.loads(value)
    return parsed if isinstance(parsed, list) else []


def _direct(value: str) -> bool | str:
    parsed = json.loads(value)
    return parsed if isinstance(parsed, bool | str) else bool(parsed)


class Store:
    """A newstrace database. Use ``newstrace.open(path_or_url)`` to get one.

    ``path`` is the SQLite file, None for a server database; ``location`` is what to
    print either way (a URL without its password)."""

    def __init__(self, path: str | Path = "newstrace.db") -> None:
        self.path: Path | None = None if is_url(path) else Path(path)
        self.location = display(path)
        self.engine = make_engine(path)
        self.dialect = self.engine.dialect.name
        try:
            with self.engine.begin() as conn:
                self.schema_version = migrate(conn)
        except DBAPIError as exc:
            self.engine.dispose()
            raise NewstraceError(Errors.E071, url=self.location, detail=str(exc.orig).strip()) from exc

    # ------------------------------------------------------------------ writing

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                params = {f"i{n}": v for n, v in enumerate(chunk)}
                marks = ", ".join(f":i{n}" for n in range(len(chunk)))
                rows = conn.execute(text(f"SELECT id FROM documents WHERE id IN ({marks})"), params)
                found.update(r[0] for r in rows)
        return found

    def add(self, item: ExtractedDocument | Rejected) -> bool:
        """Persist one result in its own transaction, retried while another writer is in the
        way; False when the document was already stored (by another ingest, say)."""
        from newstrace.store.writer import write_rejection

        def write() -> bool:
            with self.engine.begin() as conn:
                if isinstance(item, Rejected):
                    write_rejection(conn, item)
                    return True
                return _write_extracted(conn, item)

        return retrying(write, where=self.location)

    def replace(self, item: ExtractedDocument) -> None:
        """Replace a stored document by its reprocessed result in one transaction (its inputs kept)."""
        from newstrace.store.writer import delete_document, restore_sources

        with self.engine.begin() as conn:
            sources = delete_document(conn, item.dated.clean.raw.doc_id)
            _write_extracted(conn, item)
            restore_sources(conn, sources)

    def add_sources(self, inputs: Iterable[RawDocument]) -> None:
        """Record more inputs that carried already-stored texts (one transaction)."""
        from newstrace.store.writer import write_source

        with self.engine.begin() as conn:
            for raw in inputs:
                write_source(conn, raw)

    def stored_inputs(self, *, page: int = 200) -> Iterator[RawDocument]:
        """Every stored document's input, rebuilt as it was first read, a page at a time
        (so reprocessing a large store never holds every text)."""
        after: tuple[str, str] = ("", "")
        sql = ("SELECT id, name, source_path, url, format, raw_text, raw_title, extra_json "
               "FROM documents WHERE (name, id) > (:n, :i) ORDER BY name, id LIMIT :k")
        while True:
            rows = self._fetch(sql, {"n": after[0], "i": after[1], "k": page})
            if not rows:
                return
            ids_ = [r["id"] for r in rows]
            marks = ", ".join(f":d{n}" for n in range(len(ids_)))
            meta: dict[str, tuple[str | None, str | None]] = {}
            for m in self._fetch("SELECT doc_id, source_path, outlet, published FROM document_sources "
                                 f"WHERE doc_id IN ({marks}) ORDER BY doc_id, source_path",
                                 {f"d{n}": v for n, v in enumerate(ids_)}):
                meta.setdefault(m["doc_id"], (m["outlet"], m["published"]))
                meta.setdefault(f"{m['doc_id']}|{m['source_path']}", (m["outlet"], m["published"]))
            for r in rows:
                # the metadata of the input the document was first read from
                first = meta.get(r["id"], (None, None))
                outlet, published = meta.get(f"{r['id']}|{r['source_path'] or ''}", first)
                yield RawDocument(
                    doc_id=r["id"], name=r["name"], text=r["raw_text"], format=r["format"],
                    source_path=r["source_path"], url=r["url"], outlet=outlet, published=published,
                    title=r["raw_title"], extra=json.loads(r["extra_json"]))
            after = (rows[-1]["name"], rows[-1]["id"])

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM documents")).scalar() or 0)

    def boilerplate_rows(self, group: str) -> list[tuple[str, str, str]]:
        """The learned-furniture counts stored for one outlet group: (group, line, fingerprint)."""
        sql = "SELECT grp, line, fingerprint FROM boilerplate_lines WHERE grp = :g"
        return [(r["grp"], r["line"], r["fingerprint"]) for r in self._fetch(sql, {"g": group})]

    def add_boilerplate_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        with self.engine.begin() as conn:
            for group, line, fp in rows:
                conn.execute(
                    text("INSERT INTO boilerplate_lines (grp, line, fingerprint) VALUES (:g, :l, :f) "
                         "ON CONFLICT DO NOTHING"),
                    {"g": group, "l": line, "f": fp},
                )

    # ------------------------------------------------------------------ reading

    def _fetch(self, sql: str, params: dict[str, Any]) -> list[Any]:
        """Run one read query and return its rows as mappings (one connection per query)."""
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params).mappings())

    def _doc_rows(self, where: str = "", params: dict[str, Any] | None = None) -> Rows[DocumentRow]:
        sql = (
            # the listed columns only: the three texts of every document stay in the store
            "SELECT d.id, d.name, d.outlet, d.origin, d.title, d.author, d.url, d.source_path, "
            "d.language, d.status, d.status_reason, d.published_value, d.published_precision, "
            "d.published_confidence, d.published_evidence, d.published_method, "
            "(SELECT COUNT(*) FROM attributions a WHERE a.doc_id = d.id) AS n_att, "
            "(SELECT COUNT(*) FROM signals s WHERE s.doc_id = d.id) AS n_sig, "
            "c.group_id AS copy_group, c.original_id AS copy_original, c.kind AS copy_kind "
            "FROM documents d LEFT JOIN copy_members c ON c.doc_id = d.id "
            f"{where} ORDER BY COALESCE(d.published_value, '9999'), d.name"
        )
        out: Rows[DocumentRow] = Rows()
        for r in self._fetch(sql, params or {}):
            out.append(DocumentRow(
                id=r["id"], name=r["name"], outlet=r["outlet"], origin=r["origin"],
                title=r["title"], author=r["author"], url=r["url"], source_path=r["source_path"],
                language=r["language"], status=r["status"], status_reason=r["status_reason"],
                published=r["published_value"],
                published_precision=r["published_precision"],
                published_confidence=r["published_confidence"],
                published_evidence=r["published_evidence"],
                published_method=r["published_method"],
                attributions=r["n_att"], signals=r["n_sig"],
                copy_group=r["copy_group"], copy_original=r["copy_original"], copy_kind=r["copy_kind"],
            ))
        return out

    def claims(self, *, status: str | None = None, min_origins: int = 0, actor: str | None = None,
               claim_id: str | None = None) -> Rows[ClaimRow]:
        """Claims across articles: reports, outlets, independent origins, status, answers."""
        from newstrace.store.claims_store import read_claims

        with self.engine.connect() as conn:
            return read_claims(conn, status=status, min_origins=min_origins, actor=actor, claim_id=claim_id)

    def copies(self) -> Rows[CopyGroupRow]:
        """Copy groups: each with its original first and how every member relates to it."""
        sql = ("SELECT c.group_id, c.original_id, c.original_rule, c.doc_id, c.kind, c.similarity, "
               "d.name, d.outlet, d.published_value FROM copy_members c "
               "JOIN documents d ON d.id = c.doc_id "
               "ORDER BY c.group_id, c.kind != 'original', COALESCE(d.published_value, '9999'), d.name")
        groups: dict[str, CopyGroupRow] = {}
        for r in self._fetch(sql, {}):
            g = groups.get(r["group_id"])
            if g is None:
                g = groups[r["group_id"]] = CopyGroupRow(
                    id=r["group_id"], original=r["original_id"], original_rule=r["original_rule"])
            g.members.append({"doc_id": r["doc_id"], "name": r["name"], "outlet": r["outlet"],
                              "published": r["published_value"], "kind": r["kind"],
                              "similarity": r["similarity"]})
        # the same text read from several inputs is one stored document: an exact group of inputs
        sql = ("SELECT s.doc_id, s.name, s.source_path, s.outlet, s.published, d.published_value "
               "FROM document_sources s JOIN documents d ON d.id = s.doc_id "
               "WHERE s.doc_id IN (SELECT doc_id FROM document_sources GROUP BY doc_id HAVING COUNT(*) > 1) "
               "ORDER BY s.doc_id, s.source_path, s.name")
        in_group = {m["doc_id"]: g for g in groups.values() for m in g.members}
        inputs: dict[str, list[Any]] = {}
        for r in self._fetch(sql, {}):
            inputs.setdefault(r["doc_id"], []).append(r)
        for doc_id, rows in inputs.items():
            g = in_group.get(doc_id)
            if g is None:  # its only copies are inputs with the very same text
                gid = ids.copy_group_id(doc_id)
                g = groups[gid] = CopyGroupRow(id=gid, original=doc_id, original_rule="same-text")
                first = rows[0]
                g.members.append({"doc_id": doc_id, "name": first["name"], "outlet": first["outlet"],
                                  "published": first["published"] or first["published_value"],
                                  "kind": "original", "similarity": None})
            for r in rows[1:]:  # the first input is the stored document itself
                g.members.append({"doc_id": doc_id, "name": r["name"], "outlet": r["outlet"],
                                  "published": r["published"] or r["published_value"],
                                  "kind": "exact", "similarity": 1.0})
        out: Rows[CopyGroupRow] = Rows(sorted(groups.values(), key=lambda g: (-len(g.members), g.id)))
        return out

    def documents(self) -> Rows[DocumentRow]:
        return self._doc_rows()

    def document(self, doc_id: str) -> DocumentRow:
        rows = self._doc_rows("WHERE d.id = :id", {"id": doc_id})
        if not rows:
            raise NewstraceError(Errors.E012, id=doc_id)
        return rows[0]

    def document_text(self, doc_id: str, *, which: str = "clean") -> str:
        col = {"clean": "clean_text", "source": "source_text", "raw": "raw_text"}[which]
        with self.engine.connect() as conn:
            value = conn.execute(text(f"SELECT {col} FROM documents WHERE id = :id"), {"id": doc_id}).scalar()
        if value is None:
            raise NewstraceError(Errors.E012, id=doc_id)
        return str(value)

    def lines(self, doc_id: str) -> Rows[dict[str, Any]]:
        sql = "SELECT number, cls, text, reason FROM lines WHERE doc_id = :id ORDER BY number"
        return Rows(dict(r) for r in self._fetch(sql, {"id": doc_id}))  # Rows: .to_pandas() (issue 14)

    def attributions(self, *, doc_id: str | None = None, speaker: str | None = None) -> Rows[AttributionRow]:
        clauses, params = [], {}
        if doc_id:
            clauses.append("a.doc_id = :doc")
            params["doc"] = doc_id
        if speaker:
            clauses.append("(a.speaker_canonical = :sp OR a.speaker LIKE :like)")
            params["sp"] = actors().resolve_query(speaker)
            params["like"] = f"%{speaker}%"
        return self._attribution_rows(clauses, params)

    def _attribution_rows(self, clauses: list[str], params: dict[str, Any]) -> Rows[AttributionRow]:
        where = _where(clauses)
        sql = (
            "SELECT a.*, d.name AS doc_name, d.outlet AS outlet, "
            f"{_SNIPPETS.format(t='a')}, "
            "substr(d.clean_text, a.content_start + 1, a.content_end - a.content_start) AS content "
            f"FROM attributions a JOIN documents d ON d.id = a.doc_id {where} "
            "ORDER BY d.name, a.start"
        )
        out: Rows[AttributionRow] = Rows()
        for r in self._fetch(sql, params):
            out.append(AttributionRow(
                id=r["id"], doc_id=r["doc_id"], doc_name=r["doc_name"], outlet=r["outlet"],
                start=r["start"], end=r["end"], raw_start=r["raw_start"], raw_end=r["raw_end"],
                evidence=r["evidence"], sentence=r["sentence"],
                speaker=r["speaker"], speaker_canonical=r["speaker_canonical"],
                speaker_kind=r["speaker_kind"], named=bool(r["named"]), cue=r["cue"],
                direct=_direct(r["direct"]), via=r["via"],
                content=r["content"], force=r["force"], source_count=r["source_count"],
                source_qualifiers=_json_list(r["source_qualifiers_json"]),
                source_roles=_json_list(r["source_roles_json"]),
                source_affiliation=_json_list(r["source_affiliation_json"]),
                source_proximity=r["source_proximity"],
                via_chain=_json_list(r["via_chain_json"]) or ([r["via"]] if r["via"] else []),
                component=r["component"], confidence=float(r["confidence"]),
            ))
        return out

    def signals(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        topic: str | None = None,
        doc_id: str | None = None,
    ) -> Rows[SignalRow]:
        """Signals, optionally for an actor (and everyone who speaks for it), a type, a date."""
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if actor:
            clauses.append(
                "s.id IN (SELECT signal_id FROM signal_actors WHERE actor_id = :aid)"
            )
            params["aid"] = ids.actor_id(actors().resolve_query(actor))
        if type:
            clauses.append("s.type = :type")
            params["type"] = type
        if since:
            clauses.append("s.event_date >= :since")
            params["since"] = since
        if topic:
            clauses.append("s.topics_json LIKE :topic")
            params["topic"] = f'%"{topic}"%'
        if doc_id:
            clauses.append("s.doc_id = :doc")
            params["doc"] = doc_id
        return self._signal_rows(clauses, params)

    def _signal_rows(self, clauses: list[str], params: dict[str, Any]) -> Rows[SignalRow]:
        where = _where(clauses)
        sql = (
            "SELECT s.*, d.name AS doc_name, d.outlet AS outlet, d.origin AS origin, "
            f"d.published_value AS published, {_SNIPPETS.format(t='s')} "
            f"FROM signals s JOIN documents d ON d.id = s.doc_id {where} "
            "ORDER BY s.event_date IS NULL, s.event_date, COALESCE(d.published_value, ''), d.name, s.start"
        )
        out: Rows[SignalRow] = Rows()
        for r in self._fetch(sql, params):
            out.append(SignalRow(
                id=r["id"], doc_id=r["doc_id"], doc_name=r["doc_name"], outlet=r["outlet"],
                origin=r["origin"], published=r["published"], start=r["start"], end=r["end"],
                raw_start=r["raw_start"], raw_end=r["raw_end"],
                evidence=r["evidence"], sentence=r["sentence"],
                actor=r["actor"], actor_text=r["actor_text"], type=r["type"],
                topics=json.loads(r["topics_json"]), polarity=r["polarity"],
                when=r["when_value"], when_precision=r["when_precision"],
                when_evidence=r["when_evidence"], source_kind=r["source_kind"],
                source_by=r["source_by"], source_via=r["source_via"],
                attribution_id=r["attribution_id"], event_date=r["event_date"],
                event_basis=r["event_basis"], conditions=_json_list(r["conditions_json"]),
                certainty=r["certainty"], component=r["component"],
                confidence=float(r["confidence"]), actor_kind=r["actor_kind"],
            ))
        return out

    def sources(self, doc_id: str) -> Rows[dict[str, Any]]:
        """Every input that carried this document's text (copies included)."""
        sql = ("SELECT source_path, name, url, outlet, published, extra_json FROM document_sources "
               "WHERE doc_id = :id ORDER BY source_path, name")
        return Rows([{**{k: r[k] for k in ("source_path", "name", "url", "outlet", "published")},
                 "extra": json.loads(r["extra_json"])} for r in self._fetch(sql, {"id": doc_id})])

    def rejections(self) -> Rows[Rejection]:
        out: Rows[Rejection] = Rows()
        sql = "SELECT name, source_path, code, reason FROM rejections ORDER BY source_path, name"
        for r in self._fetch(sql, {}):
            out.append(Rejection(r["name"], r["source_path"], r["code"], r["reason"]))
        return out

    def get(self, item_id: str) -> DocumentRow | AttributionRow | SignalRow:
        """A document, attribution or signal by its ID."""
        if item_id.startswith("d"):
            return self.document(item_id)
        if item_id.startswith("a"):
            rows = self._attribution_rows(["a.id = :id"], {"id": item_id})
            if rows:
                return rows[0]
        if item_id.startswith("s"):
            srows = self._signal_rows(["s.id = :id"], {"id": item_id})
            if srows:
                return srows[0]
        raise NewstraceError(Errors.E012, id=item_id)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path = "newstrace.db") -> Store:
    """A store at a SQLite path or a ``postgresql://`` URL (created or migrated as needed)."""
    return Store(path)
