"""Property-based tests of every form page (issue 21): whatever is typed into a form's
fields (huge numbers, 20-digit date parts, 1e309, NaN, control and bidirectional
characters, other scripts' digits, nothing), the page never answers a server error,
and a form shown again with its errors has saved nothing.

The pages are every FormView in the URL conf (world.FORM_PAGES, checked against it),
each used by the first role that may open it. Hypothesis's examples share one database
transaction (pytest-django rolls back once, after the test), so each example compares
the row counts of every table before and after its own request.
"""

import pytest
from django.core.exceptions import ValidationError
from django.forms import ChoiceField, MultiWidget
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.edit import FormMixin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.import_pages import row_counts

from .world import FORM_PAGES, build, shown_at, url_of

# Whoever may open a page first: no one (the sign-in pages), then the council's own
# roles, then the national ones.
ROLES = [None, "officer", "board_member", "adviser", "grant_administrator", "site_administrator"]

# What people (and attackers) type that forms have failed on, or might.
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "1e308",
    "NaN",
    "inf",
    "9" * 20,
    "9" * 40,
    "99999999999999999999.99",
    "1.005",
    "£1,234.56",
    "31",
    "12",
    "2024",
    "29",
    "0000",
    "\x00",
    "\x1b[31m",
    "1.1\n2.2",
    "\u202e1.1",
    "٣",
    "１２",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "a" * 5000,
    "2024-02-30",
    "31/02/2024",
    "true",
]
EXAMPLES = 10
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# A pack's only field is its marking: a valid one builds a PDF in the request, so its
# pages get hostile markings only (tests/packs covers the valid ones).
NO_VALID_CHOICES = {"packs:plan-pack", "packs:council-pack", "packs:region-pack"}


def form_pages() -> set[str]:
    """The URL names of every page whose view is a form view."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}".strip(":") if inner else namespace,
                )
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view and issubclass(view, FormMixin) and hasattr(view, "post"):
                    yield f"{namespace}:{pattern.name}".strip(":")

    return set(walk(get_resolver().url_patterns))


def test_every_form_page_is_listed():
    assert form_pages() == set(FORM_PAGES)


def inputs(form, *, valid_choices: bool) -> dict:
    """{input name: strategy} for each input of `form` (a date field is three):
    hostile text, any short text, and the values a user would give (what the form
    started with, its choices)."""
    strategies = {}
    for name, field in form.fields.items():
        bound = form[name]
        html_name = bound.html_name
        good = ["1", "12", "2024", "Leicester"]
        initial = bound.value()
        widget = field.widget
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(initial) if initial else []
            for index, suffix in enumerate(widget.widgets_names):
                sensible = good + (
                    [str(parts[index])] if index < len(parts) and parts[index] else []
                )
                strategies[f"{html_name}{suffix}"] = _values(sensible)
            continue
        if initial not in (None, ""):
            good.append(str(initial))
        if isinstance(field, ChoiceField) and valid_choices:
            good += [str(value) for value, _ in field.choices if value not in ("", None)][:20]
        strategies[html_name] = _values(good)
    return strategies


def _values(good):
    return st.one_of(
        st.sampled_from(good),
        st.sampled_from(HOSTILE),
        st.text(max_size=30),
        st.integers().map(str),
        st.none(),  # the input left out of the post altogether
    )


@pytest.fixture
def world(leicester, grant_administrator):
    return build(leicester, grant_administrator=grant_administrator)


def open_page(client, request, name, world):
    """(url, form) of the page `name`, signed in as the first role that may open it."""
    url, page = url_of(name, world), shown_at(name, world)
    for role in ROLES:
        client.logout()
        if role:
            client.force_login(request.getfixturevalue(role))
        response = client.get(page, follow=name == "password_reset_confirm")
        if getattr(response, "redirect_chain", None):
            url = response.redirect_chain[-1][0]  # a reset link moves its token away
        if response.status_code == 200 and response.context and "form" in response.context:
            return url, response.context["form"]
    pytest.fail(f"No role may open {name} at {url}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORM_PAGES))
def test_no_form_page_fails_or_half_saves_whatever_is_typed(client, request, world, name):
    url, form = open_page(client, request, name, world)
    fields = inputs(form, valid_choices=name not in NO_VALID_CHOICES)

    @PROPERTY
    @given(st.fixed_dictionaries(fields))
    def submit(data):
        before = row_counts()
        posted = {key: value for key, value in data.items() if value is not None}
        response = client.post(url, posted)  # a server error raises here
        assert response.status_code in (200, 302, 403, 404, 429), response.status_code
        if response.status_code != 302:
            assert row_counts() == before, posted

    submit()


@pytest.mark.django_db
def test_an_id_too_big_for_the_database_is_a_choice_not_on_offer(leicester):
    from sendtracker.core.forms import optional_choices
    from sendtracker.core.models import Council

    field = optional_choices(
        "Councils", Council.objects.all(), invalid_message="Choose councils from the list"
    )
    with pytest.raises(ValidationError, match="Choose councils from the list"):
        field.clean([str(leicester.pk), "99999999999999999999"])
    assert list(field.clean([str(leicester.pk)])) == [leicester]
