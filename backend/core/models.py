from django.contrib.postgres.fields import ArrayField
from django.db import models


class RateLimitLog(models.Model):
    """Recent hits of one rate-limit key, when Redis does not keep them (core/rate_limits.py)."""

    key = models.CharField(primary_key=True, max_length=200)
    # Unix times of the hits still inside the key's window.
    hits = ArrayField(models.FloatField())
    # When every hit has left the window; expired rows are deleted now and then.
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_rate_limit_log"

    def __str__(self) -> str:
        return self.key
