"""The offline classifier: deterministic training, robust prediction, obvious tickets right.

These tests need neither the database nor the public data sets.
"""

import json
from pathlib import Path

import pytest

from triage.offline import OfflinePrediction, predict
from triage.offline import train as offline_train
from triage.offline.model import predict_with

CATEGORIES = {"billing", "technical", "account", "general"}
PRIORITIES = {"low", "medium", "high", "critical"}
DEVSET = Path(__file__).resolve().parents[3] / "bench" / "data" / "triage_devset.jsonl"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def tiny_data(tmp_path):
    """A miniature copy of the training inputs: both public sets and curated examples."""
    bitext = [
        {
            "subject": "",
            "body": f"i need a refund for order {i}",
            "category": "billing",
            "priority": None,
            "source_labels": {"intent": "get_refund"},
        }
        for i in range(4)
    ] + [
        {
            "subject": "",
            "body": f"help me recover my password {i}",
            "category": "account",
            "priority": None,
            "source_labels": {"intent": "recover_password"},
        }
        for i in range(4)
    ]
    it_tickets = [
        {
            "subject": "",
            "body": f"laptop screen broken replace {i}",
            "category": "technical",
            "priority": None,
        }
        for i in range(4)
    ]
    curated = [
        {
            "title": "Charged twice",
            "description": "You billed my card twice this month.",
            "category": "billing",
            "priority": "high",
        },
        {
            "title": "Site down",
            "description": "The whole site is down for all users.",
            "category": "technical",
            "priority": "critical",
        },
        {
            "title": "Reset password",
            "description": "The password reset email never arrives.",
            "category": "account",
            "priority": "medium",
        },
        {
            "title": "Feature idea",
            "description": "It would be nice to have a dark theme.",
            "category": "general",
            "priority": "low",
        },
    ] * 2
    _write_jsonl(tmp_path / "data" / "bitext-customer-support" / "train.jsonl", bitext)
    _write_jsonl(tmp_path / "data" / "it-service-tickets" / "train.jsonl", it_tickets)
    _write_jsonl(tmp_path / "examples" / "curated.jsonl", curated)
    return tmp_path


def test_training_is_deterministic(tiny_data):
    # given two trainings on the same inputs
    hyper = offline_train.Hyper(epochs=3)
    outputs = []
    for name in ("first.json.gz", "second.json.gz"):
        out = tiny_data / name
        offline_train.train(
            tiny_data / "data", out_path=out, examples_dir=tiny_data / "examples", hyper=hyper
        )
        outputs.append(out.read_bytes())
    # then the artifacts are byte-identical
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100


def test_trained_artifact_predicts_its_own_labels(tiny_data):
    examples = offline_train.load_curated(tiny_data / "examples") + offline_train.load_public(
        tiny_data / "data"
    )
    artifact = offline_train.build_artifact(examples, offline_train.Hyper(epochs=5))

    result = predict_with(artifact, "Charged twice", "You billed my card twice this month.")

    assert result.category == "billing"


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("", ""),
        ("", "   \n\t "),
        ("Hello", ""),
        ("", "x" * 200_000),
        ("Ünïcödé 🚀", "Заказ не пришёл 注文が届かない \u200b\u202e"),
        ("\x00\x01\x02", "control \x1b[31m characters \x7f"),
        ("!!!???", "... --- ***"),
        ("<script>alert(1)</script>", "{'json': [1, 2, 3]} \\n\\n <br> SELECT * FROM users;"),
        ("a" * 5000, "word " * 20_000),
    ],
)
def test_predict_never_raises_and_answers_valid_labels(title, description):
    result = predict(title, description)

    assert isinstance(result, OfflinePrediction)
    assert result.category in CATEGORIES
    assert result.priority in PRIORITIES
    assert 0.0 <= result.category_confidence <= 1.0
    assert 0.0 <= result.priority_confidence <= 1.0


def test_empty_ticket_falls_back_to_general_medium_with_low_confidence():
    result = predict("", "")

    assert (result.category, result.priority) == ("general", "medium")
    assert result.category_confidence <= 0.3
    assert result.priority_confidence <= 0.3


def test_prediction_is_a_frozen_dataclass():
    result = predict("Refund", "Please refund my last payment")

    with pytest.raises(AttributeError):
        result.category = "technical"


@pytest.mark.parametrize(
    ("title", "description", "category", "priorities"),
    [
        (
            "Charged twice",
            "I was charged twice for my subscription this month.",
            "billing",
            {"high", "critical"},
        ),
        (
            "Outage",
            "Our entire site is down for all our users, production outage.",
            "technical",
            {"critical"},
        ),
        (
            "Can't log in",
            "I forgot my password and the reset email never arrives.",
            "account",
            {"medium", "high"},
        ),
        (
            "Account hacked",
            "My account was hacked and someone changed my email address.",
            "account",
            {"critical"},
        ),
        (
            "Feature request",
            "It would be nice to have a dark mode. Just a suggestion!",
            "general",
            {"low"},
        ),
        (
            "Where is my parcel?",
            "My order has not been delivered yet, tracking shows nothing.",
            "general",
            {"low", "medium"},
        ),
        (
            "Invoice copy",
            "Could you send me a copy of last month's invoice?",
            "billing",
            {"low", "medium"},
        ),
        (
            "App crashes",
            "The mobile app crashes every time I open the settings screen.",
            "technical",
            {"medium", "high"},
        ),
    ],
)
def test_unmistakable_tickets(title, description, category, priorities):
    result = predict(title, description)

    assert result.category == category
    assert result.priority in priorities


def test_devset_exists_and_covers_every_label():
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line]

    assert len(rows) >= 300
    assert {r["category"] for r in rows} == CATEGORIES
    assert {r["priority"] for r in rows} == PRIORITIES
    assert all(r["title"] is not None and r["description"] for r in rows)
    assert sum(r["priority"] == "critical" for r in rows) >= 25


def test_devset_is_kept_apart_from_the_curated_training_examples():
    dev = {
        (r["title"], r["description"])
        for r in map(json.loads, DEVSET.read_text(encoding="utf-8").splitlines())
    }
    curated = {(ex.title, ex.description) for ex in offline_train.load_curated()}

    assert not dev & curated
    assert not {d for _, d in dev} & {d for _, d in curated}


def test_evaluation_metrics_on_a_known_answer_sheet():
    from types import SimpleNamespace

    from triage import evaluation

    rows = [
        evaluation.LabelledTicket("a", "a", "billing", "critical"),
        evaluation.LabelledTicket("b", "b", "technical", "low"),
        evaluation.LabelledTicket("c", "c", "account", None),
        evaluation.LabelledTicket("d", "d", "general", "high"),
    ]
    answers = {
        "a": ("billing", "high"),
        "b": ("technical", "low"),
        "c": ("general", "medium"),
        "d": ("general", "low"),
    }

    report = evaluation.evaluate(
        rows,
        lambda title, _: SimpleNamespace(category=answers[title][0], priority=answers[title][1]),
    )

    assert report.category_accuracy == 0.75
    assert report.n_priority == 3
    assert report.priority_accuracy == pytest.approx(1 / 3)
    assert report.priority_within_one == pytest.approx(2 / 3)
    assert report.critical_recall == 0.0
    assert report.category_confusion["account"]["general"] == 1
    assert report.errors == 0
