"""What gunicorn itself answers, and what reaches Django through it, on the wire."""

import json
import socket
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.slow


def _raw(api_server, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send `request` as is; the status line, headers and body of the answer."""
    address = urlsplit(api_server.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_line, headers, body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /api/tickets/ HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", 400),
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", 414),
        (b"GET /\xff\xfe HTTP/9.9\r\nHost: localhost\r\n\r\n", 400),
    ],
)
def test_gunicorns_own_errors_are_json_in_the_error_shape(api_server, request_bytes, status):
    status_line, headers, body = _raw(api_server, request_bytes)

    assert status_line.split(" ")[1] == str(status)
    assert headers["content-type"] == "application/json"
    answer = json.loads(body)
    assert set(answer) == {"detail", "errors"}
    assert answer["detail"]


def test_a_chunked_patch_changes_the_ticket(api_server, agent_headers):
    created = httpx.post(
        f"{api_server.base_url}/api/tickets/",
        json={"title": "Chunked", "description": "Before", "category": "general"},
        headers=agent_headers,
    )
    assert created.status_code == 201, created.text
    url = f"{api_server.base_url}/api/tickets/{created.json()['id']}/"

    def chunks():
        yield b'{"status": "resolved", '
        yield b'"description": "After"}'

    # A generator body has no length: httpx sends it with Transfer-Encoding: chunked.
    patched = httpx.patch(
        url, content=chunks(), headers={"Content-Type": "application/json", **agent_headers}
    )

    assert patched.request.headers.get("transfer-encoding") == "chunked"
    assert patched.status_code == 200, patched.text
    assert httpx.get(url, headers=agent_headers).json()["status"] == "resolved"
    assert httpx.get(url, headers=agent_headers).json()["description"] == "After"


def test_an_oversized_chunked_body_is_a_413(api_server):
    def chunks():
        yield b'{"title": "big", "description": "'
        for _ in range(40):
            yield b"x" * 10_000
        yield b'"}'

    response = httpx.post(
        f"{api_server.base_url}/api/tickets/",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert set(response.json()) == {"detail", "errors"}
