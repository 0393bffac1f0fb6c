"""The web UI: server-rendered pages over the same service as the API.

Every page is a Jinja2 template with autoescape on; article text reaches a page
only as escaped text or through ``doc_view.render_text`` (which escapes every
run it wraps). Charts are inline SVG built here, so the pages need only the
small script in ``static/app.js`` (zoom and hover), allowed by the CSP.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newstrace.errors import NewstraceError
from newstrace.serve.errors import ApiError
from newstrace.serve.filters import service
from newstrace.serve.service import Service

HERE = Path(__file__).parent
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                            autoescape=True))
templates.env.filters["q"] = lambda v: quote(str(v), safe="")
router = APIRouter(include_in_schema=False)
Svc = Annotated[Service, Depends(service)]


def static_files() -> StaticFiles:
    return StaticFiles(directory=str(HERE / "static"))


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def _canonical(svc: Service, actor: str) -> str:
    from newstrace.cli import checks

    try:
        found = checks.check_actor(svc.store, actor)
    except NewstraceError as exc:
        raise ApiError(404, exc.code, str(exc)) from None
    assert found is not None
    return found


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Svc) -> HTMLResponse:
    actors = [a for a in svc.actors() if a.signals][:40]
    return _page(request, "home.html", actors=actors, documents=len(svc.documents()),
                 claims=svc.claim_count())


@router.get("/timeline", response_class=HTMLResponse)
def story_timeline(request: Request, svc: Svc,
                   actor: Annotated[list[str], Query(min_length=1)],
                   topic: Annotated[str | None, Query()] = None) -> HTMLResponse:
    """Actor lanes on a zoomable date axis; marks coloured by type, shaped by source kind."""
    from newstrace.serve.chart import timeline_chart

    lanes = []
    for name in actor[:6]:
        canonical = _canonical(svc, name)
        lanes.append((canonical, svc.timeline(canonical, topic), svc.shifts(canonical, topic)))
    chart = timeline_chart(lanes)
    return _page(request, "timeline.html", lanes=lanes, chart=chart, topic=topic)


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, name: str, svc: Svc) -> HTMLResponse:
    """The actor's positions over time, the conditions in each period, the shifts with both evidences."""
    canonical = _canonical(svc, name)
    return _page(request, "actor.html", actor=canonical, entries=svc.timeline(canonical, None),
                 streams=svc.shifts(canonical, None))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str, svc: Svc) -> HTMLResponse:
    found = svc.claim_index().get(claim_id)
    if found is None:
        rows = svc.store.claims(claim_id=claim_id)
        if not rows:
            return _page(request, "error.html", 404, code="E012", message=f"No claim {claim_id}")
        found = rows[0]
    origins: dict[str, list[Any]] = {}
    for m in found.members:
        origins.setdefault(m.origin, []).append(m)
    return _page(request, "claim.html", claim=found, origins=origins)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, svc: Svc) -> HTMLResponse:
    from newstrace.serve.doc_view import render_text

    d = svc.document_index().get(doc_id)
    if d is None:
        return _page(request, "error.html", 404, code="E012", message=f"No document {doc_id}")
    st = svc.store
    text = st.document_text(doc_id)
    sigs, atts = list(st.signals(doc_id=doc_id)), list(st.attributions(doc_id=doc_id))
    removed = [ln for ln in st.lines(doc_id) if ln["cls"] != "body"]
    return _page(request, "document.html", doc=d, body=render_text(text, sigs, atts), signals=sigs,
                 attributions=atts, removed=removed, sources=st.sources(doc_id))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, svc: Svc, q: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    from newstrace.serve.doc_view import snippet_html
    from newstrace.store.search import search

    hits = search(svc.store, q, limit=100) if q.strip() else []
    words = [w.casefold() for w in q.split()]
    actors = [a for a in svc.actors() if words and all(w in a.name.casefold() for w in words)][:20]
    claims = [c for c in svc.claims() if words and all(w in c.representative.casefold() for w in words)][:30]
    return _page(request, "search.html", q=q, hits=[(h, snippet_html(h.snippet)) for h in hits],
                 actors=actors, claims=claims)
