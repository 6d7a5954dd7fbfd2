"""Serializer pieces that make the API strict: wrong types and unknown fields are errors."""

import re
from collections.abc import Mapping

from rest_framework import serializers

# Control characters (Unicode category Cc: C0, DEL and C1), and the two a multi-line text
# may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MULTILINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class StrictCharField(serializers.CharField):
    """A CharField that accepts only JSON strings (DRF would turn 42 into "42") and no
    control characters; with `multiline`, newlines and tabs are allowed (CRLF and CR line
    ends become LF)."""

    default_error_messages = {
        "not_a_string": "Must be a string.",
        "bad_unicode": "Contains characters that are not valid Unicode.",
        "control_character": "Must not contain control characters.",
        "control_character_multiline": (
            "Must not contain control characters other than newlines and tabs."
        ),
    }

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("bad_unicode")
        if self.multiline:
            data = data.replace("\r\n", "\n").replace("\r", "\n")
            if MULTILINE_CONTROL_CHARACTERS.search(data):
                self.fail("control_character_multiline")
        elif CONTROL_CHARACTERS.search(data):
            self.fail("control_character")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """An IntegerField that accepts only JSON integers (DRF would take "7" and 7.0)."""

    default_error_messages = {"not_an_integer": "Must be an integer."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_an_integer")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true or false, nothing else (DRF would take "yes", 1 and "on")."""

    default_error_messages = {"not_a_boolean": "Must be true or false."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("not_a_boolean")
        return data


class StrictEmailField(serializers.EmailField):
    """An e-mail address, as a JSON string only; the domain is stored lower-cased."""

    default_error_messages = {"not_a_string": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        value = super().to_internal_value(data)
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}" if local else value


class StrictChoiceField(serializers.ChoiceField):
    default_error_messages = {"not_a_string": "Must be a string, one of: {choices}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", choices=", ".join(self.choice_strings_to_values))
        return super().to_internal_value(data)


class RejectUnknownFieldsMixin:
    """Refuse keys that are not writable fields instead of silently dropping them.

    `read_only_fields` names fields clients may see but not send, so the message
    can say which of the two mistakes was made.
    """

    read_only_fields: tuple[str, ...] = ()

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {}
            for name in data:
                if name in self.fields:
                    continue
                errors[name] = [
                    "This field is read-only."
                    if name in self.read_only_fields
                    else "Unknown field."
                ]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class ErrorSerializer(serializers.Serializer):
    """The shape of every 4xx answer (documentation only)."""

    detail = serializers.CharField(help_text="One sentence saying what went wrong.")
    # Shadows Serializer.errors, which this documentation-only class never uses.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field; empty when no field is to blame.",
    )
