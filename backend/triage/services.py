"""Suggest a category and priority for a ticket's text, never failing and never hanging."""

import logging

from django.conf import settings

from .labels import FALLBACK_CATEGORY, FALLBACK_PRIORITY
from .providers.base import ClassificationError
from .providers.keywords import KeywordProvider
from .suggestion import Suggestion

logger = logging.getLogger(__name__)

DEFAULT_SUGGESTION = Suggestion(
    category=FALLBACK_CATEGORY,
    priority=FALLBACK_PRIORITY,
    category_confidence=0.0,
    priority_confidence=0.0,
    provider="default",
)


def suggestion_for(*, title: str, description: str) -> Suggestion:
    """The best suggestion we can give within the time budget; DEFAULT_SUGGESTION at worst."""
    try:
        return KeywordProvider().classify(
            title=title, description=description, timeout=settings.LLM_TIMEOUT_SECONDS
        )
    except ClassificationError:
        logger.warning("Local classification failed", exc_info=True)
    except Exception:
        # A bug in a classifier must never cost the user their ticket.
        logger.exception("Local classifier crashed")
    return DEFAULT_SUGGESTION
