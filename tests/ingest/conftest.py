"""A local HTTP server started by the test (127.0.0.1, a free port), serving routes the test sets."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    length: bool = True  # send Content-Length (False: the body runs until the connection closes)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class LocalSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str, *, status: int = 200, content_type: str = "text/html",
            headers: dict[str, str] | None = None, delay: float = 0.0, length: bool = True) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        heads = {"Content-Type": content_type, **(headers or {})}
        self.routes[path] = Route(data, status, heads, delay, length)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, headers={"Location": to})

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def _handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, body: bytes) -> None:
            self.protocol_version = "HTTP/1.0"
            site.requests.append(Seen(self.command, self.path, dict(self.headers.items()), body))
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            etag = route.headers.get("ETag")
            modified = route.headers.get("Last-Modified")
            if (etag and self.headers.get("If-None-Match") == etag) or (
                    modified and self.headers.get("If-Modified-Since") == modified):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def do_GET(self) -> None:
            self._answer(b"")

        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            self._answer(self.rfile.read(size))

    return Handler


@pytest.fixture
def site() -> Iterator[LocalSite]:
    local = LocalSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(local))
    server.daemon_threads = True
    local.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
