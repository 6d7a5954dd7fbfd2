"""Malformed and abusive requests, sent raw: every answer must be a 4xx, never a 5xx."""

import socket
from urllib.parse import urlsplit

import httpx

TICKETS = "/api/tickets/"
JSON = {"Content-Type": "application/json"}

BODIES = [
    '{"title": "x", "description": ' + "[" * 1000 + "]" * 1000 + "}",
    '{"title": "x", "description": ' + '{"a": ' * 65 + "1" + "}" * 65 + "}",
    '{"title": "first", "description": "x", "title": "second"}',
    '{"title": "x", "description": "y", "category": "\\ud800"}',
    '{"title": "x", "description": "y", "\\ud800": "z"}',
    '{"title": "x\\u0007", "description": "y"}',
    '{"title": "x", "description": "y\\u001b[2J"}',
    '{"title": NaN, "description": "y"}',
    '{"title": "x", ',
    "[]",
    '"text"',
    '{"title": "x", "description": "y", "status": "closed"}',
    '{"title": 1e999, "description": "y"}',
    '{"title": "x", "description": "' + "y" * 300_000 + '"}',
]
RAW_REQUESTS = [
    b"GARBAGE\r\n\r\n",
    b"GET /" + b"a" * 8000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /api/tickets/ HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
    b"GET /api/tickets/ HTTP/1.1\r\nHost: localhost\r\n"
    + b"X-Big: "
    + b"a" * 20000
    + b"\r\n\r\n",
]


def _raw_status(base_url: str, request: bytes) -> int | None:
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        first = sock.recv(65536)
    try:
        return int(first.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


class _Client:
    """Sends each request on a new connection and records its status (None: no answer)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.statuses: list[int | None] = []
        self.unanswered: list[str] = []

    def send(self, method: str, path: str, **kwargs) -> httpx.Response | None:
        try:
            response = httpx.request(method, self.base_url + path, timeout=30, **kwargs)
        except httpx.HTTPError as error:
            self.statuses.append(None)
            self.unanswered.append(f"{method} {path[:60]}: {error!r}")
            return None
        self.statuses.append(response.status_code)
        return response


def send_hostile_requests(base_url: str) -> dict:
    client = _Client(base_url)
    for body in BODIES:
        client.send("POST", TICKETS, content=body.encode(), headers=JSON)
        client.send("POST", f"{TICKETS}classify/", content=body.encode(), headers=JSON)
    created = client.send(
        "POST", TICKETS, json={"title": "Target", "description": "of edits"}
    )
    ticket = f"{TICKETS}{created.json()['id']}/"
    for body in [
        '{"status": "\\udfff"}',
        '{"priority": [[[[]]]]}',
        '{"title": "\\u0000"}',
    ]:
        client.send("PATCH", ticket, content=body.encode(), headers=JSON)
    for query in (
        "page=1000000000000000000",
        "page=99999999999999999999999999",
        "page=",
        "page_size=",
        "page_size=1000",
        "category=%ED%A0%80",
        "search=" + "a" * 5000,
        "search=%00",
        "status[]=open",
    ):
        client.send("GET", f"{TICKETS}?{query}")
    client.send("GET", f"{TICKETS}99999999999999999999/")
    client.send("PUT", ticket, json={"title": "x"})
    client.send(
        "POST", TICKETS, content=b"title=x", headers={"Content-Type": "text/plain"}
    )
    statuses = client.statuses
    for request in RAW_REQUESTS:
        statuses.append(_raw_status(base_url, request))
    for problem in client.unanswered:
        print(f"hostile input without an answer: {problem}")
    answered = [status for status in statuses if status is not None]
    return {
        "scenario": "hostile input",
        "requests": len(statuses),
        "2xx": sum(1 for status in answered if status < 300),
        "4xx": sum(1 for status in answered if 400 <= status < 500),
        "503": sum(1 for status in answered if status == 503),
        "other_5xx": sum(1 for status in answered if status >= 500 and status != 503),
        "no_answer": len(statuses) - len(answered),
    }
