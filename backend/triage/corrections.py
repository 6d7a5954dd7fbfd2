"""The deployment's corrections: what agents changed away from the stored suggestion.

A correction is a ticket whose category or priority an agent changed away from the
suggestion stored when it was created (CONTRACT §12). Labels chosen by the person who
submitted the ticket are never corrections: an anonymous submitter could otherwise teach
the model whatever they like.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledText:
    """A ticket's text with the labels an agent settled on."""

    title: str
    description: str
    category: str
    priority: str


def deployment_corrections() -> list[LabelledText]:
    """Every correction of this deployment, oldest first, with the agent's final labels.

    Reads the audit trail (``tickets_ticketevent``): tickets whose ``ai_category`` or
    ``ai_priority`` differ from the labels an event with an ``agent`` actor set. Until the
    audit trail exists there is nothing to read, and the answer is an empty list.
    """
    return []
