"""Each role x each kind of page x own council / other council.

"Own" is Leicester (East Midlands) for every role; "other" is Cornwall (South West),
outside every scope below except the national ones.
"""

import pytest
from django.urls import reverse

from sendtracker.core.models import Council
from sendtracker.core.models.people import Role

pytestmark = pytest.mark.django_db

ROLES = {
    "officer": (Role.COUNCIL_OFFICER, "council"),
    "board": (Role.BOARD_MEMBER, "council"),
    "health": (Role.HEALTH_PARTNER, "council"),
    "adviser": (Role.ADVISER, "region"),
    "grants": (Role.GRANT_ADMINISTRATOR, None),
    "admin": (Role.SITE_ADMINISTRATOR, None),
    "none": (None, None),
}

# page kind -> {role: (own council status, other council status)}
EXPECTED = {
    "council-detail": {
        "officer": (200, 404),
        "board": (200, 404),
        "health": (200, 404),
        "adviser": (200, 404),
        "grants": (200, 200),
        "admin": (200, 200),
        "none": (404, 404),
    },
    "council-history": {
        "officer": (200, 404),
        "board": (200, 404),
        "health": (200, 404),
        "adviser": (200, 404),
        "grants": (200, 200),
        "admin": (200, 200),
        "none": (404, 404),
    },
    "council-edit": {
        "officer": (200, 404),
        "board": (403, 404),
        "health": (403, 404),
        "adviser": (403, 404),
        "grants": (403, 403),
        "admin": (200, 200),
        "none": (404, 404),
    },
}


@pytest.fixture
def other_council(db):
    return Council.objects.get(name="Cornwall")


@pytest.fixture
def user_for(make_user, leicester):
    def make(role_key):
        role, scope = ROLES[role_key]
        if scope == "council":
            return make_user(role, council=leicester)
        if scope == "region":
            return make_user(role, region=leicester.region)
        return make_user(role)

    return make


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("role_key", sorted(ROLES))
def test_page_answers_by_role_and_council(
    client, user_for, leicester, other_council, page, role_key
):
    client.force_login(user_for(role_key))
    own, other = EXPECTED[page][role_key]
    assert client.get(reverse(page, args=[leicester.slug])).status_code == own
    assert client.get(reverse(page, args=[other_council.slug])).status_code == other


@pytest.mark.parametrize("role_key", sorted(ROLES))
def test_post_to_council_edit_changes_only_what_the_role_may(
    client, user_for, leicester, other_council, role_key
):
    client.force_login(user_for(role_key))
    own, other = EXPECTED["council-edit"][role_key]
    for council, expected in ((leicester, own), (other_council, other)):
        response = client.post(
            reverse("council-edit", args=[council.slug]),
            {"improvement_board_name": "Forged board", "version": council.version},
        )
        council.refresh_from_db()
        if expected == 200:
            assert response.status_code == 302
            assert council.improvement_board_name == "Forged board"
        else:
            assert response.status_code == expected
            assert council.improvement_board_name != "Forged board"


@pytest.mark.parametrize(
    ("role_key", "sees_own", "sees_other", "count"),
    [
        ("officer", True, False, 1),
        ("board", True, False, 1),
        ("health", True, False, 1),
        ("adviser", True, False, 10),  # the 10 East Midlands councils
        ("grants", True, True, 153),
        ("admin", True, True, 153),
        ("none", False, False, 0),
    ],
)
def test_council_list_shows_only_councils_in_scope(
    client, user_for, leicester, other_council, role_key, sees_own, sees_other, count
):
    client.force_login(user_for(role_key))
    response = client.get(reverse("council-list"), {"per_page": 200})
    councils = list(response.context["table"].data)
    assert len(councils) == count
    assert (leicester in councils) is sees_own
    assert (other_council in councils) is sees_other


@pytest.mark.parametrize("section", ["inspections:home", "programmes:home", "grants:home"])
@pytest.mark.parametrize("role_key", sorted(ROLES))
def test_section_homes_answer_every_role(client, user_for, section, role_key):
    """What each section home lists is scoped; its app's tests check the rows."""
    client.force_login(user_for(role_key))
    assert client.get(reverse(section)).status_code == 200


# Every page signed out, and the admin site for every role: tests/core/test_url_access.py.


# The pages of one action of Leicester's: role -> (status update of an action the user
# leads, status update of one they do not lead, change of its details, sign-off).
ACTION_PAGES = {
    "officer": (200, 200, 200, 403),
    "board": (403, 403, 403, 200),
    "health": (200, 403, 403, 403),
    "adviser": (403, 403, 403, 403),
    "grants": (403, 403, 403, 403),
    "admin": (200, 200, 200, 403),
    "none": (404, 404, 404, 404),
}


@pytest.mark.parametrize("role_key", sorted(ROLES))
def test_action_pages_answer_by_role_and_lead(client, user_for, leicester, role_key):
    from tests.inspections.factories import ActionFactory, PlanFactory

    user = user_for(role_key)
    led, not_led = ActionFactory.create_batch(2, plan=PlanFactory(council=leicester))
    led.lead_users.add(user)

    def url(page, action):
        ids = {"plan_id": action.plan_id, "action_id": action.pk}
        return leicester.url_of(f"inspections:action-{page}", **ids)

    client.force_login(user)
    answers = tuple(
        client.get(url(page, action)).status_code
        for page, action in (("status", led), ("status", not_led), ("edit", led), ("sign-off", led))
    )
    assert answers == ACTION_PAGES[role_key]
