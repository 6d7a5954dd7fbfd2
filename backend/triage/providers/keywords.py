"""A keyword classifier: the simplest in-process answer, and the last one before the default."""

import re
from collections.abc import Sequence

from ..corrections import LabelledText
from ..labels import FALLBACK_CATEGORY, FALLBACK_PRIORITY
from ..suggestion import Suggestion
from .base import Provider

CATEGORY_WORDS = {
    "billing": ("bill", "invoice", "charge", "refund", "payment", "subscription", "price"),
    "technical": ("error", "bug", "crash", "down", "outage", "slow", "broken", "api"),
    "account": ("login", "log in", "password", "account", "sign in", "2fa", "username"),
}
PRIORITY_WORDS = {
    "critical": ("outage", "data loss", "security", "breach", "hacked", "all users", "down"),
    "high": ("urgent", "asap", "cannot", "can't", "blocked", "charged twice"),
    "low": ("question", "feedback", "suggestion", "typo", "how do i", "feature request"),
}


def _best(text: str, table: dict[str, tuple[str, ...]]) -> tuple[str | None, int]:
    scores = {
        label: sum(len(re.findall(rf"\b{re.escape(word)}", text)) for word in words)
        for label, words in table.items()
    }
    label, score = max(scores.items(), key=lambda item: item[1])
    return (label, score) if score else (None, 0)


class KeywordProvider(Provider):
    name = "local"

    def classify(
        self,
        *,
        title: str,
        description: str,
        timeout: float,
        examples: Sequence[LabelledText] = (),
    ) -> Suggestion:
        text = f"{title}\n{description}".lower()
        category, category_hits = _best(text, CATEGORY_WORDS)
        priority, priority_hits = _best(text, PRIORITY_WORDS)
        return Suggestion(
            category=category or FALLBACK_CATEGORY,
            priority=priority or FALLBACK_PRIORITY,
            category_confidence=min(0.9, 0.4 + 0.15 * category_hits),
            priority_confidence=min(0.9, 0.4 + 0.15 * priority_hits),
            provider=self.name,
        )
