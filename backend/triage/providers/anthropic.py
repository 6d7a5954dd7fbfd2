"""Anthropic's Messages API, with structured outputs constraining the reply to a schema.

The reply schema goes in `output_config.format` (generally available, no beta
header). No `temperature`, `top_p` or `top_k` is sent: Claude Haiku 5.5 rejects
non-default sampling parameters. Content blocks are picked by type, since a reply may
start with a thinking block; a forced tool call (`tool_use` block) is read too, so a
gateway that maps structured outputs onto tools still works.
"""

from collections.abc import Sequence

from ..corrections import LabelledText
from ..prompts import RESPONSE_SCHEMA, SYSTEM_PROMPT, user_message
from ..replies import suggestion_from_reply, suggestion_from_text
from ..suggestion import Suggestion
from .base import ClassificationError
from .http import JsonApiProvider

DEFAULT_BASE_URL = "https://api.anthropic.com"
# Anthropic's current small model, "for classification, extraction and routing"
# (platform.claude.com, models/haiku-5-5/overview).
DEFAULT_MODEL = "claude-haiku-5-5"
API_VERSION = "2023-06-01"
# Thinking tokens count towards max_tokens; a classification needs far fewer.
MAX_TOKENS = 1024


def message_suggestion(answer: dict, *, provider: str) -> Suggestion:
    """The Suggestion in a Messages API answer; a refusal or no usable block is a failure."""
    if answer.get("type") != "message" or not isinstance(answer.get("content"), list):
        raise ClassificationError("The answer is not a message.")
    if answer.get("stop_reason") == "refusal":
        raise ClassificationError("The model refused to answer.")
    for block in answer["content"]:
        if not isinstance(block, dict):
            continue
        if block.get("type") == "tool_use" and isinstance(block.get("input"), dict):
            return suggestion_from_reply(block["input"], provider=provider)
        if block.get("type") == "text" and isinstance(block.get("text"), str):
            return suggestion_from_text(block["text"], provider=provider)
    raise ClassificationError("The message has no text or tool_use block.")


class AnthropicProvider(JsonApiProvider):
    name = "anthropic"
    default_base_url = DEFAULT_BASE_URL
    default_model = DEFAULT_MODEL
    path = "/v1/messages"

    def headers(self) -> dict:
        return {"x-api-key": self.api_key, "anthropic-version": API_VERSION}

    def request_body(
        self, *, title: str, description: str, examples: Sequence[LabelledText] = ()
    ) -> dict:
        return {
            "model": self.model,
            "max_tokens": MAX_TOKENS,
            "system": SYSTEM_PROMPT,
            "messages": [
                {
                    "role": "user",
                    "content": user_message(
                        title=title, description=description, examples=examples
                    ),
                }
            ],
            "output_config": {"format": {"type": "json_schema", "schema": RESPONSE_SCHEMA}},
        }

    def suggestion(self, answer: dict) -> Suggestion:
        return message_suggestion(answer, provider=self.name)
