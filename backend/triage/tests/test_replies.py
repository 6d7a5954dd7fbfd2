"""Parsing of what a model wrote."""

import pytest

from triage.providers.base import ClassificationError
from triage.replies import DEFAULT_LLM_CONFIDENCE, suggestion_from_text


@pytest.mark.parametrize(
    "text",
    [
        '{"category": "billing", "priority": "high", "confidence": 0.8, "reason": "x"}',
        '```json\n{"category": "billing", "priority": "high", "confidence": 0.8}\n```',
        '```\n{"category": "billing", "priority": "high", "confidence": 0.8}\n```',
        'Here you go: {"category": "billing", "priority": "high", "confidence": 0.8} Done.',
        '<think>Charged twice, so billing.</think>\n{"category": "Billing", "priority": "HIGH",'
        ' "confidence": 0.8}',
        '{"category": "billing", "priority": "high", "confidence": 80}',
    ],
)
def test_usable_replies(text):
    suggestion = suggestion_from_text(text, provider="openai")

    assert (suggestion.category, suggestion.priority) == ("billing", "high")
    assert suggestion.category_confidence == suggestion.priority_confidence == 0.8
    assert suggestion.provider == "openai"


@pytest.mark.parametrize(
    "confidence", ["0.9", None, True, -0.5, 250, float("nan"), [0.9]], ids=repr
)
def test_unusable_confidence_takes_the_default(confidence):
    text = '{"category": "general", "priority": "low", "confidence": %s}' % (
        "NaN" if confidence != confidence else __import__("json").dumps(confidence)
    )

    suggestion = suggestion_from_text(text, provider="anthropic")

    assert suggestion.category_confidence == DEFAULT_LLM_CONFIDENCE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "billing, high",
        '{"category": "billing", "priority": "high"',
        '{"category": "refunds", "priority": "high"}',
        '{"category": "billing", "priority": "p1"}',
        '{"category": "billing"}',
        '{"category": ["billing"], "priority": "high"}',
        '"billing"',
        "[]",
    ],
)
def test_unusable_replies_raise(text):
    with pytest.raises(ClassificationError):
        suggestion_from_text(text, provider="openai")
