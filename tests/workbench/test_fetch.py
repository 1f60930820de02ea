"""Issue 9, finding 5: "Fetch a URL" cannot be turned against the server's own network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from workbench import views
from workbench.errors import InvalidInputError
from workbench.fetch import check_address, fetch_url

PUBLIC = "93.184.216.34"  # a global address; the injected connector never leaves this machine


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"no"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        del args


@pytest.fixture
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def _routes(port: int) -> None:
    _Handler.routes = {
        "/secret": (200, {}, b"internal admin page"),
        "/article": (200, {}, "Бүгін 60 адам келді.".encode()),
        "/to-loopback": (302, {"Location": f"http://127.0.0.1:{port}/secret"}, b""),
        "/to-private": (301, {"Location": "http://intranet.example/secret"}, b""),
        "/to-metadata": (307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big": (200, {}, b"x" * 5000),
    }


def _resolver(names: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        del port
        return names[host]

    return resolve


def _to_local(port: int):  # type: ignore[no-untyped-def]
    def connect(ip: str, _port: int, timeout: float) -> socket.socket:
        assert ip == PUBLIC  # only checked addresses are ever connected to
        return socket.create_connection(("127.0.0.1", port), timeout=timeout)

    return connect


def test_a_local_server_is_refused(server: int) -> None:
    _routes(server)
    for url in (f"http://127.0.0.1:{server}/secret", f"http://localhost:{server}/secret"):
        with pytest.raises(InvalidInputError, match="loopback address, refused"):
            fetch_url(url)
    with pytest.raises(InvalidInputError, match="could not fetch"):
        views.fetch_url(f"http://127.0.0.1:{server}/secret")  # the dashboard's entry point


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "metadata"),
        ("fe80::1", "link-local"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fd00:ec2::254", "metadata"),
        ("100.64.0.1", "private"),
        ("0.0.0.0", "refused"),
    ],
)
def test_internal_addresses_are_refused(address: str, why: str) -> None:
    with pytest.raises(InvalidInputError, match=why):
        check_address(address)
    assert str(check_address(PUBLIC)) == PUBLIC


def test_a_name_resolving_to_a_private_address_is_refused(server: int) -> None:
    names = {"news.example": ["8.8.8.8", "10.0.0.7"]}  # one bad answer is enough
    with pytest.raises(InvalidInputError, match=r"10\.0\.0\.7 is a private address"):
        fetch_url("http://news.example/", resolver=_resolver(names), connector=_to_local(server))


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/to-loopback", "loopback"),
        ("/to-private", "private"),
        ("/to-metadata", "metadata"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_every_redirect_is_checked(server: int, path: str, why: str) -> None:
    _routes(server)
    names = {"news.example": [PUBLIC], "intranet.example": ["192.168.1.2"]}
    with pytest.raises(InvalidInputError, match=why):
        fetch_url(
            f"http://news.example{path}", resolver=_resolver(names), connector=_to_local(server)
        )


def test_public_page_is_fetched_within_limits(server: int) -> None:
    _routes(server)
    names = {"news.example": [PUBLIC]}
    kwargs = {"resolver": _resolver(names), "connector": _to_local(server)}
    body = fetch_url("http://news.example/article", **kwargs)  # type: ignore[arg-type]
    assert body.decode() == "Бүгін 60 адам келді."
    with pytest.raises(InvalidInputError, match="larger than 1000 bytes"):
        fetch_url("http://news.example/big", max_bytes=1000, **kwargs)  # type: ignore[arg-type]


def test_a_slow_server_hits_the_time_limit() -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    port = listener.getsockname()[1]
    try:
        with pytest.raises(InvalidInputError, match="could not fetch"):
            fetch_url(
                "http://news.example/",
                timeout=0.5,
                resolver=_resolver({"news.example": [PUBLIC]}),
                connector=_to_local(port),
            )
    finally:
        listener.close()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x/", "http://user:pw@news.example/"])
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(InvalidInputError):
        fetch_url(url)
