"""Per-client-IP rate limits on the endpoints that cost something (the AI, new rows).

The counts live in the Django cache (Redis with REDIS_URL, else the database cache
table), so every worker and every replica shares them. Rates come from settings
(`RATE_LIMIT_CLASSIFY`, `RATE_LIMIT_CREATE`) at request time; `None` (the variable
set to `off`) lets every request through. A refused request gets DRF's `Throttled`,
which core/errors.py turns into a 429 in the error shape with a `Retry-After` header.
"""

import math

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .client_ip import client_ip


class ClientIpRateThrottle(SimpleRateThrottle):
    """Counts requests per scope and client IP; subclasses name the scope and setting."""

    setting_name: str = ""

    def get_rate(self) -> str | None:
        return getattr(settings, self.setting_name)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}

    def wait(self) -> float | None:
        # Whole seconds, at least one: `Retry-After: 0` would invite an immediate retry.
        seconds = super().wait()
        return None if seconds is None else max(1, math.ceil(seconds))


class ClassifyRateThrottle(ClientIpRateThrottle):
    scope = "classify"
    setting_name = "RATE_LIMIT_CLASSIFY"


class TicketCreateRateThrottle(ClientIpRateThrottle):
    scope = "ticket_create"
    setting_name = "RATE_LIMIT_CREATE"


class PortalRateThrottle(ClientIpRateThrottle):
    scope = "portal"
    setting_name = "RATE_LIMIT_PORTAL"
