"""Run remote provider calls in small bounded thread pools.

A request thread never calls a vendor itself: it hands the call to a pool and waits
at most the budget, so a server that hangs (or resolves its host name forever, which
no httpx timeout covers) cannot hold the request past LLM_TIMEOUT_SECONDS. The pools
are bounded and refuse work when full instead of queueing it: a hung vendor costs
at most that many threads, and the request that finds the pool full gets the local
answer at once. Nothing here holds a lock while waiting.
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.db import connections

from .providers.base import ClassificationError

logger = logging.getLogger(__name__)

# Remote calls in flight at once per process, for requests that wait for the answer.
MAX_WAITED_CALLS = 16
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


waited_calls = BoundedPool(MAX_WAITED_CALLS, "triage-call")
background_calls = BoundedPool(MAX_BACKGROUND_CALLS, "triage-background")


def call_with_deadline(function: Callable, *, timeout: float, **kwargs):
    """function(timeout=timeout, **kwargs) in the waited pool, given up after `timeout`.

    Raises ClassificationError when the call fails, times out or finds the pool full.
    """
    future = waited_calls.submit(function, timeout=timeout, **kwargs)
    if future is None:
        raise ClassificationError("Too many LLM calls in flight.")
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
