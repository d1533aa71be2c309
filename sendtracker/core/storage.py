from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ModuleAwareManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files whose ES module imports get hashed names too."""

    support_js_module_import_aggregation = True


@deconstructible(path="sendtracker.core.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files in the database (core.StoredFile): generated packs and uploaded letters.

    Every app server reads the same database, so a pack made by one server's worker is
    downloaded through any other, and a database backup holds the files with their
    records. Files are read whole into memory: packs are a few MB, letters at most 10 MB.
    """

    def _rows(self):
        from sendtracker.core.models import StoredFile

        return StoredFile.objects

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Stored files are written with save(), not opened for writing.")
        content = self._rows().filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(f"No stored file {name!r}")
        return ContentFile(bytes(content), name=name)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        if isinstance(data, str):
            data = data.encode()
        # Another server may take the same name between get_available_name and here.
        for _ in range(5):
            try:
                with transaction.atomic():
                    self._rows().create(name=name, content=data, size=len(data))
                return name
            except IntegrityError:
                name = self.get_available_name(name)
        raise FileExistsError(f"Could not store {name!r}: the name is taken")

    def delete(self, name):
        if name:
            self._rows().filter(name=name).delete()

    def exists(self, name):
        return self._rows().filter(name=name).exists()

    def size(self, name):
        size = self._rows().filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(f"No stored file {name!r}")
        return size

    def listdir(self, path):
        prefix = path.rstrip("/") + "/" if path else ""
        directories, files = set(), []
        names = self._rows().filter(name__startswith=prefix).values_list("name", flat=True)
        for name in names:
            rest = name[len(prefix) :]
            if "/" in rest:
                directories.add(rest.split("/", 1)[0])
            else:
                files.append(rest)
        return sorted(directories), sorted(files)

    def get_created_time(self, name):
        created = self._rows().filter(name=name).values_list("created_at", flat=True).first()
        if created is None:
            raise FileNotFoundError(f"No stored file {name!r}")
        return created

    get_modified_time = get_created_time  # stored files are never changed in place

    def url(self, name):
        # As FileSystemStorage's: nothing serves MEDIA_URL; packs and letters are
        # served by their own views, which check who may read them.
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
