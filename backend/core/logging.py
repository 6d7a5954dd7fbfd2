"""Structured logs: one JSON object per line on stdout, each tagged with its request.

`RequestIdMiddleware` (core/middleware.py) stores the request id and the client IP in
context variables; `RequestContextFilter` copies them into every log record, so the
lines of one request, gunicorn's access line included, share a `request_id`.
This module imports nothing from Django: gunicorn's master process loads it too.
"""

import logging
import re
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

NO_REQUEST = "-"

request_id_var: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)
client_ip_var: ContextVar[str] = ContextVar("client_ip", default=NO_REQUEST)

JSON_FIELDS = ["levelname", "name", "message", "process"]
RENAMED_FIELDS = {"levelname": "level", "name": "logger", "process": "pid"}


# Requester-portal keys are credentials in URLs (CONTRACT §10): logs show <key> instead.
PORTAL_KEY = re.compile(r"(/portal/)[^/?#\s'\"]+")


def redact(text: str) -> str:
    return PORTAL_KEY.sub(r"\1<key>", text)


def _redacted(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(_redacted(item) for item in value)
    return value


class RedactSecretsFilter(logging.Filter):
    """Replaces portal keys in a record's message and arguments (every handler has it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            record.args = _redacted(record.args)
        return True


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `client_ip` ("-" outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.client_ip = client_ip_var.get()
        return True


class JsonFormatter(_BaseJsonFormatter):
    """`{"time", "level", "logger", "message", "pid", "request_id", "client_ip", ...}`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("rename_fields", RENAMED_FIELDS)
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        super().__init__(JSON_FIELDS, **kwargs)

    def process_log_record(self, log_data):
        # Extra fields (Django's `request`, gunicorn's atoms) may carry a URL too; objects
        # are logged as their text, so they are turned into text here to be redacted.
        plain = (int, float, bool, type(None))
        return {
            key: value
            if isinstance(value, plain)
            else _redacted(value if isinstance(value, str | dict | list | tuple) else str(value))
            for key, value in super().process_log_record(log_data).items()
        }


# Gunicorn access-log atoms worth a field of their own (see gunicorn's `atoms()`).
ACCESS_ATOMS = {
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
    "h": "peer",
}


class AccessJsonFormatter(JsonFormatter):
    """Gunicorn's access lines as JSON, with method, path, status and timing as fields."""

    def add_fields(self, log_data, record, message_dict):
        atoms = record.args if isinstance(record.args, dict) else None
        super().add_fields(log_data, record, message_dict)
        if atoms is None:
            return
        for atom, field in ACCESS_ATOMS.items():
            value = atoms.get(atom, "-")
            if isinstance(value, str):
                # Gunicorn escapes quotes for its text format; JSON does its own escaping.
                value = value.replace('\\"', '"')
            if field in {"status", "bytes", "duration_ms"}:
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    value = None
            log_data[field] = value
