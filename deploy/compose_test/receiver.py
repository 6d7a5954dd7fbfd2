"""A webhook receiver on the stack's network: what a self-hoster's own endpoint would be.

It runs the API image's Python (no other image is needed) as a container of its own,
beside the stack rather than in it, answers every POST with 204 and prints each request
as one JSON line, which the checks read back with `docker logs`.
"""

import base64
import json
import secrets
import time
from dataclasses import dataclass

from shell import run

RECEIVER_ALIAS = "webhook-receiver"
RECEIVER_PORT = 8080
_SERVER = """
import base64, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        record = {"path": self.path, "headers": dict(self.headers.items()),
                  "body": base64.b64encode(body).decode()}
        print(json.dumps(record), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Receiver)
print("listening", flush=True)
server.serve_forever()
"""


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), "")

    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    container: str
    url: str

    @classmethod
    def start(cls, image: str, network: str) -> "Receiver":
        name = f"compose-test-webhook-receiver-{secrets.token_hex(4)}"
        run(
            [
                "docker",
                "run",
                "--detach",
                "--name",
                name,
                "--network",
                network,
                "--network-alias",
                RECEIVER_ALIAS,
                "--read-only",
                "--cap-drop",
                "ALL",
                "--entrypoint",
                "python",
                image,
                "-c",
                _SERVER,
                str(RECEIVER_PORT),
            ]
        )
        receiver = cls(container=name, url=f"http://{RECEIVER_ALIAS}:{RECEIVER_PORT}")
        deadline = time.monotonic() + 20
        while "listening" not in receiver._output():
            assert time.monotonic() < deadline, f"the receiver did not start: {receiver._output()}"
            time.sleep(0.2)
        return receiver

    def _output(self) -> str:
        result = run(["docker", "logs", self.container], check=False, quiet=True)
        return result.stdout + result.stderr

    def received(self) -> list[Received]:
        output = self._output()
        records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        return [Received(r["path"], r["headers"], base64.b64decode(r["body"])) for r in records]

    def remove(self) -> None:
        run(["docker", "rm", "--force", self.container], check=False, quiet=True)
