"""Downloads: every row comes from a `visible_to(request.user)` selector."""

from django.http import Http404, HttpResponse
from django.utils import timezone

from grants import exports, selectors
from grants.models import GrantDetermination

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _determination(request):
    pk = request.GET.get("determination")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("No such determination")
    try:
        return GrantDetermination.objects.visible_to(request.user).get(pk=int(pk))
    except GrantDetermination.DoesNotExist:
        raise Http404("No such determination") from None


def _download(body, *, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


def _tabular(headers, rows, *, fmt: str, name: str, title: str) -> HttpResponse:
    if fmt == "csv":
        return _download(exports.to_csv(headers, rows), fmt=fmt, name=name)
    if fmt == "xlsx":
        return _download(exports.to_xlsx(headers, rows, title=title), fmt=fmt, name=name)
    raise Http404("No such format")


def allocations_export(request, fmt: str):
    allocations = selectors.allocations_for_export(request.user, _determination(request))
    headers, rows = exports.table(allocations, exports.ALLOCATION_COLUMNS)
    return _tabular(headers, rows, fmt=fmt, name="grant-allocations", title="Allocations")


def payments_export(request, fmt: str):
    payments = selectors.payments_for_export(request.user, _determination(request))
    headers, rows = exports.table(payments, exports.PAYMENT_COLUMNS)
    return _tabular(headers, rows, fmt=fmt, name="grant-payments", title="Payments")


def threesixty_export(request, fmt: str):
    allocations = selectors.allocations_for_export(request.user, _determination(request))
    if fmt == "json":
        return _download(exports.threesixty_json(allocations), fmt=fmt, name="grants-360giving")
    if fmt == "csv":
        body = exports.to_csv(exports.THREESIXTY_CSV_FIELDS, exports.threesixty_rows(allocations))
        return _download(body, fmt=fmt, name="grants-360giving")
    raise Http404("No such format")
