"""Where a request's time goes in the app: cProfile of the whole Django stack.

    python bench/profile_app.py                      # database tickets_bench (make bench)
    python bench/profile_app.py --out bench/profiles --requests 500

Serves each endpoint of bench/run.py in-process through Django's WSGI handler (every
middleware, DRF, rendering; not gunicorn's HTTP parsing, which bench/run.py measures)
with production settings, and writes for each the cProfile statistics sorted by own time
and by cumulative time as text, plus the mean time per request with and without the
profiler. SQL time is inside `psycopg` / `execute` in the listings.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tickets_bench"

ENDPOINTS = {
    "list": ("GET", "/api/tickets/"),
    "list_filtered": ("GET", "/api/tickets/?category=billing&priority=high"),
    "search_common": ("GET", "/api/tickets/?search=please"),
    "search_rare": ("GET", "/api/tickets/?search=hexetron"),
    "stats": ("GET", "/api/tickets/stats/"),
    "create": ("POST", "/api/tickets/"),
}


def setup_django(database_url: str, backend: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "profile-only-secret-key-not-for-production",
            "DJANGO_DOTENV": "off",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "LLM_PROVIDER": "local",
            "RATE_LIMIT_CLASSIFY": "off",
            "RATE_LIMIT_CREATE": "off",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    sys.path.insert(0, str(backend))
    import django

    django.setup()


def make_request(client, method: str, path: str, number: int):
    if method == "GET":
        return client.get(path)
    body = {
        "title": f"Profiled ticket {number}",
        "description": f"The export of report {number} fails with a timeout after login.",
    }
    return client.post(path, body, content_type="application/json")


def mean_ms(client, method: str, path: str, count: int) -> tuple[float, float]:
    """Mean wall time and mean CPU time of this process per request, in ms.

    The CPU time is the app's own cost (the database works in its own processes), and
    other programs on a shared machine barely change it; the wall time includes waiting
    for the database and for a CPU.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    for number in range(count):
        response = make_request(client, method, path, number)
        assert response.status_code < 400, (path, response.status_code)
    wall = (time.perf_counter() - started) * 1000 / count
    return wall, (time.process_time() - cpu_started) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "profiles")
    parser.add_argument("--label", default="", help="Suffix of the output files.")
    parser.add_argument(
        "--backend",
        type=Path,
        default=BACKEND,
        help="Profile another checkout's backend.",
    )
    args = parser.parse_args()
    setup_django(
        os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL, args.backend
    )
    from django.test import Client

    client = Client()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (method, path) in ENDPOINTS.items():
        mean_ms(client, method, path, 30)  # warm up: connection, caches, imports
        wall, cpu = mean_ms(client, method, path, args.requests)
        profiler = cProfile.Profile()
        profiler.enable()
        profiled, _ = mean_ms(client, method, path, args.requests)
        profiler.disable()
        text = io.StringIO()
        text.write(
            f"{method} {path}: {args.requests} requests in-process, {wall:.2f} ms each, "
            f"{cpu:.2f} ms of it CPU in this process ({profiled:.2f} ms under the profiler)\n\n"
        )
        stats = pstats.Stats(profiler, stream=text)
        stats.strip_dirs().sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(45)
        suffix = f"-{args.label}" if args.label else ""
        (args.out / f"{name}{suffix}.txt").write_text(text.getvalue())
        print(f"{name}: {wall:.2f} ms per request in-process, {cpu:.2f} ms CPU")


if __name__ == "__main__":
    main()
