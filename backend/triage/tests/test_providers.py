"""Each remote provider's answer is used, and what it sends matches the vendor's API."""

import pytest

from triage.prompts import RESPONSE_SCHEMA, SYSTEM_PROMPT

from .fakes import anthropic_blocks, classify, good, labels_only, text

pytestmark = pytest.mark.django_db


def test_openai_answer_is_used(api_client, openai_server):
    openai_server.script(good("billing", "high", confidence=0.92))

    response = classify(api_client)

    assert response.status_code == 200
    assert response.json() == {
        "suggested_category": "billing",
        "suggested_priority": "high",
        "category_confidence": 0.92,
        "priority_confidence": 0.92,
        "confidence_band": "high",
        "provider": "openai",
        "pending": False,
    }


def test_openai_request_has_model_key_schema_and_no_sampling_parameters(api_client, openai_server):
    classify(api_client, title="Refund", description="Please refund my last invoice.")

    [request] = openai_server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test-key"
    body = request.body
    assert body["model"] == "gpt-5.4-mini"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["response_format"]["json_schema"]["schema"] == RESPONSE_SCHEMA
    assert {"temperature", "top_p", "max_tokens"}.isdisjoint(body)
    assert body["messages"][0] == {"role": "system", "content": SYSTEM_PROMPT}
    assert "Please refund my last invoice." in body["messages"][1]["content"]


def test_configured_model_is_sent(api_client, openai_server, settings):
    settings.LLM_MODEL = "gpt-5.4-nano"

    classify(api_client)

    assert openai_server.requests[0].body["model"] == "gpt-5.4-nano"


def test_anthropic_answer_is_used(api_client, anthropic_server):
    anthropic_server.script(good("technical", "critical", confidence=0.8))

    body = classify(api_client).json()

    assert (body["suggested_category"], body["suggested_priority"]) == ("technical", "critical")
    assert body["provider"] == "anthropic"
    assert body["category_confidence"] == 0.8


def test_anthropic_request_has_key_version_schema_and_no_sampling_parameters(
    api_client, anthropic_server
):
    classify(api_client)

    [request] = anthropic_server.requests
    assert request.path == "/v1/messages"
    assert request.headers["x-api-key"] == "sk-ant-test-key"
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in request.headers
    body = request.body
    assert body["model"] == "claude-haiku-5-5"
    assert body["system"] == SYSTEM_PROMPT
    assert body["output_config"]["format"] == {"type": "json_schema", "schema": RESPONSE_SCHEMA}
    assert body["max_tokens"] > 0
    assert {"temperature", "top_p", "top_k"}.isdisjoint(body)
    assert body["messages"][-1]["role"] == "user"


def test_anthropic_text_after_a_thinking_block_is_used(api_client, anthropic_server):
    anthropic_server.script(
        anthropic_blocks(
            [
                {"type": "thinking", "thinking": "", "signature": "abc"},
                {"type": "text", "text": '{"category": "account", "priority": "high"}'},
            ]
        )
    )

    body = classify(api_client).json()

    assert (body["suggested_category"], body["provider"]) == ("account", "anthropic")


def test_anthropic_tool_use_block_is_used(api_client, anthropic_server):
    anthropic_server.script(
        anthropic_blocks(
            [
                {
                    "type": "tool_use",
                    "id": "toolu_1",
                    "name": "ticket_triage",
                    "input": {"category": "general", "priority": "low", "confidence": 0.6},
                }
            ],
            stop_reason="tool_use",
        )
    )

    body = classify(api_client).json()

    assert (body["suggested_category"], body["suggested_priority"]) == ("general", "low")
    assert body["provider"] == "anthropic"


def test_anthropic_refusal_falls_back_to_local(api_client, anthropic_server):
    anthropic_server.script(anthropic_blocks([], stop_reason="refusal"))

    assert classify(api_client).json()["provider"] == "local"


def test_compatible_server_gets_plain_chat_completion(api_client, compatible_server):
    classify(api_client)

    [request] = compatible_server.requests
    assert request.path == "/v1/chat/completions"
    assert "authorization" not in request.headers
    assert request.body["model"] == "llama3.2"
    assert "response_format" not in request.body


def test_compatible_answer_in_code_fence_is_used(api_client, compatible_server):
    compatible_server.script(
        text('Sure!\n```json\n{"category": "technical", "priority": "medium"}\n```')
    )

    body = classify(api_client).json()

    assert (body["suggested_category"], body["suggested_priority"]) == ("technical", "medium")
    assert body["provider"] == "openai-compatible"


def test_reply_with_only_labels_gets_the_documented_confidence(api_client, openai_server):
    openai_server.script(labels_only("account", "low"))

    body = classify(api_client).json()

    assert (body["suggested_category"], body["suggested_priority"]) == ("account", "low")
    assert body["category_confidence"] == body["priority_confidence"] == 0.7
    assert body["confidence_band"] == "medium"
    assert body["provider"] == "openai"
