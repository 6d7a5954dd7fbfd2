"""The front door of `make run`: one port, two servers behind it.

Production puts nginx in front (frontend/nginx/): `/api/stream/` goes to the stream
process, everything else to the API. `make run` has no nginx, so this small ASGI app does
the same on HOST:PORT: it passes requests and answers through unchanged (bodies streamed
both ways, compressed answers left compressed) and adds X-Forwarded-For.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from http.cookiejar import Cookie, CookieJar
from typing import Any

import httpx

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

# Headers about one connection, not the message (RFC 9110 §7.6.1).
HOP_BY_HOP = {
    b"connection",
    b"keep-alive",
    b"proxy-authenticate",
    b"proxy-authorization",
    b"te",
    b"trailer",
    b"transfer-encoding",
    b"upgrade",
}
STREAM_PREFIX = "/api/stream/"


class _NoCookies(CookieJar):
    """The client is shared by every browser: it must never keep a cookie from an answer
    (one person's session) and send it with someone else's request."""

    def set_cookie(self, cookie: Cookie) -> None:
        pass

    def extract_cookies(self, response: Any, request: Any) -> None:
        pass


class Proxy:
    def __init__(self, *, web_port: int, stream_port: int) -> None:
        self.web = f"http://127.0.0.1:{web_port}"
        self.stream = f"http://127.0.0.1:{stream_port}"
        self.client = httpx.AsyncClient(
            cookies=_NoCookies(),
            timeout=httpx.Timeout(connect=5.0, read=None, write=60.0, pool=10.0),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=20),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        base = self.stream if scope["path"].startswith(STREAM_PREFIX) else self.web
        path = scope.get("raw_path") or scope["path"].encode()
        url = base + path.decode("latin-1")
        if scope.get("query_string"):
            url += "?" + scope["query_string"].decode("latin-1")
        client_ip = (scope.get("client") or ("127.0.0.1", 0))[0]
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP]
        forwarded = [v for k, v in headers if k.lower() == b"x-forwarded-for"]
        headers = [(k, v) for k, v in headers if k.lower() != b"x-forwarded-for"]
        chain = b", ".join([*forwarded, client_ip.encode()])
        headers.append((b"x-forwarded-for", chain))
        disconnected = asyncio.Event()
        # The request body is read whole (the API takes at most 256 KiB): Django's development
        # server does not read chunked request bodies.
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        request = self.client.build_request(scope["method"], url, headers=headers, content=body)
        try:
            upstream = await self.client.send(request, stream=True)
        except httpx.HTTPError:
            await _answer(
                send,
                502,
                b'{"detail": "The server behind make run is not answering.", "errors": {}}',
            )
            return
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": upstream.status_code,
                    "headers": [
                        (k, v) for k, v in upstream.headers.raw if k.lower() not in HOP_BY_HOP
                    ],
                }
            )
            copy = asyncio.ensure_future(_copy_body(upstream, send))
            watcher = asyncio.ensure_future(_wait_for_disconnect(receive, disconnected))
            try:
                # Whichever ends first: the answer, or the browser (a stream never ends).
                await asyncio.wait([copy, watcher], return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (copy, watcher):
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, OSError):
                        await task
        finally:
            await upstream.aclose()


async def _copy_body(upstream: httpx.Response, send: Send) -> None:
    async for chunk in upstream.aiter_raw():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _wait_for_disconnect(receive: Receive, disconnected: asyncio.Event) -> None:
    """A stream never ends by itself: notice when the browser goes away."""
    if disconnected.is_set():
        return
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            disconnected.set()
            return


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})
