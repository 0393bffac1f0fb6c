"""A live server (uvicorn in a thread) and Debian's chromium driven by Playwright, headless.

The browser is the system's ``chromium`` (scripts/setup.sh installs it); the tests
skip, saying why, only when it is not installed or cannot start.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` on a free local port; yields its base URL."""
    import uvicorn

    from newstrace.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, token=""), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh installs it with apt-get)")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=chromium, headless=True,
                                   args=["--no-sandbox", "--disable-dev-shm-usage"])
        except Error as exc:
            pytest.skip(f"chromium could not start: {exc}")
        yield b
        b.close()


@pytest.fixture
def shot() -> Callable[[Any, str], Path]:
    """Save a screenshot of the visible page under build/screenshots/ and return its path."""

    def save(page: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 1000
        return path

    return save


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import newstrace

    path = tmp_path_factory.mktemp("browser") / "samples.db"
    with newstrace.open(path) as store:
        report = store.ingest([ROOT / "samples" / "corpus"])
    assert len(report.added) == 14
    return path
