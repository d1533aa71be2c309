"""Upload, preview, confirm: the one way a table is imported, whatever it holds.

An import is a class with the hooks below (`ImportMixin`), combined with the app's
permission mixin and one of two views: `ImportUploadView` (GET the form; POST reads
and checks the file, keeps a valid one as a preview and redirects to it) and
`ImportPreviewView` (GET shows what will change; POST saves exactly that, if the
records have not changed since, and redirects). Nothing is written before the
confirmation, and the save is the import's own service (one transaction).

A `streamed` import never holds the file's rows: the upload is read row by row
(`iter_table`, `ImportSpec.stream`) and `prepare` reads the rows as they come, keeping
what the preview shows (counts, the first changes); the file itself is the preview
(`PreviewStore.save_file`), read again to show the preview, and once more, by
`save_import`, to save it (checking each row as it goes). Memory then grows with the
file's size, not its rows.

Templates `imports/upload.html` and `imports/preview.html` give the GOV.UK pages
with blocks an import fills (its caption, introduction and table of rows).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.generic import View

from sendtracker.core import ratelimit
from sendtracker.core.errors import DomainError
from sendtracker.core.forms import GDSFormMixin
from sendtracker.core.imports import (
    ImportFileError,
    PreviewError,
    PreviewStore,
    iter_table,
    read_table,
)
from sendtracker.core.imports.reader import formats_label


class UploadForm(GDSFormMixin, forms.Form):
    """The file (and, in a subclass, whatever the import needs to know with it)."""

    file = forms.FileField(label="Upload a file")
    submit_label = "Preview import"
    fields_before_file: tuple[str, ...] = ()

    def __init__(self, *args, file_label="", file_help="", formats=("csv", "xlsx"), **kwargs):
        super().__init__(*args, **kwargs)
        what = formats_label(formats)
        field = self.fields["file"]
        field.label = file_label or field.label
        field.help_text = file_help
        field.error_messages = {
            "required": f"Select a {what} file",
            "empty": "The selected file is empty",
            "invalid": f"Select a {what} file",
        }
        self.helper = self.build_helper(*self.fields_before_file, "file")

    def options(self) -> dict:
        """What the import needs besides the file, as JSON (kept with the preview)."""
        return {}


class ConfirmImportForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)


def _problems(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''}"


class ImportMixin:
    """What one kind of import is: its spec, its target's state, and its save.

    `prepare(result, options)` may compare the parsed rows with the records (adding
    errors to rows the services would refuse) and returns what the preview shows and
    the save writes; `save_import(...)` writes it through the app's services and
    returns the message to show.

    A `streamed` import's `prepare` is given a StreamedResult, whatever its rows' errors,
    and reads its rows once (those with errors need not be compared); its
    `save_import` is given a fresh, unread StreamedResult of the same file and no
    `prepared` (the file is not read a fourth time): it must check each row as it
    writes it and write all or nothing (one transaction), and nothing at all, not even
    a version, for a file that changes nothing.
    """

    import_kind = ""  # names the previews in the session, with import_target()
    upload_template = "imports/upload.html"
    preview_template = "imports/preview.html"
    form_class = UploadForm
    file_label = "Upload a file"
    file_help = ""
    preview_url_name = ""
    read_options: dict = {}  # read_table's keyword arguments (limits, formats, ...)
    streamed = False  # keep the file, not its rows, and read it row by row

    # -- hooks ---------------------------------------------------------------------
    def import_target(self) -> str:
        raise NotImplementedError

    def get_spec(self, options: dict):
        raise NotImplementedError

    def fingerprint(self, options: dict) -> str:
        raise NotImplementedError

    def prepare(self, result, options: dict):
        return None

    def save_import(self, result, prepared, options: dict, filename: str):
        raise NotImplementedError

    def imported_url(self, saved) -> str:
        raise NotImplementedError

    def preview_url(self, token: str) -> str:
        raise NotImplementedError

    def import_context(self) -> dict:
        """What both pages show about the target (its record, its name)."""
        return {}

    def preview_context(self, result, prepared, options: dict) -> dict:
        return {}

    def error_messages(self, result) -> list[str]:
        """Messages for the error summary besides the count of problems (e.g. each
        problem's row and column); the page's table lists them all."""
        return []

    def form_kwargs(self) -> dict:
        return {
            "file_label": self.file_label,
            "file_help": self.file_help,
            "formats": self.read_options.get("formats", ("csv", "xlsx")),
        }

    # -- shared steps --------------------------------------------------------------
    def store(self) -> PreviewStore:
        return PreviewStore(
            self.request.session, kind=self.import_kind, target=self.import_target()
        )

    def read_stream(self, upload, options: dict):
        """`upload` read and parsed row by row, as the rows are iterated (streamed)."""
        spec = self.get_spec(options)
        return spec.stream(iter_table(upload, is_header=spec.is_header, **self.read_options))

    def check_stream(self, upload, options: dict):
        """Read, parse and prepare `upload` row by row: (StreamedResult, prepared)."""
        result = self.read_stream(upload, options)
        prepared = self.prepare(result, options)
        return result.finish(), prepared

    def limits(self) -> dict:
        options = self.read_options
        return {
            "max_mb": options.get("max_bytes", 2 * 1024 * 1024) // (1024 * 1024),
            "max_rows": options.get("max_rows", 1000),
            "max_expanded_mb": (options.get("max_expanded") or settings.IMPORT_MAX_EXPANDED_BYTES)
            // (1024 * 1024),
            "formats": formats_label(options.get("formats", ("csv", "xlsx"))),
        }

    def render_upload(self, form, *, result=None, prepared=None):
        context = {"form": form, "result": result, "prepared": prepared, "limits": self.limits()}
        return render(self.request, self.upload_template, context | self.import_context())

    def refuse(self, message: str):
        """The upload page, saying why a preview could not be used."""
        form = self.form_class(data={}, files={}, **self.form_kwargs())
        form.is_valid()
        form._errors = forms.utils.ErrorDict()
        form.add_error("file", message)
        return self.render_upload(form)


class ImportUploadView(ImportMixin, View):
    """GET: the upload form. POST: read and check the file; preview it if all is well."""

    def get(self, request, *args, **kwargs):
        return self.render_upload(self.form_class(**self.form_kwargs()))

    def post(self, request, *args, **kwargs):
        # Reading a file costs seconds and memory: uploads count against the user's
        # IMPORT_UPLOAD_RATE, whatever they import.
        refused = ratelimit.refusal(
            request,
            group="import-uploads",
            rate=settings.IMPORT_UPLOAD_RATE,
            wording=ratelimit.IMPORTS,
        )
        if refused is not None:
            return refused
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs())
        if not form.is_valid():
            return self.render_upload(form)
        options = form.options()
        spec = self.get_spec(options)
        upload = form.cleaned_data["file"]
        try:
            if self.streamed:
                result, prepared = self.check_stream(upload, options)
            else:
                table = read_table(upload, is_header=spec.is_header, **self.read_options)
        except ImportFileError as error:
            form.add_error("file", error.message)
            return self.render_upload(form)
        if not self.streamed:
            result = spec.parse(table)
            prepared = self.prepare(result, options) if result.valid else None
        if not result.valid:
            form.add_error(
                "file",
                f"The file has {_problems(result.error_count)}. Nothing has been saved. "
                "Correct the file and upload it again",
            )
            for message in self.error_messages(result):
                form.add_error("file", message)
            return self.render_upload(form, result=result, prepared=prepared)
        kept = {
            "fingerprint": self.fingerprint(options),
            "filename": upload.name,
            "options": options,
            "columns": {"mapping": result.mapping, "ignored": result.ignored},
        }
        if self.streamed:
            upload.seek(0)
            token = self.store().save_file(data=upload.read(), user=request.user, **kept)
        else:
            token = self.store().save(rows=result.raw_rows(), **kept)
        return redirect(self.preview_url(token))


class ImportPreviewView(ImportMixin, View):
    """GET: what the import will change. POST: change exactly that, if nothing else has."""

    def stored_preview(self, token):
        """(store, preview, options), or PreviewError if it is gone, used or stale."""
        store = self.store()
        preview = store.get(token, fingerprint=self.fingerprint(store.options_of(token)))
        return store, preview, preview.get("options") or {}

    def load_preview(self, token):
        store, preview, options = self.stored_preview(token)
        if self.streamed:
            try:
                result, prepared = self.check_stream(store.file_of(preview), options)
            except ImportFileError as error:  # pragma: no cover - the file was read before
                raise PreviewError(error.message) from None
        else:
            result = self.get_spec(options).parse_rows(preview["rows"])
            columns = preview.get("columns") or {}
            result.mapping = [tuple(pair) for pair in columns.get("mapping", [])]
            result.ignored = columns.get("ignored", [])
            prepared = self.prepare(result, options) if result.valid else None
        if not result.valid:  # pragma: no cover - the fingerprint catches what would change
            raise PreviewError("The file no longer passes its checks. Upload it again")
        return store, preview, result, prepared, options

    def get(self, request, *args, token, **kwargs):
        try:
            _, preview, result, prepared, options = self.load_preview(token)
        except PreviewError as error:
            return self.refuse(error.message)
        context = {
            "result": result,
            "prepared": prepared,
            "filename": preview["filename"],
            "form": ConfirmImportForm(initial={"digest": preview["digest"]}),
            "options": options,
        }
        context |= self.import_context() | self.preview_context(result, prepared, options)
        return render(request, self.preview_template, context)

    def post(self, request, *args, token, **kwargs):
        form = ConfirmImportForm(request.POST)
        try:
            if self.streamed:
                # Read once more, to save: the save checks each row as it writes it.
                store, preview, options = self.stored_preview(token)
                store.check_digest(preview, form.data.get("digest", ""))
                result, prepared = self.read_stream(store.file_of(preview), options), None
            else:
                store, preview, result, prepared, options = self.load_preview(token)
                store.check_digest(preview, form.data.get("digest", ""))
        except PreviewError as error:
            return self.refuse(error.message)
        try:
            saved, message = self.save_import(result, prepared, options, preview["filename"])
        except ImportFileError as error:  # pragma: no cover - the file was read before
            return self.refuse(f"{error.message}. Nothing has been saved")
        except DomainError as error:
            return self.refuse(f"{error.message}. Nothing has been saved")
        store.discard(token)
        messages.success(request, message)
        return redirect(self.imported_url(saved))
