"""Measure a ticket classifier on a labelled JSONL file."""

import inspect
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from triage import evaluation


def _classifier(provider: str):
    """A ``classify(title, description)`` callable for the named provider."""
    if provider == "local":
        from triage.offline import predict

        return predict
    # Imported here so this command works in trees where the registry is not built yet.
    from triage.registry import build_provider

    instance = build_provider(provider)
    takes_timeout = "timeout" in inspect.signature(instance.classify).parameters

    def classify(title, description):
        if takes_timeout:
            return instance.classify(title=title, description=description, timeout=30.0)
        return instance.classify(title=title, description=description)

    return classify


class Command(BaseCommand):
    help = (
        "Evaluate a classifier on a JSONL file of tickets (title/description or subject/body, "
        "labels category and priority, priority may be null): accuracy, macro-F1, confusion "
        "matrices, priority within one level, critical recall and latency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", required=True, help="labelled JSONL file")
        parser.add_argument(
            "--provider", default="local", help="'local' (offline model, default) or a name"
        )
        parser.add_argument("--limit", type=int, default=0, help="only the first N rows")

    def handle(self, *args, **options):
        path = Path(options["data"])
        if not path.is_file():
            raise CommandError(f"--data {path} is not a file")
        rows = evaluation.load_labelled(path)
        if options["limit"]:
            rows = rows[: options["limit"]]
        classify = _classifier(options["provider"])
        report = evaluation.evaluate(
            rows, classify, progress=lambda it: tqdm(it, total=len(rows), desc="classifying")
        )
        self.stdout.write(f"data: {path}   provider: {options['provider']}")
        self.stdout.write(evaluation.format_report(report))
