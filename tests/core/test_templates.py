"""Checks over every template file of the project."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def project_templates():
    for folder in [
        ROOT / "templates",
        *ROOT.glob("*/templates"),
        *ROOT.glob("sendtracker/*/templates"),
    ]:
        yield from folder.rglob("*.html")


def test_template_comments_close_on_their_own_line():
    """Django's {# #} comments are one line only: a longer one is printed on the page."""
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in project_templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert not unclosed, unclosed


def test_table_head_writes_govuk_headers_numeric_and_hidden_ones():
    from django.template import Context, Template

    html = Template(
        '{% load sendtracker %}{% table_head "Measure" "Latest|numeric" "Change|hidden" %}'
    ).render(Context())

    assert html == (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Measure</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Latest</th>'
        '<th scope="col" class="govuk-table__header">'
        '<span class="govuk-visually-hidden">Change</span></th>'
        "</tr></thead>"
    )
