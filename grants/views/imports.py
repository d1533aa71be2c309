"""Import an Annex B allocation table: upload, preview, confirm."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import View

from grants import imports
from grants.views.base import DeterminationMixin
from sendtracker.core.errors import DomainError
from sendtracker.core.forms import GDSFormMixin
from sendtracker.core.imports import ImportFileError, PreviewError, PreviewStore, read_table
from sendtracker.core.imports.reader import MAX_BYTES

KIND = "grants-annex-b"


class UploadForm(GDSFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload an allocation table",
        help_text="A CSV or Excel (XLSX) file of 2MB or less, with the headings of Annex B.",
        error_messages={
            "required": "Select a CSV or Excel (XLSX) file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel (XLSX) file",
        },
    )
    submit_label = "Preview import"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper("file")


def render_upload(request, determination, form, *, result=None):
    return render(
        request,
        "grants/import_upload.html",
        {
            "determination": determination,
            "form": form,
            "result": result,
            "headings": imports.HEADINGS,
        },
    )


def refused_form(message: str) -> UploadForm:
    """An upload form showing why the previous preview could not be used."""
    form = UploadForm(data={}, files={})
    form.errors["file"] = form.error_class([message])
    return form


class ConfirmImportForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)


class AllocationImportView(DeterminationMixin, View):
    """GET: the upload form. POST: read and check the file; preview it if all rows are valid."""

    def store(self):
        return PreviewStore(self.request.session, kind=KIND, target=str(self.determination.pk))

    def render_upload(self, form, *, result=None):
        return render_upload(self.request, self.determination, form, result=result)

    def get(self, request, *args, **kwargs):
        return self.render_upload(UploadForm())

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload, max_bytes=MAX_BYTES)
        except ImportFileError as error:
            form.add_error("file", error.message)
            return self.render_upload(form)
        result = imports.spec_for(self.determination).parse(table)
        if not result.valid:
            form.add_error(
                "file",
                f"The file has {result.error_count} problem{'s' if result.error_count > 1 else ''}."
                f" Nothing has been saved. Correct the file and upload it again",
            )
            return self.render_upload(form, result=result)
        token = self.store().save(
            rows=result.raw_rows(),
            fingerprint=imports.fingerprint(self.determination),
            filename=upload.name,
        )
        return redirect(
            reverse(
                "grants:allocation-import-preview",
                kwargs={"pk": self.determination.pk, "token": token},
            )
        )


class AllocationImportPreviewView(DeterminationMixin, View):
    """GET: what will be created. POST: create exactly that, if nothing changed since."""

    def load_preview(self, token):
        store = PreviewStore(self.request.session, kind=KIND, target=str(self.determination.pk))
        preview = store.get(token, fingerprint=imports.fingerprint(self.determination))
        result = imports.spec_for(self.determination).parse_rows(preview["rows"])
        if not result.valid:  # pragma: no cover - the fingerprint catches what would change
            raise PreviewError("The file no longer passes its checks. Upload it again")
        return store, preview, result

    def refuse(self, message):
        form = UploadForm()
        form.is_bound = True
        form._errors = forms.utils.ErrorDict()
        form.cleaned_data = {}
        form.add_error("file", message)
        return AllocationImportView(
            request=self.request, determination=self.determination
        ).render_upload(form)

    def get(self, request, *args, token, **kwargs):
        try:
            _, preview, result = self.load_preview(token)
        except PreviewError as error:
            return self.refuse(error.message)
        return render(
            request,
            "grants/import_preview.html",
            {
                "determination": self.determination,
                "result": result,
                "filename": preview["filename"],
                "form": ConfirmImportForm(initial={"digest": preview["digest"]}),
                "total": sum(r.values["total"] or 0 for r in result.rows),
                "pending": sum(1 for r in result.rows if r.values["total"] is None),
            },
        )

    def post(self, request, *args, token, **kwargs):
        form = ConfirmImportForm(request.POST)
        try:
            store, preview, result = self.load_preview(token)
            store.check_digest(preview, form.data.get("digest", ""))
        except PreviewError as error:
            return self.refuse(error.message)
        try:
            created = imports.save(
                determination=self.determination, by=request.user, rows=result.rows
            )
        except DomainError as error:
            return self.refuse(f"{error.message}. Nothing has been saved")
        store.discard(token)
        messages.success(
            request, f"{len(created)} allocation{'s' if len(created) != 1 else ''} imported."
        )
        return redirect(self.determination.get_absolute_url() + "#allocations")
