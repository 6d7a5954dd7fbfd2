"""Running commands and saying what happens, with the time since the start."""

import os
import subprocess
import sys
import time

_STARTED = time.monotonic()


def elapsed() -> float:
    return time.monotonic() - _STARTED


def log(message: str) -> None:
    minutes, seconds = divmod(int(elapsed()), 60)
    print(f"[{minutes:02d}:{seconds:02d}] {message}", flush=True)


def run(
    args: list[str],
    *,
    check: bool = True,
    quiet: bool = False,
    stream: bool = False,
    timeout: float | None = None,
    **kwargs,
) -> subprocess.CompletedProcess:
    """Run `args`; with `stream` its output goes straight to ours (long builds).

    A failure with `check` raises CommandFailed carrying the command's output.
    """
    if stream:
        result = subprocess.run(args, text=True, timeout=timeout, check=False, **kwargs)
    else:
        result = subprocess.run(
            args, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
        )
    if check and result.returncode != 0:
        raise CommandFailed(args, result)
    if not quiet and not stream and result.returncode != 0:
        sys.stderr.write(result.stderr)
    return result


def apt_install(*packages: str) -> None:
    log(f"installing {' '.join(packages)} with apt")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)


class CommandFailed(RuntimeError):
    def __init__(self, args: list[str], result: subprocess.CompletedProcess):
        output = "\n".join(filter(None, [result.stdout or "", result.stderr or ""]))
        tail = "\n".join(output.strip().splitlines()[-40:])
        super().__init__(f"`{' '.join(args)}` exited {result.returncode}:\n{tail}")
        self.result = result
