"""Import an Annex B allocation table, and payments: upload, preview, confirm (core's import
views)."""

from django.urls import reverse

from grants import imports, services
from grants.views.base import DeterminationMixin
from sendtracker.core.imports.messages import row_errors_summary
from sendtracker.core.imports.options import SPREADSHEET_VALUES
from sendtracker.core.views.imports import ImportMixin


class DeterminationImport(DeterminationMixin, ImportMixin):
    """An import of records under one determination; back to its allocations when saved."""

    import_heading = ""
    headings: list[str] = []

    def import_target(self) -> str:
        return str(self.determination.pk)

    def import_context(self) -> dict:
        return {
            "determination": self.determination,
            "import_heading": self.import_heading,
            "headings": self.headings,
        }

    def preview_url(self, token: str) -> str:
        return reverse(self.preview_url_name, kwargs={"pk": self.determination.pk, "token": token})

    def imported_url(self, saved) -> str:
        return self.determination.get_absolute_url() + "#allocations"


class AllocationImport(DeterminationImport):
    """Allocations of one determination, created from an Annex B-like table."""

    import_kind = "grants-annex-b"
    upload_template = "grants/import_upload.html"
    import_heading = "Import allocations"
    headings = imports.HEADINGS
    preview_template = "grants/import_preview.html"
    preview_url_name = "grants:allocation-import-preview"
    file_label = "Upload an allocation table"
    file_help = "A CSV or Excel (XLSX) file of 2MB or less, with the headings of Annex B."
    # Annex B's cells are figures: a formula in one is refused, not read as its value.
    read_options = SPREADSHEET_VALUES | {"formulas": "refuse"}

    def get_spec(self, options):
        return imports.spec_for(self.determination)

    def fingerprint(self, options) -> str:
        return imports.fingerprint(self.determination)

    def preview_context(self, result, prepared, options) -> dict:
        return {
            "total": sum(r.values["total"] or 0 for r in result.rows),
            "pending": sum(1 for r in result.rows if r.values["total"] is None),
        }

    def save_import(self, result, prepared, options, filename):
        created = imports.save(
            determination=self.determination, by=self.request.user, rows=result.rows
        )
        return created, f"{len(created)} allocation{'s' if len(created) != 1 else ''} imported."


class PaymentImport(DeterminationImport):
    """Payments under one determination, matched by council and instalment (or
    reference, or date paid); the payments export's headings."""

    import_kind = "grants-payments"
    upload_template = "grants/payment_import_upload.html"
    import_heading = "Import payments"
    headings = imports.PAYMENT_HEADINGS
    preview_template = "grants/payment_import_preview.html"
    preview_url_name = "grants:payment-import-preview"
    file_label = "Upload the payments"
    file_help = "A CSV or Excel (XLSX) file of 2MB or less, with the headings below."
    read_options = SPREADSHEET_VALUES

    def get_spec(self, options):
        return imports.payment_spec(self.determination)

    def fingerprint(self, options) -> str:
        return imports.payments_fingerprint(self.determination)

    def prepare(self, result, options):
        return imports.compare_payments(self.determination, result.rows)

    def error_messages(self, result) -> list[str]:
        return row_errors_summary(result)

    def preview_context(self, result, prepared, options) -> dict:
        return {
            "counts": prepared.counts,
            "plural": "payments",
            "labels": {
                "create": "Payments to record",
                "update": "Payments to change",
                "unchanged": "Payments unchanged",
            },
        }

    def save_import(self, result, prepared, options, filename):
        services.import_payments(
            determination=self.determination, by=self.request.user, preview=prepared
        )
        return None, prepared.summary()
