"""How the API recognises a caller: a Bearer token (scripts) or a session cookie (the UI).

Both refuse failed credentials with a 401, on every endpoint, public ones included: an
unknown, expired or revoked token, a malformed Authorization header, a deactivated user.
"""

import re
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import authentication, exceptions
from rest_framework.request import Request

# What a token issued here looks like: the prefix, then hex digits. Anything else is
# refused before it reaches the database (no NUL bytes, no undecodable input).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_]{1,128}")


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` (django-rest-knox with the `accounts.ApiToken` model)."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        try:
            text = token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not TOKEN_SHAPE.fullmatch(text):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, auth_token = super().authenticate_credentials(token)
        return user, auth_token


class SessionAuthentication(authentication.SessionAuthentication):
    """The web UI's session cookie; unsafe methods need the `X-CSRFToken` header.

    Django treats the session of a deactivated user as anonymous; here it is refused
    instead (401), and ended, so that the UI learns at once that it was signed out.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            session = getattr(request._request, "session", None)
            if session is not None and SESSION_KEY in session:
                session.flush()
                raise exceptions.AuthenticationFailed(
                    _("Your session has ended; please sign in again.")
                )
        return result


def signed_in_user(request: Request) -> User:
    """The caller, on a view whose permissions already require one."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    return user
