"""Downloads: every row comes from a `visible_to(request.user)` selector."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from grants import exports, selectors
from grants.filters import DeterminationFilter
from grants.models import GrantDetermination
from sendtracker.core.exports import download
from sendtracker.core.ratelimit import EXPORTS, rate_limited, user_or_address

# Every download counts against the user's EXPORT_RATE, with the pages' downloads.
limited = rate_limited(group="exports", setting="EXPORT_RATE", key=user_or_address, wording=EXPORTS)


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


def _filtered(request, rows, *, via: str = ""):
    """`rows` narrowed by the determinations list's filters, when the download carries
    them (its links keep the list's query string): the filtered determinations, and the
    council or region paid. Filters that are not valid select nothing, as on the list."""
    if not set(DeterminationFilter.base_filters) & set(request.GET):
        return rows
    listed = DeterminationFilter(
        request.GET, queryset=GrantDetermination.objects.visible_to(request.user), request=request
    )
    if not listed.is_valid():
        return rows.none()
    rows = rows.filter(**{f"{via}determination__in": listed.qs.values("pk")})
    if council := listed.form.cleaned_data.get("council"):
        rows = rows.filter(**{f"{via}council": council})
    if region := listed.form.cleaned_data.get("region"):
        rows = rows.filter(**{f"{via}council__region": region})
    return rows


def _name(determination, table: str) -> str:
    if determination is None:
        return f"grant-{table}"
    return f"{determination.determination_reference or determination.title}-{table}"


def _table_export(rows_of, export, table: str, *, via: str = ""):
    """The view downloading one of a determination's tables (or every determination's
    the user may read), filtered as its page is, as CSV or XLSX (`fmt`)."""

    @limited
    def view(request, fmt: str):
        determination = _determination(request)
        rows = _filtered(request, rows_of(request.user, determination), via=via)
        return download(export(rows, name=_name(determination, table)), fmt)

    return view


allocations_export = _table_export(
    selectors.allocations_for_export, exports.allocations, "allocations"
)
payments_export = _table_export(
    selectors.payments_for_export, exports.payments, "payments", via="allocation__"
)
usage_statements_export = _table_export(
    selectors.usage_statements_for_export,
    exports.usage_statements,
    "usage-statements",
    via="allocation__",
)


@limited
def threesixty_export(request, fmt: str):
    allocations = selectors.allocations_for_export(request.user, _determination(request))
    allocations = _filtered(request, allocations)
    if fmt == "json":
        response = HttpResponse(
            exports.threesixty_json(allocations), content_type="application/json"
        )
        filename = f"grants-360giving-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    if fmt == "csv":
        export = exports.threesixty_csv(allocations, name="grants-360giving")
        return download(export, fmt, bom=False)
    raise Http404("No such format")
