"""Parsers kept beside core.imports.parsers: text as the CSV exports write it."""

import pytest

from sendtracker.core.imports.extra_parsers import CellError, exported_text


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("'=1+1", "=1+1"),
        ("'-2 on last month", "-2 on last month"),
        ("'@home", "@home"),
        ("'quoted'", "'quoted'"),  # an apostrophe before ordinary text is the text's
        ("plain", "plain"),
    ],
)
def test_exported_text_takes_off_the_apostrophe_an_export_added(cell, value):
    assert exported_text(100)(cell) == value


def test_exported_text_is_refused_over_its_length():
    with pytest.raises(CellError, match="must be 3 characters or fewer"):
        exported_text(3)("'=1+11")
