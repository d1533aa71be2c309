import django_tables2 as tables
from django.utils.html import format_html

from sendtracker.core.tables import Table


def pounds(value) -> str:
    return "" if value is None else f"£{value:,.2f}"


class MoneyColumn(tables.Column):
    """Pounds and pence, right-aligned; its footer is `table.totals[name]` when given."""

    numeric = True

    def render(self, value):
        return pounds(value)

    def render_footer(self, bound_column, table):
        totals = getattr(table, "totals", None) or {}
        return pounds(totals.get(bound_column.name))


class TotalLabelColumn(tables.Column):
    def render_footer(self, bound_column, table):
        return "Total"


class DeterminationTable(Table):
    title = TotalLabelColumn(linkify=True, verbose_name="Determination")
    determination_reference = tables.Column(verbose_name="Reference", default="–")
    financial_year = tables.Column(verbose_name="Year")
    ring_fenced = tables.BooleanColumn(verbose_name="Ring-fenced", yesno="Yes,No")
    status = tables.Column(verbose_name="Status")
    total_available = MoneyColumn(verbose_name="Total available", default="Not published")
    allocated = MoneyColumn(verbose_name="Allocated")
    paid = MoneyColumn(verbose_name="Paid")

    class Meta:
        order_by = ["-financial_year", "title"]
        per_page = 25
        empty_text = "No determinations match these filters."

    def render_status(self, record):
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">{}</strong>', record.get_status_display()
        )


def _amount_or_pending(value):
    return (
        pounds(value)
        if value is not None
        else format_html('<strong class="govuk-tag govuk-tag--yellow">{}</strong>', "Pending")
    )


class AllocationTable(Table):
    """Annex B, with payments progress; rows annotated `with_progress`."""

    council = TotalLabelColumn(
        verbose_name="Council paid", linkify=lambda record: record.get_absolute_url()
    )
    region_supported = tables.Column(verbose_name="Region supported", default="–")
    las_in_region = tables.Column(verbose_name="LAs in region", default="–")
    base_funding = MoneyColumn(verbose_name="Base funding", default="–")
    top_up = MoneyColumn(verbose_name="Top-up", default="–")
    total = MoneyColumn(verbose_name="Total", empty_values=())
    paid = MoneyColumn(verbose_name="Paid", default="£0.00")
    progress = tables.Column(verbose_name="Paid so far", empty_values=(), orderable=False)
    status = tables.Column(verbose_name="Status")

    class Meta:
        orderable = False
        empty_text = "No allocations you can see."

    def render_total(self, value, record):
        return _amount_or_pending(record.total)

    def render_progress(self, record):
        if not record.total:
            return "–"
        percent = (record.paid or 0) * 100 / record.total
        return f"{percent:.0f}%"

    def render_status(self, record):
        return format_html(
            '<strong class="govuk-tag govuk-tag--blue">{}</strong>', record.get_status_display()
        )
