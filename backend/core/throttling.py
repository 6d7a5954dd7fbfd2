"""Per-client-IP rate limits on the endpoints that cost something (the AI, new rows).

Rates come from settings (`RATE_LIMIT_CLASSIFY`, `RATE_LIMIT_CREATE`) at request time;
`None` (the variable set to `off`) lets every request through. The counting is
core/rate_limits.py's: exact under concurrency, shared by every worker and replica. A
refused request gets DRF's `Throttled`, which core/errors.py turns into a 429 in the
error shape; it always carries `Retry-After`.

An IPv6 client is counted by its /64: one host usually holds a whole /64 and could
otherwise take a fresh address for every request.
"""

from functools import lru_cache

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from config.env import parse_rate

from .client_ip import client_ip, client_network
from .rate_limits import hit


@lru_cache(maxsize=64)
def _parsed(rate: str) -> tuple[int, int]:
    return parse_rate(rate)


class ClientIpRateThrottle(BaseThrottle):
    """Counts requests per scope and client IP; subclasses name the scope and setting."""

    scope: str = ""
    setting_name: str = ""

    def __init__(self):
        self.retry_after: int | None = None

    def allow_request(self, request, view) -> bool:
        rate = getattr(settings, self.setting_name)
        if rate is None:
            return True
        limit, seconds = _parsed(rate)
        decision = hit(
            f"{self.scope}:{client_network(client_ip(request))}", limit=limit, seconds=seconds
        )
        self.retry_after = decision.retry_after
        return decision.allowed

    def wait(self) -> int | None:
        return self.retry_after


class ClassifyRateThrottle(ClientIpRateThrottle):
    scope = "classify"
    setting_name = "RATE_LIMIT_CLASSIFY"


class TicketCreateRateThrottle(ClientIpRateThrottle):
    scope = "ticket_create"
    setting_name = "RATE_LIMIT_CREATE"


class PortalRateThrottle(ClientIpRateThrottle):
    scope = "portal"
    setting_name = "RATE_LIMIT_PORTAL"
