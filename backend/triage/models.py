from django.db import models
from django.db.models import Q


class ClassifierVersion(models.Model):
    """One retraining of the offline classifier on this deployment's corrections.

    ``artifact`` holds the learned adjustment (gzip JSON, see ``offline/adapt.py``) that is
    applied on top of the shipped model whose SHA-256 is ``base_sha256``. Every retrain is
    kept, activated or not, with its held-back metrics and the gate's ``decision``; at most
    one version is active. No active version means the shipped model answers.
    """

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField()
    examples = models.PositiveIntegerField(help_text="Shipped curated examples trained on.")
    corrections = models.PositiveIntegerField(help_text="Corrections trained on.")
    held_back = models.PositiveIntegerField(help_text="Corrections held back for the gate.")
    metrics = models.JSONField(default=dict)
    decision = models.TextField()
    base_sha256 = models.CharField(max_length=64)
    artifact = models.BinaryField()
    active = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_classifier"
            )
        ]

    def __str__(self) -> str:
        return f"classifier v{self.version}{' (active)' if self.active else ''}"
