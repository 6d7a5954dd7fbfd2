"""Shapes of the accounts API (CONTRACT §7): what comes in, what goes out."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from rest_framework import serializers

from core.serializers import (
    RejectUnknownFieldsMixin,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictEmailField,
    StrictIntegerField,
)

from .models import TOKEN_NAME_MAX_LENGTH, ApiToken
from .roles import NAME_MAX_LENGTH, Role, display_name, role_of

PASSWORD_MAX_LENGTH = 512  # far above any real password; hashing a megabyte is a DoS


def _iso(moment: datetime | None) -> str | None:
    return serializers.DateTimeField().to_representation(moment) if moment else None


def _password(**kwargs: Any) -> StrictCharField:
    return StrictCharField(max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, **kwargs)


class MeSerializer(serializers.Serializer[Any]):
    """The signed-in user: `{"id", "username", "name", "email", "role"}`."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices)

    def to_representation(self, user: AbstractBaseUser) -> dict[str, Any]:
        return {
            "id": user.pk,
            "username": user.get_username(),
            "name": display_name(user),
            "email": getattr(user, "email", ""),
            "role": role_of(user).value,
        }


class UserSerializer(MeSerializer):
    """A user as admins see them on the Team page."""

    is_active = serializers.BooleanField()
    last_login = serializers.DateTimeField(allow_null=True)

    def to_representation(self, user: AbstractBaseUser) -> dict[str, Any]:
        return {
            **super().to_representation(user),
            "is_active": user.is_active,
            "last_login": _iso(user.last_login),
        }


class AgentSerializer(serializers.Serializer[Any]):
    """An assignee for the picker: no e-mail, no role."""

    id = serializers.IntegerField()
    name = serializers.CharField()

    def to_representation(self, user: AbstractBaseUser) -> dict[str, Any]:
        return {"id": user.pk, "name": display_name(user)}


class LoginSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    username = StrictCharField(max_length=150)
    password = _password()


class UserCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    username = StrictCharField(max_length=150, validators=[UnicodeUsernameValidator()])
    name = StrictCharField(max_length=NAME_MAX_LENGTH)
    email = StrictEmailField(required=False, allow_blank=True, default="")
    role = StrictChoiceField(choices=Role.choices, required=False, default=Role.AGENT)
    password = _password()


class UserUpdateSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    read_only_fields = ("id", "username", "last_login")

    name = StrictCharField(max_length=NAME_MAX_LENGTH, required=False)
    email = StrictEmailField(required=False, allow_blank=True)
    role = StrictChoiceField(choices=Role.choices, required=False)
    is_active = StrictBooleanField(required=False)
    password = _password(required=False)


class PasswordChangeSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    current_password = _password()
    new_password = _password()


class TokenCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer[Any]):
    """`{"name"}` with a session or token; `{"username", "password", "name"}` without."""

    name = StrictCharField(max_length=TOKEN_NAME_MAX_LENGTH)
    username = StrictCharField(max_length=150, required=False)
    password = _password(required=False)
    expires_in_days = StrictIntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=3650,
        help_text="Days until the token stops working; absent or null: never (or, for a "
        "token created with a token, when that one expires).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("username" in attrs) != ("password" in attrs):
            missing = "password" if "username" in attrs else "username"
            raise serializers.ValidationError(
                {missing: ["Send both username and password, or neither."]}
            )
        return attrs


class TokenSerializer(serializers.Serializer[Any]):
    """A token as its owner sees it in the list: never the secret."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, token: ApiToken) -> dict[str, Any]:
        return {
            "id": token.pk,
            "name": token.name,
            "created_at": _iso(token.created),
            "expires_at": _iso(token.expiry),
        }


class NewTokenSerializer(TokenSerializer):
    """A token just created: the only answer that carries its secret (documentation)."""

    token = serializers.CharField(help_text="The secret; shown this once, stored only hashed.")
