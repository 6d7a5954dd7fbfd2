"""A small HTTP client on the standard library: cookies, CSRF, gzip, no redirects.

Like a browser on the published ports: it keeps the session and `csrftoken` cookies,
sends `X-CSRFToken` on unsafe requests, and can ask for gzip to see what nginx sends.
"""

import gzip
import http.cookiejar
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode


@dataclass
class Response:
    status: int
    headers: Message
    raw: bytes
    body: bytes

    def header(self, name: str) -> str:
        """The header's value; several headers of one name joined as one list."""
        return ", ".join(self.headers.get_all(name) or [])

    def json(self):
        return json.loads(self.body)

    def text(self) -> str:
        return self.body.decode(errors="replace")

    def __str__(self) -> str:
        return f"{self.status} {self.text()[:300]!r}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body=None,
        form: dict | None = None,
        headers: dict | None = None,
        accept_gzip: bool = False,
        timeout: float = 15,
    ) -> Response:
        headers = {"Accept": "application/json", **(headers or {})}
        data = None
        if json_body is not None:
            data = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if accept_gzip:
            headers["Accept-Encoding"] = "gzip"
        token = self.cookie("csrftoken")
        if method not in ("GET", "HEAD", "OPTIONS") and token:
            headers.setdefault("X-CSRFToken", token)
            headers.setdefault("Referer", f"{self.base_url}/")
        request = urllib.request.Request(
            f"{self.base_url}{path}", data=data, headers=headers, method=method
        )
        try:
            with self._opener.open(request, timeout=timeout) as answer:
                status, answer_headers, raw = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, raw = error.code, error.headers, error.read()
        body = raw
        if answer_headers.get("Content-Encoding", "") == "gzip":
            body = gzip.decompress(raw)
        return Response(status=status, headers=answer_headers, raw=raw, body=body)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs) -> Response:
        return self.request("PATCH", path, **kwargs)
