"""XLSX and DOCX files written by hand, part by part, as an attacker or a broken program
would write them: a huge cell in a few kilobytes, a row of a million cells, a cell
reference Excel cannot have, a sheet cut off, a header that lies about a part's size.

Big parts are streamed into the zip a piece at a time, so a test never holds them.
"""

import io
import struct
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _chunks(parts):
    for part in parts:
        if isinstance(part, str):
            yield part.encode()
        elif isinstance(part, bytes):
            yield part
        else:  # (text, times): a piece repeated, written a piece at a time
            text, times = part
            piece = text.encode() * max(1, 65536 // max(len(text), 1))
            per = len(piece) // len(text.encode())
            whole, rest = divmod(times, per)
            for _ in range(whole):
                yield piece
            yield text.encode() * rest


def zipped(parts: dict) -> bytes:
    """A zip of `parts` {name: [str | bytes | (str, times)]}, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in _chunks(content if isinstance(content, list) else [content]):
                    part.write(chunk)
    return out.getvalue()


def cell(ref: str, value: str, *, kind: str = "") -> str:
    if kind == "inlineStr":
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    if kind:
        return f'<c r="{ref}" t="{kind}"><v>{escape(value)}</v></c>'
    return f'<c r="{ref}"><v>{escape(value)}</v></c>'


def text_row(number: int, values) -> str:
    """A row of inline text cells (or numbers, given as int, float or Decimal)."""
    cells = []
    for index, value in enumerate(values):
        ref = f"{column_letters(index + 1)}{number}"
        if isinstance(value, str):
            cells.append(cell(ref, value, kind="inlineStr"))
        else:
            cells.append(cell(ref, str(value)))
    return f'<row r="{number}">{"".join(cells)}</row>'


def column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def xlsx(sheet_rows, *, shared_strings=None, extra: dict | None = None) -> bytes:
    """A workbook of one sheet whose <sheetData> is `sheet_rows` (a list of strs and
    (str, times) pieces); `shared_strings` likewise the <sst>'s contents."""
    sheet = [
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>',
        *sheet_rows,
        "</sheetData></worksheet>",
    ]
    strings = [
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">',
        *(shared_strings or []),
        "</sst>",
    ]
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/sharedStrings.xml": strings,
            "xl/worksheets/sheet1.xml": sheet,
            **(extra or {}),
        }
    )


def table_xlsx(rows) -> bytes:
    """A plain workbook of `rows` (lists of cell values), as a program would write it."""
    return xlsx([text_row(number, values) for number, values in enumerate(rows, start=1)])


def lying_sizes(data: bytes, name: str, claimed: int) -> bytes:
    """`data` (a zip) with the part `name`'s expanded size given as `claimed` in both its
    headers: a file that admits to less than it holds."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    data = bytearray(data)
    # The local header: signature, then the uncompressed size at offset 22.
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    # Written with force_zip64: the sizes are in the zip64 extra field, after the name.
    name_length, extra_length = struct.unpack("<HH", data[local + 26 : local + 30])
    extra_at = local + 30 + name_length
    _patch_zip64(data, extra_at, extra_length, claimed)
    central = data.find(b"PK\x01\x02" + data[local + 4 : local + 8])
    while central != -1:
        name_length, extra_length = struct.unpack("<HH", data[central + 28 : central + 32])
        if data[central + 46 : central + 46 + name_length] == name.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, claimed)
    _patch_zip64(data, central + 46 + name_length, extra_length, claimed)
    return bytes(data)


def _patch_zip64(data: bytearray, at: int, length: int, claimed: int) -> None:
    end = at + length
    while at + 4 <= end:
        tag, size = struct.unpack("<HH", data[at : at + 4])
        if tag == 1 and size >= 8:
            struct.pack_into("<Q", data, at + 4, claimed)
        at += 4 + size


def docx(body: list) -> bytes:
    """A Word document whose <w:body> holds `body` (strs and (str, times) pieces)."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document = [
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>',
        *body,
        "</w:body></w:document>",
    ]
    return zipped(
        {"[Content_Types].xml": types, "_rels/.rels": rels, "word/document.xml": document}
    )


def word_cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"
