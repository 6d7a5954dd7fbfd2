"""Turn what an LLM wrote into a Suggestion, or refuse it.

A reply is usable when it holds a JSON object whose `category` and `priority` are
allowed labels. Everything else (broken JSON, a missing or invented label, a refusal)
raises ClassificationError, so the caller falls back to the local model.
"""

import json
import math
import re

from .labels import CATEGORIES, PRIORITIES
from .providers.base import ClassificationError
from .suggestion import Suggestion

# Confidence of a valid reply that gives none (or an unusable one): "probably right",
# which lands in the medium band.
DEFAULT_LLM_CONFIDENCE = 0.7

_FENCE = re.compile(r"^```[a-zA-Z0-9_-]*\s*\n?(.*?)\n?```$", re.DOTALL)
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


def reply_object(text: str) -> dict:
    """The JSON object in a model's text: bare, in a code fence, or amid a few words."""
    cleaned = _THINKING.sub("", text).strip()
    fenced = _FENCE.match(cleaned)
    if fenced:
        cleaned = fenced.group(1).strip()
    try:
        value = json.loads(cleaned)
    except ValueError:
        # Some local models add a sentence around the object: take the outermost braces.
        start, end = cleaned.find("{"), cleaned.rfind("}")
        if start < 0 or end <= start:
            raise ClassificationError("The reply holds no JSON object.") from None
        try:
            value = json.loads(cleaned[start : end + 1])
        except ValueError as error:
            raise ClassificationError(f"The reply is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ClassificationError("The reply is JSON but not an object.")
    return value


def _label(reply: dict, field: str, allowed: tuple[str, ...]) -> str:
    value = reply.get(field)
    if not isinstance(value, str):
        raise ClassificationError(f"The reply has no {field}.")
    label = value.strip().lower()
    if label not in allowed:
        raise ClassificationError(f"The reply's {field} {value!r} is not an allowed value.")
    return label


def _confidence(value: object) -> float:
    """A confidence in [0, 1]; a percentage is scaled down; anything else is the default."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return DEFAULT_LLM_CONFIDENCE
    if 1 < value <= 100:
        value = value / 100
    if not 0 <= value <= 1:
        return DEFAULT_LLM_CONFIDENCE
    return round(float(value), 4)


def suggestion_from_reply(reply: dict, *, provider: str) -> Suggestion:
    """Validate a decoded reply; the one confidence it gives applies to both labels."""
    confidence = _confidence(reply.get("confidence"))
    return Suggestion(
        category=_label(reply, "category", CATEGORIES),
        priority=_label(reply, "priority", PRIORITIES),
        category_confidence=confidence,
        priority_confidence=confidence,
        provider=provider,
    )


def suggestion_from_text(text: str, *, provider: str) -> Suggestion:
    return suggestion_from_reply(reply_object(text), provider=provider)
