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


def paginated(serializer_class: type) -> type:
    """The documented shape of one page of `serializer_class` (CONTRACT §3)."""
    from rest_framework import serializers

    from .pagination import COUNT_EXACT_LIMIT

    name = serializer_class.__name__.removesuffix("Serializer")
    fields = {
        "count": serializers.IntegerField(
            min_value=0,
            help_text="Number of results. Exact for lists filtered by status, priority, "
            "category and assignee; otherwise counted exactly up to "
            f"{COUNT_EXACT_LIMIT} results and beyond that possibly the database's "
            "estimate, and then count_is_estimate is true.",
        ),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializer_class(many=True),
        "count_is_estimate": serializers.BooleanField(
            required=False, help_text="Present and true when count is an estimate."
        ),
    }
    return type(f"Paginated{name}List", (serializers.Serializer,), fields)
