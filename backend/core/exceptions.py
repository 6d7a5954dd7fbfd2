"""Errors of the domain, raised by services and selectors, answered by core/errors.py.

Services know nothing of HTTP; the exception handler maps each of these to its status
code and to the one error shape (`{"detail", "errors"}`).
"""


class DomainError(Exception):
    """Base of the errors below: a sentence for people and, optionally, messages per field."""

    status_code = 400

    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


class InvalidInput(DomainError):
    """400: the input breaks a rule that only the domain can check."""


class NotFoundError(DomainError):
    """404: no such object, or none the caller may know of."""

    status_code = 404


class ConflictError(DomainError):
    """409: the object's state does not allow the change (a closed ticket's portal)."""

    status_code = 409


class PreconditionFailed(DomainError):
    """412: the client's If-Match names an older version than the stored one."""

    status_code = 412


class RateLimited(DomainError):
    """429: too many attempts; try again after `retry_after` seconds."""

    status_code = 429

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, int(retry_after))
