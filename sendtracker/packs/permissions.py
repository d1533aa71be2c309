"""Who may export a region pack. Council and plan packs use core's `can_export_pack`."""

from sendtracker.core.access import access_for


def can_see_region(user, region) -> bool:
    """Whether `user` reads any of the region's councils by region: otherwise it is a 404."""
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
