"""Suggest a category and priority for a ticket's text, never failing and never hanging.

The chain: the configured provider (from the cache when it answered this text
before), then the local model, then DEFAULT_SUGGESTION. A remote call runs in a
bounded pool and is given up after LLM_TIMEOUT_SECONDS; a provider whose circuit
breaker is open is not called at all. See triage/README.md.
"""

import dataclasses
import logging

from django.conf import settings

from . import breaker
from .cache import cache_suggestion, cached_suggestion, claim, release, suggestion_cache_key
from .calls import GRACE_SECONDS, CallsSaturated, call_with_deadline, run_in_background
from .labels import CATEGORIES, FALLBACK_CATEGORY, FALLBACK_PRIORITY, PRIORITIES
from .providers.base import ClassificationError, Provider
from .registry import build_provider
from .suggestion import Suggestion

logger = logging.getLogger(__name__)

DEFAULT_SUGGESTION = Suggestion(
    category=FALLBACK_CATEGORY,
    priority=FALLBACK_PRIORITY,
    category_confidence=0.0,
    priority_confidence=0.0,
    provider="default",
)


def _checked(suggestion: Suggestion, provider: Provider) -> Suggestion:
    """Guard against a provider bug: labels allowed, confidences in [0, 1], honest name."""
    if (
        not isinstance(suggestion, Suggestion)
        or suggestion.category not in CATEGORIES
        or suggestion.priority not in PRIORITIES
        or not 0 <= suggestion.category_confidence <= 1
        or not 0 <= suggestion.priority_confidence <= 1
    ):
        raise ClassificationError(f"{provider.name} returned an invalid suggestion.")
    return dataclasses.replace(suggestion, provider=provider.name, pending=False)


def _local_suggestion(*, title: str, description: str) -> Suggestion:
    """The local model's answer, or DEFAULT_SUGGESTION when even it fails."""
    local = build_provider("local")
    try:
        return _checked(
            local.classify(
                title=title, description=description, timeout=settings.LLM_TIMEOUT_SECONDS
            ),
            local,
        )
    except ClassificationError:
        logger.warning("Local classification failed", exc_info=True)
    except Exception:
        # A bug in a classifier must never cost the user their ticket.
        logger.exception("Local classifier crashed")
    return DEFAULT_SUGGESTION


def _remote_suggestion(provider: Provider, *, title: str, description: str, key: str):
    """Call `provider` within the budget; cache and return its answer, None on failure."""
    try:
        suggestion = _checked(
            call_with_deadline(
                provider.classify,
                timeout=settings.LLM_TIMEOUT_SECONDS,
                title=title,
                description=description,
            ),
            provider,
        )
    except CallsSaturated as error:
        # The provider was not asked: nothing to hold against it.
        logger.info("LLM provider %s skipped: %s", provider.name, error)
        return None
    except Exception as error:
        breaker.record_failure(provider)
        level = logging.WARNING if isinstance(error, ClassificationError) else logging.ERROR
        logger.log(level, "LLM provider %s failed: %s", provider.name, error)
        return None
    breaker.record_success(provider)
    cache_suggestion(key, suggestion)
    return suggestion


def _refresh_in_background(provider: Provider, *, title: str, description: str, key: str):
    try:
        _remote_suggestion(provider, title=title, description=description, key=key)
    finally:
        release(key)


def suggestion_for(*, title: str, description: str, instant: bool = False) -> Suggestion:
    """The best suggestion we can give within the time budget; DEFAULT_SUGGESTION at worst.

    With `instant`, a remote provider's answer is only used when it is cached: else the
    local answer comes back at once, marked `pending`, while the remote call runs in the
    background and caches its answer for the next request.
    """
    try:
        provider = build_provider()
    except Exception:
        logger.exception("Could not build the configured LLM provider")
        return _local_suggestion(title=title, description=description)
    if not provider.remote:
        return _local_suggestion(title=title, description=description)

    key = suggestion_cache_key(provider=provider, title=title, description=description)
    cached = cached_suggestion(key)
    if cached is not None:
        return cached
    if breaker.is_open(provider):
        return _local_suggestion(title=title, description=description)

    if not instant:
        remote = _remote_suggestion(provider, title=title, description=description, key=key)
        return remote or _local_suggestion(title=title, description=description)

    local = _local_suggestion(title=title, description=description)
    # The claim lives a little longer than a call can, so a crashed worker cannot keep it.
    claim_seconds = settings.LLM_TIMEOUT_SECONDS + GRACE_SECONDS + 5
    claimed = claim(key, seconds=claim_seconds)
    if claimed is None:  # no shared cache: a background answer could not be kept
        return local
    if claimed:
        started = run_in_background(
            _refresh_in_background, provider=provider, title=title, description=description, key=key
        )
        if not started:
            release(key)
            return local
    # Either this request started the call or another one is already making it.
    return dataclasses.replace(local, pending=True)
