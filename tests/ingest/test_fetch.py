"""Safe fetching: the address policy after DNS and on every redirect hop, limits, conditional GET."""

from __future__ import annotations

import ipaddress

import pytest

from newstrace.ingest.fetch import Fetched, Fetcher, FetchPolicy, address_problem
from newstrace.records import Rejected

PAGE = "<html><head><title>Harbor talks</title></head><body><p>Envoys met.</p></body></html>"
LOCAL = FetchPolicy(allow_private=True, host_delay=0)
ONLY_TEST_SERVER = FetchPolicy(allow_networks=("127.0.0.1/32",), host_delay=0)


def _rejected(result: Fetched | Rejected, code: str) -> Rejected:
    assert isinstance(result, Rejected), result
    assert result.code == code, result.reason
    assert result.reason.startswith(f"[{code}]")
    return result


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"),
    ("172.16.5.5", "private"), ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"),
    ("100.100.100.200", "cloud metadata"), ("169.254.10.10", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"), ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "not globally routable"),
])
def test_non_public_addresses_have_a_reason(address: str, kind: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


def test_fetches_a_local_page_when_private_is_allowed(site) -> None:
    url = site.add("/a.html", PAGE, headers={"ETag": '"v1"'})
    with Fetcher(LOCAL) as f:
        page = f.fetch(url)
    assert isinstance(page, Fetched)
    assert page.status == 200 and page.content == PAGE.encode() and page.media_type == "text/html"
    assert page.etag == '"v1"' and page.final_url == url
    assert site.hits("/a.html")[0].headers["Host"] == f"127.0.0.1:{site.port}"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/a.html", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/a.html", "http://localhost:{port}/a.html", "http://0.0.0.0:{port}/a.html",
    "http://[::ffff:127.0.0.1]:{port}/a.html",
])
def test_private_addresses_are_refused_by_default(site, url: str) -> None:
    site.add("/a.html", PAGE)
    with Fetcher(FetchPolicy(host_delay=0)) as f:
        result = _rejected(f.fetch(url.format(port=site.port)), "E081")
    assert "--allow-private" in result.reason
    assert site.requests == []  # refused before any connection


def test_a_name_is_checked_after_dns_resolution() -> None:
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34", "10.0.0.5"] if host == "news.example" else ["93.184.216.34"]

    with Fetcher(FetchPolicy(host_delay=0), resolver=resolver) as f:
        result = _rejected(f.fetch("https://news.example/story"), "E081")
    assert asked == ["news.example"]
    assert "10.0.0.5" in result.reason and "private" in result.reason


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/", "http://[::1]:{port}/a.html",
    "http://192.168.1.1/",
])
def test_redirects_to_private_addresses_are_refused(site, target: str) -> None:
    site.add("/a.html", PAGE)
    start = site.redirect("/go", target.format(port=site.port))
    with Fetcher(ONLY_TEST_SERVER) as f:
        result = _rejected(f.fetch(start), "E081")
    assert f"redirected from {start}" in result.reason
    assert site.hits("/a.html") == []


def test_redirects_are_followed_and_each_hop_rechecked(site) -> None:
    final = site.add("/story.html", PAGE)
    site.redirect("/two", "/story.html", status=301)
    start = site.redirect("/one", site.url("/two"))
    with Fetcher(ONLY_TEST_SERVER) as f:
        page = f.fetch(start)
    assert isinstance(page, Fetched)
    assert page.url == start and page.final_url == final and page.content == PAGE.encode()
    assert [r.path for r in site.requests] == ["/one", "/two", "/story.html"]


def test_too_many_redirects(site) -> None:
    site.redirect("/loop", "/loop")
    with Fetcher(FetchPolicy(allow_private=True, host_delay=0, max_redirects=3)) as f:
        result = _rejected(f.fetch(site.url("/loop")), "E085")
    assert "3 redirects" in result.reason
    assert len(site.hits("/loop")) == 4


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "gopher://x/",
                                 "http:///nohost", "http://user:pw@example.org/"])
def test_only_http_and_https(url: str) -> None:
    with Fetcher(LOCAL) as f:
        _rejected(f.fetch(url), "E080")


@pytest.mark.parametrize("with_length", [True, False])
def test_size_limit_is_enforced_while_streaming(site, with_length: bool) -> None:
    url = site.add("/big", b"x" * 50_000, content_type="text/plain", length=with_length)
    with Fetcher(FetchPolicy(allow_private=True, host_delay=0, max_bytes=10_000)) as f:
        result = _rejected(f.fetch(url), "E084")
    assert "10000 bytes" in result.reason


def test_read_timeout(site) -> None:
    url = site.add("/slow", PAGE, delay=1.0)
    with Fetcher(FetchPolicy(allow_private=True, host_delay=0, read_timeout=0.2)) as f:
        result = _rejected(f.fetch(url), "E082")
    assert "timed out" in result.reason


def test_http_error_status(site) -> None:
    with Fetcher(LOCAL) as f:
        result = _rejected(f.fetch(site.url("/missing")), "E083")
    assert "HTTP 404" in result.reason and site.url("/missing") in result.reason


def test_connection_refused_is_a_rejection(site) -> None:
    with Fetcher(LOCAL) as f:
        _rejected(f.fetch("http://127.0.0.1:9/x"), "E082")


def test_conditional_get_with_etag_and_last_modified(site) -> None:
    url = site.add("/feed", PAGE, headers={"ETag": '"abc"'})
    url2 = site.add("/page", PAGE, headers={"Last-Modified": "Tue, 04 Mar 2025 10:00:00 GMT"})
    with Fetcher(LOCAL) as f:
        first = f.fetch(url)
        assert isinstance(first, Fetched) and not first.not_modified
        again = f.fetch(url, etag=first.etag)
        dated = f.fetch(url2)
        assert isinstance(dated, Fetched)
        unchanged = f.fetch(url2, last_modified=dated.last_modified)
    assert isinstance(again, Fetched) and again.not_modified and again.content == b""
    assert site.hits("/feed")[1].headers["If-None-Match"] == '"abc"'
    assert isinstance(unchanged, Fetched) and unchanged.status == 304
    assert site.hits("/page")[1].headers["If-Modified-Since"] == "Tue, 04 Mar 2025 10:00:00 GMT"


def test_politeness_delay_per_host(site) -> None:
    waits: list[float] = []
    now = [100.0]
    site.add("/a", PAGE)
    site.add("/b", PAGE)
    policy = FetchPolicy(allow_private=True, host_delay=2.5)
    with Fetcher(policy, clock=lambda: now[0], sleep=waits.append) as f:
        f.fetch(site.url("/a"))
        assert waits == []
        now[0] += 1.0
        f.fetch(site.url("/b"))  # same host one second later: waits the other 1.5 s
        f.fetch(f"http://localhost:{site.port}/a")  # another host name: no wait
    assert waits == [pytest.approx(1.5)]


def test_webhook_post_under_the_same_policy(site) -> None:
    url = site.add("/hook", b"ok", content_type="text/plain")
    with Fetcher(LOCAL) as f:
        assert f.post_json(url, {"n": 1}) is None
        assert site.hits("/hook")[0].body == b'{"n":1}'
        failed = f.post_json(site.url("/nohook"), {"n": 2})
    assert isinstance(failed, Rejected) and failed.code == "E089"
    with Fetcher(FetchPolicy()) as f:
        refused = f.post_json(url, {"n": 3})
    assert isinstance(refused, Rejected) and refused.code == "E081"


def test_the_connection_goes_to_the_checked_address(site) -> None:
    """The name is resolved once, checked, and the request pinned to that address (no second lookup
    that a rebinding DNS server could answer differently); the Host header keeps the name."""
    site.add("/a.html", PAGE)
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    with Fetcher(ONLY_TEST_SERVER, resolver=resolver) as f:
        page = f.fetch(f"http://news.example:{site.port}/a.html")
    assert isinstance(page, Fetched) and page.content == PAGE.encode()
    assert lookups == ["news.example"]
    assert site.hits("/a.html")[0].headers["Host"] == f"news.example:{site.port}"


def test_dns_failures_are_rejections() -> None:
    def broken(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with Fetcher(FetchPolicy(host_delay=0), resolver=broken) as f:
        result = _rejected(f.fetch("http://nowhere.example/"), "E082")
    assert "DNS lookup of nowhere.example failed" in result.reason
    with Fetcher(FetchPolicy(host_delay=0), resolver=lambda h, p: []) as f:
        _rejected(f.fetch("http://empty.example/"), "E082")
    with Fetcher(FetchPolicy(host_delay=0), resolver=lambda h, p: ["not-an-ip"]) as f:
        _rejected(f.fetch("http://odd.example/"), "E082")
