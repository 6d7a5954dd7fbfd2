import contextlib

import pytest
from django.core.cache import cache

from triage.registry import reset_providers

from .fakes import FakeLLMServer


@pytest.fixture(autouse=True)
def triage_state(settings):
    """A private in-memory cache and freshly built providers for every test."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "triage-tests",
        }
    }
    settings.LLM_TIMEOUT_SECONDS = 2.0
    settings.LLM_CIRCUIT_FAILURES = 3
    settings.LLM_CIRCUIT_COOLDOWN_SECONDS = 1.0
    cache.clear()
    reset_providers()
    yield
    reset_providers()
    with contextlib.suppress(Exception):  # a test may have pointed the cache at a dead server
        cache.clear()


def _serve(wire):
    server = FakeLLMServer(wire).start()
    yield server
    server.stop()


@pytest.fixture
def openai_server(settings):
    """LLM_PROVIDER=openai, pointed at a stand-in server."""
    for server in _serve("openai"):
        settings.LLM_PROVIDER = "openai"
        settings.LLM_API_KEY = "sk-test-key"
        settings.LLM_MODEL = ""
        settings.LLM_BASE_URL = f"{server.url}/v1"
        yield server


@pytest.fixture
def anthropic_server(settings):
    """LLM_PROVIDER=anthropic, pointed at a stand-in server."""
    for server in _serve("anthropic"):
        settings.LLM_PROVIDER = "anthropic"
        settings.LLM_API_KEY = "sk-ant-test-key"
        settings.LLM_MODEL = ""
        settings.LLM_BASE_URL = server.url
        yield server


@pytest.fixture
def compatible_server(settings):
    """LLM_PROVIDER=openai-compatible (as for Ollama), pointed at a stand-in server."""
    for server in _serve("openai"):
        settings.LLM_PROVIDER = "openai-compatible"
        settings.LLM_API_KEY = ""
        settings.LLM_MODEL = "llama3.2"
        settings.LLM_BASE_URL = f"{server.url}/v1"
        yield server
