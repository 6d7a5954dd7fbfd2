"""The labels a classifier may answer with. They mirror tickets.models' choices."""

CATEGORIES = ("billing", "technical", "account", "general")
PRIORITIES = ("low", "medium", "high", "critical")

FALLBACK_CATEGORY = "general"
FALLBACK_PRIORITY = "medium"
