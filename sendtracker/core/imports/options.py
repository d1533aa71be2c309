"""How the spreadsheet imports (Annex B, payments, the programmes' imports) read files."""

from .reader import MAX_BYTES, MAX_ROWS

# A CSV or XLSX file within the default limits, read for its values: a formula as the
# value Excel last calculated, and text an export kept from running as a formula (a
# CSV's "'=...", an XLSX's quote prefix) as its text.
SPREADSHEET_VALUES = {
    "max_bytes": MAX_BYTES,
    "max_rows": MAX_ROWS,
    "formats": ("csv", "xlsx"),
    "formulas": "cached",
}
