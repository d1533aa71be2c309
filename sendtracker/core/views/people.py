"""People and their roles, for site administrators (Django admin is the fallback, not the way)."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from sendtracker.core import services
from sendtracker.core.errors import DomainError
from sendtracker.core.exports_people import people as people_export
from sendtracker.core.forms_people import PersonAddForm, RoleGrantForm
from sendtracker.core.models import RoleAssignment, User
from sendtracker.core.tables import PeopleTable
from sendtracker.core.views.exports import ExportMixin
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import PermissionMixin


class PeopleMixin(PermissionMixin):
    """People pages are for site administrators."""

    permission = "manage_users"


class PeopleListView(ExportMixin, PeopleMixin, SingleTableView):
    table_class = PeopleTable
    template_name = "core/people_list.html"

    def get_queryset(self):
        people = User.objects.prefetch_related(
            "role_assignments__council", "role_assignments__region"
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            people = people.filter(
                Q(email__icontains=query) | Q(name__icontains=query) | Q(job_title__icontains=query)
            )
        return people.order_by("email")

    def get_export(self):
        return people_export(self.get_queryset())

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)


class InvitationResetForm(PasswordResetForm):
    """Django's reset email, also for a new account that has no usable password yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)


class PersonAddView(PeopleMixin, ServiceFormView):
    form_class = PersonAddForm
    template_name = "core/person_add.html"

    def run(self, form):
        user = services.add_person(by=self.request.user, **form.cleaned_data)
        invitation = InvitationResetForm({"email": user.email})
        invitation.is_valid()
        invitation.save(
            request=self.request,
            use_https=self.request.is_secure(),
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.txt",
        )
        return user

    def get_success_message(self):
        return f"{self.result.email} has been added and sent a link to set a password."

    def get_success_url(self):
        return reverse("person-detail", args=[self.result.pk])


class PersonDetailView(PeopleMixin, TemplateView):
    template_name = "core/person_detail.html"

    def get_context_data(self, form=None, **kwargs):
        person = get_object_or_404(User, pk=self.kwargs["user_id"])
        return super().get_context_data(
            person=person,
            roles=person.role_assignments.select_related("council", "region"),
            form=form or RoleGrantForm(),
            activity=LogEntry.objects.filter(actor=person)
            .select_related("content_type")
            .order_by("-timestamp")[:10],
            **kwargs,
        )


class RoleGrantView(PeopleMixin, ServiceFormView):
    """The person page's "Give a role" form: posts here, and on a refusal shows that page."""

    form_class = RoleGrantForm
    http_method_names = ["post"]

    @cached_property
    def person(self) -> User:
        return get_object_or_404(User, pk=self.kwargs["user_id"])

    def run(self, form):
        return services.grant_role(user=self.person, by=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return f"Role given to {self.person.email}."

    def get_success_url(self):
        return reverse("person-detail", args=[self.person.pk])

    def form_invalid(self, form):
        view = PersonDetailView(request=self.request, kwargs=self.kwargs)
        return view.render_to_response(view.get_context_data(form=form))


class RoleRevokeView(PeopleMixin, View):
    def post(self, request, user_id, role_id):
        assignment = get_object_or_404(
            RoleAssignment.objects.select_related("user"), pk=role_id, user_id=user_id
        )
        try:
            services.revoke_role(assignment=assignment, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Role removed from {assignment.user.email}.")
        return redirect("person-detail", user_id=user_id)


class PersonActiveView(PeopleMixin, View):
    def post(self, request, user_id):
        person = get_object_or_404(User, pk=user_id)
        active = request.POST.get("active") == "true"
        try:
            services.set_person_active(user=person, active=active, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            state = "can sign in again" if active else "can no longer sign in"
            messages.success(request, f"{person.email} {state}.")
        return redirect("person-detail", user_id=user_id)
