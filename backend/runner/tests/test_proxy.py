"""The front door of `make run` (runner/proxy.py) passes requests through unchanged."""

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from runner.proxy import Proxy


class _Upstream(BaseHTTPRequestHandler):
    """Signs in on /login (a session cookie), and says which cookie it got on /whoami."""

    def do_GET(self) -> None:
        self.send_response(200)
        if self.path == "/login":
            self.send_header("Set-Cookie", "sessionid=agents-session; Path=/; HttpOnly")
        body = (self.headers.get("Cookie") or "no cookie").encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_a_cookie_set_for_one_browser_never_reaches_another():
    # given: an upstream server behind the front door
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    proxy = Proxy(web_port=upstream.server_address[1], stream_port=1)

    async def browse() -> tuple[str, str, str]:
        transport = httpx.ASGITransport(app=proxy)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://front") as agent,
            httpx.AsyncClient(transport=transport, base_url="http://front") as stranger,
        ):
            signed_in = await agent.get("/login")
            # when: someone else, without cookies, asks next
            theirs = await stranger.get("/whoami")
            # then: they are nobody; the agent still sends (only) their own cookie
            mine = await agent.get("/whoami")
            return signed_in.headers["set-cookie"], theirs.text, mine.text

    try:
        set_cookie, theirs, mine = asyncio.run(browse())
    finally:
        upstream.shutdown()
        asyncio.run(proxy.client.aclose())

    assert set_cookie.startswith("sessionid=agents-session")
    assert theirs == "no cookie"
    assert mine == "sessionid=agents-session"
