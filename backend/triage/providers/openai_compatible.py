"""Any server that speaks OpenAI's chat completions: Ollama, vLLM, llama.cpp, LM Studio.

Many of them lack `json_schema` response formats, and they disagree about
`json_object` (LM Studio refuses it), so none is sent: the prompt asks for bare JSON
and the reply parser tolerates code fences, <think> blocks and a few words around the
object. Local models do accept `temperature`; 0 makes their answers repeatable.
"""

from collections.abc import Sequence

from ..corrections import LabelledText
from .openai import OpenAIProvider

MAX_TOKENS = 1024


class OpenAICompatibleProvider(OpenAIProvider):
    name = "openai-compatible"
    default_model = ""

    def request_body(
        self, *, title: str, description: str, examples: Sequence[LabelledText] = ()
    ) -> dict:
        return {
            "model": self.model,
            "messages": self.messages(title=title, description=description, examples=examples),
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
        }
