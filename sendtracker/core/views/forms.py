"""One form view that calls a service: every app's form pages are this.

A page parses its form, calls one service (`run(form)`), and either shows the banner
and redirects, or shows the form again with the service's refusal as a GOV.UK error.
Most pages only name their service and form; `run` passes the form's values on.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.once import OneTimeToken

ALREADY_SENT = "This form was sent more than once. It has been saved once."


class ServiceFormView(FormView):
    """Parses the form, calls `run(form)` (the service), then banner and redirect.

    What `run` returns is kept as `self.result`. A DomainError becomes a form error: on
    its field when the form has that field, in the error summary otherwise. A
    StaleEditError also lists what changed (`stale_changes`) and puts the saved version
    into the form's `version`, so the next save is a deliberate one against it.

    A form sent again with the one-time token of a form already saved (core.once: a
    double click, a reloaded POST) saves nothing and goes where the first one went
    (`already_sent`); so a create page never makes a second record. Every service form
    is so protected unless it sets `one_time = False`.
    """

    # Read by PermissionMixin: a page that writes asks for "change_council" unless it
    # names another permission.
    writes = True
    heading = ""
    success_message = "Saved."
    stale_changes = ()
    # An edit page: its form starts from the record (`form_class.initial_for(record())`)
    # and carries the version it was opened at (the form's `versioned`).
    editing = False
    # The service `run` calls, as `service(by=user, **service_kwargs(), **form values)`.
    # A page whose call is not that shape writes its own `run` instead.
    service = None
    # The form's values the service takes; empty: all of them.
    service_fields: tuple[str, ...] = ()
    # Save at most once per one-time token (core.once).
    one_time = True

    def run(self, form):
        if self.service is None:
            raise NotImplementedError
        # Read from the class: a function read from the instance would be bound to it.
        service = type(self).service
        return service(by=self.request.user, **self.service_kwargs(), **self.form_values(form))

    def service_kwargs(self) -> dict:
        """What the service acts on besides the form's values, e.g. `{"allocation": ...}`."""
        return {}

    def form_values(self, form) -> dict:
        """The form's values for the service; its `version` is the `expected_version`."""
        values = self.cleaned_values(form)
        if self.service_fields:
            values = {name: values[name] for name in self.service_fields}
        values.pop("version", None)
        if "version" in form.cleaned_data:
            values["expected_version"] = form.cleaned_data["version"]
        return values

    def cleaned_values(self, form) -> dict:
        """The form's values as the service names them (a form may gather some fields)."""
        return dict(form.cleaned_data)

    def record(self):
        """The record an edit page changes (its version is the form's), if any."""
        return getattr(self, "object", None)

    def get_initial(self):
        if self.editing:
            return self.form_class.initial_for(self.record())
        return super().get_initial()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.editing:
            kwargs["versioned"] = True
        return kwargs

    def form_valid(self, form):
        token = OneTimeToken.sent_with(self.request) if self.one_time else None
        if token is not None and not token.claim():
            went_to = token.wait()
            # None: the first request was refused meanwhile and gave the token back.
            if went_to is not None or not token.claim():
                return self.already_sent(went_to or "")
        try:
            self.result = self.run(form)
        except DomainError as error:
            if token is not None:
                token.release()
            self.add_domain_error(form, error)
            return self.form_invalid(form)
        except BaseException:
            if token is not None:
                token.release()
            raise
        response = self.saved(form)
        if token is not None:
            token.saved(response.get("Location") or self.request.get_full_path())
        return response

    def already_sent(self, went_to: str):
        """The answer to a form sent again with a saved form's token: where the first
        went, with a banner; if the first is still being saved, a page saying so."""
        if went_to:
            messages.info(self.request, ALREADY_SENT)
            return HttpResponseRedirect(went_to)
        back = self.request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            back = "/"
        return render(self.request, "errors/already_sent.html", {"back": back}, status=409)

    def add_domain_error(self, form, error: DomainError) -> None:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        if isinstance(error, StaleEditError):
            self.stale_changes = error.changes
            record = self.record()
            if record is not None and "version" in form.fields:
                record.refresh_from_db()
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = record.version

    def saved(self, form):
        """The answer once the service has saved: the success banner, then a redirect."""
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self) -> str:
        return self.success_message

    def get_success_url(self) -> str:
        if self.success_url:
            return str(self.success_url)
        return self.result.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.heading)
        kwargs.setdefault("stale_changes", self.stale_changes)
        return super().get_context_data(**kwargs)
