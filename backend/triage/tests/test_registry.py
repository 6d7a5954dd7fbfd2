"""build_provider: the provider named by the settings, built once."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from triage.providers.anthropic import AnthropicProvider
from triage.providers.local import LocalProvider
from triage.providers.openai import OpenAIProvider
from triage.providers.openai_compatible import OpenAICompatibleProvider
from triage.registry import build_provider

OLLAMA = "http://localhost:11434/v1"


def test_provider_is_built_once(settings):
    settings.LLM_PROVIDER = "openai"
    settings.LLM_API_KEY = "sk-test"

    assert build_provider() is build_provider()
    assert isinstance(build_provider(), OpenAIProvider)


@pytest.mark.parametrize(
    ("name", "api_key", "base_url", "model", "expected"),
    [
        ("openai", "key", "", "", OpenAIProvider),
        ("anthropic", "key", "", "", AnthropicProvider),
        ("openai-compatible", "", OLLAMA, "llama3.2", OpenAICompatibleProvider),
        ("openai-compatible", "", OLLAMA, "", LocalProvider),
        ("openai-compatible", "", "", "llama3.2", LocalProvider),
        ("openai", "", "", "", LocalProvider),
        ("anthropic", "", "", "", LocalProvider),
        ("local", "key", "", "", LocalProvider),
    ],
)
def test_provider_follows_the_settings(settings, name, api_key, base_url, model, expected):
    settings.LLM_API_KEY = api_key
    settings.LLM_BASE_URL = base_url
    settings.LLM_MODEL = model

    assert type(build_provider(name)) is expected


def test_name_overrides_the_setting(settings):
    settings.LLM_PROVIDER = "local"
    settings.LLM_API_KEY = "key"

    assert build_provider("anthropic").name == "anthropic"
    assert build_provider().name == "local"


def test_default_models_and_urls(settings):
    settings.LLM_API_KEY = "key"
    settings.LLM_BASE_URL = ""
    settings.LLM_MODEL = ""

    openai, anthropic = build_provider("openai"), build_provider("anthropic")

    assert (openai.model, openai.url) == (
        "gpt-5.4-mini",
        "https://api.openai.com/v1/chat/completions",
    )
    assert (anthropic.model, anthropic.url) == (
        "claude-haiku-5-5",
        "https://api.anthropic.com/v1/messages",
    )


def test_unknown_name_is_refused():
    with pytest.raises(ImproperlyConfigured):
        build_provider("gemini")
