"""Gunicorn's own error answers (a malformed request line, a URI over 4094 bytes, bad
headers) in the API's error shape instead of an HTML page.

Gunicorn writes them through `gunicorn.util.write_error` before any application code
runs; `install()` (called from gunicorn.conf.py) replaces that function.
"""

import json

from gunicorn import util


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    sentence = f"{reason}: {mesg}" if mesg else f"{reason}."
    # ensure_ascii: whatever the client sent, the body stays plain ASCII.
    body = json.dumps({"detail": sentence, "errors": {}}, ensure_ascii=True).encode("ascii")
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


def install() -> None:
    util.write_error = write_json_error
