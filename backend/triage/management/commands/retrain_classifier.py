"""Retrain the offline classifier on this deployment's corrections (activated only if better)."""

from django.core.management.base import BaseCommand

from triage.retrain import classifier_retrain


class Command(BaseCommand):
    help = (
        "Fit a new offline classifier version from the shipped training data plus the "
        "corrections agents made to AI suggestions, compare it with the active version on "
        "held-back corrections, store it, and activate it only when it is better."
    )

    def handle(self, *args, **options):
        result = classifier_retrain()
        if result.version is None:
            self.stdout.write(result.decision)
            return
        v = result.version
        m = v.metrics
        self.stdout.write(
            f"v{v.version}: {v.corrections} corrections learned, {v.held_back} held back; "
            f"held-back category accuracy {m['active_category_accuracy']:.2f} -> "
            f"{m['candidate_category_accuracy']:.2f}, priority "
            f"{m['active_priority_accuracy']:.2f} -> {m['candidate_priority_accuracy']:.2f}"
        )
        style = self.style.SUCCESS if result.activated else self.style.WARNING
        self.stdout.write(
            style(
                ("activated: " if result.activated else "kept the active model: ") + result.decision
            )
        )
