"""Gunicorn settings for the `api` container (read by `gunicorn --config gunicorn.conf.py`).

Threaded workers (gthread): a request waiting on a slow LLM holds one thread, not a
whole worker. Every value can be tuned from the environment.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


bind = f"0.0.0.0:{_int('PORT', 8000)}"

# Worker processes (2 x cores + 1 by default); keep it low per container when scaling out.
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
worker_class = "gthread"
# Threads per worker: concurrent requests each worker can hold while they wait on I/O.
# Twice LLM_MAX_CONCURRENCY's default, so a slow LLM holds at most half of them.
threads = _int("GUNICORN_THREADS", 8)

# A worker that stops answering for this long is restarted. It must outlast the longest
# legitimate request: one classification's whole LLM budget, plus headroom.
timeout = max(30, int(_float("LLM_TIMEOUT_SECONDS", 5.0) * 2) + 10)
graceful_timeout = 20
# Idle keep-alive with the proxy in front.
keepalive = 5
# Load the app once in the master and fork workers from it: a recycled worker starts in
# milliseconds instead of importing Django again (a second or more of CPU each, which at
# 2,000 requests per worker was a visible share of a busy 2-core machine's time).
preload_app = True
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10

# X-Forwarded-Proto/For are believed only from these addresses. The api container is
# reachable only through the proxy on the compose network, so any peer is the proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or (
    "*" if _int("TRUSTED_PROXY_COUNT", 0) > 0 else "127.0.0.1,::1"
)

# Heartbeat files in memory, not on the container's (possibly slow) overlay disk.
_SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn's documented choice for containers
if os.path.isdir(_SHARED_MEMORY):
    worker_tmp_dir = _SHARED_MEMORY
# No runtime control socket: nothing uses it, and parallel servers would share its path.
control_socket_disable = True

# Logs: JSON lines on stdout (core/logging.py); the access line carries the request id.
loglevel = (os.environ.get("LOG_LEVEL", "").strip() or "info").lower()
accesslog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(M)sms"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "core.logging.RequestContextFilter"},
        "redact_secrets": {"()": "core.logging.RedactSecretsFilter"},
    },
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "access_json": {"()": "core.logging.AccessJsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context", "redact_secrets"],
            "stream": "ext://sys.stdout",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access_json",
            "filters": ["request_context", "redact_secrets"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}


def post_fork(server, worker):
    # Gunicorn's own 400/414/431 answers in the API's JSON error shape, not HTML.
    from config.gunicorn_errors import install

    install()
