"""Fetching an article by URL without letting the server be used against its own network.

``fetch_url`` only speaks http(s) to *public* addresses: the host name is resolved
once, every address it resolves to must be globally routable (no loopback,
private, link-local, shared, multicast, reserved or cloud-metadata address, IPv4
or IPv6, including IPv4-mapped IPv6), and the connection goes to the address that
was checked (so a DNS answer cannot change between the check and the connect).
Redirects are followed by hand, at most ``max_redirects`` times, and each new
location is checked the same way.  The body is limited to ``max_bytes`` and the
whole fetch to ``timeout`` seconds.

The resolver and the socket connector are injectable, so tests run offline.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from workbench.errors import InvalidInputError

__all__ = ["BLOCKED_NETWORKS", "FetchPolicy", "Resolver", "check_address", "fetch_url"]

Resolver = Callable[[str, int], Sequence[str]]
Connector = Callable[[str, int, float], socket.socket]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Not covered by ``is_global`` everywhere, or worth naming in the message.
BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "169.254.169.254/32",  # AWS/GCP/Azure instance metadata
        "100.100.100.200/32",  # Alibaba Cloud metadata
        "fd00:ec2::254/128",  # AWS metadata over IPv6
        "100.64.0.0/10",  # carrier-grade NAT (shared address space)
        "192.0.0.0/24",
        "198.18.0.0/15",
    )
)
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch."""

    timeout: float = 5.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5


def _default_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _default_connector(ip: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((ip, port), timeout=timeout)


def check_address(raw: str) -> IPAddress:
    """The address if a fetch may connect to it; InvalidInputError naming why not."""
    ip = ipaddress.ip_address(raw.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    reason = None
    if ip.is_loopback:
        reason = "a loopback address"
    elif ip.is_link_local or any(ip in net for net in BLOCKED_NETWORKS[:3]):
        reason = "a link-local or cloud-metadata address"
    elif ip.is_private or any(ip in net for net in BLOCKED_NETWORKS):
        reason = "a private address"
    elif ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        reason = "not a public address"
    if reason:
        raise InvalidInputError(f"could not fetch: {ip} is {reason}, refused")
    return ip


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path-and-query) of an http(s) URL; InvalidInputError otherwise."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(f"not an http(s) URL: {url!r}")
    if parts.username or parts.password:
        raise InvalidInputError("URLs with a user name or password are refused")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise InvalidInputError(f"bad port in {url!r}") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, parts.hostname, port, path


class _Pinned(http.client.HTTPSConnection):
    """An HTTP(S) connection to an already checked address (TLS still verifies the host)."""

    def __init__(
        self, host: str, port: int, *, ip: str, tls: bool, timeout: float, connector: Connector
    ) -> None:
        self._tls_context = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls_context)
        self._ip, self._tls, self._connector = ip, tls, connector

    def connect(self) -> None:
        sock = self._connector(self._ip, self.port, float(self.timeout or 5.0))
        self.sock = (
            self._tls_context.wrap_socket(sock, server_hostname=self.host) if self._tls else sock
        )


def _public_ip(host: str, port: int, resolver: Resolver) -> str:
    try:
        return str(check_address(host))  # an address literal needs no resolver
    except ValueError:
        pass
    try:
        addresses = list(resolver(host, port))
    except (OSError, UnicodeError) as error:
        raise InvalidInputError(f"could not fetch: cannot resolve {host}: {error}") from None
    if not addresses:
        raise InvalidInputError(f"could not fetch: {host} has no address")
    for address in addresses:  # every answer must be public, not just the first
        check_address(address)
    return addresses[0]


def _read(response: http.client.HTTPResponse, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise InvalidInputError(f"the page is larger than {policy.max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InvalidInputError(f"the fetch took longer than {policy.timeout:g} s")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise InvalidInputError(f"the page is larger than {policy.max_bytes} bytes")
        chunks.append(chunk)


def _one_hop(
    url: str, policy: FetchPolicy, deadline: float, resolver: Resolver, connector: Connector
) -> tuple[int, str | None, bytes]:
    scheme, host, port, path = _target(url)
    ip = _public_ip(host, port, resolver)
    left = max(0.1, deadline - time.monotonic())
    conn = _Pinned(
        host,
        port,
        ip=ip,
        tls=scheme == "https",
        timeout=min(left, policy.timeout),
        connector=connector,
    )
    try:
        conn.request("GET", path, headers={"User-Agent": "claim-workbench/0.1", "Host": host})
        response = conn.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), b""
        if response.status >= 400:
            raise InvalidInputError(f"could not fetch {url}: HTTP {response.status}")
        return response.status, None, _read(response, policy, deadline)
    finally:
        conn.close()


def fetch_url(
    url: str,
    *,
    timeout: float = 5.0,
    max_bytes: int = 20 * 1024 * 1024,
    max_redirects: int = 5,
    resolver: Resolver | None = None,
    connector: Connector | None = None,
) -> bytes:
    """The body at ``url``, fetched under the rules of the module docstring.

    InvalidInputError (one line) for a refused address, a bad URL, too many
    redirects, a body over ``max_bytes``, a fetch over ``timeout`` or a network error.
    """
    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects)
    deadline = time.monotonic() + policy.timeout
    current = url.strip()
    for _hop in range(policy.max_redirects + 1):
        try:
            status, location, body = _one_hop(
                current, policy, deadline, resolver or _default_resolver,
                connector or _default_connector,
            )  # fmt: skip
        except (OSError, http.client.HTTPException) as error:
            raise InvalidInputError(
                f"could not fetch {current} (no network here?): {error}. "
                "Save the page and upload the file, or paste its text instead."
            ) from None
        if location is None:
            if status in _REDIRECTS:
                raise InvalidInputError(f"could not fetch {current}: redirect without a Location")
            return body
        current = urljoin(current, location)
    raise InvalidInputError(f"could not fetch {url.strip()}: more than {max_redirects} redirects")
