"""Who may do what: small pure functions over a user's Access and a record.

Views name a permission and its object through `core.views.mixins.PermissionMixin`
(`permission = "sign_off"`; a form page names none and gets "change_council") and reach
these through `has_permission`; templates through the `can` tag. Nothing else checks
roles.
"""

from collections.abc import Callable

from sendtracker.core.access import access_for


def can_view_council(user, council) -> bool:
    return access_for(user).can_read(council)


def can_change_council(user, council) -> bool:
    """Officers edit their own council's records; site administrators any."""
    access = access_for(user)
    return council.pk in access.officer_council_ids or access.site_administrator


def can_update_action(user, action) -> bool:
    """Officers (and site administrators) update any action of their council; a health
    partner of the council only the actions they lead, and nothing else.

    `action` offers `council` and `led_by(user)` (inspections.Action does); a council
    itself has no leads, so on a council this is `can_change_council`.
    """
    council = getattr(action, "council", action)
    if can_change_council(user, council):
        return True
    if council.pk not in access_for(user).health_council_ids:
        return False
    led_by = getattr(action, "led_by", None)
    return led_by is not None and bool(led_by(user))


ALL, LED, NONE = "all", "led", "none"


def actions_updatable_by(user, council) -> str:
    """Which of the council's actions `user` may update (can_update_action): ALL, LED
    (those they lead, a health partner) or NONE; for a list of many actions at once."""
    if can_change_council(user, council):
        return ALL
    return LED if council.pk in access_for(user).health_council_ids else NONE


def can_sign_off(user, council) -> bool:
    """Only an improvement board member of the council signs its actions off."""
    return council.pk in access_for(user).board_council_ids


def can_publish(user, council) -> bool:
    """A board member of the council publishes its plans for families (and withdraws
    them); its officers too when the council has given them the right
    (`Council.officers_may_publish`)."""
    access = access_for(user)
    return council.pk in access.board_council_ids or (
        council.officers_may_publish and council.pk in access.officer_council_ids
    )


def can_export_pack(user, council) -> bool:
    access = access_for(user)
    return (
        council.pk in access.officer_council_ids
        or council.pk in access.board_council_ids
        or access.adviser_covers(council)
        or access.site_administrator
    )


def can_view_history(user, council) -> bool:
    return can_view_council(user, council)


def can_administer_grants(user, obj=None) -> bool:
    access = access_for(user)
    return access.grant_administrator or access.site_administrator


def can_submit_usage_statement(user, council) -> bool:
    """Officers report their own council's grant usage; grant and site administrators any."""
    access = access_for(user)
    return (
        council.pk in access.officer_council_ids
        or access.grant_administrator
        or access.site_administrator
    )


def can_manage_users(user, obj=None) -> bool:
    return access_for(user).site_administrator


def can_view_region(user, region) -> bool:
    """Whether `user` reads the region's councils by region (else its pages are a 404)."""
    access = access_for(user)
    return access.national or region.pk in access.region_ids


def can_export_region_pack(user, region) -> bool:
    """Advisers covering the whole region (or the country), and site administrators.

    A region pack holds every council of the region, so an adviser named for some of
    its councils only may not make one.
    """
    access = access_for(user)
    return (
        access.adviser_national
        or region.pk in access.adviser_region_ids
        or access.site_administrator
    )


PERMISSIONS: dict[str, Callable[..., bool]] = {
    "view_council": can_view_council,
    "change_council": can_change_council,
    "update_action": can_update_action,
    "sign_off": can_sign_off,
    "publish": can_publish,
    "export_pack": can_export_pack,
    "view_history": can_view_history,
    "administer_grants": can_administer_grants,
    "manage_users": can_manage_users,
    "submit_usage_statement": can_submit_usage_statement,
    "view_region": can_view_region,
    "export_region_pack": can_export_region_pack,
}


def has_permission(user, name: str, obj=None) -> bool:
    try:
        check = PERMISSIONS[name]
    except KeyError:
        raise ValueError(f"Unknown permission {name!r}") from None
    return bool(check(user, obj))
