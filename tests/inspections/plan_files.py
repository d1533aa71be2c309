"""Plan files for the import tests: seed 002's APP table as Word, Excel and CSV files."""

import io
import re
from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from inspections.imports import EXPORT_HEADINGS

# Seed 002's APP table (appendix 3 of Leicester's revisit report), as its text rows,
# with the people it names replaced by their role titles.
SEED_TABLE = Path(__file__).with_name("seed_002_app.tsv")
FILLS = {"Grey": "BFBFBF", "Blue": "4472C4", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}


def _cell(text: str) -> list[str]:
    """A cell of the seed's text as paragraphs: its <p> and list items become lines."""
    lines = re.split(r"<[^>]+>|\s•\s", text)
    return [line.strip() for line in lines if line.strip()]


def seed_tables() -> list[list[list[list[str]]]]:
    """Seed 002's APP table as it sits on the pages: tables of rows of cells of lines."""
    lines = SEED_TABLE.read_text().split("\n")
    tables, table = [], []
    for line in lines:
        if not line.strip():
            if table:
                tables.append(table)
            table = []
            continue
        table.append([_cell(cell) for cell in line.split("\t")])
    if table:
        tables.append(table)
    return tables


def seed_docx(tables=None, *, before: str = "Accelerated Progress Plan") -> bytes:
    """The tables as a Word document: one table a page, headings repeated on each."""
    document = docx.Document()
    document.add_paragraph(before)
    for rows in tables or seed_tables():
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c in range(width):
                lines = cells[c] if c < len(cells) else []
                cell = table.cell(r, c)
                cell.text = lines[0] if lines else ""
                for line in lines[1:]:
                    cell.add_paragraph(line, style="List Bullet")
        document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(rows, *, fills=None, headings=EXPORT_HEADINGS, title=None) -> bytes:
    """A sheet of `rows` under `headings`; `fills` {(row index, heading): colour name}."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    offset = 2 if title else 1
    for (index, heading), colour in (fills or {}).items():
        cell = sheet.cell(row=index + offset + 1, column=list(headings).index(heading) + 1)
        cell.fill = PatternFill("solid", fgColor=FILLS.get(colour, colour))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(rows, *, headings=EXPORT_HEADINGS, delimiter=",") -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue()


def export_row(ref, action, **values) -> list:
    """A row of the plan export's columns."""
    row = dict.fromkeys(EXPORT_HEADINGS, "")
    row["Ref"], row["Action"] = ref, action
    row["Lead(s)"] = values.pop("leads", "Head of SEND")
    for key, value in values.items():
        row[key] = value
    return [row[h] for h in EXPORT_HEADINGS]


def seed_xlsx(colours: dict[str, str]) -> bytes:
    """Seed 002's APP table, as the Word file reads, saved as an Excel sheet with the
    export's headings and each action's status as its Status cell's fill colour."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspections import imports

    result = imports.read(SimpleUploadedFile("app.docx", seed_docx()))

    def dates(pairs):
        return "\n".join(f"{d:%d/%m/%Y}" + (f" – {t}" if t else "") for d, t in pairs or [])

    rows, fills = [], {}
    for index, row in enumerate(result.rows):
        v = row.values
        number = v["ref"].split(".")[0]
        rows.append(
            [
                v["ref"],
                f"{number}. {v['area']}",
                v["description"],
                v["leads"],
                v["progress"] or "",
                v["evidence_of_output"] or "",
                dates(v["action_milestones"]),
                v["evidence_of_impact"] or "",
                dates(v["impact_milestones"]),
                "",
                "",
                "",
                "",
                "",
            ]
        )
        if v["ref"] in colours:
            fills[(index, "Status")] = colours[v["ref"]]
    return xlsx(rows, fills=fills)
