"""What the tickets app does when something happens elsewhere."""

from typing import Any

from django.contrib.auth.models import User
from django.dispatch import receiver

from accounts.signals import user_deactivated

from .actors import Actor
from .services import tickets_unassign


@receiver(user_deactivated, dispatch_uid="tickets.unassign_deactivated_user")
def unassign_deactivated_user(sender: Any, user: User, actor: User, **kwargs: Any) -> None:
    tickets_unassign(user=user, actor=Actor.agent(actor))
