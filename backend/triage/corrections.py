"""The deployment's corrections: what agents changed away from the stored suggestion.

A correction is a ticket whose category or priority an agent changed away from the
suggestion stored when it was created (CONTRACT §12). Labels chosen by the person who
submitted the ticket are never corrections: an anonymous submitter could otherwise teach
the model whatever they like.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from tickets.models import Ticket

# Few-shot candidates are read at most this often per process (seconds), and at most this
# many, the newest.
CANDIDATES_SECONDS = 60.0
CANDIDATES_LIMIT = 2000


@dataclass(frozen=True)
class LabelledText:
    """A ticket's text with the labels an agent settled on."""

    title: str
    description: str
    category: str
    priority: str


def _corrected_tickets() -> QuerySet[Ticket]:
    # The tickets app depends on triage (suggestions on create); reading its tables here,
    # lazily, keeps the import graph one-way.
    from django.db.models import Exists, OuterRef, Q

    from tickets.models import ActorType, EventKind, Ticket, TicketEvent

    agent_changed_labels = TicketEvent.objects.filter(
        ticket=OuterRef("pk"),
        actor_type=ActorType.AGENT,
        kind=EventKind.UPDATED,
    ).filter(Q(changes__has_key="category") | Q(changes__has_key="priority"))
    return (
        Ticket.objects.filter(ai_category__isnull=False)
        .filter(Q(ai_category_overridden=True) | Q(ai_priority_overridden=True))
        .filter(Exists(agent_changed_labels))
    )


def corrections_count() -> int:
    return int(_corrected_tickets().count())


def deployment_corrections(*, newest: int | None = None) -> list[LabelledText]:
    """Every correction of this deployment (or the `newest` ones), oldest first, with the
    labels the agents settled on.

    Read from the audit trail: tickets with a stored suggestion whose category or priority
    an agent changed away from it (the override flags tickets.services keeps from agents'
    changes), confirmed by an `updated` event of an agent that changed one of the two.
    Wave-1 tickets, whose flags came from comparing labels, have no such event and never
    count.
    """
    tickets = (
        _corrected_tickets()
        .order_by("-id")
        .values_list("title", "description", "category", "priority")
    )
    rows = list(tickets[:newest] if newest else tickets)
    return [LabelledText(*row) for row in reversed(rows)]


class _Candidates:
    """The newest corrections, re-read once a minute: what few-shot examples are chosen from."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._read_at = float("-inf")
        self._items: list[LabelledText] = []

    def get(self) -> list[LabelledText]:
        with self._lock:
            if time.monotonic() - self._read_at > CANDIDATES_SECONDS:
                self._items = deployment_corrections(newest=CANDIDATES_LIMIT)
                self._read_at = time.monotonic()
            return self._items

    def forget(self) -> None:
        with self._lock:
            self._read_at = float("-inf")


few_shot_candidates = _Candidates()
