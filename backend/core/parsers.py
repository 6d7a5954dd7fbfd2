"""The API's JSON parser: strict about what the standard leaves open.

`json.loads` accepts a key twice (the last one wins, silently dropping the first),
lone UTF-16 surrogates written as `\\ud800` (text no UTF-8 database or renderer can
hold), nesting until the interpreter's recursion limit (a RecursionError, i.e. a 500)
and the constants NaN and Infinity. Each of those is a 400 here, with a message that
names the problem without echoing the offending text.
"""

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

# Deepest nesting of objects and arrays accepted (CONTRACT §6); a ticket needs two.
MAX_NESTING = 64


def _refuse_constant(name: str):
    raise ParseError(f"Malformed JSON: {name} is not a JSON value.")


def _valid_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                # ascii() escapes anything a renderer could choke on.
                raise ParseError(f"Malformed JSON: the key {key!a} appears twice.")
            seen.add(key)
    return data


BAD_UNICODE = "Contains characters that are not valid Unicode (a lone surrogate)."


def check_structure(data: Any) -> None:
    """Refuse nesting deeper than MAX_NESTING and text that is not valid Unicode.

    A bad string inside a top-level field is a validation error of that field, so the
    answer names it like any other invalid value; a bad key is a parse error.
    """
    pending: list[tuple[Any, int, str]] = [(data, 0, api_settings.NON_FIELD_ERRORS_KEY)]
    while pending:
        value, depth, field = pending.pop()
        if isinstance(value, str):
            if not _valid_text(value):
                raise ValidationError({field: [BAD_UNICODE]})
        elif isinstance(value, dict | list):
            depth += 1
            if depth > MAX_NESTING:
                raise ParseError(f"Malformed JSON: nested deeper than {MAX_NESTING} levels.")
            if isinstance(value, dict):
                for key, item in value.items():
                    if not _valid_text(key):
                        raise ParseError(
                            "Malformed JSON: a key contains a lone surrogate (\\ud800 to "
                            "\\udfff), which is not valid Unicode."
                        )
                    # The top-level object's keys are the request's fields.
                    pending.append((item, depth, key if depth == 1 else field))
            else:
                pending.extend((item, depth, field) for item in value)


class StrictJSONParser(JSONParser):
    """JSONParser that refuses duplicate keys, deep nesting, lone surrogates and NaN."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(f"Malformed JSON: the body is not valid {encoding}.") from None
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(f"Malformed JSON: nested deeper than {MAX_NESTING} levels.") from None
        except ValueError as error:
            raise ParseError(f"Malformed JSON: {_position(error)}") from None
        check_structure(data)
        return data


def _position(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}."
    return "the body is not valid JSON."
