"""Fetch web pages without letting a URL reach inside the network it runs in.

A URL handed to ``newstrace ingest``, a feed or a feed's links is untrusted: it
may name, or redirect to, a loopback service, a private LAN address or a cloud
metadata endpoint (server-side request forgery). So every hop is checked AFTER
DNS resolution, and the connection is then pinned to the address that was
checked (the URL's host is replaced by that IP, with the ``Host`` header and TLS
SNI kept), so a second, different DNS answer cannot slip past the check.
Redirects are followed by hand for the same reason. Environment proxies are
ignored: a proxy would make the pinned address meaningless.

httpx does the HTTP; what it has no switch for (the address policy, pinning,
manual redirects, the streamed size cap, per-host politeness) is written here.
Every failure is a ``Rejected`` with a numbered reason (E080–E086), never an
exception.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newstrace.errors import Errors
from newstrace.records import Rejected

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Cloud instance-metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS, AWS IPv6,
# Alibaba, Oracle): refused by name even where a broader rule would also catch them.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192",
))
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What a fetch may do. ``allow_private`` lifts the address check (a local test server)."""

    allow_private: bool = False
    # networks allowed even though not public, e.g. ("10.8.0.0/16",) for an in-house mirror
    allow_networks: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to the same host
    user_agent: str = "newstrace (news record builder; polite fetcher)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response: ``status`` 200-class, or 304 when a conditional GET found no change."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: str  # ISO 8601 UTC: an upper bound on when the page was published

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()


def address_problem(ip: IPAddress) -> str | None:
    """Why this address may not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    for name, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return name
    if not ip.is_global:  # shared address space 100.64/10, documentation ranges, ...
        return "not globally routable"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (all are checked, not just the first)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _reject(url: str, error: Errors, **kwargs: object) -> Rejected:
    return Rejected(url, error.format_msg(url=url, **kwargs), error.name, url)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class _Target:
    """One hop: the URL as written, and the pinned URL plus headers that reach the checked IP."""

    url: str
    host: str
    pinned_url: str
    host_header: str
    https: bool


class Fetcher:
    """An HTTP client that applies a ``FetchPolicy`` to every request and redirect hop.

    ``resolver``, ``clock`` and ``sleep`` can be replaced (tests: a name that
    resolves to 10.0.0.1, a politeness delay observed without waiting).
    """

    def __init__(self, policy: FetchPolicy | None = None, *, resolver: Resolver | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or FetchPolicy()
        self._resolve = resolver or system_resolver
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._allowed = [ipaddress.ip_network(n, strict=False) for n in self.policy.allow_networks]
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                    headers={"User-Agent": self.policy.user_agent})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ checks

    def check_url(self, url: str) -> _Target | Rejected:
        """The hop to make for ``url``, or why it is refused (scheme, host, resolved address)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            return _reject(url, Errors.E080, detail=str(exc))
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            return _reject(url, Errors.E080, detail=f"scheme '{scheme or '(none)'}' is not http or https")
        host = parts.hostname
        if not host:
            return _reject(url, Errors.E080, detail="no host name")
        if parts.username or parts.password:
            return _reject(url, Errors.E080, detail="credentials in the URL are not sent")
        port = port or (443 if scheme == "https" else 80)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        try:
            found = [str(literal)] if literal else list(self._resolve(host, port))
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        except (OSError, UnicodeError, ValueError) as exc:
            return _reject(url, Errors.E082, detail=f"DNS lookup of {host} failed ({exc})")
        if not addresses:
            return _reject(url, Errors.E082, detail=f"DNS lookup of {host} gave no address")
        if not self.policy.allow_private:
            for ip in addresses:
                problem = address_problem(ip)
                if problem and not any(ip in net for net in self._allowed):
                    return _reject(url, Errors.E081, address=ip, kind=problem)
        ip = min(addresses, key=lambda a: a.version)  # IPv4 first: IPv6 routes are often missing
        ip_host = f"[{ip}]" if ip.version == 6 else str(ip)
        netloc = ip_host if parts.port is None else f"{ip_host}:{port}"
        pinned = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
        default_port = parts.port is None
        host_header = (f"[{host}]" if ":" in host else host) + ("" if default_port else f":{port}")
        return _Target(url, host.lower(), pinned, host_header, scheme == "https")

    def _wait_turn(self, host: str) -> None:
        """Politeness: at least ``host_delay`` seconds between requests to one host."""
        last = self._last.get(host)
        if last is not None:
            wait = self.policy.host_delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    # ------------------------------------------------------------------ fetching

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              ) -> Fetched | Rejected:
        """GET ``url`` under the policy; with ``etag``/``last_modified`` a conditional GET."""
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            target = self.check_url(current)
            if isinstance(target, Rejected):
                if current != url:
                    return Rejected(url, f"{target.reason} (redirected from {url})", target.code, url)
                return target
            result = self._request(url, target, etag=etag, last_modified=last_modified)
            if isinstance(result, str):
                current = urljoin(current, result)
                continue
            return result
        return _reject(url, Errors.E085, limit=self.policy.max_redirects)

    def _request(self, url: str, target: _Target, *, etag: str | None, last_modified: str | None,
                 ) -> Fetched | Rejected | str:
        """One hop: a response, a rejection, or the Location to follow."""
        headers = {"Host": target.host_header, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        extensions: dict[str, Any] = {"sni_hostname": target.host} if target.https else {}
        self._wait_turn(target.host)
        limit = self.policy.max_bytes
        try:
            with self._client.stream("GET", target.pinned_url, headers=headers,
                                     extensions=extensions) as resp:
                if resp.status_code in _REDIRECTS:
                    location = str(resp.headers.get("location") or "")
                    if not location:
                        return _reject(url, Errors.E083, status=resp.status_code,
                                       detail="redirect without a Location")
                    return location
                if resp.status_code == 304:
                    return self._fetched(url, target, resp, b"")
                if not 200 <= resp.status_code < 300:
                    return _reject(url, Errors.E083, status=resp.status_code,
                                   detail=resp.reason_phrase or "error")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    return _reject(url, Errors.E084, limit=limit)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        return _reject(url, Errors.E084, limit=limit)
                return self._fetched(url, target, resp, bytes(body))
        except httpx.TimeoutException as exc:
            return _reject(url, Errors.E082, detail=f"timed out ({type(exc).__name__})")
        except (httpx.HTTPError, OSError) as exc:
            return _reject(url, Errors.E082, detail=f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _fetched(url: str, target: _Target, resp: httpx.Response, body: bytes) -> Fetched:
        return Fetched(url=url, final_url=target.url, status=resp.status_code, content=body,
                       content_type=resp.headers.get("content-type", ""),
                       etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                       fetched_at=_now())

    def post_json(self, url: str, payload: Any) -> Rejected | None:
        """POST JSON to ``url`` (a webhook) under the same address policy; no redirects followed."""
        target = self.check_url(url)
        if isinstance(target, Rejected):
            return target
        extensions: dict[str, Any] = {"sni_hostname": target.host} if target.https else {}
        try:
            resp = self._client.post(target.pinned_url, json=payload, extensions=extensions,
                                     headers={"Host": target.host_header})
        except httpx.HTTPError as exc:
            return _reject(url, Errors.E089, detail=f"{type(exc).__name__}: {exc}")
        if not 200 <= resp.status_code < 300:
            return _reject(url, Errors.E089, detail=f"HTTP {resp.status_code}")
        return None
