"""A circuit breaker per remote provider, its state in the shared Django cache.

After LLM_CIRCUIT_FAILURES failed calls in a row, the provider is skipped (the local
model answers at once) for LLM_CIRCUIT_COOLDOWN_SECONDS. Then calls go through again
("half-open"): the first success closes the breaker, the first failure opens it again
for another cool-down. All workers share the state, so one worker's failures spare
the others the wait. Counts may be off by one under races; that is harmless here.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from .providers.base import Provider

logger = logging.getLogger(__name__)


def _keys(provider: Provider) -> tuple[str, str]:
    identity = f"{provider.name}\x1f{provider.model}\x1f{getattr(provider, 'url', '')}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return f"triage:breaker:{digest}:open", f"triage:breaker:{digest}:failures"


def _failures_ttl() -> int:
    # Failures further apart than this are not "in a row".
    return max(60, round(settings.LLM_CIRCUIT_COOLDOWN_SECONDS * 10))


def is_open(provider: Provider) -> bool:
    open_key, _ = _keys(provider)
    try:
        return cache.get(open_key) is not None
    except Exception:
        logger.warning("Circuit breaker state unavailable", exc_info=True)
        return False


def record_success(provider: Provider) -> None:
    _, failures_key = _keys(provider)
    try:
        cache.delete(failures_key)
    except Exception:
        logger.warning("Circuit breaker state unavailable", exc_info=True)


def record_failure(provider: Provider) -> None:
    open_key, failures_key = _keys(provider)
    threshold = settings.LLM_CIRCUIT_FAILURES
    try:
        cache.add(failures_key, 0, timeout=_failures_ttl())
        failures = cache.incr(failures_key)
        if failures >= threshold:
            cooldown = settings.LLM_CIRCUIT_COOLDOWN_SECONDS
            cache.set(open_key, 1, timeout=cooldown)
            # One more failure after the cool-down opens it again at once.
            cache.set(failures_key, threshold - 1, timeout=_failures_ttl())
            logger.warning(
                "LLM provider %s failed %d times in a row; skipping it for %.0f s",
                provider.name,
                failures,
                cooldown,
            )
    except ValueError:
        pass  # the counter expired between add and incr
    except Exception:
        logger.warning("Circuit breaker state unavailable", exc_info=True)
