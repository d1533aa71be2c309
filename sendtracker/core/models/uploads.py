"""Files uploaded for an import, kept between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportUpload(models.Model):
    """The file a preview shows (core.imports.PreviewStore): read again to show the
    preview and to save it, so that neither the session nor memory holds its rows.

    Bounded by the import's size limit; deleted when its preview is used, discarded or
    replaced, and any older than a preview's lifetime whenever a new one is kept.
    """

    kind = models.CharField(max_length=50)
    target = models.CharField(max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    digest = models.CharField(max_length=64, help_text="SHA-256 of the data, in hex.")
    options = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.filename} ({self.kind} {self.target})"
