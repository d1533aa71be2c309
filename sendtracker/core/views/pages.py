from auditlog.models import LogEntry
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from sendtracker.core import services
from sendtracker.core.access import access_for
from sendtracker.core.audit import history_for
from sendtracker.core.backends import sign_in_refusal
from sendtracker.core.exports import NUMBER, Column, Export
from sendtracker.core.filters import CouncilFilter
from sendtracker.core.forms import CouncilDetailsForm, initial_from
from sendtracker.core.models import Council
from sendtracker.core.permissions import has_permission
from sendtracker.core.public import public_page
from sendtracker.core.tables import CouncilTable
from sendtracker.core.views.exports import TableExportMixin
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        councils = Council.objects.visible_to(user).select_related("region")
        access = access_for(user)
        if access.national:
            council_count, own_councils = councils.count(), []
        else:  # a few councils: read them once, and count what was read
            own_councils = list(councils)
            council_count = len(own_councils)
        return super().get_context_data(
            access=access,
            roles=user.role_assignments.select_related("council", "region"),
            council_count=council_count,
            own_councils=own_councils[:12],
            **kwargs,
        )


class SignInView(LoginView):
    """Django's sign-in, keeping when the person last signed in before this visit
    (`previous_visit` in the session), for "since your last visit" on the home page.

    Besides django-axes' lock-out, a sign-in from an address, or to an account, that
    has failed too often lately is refused before it is tried (core.backends)."""

    def post(self, request, *args, **kwargs):
        refused = sign_in_refusal(request)
        if refused is not None:
            return refused
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        previous = form.get_user().last_login
        response = super().form_valid(form)
        if previous is not None:
            self.request.session["previous_visit"] = previous.isoformat()
        return response


COUNCIL_COLUMNS = [
    Column("Council", lambda c: c.name),
    Column("DfE LA number", lambda c: c.dfe_la_code, NUMBER),
    Column("ONS code", lambda c: c.ons_code),
    Column("Type", lambda c: c.get_type_display()),
    Column("Region", lambda c: c.region.name),
]


class CouncilListView(TableExportMixin, SingleTableMixin, FilterView):
    table_class = CouncilTable
    filterset_class = CouncilFilter
    template_name = "core/council_list.html"

    def get_export(self):
        return Export(
            name="councils", sheet="Councils", columns=COUNCIL_COLUMNS, rows=self.table_rows()
        )

    def get_queryset(self):
        return Council.objects.visible_to(self.request.user).select_related("region")


class CouncilDetailView(CouncilScopedMixin, TemplateView):
    template_name = "core/council_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=has_permission(self.request.user, "change_council", self.council),
            recent_history=history_for(self.council)[:5],
            **kwargs,
        )


class CouncilHistoryView(CouncilScopedMixin, TemplateView):
    template_name = "core/council_history.html"
    permission = "view_history"

    def get_context_data(self, **kwargs):
        page = Paginator(history_for(self.council), 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, entries=page.object_list, **kwargs)


class CouncilDetailsEditView(CouncilScopedMixin, ServiceFormView):
    template_name = "core/council_edit.html"
    form_class = CouncilDetailsForm
    service = services.update_council_details
    service_fields = (
        "local_offer_url",
        "send_team_email",
        "improvement_board_name",
        "parent_carer_forum_name",
        "parent_carer_forum_url",
    )
    success_message = "Council details saved."

    def get_initial(self):
        return initial_from(self.council, self.service_fields)

    def record(self):
        return self.council

    def get_success_url(self):
        return reverse("council-detail", kwargs={"council_slug": self.council.slug})


class AccountView(TemplateView):
    template_name = "core/account.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            roles=self.request.user.role_assignments.select_related("council", "region"),
            recent_activity=LogEntry.objects.filter(actor=self.request.user)
            .select_related("content_type")
            .order_by("-timestamp")[:10],
            **kwargs,
        )


@public_page
def accessibility(request):
    """The accessibility statement of the whole service, in the GOV.UK model's form."""
    return render(request, "core/accessibility.html")
