"""Cell parsers besides those in parsers.py (kept apart while that module is still moving).

`exported_text`: text as the app's CSV exports write it. An export puts an apostrophe
before text a spreadsheet would run as a formula (core.exports.safe_text: `=1+1` is
written `'=1+1`); reading it back takes the apostrophe off, so that a CSV download
imported again is unchanged. (An XLSX export keeps such text with Excel's quote
prefix instead, which a reader never sees.)
"""

from .parsers import CellError

# What core.exports neutralises: text beginning with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def unneutralised(value: str) -> str:
    """`value` without the apostrophe an export put before a formula-like start."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def exported_text(max_length: int = 300):
    """Text of at most `max_length` characters, read as an export wrote it."""

    def parse(value: str) -> str:
        value = unneutralised(value)
        if len(value) > max_length:
            raise CellError(f"must be {max_length:,} characters or fewer")
        return value

    return parse
