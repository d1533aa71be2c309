import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from sendtracker.core.tables import Table


def _yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not published")


class PublishedInspectionTable(Table):
    """Ofsted's published area SEND inspections, one row an inspection. `comparison`,
    set by the page, says how the council's own record here agrees."""

    area_name = tables.Column(verbose_name="Council")
    region = tables.Column(verbose_name="Region", order_by=("region__name",))
    framework = tables.Column(verbose_name="Framework")
    started_on = tables.DateColumn(verbose_name="Inspected from", format="j M Y")
    published_on = tables.DateColumn(verbose_name="Report published", format="j M Y")
    plan = tables.Column(
        verbose_name="Plan required", accessor="plan_required", orderable=False, empty_values=()
    )
    areas = tables.Column(
        verbose_name="Weaknesses or priority areas", orderable=False, empty_values=()
    )
    result = tables.Column(
        verbose_name="Outcome or revisit", accessor="outcome", orderable=False, empty_values=()
    )
    comparison = tables.Column(verbose_name="Record here", orderable=False, empty_values=())

    class Meta:
        per_page = 50
        empty_text = "No published inspection matches these filters."
        attrs = {"id": "published-inspections"}

    def render_area_name(self, value, record):
        if record.council_id is None:
            return format_html('{} <span class="govuk-body-s">(former council)</span>', value)
        url = reverse("official:council-statistics", kwargs={"council_slug": record.council.slug})
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def render_framework(self, value, record):
        return record.get_framework_display()

    def render_plan(self, record):
        kind = "WSOA" if record.framework == "2016" else "Priority action plan"
        answer = _yes_no(record.plan_required)
        return f"{kind}: {answer}"

    def render_areas(self, record):
        if record.areas is not None:
            return str(record.areas)
        # Ofsted leaves the count blank where no plan was required: there were none.
        return "None" if record.plan_required is False else "Not published"

    def render_result(self, record):
        if record.framework == "2023":
            return record.get_outcome_display()
        if not record.revisit_result:
            return "No revisit (no WSOA)" if not record.wsoa_required else "Not published"
        lines = [(record.get_revisit_result_display(),)]
        if record.revisit_started_on:
            lines.insert(0, (f"Revisited from {record.revisit_started_on:%-d %b %Y}",))
        if record.weaknesses_sufficient is not None:
            lines.append(
                (
                    f"{record.weaknesses_sufficient} of "
                    f"{record.weaknesses_sufficient + (record.weaknesses_insufficient or 0)} "
                    "with sufficient progress",
                )
            )
        return format_html_join(mark_safe("<br>"), "{}", lines)  # a literal  # nosec B308

    def render_comparison(self, value):
        return str(value) if value else ""
