import functools
import inspect

import django_tables2 as tables
from django.urls import reverse
from django_tables2 import utils as tables_utils

from sendtracker.core.models import Council, User

_signature = tables_utils.signature


@functools.cache
def _signature_of_function(function):
    return _signature(function)


def _signature_read_once(fn):
    """django_tables2.utils.signature, read once per function rather than per cell.

    django-tables2 inspects a column's render method for every cell it draws, which
    was a tenth of a 50-row table's time; a function's signature never changes. A
    bound method's is its function's without the first argument (self).
    """
    if inspect.ismethod(fn):
        args, keywords = _signature_of_function(fn.__func__)
        return args[1:], keywords
    try:
        return _signature_of_function(fn)
    except TypeError:  # unhashable callable
        return _signature(fn)


def read_signatures_once() -> None:
    """Called once, from CoreConfig.ready()."""
    tables_utils.signature = _signature_read_once


class Table(tables.Table):
    """A django-tables2 table whose page size, taken from ?per_page=, stays sensible.

    A zero or negative size would make the paginator fail (a 500 for a typed URL); a
    huge one would render every row at once.
    """

    max_per_page = 200

    def paginate(self, *args, per_page=None, **kwargs):
        per_page = min(max(per_page or self._meta.per_page, 1), self.max_per_page)
        return super().paginate(*args, per_page=per_page, **kwargs)


class NumberColumn(tables.Column):
    """A right-aligned column of figures (templates/components/table.html reads it)."""

    numeric = True


class CouncilTable(Table):
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


class PeopleTable(Table):
    email = tables.Column(
        verbose_name="Email address",
        linkify=lambda record: reverse("person-detail", args=[record.pk]),
    )
    name = tables.Column(verbose_name="Name")
    job_title = tables.Column(verbose_name="Job title")
    roles = tables.Column(verbose_name="Roles", empty_values=(), orderable=False)
    is_active = tables.BooleanColumn(verbose_name="Can sign in", yesno="Yes,No")

    class Meta:
        model = User
        fields = ["email", "name", "job_title", "roles", "is_active"]
        per_page = 50
        empty_text = "Nobody matches this search."

    def render_roles(self, record):
        # role_assignments are prefetched with their council and region.
        labels = [str(assignment) for assignment in record.role_assignments.all()]
        return "; ".join(labels) or "None"
