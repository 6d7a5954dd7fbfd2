"""Environment of the test run, set before pytest-django reads the settings.

Tests never read a developer's .env, never call a real LLM vendor and never hit
rate limits unless a test asks for them.
"""

import os

os.environ["DJANGO_DOTENV"] = "off"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ["DJANGO_DEBUG"] = "false"
os.environ["LLM_PROVIDER"] = "local"
for name in ("LLM_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LLM_BASE_URL", "LLM_MODEL"):
    os.environ.pop(name, None)
os.environ.setdefault("RATE_LIMIT_CLASSIFY", "off")
os.environ.setdefault("RATE_LIMIT_CREATE", "off")
