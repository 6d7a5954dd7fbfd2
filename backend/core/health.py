"""Liveness and readiness probes for load balancers and compose healthchecks."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """200 while the process runs: nothing else is checked."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"detail": "The database is not answering.", "errors": {}}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
