"""``POST /api/documents`` with a URL fetches through the safe fetcher: no private addresses."""

from __future__ import annotations

import pytest

from newstrace.serve.errors import ApiError
from newstrace.serve.ingest import fetch


@pytest.mark.parametrize(("url", "inner"), [
    ("http://127.0.0.1:{port}/a.html", "E081"), ("http://169.254.169.254/latest/meta-data/", "E081"),
    ("http://[::1]:{port}/a.html", "E081"), ("ftp://example.invalid/x", "E080"),
])
def test_api_fetch_refuses_private_addresses(site, url: str, inner: str) -> None:
    site.add("/a.html", "<html><body><p>Internal page.</p></body></html>")
    with pytest.raises(ApiError) as info:
        fetch(url.format(port=site.port))
    assert info.value.code == "E114" and f"[{inner}]" in info.value.message
    assert site.requests == []
