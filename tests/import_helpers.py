"""Uploading files to the import pages (core's upload → preview → confirm) in tests."""

import datetime
import io

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def upload(client, url: str, content, name: str = "import.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def preview(client, response):
    """The preview page a good upload redirected to."""
    assert response.status_code == 302, file_errors(response)
    return client.get(response["Location"])


def confirm(client, response):
    """Upload → preview → confirm; the page the confirmation lands on."""
    page = preview(client, response)
    digest = page.context["form"].initial["digest"]
    return client.post(response["Location"], {"digest": digest}, follow=True)


def file_errors(response) -> list[str]:
    form = response.context and response.context.get("form")
    errors = list(form.errors.get("file", [])) if form is not None else []
    result = response.context.get("result") if response.context else None
    return errors + (list(result.file_errors) if result is not None else [])


def row_errors(response) -> dict[int, dict[str, str]]:
    return {row.number: row.errors for row in response.context["result"].rows if row.errors}


def xlsx(rows, *, date_format: str = "dd/mm/yyyy") -> bytes:
    """A workbook of one sheet with `rows`; dates are Excel dates shown dd/mm/yyyy."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, datetime.date):
                cell.number_format = date_format
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def audit_entries(model, *, actor=None):
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return entries.filter(actor=actor) if actor is not None else entries
