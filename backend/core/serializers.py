"""Serializer pieces that make the API strict: wrong types and unknown fields are errors."""

import re
from collections.abc import Mapping

from rest_framework import serializers

# C0 and C1 control characters and DEL (Unicode category Cc). They render as boxes or
# not at all, and can rewrite a terminal that prints them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class StrictCharField(serializers.CharField):
    """A CharField that accepts only JSON strings (DRF would turn 42 into "42") of valid
    Unicode without control characters.

    With `allow_newlines` (multi-line text: descriptions, comments) newline and tab are
    allowed too, and a Windows line end (CR LF) is stored as a newline.
    """

    default_error_messages = {
        "not_a_string": "Must be a string.",
        "bad_unicode": "Contains characters that are not valid Unicode.",
        "control_character": "Must not contain control characters ({code}).",
        "control_character_multiline": (
            "Must not contain control characters ({code}); newline and tab are allowed."
        ),
    }

    def __init__(self, *, allow_newlines: bool = False, **kwargs):
        self.allow_newlines = allow_newlines
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("bad_unicode")
        if self.allow_newlines:
            data = data.replace("\r\n", "\n")
            control = _CONTROL_EXCEPT_LINE_BREAKS.search(data)
            message = "control_character_multiline"
        else:
            control = _CONTROL.search(data)
            message = "control_character"
        if control:
            self.fail(message, code=f"U+{ord(control.group()):04X}")
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


class QueryFlagField(serializers.BooleanField):
    """A true/false query parameter. DRF reads an empty `?flag=` as absent; a flag given
    without a value is more likely a mistake than a request for the default, so it is refused."""

    default_error_messages = {"blank_flag": "Must be true or false, not empty."}

    def get_value(self, dictionary):
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if data == "":
            self.fail("blank_flag")
        return super().to_internal_value(data)


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
