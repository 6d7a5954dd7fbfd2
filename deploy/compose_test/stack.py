"""The project's real docker-compose.yml, run under a project name of its own.

The stack gets a `.env` made as the README says, `.env.example` with only the three
required secrets added (and WEBHOOK_ALLOW_PRIVATE=true, as for any webhook receiver on
one's own network: the test's receiver is a container beside the stack), in a folder of
its own: a developer's `.env` beside the compose
file is never read or touched. The project name keeps its containers and volume apart
from a real deployment on the same engine.
"""

import json
import os
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path

from shell import log, run

PROJECT = "support-tickets-compose-test"
DEFAULT_PORTS = {"UI_PORT": 3000, "API_PORT": 8000}
SUPERUSER = "admin"


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("0.0.0.0", port))  # noqa: S104 - where Docker publishes the ports
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_env_file(repo_dir: Path, path: Path) -> dict[str, str]:
    """`.env` as the README makes it: `.env.example` with the three secrets appended.

    Every other variable stays as `.env.example` has it, empty (WEB_CONCURRENCY= among
    them), except WEBHOOK_ALLOW_PRIVATE for the receiver on the stack's network. The
    ports are appended too, only where 3000 or 8000 is taken on this machine. Appended
    lines win over the example's empty ones.
    """
    values = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(18),
        "POSTGRES_PASSWORD": secrets.token_hex(24),
        "WEBHOOK_ALLOW_PRIVATE": "true",
    }
    for name, port in DEFAULT_PORTS.items():
        if not _port_is_free(port):
            values[name] = str(_free_port())
            log(f"port {port} is taken on this machine: {name}={values[name]} instead")
    appended = "".join(f"{name}={value}\n" for name, value in values.items())
    path.write_text((repo_dir / ".env.example").read_text() + appended)
    path.chmod(0o600)
    return values


@dataclass
class Stack:
    repo_dir: Path
    env_file: Path
    settings: dict[str, str]
    scale: dict[str, int] = field(default_factory=dict)

    @property
    def ui_url(self) -> str:
        return f"http://localhost:{self.settings.get('UI_PORT', DEFAULT_PORTS['UI_PORT'])}"

    @property
    def api_url(self) -> str:
        return f"http://localhost:{self.settings.get('API_PORT', DEFAULT_PORTS['API_PORT'])}"

    def compose(self, *args: str, check: bool = True, timeout: float | None = 600):
        # Only what the engine needs from our environment: compose interpolation must
        # see the generated .env and nothing that happens to be exported here.
        keep = ("PATH", "HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        command = [
            "docker",
            "compose",
            "--project-name",
            PROJECT,
            "--project-directory",
            str(self.repo_dir),
            "--env-file",
            str(self.env_file),
            "--file",
            str(self.repo_dir / "docker-compose.yml"),
            *args,
        ]
        return run(command, check=check, env=env, timeout=timeout)

    def config(self) -> dict:
        return json.loads(self.compose("config", "--format", "json").stdout)

    def up(self) -> None:
        scale = [f"--scale={name}={count}" for name, count in self.scale.items()]
        log(f"docker compose up -d --wait {' '.join(scale)}")
        self.compose(
            "up",
            "--detach",
            "--no-build",
            "--pull",
            "never",
            "--wait",
            "--wait-timeout",
            "240",
            *scale,
        )

    def down(self, *, volumes: bool = False) -> None:
        self.compose("down", "--remove-orphans", *(["--volumes"] if volumes else []))

    def containers(self, service: str | None = None) -> list[dict]:
        """`docker inspect` of the project's containers (stopped ones too), by name."""
        args = ["ps", "--all", "--quiet", *([service] if service else [])]
        ids = self.compose(*args).stdout.split()
        if not ids:
            return []
        inspected = json.loads(run(["docker", "inspect", *ids]).stdout)
        return sorted(inspected, key=lambda container: container["Name"])

    def logs(self, container: dict) -> str:
        result = run(["docker", "logs", container["Id"]], check=False)
        return result.stdout + result.stderr

    def exec(self, container: dict, *command: str):
        return run(["docker", "exec", container["Id"], *command], check=False, quiet=True)


def service_of(container: dict) -> str:
    return container["Config"]["Labels"]["com.docker.compose.service"]
