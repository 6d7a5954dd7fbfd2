"""Shared pieces of the OpenAPI description."""

from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: "Invalid input; `errors` names each offending field.",
        404: "Not found.",
        413: "The request body is too large.",
        415: "The body is not JSON.",
        429: "Too many requests from this client; see the Retry-After header.",
    }
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=descriptions[code])
        for code in codes
    }
