"""Rebuild the offline classifier's artifact (``triage/offline/model.json.gz``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triage.offline import train


class Command(BaseCommand):
    help = (
        "Train the offline ticket classifier from the public data sets in --data DIR "
        "(bitext-customer-support/train.jsonl, it-service-tickets/train.jsonl) plus the "
        "curated examples in triage/offline/examples/, and write the artifact."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", required=True, help="folder holding the public data sets' folders"
        )
        parser.add_argument(
            "--out", default=str(train.ARTIFACT_PATH), help="artifact path (default: shipped)"
        )
        parser.add_argument(
            "--examples", default=str(train.EXAMPLES_DIR), help="curated examples folder"
        )

    def handle(self, *args, **options):
        data = Path(options["data"])
        if not data.is_dir():
            raise CommandError(f"--data {data} is not a folder")
        missing = [
            name
            for name in ("bitext-customer-support", "it-service-tickets")
            if not (data / name / "train.jsonl").exists()
        ]
        if missing:
            self.stderr.write(f"warning: no train.jsonl for {', '.join(missing)} under {data}")
        summary = train.train(
            data,
            out_path=options["out"],
            examples_dir=options["examples"],
            progress=lambda msg: self.stdout.write(msg),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"wrote {options['out']}: {summary['bytes']} bytes, sha256 {summary['sha256']}"
            )
        )
        self.stdout.write(f"examples by source: {summary['sources']}")
        self.stdout.write(
            f"features: category {summary['category_features']}, "
            f"priority {summary['priority_features']}; temperatures {summary['temperatures']}"
        )
