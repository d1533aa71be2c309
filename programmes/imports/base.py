"""What every programmes import shares besides core's comparison types: the fingerprint."""

import hashlib

from sendtracker.core.models import Council


def programmes_fingerprint(council, target: str) -> str:
    """What a preview depends on: every write to the council's programmes raises its
    programmes_version (core.writes), so a preview of an older version is refused."""
    version = Council.objects.filter(pk=council.pk).values_list("programmes_version", flat=True)
    return hashlib.sha256(f"{target}:{version.first()}".encode()).hexdigest()
