"""The programmes' lists as django-tables2 tables, drawn by templates/components/table.html."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from sendtracker.core.tables import NumberColumn, Table

LINK = {"a": {"class": "govuk-link"}}


class ProgrammeTable(Table):
    name = tables.Column(verbose_name="Programme", linkify=True, attrs=LINK)
    council = tables.Column(
        verbose_name="Council",
        linkify=lambda record: reverse("programmes:council-programmes", args=[record.council.slug]),
        attrs=LINK,
    )
    kind = tables.Column(verbose_name="Kind")
    delivery_partners = tables.Column(verbose_name="Delivery partners", default="None recorded")
    status = tables.Column(verbose_name="Status")

    class Meta:
        orderable = False


class RiskTable(Table):
    """A programme's risk register; rows come sorted from selectors.risk_register."""

    description = tables.Column(verbose_name="Risk and cause")
    workstream = tables.Column(verbose_name="Workstream", default="Whole programme")
    likelihood = NumberColumn(verbose_name="Likelihood")
    impact = NumberColumn(verbose_name="Impact")
    score = NumberColumn(verbose_name="Score")
    mitigation = tables.Column(verbose_name="Mitigation", default="")
    owner = tables.Column(verbose_name="Owner", default="")
    review_on = tables.DateColumn(verbose_name="Review", format="j M Y", default="")
    status = tables.Column(verbose_name="Status")
    change = tables.Column(
        verbose_name=format_html('<span class="govuk-visually-hidden">{}</span>', "Change"),
        empty_values=(),
    )

    class Meta:
        orderable = False
        attrs = {"id": "risks"}
        empty_text = "No risks recorded."

    def render_description(self, record):
        if not record.cause:
            return record.description
        return format_html(
            '{}<br><span class="govuk-body-s">Cause: {}</span>', record.description, record.cause
        )

    def render_workstream(self, value):
        return value.name

    def __init__(self, data, *, programme, may_change: bool, **kwargs):
        super().__init__(data, exclude=() if may_change else ("change",), **kwargs)
        self.programme = programme

    def render_change(self, record):
        url = reverse(
            "programmes:risk-change",
            args=[self.programme.council.slug, self.programme.pk, record.pk],
        )
        return format_html(
            '<a class="govuk-link" href="{}">Change'
            '<span class="govuk-visually-hidden"> risk: {}</span></a>',
            url,
            Truncator(record.description).chars(60),
        )
