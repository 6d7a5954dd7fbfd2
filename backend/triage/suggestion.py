from dataclasses import dataclass

# The band of a suggestion comes from the lower of its two confidences.
HIGH_CONFIDENCE = 0.75
MEDIUM_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Suggestion:
    category: str
    priority: str
    category_confidence: float
    priority_confidence: float
    provider: str
    # Instant mode: a better answer (the remote provider's) is being computed; ask again.
    pending: bool = False
    # ISO 639-1 code of the ticket's language, None when it cannot be told.
    language: str | None = None

    @property
    def confidence_band(self) -> str:
        lowest = min(self.category_confidence, self.priority_confidence)
        if lowest >= HIGH_CONFIDENCE:
            return "high"
        if lowest >= MEDIUM_CONFIDENCE:
            return "medium"
        return "low"
