"""Reads of people and tokens."""

import time

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf, Trim

from core.exceptions import NotFoundError

from .models import ApiToken

MAX_ID = 2**63 - 1


def user_list() -> QuerySet[User]:
    """Every user, active or not, by username."""
    return User.objects.order_by("username", "pk")


def user_get(*, user_id: int) -> User:
    if user_id > MAX_ID:
        raise NotFoundError("No user has this id.")
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise NotFoundError("No user has this id.") from None


def agent_list() -> QuerySet[User]:
    """The active agents and admins, by name: whom a ticket can be assigned to."""
    name = Coalesce(NullIf(Trim("first_name"), Value("")), F("username"))
    return User.objects.filter(is_active=True).order_by(Lower(name), "pk")


def token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (never anyone else's)."""
    tokens: QuerySet[ApiToken] = ApiToken.objects.filter(user=user)
    return tokens.order_by("-created", "-id")


DEBUG_ADMIN = ("admin", "admin")
_debug_admin_checked: tuple[float, str | None] = (float("-inf"), None)


def debug_admin_password() -> str | None:
    """In debug mode, the password of the admin `make run` created while it still works.

    Checking a password costs a hash, so the answer is kept for 30 seconds per process.
    """
    global _debug_admin_checked
    if not settings.DEBUG:
        return None
    checked_at, answer = _debug_admin_checked
    if time.monotonic() - checked_at < 30:
        return answer
    username, password = DEBUG_ADMIN
    user = User.objects.filter(username=username, is_active=True).first()
    answer = password if user is not None and user.check_password(password) else None
    _debug_admin_checked = (time.monotonic(), answer)
    return answer
