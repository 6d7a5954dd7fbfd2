"""The mixed load of a chaos run, and the check that nothing acknowledged was lost.

16 clients, each a thread with a keep-alive httpx client, loop over: 70% reads (list
pages, a filter, a search, one ticket), 20% creates, 10% edits of a ticket the client
created. Nothing is retried: a request that fails is recorded as failed, so a create
the server acknowledged (201) must be in the database afterwards exactly once, and an
acknowledged edit must be the ticket's state unless a later edit of it failed without
an answer (then either may have won).
"""

import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx
import psycopg

READ_PATHS = [
    "/api/tickets/",
    "/api/tickets/?page=2",
    "/api/tickets/?category=billing&priority=high",
    "/api/tickets/?search=refund",
]
LIST_PATH = "/api/tickets/"
STATUSES = ["open", "in_progress", "resolved", "closed"]
WORDS = [
    "refund",
    "invoice",
    "login",
    "password",
    "printer",
    "network",
    "crash",
    "slow",
    "billing",
    "charged",
    "twice",
    "account",
    "locked",
    "error",
    "timeout",
    "upgrade",
    "export",
    "report",
    "email",
    "attachment",
]


@dataclass
class Outcome:
    kind: str  # list, read, create, edit
    at: float  # seconds since the load started
    seconds: float
    status: int | None  # None: no answer (connection error or timeout)
    retry_after: str | None = None
    client: int = 0


@dataclass
class Ledger:
    """What the clients were told, to compare with the database afterwards."""

    marker: str
    acknowledged_creates: dict[int, str] = field(default_factory=dict)  # id -> title
    uncertain_creates: list[str] = field(default_factory=list)  # titles
    # ticket id -> [(status sent, acknowledged?)] in the order sent
    edits: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class MixedLoad:
    def __init__(self, base_url: str, *, clients: int = 16, seed: int = 1):
        self.base_url = base_url
        self.clients = clients
        self.seed = seed
        self.ledger = Ledger(marker=f"chaos-{uuid.uuid4().hex[:10]}")
        self._known_ids: list[int] = []

    def run(
        self, seconds: float, events: list[tuple[float, object]] = ()
    ) -> list[Outcome]:
        """Drive the load for `seconds`; call each event's function at its offset.

        Returns every request's outcome; event functions may return a value, kept in
        `self.event_results` under the event's offset.
        """
        outcomes: list[Outcome] = []
        lock = threading.Lock()
        started = time.monotonic()
        stop_at = started + seconds
        self.event_results: dict[float, object] = {}

        def client_loop(number: int) -> None:
            rng = random.Random(self.seed * 1000 + number)
            mine: list[Outcome] = []
            own_ids: list[int] = []
            with httpx.Client(base_url=self.base_url, timeout=30) as client:
                sequence = 0
                while time.monotonic() < stop_at:
                    sequence += 1
                    roll = rng.random()
                    if roll < 0.7 or (roll >= 0.9 and not own_ids):
                        outcome = self._read(client, rng, started)
                    elif roll < 0.9:
                        outcome = self._create(
                            client, rng, started, number, sequence, own_ids
                        )
                    else:
                        outcome = self._edit(client, rng, started, own_ids)
                    outcome.client = number
                    mine.append(outcome)
            with lock:
                outcomes.extend(mine)

        def run_events() -> None:
            for offset, function in sorted(events, key=lambda event: event[0]):
                delay = started + offset - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                self.event_results[offset] = function()

        threads = [
            threading.Thread(target=client_loop, args=(n,)) for n in range(self.clients)
        ]
        event_thread = threading.Thread(target=run_events)
        for thread in [*threads, event_thread]:
            thread.start()
        for thread in [*threads, event_thread]:
            thread.join()
        outcomes.sort(key=lambda outcome: outcome.at)
        return outcomes

    def _request(
        self, client, kind, started, method, path, **kwargs
    ) -> tuple[Outcome, dict]:
        before = time.monotonic()
        try:
            response = client.request(method, path, **kwargs)
        except httpx.HTTPError:
            return Outcome(kind, before - started, time.monotonic() - before, None), {}
        outcome = Outcome(
            kind,
            before - started,
            time.monotonic() - before,
            response.status_code,
            response.headers.get("Retry-After"),
        )
        try:
            body = response.json() if response.status_code < 300 else {}
        except ValueError:
            body = {}
        return outcome, body

    def _read(self, client, rng, started) -> Outcome:
        if self._known_ids and rng.random() < 0.2:
            path = f"/api/tickets/{rng.choice(self._known_ids)}/"
        else:
            path = rng.choice(READ_PATHS)
        kind = "list" if path == LIST_PATH else "read"
        outcome, _ = self._request(client, kind, started, "GET", path)
        return outcome

    def _create(self, client, rng, started, number, sequence, own_ids) -> Outcome:
        title = f"{self.ledger.marker} {number}-{sequence} {rng.choice(WORDS)}"
        description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
        outcome, body = self._request(
            client, "create", started, "POST", "/api/tickets/",
            json={"title": title, "description": description},
        )  # fmt: skip
        with self.ledger.lock:
            if outcome.status == 201 and "id" in body:
                self.ledger.acknowledged_creates[body["id"]] = title
                own_ids.append(body["id"])
                self._known_ids.append(body["id"])
            elif outcome.status is None or outcome.status >= 500:
                self.ledger.uncertain_creates.append(title)
        return outcome

    def _edit(self, client, rng, started, own_ids) -> Outcome:
        ticket_id = rng.choice(own_ids)
        status = rng.choice(STATUSES)
        outcome, _ = self._request(
            client,
            "edit",
            started,
            "PATCH",
            f"/api/tickets/{ticket_id}/",
            json={"status": status},
        )
        if outcome.status == 200 or outcome.status is None or outcome.status >= 500:
            with self.ledger.lock:
                self.ledger.edits.setdefault(ticket_id, []).append(
                    (status, outcome.status == 200)
                )
        return outcome


def verify(ledger: Ledger, database_url: str) -> dict:
    """Acknowledged writes missing from the database, and duplicated creates."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT id, title, status FROM tickets_ticket WHERE title LIKE %s",
            [f"{ledger.marker} %"],
        ).fetchall()
    by_id = {row[0]: row for row in rows}
    titles = [row[1] for row in rows]
    lost_creates = [
        ticket_id
        for ticket_id, title in ledger.acknowledged_creates.items()
        if ticket_id not in by_id or by_id[ticket_id][1] != title
    ]
    duplicates = len(titles) - len(set(titles))
    uncertain = set(ledger.uncertain_creates)
    stored_after_error = sum(1 for title in set(titles) if title in uncertain)
    lost_edits = 0
    for ticket_id, edits in ledger.edits.items():
        acknowledged = [index for index, (_, ok) in enumerate(edits) if ok]
        if not acknowledged or ticket_id not in by_id:
            continue
        last = acknowledged[-1]
        allowed = {edits[last][0]} | {status for status, _ in edits[last + 1 :]}
        if by_id[ticket_id][2] not in allowed:
            lost_edits += 1
    return {
        "acknowledged_creates": len(ledger.acknowledged_creates),
        "lost_creates": len(lost_creates),
        "duplicates": duplicates,
        "stored_after_error": stored_after_error,
        "acknowledged_edits": sum(
            ok for edits in ledger.edits.values() for _, ok in edits
        ),
        "lost_edits": lost_edits,
    }


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(outcomes: list[Outcome]) -> dict:
    statuses = [outcome.status for outcome in outcomes]
    service_unavailable = [o for o in outcomes if o.status == 503]
    list_ms = [
        o.seconds * 1000 for o in outcomes if o.kind == "list" and o.status == 200
    ]
    read_ms = [o.seconds * 1000 for o in outcomes if o.kind in ("list", "read")]
    unanswered: dict[int, int] = {}
    for outcome in outcomes:
        if outcome.status is None:
            unanswered[outcome.client] = unanswered.get(outcome.client, 0) + 1
    return {
        "requests": len(outcomes),
        "most_unanswered_per_client": max(unanswered.values(), default=0),
        "2xx": sum(1 for s in statuses if s is not None and 200 <= s < 300),
        "4xx": sum(1 for s in statuses if s is not None and 400 <= s < 500),
        "503": len(service_unavailable),
        "503_without_retry_after": sum(
            1 for o in service_unavailable if not o.retry_after
        ),
        "other_5xx": sum(
            1 for s in statuses if s is not None and s >= 500 and s != 503
        ),
        "no_answer": sum(1 for s in statuses if s is None),
        "list_p50_ms": percentile(list_ms, 0.5),
        "list_p99_ms": percentile(list_ms, 0.99),
        "read_p50_ms": statistics.median(read_ms) if read_ms else None,
        "read_p99_ms": percentile(read_ms, 0.99),
    }
