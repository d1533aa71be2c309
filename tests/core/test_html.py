"""core.html writes what the template filters and tags it stands for write."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.template.defaultfilters import floatformat
from django.test.html import parse_html
from django.utils import timezone
from django.utils.text import Truncator

from sendtracker.core import html
from sendtracker.core.status import Status, StatusKey


def render(text: str, request=None, **context) -> str:
    template = engines["django"].from_string("{% load sendtracker %}" + text)
    return template.render(context, request=request)


@pytest.mark.parametrize(
    "text",
    ["", "one", "  spaced   out\nwords  ", " ".join(f"w{i}" for i in range(40)), "a " * 30],
)
def test_first_words_is_truncatewords(text):
    assert html.first_words(text, 30) == Truncator(text).words(30)


def test_whole_pounds_is_floatformat_0g():
    for value in ("0.5", "1.5", "2.5", "-0.4", "-2.5", "1234567.49", "999.5", "0", "-1234.5"):
        assert html.whole_pounds(Decimal(value)) == floatformat(Decimal(value), "0g")


def test_status_tag_and_legend_are_the_tags_and_the_legend_template():
    for key in StatusKey:
        for status in Status:
            assert html.status_tag(status, key) == render(
                "{% status_tag s k %}", s=status.value, k=key.value
            )
        reference = engines["django"].get_template("components/status_legend.html")
        from sendtracker.core.status import legend

        assert html.status_legend(key.value) == reference.render({"legend": legend(key.value)})
    assert html.status_tag("", None) == '<span class="govuk-hint">No status</span>'
    assert "app-status__colour" in render("{% status_tag 'complete' None True %}")


def test_table_head_escapes_and_marks_numeric_and_hidden_columns():
    head = html.table_head("Name <b>", "Count|numeric", "Update|hidden")
    assert head == (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Name &lt;b&gt;</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Count</th>'
        '<th scope="col" class="govuk-table__header">'
        '<span class="govuk-visually-hidden">Update</span></th></tr></thead>'
    )
    assert render('{% table_head "Name <b>" "Count|numeric" "Update|hidden" %}') == head


def test_day_text_is_the_date_filter_where_the_user_is():
    late = timezone.make_aware(datetime.datetime(2026, 6, 30, 23, 30), datetime.UTC)
    assert html.day_text(late) == render('{{ d|date:"j M Y" }}', d=late) == "1 Jul 2026"
    assert html.day_text(datetime.date(2026, 3, 9), "M Y") == "Mar 2026"
    assert html.day_text(None) == ""


def test_pagination_is_the_template_it_replaced_and_shows_the_current_page(rf):
    from pathlib import Path

    from django.core.paginator import Paginator

    reference = engines["django"].from_string(
        (Path(__file__).parent / "pagination_reference.html").read_text()
    )
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/plans/2/", {"status": "major_delay", "lead": "Head & <SEND>", "page": "1"})
    request.user = AnonymousUser()
    for count in (10, 60, 120):
        page = Paginator(range(count), 25).get_page(1)
        ours = render("{% pagination page %}", page=page, request=request)
        assert parse_html(ours) == parse_html(reference.render({"page": page}, request=request))
    assert "Head+%26+%3CSEND%3E" in ours and "&amp;lead=" in ours and "<SEND>" not in ours
    # The old template elided the range around page 1 wherever the reader was.
    page = Paginator(range(1000), 25).get_page(20)
    ours = render("{% pagination page %}", page=page, request=request)
    assert 'aria-label="Page 20" aria-current="page"' in ours
    assert 'aria-label="Page 40"' in ours and 'aria-label="Page 30"' not in ours
