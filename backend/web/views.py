"""Serves the built web UI's index.html at every route of the app (CONTRACT §8).

The routes are listed in urls.py, not caught all, so a mistyped path still gets a 404.
The app's /assets/ are served by whitenoise.
"""

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.selectors import debug_admin_password

# Where index.html gets the debug hint: right after <head>.
HEAD = b"<head>"

NOT_BUILT = (
    "<!doctype html><title>Support Tickets</title>"
    "<p>The web UI is not built. Run <code>make run</code>, or "
    "<code>npm run build</code> in <code>frontend/</code>. "
    'The API is at <a href="/api/docs/">/api/docs/</a>.</p>'
)


@require_GET
@never_cache
def index(request: HttpRequest, **route: object) -> HttpResponseBase:
    index_file = settings.FRONTEND_DIST_DIR / "index.html"
    if not index_file.is_file():
        return HttpResponse(NOT_BUILT, status=503)
    password = debug_admin_password()
    if password is None:
        return FileResponse(index_file.open("rb"), content_type="text/html; charset=utf-8")
    # Debug mode with the admin make run created: the sign-in page says how to sign in.
    hint = f'<meta name="debug-admin" content="admin {password}">'.encode()
    page = index_file.read_bytes().replace(HEAD, HEAD + hint, 1)
    return HttpResponse(page, content_type="text/html; charset=utf-8")


@require_GET
@never_cache
def portal(request: HttpRequest, key: str) -> HttpResponseBase:
    """The requester's page: its URL is a secret, so no other site may learn it."""
    response = index(request)
    response["Referrer-Policy"] = "no-referrer"
    return response
