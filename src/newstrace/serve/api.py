"""The JSON API under ``/api``: every list filtered and paged, every item by ID, search, and ingest."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from pydantic import BaseModel, Field

from newstrace.errors import NewstraceError
from newstrace.serve import paging
from newstrace.serve.errors import ERROR_RESPONSES, ApiError
from newstrace.serve.filters import Filters, filters, service, topic_match
from newstrace.serve.paging import Page
from newstrace.serve.service import Service
from newstrace.store.catalog import NameCount
from newstrace.store.claim_rows import ClaimRow
from newstrace.store.rows import AttributionRow, DocumentRow, SignalRow
from newstrace.store.search import HIT_CLOSE, HIT_OPEN, SearchHit
from newstrace.timeline.build import TimelineEntry
from newstrace.timeline.shifts import PositionTimeline
from newstrace.timeline.story import Story

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
Svc = Annotated[Service, Depends(service)]
Flt = Annotated[Filters, Depends(filters)]
Cursor = Annotated[str | None, Query(description="Opaque cursor from the previous page's next_cursor")]
Limit = Annotated[int, Query(ge=1, le=paging.MAX_LIMIT, description="Items per page")]


def _need_actor(f: Filters) -> str:
    if not f.actor:
        raise ApiError(422, "E111", "This listing needs an actor (?actor=…)")
    return f.actor


def _not_found(item_id: str) -> ApiError:
    from newstrace.errors import Errors

    return ApiError(404, "E012", Errors.E012.format_msg(id=item_id))


@router.get("/documents", response_model=Page[DocumentRow], summary="Stored documents")
def documents(svc: Svc, f: Flt, cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    """Documents by publication date; ``actor``/``type``/``topic`` keep those carrying such a signal."""
    rows = [d for d in svc.documents() if (f.outlet is None or d.outlet == f.outlet) and f.dated(d.published)]
    if f.actor or f.type or f.topic or f.source_kind:
        carrying = {s.doc_id for s in svc.signals(f.actor, f.type, f.topic)
                    if f.source_kind in (None, s.source_kind)}
        rows = [d for d in rows if d.id in carrying]
    return paging.page(rows, cursor=cursor, limit=limit, filters=f.key())


class DocumentDetail(BaseModel):
    """A document with its cleaned text, its lines (junk included, collapsed in the UI) and items."""

    document: DocumentRow
    text: str
    lines: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    attributions: list[AttributionRow]
    signals: list[SignalRow]


@router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document")
def document(doc_id: str, svc: Svc) -> Any:
    d = svc.document_index().get(doc_id)
    if d is None:
        raise _not_found(doc_id)
    st = svc.store
    return DocumentDetail(document=d, text=st.document_text(doc_id), lines=st.lines(doc_id),
                          sources=st.sources(doc_id), attributions=list(st.attributions(doc_id=doc_id)),
                          signals=list(st.signals(doc_id=doc_id)))


@router.get("/attributions", response_model=Page[AttributionRow], summary="Attributions")
def attributions(svc: Svc, f: Flt, speaker: Annotated[str | None, Query()] = None,
                 cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    """Who said what; ``actor`` keeps a speaker resolving to that actor, dates are publication dates."""
    docs = svc.document_index()
    rows = [a for a in svc.attributions(speaker or f.actor)
            if (f.outlet is None or a.outlet == f.outlet)
            and f.dated(docs[a.doc_id].published if a.doc_id in docs else None)
            and (f.source_kind is None or _attribution_kind(a) == f.source_kind)]
    return paging.page(rows, cursor=cursor, limit=limit, filters={**f.key(), "speaker": speaker})


def _attribution_kind(a: AttributionRow) -> str:
    """The source kind of an attribution, in the signals' terms."""
    if a.speaker_kind == "media":
        return "reported"
    return "on_record" if a.named else "anonymous"


@router.get("/attributions/{item_id}", response_model=AttributionRow, summary="One attribution")
def attribution(item_id: str, svc: Svc) -> Any:
    return _item(svc, item_id, AttributionRow)


def _item(svc: Service, item_id: str, kind: type) -> Any:
    try:
        item = svc.store.get(item_id)
    except NewstraceError:
        raise _not_found(item_id) from None
    if not isinstance(item, kind):
        raise _not_found(item_id)
    return item


@router.get("/signals", response_model=Page[SignalRow], summary="Signals")
def signals(svc: Svc, f: Flt, cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    from newstrace.timeline.marks import claim_marks

    marks = claim_marks(svc.store) if f.status else {}
    rows = [s for s in svc.signals(f.actor, f.type, f.topic)
            if f.dated(s.event_date) and (f.outlet is None or s.outlet == f.outlet)
            and f.source_kind in (None, s.source_kind)
            and f.marked(marks[s.id].marks if s.id in marks else [])]
    return paging.page(rows, cursor=cursor, limit=limit, filters=f.key())


@router.get("/signals/{item_id}", response_model=SignalRow, summary="One signal")
def signal(item_id: str, svc: Svc) -> Any:
    return _item(svc, item_id, SignalRow)


def _claims(svc: Service, f: Filters, min_origins: int) -> list[ClaimRow]:
    wanted: set[str] | None = None
    if f.actor:
        from newstrace.knowledge import actors

        wanted = actors().members(f.actor) | {f.actor}
    out = []
    for c in svc.claims():
        if wanted is not None and c.actor not in wanted:
            continue
        if (f.type and c.type != f.type) or not topic_match(f.topic, c.topics):
            continue
        if len(c.origins) < min_origins or not f.dated((c.first_report or "")[:10] or None):
            continue
        if f.status and not (c.status == f.status or f.marked(_claim_marks(c), c.status)):
            continue
        if f.outlet and f.outlet not in c.outlets:
            continue
        if f.source_kind and not c.source_kinds.get(f.source_kind):
            continue
        out.append(c)
    return out


def _claim_marks(c: ClaimRow) -> list[str]:
    from newstrace.timeline.marks import MARK_OF

    return sorted({MARK_OF.get(a.kind, a.kind) for a in c.answers})


@router.get("/claims", response_model=Page[ClaimRow], summary="Claims across articles")
def claims(svc: Svc, f: Flt, min_origins: Annotated[int, Query(ge=0)] = 0,
           cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    """Claims, most independent origins first, with every report and every denial, doubt, confirmation."""
    rows = _claims(svc, f, min_origins)
    return paging.page(rows, cursor=cursor, limit=limit, filters={**f.key(), "min": min_origins})


@router.get("/claims/{claim_id}", response_model=ClaimRow, summary="One claim")
def claim(claim_id: str, svc: Svc) -> Any:
    found = svc.claim_index().get(claim_id)
    if found is None:
        rows = svc.store.claims(claim_id=claim_id)  # an ID retired by a merge still resolves
        if not rows:
            raise _not_found(claim_id)
        found = rows[0]
    return found


@router.get("/actors", response_model=Page[NameCount], summary="Actors")
def actors(svc: Svc, contains: Annotated[str | None, Query()] = None,
           cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    rows = [a for a in svc.actors() if not contains or contains.casefold() in a.name.casefold()]
    return paging.page(rows, cursor=cursor, limit=limit, filters={"contains": contains})


def _timeline(svc: Service, f: Filters) -> list[TimelineEntry]:
    actor = _need_actor(f)
    return [e for e in svc.timeline(actor, f.topic)
            if f.dated(e.date or e.date_bound) and (f.type is None or e.type == f.type)
            and (f.outlet is None or f.outlet in e.outlets) and f.source_kind in (None, e.source_kind)
            and f.marked(e.marks, e.claim_status)]


@router.get("/timeline", response_model=Page[TimelineEntry], summary="An actor's timeline")
def timeline(svc: Svc, f: Flt, cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    """Entries in event order: whole sentence with the trigger's offsets, date basis, outlets,
    denials/doubts/confirmations with links, and third-party opinions marked (``voiced_by``)."""
    return paging.page(_timeline(svc, f), cursor=cursor, limit=limit, filters=f.key())


@router.get("/shifts", response_model=Page[PositionTimeline], summary="Positions and shifts")
def shifts(svc: Svc, f: Flt, cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT) -> Any:
    """Per topic stream; no shift rests on a denied report or a third party's opinion (``set_aside``)."""
    out = []
    for pt in svc.shifts(_need_actor(f), f.topic):
        kept = [sh for sh in pt.shifts if f.dated(sh.date)]
        out.append(PositionTimeline(actor=pt.actor, stream=pt.stream, topics=pt.topics,
                                    positions=[p for p in pt.positions if f.dated(p.first_date)],
                                    shifts=kept, set_aside=pt.set_aside))
    return paging.page(out, cursor=cursor, limit=limit, filters=f.key())


@router.get("/story", response_model=Story, summary="A story's key dates")
def story(svc: Svc, f: Flt, q: Annotated[str, Query(min_length=1, description="Actor, topic or keywords")],
          top: Annotated[int | None, Query(ge=1, le=100)] = None) -> Any:
    from newstrace.timeline.story import story as build

    st = build(svc.store, q, top=top)
    st.dates = [d for d in st.dates if f.dated(d.date) and f.marked(d.marks)]
    return st


class SearchPage(BaseModel):
    """Documents matching every word (FTS5 over the cleaned text), with actors whose name matches."""

    query: str
    documents: Page[SearchHit]
    actors: list[NameCount]


@router.get("/search", response_model=SearchPage, summary="Full-text search")
def search(svc: Svc, f: Flt, q: Annotated[str, Query(min_length=1, max_length=300)],
           cursor: Cursor = None, limit: Limit = paging.DEFAULT_LIMIT,
           marked: Annotated[bool, Query(description="Keep the hit markers \\u0002…\\u0003")] = False) -> Any:
    from newstrace.store.search import search as run

    hits = [h for h in run(svc.store, q, limit=paging.MAX_LIMIT)
            if f.dated(h.published) and (f.outlet is None or h.outlet == f.outlet)]
    if not marked:
        plain = [h.snippet.replace(HIT_OPEN, "").replace(HIT_CLOSE, "") for h in hits]
        hits = [SearchHit(**{**h.to_dict(), "snippet": p}) for h, p in zip(hits, plain, strict=True)]
    words = [w.casefold() for w in q.split()]
    names = [a for a in svc.actors() if all(w in a.name.casefold() for w in words)][:10]
    return SearchPage(query=q, documents=paging.page(hits, cursor=cursor, limit=limit,
                                                     filters={**f.key(), "q": q}), actors=names)


class NewDocument(BaseModel):
    """An article to ingest: exactly one of text, html or url."""

    text: str | None = Field(default=None, max_length=5_000_000)
    html: str | None = Field(default=None, max_length=20_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


class IngestResult(BaseModel):
    added: list[str]
    unchanged: list[str]
    rejected: list[dict[str, Any]]


def _authorised(request: Request, authorization: str | None) -> None:
    """Constant-time comparison against the configured token; no token configured: read-only."""
    token = request.app.state.token
    if not token:
        raise ApiError(403, "E112", "This server is read-only: start it with NEWSTRACE_API_TOKEN set")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), str(token).encode()):
        raise ApiError(401, "E113", "Missing or wrong bearer token")


@router.post("/documents", response_model=IngestResult, status_code=201, summary="Ingest one article",
             responses={401: ERROR_RESPONSES[404] | {"description": "Wrong token"},
                        403: ERROR_RESPONSES[404] | {"description": "Read-only server"}})
def add_document(request: Request, svc: Svc, doc: Annotated[NewDocument, Body()],
                 authorization: Annotated[str | None, Header()] = None) -> Any:
    """Runs the same pipeline as ``newstrace ingest`` (same rejection codes); needs the bearer token."""
    _authorised(request, authorization)
    from newstrace.serve.ingest import ingest_one

    report = ingest_one(svc.store, doc.model_dump())
    svc.changed()
    result = IngestResult(added=report.added, unchanged=report.unchanged,
                          rejected=[r.to_dict() for r in report.rejected])
    if report.rejected:
        raise ApiError(422, report.rejected[0].code, report.rejected[0].reason)
    return result

