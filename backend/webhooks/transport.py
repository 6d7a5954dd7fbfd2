"""One POST to a webhook receiver, safe from SSRF and bounded in time (CONTRACT §11).

- The URL must be http(s), without credentials (`url_problem`).
- The host name is resolved once, every address it resolves to is checked
  (webhooks/addresses.py), and the connection goes to the checked address: the network
  layer below httpcore does the resolving, so no second lookup can swap the address
  (DNS rebinding). The Host header and the TLS server name stay the URL's host, so
  certificates are verified against it.
- Redirects are not followed: a 3xx is an answer like any other non-2xx.
- The whole attempt (connect, TLS, request, status line and headers) must finish within
  the timeout; a receiver that trickles bytes is cut off at the deadline. The response
  body is never read.
"""

import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import certifi
import httpcore

from .addresses import refusal


class RefusedAddress(Exception):
    """The URL's host resolves to an address webhooks may not reach, or to none."""


@dataclass(frozen=True)
class Answer:
    status_code: int | None  # None when no HTTP answer came
    error: str  # empty for a 2xx

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def url_problem(url: str) -> str | None:
    """What is wrong with `url` as a webhook URL, before any lookup; None if nothing."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "The URL is not valid (check the host and port)."
    if parts.scheme not in ("http", "https"):
        return "The URL must start with http:// or https://."
    if parts.username is not None or parts.password is not None:
        return "The URL must not contain a user name or password."
    if not parts.hostname:
        return "The URL names no host."
    if port == 0:
        return "The URL's port must be between 1 and 65535."
    return None


def checked_address(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to for `host`: resolved once, and every address it
    resolves to allowed. RefusedAddress otherwise."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):  # no such name, or no valid name at all
        raise RefusedAddress(f"The host name {host} does not resolve.") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise RefusedAddress(f"The host name {host} does not resolve.")
    if not allow_private:
        for address in addresses:
            reason = refusal(address)
            if reason:
                shown = host if host == address else f"{host} ({address})"
                raise RefusedAddress(
                    f"The URL's host {shown} is {reason}; webhooks may only go to public addresses."
                )
    return addresses[0]


@cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("The receiver did not answer in time.")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, left), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Connects to the checked address of the host httpcore asks for."""

    def __init__(self, *, allow_private: bool, deadline: float) -> None:
        self._allow_private = allow_private
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = checked_address(host, port, allow_private=self._allow_private)
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("The receiver did not answer in time.")
        stream = super().connect_tcp(
            address, port, min(timeout or left, left), local_address, socket_options
        )
        return _DeadlineStream(stream, self._deadline)


def post(
    url: str, *, body: bytes, headers: dict[str, str], timeout: float, allow_private: bool
) -> Answer:
    """POST `body` to `url`; the answer's status, or why there was none. Never raises for
    anything the receiver or the network does."""
    problem = url_problem(url)
    if problem:
        return Answer(None, problem)
    backend = _CheckedBackend(allow_private=allow_private, deadline=time.monotonic() + timeout)
    request_headers = [
        ("Content-Type", "application/json"),
        ("User-Agent", "support-tickets-webhooks/1"),
        *headers.items(),
    ]
    try:
        with (
            httpcore.ConnectionPool(
                ssl_context=_tls_context(),
                network_backend=backend,
                max_connections=1,
                retries=0,
            ) as pool,
            pool.stream(
                "POST",
                url,
                headers=request_headers,
                content=body,
                extensions={
                    "timeout": dict.fromkeys(("connect", "read", "write", "pool"), timeout)
                },
            ) as response,
        ):
            status = response.status
    except RefusedAddress as refused:
        return Answer(None, str(refused))
    except httpcore.TimeoutException:
        return Answer(None, f"No answer within {timeout:g} seconds.")
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as error:
        return Answer(None, f"Connection failed: {error or type(error).__name__}")
    if 200 <= status < 300:
        return Answer(status, "")
    return Answer(status, f"The receiver answered {status}.")
