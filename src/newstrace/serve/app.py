"""The FastAPI application: the JSON API, the web UI, and the headers that keep article text inert.

Article text is untrusted. Templates escape everything (Jinja2 autoescape), and a
Content-Security-Policy allows scripts and styles only from this server, so even
markup that slipped through could not run.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError

from newstrace.serve.errors import ApiError, api_error, validation_error
from newstrace.serve.service import Service

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path, *, token: str | None = None) -> FastAPI:
    """An app over the store at ``db``; ``token`` (else NEWSTRACE_API_TOKEN) enables POST /api/documents."""
    from newstrace import __version__
    from newstrace.serve.api import router
    from newstrace.serve.ui import router as ui_router
    from newstrace.serve.ui import static_files

    app = FastAPI(title="newstrace", version=__version__,
                  description="Who signalled what, when, according to whom: a sourced, dated record.")
    app.state.service = Service(db)
    app.state.token = token if token is not None else os.environ.get("NEWSTRACE_API_TOKEN") or None
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.include_router(router)
    app.include_router(ui_router)
    app.mount("/static", static_files(), name="static")

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
