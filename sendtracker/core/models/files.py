"""Files kept in PostgreSQL (core.storage.DatabaseStorage), so that every app server reads them."""

from django.db import models
from django.utils import timezone


class StoredFile(models.Model):
    """One stored file: a generated pack or an uploaded determination letter.

    Kept in the database rather than on an app server's disk so that any server can
    serve a file another made, and so that one backup holds the records and their
    files together. Files are small (packs a few MB, letters at most 10 MB).
    """

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.size} bytes)"
