import functools

import django_tables2 as tables
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html

from sendtracker.core.money import pounds
from sendtracker.core.status import display
from sendtracker.core.tables import Table


def _tag(value):
    if not value:
        return "No programme"
    status = display(value)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', status["css_class"], status["label"]
    )


@functools.lru_cache(maxsize=1024)
def _dashboard_url(slug: str, script_prefix: str, urlconf) -> str:
    """A council's dashboard URL, reversed once per process (and prefix and URL conf):
    a list of councils draws 50 to 153 of them on every visit."""
    return reverse("dashboards:council", kwargs={"council_slug": slug})


class NumericColumn(tables.Column):
    numeric = True


class CouncilRowTable(Table):
    """One row per council: what an adviser compares (rows are dicts from dashboards.views)."""

    name = tables.Column(verbose_name="Council")
    region = tables.Column(verbose_name="Region")
    outcome = tables.Column(verbose_name="Inspection outcome")
    plan = tables.Column(verbose_name="Plan", order_by=("plan_sort",))
    actions = tables.Column(verbose_name="Actions by status", order_by=("delayed",))
    overdue = NumericColumn(verbose_name="Overdue")
    programme_status = tables.Column(verbose_name="Programme", order_by=("programme_rank",))
    allocated = NumericColumn(verbose_name="Grants")
    deficit = NumericColumn(verbose_name="High-needs deficit")

    class Meta:
        per_page = 50
        empty_text = "No councils match these filters."
        attrs = {"id": "council-rows"}

    def render_name(self, value, record):
        url = _dashboard_url(record["slug"], get_script_prefix(), get_urlconf())
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def render_plan(self, value, record):
        if not value:
            return "None"
        approved = record["plan_approved_on"]
        when = f"approved {approved:%-d %b %Y}" if approved else "not yet approved"
        return format_html('{}<br><span class="govuk-body-s">{}</span>', value, when)

    def render_actions(self, value, record):
        return format_html(
            '<span data-delayed="{}">{} delayed</span><br>'
            '<span class="govuk-body-s">{} on track, {} complete</span>',
            record["delayed"],
            record["delayed"],
            record["on_track"],
            record["complete"],
        )

    def render_programme_status(self, value):
        return _tag(value)

    def render_allocated(self, value, record):
        return format_html(
            '{}<br><span class="govuk-body-s">{} paid</span>',
            pounds(value, pence=False),
            pounds(record["paid"], pence=False),
        )

    def render_deficit(self, value, record):
        if not record["deficit_label"]:
            return "Not reported"
        return format_html(
            '{}<br><span class="govuk-body-s">{}</span>',
            f"£{value / 1_000_000:,.1f}m",
            record["deficit_label"],
        )
