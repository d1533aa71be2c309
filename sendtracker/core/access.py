"""Who may see which councils: decided here, once, for every view and export.

`access_for(user)` reads a user's role assignments once per request (it is cached on
the user object) and answers in council and region ids. Querysets narrow themselves
with `ScopedQuerySet.visible_to(user)`, and `permissions.py` asks the same object.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection

from sendtracker.core.models.people import COUNCIL_ROLES, Role, RoleAssignment, User

_CACHE_ATTR = "_sendtracker_access"


@dataclass(frozen=True)
class Access:
    national: bool = False
    council_ids: frozenset[int] = field(default_factory=frozenset)
    region_ids: frozenset[int] = field(default_factory=frozenset)
    officer_council_ids: frozenset[int] = field(default_factory=frozenset)
    board_council_ids: frozenset[int] = field(default_factory=frozenset)
    health_council_ids: frozenset[int] = field(default_factory=frozenset)
    adviser_national: bool = False
    adviser_council_ids: frozenset[int] = field(default_factory=frozenset)
    adviser_region_ids: frozenset[int] = field(default_factory=frozenset)
    grant_administrator: bool = False
    site_administrator: bool = False

    @property
    def sees_anything(self) -> bool:
        return self.national or bool(self.council_ids or self.region_ids)

    @property
    def council_ids_beside_health(self) -> frozenset[int]:
        """The councils read by a role other than health partner (grants are not theirs)."""
        return self.officer_council_ids | self.board_council_ids | self.adviser_council_ids

    def can_read(self, council) -> bool:
        return (
            self.national or council.pk in self.council_ids or council.region_id in self.region_ids
        )

    def adviser_covers(self, council) -> bool:
        return (
            self.adviser_national
            or council.pk in self.adviser_council_ids
            or council.region_id in self.adviser_region_ids
        )


NO_ACCESS = Access()


def access_for(user) -> Access:
    """The councils and regions `user` may reach, from their role assignments."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = _role_rows(user.pk)
    officer, board, health, adv_councils, adv_regions = set(), set(), set(), set(), set()
    adviser_national = grant_admin = site_admin = False
    for role, council_id, region_id in rows:
        if role == Role.COUNCIL_OFFICER:
            officer.add(council_id)
        elif role == Role.BOARD_MEMBER:
            board.add(council_id)
        elif role == Role.HEALTH_PARTNER:
            health.add(council_id)
        elif role == Role.ADVISER:
            if council_id:
                adv_councils.add(council_id)
            elif region_id:
                adv_regions.add(region_id)
            else:
                adviser_national = True
        elif role == Role.GRANT_ADMINISTRATOR:
            grant_admin = True
        elif role == Role.SITE_ADMINISTRATOR:
            site_admin = True
    access = Access(
        national=adviser_national or grant_admin or site_admin,
        council_ids=frozenset(officer | board | health | adv_councils),
        region_ids=frozenset(adv_regions),
        officer_council_ids=frozenset(officer),
        board_council_ids=frozenset(board),
        health_council_ids=frozenset(health),
        adviser_national=adviser_national,
        adviser_council_ids=frozenset(adv_councils),
        adviser_region_ids=frozenset(adv_regions),
        grant_administrator=grant_admin,
        site_administrator=site_admin,
    )
    setattr(user, _CACHE_ATTR, access)
    return access


def _role_rows(user_id: int) -> list[tuple[str, int | None, int | None]]:
    """(role, council id, region id) of each of the user's role assignments.

    Every request of a signed-in user asks this, so it is one plain parameterised
    statement: building it with the ORM took longer than running it, a tenth of a
    status update's time (benchmarks/bench_plans.py).
    """
    with connection.cursor() as cursor:
        cursor.execute(_role_rows_sql(), [user_id])
        return cursor.fetchall()


@functools.cache
def _role_rows_sql() -> str:
    """The statement, with the table and column names the model gives."""
    meta, quote = RoleAssignment._meta, connection.ops.quote_name
    role, council, region, user = (
        quote(meta.get_field(name).column) for name in ("role", "council", "region", "user")
    )
    return f"SELECT {role}, {council}, {region} FROM {quote(meta.db_table)} WHERE {user} = %s"  # noqa: S608  # nosec B608


def forget_access(user) -> None:
    """Drop the cached access after the user's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def people_of_area(council):
    """The active people with a role on `council` (officers, board members, health
    partners): those who may lead its records."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__council=council,
            role_assignments__role__in=COUNCIL_ROLES,
        )
        .distinct()
        .order_by("job_title", "email")
    )
