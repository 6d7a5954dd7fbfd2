"""Shared pieces of the OpenAPI description."""

from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: "Invalid input; `errors` names each offending field.",
        401: "No credentials, or credentials that failed (unknown, expired or revoked "
        "token; deactivated user); the answer carries `WWW-Authenticate: Bearer`.",
        403: "Signed in without the role this needs, or (sessions) no `X-CSRFToken` header.",
        404: "Not found.",
        409: "The ticket's state does not allow this.",
        413: "The request body is too large.",
        415: "The body is not JSON.",
        412: "`If-Match` names an older version of the ticket; nothing was changed.",
        429: "Too many requests from this client; see the Retry-After header.",
    }
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=descriptions[code])
        for code in codes
    }
