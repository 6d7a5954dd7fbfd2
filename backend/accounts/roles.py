"""Who is an agent and who is an admin, and what a person is called.

Every signed-in, active user is an agent; superusers are admins (they may also use the
Django admin). A user's display name is `first_name`, falling back to the username.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

NAME_MAX_LENGTH = 150


class Role(models.TextChoices):
    AGENT = "agent", "Agent"
    ADMIN = "admin", "Admin"


def is_agent(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return is_agent(user) and bool(getattr(user, "is_superuser", False))


def role_of(user: AbstractBaseUser) -> Role:
    return Role.ADMIN if getattr(user, "is_superuser", False) else Role.AGENT


def display_name(user: AbstractBaseUser) -> str:
    name = str(getattr(user, "first_name", "") or "").strip()
    return name or user.get_username()
