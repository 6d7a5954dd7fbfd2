"""Versions as ETags, and If-Match (CONTRACT §9).

A versioned object's ETag is `"<version>"`. If-Match may carry `"<n>"`, its weak form
`W/"<n>"` (proxies weaken ETags when they compress, so both mean the same), or `*`;
anything else is refused with a 400.
"""

import re

from django.http import HttpRequest
from rest_framework.response import Response

from .exceptions import InvalidInput

IF_MATCH = re.compile(r'(?:W/)?"([0-9]{1,9})"')


def expected_version(request: HttpRequest) -> int | None:
    """The version If-Match names, or None when the header is absent or `*`."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    value = header.strip()
    if value == "*":
        return None
    match = IF_MATCH.fullmatch(value)
    if match is None:
        raise InvalidInput(
            'If-Match must be a version in quotes, such as "3" (or W/"3"), or *.',
            {"If-Match": [f"Not a version: {value[:40]!r}."]},
        )
    return int(match[1])


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = f'"{version}"'
    return response
