"""One LISTEN connection per stream process, fanned out to every open stream.

PostgreSQL announces each committed ticket event on `ticket_events` (migration 0001 of
this app). A process keeps a single listening connection, whatever the number of open
streams; each stream has a bounded queue, and a stream too slow to keep up is told to
resync instead of holding memory. The connection is re-opened after a database restart.
"""

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field

import psycopg
from django.db import connections

logger = logging.getLogger(__name__)

CHANNEL = "ticket_events"
QUEUE_SIZE = 1000
RECONNECT_SECONDS = (0.5, 1, 2, 5)


@dataclass(eq=False)
class Subscriber:
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    overflowed: bool = False
    # Set when the listener lost the database: events of the gap are in the table, not here.
    gap: bool = False


def _conninfo() -> str:
    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v is not None})


class Listener:
    def __init__(self) -> None:
        self.subscribers: set[Subscriber] = set()
        self._task: asyncio.Task | None = None
        self.connected = asyncio.Event()

    def subscribe(self) -> Subscriber:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
        subscriber = Subscriber()
        self.subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)

    def _publish(self, payload: str) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            logger.warning("Ignored a malformed notification on %s", CHANNEL)
            return
        for subscriber in list(self.subscribers):
            try:
                subscriber.queue.put_nowait(message)
            except asyncio.QueueFull:
                subscriber.overflowed = True

    async def _run(self) -> None:
        attempt = 0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    _conninfo(), autocommit=True
                ) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    if attempt:
                        logger.info("Listening to %s again", CHANNEL)
                        for subscriber in list(self.subscribers):
                            subscriber.gap = True
                    attempt = 0
                    self.connected.set()
                    async for notification in connection.notifies():
                        self._publish(notification.payload)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database went away: wait, then listen again
                self.connected.clear()
                delay = RECONNECT_SECONDS[min(attempt, len(RECONNECT_SECONDS) - 1)]
                attempt += 1
                logger.warning("Lost %s (%s); retrying in %s s", CHANNEL, error, delay)
                await asyncio.sleep(delay)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


listener = Listener()
