"""API tokens and the record of sign-in attempts.

People are Django's own users (`django.contrib.auth`): their role and display name are
read through accounts/roles.py, so nothing else depends on how they are stored.
"""

from django.db import models
from django.utils import timezone
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

TOKEN_NAME_MAX_LENGTH = 100


class ApiToken(AbstractAuthToken):
    """A named API token; only its SHA-512 digest is stored (django-rest-knox).

    Knox keys its tokens by the digest; a token here has a plain id instead, so that
    listing and revoking never show anything derived from the secret.
    """

    id: models.BigAutoField = models.BigAutoField(primary_key=True)
    digest: models.CharField = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name: models.CharField = models.CharField(max_length=TOKEN_NAME_MAX_LENGTH)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"


class SignInAttempt(models.Model):
    """One try at signing in with a password, kept for the sign-in limits (accounts/signin.py).

    `username` is as typed, lower-cased (also for names nobody has); `client` is the client's
    address, IPv6 by its /64. Rows older than the longest window are pruned.
    """

    username = models.CharField(max_length=150)
    client = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["username", "client", "-at"], name="signin_username_client_idx"),
            models.Index(fields=["username", "-at"], name="signin_username_idx"),
            models.Index(fields=["client", "-at"], name="signin_client_idx"),
        ]

    def __str__(self) -> str:
        outcome = "succeeded" if self.succeeded else "failed"
        return f"{self.username} from {self.client} {outcome} at {self.at:%Y-%m-%d %H:%M}"
