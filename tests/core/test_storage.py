"""Files in the database (core.storage.DatabaseStorage): packs and letters any server reads."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from grants.models import GrantDetermination
from sendtracker import settings as project_settings
from sendtracker.core.models import StoredFile
from sendtracker.core.storage import DatabaseStorage
from sendtracker.packs.models import JobState, PackJob
from tests.grants.test_forms import determination_data

pytestmark = pytest.mark.django_db


def test_the_project_stores_files_in_the_database():
    assert project_settings.STORAGES["default"]["BACKEND"] == (
        "sendtracker.core.storage.DatabaseStorage"
    )
    assert isinstance(default_storage, DatabaseStorage)


def test_a_saved_file_is_read_back_with_its_size_and_listed():
    storage = DatabaseStorage()
    name = storage.save("packs/1/pack.pdf", ContentFile(b"%PDF-1.7 pack"))
    storage.save("packs/2/other.pdf", ContentFile(b"%PDF-1.7 other"))
    storage.save("packs/top.pdf", ContentFile(b"%PDF"))

    assert name == "packs/1/pack.pdf"
    assert storage.exists(name) and storage.size(name) == len(b"%PDF-1.7 pack")
    with storage.open(name) as stored:
        assert stored.read() == b"%PDF-1.7 pack"
    assert storage.listdir("packs") == (["1", "2"], ["top.pdf"])
    assert storage.get_modified_time(name) <= datetime.datetime.now(datetime.UTC)


def test_a_taken_name_gets_another_and_the_first_file_is_kept():
    storage = DatabaseStorage()
    first = storage.save("grants/letters/letter.pdf", ContentFile(b"first"))
    second = storage.save("grants/letters/letter.pdf", ContentFile(b"second"))

    assert second != first and second.startswith("grants/letters/letter_")
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"


def test_a_deleted_file_is_gone():
    storage = DatabaseStorage()
    name = storage.save("packs/gone.pdf", ContentFile(b"%PDF"))
    storage.delete(name)

    assert not storage.exists(name)
    assert not StoredFile.objects.exists()
    with pytest.raises(FileNotFoundError):
        storage.open(name)
    with pytest.raises(FileNotFoundError):
        storage.size(name)


def test_stored_files_cannot_be_opened_for_writing():
    storage = DatabaseStorage()
    name = storage.save("packs/read-only.pdf", ContentFile(b"%PDF"))
    with pytest.raises(ValueError, match="save"):
        storage.open(name, "wb")


def test_an_uploaded_letter_is_kept_in_the_database_not_on_disk(
    client, grant_administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(grant_administrator)
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    client.post(reverse("grants:determination-create"), {**determination_data(), "letter": pdf})

    determination = GrantDetermination.objects.get(title__startswith="SEND")
    stored = StoredFile.objects.get(name=determination.letter.name)
    assert bytes(stored.content) == b"%PDF-1.4 letter" and stored.size == 15
    assert list(tmp_path.iterdir()) == []
    response = client.get(reverse("grants:determination-letter", args=[determination.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 letter"


def test_files_kept_on_disk_before_are_copied_into_the_database(
    officer, leicester, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = PackJob.objects.create(
        kind="plan",
        council=leicester,
        title="Old pack",
        marking="OFFICIAL",
        requested_by=officer,
        state=JobState.DONE,
        file="packs/old/old-pack.pdf",
    )
    (tmp_path / "packs" / "old").mkdir(parents=True)
    (tmp_path / "packs" / "old" / "old-pack.pdf").write_bytes(b"%PDF-1.7 old")
    PackJob.objects.create(
        kind="plan",
        council=leicester,
        title="Lost pack",
        marking="OFFICIAL",
        requested_by=officer,
        state=JobState.DONE,
        file="packs/lost/lost.pdf",
    )

    out, err = io.StringIO(), io.StringIO()
    call_command("copy_media_to_database", stdout=out, stderr=err)

    assert "1 files copied, 0 already stored, 1 missing" in out.getvalue()
    assert "packs/lost/lost.pdf is not on disk" in err.getvalue()
    job.refresh_from_db()
    assert job.file.read() == b"%PDF-1.7 old"

    out = io.StringIO()
    call_command("copy_media_to_database", stdout=out, stderr=io.StringIO())
    assert "0 files copied, 1 already stored" in out.getvalue()
