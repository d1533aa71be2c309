"""Reading downloads back, for the export tests of every app."""

import csv
import io

from openpyxl import load_workbook

from sendtracker.core.views.exports import EXPORT_PARAM


def export_url(url: str, fmt: str, **params) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode({**params, EXPORT_PARAM: fmt}, doseq=True)}"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[list[str]]:
    """The CSV's rows, header first; checks it is UTF-8 with a byte order mark."""
    assert response["Content-Type"].startswith("text/csv")
    data = body(response)
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(response):
    """The XLSX's sheet (whole cells, to check types and styles)."""
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(body(response))).active


def values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def as_dicts(rows) -> list[dict]:
    header, *rest = rows
    return [dict(zip(header, row, strict=False)) for row in rest]
