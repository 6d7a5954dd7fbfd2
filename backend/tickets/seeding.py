"""Realistic fake tickets, with their conversation and history, loaded with PostgreSQL COPY.

Titles and descriptions are built from per-category templates filled from word lists
(tickets/seed_text.py), so full-text search sees both very common words ("account",
"error") and rare ones (a product name). Every category, priority and status appears;
creation dates spread over two years, older tickets mostly resolved or closed; about 70%
carry an AI suggestion, some of which the agent overrode. Each ticket has 0 to 4 comments
(2 on average: agents' replies, requesters' answers, internal notes) and the events a real
ticket would have (created, ai_suggested, one per comment), and a working portal key.

The same seed gives the same tickets; dates are relative to `end` (by default the
start of the current UTC day), so only they move from one day to the next.
"""

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from .models import Status
from .portal import key_hash, portal_key
from .seed_text import (
    ADJECTIVES,
    AGENT_REPLIES,
    BROWSERS,
    CLOSERS,
    INTERNAL_NOTES,
    MONTHS,
    NOUNS,
    OPENERS,
    PEOPLE,
    PLACES,
    REQUESTER_REPLIES,
    SYSTEMS,
    TEMPLATES,
    VERBS,
    WEEKDAYS,
    product_names,
)

SPAN = timedelta(days=730)
TICKET_COLUMNS = (
    "id",
    "title",
    "description",
    "category",
    "priority",
    "status",
    "created_at",
    "updated_at",
    "ai_category",
    "ai_priority",
    "ai_category_confidence",
    "ai_priority_confidence",
    "ai_provider",
    "requester_name",
    "requester_email",
    "version",
    "first_response_at",
    "resolved_at",
    "portal_salt",
    "portal_key_hash",
)
COMMENT_COLUMNS = ("ticket_id", "body", "visibility", "author_type", "author_name", "created_at")
EVENT_COLUMNS = (
    "ticket_id",
    "version",
    "at",
    "actor_type",
    "actor_name",
    "kind",
    "changes",
)
# Below this many rows, keeping the search index up to date while loading is cheaper
# than building it again.
REBUILD_SEARCH_INDEX_FROM = 50_000
SEARCH_INDEX = "ticket_search_idx"
COPY_BATCH = 20_000

CATEGORY_WEIGHTS = {"technical": 35, "billing": 25, "account": 25, "general": 15}
PRIORITY_WEIGHTS = {"low": 30, "medium": 40, "high": 22, "critical": 8}
AI_SHARE = 0.7
AI_CATEGORY_KEPT = 0.85
AI_PRIORITY_KEPT = 0.75
AGENT_NAMES = ["Priya Raman", "Sam Okafor", "Lena Fischer", "Diego Alvarez", "Mei Chen"]


@dataclass
class SeedTicket:
    """One generated ticket: its row (TICKET_COLUMNS without the id and portal fields)
    and its comments as (body, visibility, author_type, author_name, created_at)."""

    row: tuple
    comments: list[tuple] = field(default_factory=list)


class TicketRows:
    """Deterministic stream of generated tickets."""

    def __init__(self, *, seed: int, end: datetime):
        self.random = random.Random(seed)  # noqa: S311 - fake data, not secrets
        self.end = end
        self.products = product_names()
        self.categories = list(CATEGORY_WEIGHTS)
        self.category_weights = list(CATEGORY_WEIGHTS.values())
        self.priorities = list(PRIORITY_WEIGHTS)
        self.priority_weights = list(PRIORITY_WEIGHTS.values())

    def _slots(self) -> dict:
        pick = self.random.choice
        return {
            "noun": pick(NOUNS),
            "noun2": pick(NOUNS),
            "verb": pick(VERBS),
            "adjective": (adjective := pick(ADJECTIVES)),
            "an_adjective": ("an " if adjective[0] in "aeiou" else "a ") + adjective,
            "product": pick(self.products),
            "place": pick(PLACES),
            "browser": pick(BROWSERS),
            "system": pick(SYSTEMS),
            "device": pick(["phone", "laptop", "tablet", "desktop", "watch"]),
            "month": pick(MONTHS),
            "weekday": pick(WEEKDAYS),
            "person": pick(PEOPLE),
            "person2": pick(PEOPLE),
            "plan": pick(["Basic", "Team", "Business", "Enterprise", "Starter", "Pro"]),
            "card": pick(["Visa", "Mastercard", "Amex", "debit", "corporate"]),
            "number": self.random.randint(100, 99999),
            "amount": f"${self.random.randint(5, 2000)}.{self.random.randint(0, 99):02d}",
            "day": self.random.randint(1, 28),
        }

    def _text(self, category: str) -> tuple[str, str]:
        titles, sentences = TEMPLATES[category]
        slots = self._slots()
        title = self.random.choice(titles).format(**slots)
        count = self.random.randint(2, 5)
        body = [s.format(**slots) for s in self.random.sample(sentences, count)]
        opener, closer = self.random.choice(OPENERS), self.random.choice(CLOSERS)
        description = " ".join(part for part in (opener, *body, closer) if part)
        return title[0].upper() + title[1:], description

    def _status(self, age: timedelta) -> str:
        roll = self.random.random()
        if age < timedelta(days=3):
            weights = (0.6, 0.3, 0.08)
        elif age < timedelta(days=30):
            weights = (0.25, 0.2, 0.35)
        else:
            weights = (0.03, 0.02, 0.35)
        if roll < weights[0]:
            return Status.OPEN
        if roll < weights[0] + weights[1]:
            return Status.IN_PROGRESS
        if roll < weights[0] + weights[1] + weights[2]:
            return Status.RESOLVED
        return Status.CLOSED

    def _other(self, value: str, values: list[str]) -> str:
        return self.random.choice([v for v in values if v != value])

    def _comments(self, created: datetime, requester: str) -> list[tuple]:
        rand = self.random
        comments = []
        at = created
        for _ in range(rand.randint(0, 4)):
            at += timedelta(minutes=rand.randint(5, 60 * 24))
            roll = rand.random()
            if roll < 0.45:
                body, visibility = rand.choice(AGENT_REPLIES), "public"
                author_type, author = "agent", rand.choice(AGENT_NAMES)
            elif roll < 0.75:
                body, visibility = rand.choice(REQUESTER_REPLIES), "public"
                author_type, author = "requester", requester
            else:
                body, visibility = rand.choice(INTERNAL_NOTES), "internal"
                author_type, author = "agent", rand.choice(AGENT_NAMES)
            comments.append((body.format(**self._slots()), visibility, author_type, author, at))
        return comments

    def tickets(self, count: int) -> Iterator[SeedTicket]:
        """`count` tickets, oldest first, spread evenly over SPAN before `end`."""
        start = self.end - SPAN
        step = SPAN / max(count, 1)
        rand = self.random
        for index in range(count):
            created = start + step * (index + rand.random())
            category = rand.choices(self.categories, self.category_weights)[0]
            priority = rand.choices(self.priorities, self.priority_weights)[0]
            title, description = self._text(category)
            status = self._status(self.end - created)
            ai: tuple = (None, None, None, None, None)
            if rand.random() < AI_SHARE:
                ai_category, ai_priority = category, priority
                if rand.random() > AI_CATEGORY_KEPT:
                    ai_category = self._other(category, self.categories)
                if rand.random() > AI_PRIORITY_KEPT:
                    ai_priority = self._other(priority, self.priorities)
                provider = rand.choice(["local", "local", "openai", "anthropic"])
                confidences = (round(rand.uniform(0.3, 0.99), 2), round(rand.uniform(0.3, 0.99), 2))
                ai = (ai_category, ai_priority, *confidences, provider)
            requester = rand.choice(PEOPLE)
            domain = rand.choice(self.products).lower()
            email = f"{requester.lower()}.{rand.randint(1, 9999)}@{domain}.example"
            comments = self._comments(created, requester)
            updated = max(
                [created + timedelta(minutes=rand.randint(0, 60 * 24 * 7))]
                + [comment[4] for comment in comments]
            )
            first_response = next(
                (c[4] for c in comments if c[2] == "agent" and c[1] == "public"), None
            )
            resolved = updated if status in (Status.RESOLVED, Status.CLOSED) else None
            yield SeedTicket(
                row=(
                    title,
                    description,
                    category,
                    priority,
                    status,
                    created,
                    updated,
                    *ai,
                    requester,
                    email,
                    1 + len(comments),
                    first_response,
                    resolved,
                ),
                comments=comments,
            )


def default_end() -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _reserve_ids(cursor, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence('tickets_ticket', 'id')) "
        "FROM generate_series(1, %s)",
        [count],
    )
    return sorted(row[0] for row in cursor.fetchall())


def _ticket_row(ticket_id: int, ticket: SeedTicket, salt: str) -> tuple:
    return (ticket_id, *ticket.row, salt, key_hash(portal_key(ticket_id, salt)))


def _events(ticket_id: int, ticket: SeedTicket) -> Iterator[tuple]:
    created = ticket.row[5]
    requester = ticket.row[12]
    yield (ticket_id, 1, created, "requester", requester, "created", "{}")
    if ticket.row[7] is not None:
        keys = ("category", "priority", "category_confidence", "priority_confidence", "provider")
        suggestion = {**dict(zip(keys, ticket.row[7:12], strict=True)), "language": "en"}
        changes = json.dumps({"ai_suggestion": [None, suggestion]})
        yield (ticket_id, 1, created, "ai", "AI", "ai_suggested", changes)
    for version, (_, _, author_type, author, at) in enumerate(ticket.comments, start=2):
        yield (ticket_id, version, at, author_type, author, "commented", "{}")


def _load_batch(cursor, tickets: list[SeedTicket], rand: random.Random) -> None:
    ids = _reserve_ids(cursor, len(tickets))
    # Tickets go through a staging table so that the words of their comments become
    # a tsvector in the same INSERT (COPY cannot call functions).
    cursor.execute("TRUNCATE seed_staging")
    with cursor.cursor.copy(
        f"COPY seed_staging ({', '.join(TICKET_COLUMNS)}, comment_text) FROM STDIN"
    ) as copy:
        for ticket_id, ticket in zip(ids, tickets, strict=True):
            salt = f"{rand.getrandbits(128):032x}"
            text = " ".join(comment[0] for comment in ticket.comments) or None
            copy.write_row((*_ticket_row(ticket_id, ticket, salt), text))
    columns = ", ".join(TICKET_COLUMNS)
    cursor.execute(
        f"INSERT INTO tickets_ticket ({columns}, comment_document) "  # noqa: S608
        f"SELECT {columns}, CASE WHEN comment_text IS NOT NULL THEN "
        "to_tsvector('english', comment_text) || to_tsvector('simple', comment_text) END "
        "FROM seed_staging ORDER BY id"
    )
    with cursor.cursor.copy(
        f"COPY tickets_comment ({', '.join(COMMENT_COLUMNS)}) FROM STDIN"
    ) as copy:
        for ticket_id, ticket in zip(ids, tickets, strict=True):
            for comment in ticket.comments:
                copy.write_row((ticket_id, *comment))
    events_copy = f"COPY tickets_ticketevent ({', '.join(EVENT_COLUMNS)}) FROM STDIN"
    with cursor.cursor.copy(events_copy) as copy:
        for ticket_id, ticket in zip(ids, tickets, strict=True):
            for event in _events(ticket_id, ticket):
                copy.write_row(event)


def seed_tickets(
    *,
    count: int,
    seed: int = 1,
    clear: bool = False,
    end: datetime | None = None,
    progress: Callable[[int], object] | None = None,
) -> None:
    """Insert `count` generated tickets (with comments and events) in one transaction.

    `clear` empties the tables first (TRUNCATE, ids restart). When the table is empty and
    the load is big, the full-text index is dropped and built again after the load.
    `progress` is called with the number of tickets written after each batch.
    """
    generator = TicketRows(seed=seed, end=end or default_end())
    tickets = generator.tickets(count)
    salts = random.Random(seed + 1)  # noqa: S311 - fake data; keys still need the secret
    with transaction.atomic(), connection.cursor() as cursor:
        if clear:
            # Foreign-key checks of rows written earlier in this transaction are deferred;
            # TRUNCATE wants none pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # CASCADE: what other apps keep about tickets (e-mails, webhook deliveries) goes too.
            cursor.execute(
                "TRUNCATE tickets_ticket, tickets_comment, tickets_ticketevent "
                "RESTART IDENTITY CASCADE"
            )
        cursor.execute(
            "CREATE TEMPORARY TABLE seed_staging "
            "(LIKE tickets_ticket INCLUDING DEFAULTS, comment_text text)"
        )
        cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM tickets_ticket)")
        rebuild = count >= REBUILD_SEARCH_INDEX_FROM and cursor.fetchone()[0]
        index_sql = None
        if rebuild:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [SEARCH_INDEX])
            found = cursor.fetchone()
            if found:
                index_sql = found[0]
                cursor.execute(f'DROP INDEX "{SEARCH_INDEX}"')
        written = 0
        while written < count:
            batch = [next(tickets) for _ in range(min(COPY_BATCH, count - written))]
            _load_batch(cursor, batch, salts)
            written += len(batch)
            if progress:
                progress(len(batch))
        cursor.execute("DROP TABLE seed_staging")
        if index_sql:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(index_sql)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket, tickets_comment, tickets_ticketevent")
