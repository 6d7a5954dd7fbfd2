"""The LLM prompt learns too: the deployment's most similar corrections as examples."""

from triage.corrections import LabelledText
from triage.prompts import similar_corrections, user_message

CANDIDATES = [
    LabelledText(
        "Zorblat licence renewal", "Our zorblat licence renewal failed.", "billing", "high"
    ),
    LabelledText("Dark mode", "Please add a dark mode to the editor.", "general", "low"),
    LabelledText(
        "Zorblat seats", "How many zorblat seats does our licence include?", "billing", "low"
    ),
    LabelledText("Printer", "The label printer stays offline.", "technical", "medium"),
]


def test_the_most_similar_corrections_come_first_and_unrelated_ones_never():
    chosen = similar_corrections(
        title="Zorblat licence",
        description="The zorblat licence renewal page says failed.",
        candidates=CANDIDATES,
    )

    assert [c.title for c in chosen] == ["Zorblat licence renewal", "Zorblat seats"]


def test_at_most_five_examples_within_the_token_budget():
    many = [
        LabelledText(f"Zorblat {i}", "zorblat licence " + "word " * 40, "billing", "low")
        for i in range(20)
    ]

    assert len(similar_corrections(title="zorblat", description="licence", candidates=many)) == 5
    small = similar_corrections(
        title="zorblat", description="licence", candidates=many, token_budget=120
    )
    assert 1 <= len(small) < 5
    assert sum(len(c.title) + len(c.description) for c in small) // 4 <= 120


def test_no_examples_for_an_empty_ticket_or_no_candidates():
    assert similar_corrections(title="", description="", candidates=CANDIDATES) == []
    assert similar_corrections(title="Zorblat", description="x", candidates=[]) == []


def test_examples_are_fenced_and_labelled_before_the_ticket():
    message = user_message(
        title="Zorblat licence", description="Renewal failed.", examples=CANDIDATES[:1]
    )

    assert message.index("<example>") < message.index("<title>")
    assert '"category": "billing", "priority": "high"' in message
    assert "Our zorblat licence renewal failed." in message


def test_without_examples_the_message_is_the_ticket_alone():
    message = user_message(title="Hi", description="Where is my parcel?")

    assert "<example>" not in message
    assert message.startswith("Classify this support ticket.")
