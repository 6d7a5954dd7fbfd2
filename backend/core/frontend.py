"""Serves the built web UI's index.html; its /assets/ are served by whitenoise."""

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def index(request):
    index_file = settings.FRONTEND_DIST_DIR / "index.html"
    if not index_file.is_file():
        return HttpResponse(
            "<!doctype html><title>Support Tickets</title>"
            "<p>The web UI is not built. Run <code>make run</code>, or "
            "<code>npm run build</code> in <code>frontend/</code>. "
            'The API is at <a href="/api/docs/">/api/docs/</a>.</p>',
            status=503,
        )
    return FileResponse(index_file.open("rb"), content_type="text/html; charset=utf-8")
