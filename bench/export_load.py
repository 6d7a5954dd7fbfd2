"""Export benchmark: stream GET /api/tickets/export.csv of every ticket and watch memory.

    python bench/export_load.py            # the database bench/run.py seeded (BENCH_DATABASE_URL)

`bench/run.py` (`make bench`) runs it after the endpoints. One gunicorn worker serves
the export, so its process is known: its resident memory (VmRSS) is sampled every 20 ms
while the CSV streams, and its high-water mark (VmHWM) is read before and after. A
streamed export holds one chunk of rows at a time, so the peak stays near the worker's
size at rest whatever the number of tickets. Prints rows, bytes, seconds, MB/s and the
memory figures in MiB.
"""

from __future__ import annotations

import codecs
import csv
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Server, agent_token, database_url, free_port, log

EXPORT = "/api/tickets/export.csv"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _memory_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {key} for process {pid}")


def _lines(chunks):
    """The text of `chunks` as lines with their ends, for csv.reader (quoted newlines kept)."""
    rest = ""
    for chunk in chunks:
        rest += chunk
        *complete, rest = rest.split("\n")
        for line in complete:
            yield line + "\n"
    if rest:
        yield rest


def measure_export(url: str, token: str) -> dict:
    """Stream the whole export from a one-worker gunicorn; time, size and the worker's memory."""
    server = Server(url, free_port(), workers=1)
    try:
        server.wait_ready()
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.base, headers=headers, timeout=600) as client:
            # Warm up: the worker imports and connects, as it has after its first requests.
            listed = client.get("/api/tickets/?page_size=1")
            assert listed.status_code == 200, listed.status_code
            count = listed.json()["count"]
            with client.stream("GET", EXPORT, params={"category": "billing"}) as warm:
                for _ in warm.iter_bytes():
                    break
            (worker,) = _children(server.process.pid)
            rest_kib = _memory_kib(worker, "VmRSS")
            hwm_before_kib = _memory_kib(worker, "VmHWM")
            samples: list[int] = []
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    samples.append(_memory_kib(worker, "VmRSS"))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            started = time.perf_counter()
            size = 0

            def text(response):
                nonlocal size
                decoder = codecs.getincrementaldecoder("utf-8")()
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    yield decoder.decode(chunk)

            try:
                with client.stream("GET", EXPORT) as response:
                    assert response.status_code == 200, response.status_code
                    rows = sum(1 for _ in csv.reader(_lines(text(response)))) - 1
            finally:
                done.set()
                sampler.join()
            seconds = time.perf_counter() - started
            hwm_after_kib = _memory_kib(worker, "VmHWM")
    finally:
        server.stop()
    mib = 1024
    return {
        "rows": rows,
        "list_count": count,
        "megabytes": round(size / 1e6, 1),
        "seconds": round(seconds, 1),
        "mb_per_second": round(size / 1e6 / seconds, 1),
        "worker_rss_at_rest_mib": round(rest_kib / mib, 1),
        "worker_rss_peak_sampled_mib": round(max(samples or [rest_kib]) / mib, 1),
        "worker_hwm_before_mib": round(hwm_before_kib / mib, 1),
        "worker_hwm_after_mib": round(hwm_after_kib / mib, 1),
    }


def report(result: dict) -> None:
    print("\n| export.csv of every ticket | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")


def main() -> None:
    url = database_url()
    log("Streaming the full export")
    report(measure_export(url, agent_token(url)))


if __name__ == "__main__":
    main()
