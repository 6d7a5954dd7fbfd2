"""Ask an ASGI application for a response's status without reading its body.

Tests use it for endpoints that stream for ever (the live-updates stream): the request goes
through the whole middleware stack as in production, and the client hangs up as soon as
the status is known.
"""

import asyncio
from typing import Any


async def response_status(
    application: Any, path: str, headers: dict[str, str], *, timeout: float = 10.0
) -> int:
    """The status `application` answers a GET of `path` with `headers`."""
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    disconnect = asyncio.Event()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent_request = False

    async def receive() -> dict:
        nonlocal sent_request
        if not sent_request:
            sent_request = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await disconnect.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start" and not started.done():
            started.set_result(message["status"])
            disconnect.set()

    task = asyncio.ensure_future(application(scope, receive, send))
    try:
        return await asyncio.wait_for(asyncio.shield(started), timeout)
    finally:
        disconnect.set()
        try:
            await asyncio.wait_for(task, timeout)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()
