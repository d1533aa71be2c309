"""Writes to the shared core: council details and role assignments."""

from sendtracker.core.access import forget_access
from sendtracker.core.errors import DomainError
from sendtracker.core.models import Council, Region, RoleAssignment, User
from sendtracker.core.models.people import COUNCIL_ROLES, NATIONAL_ROLES, Role
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import lock_checked
from sendtracker.core.writes import council_write, unique_or_refused


def update_council_details(
    *,
    council: Council,
    by: User,
    expected_version: int,
    local_offer_url: str,
    send_team_email: str,
    improvement_board_name: str,
    parent_carer_forum_name: str = "",
    parent_carer_forum_url: str = "",
) -> Council:
    """Save the details a council keeps about itself, refusing a stale form.

    `expected_version` is the version the form was opened at; if someone saved in
    between, nothing is written and the error lists what they changed.
    """
    new_values = {
        "local_offer_url": local_offer_url,
        "send_team_email": send_team_email,
        "improvement_board_name": improvement_board_name,
        "parent_carer_forum_name": parent_carer_forum_name.strip(),
        "parent_carer_forum_url": parent_carer_forum_url,
    }
    with council_write(council, by=by, parts=()):
        current = lock_checked(
            council,
            expected_version,
            what="details",
            fields=new_values,
            message="Someone else saved these details after you opened this page. "
            "Your changes have not been saved. Check their changes and try again.",
        )
        save_new_version(current, new_values)
    return current


def grant_role(
    *,
    user: User,
    role: str,
    by: User | None = None,
    council: Council | None = None,
    region: Region | None = None,
) -> RoleAssignment:
    """Give `user` a role on a scope (idempotent)."""
    role = Role(role)
    if role in COUNCIL_ROLES and (council is None or region is not None):
        raise DomainError(f"A {role.label.lower()} holds the role on one council.", field="council")
    if role in NATIONAL_ROLES and (council is not None or region is not None):
        raise DomainError(f"A {role.label.lower()} holds the role nationally.", field="council")
    if role == Role.ADVISER and council is not None and region is not None:
        raise DomainError("An adviser holds a role on a council or on a region, not both.")
    if by is not None and by.pk == user.pk and role in COUNCIL_ROLES:
        # A site administrator who made themselves a board member could sign off actions.
        raise DomainError(
            "You cannot give yourself a role on a council. Ask another administrator.",
            field="role",
        )
    with council_write(by=by):
        assignment, _ = RoleAssignment.objects.get_or_create(
            user=user, role=role, council=council, region=region
        )
    forget_access(user)
    return assignment


def revoke_role(*, assignment: RoleAssignment, by: User | None = None) -> None:
    """Take a role away. A site administrator cannot remove their own administration."""
    if (
        by is not None
        and assignment.user_id == by.pk
        and assignment.role == Role.SITE_ADMINISTRATOR
    ):
        raise DomainError("You cannot remove your own site administrator role.")
    with council_write(by=by):
        assignment.delete()
    forget_access(assignment.user)


def add_person(*, email: str, name: str = "", job_title: str = "", by: User | None = None) -> User:
    """Create an account with no usable password; the person sets one from an email link."""
    email = User.objects.normalize_email(email.strip()).lower()
    taken = "Someone with this email address already has an account"
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(taken, field="email")
    with council_write(by=by), unique_or_refused(taken, field="email"):
        user = User(email=email, name=name.strip(), job_title=job_title.strip())
        user.set_unusable_password()
        user.save()
    return user


def set_person_active(*, user: User, active: bool, by: User | None = None) -> User:
    """Let a person sign in again, or stop them; their records and history stay."""
    if by is not None and user.pk == by.pk and not active:
        raise DomainError("You cannot deactivate your own account.")
    with council_write(by=by):
        user.is_active = active
        user.save(update_fields=["is_active"])
    forget_access(user)
    return user
