"""The activation gate: is a retrained classifier better than the active one?

Plain functions, no Django. ``compare`` answers both models on the corrections held back
from training and on the shipped curated examples (the guard); ``decide`` reads the figures:

* on the held-back corrections the candidate must be right at least as often as the active
  model (category and priority each count);
* it must answer some of them differently, and those changed answers must be right more
  often than wrong beyond doubt: the lower end of the 95% Wilson interval of their accuracy
  at least ``MIN_CHANGED_RIGHT``. Corrections that contradict each other produce a model
  whose changes are right about as often as wrong, and it is refused;
* on the guard it may lose at most ``GUARD_TOLERANCE`` of accuracy: a deployment may teach
  the model its own habits, not unlearn the shipped data wholesale.

Corrections are by definition tickets the active model got wrong, so "not worse on them"
alone would let almost any candidate through; the second rule is what refuses noise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .evaluation import wilson_interval

MIN_CHANGED_RIGHT = 0.5
GUARD_TOLERANCE = 0.02


class Labelled(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def priority(self) -> str: ...


Predict = Callable[[str, str], Any]  # (title, description) -> .category, .priority


def _answers(predict: Predict, items: Sequence[Labelled]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        p = predict(item.title, item.description)
        out.append((p.category, p.priority))
    return out


def compare(
    active: Predict, candidate: Predict, held_back: Sequence[Labelled], guard: Sequence[Labelled]
) -> dict:
    """Figures of both models on the held-back corrections and on the guard examples."""
    old, new = _answers(active, held_back), _answers(candidate, held_back)
    changed = changed_right = 0
    for item, before, after in zip(held_back, old, new, strict=True):
        for k, truth in enumerate((item.category, item.priority)):
            if before[k] != after[k]:
                changed += 1
                changed_right += after[k] == truth
    guard_old, guard_new = _answers(active, guard), _answers(candidate, guard)

    def right(answers: list[tuple[str, str]], items: Sequence[Labelled], k: int) -> int:
        return sum(a[k] == (i.category, i.priority)[k] for a, i in zip(answers, items, strict=True))

    def both(answers: list[tuple[str, str]], items: Sequence[Labelled]) -> int:
        return sum(a == (i.category, i.priority) for a, i in zip(answers, items, strict=True))

    n, g = len(held_back), len(guard)
    return {
        "held_back": n,
        "active_category_accuracy": right(old, held_back, 0) / n if n else None,
        "candidate_category_accuracy": right(new, held_back, 0) / n if n else None,
        "active_priority_accuracy": right(old, held_back, 1) / n if n else None,
        "candidate_priority_accuracy": right(new, held_back, 1) / n if n else None,
        "changed_answers": changed,
        "changed_answers_right": changed_right,
        "guard": g,
        "active_guard_accuracy": both(guard_old, guard) / g if g else None,
        "candidate_guard_accuracy": both(guard_new, guard) / g if g else None,
    }


def decide(metrics: dict) -> tuple[bool, str]:
    """``(activate, one-sentence reason)`` for the figures of ``compare``."""
    if not metrics["held_back"]:
        return False, "No corrections were held back, so the new model cannot be measured."
    old = metrics["active_category_accuracy"] + metrics["active_priority_accuracy"]
    new = metrics["candidate_category_accuracy"] + metrics["candidate_priority_accuracy"]
    if new < old:
        return False, "The new model is worse than the active one on the held-back corrections."
    changed, right = metrics["changed_answers"], metrics["changed_answers_right"]
    if not changed:
        return False, "The new model answers the held-back corrections as the active one does."
    low, _ = wilson_interval(right, changed) or (0.0, 0.0)
    if low < MIN_CHANGED_RIGHT:
        return False, (
            f"Only {right} of the {changed} answers the new model changes on the held-back "
            "corrections are right: the corrections disagree with each other or are too few."
        )
    guard_old, guard_new = metrics["active_guard_accuracy"], metrics["candidate_guard_accuracy"]
    if guard_old is not None and guard_new is not None and guard_new < guard_old - GUARD_TOLERANCE:
        return False, "The new model unlearns too much of the shipped training examples."
    return True, (
        f"Better on the held-back corrections ({right} of {changed} changed answers right)."
    )
