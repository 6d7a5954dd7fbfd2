"""Build the configured provider once per process (per configuration)."""

import logging
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .providers.anthropic import AnthropicProvider
from .providers.base import Provider
from .providers.local import LocalProvider
from .providers.openai import OpenAIProvider
from .providers.openai_compatible import OpenAICompatibleProvider

logger = logging.getLogger(__name__)

PROVIDER_NAMES = ("openai", "anthropic", "openai-compatible", "local")

_providers: dict[tuple, Provider] = {}
_lock = threading.Lock()


def _configuration(name: str | None) -> tuple:
    return (
        (name or settings.LLM_PROVIDER or "local").strip().lower(),
        settings.LLM_API_KEY,
        settings.LLM_MODEL,
        settings.LLM_BASE_URL,
    )


def _build(name: str, api_key: str, model: str, base_url: str) -> Provider:
    if name == "openai":
        if api_key:
            return OpenAIProvider(api_key=api_key, model=model, base_url=base_url)
        logger.warning("LLM_PROVIDER is openai but no API key is set; using local.")
    elif name == "anthropic":
        if api_key:
            return AnthropicProvider(api_key=api_key, model=model, base_url=base_url)
        logger.warning("LLM_PROVIDER is anthropic but no API key is set; using local.")
    elif name == "openai-compatible":
        if base_url and model:
            return OpenAICompatibleProvider(api_key=api_key, model=model, base_url=base_url)
        logger.warning(
            "LLM_PROVIDER is openai-compatible but LLM_BASE_URL and LLM_MODEL are not both "
            "set; using local."
        )
    elif name != "local":
        raise ImproperlyConfigured(
            f"Unknown LLM provider {name!r}; choose one of {', '.join(PROVIDER_NAMES)}."
        )
    return LocalProvider()


def build_provider(name: str | None = None) -> Provider:
    """The provider named `name` (default: settings.LLM_PROVIDER), built from the LLM_*
    settings and reused by every later call with the same configuration.

    A remote provider without what it needs (a key; a base URL and model for
    openai-compatible) logs a warning and is replaced by the local one. An unknown
    name raises ImproperlyConfigured.
    """
    configuration = _configuration(name)
    provider = _providers.get(configuration)
    if provider is None:
        # Building makes no network call, so holding the lock never stalls other requests.
        with _lock:
            provider = _providers.get(configuration)
            if provider is None:
                provider = _build(*configuration)
                _providers[configuration] = provider
    return provider


def reset_providers() -> None:
    """Forget every built provider (tests, or after the settings changed)."""
    with _lock:
        for provider in _providers.values():
            client = getattr(provider, "client", None)
            if client is not None:
                client.close()
        _providers.clear()
