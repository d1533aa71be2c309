"""Tables' body rows, drawn by the table_rows tag for speed, are what the template drew."""

from pathlib import Path

import django_tables2 as tables
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils.html import format_html

from sendtracker.core.tables import NumberColumn, Table

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "table_reference.html").read_text()
)


class SampleTable(Table):
    name = tables.Column(verbose_name="Name")
    note = tables.Column(verbose_name="Note", default="None recorded")
    count = NumberColumn(verbose_name="Count")
    flag = tables.BooleanColumn(verbose_name="Flag", yesno="Yes,No")
    share = tables.Column(verbose_name="Share")

    def render_share(self, value, record, bound_row):
        return format_html("{} of {} ({})", value, record["count"], bound_row.record["name"])

    class Meta:
        per_page = 2
        empty_text = "Nothing <here> yet."

    def render_note(self, value):
        return format_html("<strong>{}</strong>", value)


def draw(data, template=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/list/", {"sort": "-count", "page": "1"})
    request.user = AnonymousUser()
    table = SampleTable(data)
    table.order_by = request.GET["sort"]
    table.paginate(page=1, per_page=2)
    context = {"table": table, "request": request}
    if template is None:
        return render_to_string("components/table.html", context, request=request)
    return template.render(context, request)


def test_rows_cells_and_escaping_are_the_templates():
    data = [
        {"name": "Leicester & <Rutland>", "note": "a <b>", "count": 1200, "flag": True},
        {"name": "Cornwall", "note": None, "count": 3, "flag": False, "share": "2 <3"},
        {"name": "York", "note": "third page row", "count": 1, "flag": True, "share": 1},
    ]
    ours = draw(data)
    assert parse_html(ours) == parse_html(draw(data, REFERENCE))
    assert "Leicester &amp; &lt;Rutland&gt;" in ours and "<strong>a &lt;b&gt;</strong>" in ours
    assert 'govuk-table__cell--numeric">1200</td>' in ours
    assert "2 &lt;3 of 3 (Cornwall)" in ours  # render_share, with the record and row
    assert "None recorded" in ours and ours.count('<td class="govuk-table__cell">—</td>') == 1


def test_plain_columns_of_dict_rows_are_drawn_without_django_tables2s_per_cell_work():
    from sendtracker.core.templatetags.sendtracker import _plain_renderers

    class Linked(SampleTable):
        name = tables.Column(linkify=lambda record: "/x/")

    class Asking(SampleTable):
        def render_share(self, value, request):  # django-tables2 would not call it
            return value

    assert _plain_renderers(SampleTable([])) is not None
    assert _plain_renderers(Linked([])) is None and _plain_renderers(Asking([])) is None


def test_an_empty_table_says_so_as_the_template_did():
    ours = draw([])
    assert parse_html(ours) == parse_html(draw([], REFERENCE))
    assert "Nothing &lt;here&gt; yet." in ours
