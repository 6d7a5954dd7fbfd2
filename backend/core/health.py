"""Liveness and readiness probes for load balancers and compose healthchecks."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .errors import DATABASE_RETRY_AFTER_SECONDS, error_body
from .redis_connection import redis_status


@require_GET
def healthz(request):
    """200 while the process runs: nothing else is checked."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """200 when the database answers, 503 otherwise.

    With Redis configured, `cache` says whether it answers: "degraded" keeps the 200,
    since requests go on without it (rate limits let requests through, suggestions are
    not cached).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        response = JsonResponse(error_body("The database is not answering."), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    body = {"status": "ok", "database": "ok"}
    cache = redis_status()
    if cache is not None:
        body["cache"] = cache
    return JsonResponse(body)
