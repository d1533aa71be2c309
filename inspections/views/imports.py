"""Import a plan's table (XLSX, CSV or Word): into a new plan, or into an existing one.

Officers of the council and site administrators only ("change_council"); the pages are
core's upload → preview → confirm (sendtracker.core.views.imports), streamed: a plan's
file may have thousands of rows, so they are read one at a time, compared with the
plan as they come and, on confirming, read again from the kept file and saved.
"""

from django.urls import reverse

from sendtracker.core.errors import DomainError
from sendtracker.core.imports.messages import row_errors_summary
from sendtracker.core.views.imports import ImportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import imports, services
from ..forms_imports import NewPlanImportForm, PlanImportForm
from ..services.plans import check_new_plan
from .mixins import PlanMixin


class PlanImport(ImportMixin):
    """What both plan imports share: the plan's spec, its comparison and its save."""

    upload_template = "inspections/import_upload.html"
    preview_template = "inspections/import_preview.html"
    file_label = "Upload the plan"
    file_help = "An Excel (XLSX), CSV or Word (DOCX) file of 5MB or less, with one row an action."
    read_options = imports.READ_OPTIONS
    streamed = True

    def target_plan(self):
        return None

    def get_spec(self, options):
        return imports.spec()

    def fingerprint(self, options) -> str:
        return imports.fingerprint(self.council, self.target_plan())

    def prepare(self, result, options):
        """The rows compared with the plan as they are read (those without errors)."""
        try:
            target = imports.target_for(self.council, options, self.target_plan())
        except LookupError as error:
            result.file_errors.append(str(error))
            return None
        if result.file_errors:
            return None
        comparison = imports.Comparison(target)
        for row in result:
            if not row.errors:
                comparison.add(row)
        preview = comparison.preview()
        preview.target = target
        return preview

    def error_messages(self, result) -> list[str]:
        return row_errors_summary(result)

    def save_import(self, result, prepared, options, filename):
        plan = self.target_plan()
        try:
            target = imports.target_for(self.council, options, plan)
        except LookupError as error:  # pragma: no cover - the preview found it
            raise DomainError(str(error)) from None
        plan, saved = services.import_plan_rows(
            council=self.council,
            by=self.request.user,
            rows=result,
            target=target,
            filename=filename,
            plan=plan,
            plan_values=None if plan else imports.plan_values(options, target),
        )
        return plan, imports.summary(saved)

    def imported_url(self, saved) -> str:
        return saved.get_absolute_url()

    def preview_context(self, result, prepared, options) -> dict:
        return {
            "counts": imports.counts(prepared),
            "new_plan": options if self.target_plan() is None else None,
            "target": prepared.target,
            "status_key": self.target_plan().status_key if self.target_plan() else None,
        }

    def import_context(self) -> dict:
        return {
            "council": self.council,
            "plan": self.target_plan(),
            "headings": imports.EXPORT_HEADINGS,
        }


class NewPlanImport(CouncilScopedMixin, PlanImport):
    """A file that becomes a new plan: its kind, title and inspection checked first."""

    permission = "change_council"
    import_kind = "plan-new"
    form_class = NewPlanImportForm

    def import_target(self) -> str:
        return str(self.council.pk)

    def prepare(self, result, options):
        preview = super().prepare(result, options)
        if preview is not None:
            try:
                check_new_plan(council=self.council, **imports.plan_values(options, preview.target))
            except DomainError as error:
                result.file_errors.append(error.message)
        return preview

    def form_kwargs(self) -> dict:
        return super().form_kwargs() | {"council": self.council}

    def preview_url(self, token: str) -> str:
        return reverse(
            "inspections:plan-import-new-preview",
            kwargs={"council_slug": self.council.slug, "token": token},
        )


class ExistingPlanImport(PlanMixin, PlanImport):
    permission = "change_council"
    import_kind = "plan"
    form_class = PlanImportForm

    def target_plan(self):
        return self.plan

    def import_target(self) -> str:
        return str(self.plan.pk)

    def preview_url(self, token: str) -> str:
        return reverse(
            "inspections:plan-import-preview",
            kwargs={"council_slug": self.council.slug, "plan_id": self.plan.pk, "token": token},
        )
