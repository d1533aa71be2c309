"""Updating a row of a list where the user already is: one mechanism for every app.

A row (an action on a plan page, a milestone in a tree) has an "Update" link to its
short form. Without JavaScript the link opens the form on a page of its own; it posts
here, and the view redirects back to the list (`next`) with a success banner, or shows
the form again with a GOV.UK error summary. With htmx the same link fetches the row
with its form open (GET with HX-Request), the form posts with HX-Request, and the view
answers with the row itself, updated or with its errors, which htmx swaps in place;
`?view=row` fetches the row closed again (Cancel). Lists render no forms, so they stay
fast however long they are.

Subclasses give the name the form and the templates know the object by
(`context_object_name`) and the object (`get_object`, by default the view's
`get_<context_object_name>()`, as the apps' record mixins give it), the form (its
`initial_for(object)` is the form's initial), the service call (`service` or `run`),
the row template and what it needs (`get_row_context`), and where "back" is.
"""

from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from sendtracker.core.views.forms import ServiceFormView


class InPlaceUpdateView(ServiceFormView):
    row_template: str = ""  # the row, shown or with its form open, as swapped by htmx
    template_name: str = ""  # the form on a page of its own (no JavaScript)
    success_message: str = "Saved."
    context_object_name: str = ""  # e.g. "action": the form's keyword and the page's name

    def get_object(self):
        return getattr(self, f"get_{self.context_object_name}")()

    def get_initial(self):
        return self.form_class.initial_for(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), self.context_object_name: self.object}

    def get_default_next_url(self) -> str:
        raise NotImplementedError

    def get_row_context(self) -> dict:
        """What `row_template` needs besides the form, the row's state and `next`."""
        return {}

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.htmx:
            if request.GET.get("view") == "row":
                return self.render_row(None, editing=False)
            return self.render_row(self.get_form(), editing=True)
        return super().get(request, *args, **kwargs)

    def render_row(self, form, *, editing: bool, saved: bool = False):
        if editing and form is not None:
            # Move focus into the form htmx has just opened, for keyboard users.
            first = next((f for f in form.visible_fields()), None)
            if first is not None:
                first.field.widget.attrs["autofocus"] = True
        context = {
            "form": form,
            "editing": editing,
            "saved": saved,
            "next": self.get_next_url(),
            "stale_changes": self.stale_changes,
            "can_update": True,  # whoever may post here may update the row
            **self.get_row_context(),
        }
        return TemplateResponse(self.request, self.row_template, context)

    def get_next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return candidate
        return self.get_default_next_url()

    def saved(self, form):
        if self.request.htmx:
            self.object.refresh_from_db()
            return self.render_row(None, editing=False, saved=True)
        return super().saved(form)

    def already_sent(self, went_to: str):
        if self.request.htmx and went_to:  # the row as the first request left it
            self.object.refresh_from_db()
            return self.render_row(None, editing=False, saved=True)
        return super().already_sent(went_to)

    def form_invalid(self, form):
        if self.request.htmx:
            return self.render_row(form, editing=True)
        return super().form_invalid(form)

    def get_success_url(self):
        return self.get_next_url()

    def get_context_data(self, **kwargs):
        kwargs[self.context_object_name] = self.object
        return super().get_context_data(object=self.object, next=self.get_next_url(), **kwargs)
