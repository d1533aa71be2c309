import django_tables2 as tables

from sendtracker.core.models import Council


class CouncilTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="Council")
    dfe_la_code = tables.Column(verbose_name="DfE LA number")
    ons_code = tables.Column(verbose_name="ONS code")
    type = tables.Column(verbose_name="Type")
    region = tables.Column(verbose_name="Region", order_by=("region__ons_code", "name"))

    class Meta:
        model = Council
        fields = ["name", "dfe_la_code", "ons_code", "type", "region"]
        per_page = 50
        empty_text = "No councils match these filters."
