"""Cursor pagination: an opaque cursor that remembers where a listing stopped.

The cursor carries the offset and a digest of the filters it was issued for, so
a cursor reused with other filters is refused (422) instead of silently skipping
rows. Listings are in a stable order, so an offset is exact between two reads of
an unchanged store.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from newstrace.serve.errors import ApiError

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    """One page of a listing: its items, the total, and the cursor of the next page (null at the end)."""

    items: list[T]
    total: int
    next_cursor: str | None = None


def _digest(filters: dict[str, Any]) -> str:
    raw = json.dumps(filters, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def encode(offset: int, filters: dict[str, Any]) -> str:
    raw = json.dumps({"o": offset, "f": _digest(filters)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None, filters: dict[str, Any]) -> int:
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = int(data["o"])
        digest = str(data["f"])
    except (ValueError, KeyError, TypeError):
        raise ApiError(422, "E201", f"Invalid cursor '{cursor}'") from None
    if digest != _digest(filters) or offset < 0:
        raise ApiError(422, "E202", "The cursor was issued for other filters; start again without it")
    return offset


def page(items: Sequence[T], *, cursor: str | None, limit: int, filters: dict[str, Any]) -> Page[T]:
    start = decode(cursor, filters)
    chunk = list(items[start : start + limit])
    after = start + len(chunk)
    return Page[T](items=chunk, total=len(items),
                   next_cursor=encode(after, filters) if after < len(items) else None)
