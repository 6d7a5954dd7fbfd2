"""One error shape for every 4xx of the API: {"detail": "...", "errors": {"field": [...]}}.

DRF's exceptions go through `api_exception_handler`; Django's own 400, 403 (CSRF),
404 and 500 answers under the API paths go through the handlers below, so a client
never has to parse an HTML page. A database that cannot be reached is a 503 with
`Retry-After` (`DatabaseUnavailableMiddleware` for views, `handler500` for the rest),
not a 500: the request was fine, the client should come back.
"""

import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.csrf import csrf_failure as html_csrf_failure
from django.views.defaults import bad_request, page_not_found, server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .exceptions import DomainError, InvalidInput, RateLimited

logger = logging.getLogger(__name__)

NON_FIELD = "non_field_errors"
JSON_PATH_PREFIXES = ("/api/", "/healthz", "/readyz")


def error_body(detail: str, errors: dict | None = None) -> dict:
    return {"detail": detail, "errors": errors or {}}


def _flatten(messages) -> list[str]:
    """DRF nests messages in lists and dicts (e.g. for list fields); clients get strings."""
    if isinstance(messages, dict):
        return [f"{key}: {text}" for key, value in messages.items() for text in _flatten(value)]
    if isinstance(messages, list | tuple):
        return [text for item in messages for text in _flatten(item)]
    return [str(messages)]


def _validation_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(field): _flatten(messages) for field, messages in detail.items()}
    return {NON_FIELD: _flatten(detail)}


def _validation_sentence(errors: dict[str, list[str]]) -> str:
    fields = [field for field in errors if field != NON_FIELD]
    if not fields:
        return errors.get(NON_FIELD, ["The request is invalid."])[0]
    if len(fields) == 1:
        return f"Invalid input in '{fields[0]}': {errors[fields[0]][0]}"
    names = ", ".join(f"'{field}'" for field in fields)
    return f"Invalid input in {names}."


def _domain_error_response(exc: DomainError) -> Response:
    errors = {field: list(messages) for field, messages in exc.errors.items()}
    detail = exc.detail
    if isinstance(exc, InvalidInput) and errors and not detail:
        detail = _validation_sentence(errors)
    response = Response(error_body(detail, errors), status=exc.status_code)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return _domain_error_response(exc)
    if isinstance(exc, RequestDataTooBig):
        # Raised while DRF reads the body; Django would answer it with an HTML page in
        # debug mode.
        return Response(
            error_body("The request body is too large."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _validation_errors(exc.detail)
        response.data = error_body(_validation_sentence(errors), errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = error_body(" ".join(_flatten(detail)))
    return response


def validation_error_response(errors: dict[str, list[str]]) -> Response:
    return Response(
        error_body(_validation_sentence(errors), errors), status=status.HTTP_400_BAD_REQUEST
    )


def _wants_json(request) -> bool:
    return request.path.startswith(JSON_PATH_PREFIXES)


def handler400(request, exception=None):
    if not _wants_json(request):
        return bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse(
            error_body("The request body is too large."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return JsonResponse(error_body("The request could not be understood."), status=400)


def handler404(request, exception=None):
    if not _wants_json(request):
        return page_not_found(request, exception)
    return JsonResponse(error_body("Not found."), status=404)


# Seconds a client is asked to wait while the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = 5
# Errors that mean "the database cannot answer now" (down, restarting, connection lost,
# statement timeout), as opposed to a bug or a constraint violation.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request) -> HttpResponse:
    """503 with Retry-After: JSON in the error shape under the API, plain text elsewhere."""
    detail = "The database is not answering; try again shortly."
    response: HttpResponse
    if _wants_json(request):
        response = JsonResponse(error_body(detail), status=503)
    else:
        response = HttpResponse(detail, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            logger.warning("Database unavailable: %s", str(exception).strip())
            return database_unavailable(request)
        return None


def handler500(request):
    # A middleware that reached the database before any view (sessions, the admin's
    # authentication) ends here too.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable(request)
    if not _wants_json(request):
        return server_error(request)
    return JsonResponse(error_body("The server failed to answer this request."), status=500)


def csrf_failure(request, reason=""):
    if not _wants_json(request):
        return html_csrf_failure(request, reason)
    return JsonResponse(error_body(f"CSRF check failed: {reason}"), status=403)
