"""A request id for every request: taken from the proxy when sane, else generated.

The id and the client IP go into context variables read by the logging filter
(core/logging.py), and the id into the `X-Request-ID` response header. They are
cleared when the response is closed, after the server has written its access line.
"""

import re
import uuid

from django.core.signals import request_finished

from .client_ip import client_ip
from .logging import NO_REQUEST, client_ip_var, request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from the proxy: nginx's $request_id (32 hex digits), UUIDs and similar.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")


def request_id_for(incoming: str | None) -> str:
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        request_id_var.set(request_id)
        client_ip_var.set(client_ip(request))
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _clear_request_context(**kwargs) -> None:
    request_id_var.set(NO_REQUEST)
    client_ip_var.set(NO_REQUEST)


request_finished.connect(_clear_request_context, dispatch_uid="core.middleware.clear_context")


class ApiCacheControlMiddleware:
    """`Cache-Control: no-store` on every API answer that does not say otherwise.

    API answers hold customers' data and depend on who asks: no browser or proxy may keep
    them (CONTRACT §6).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
