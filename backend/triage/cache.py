"""Answers of the configured remote provider, kept in the shared Django cache.

The key is a hash of the provider, its model, the prompt version and the ticket's
text with whitespace collapsed and case folded, so a suggestion the user has just
seen on the form costs nothing when the ticket is submitted. A cache that fails
(Redis down, missing table) behaves as an empty one: it never fails a classification.
"""

import hashlib
import logging
import re
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache

from .corrections import LabelledText
from .labels import CATEGORIES, PRIORITIES
from .prompts import PROMPT_VERSION
from .providers.base import Provider
from .suggestion import Suggestion

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def _normalized(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def suggestion_cache_key(
    *, provider: Provider, title: str, description: str, examples: Sequence[LabelledText] = ()
) -> str:
    """Same provider, model, prompt version, text and few-shot examples: same answer."""
    shots = "\x1e".join(
        f"{e.category}:{e.priority}:{_normalized(e.title)}:{_normalized(e.description)}"
        for e in examples
    )
    parts = (
        provider.name,
        provider.model,
        PROMPT_VERSION,
        _normalized(title),
        _normalized(description),
        shots,
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"triage:suggestion:{digest}"


def cached_suggestion(key: str) -> Suggestion | None:
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("The suggestion cache is unavailable", exc_info=True)
        return None
    if not isinstance(value, dict):
        return None
    try:
        suggestion = Suggestion(**value)
    except TypeError:
        return None
    if suggestion.category not in CATEGORIES or suggestion.priority not in PRIORITIES:
        return None
    return suggestion


def cache_suggestion(key: str, suggestion: Suggestion) -> None:
    value = {
        "category": suggestion.category,
        "priority": suggestion.priority,
        "category_confidence": suggestion.category_confidence,
        "priority_confidence": suggestion.priority_confidence,
        "provider": suggestion.provider,
    }
    try:
        cache.set(key, value, timeout=settings.LLM_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store a suggestion in the cache", exc_info=True)


def claim(key: str, *, seconds: float) -> bool | None:
    """Take a short-lived claim on `key`, seen by every worker.

    True when taken, False when someone else holds it, None when the cache is down.
    """
    try:
        return bool(cache.add(f"{key}:claim", 1, timeout=max(1, round(seconds))))
    except Exception:
        logger.warning("The suggestion cache is unavailable", exc_info=True)
        return None


def release(key: str) -> None:
    try:
        cache.delete(f"{key}:claim")
    except Exception:
        logger.warning("The suggestion cache is unavailable", exc_info=True)
