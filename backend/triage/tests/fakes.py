"""A stand-in LLM server on 127.0.0.1 that speaks the vendors' real wire formats.

Each test scripts what it answers, one behaviour per request (the last one repeats):

    server.script(good("billing", "high"), status(500), hang(5))

and reads what it was sent in `server.requests`.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLASSIFY_URL = "/api/tickets/classify/"


@dataclass
class Recorded:
    path: str
    headers: dict
    body: dict


@dataclass
class Behaviour:
    """What to answer: a status, headers and a body, after an optional delay or drip."""

    status: int = 200
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})
    body: bytes | None = None  # None: the wire format's reply around `text`
    text: str | None = None  # the model's text
    blocks: list | None = None  # Anthropic content blocks, instead of one text block
    stop_reason: str = "end_turn"
    delay: float = 0.0
    drip_seconds: float = 0.0  # send the body one byte at a time, this long apart


def good(category="billing", priority="high", confidence=0.9, reason="Because.", **kw):
    reply = {"category": category, "priority": priority, "confidence": confidence}
    if reason is not None:
        reply["reason"] = reason
    return Behaviour(text=json.dumps(reply), **kw)


def labels_only(category="account", priority="low"):
    return Behaviour(text=json.dumps({"category": category, "priority": priority}))


def text(value: str, **kw):
    return Behaviour(text=value, **kw)


def status(code: int, retry_after: str | None = None):
    headers = {"Content-Type": "application/json"}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    body = json.dumps({"error": {"message": f"status {code}", "type": "server_error"}})
    return Behaviour(status=code, headers=headers, body=body.encode())


def hang(seconds: float = 10.0):
    return Behaviour(delay=seconds, text=json.dumps({"category": "billing", "priority": "low"}))


def drip(seconds_per_byte: float = 0.3):
    return Behaviour(drip_seconds=seconds_per_byte, text=json.dumps({"category": "billing"}))


def garbage():
    return Behaviour(body=b"\x00\xffnot json at all")


def wrong_content_type():
    return Behaviour(
        headers={"Content-Type": "text/html"}, body=b"<html><body>Gateway login</body></html>"
    )


def anthropic_blocks(blocks: list, stop_reason: str = "end_turn"):
    return Behaviour(blocks=blocks, stop_reason=stop_reason)


class FakeLLMServer:
    """A threaded HTTP server answering as `wire`: "openai" or "anthropic"."""

    def __init__(self, wire: str):
        self.wire = wire
        self.requests: list[Recorded] = []
        self._script: list[Behaviour] = [good()]
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._script = list(behaviours)

    def _next(self) -> Behaviour:
        with self._lock:
            return self._script.pop(0) if len(self._script) > 1 else self._script[0]

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> None:
        end = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < end:
            time.sleep(0.01)

    def _body(self, behaviour: Behaviour, request: dict) -> bytes:
        if behaviour.body is not None:
            return behaviour.body
        model = request.get("model", "")
        if self.wire == "openai":
            return json.dumps(
                {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {
                                "role": "assistant",
                                "content": behaviour.text,
                                "refusal": None,
                            },
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 500, "completion_tokens": 30, "total_tokens": 530},
                }
            ).encode()
        blocks = behaviour.blocks or [{"type": "text", "text": behaviour.text}]
        return json.dumps(
            {
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": blocks,
                "stop_reason": behaviour.stop_reason,
                "stop_sequence": None,
                "usage": {"input_tokens": 500, "output_tokens": 30},
            }
        ).encode()

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                try:
                    request = json.loads(raw)
                except ValueError:
                    request = {}
                server.requests.append(
                    Recorded(
                        path=self.path,
                        headers={k.lower(): v for k, v in self.headers.items()},
                        body=request,
                    )
                )
                behaviour = server._next()
                if behaviour.delay and server._stopping.wait(behaviour.delay):
                    return
                body = server._body(behaviour, request)
                try:
                    self.send_response(behaviour.status)
                    for name, value in behaviour.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if behaviour.drip_seconds:
                        for byte in body:
                            if server._stopping.wait(behaviour.drip_seconds):
                                return
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                    else:
                        self.wfile.write(body)
                except OSError:
                    pass  # the client gave up, as it should

        return Handler


def classify(api_client, title="Charged twice", description="My card was charged twice.", **query):
    """POST /api/tickets/classify/ with `query` as query parameters."""
    url = CLASSIFY_URL + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return api_client.post(url, {"title": title, "description": description}, format="json")
