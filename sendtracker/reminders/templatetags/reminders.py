from django import template

from ..forms import ReminderChoicesForm
from ..services import reminder_choices

register = template.Library()


@register.inclusion_tag("reminders/choices_form.html", takes_context=True)
def reminder_choices_form(context):
    """The account page's form of optional reminders, posting to their own page."""
    user = context["request"].user
    return {
        "form": ReminderChoicesForm(initial={"kinds": reminder_choices(user)}),
        "csrf_token": context.get("csrf_token"),
    }
