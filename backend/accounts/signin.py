"""Signing in with a username and password, under the limits of CONTRACT §7.

Shared by the API's login, token creation with a password, password changes and the
Django admin's login page. Every attempt is a row of SignInAttempt, so the limits are
exact, shared by every process, and never fail open (they need the database, which a
sign-in needs anyway; Redis plays no part):
- SIGNIN_FAILURES_PER_USERNAME_AND_IP failures per (username, client) since that pair's
  last success, within SIGNIN_WINDOW_SECONDS;
- SIGNIN_FAILURES_PER_USERNAME failures per username from anywhere within the window;
- RATE_LIMIT_LOGIN failed attempts per client (successes never lock out a shared office
  address).
Checking, authenticating and recording run under transaction-scoped advisory locks on the
client and the username, so a burst of parallel guesses is counted one by one.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from config.env import parse_rate
from core.client_ip import client_ip, client_network
from core.exceptions import InvalidInput, RateLimited

from .models import SignInAttempt

WRONG_CREDENTIALS = "The username or password is not correct."


def _lock(key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def _wait_for(times: list[datetime], limit: int, window: timedelta, now: datetime) -> float:
    """Seconds until fewer than `limit` of `times` (newest first) fall in the window."""
    if len(times) < limit:
        return 0.0
    return max(1.0, (times[limit - 1] + window - now).total_seconds())


def _seconds_until_allowed(username: str, client: str, now: datetime) -> float:
    window = timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS)
    recent = SignInAttempt.objects.filter(at__gt=now - window)
    last_success = (
        recent.filter(username=username, client=client, succeeded=True)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    pair_failures = recent.filter(username=username, client=client, succeeded=False)
    if last_success is not None:
        pair_failures = pair_failures.filter(at__gt=last_success)
    pair_limit = settings.SIGNIN_FAILURES_PER_USERNAME_AND_IP
    user_limit = settings.SIGNIN_FAILURES_PER_USERNAME
    waits = [
        _wait_for(
            list(pair_failures.order_by("-at").values_list("at", flat=True)[:pair_limit]),
            pair_limit,
            window,
            now,
        ),
        _wait_for(
            list(
                recent.filter(username=username, succeeded=False)
                .order_by("-at")
                .values_list("at", flat=True)[:user_limit]
            ),
            user_limit,
            window,
            now,
        ),
    ]
    if settings.RATE_LIMIT_LOGIN is not None:
        count, seconds = parse_rate(settings.RATE_LIMIT_LOGIN)
        period = timedelta(seconds=seconds)
        # Failures only: a team behind one office address signs in together every morning.
        times = (
            SignInAttempt.objects.filter(client=client, succeeded=False, at__gt=now - period)
            .order_by("-at")
            .values_list("at", flat=True)[:count]
        )
        waits.append(_wait_for(list(times), count, period, now))
    return max(waits)


def _refusal(seconds: float) -> RateLimited:
    minutes = max(1, round(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return RateLimited(
        f"Too many sign-in attempts. Try again in {minutes} {unit}.", retry_after=int(seconds)
    )


def sign_in(*, request: HttpRequest, username: str, password: str) -> User:
    """The active user with these credentials.

    Raises RateLimited (429, with the seconds to wait) while a limit is reached, and
    InvalidInput (400) with one message for an unknown username, a wrong password and a
    deactivated user alike. Django's ModelBackend hashes the password once even for a
    username nobody has, so timing does not tell them apart.
    """
    key = username.strip().lower()[:150]
    client = client_network(client_ip(request))
    with transaction.atomic():
        _lock(f"signin-client:{client}")
        _lock(f"signin-username:{key}")
        now = timezone.now()
        wait = _seconds_until_allowed(key, client, now)
        if wait:
            raise _refusal(wait)
        user = authenticate(request, username=username, password=password)
        SignInAttempt.objects.create(username=key, client=client, at=now, succeeded=bool(user))
    if not isinstance(user, User):
        raise InvalidInput(WRONG_CREDENTIALS)
    return user


def signin_attempts_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget attempts older than every window; returns how many rows were removed."""
    longest = max(
        timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS),
        timedelta(
            seconds=parse_rate(settings.RATE_LIMIT_LOGIN)[1] if settings.RATE_LIMIT_LOGIN else 0
        ),
        older_than,
    )
    deleted, _ = SignInAttempt.objects.filter(at__lt=timezone.now() - longest).delete()
    return deleted
