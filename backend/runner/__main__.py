"""`python -m runner` (what `make run` runs): every process the product needs, one command.

- web: the API, admin, docs and UI (gunicorn; in debug mode it reloads changed code);
- stream: the live-updates stream (uvicorn with config.asgi), apart so that open streams
  never hold the API's threads;
- worker: the job worker (e-mail, webhooks, retraining);
- and in this process, the front door on HOST:PORT (runner/proxy.py), which sends
  `/api/stream/` to the stream server and everything else to the web server.

The servers listen on free ports of 127.0.0.1 only. Stopping this process (Ctrl-C, SIGTERM)
stops them all; when one of them dies, the others are stopped and the exit says which one,
so a crash is never hidden behind a half-working app.
"""

import argparse
import asyncio
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent
STOP_SECONDS = 15.0


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when this supervisor dies, even by SIGKILL
    (Linux's parent-death signal), so no server outlives `make run`."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None

    def start(self, env: dict[str, str]) -> None:
        # A process group of its own: runserver's reloader and gunicorn's workers are
        # stopped with their parent, and a Ctrl-C reaches them only through this process.
        self.process = subprocess.Popen(  # noqa: S603
            self.argv, cwd=BACKEND, env=env, start_new_session=True, preexec_fn=_die_with_parent
        )

    def _signal(self, signum: int) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)


def _children(*, web_port: int, stream_port: int, debug: bool) -> list[Child]:
    python = sys.executable
    # gunicorn in both modes: its workers end with their master, where runserver's reloader
    # would leave its child serving after a stop.
    web = [
        python, "-m", "gunicorn", "--config", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{web_port}", "config.wsgi:application",
    ]  # fmt: skip
    if debug:
        web += ["--reload", "--workers", "1", "--threads", "8"]
    stream = [
        python, "-m", "uvicorn", "config.asgi:application",
        "--host", "127.0.0.1", "--port", str(stream_port), "--no-access-log",
    ]  # fmt: skip
    worker = [python, "manage.py", "worker"]
    return [Child("web", web), Child("stream", stream), Child("worker", worker)]


def _wait_until_listening(port: int, child: Child, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.process is not None and child.process.poll() is not None:
            return False
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


async def _serve(host: str, port: int, web_port: int, stream_port: int, children: list[Child]):
    import uvicorn

    from .proxy import Proxy

    config = uvicorn.Config(
        Proxy(web_port=web_port, stream_port=stream_port),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    # uvicorn ends serve() on SIGINT and SIGTERM itself (then raises them again here, where
    # they set `stopping`); the children are stopped by main() either way.
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stopping.set)
    serving = asyncio.ensure_future(server.serve())
    crashed: Child | None = None
    while not stopping.is_set() and not serving.done():
        crashed = next(
            (c for c in children if c.process is not None and c.process.poll() is not None), None
        )
        if crashed is not None:
            break
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), 0.5)
    server.should_exit = True
    await serving
    return crashed


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m runner", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "").strip() or "127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "").strip() or 8000))
    options = parser.parse_args()

    debug = _env_flag("DJANGO_DEBUG")
    if not os.environ.get("DATABASE_URL", "").strip():
        # Start (or join) the embedded PostgreSQL here, so that it outlives the children's
        # restarts and stops only when this command does.
        from config.embedded_db import embedded_database_settings

        embedded_database_settings()
    web_port, stream_port = _free_port(), _free_port()
    env = dict(os.environ)
    # The children sit behind the front door, which adds the client to X-Forwarded-For.
    env.setdefault("TRUSTED_PROXY_COUNT", "1")
    if not env["TRUSTED_PROXY_COUNT"].strip():
        env["TRUSTED_PROXY_COUNT"] = "1"
    children = _children(web_port=web_port, stream_port=stream_port, debug=debug)
    for child in children:
        child.start(env)
    crashed: Child | None = None
    try:
        for child, port in zip(children, (web_port, stream_port), strict=False):
            if not _wait_until_listening(port, child):
                crashed = child
                break
        if crashed is None:
            names = ", ".join(child.name for child in children)
            print(
                f"Serving on http://{'localhost' if options.host == '127.0.0.1' else options.host}"
                f":{options.port} ({names}). Stop with Ctrl-C.",
                flush=True,
            )
            crashed = asyncio.run(
                _serve(options.host, options.port, web_port, stream_port, children)
            )
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.stop()
        deadline = time.monotonic() + STOP_SECONDS
        for child in children:
            if child.process is not None:
                try:
                    child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.process.wait()
                child.kill()  # whatever the group's leader left behind
    if crashed is not None:
        code = crashed.process.returncode if crashed.process else None
        print(f"The {crashed.name} process exited (code {code}); stopped everything.", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
