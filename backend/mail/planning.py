"""Which e-mails a ticket event calls for (CONTRACT §11). Pure: no queries.

To the requester: on submission, on each public reply by an agent, and when the ticket
is resolved (moves from open or in progress to resolved or closed, as `resolved_at`
counts it). To the assignee: on assignment, unless they assigned it to themselves
(creation with an assignee counts), and on each reply of the requester. Internal notes
never e-mail the requester.
"""

from dataclasses import dataclass

from tickets.models import ActorType, EventKind, Status, TicketEvent, Visibility

from .models import EmailKind

WORKING = {Status.OPEN.value, Status.IN_PROGRESS.value}
DONE = {Status.RESOLVED.value, Status.CLOSED.value}


@dataclass(frozen=True)
class Due:
    kind: EmailKind
    # The requester's address, or the agent who gets it (their address is read later).
    address: str | None = None
    agent_id: int | None = None


def due_emails(event: TicketEvent, *, requester: str | None, assignee_id: int | None) -> list[Due]:
    """The e-mails `event` calls for, given the requester's address and the assignee's id
    right after it."""
    due: list[Due] = []
    if event.kind == EventKind.CREATED:
        if requester:
            due.append(Due(EmailKind.RECEIVED, address=requester))
        if assignee_id is not None and assignee_id != event.actor_id:
            due.append(Due(EmailKind.ASSIGNED, agent_id=assignee_id))
    elif event.kind == EventKind.UPDATED:
        _, new_owner = event.changes.get("assignee") or (None, None)
        if new_owner and new_owner["id"] != event.actor_id:
            due.append(Due(EmailKind.ASSIGNED, agent_id=new_owner["id"]))
        old_status, new_status = event.changes.get("status") or (None, None)
        if requester and old_status in WORKING and new_status in DONE:
            due.append(Due(EmailKind.RESOLVED, address=requester))
    elif event.kind == EventKind.COMMENTED and event.comment is not None:
        comment = event.comment
        if (
            requester
            and comment.author_type == ActorType.AGENT
            and comment.visibility == Visibility.PUBLIC
        ):
            due.append(Due(EmailKind.REPLY, address=requester))
        if assignee_id is not None and comment.author_type == ActorType.REQUESTER:
            due.append(Due(EmailKind.REQUESTER_REPLY, agent_id=assignee_id))
    return due
