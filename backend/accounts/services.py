"""Writes of people and their API tokens (CONTRACT §7)."""

from datetime import timedelta
from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from core.exceptions import InvalidInput, NotFoundError

from .models import ApiToken
from .roles import Role
from .signals import user_deactivated
from .signin import sign_in

LAST_ADMIN = "The last active admin cannot be deactivated or made an agent."


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as error:
        raise InvalidInput("", {field: list(error.messages)}) from None


def _check_username_free(username: str) -> None:
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput("", {"username": ["This username is taken."]})


def _apply_role(user: User, role: str) -> None:
    admin = role == Role.ADMIN
    user.is_superuser = admin
    user.is_staff = admin  # admins, and only they, may use the Django admin


@transaction.atomic
def user_create(*, username: str, name: str, email: str, role: str, password: str) -> User:
    """A new active user; raises InvalidInput for a taken username or a weak password."""
    _check_username_free(username)
    user = User(username=username, first_name=name, email=email)
    _check_password(password, user)
    _apply_role(user, role)
    user.set_password(password)
    user.save()
    return user


def _ensure_another_admin(user: User) -> None:
    """Refuse to leave no active admin; locks the admins' rows against a race."""
    admins = list(
        User.objects.select_for_update()
        .filter(is_superuser=True, is_active=True)
        .values_list("pk", flat=True)
    )
    if admins == [user.pk] or not admins:
        raise InvalidInput(LAST_ADMIN)


def tokens_revoke_all(*, user: User) -> int:
    deleted: int = ApiToken.objects.filter(user=user).delete()[0]
    return deleted


@transaction.atomic
def user_update(*, user: User, actor: User, **changes: Any) -> User:
    """Change any of name, email, role, is_active, password (an admin's edit).

    Deactivating ends the user's sessions (Django refuses inactive users) and revokes their
    tokens, and tells the tickets app to unassign their open work. A new password ends
    their sessions and revokes their tokens. The last active admin stays one.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if changes.get("username") is not None:
        raise InvalidInput("", {"username": ["A username cannot be changed."]})
    demoted = "role" in changes and changes["role"] != Role.ADMIN and user.is_superuser
    deactivated = changes.get("is_active") is False and user.is_active
    if (demoted or deactivated) and user.is_superuser:
        _ensure_another_admin(user)
    if "name" in changes:
        user.first_name = changes["name"]
    if "email" in changes:
        user.email = changes["email"]
    if "role" in changes:
        _apply_role(user, changes["role"])
    if "is_active" in changes:
        user.is_active = changes["is_active"]
    if "password" in changes:
        _check_password(changes["password"], user)
        user.set_password(changes["password"])
        tokens_revoke_all(user=user)
    user.save()
    if deactivated:
        tokens_revoke_all(user=user)
        user_deactivated.send(sender=type(user), user=user, actor=actor)
    return user


def password_change(
    *, request: HttpRequest, user: User, current_password: str, new_password: str
) -> None:
    """Change one's own password: checked like a sign-in (same limits; a wrong current
    password is recorded as a failed sign-in), validated, then every other session ends
    and every token is revoked; this session stays signed in."""
    try:
        sign_in(request=request, username=user.get_username(), password=current_password)
    except InvalidInput:
        raise InvalidInput(
            "", {"current_password": ["The current password is not correct."]}
        ) from None
    _check_password(new_password, user, "new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        tokens_revoke_all(user=user)
    if getattr(request, "session", None) is not None and request.user.is_authenticated:
        update_session_auth_hash(request, user)


def token_create(
    *,
    user: User,
    name: str,
    expires_in_days: int | None = None,
    issued_by: ApiToken | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once). A token may only create tokens that
    expire no later than itself: without `expires_in_days` they share its expiry."""
    expiry = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    if issued_by is not None and issued_by.expiry is not None:
        if expiry is None:
            expiry = issued_by.expiry
        elif expiry > issued_by.expiry:
            raise InvalidInput(
                "",
                {
                    "expires_in_days": [
                        "A token cannot create a token that outlives it "
                        f"(this one expires {issued_by.expiry:%Y-%m-%d %H:%M} UTC)."
                    ]
                },
            )
    token, secret = ApiToken.objects.create(user=user, expiry=None, name=name)
    if expiry is not None:
        token.expiry = expiry
        token.save(update_fields=["expiry"])
    return token, secret


def token_revoke(*, user: User, token_id: int) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFoundError("You have no token with this id.")
