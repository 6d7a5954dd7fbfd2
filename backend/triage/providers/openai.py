"""OpenAI's Chat Completions API, with a strict JSON Schema for the reply.

No sampling parameters are sent: current reasoning models (GPT-5 family) reject a
non-default `temperature`, and GPT-5.1 and later already default to no reasoning,
which is what a quick classification wants. `max_completion_tokens` (not the older
`max_tokens`, which reasoning models refuse) bounds the cost of a runaway answer.
"""

from collections.abc import Sequence

from ..corrections import LabelledText
from ..prompts import RESPONSE_SCHEMA, RESPONSE_SCHEMA_NAME, SYSTEM_PROMPT, user_message
from ..replies import suggestion_from_text
from ..suggestion import Suggestion
from .base import ClassificationError
from .http import JsonApiProvider

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# OpenAI's small, low-latency model (developers.openai.com, "Reasoning models" guide).
DEFAULT_MODEL = "gpt-5.4-mini"
MAX_COMPLETION_TOKENS = 1024


def chat_completion_text(answer: dict) -> str:
    """The assistant's text in a chat completion; a refusal or no text is a failure."""
    try:
        message = answer["choices"][0]["message"]
    except (KeyError, IndexError, TypeError):
        raise ClassificationError("The answer is not a chat completion.") from None
    if not isinstance(message, dict):
        raise ClassificationError("The answer is not a chat completion.")
    if message.get("refusal"):
        raise ClassificationError(f"The model refused: {message['refusal']!r}")
    content = message.get("content")
    if isinstance(content, list):  # some servers answer with content parts
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    if not isinstance(content, str) or not content.strip():
        raise ClassificationError("The chat completion has no text.")
    return content


class OpenAIProvider(JsonApiProvider):
    name = "openai"
    default_base_url = DEFAULT_BASE_URL
    default_model = DEFAULT_MODEL
    path = "/chat/completions"

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def messages(
        self, *, title: str, description: str, examples: Sequence[LabelledText] = ()
    ) -> list[dict]:
        return [
            {"role": "system", "content": SYSTEM_PROMPT},
            {
                "role": "user",
                "content": user_message(title=title, description=description, examples=examples),
            },
        ]

    def request_body(
        self, *, title: str, description: str, examples: Sequence[LabelledText] = ()
    ) -> dict:
        return {
            "model": self.model,
            "messages": self.messages(title=title, description=description, examples=examples),
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": RESPONSE_SCHEMA_NAME,
                    "strict": True,
                    "schema": RESPONSE_SCHEMA,
                },
            },
            "max_completion_tokens": MAX_COMPLETION_TOKENS,
        }

    def suggestion(self, answer: dict) -> Suggestion:
        return suggestion_from_text(chat_completion_text(answer), provider=self.name)
