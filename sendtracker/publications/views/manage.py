"""The council's publishing pages: choices, publish, withdraw, and who may publish."""

from django.urls import reverse
from django.views.generic import TemplateView

from inspections import selectors as plans
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilRecordMixin, CouncilScopedMixin

from .. import selectors, services
from ..forms import PublishForm, PublishingChoicesForm, PublishingRightsForm, WithdrawForm
from ..models import Field


class PublishingMixin(CouncilRecordMixin):
    """The URL's plan, found with its council in one query, then the council's scope: a
    plan of another council, or of one the user may not see, is a 404."""

    find_record = staticmethod(plans.plan_at)

    def service_kwargs(self):
        return {"plan": self.plan}

    def publishing_url(self) -> str:
        return self.council.url_of("publications:publishing", plan_id=self.plan.pk)

    def latest_version(self) -> int:
        current = services.current_publication(self.plan)
        return current.version if current else 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, back_url=self.publishing_url(), **kwargs)


class PublishingView(PublishingMixin, TemplateView):
    """Where the plan stands: its public version, its versions, what publishing now
    would change."""

    template_name = "publications/publishing.html"

    def get_context_data(self, **kwargs):
        versions = selectors.publications_of(self.plan)
        current = versions[0] if versions else None
        _, changes = services.preview(self.plan)
        if current is not None and not current.is_public and not changes:
            changes = ["Published again, unchanged."]
        publishing = services.publishing_of(self.plan)
        return super().get_context_data(
            versions=versions,
            current=current,
            changes=changes,
            internal_labels=[Field(name).label for name in publishing.internal_fields],
            **kwargs,
        )


class PublishingFormView(PublishingMixin, ServiceFormView):
    template_name = "publications/form.html"

    def get_success_url(self):
        return self.publishing_url()

    def get_initial(self):
        return {"version": self.latest_version()}


class PublishingChoicesView(PublishingFormView):
    form_class = PublishingChoicesForm
    heading = "Choose what is published"
    success_message = "Publishing choices saved. Publish the plan again to show them."
    service = services.save_publishing_choices

    def get_form_kwargs(self):
        areas, _ = plans.plan_for_publication(self.plan)
        return {**super().get_form_kwargs(), "areas": areas}

    def get_initial(self):
        publishing = services.publishing_of(self.plan)
        areas, _ = plans.plan_for_publication(self.plan)
        return {
            "internal_fields": publishing.internal_fields,
            "next_update_due": publishing.next_update_due,
            "version": publishing.version,
            **{
                f"family_{area.pk}": publishing.family_summaries.get(str(area.pk), "")
                for area in areas
            },
        }

    def cleaned_values(self, form):
        return {
            "internal_fields": form.cleaned_data["internal_fields"],
            "next_update_due": form.cleaned_data["next_update_due"],
            "family_summaries": form.family_summaries(),
            "version": form.cleaned_data["version"],
        }


class PublishView(PublishingFormView):
    permission = "publish"
    form_class = PublishForm
    heading = "Publish the plan for families"
    service = services.publish_plan

    def get_success_message(self):
        return f"Version {self.result.version} published. The public page now shows it."

    def get_context_data(self, **kwargs):
        _, changes = services.preview(self.plan)
        return super().get_context_data(changes=changes, **kwargs)


class WithdrawView(PublishingFormView):
    permission = "publish"
    form_class = WithdrawForm
    heading = "Withdraw the public page"
    service = services.withdraw_plan
    success_message = "The plan's public page is withdrawn. It can be published again."


class PublishingRightsView(CouncilScopedMixin, ServiceFormView):
    """The board's choice whether officers publish too."""

    permission = "sign_off"
    template_name = "publications/form.html"
    form_class = PublishingRightsForm
    heading = "Who may publish plans"
    service = services.allow_officers_to_publish
    success_message = "Saved who may publish plans."

    def get_initial(self):
        return {"allowed": "yes" if self.council.officers_may_publish else "no"}

    def get_success_url(self):
        return reverse("council-detail", kwargs={"council_slug": self.council.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(back_url=self.get_success_url(), **kwargs)
