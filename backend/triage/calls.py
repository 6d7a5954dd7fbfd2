"""Run remote provider calls in small bounded thread pools.

A request thread never calls a vendor itself: it hands the call to a pool and waits
at most the budget, so a server that hangs (or resolves its host name forever, which
no httpx timeout covers) cannot hold the request past LLM_TIMEOUT_SECONDS. The pools
are bounded and refuse work when full instead of queueing it (a bulkhead): at most
LLM_MAX_CONCURRENCY vendor calls are in flight per process, and the request that finds
them all taken gets the local answer at once. A slow vendor that still answers, which
no circuit breaker opens for, so holds at most that many of the server's request
threads; the rest keep serving. Nothing here holds a lock while waiting.
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connections

from .providers.base import ClassificationError

logger = logging.getLogger(__name__)

# Background calls (instant mode) in flight at once per process.
MAX_BACKGROUND_CALLS = 4
# How long past the budget a waiting request gives a provider to report its own timeout.
GRACE_SECONDS = 0.25


class BoundedPool:
    """A thread pool that refuses a task when `size` tasks are already in flight."""

    def __init__(self, size: int, name: str):
        self.size = size
        self.name = name
        self._slots = threading.BoundedSemaphore(size)
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ThreadPoolExecutor:
        # Created on first use, so a forking server (gunicorn) starts it in each worker.
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.size, thread_name_prefix=self.name)
            return self._executor

    def submit(self, function: Callable, /, **kwargs) -> Future | None:
        """The task's future, or None when the pool is full."""
        if not self._slots.acquire(blocking=False):
            return None

        def run():
            try:
                return function(**kwargs)
            finally:
                self._slots.release()

        try:
            return self._pool().submit(run)
        except RuntimeError:  # the interpreter is shutting down
            self._slots.release()
            return None


class CallsSaturated(ClassificationError):
    """LLM_MAX_CONCURRENCY calls are already in flight: the provider was not asked."""


_waited_calls: BoundedPool | None = None
_waited_lock = threading.Lock()


def waited_calls() -> BoundedPool:
    """The pool of every vendor call (background ones go through it too), sized by
    LLM_MAX_CONCURRENCY when first used and again if that setting changes."""
    global _waited_calls
    size = settings.LLM_MAX_CONCURRENCY
    pool = _waited_calls
    if pool is None or pool.size != size:
        with _waited_lock:
            if _waited_calls is None or _waited_calls.size != size:
                _waited_calls = BoundedPool(size, "triage-call")
            pool = _waited_calls
    return pool


background_calls = BoundedPool(MAX_BACKGROUND_CALLS, "triage-background")


def call_with_deadline(function: Callable, *, timeout: float, **kwargs):
    """function(timeout=timeout, **kwargs) in the waited pool, given up after `timeout`.

    Raises ClassificationError when the call fails or times out, and CallsSaturated
    when LLM_MAX_CONCURRENCY calls are already in flight.
    """
    future = waited_calls().submit(function, timeout=timeout, **kwargs)
    if future is None:
        raise CallsSaturated(f"{settings.LLM_MAX_CONCURRENCY} LLM calls already in flight.")
    try:
        return future.result(timeout=timeout + GRACE_SECONDS)
    except FutureTimeout:
        raise ClassificationError(f"No answer within {timeout:g} s.") from None


def run_in_background(function: Callable, /, **kwargs) -> bool:
    """Start function(**kwargs) in the background pool; False when the pool is full."""

    def task():
        try:
            function(**kwargs)
        except Exception:
            logger.exception("Background classification crashed")
        finally:
            # This thread may have used the database (the database cache backend); a pool
            # thread must not keep a connection open until the process ends.
            connections.close_all()

    return background_calls.submit(task) is not None
