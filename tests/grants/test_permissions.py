import pytest

from sendtracker.core.models.people import Role
from sendtracker.core.permissions import PERMISSIONS, has_permission

pytestmark = pytest.mark.django_db


def test_submit_usage_statement_is_registered():
    """The usage statement form is guarded by the rule the tests below check."""
    from grants.views.edits import UsageStatementCreateView
    from sendtracker.core.permissions import can_submit_usage_statement

    assert UsageStatementCreateView.permission == "submit_usage_statement"
    assert PERMISSIONS["submit_usage_statement"] is can_submit_usage_statement


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        (Role.COUNCIL_OFFICER, True, False),
        (Role.BOARD_MEMBER, False, False),
        (Role.ADVISER, False, False),
        (Role.GRANT_ADMINISTRATOR, True, True),
        (Role.SITE_ADMINISTRATOR, True, True),
    ],
)
def test_who_may_submit_usage_statements(make_user, leicester, nelincs, role, own, other):
    if role in {Role.COUNCIL_OFFICER, Role.BOARD_MEMBER}:
        user = make_user(role, council=leicester)
    elif role == Role.ADVISER:
        user = make_user(role, region=leicester.region)
    else:
        user = make_user(role)
    assert has_permission(user, "submit_usage_statement", leicester) is own
    assert has_permission(user, "submit_usage_statement", nelincs) is other


def test_user_without_a_role_may_submit_nothing(make_user, leicester):
    assert not has_permission(make_user(), "submit_usage_statement", leicester)
