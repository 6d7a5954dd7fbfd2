"""Serializer pieces that make the API strict: wrong types and unknown fields are errors."""

from collections.abc import Mapping

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that accepts only JSON strings (DRF would turn 42 into "42")."""

    default_error_messages = {
        "not_a_string": "Must be a string.",
        "bad_unicode": "Contains characters that are not valid Unicode.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("bad_unicode")
        return super().to_internal_value(data)


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
