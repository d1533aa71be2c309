from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import models


class Command(BaseCommand):
    help = (
        "Copy the files of every file field (generated packs, determination letters) from "
        "MEDIA_ROOT on this server's disk into the file storage (the database), keeping "
        "their names. Files already stored are left alone; the copies on disk are not "
        "deleted. Run it once on the server that kept them, after migrating."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="source", default=None, help="The folder (default MEDIA_ROOT)."
        )

    def handle(self, *args, source, **options):
        disk = FileSystemStorage(location=source or settings.MEDIA_ROOT)
        copied = present = missing = 0
        for model in apps.get_models():
            fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
            for field in fields:
                names = (
                    model._default_manager.exclude(**{field: ""})
                    .exclude(**{f"{field}__isnull": True})
                    .values_list(field, flat=True)
                )
                for name in names.iterator():
                    if default_storage.exists(name):
                        present += 1
                    elif disk.exists(name):
                        with disk.open(name, "rb") as content:
                            stored = default_storage.save(name, content)
                        if stored != name:  # stored meanwhile under the same name
                            raise CommandError(f"{name} was stored as {stored}: run it again")
                        copied += 1
                    else:
                        missing += 1
                        self.stderr.write(f"{model._meta.label}.{field}: {name} is not on disk")
        self.stdout.write(
            f"{copied} files copied, {present} already stored, {missing} missing from disk."
        )
