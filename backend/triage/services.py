"""Suggest a category and priority for a ticket's text, never failing and never hanging.

The chain: the configured provider (from the cache when it answered this text
before), then the local model, then DEFAULT_SUGGESTION. A remote call runs in a
bounded pool and is given up after LLM_TIMEOUT_SECONDS; a provider whose circuit
breaker is open is not called at all. See triage/README.md.
"""

import dataclasses
import logging
from collections.abc import Sequence

from django.conf import settings

from . import breaker
from .cache import cache_suggestion, cached_suggestion, claim, release, suggestion_cache_key
from .calls import GRACE_SECONDS, CallsSaturated, call_with_deadline, run_in_background
from .corrections import LabelledText, few_shot_candidates
from .labels import CATEGORIES, FALLBACK_CATEGORY, FALLBACK_PRIORITY, PRIORITIES
from .offline.features import language_of
from .prompts import similar_corrections
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


def _examples_for(*, title: str, description: str) -> list[LabelledText]:
    """Up to five of this deployment's corrections most like the ticket (few-shot)."""
    try:
        candidates = few_shot_candidates.get()
    except Exception:  # the examples are a bonus: never lose an answer for them
        logger.warning("Could not read the corrections for few-shot examples", exc_info=True)
        return []
    return similar_corrections(title=title, description=description, candidates=candidates)


def _remote_suggestion(
    provider: Provider,
    *,
    title: str,
    description: str,
    key: str,
    examples: Sequence[LabelledText] = (),
):
    """Call `provider` within the budget; cache and return its answer, None on failure."""
    try:
        suggestion = _checked(
            call_with_deadline(
                provider.classify,
                timeout=settings.LLM_TIMEOUT_SECONDS,
                title=title,
                description=description,
                examples=examples,
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


def _refresh_in_background(
    provider: Provider,
    *,
    title: str,
    description: str,
    key: str,
    examples: Sequence[LabelledText] = (),
):
    try:
        _remote_suggestion(
            provider, title=title, description=description, key=key, examples=examples
        )
    finally:
        release(key)


def suggestion_for(
    *, title: str, description: str, instant: bool = False, local_only: bool = False
) -> Suggestion:
    """The best suggestion we can give within the time budget; DEFAULT_SUGGESTION at worst.

    With `instant`, a remote provider's answer is only used when it is cached: else the
    local answer comes back at once, marked `pending`, while the remote call runs in the
    background and caches its answer for the next request. With `local_only` (anonymous
    callers) the configured LLM is never asked, so the open form is no free LLM proxy.
    `language` is always the detected language of the text, whichever provider answered.
    """
    if local_only:
        suggestion = _local_suggestion(title=title, description=description)
    else:
        suggestion = _suggestion_for(title=title, description=description, instant=instant)
    if suggestion.language is None:
        language = language_of(title, description)
        if language is not None:
            suggestion = dataclasses.replace(suggestion, language=language)
    return suggestion


def _suggestion_for(*, title: str, description: str, instant: bool) -> Suggestion:
    try:
        provider = build_provider()
    except Exception:
        logger.exception("Could not build the configured LLM provider")
        return _local_suggestion(title=title, description=description)
    if not provider.remote:
        return _local_suggestion(title=title, description=description)

    examples = _examples_for(title=title, description=description)
    key = suggestion_cache_key(
        provider=provider, title=title, description=description, examples=examples
    )
    cached = cached_suggestion(key)
    if cached is not None:
        return cached
    if breaker.is_open(provider):
        return _local_suggestion(title=title, description=description)

    if not instant:
        remote = _remote_suggestion(
            provider, title=title, description=description, key=key, examples=examples
        )
        return remote or _local_suggestion(title=title, description=description)

    local = _local_suggestion(title=title, description=description)
    # The claim lives a little longer than a call can, so a crashed worker cannot keep it.
    claim_seconds = settings.LLM_TIMEOUT_SECONDS + GRACE_SECONDS + 5
    claimed = claim(key, seconds=claim_seconds)
    if claimed is None:  # no shared cache: a background answer could not be kept
        return local
    if claimed:
        started = run_in_background(
            _refresh_in_background,
            provider=provider,
            title=title,
            description=description,
            key=key,
            examples=examples,
        )
        if not started:
            release(key)
            return local
    # Either this request started the call or another one is already making it.
    return dataclasses.replace(local, pending=True)
