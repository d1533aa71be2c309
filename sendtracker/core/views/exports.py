"""Downloads of a page's table, at the page's own URL: `?export=csv` or `?export=xlsx`.

The download goes through the page's own view, so it is refused (403/404) exactly as
the page is, and reads the same selectors and filters; it holds every row the filters
select, not one page of them. Pages link to it with components/downloads.html, which
keeps the page's query string (filters and sort) and drops its page number.
"""

from django.conf import settings
from django.http import Http404

from sendtracker.core import ratelimit
from sendtracker.core.exports import FORMATS, Export, download

EXPORT_PARAM = "export"


class ExportMixin:
    """A page whose table downloads as CSV or XLSX: the view names it in `get_export()`.

    List it before the view class (after the permission mixin is fine: the permission
    is checked in `dispatch`, before `get`). Downloads count against the user's
    EXPORT_RATE (core.ratelimit), shared with every other download.
    """

    def get_export(self) -> Export:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get(EXPORT_PARAM)
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in FORMATS:
            raise Http404("No such format")
        refused = ratelimit.refusal(
            request, group="exports", rate=settings.EXPORT_RATE, wording=ratelimit.EXPORTS
        )
        if refused is not None:
            return refused
        return download(self.get_export(), fmt)


class TableExportMixin(ExportMixin):
    """ExportMixin for a django-tables2 list page (SingleTableMixin, with or without
    django-filter's FilterView): `table_rows()` is every row the page's filters select
    (none if they are not valid, as the page shows), in the order its table sorts them
    (`?sort=`), unpaginated."""

    def table_rows(self):
        if hasattr(self, "get_filterset_class"):
            filterset = self.get_filterset(self.get_filterset_class())
            valid = not filterset.is_bound or filterset.is_valid() or not self.get_strict()
            self.object_list = filterset.qs if valid else filterset.queryset.none()
        else:
            self.object_list = self.get_queryset()
        self.table_pagination = False
        table = self.get_table()
        return table.data.data
