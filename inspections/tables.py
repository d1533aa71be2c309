"""The improvement plans list, a django-tables2 table drawn by components/table.html."""

import django_tables2 as tables
from django.utils.html import format_html

from sendtracker.core.tables import NumberColumn, Table

LINK = {"a": {"class": "govuk-link"}}


class PlanTable(Table):
    caption = "Plans of the councils you can see"
    council = tables.Column(
        verbose_name="Council",
        linkify=lambda record: record.council.url_of("inspections:council-plans"),
        attrs=LINK,
        order_by=("council__name", "-approved_on"),
    )
    title = tables.Column(verbose_name="Plan", linkify=True, attrs=LINK)
    # Counts of the plan's actions, annotated by selectors.plans_visible_to.
    action_count = NumberColumn(verbose_name="Actions")
    count_major_delay = NumberColumn(verbose_name="Major delay")
    count_minor_delay = NumberColumn(verbose_name="Minor delay")
    count_complete = NumberColumn(verbose_name="Complete")

    class Meta:
        order_by = ["council"]
        per_page = 50
        empty_text = "No improvement plans have been recorded for the councils you can see."

    def render_title(self, record, value):
        return format_html(
            '{}<br><span class="govuk-hint govuk-!-font-size-16">{}</span>',
            value,
            record.get_kind_display(),
        )
