"""Structured logs: one JSON object per line on stdout, each tagged with its request.

`RequestIdMiddleware` (core/middleware.py) stores the request id and the client IP in
context variables; `RequestContextFilter` copies them into every log record, so the
lines of one request, gunicorn's access line included, share a `request_id`.
This module imports nothing from Django: gunicorn's master process loads it too.
"""

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

NO_REQUEST = "-"

request_id_var: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)
client_ip_var: ContextVar[str] = ContextVar("client_ip", default=NO_REQUEST)

JSON_FIELDS = ["levelname", "name", "message", "process"]
RENAMED_FIELDS = {"levelname": "level", "name": "logger", "process": "pid"}


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
