"""API errors: a JSON body ``{"error": {"code", "message"}}`` with the right status.

The codes are the CLI's and the pipeline's (E012 unknown ID, E102 unknown actor …)
so a user can search one code whatever the surface.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from newstrace.errors import NewstraceError


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class ApiError(Exception):
    """An error with its HTTP status and numbered code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    @classmethod
    def of(cls, exc: NewstraceError, status: int) -> ApiError:
        return cls(status, exc.code, str(exc))


def _body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


async def api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(_body(exc.code, exc.message), status_code=exc.status)


async def validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()]
    return JSONResponse(_body("E422", "; ".join(parts) or "invalid request"), status_code=422)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such item (E012)"},
    422: {"model": ErrorResponse, "description": "A filter or the body is invalid"},
}
