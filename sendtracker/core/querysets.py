from django.db import models


class ScopedQuerySet(models.QuerySet):
    """A queryset of records that belong to a council.

    Subclasses name the path from the record to its council (`council_field`) and to
    the council's region (`region_field`). `visible_to(user)` is the only way views,
    exports and selectors narrow records to what a user may read.
    """

    council_field: str = "council"
    region_field: str | None = None
    # Paths to further regions whose advisers read the record too (a grant allocation
    # paid to one council to support another region: grants.Allocation.region_supported).
    also_region_fields: tuple[str, ...] = ()
    # Health partners read a council's plans and programmes; records that say False
    # (grants) are read by its other roles only.
    health_partners_read: bool = True

    def _region_path(self) -> str:
        return self.region_field or f"{self.council_field}__region"

    def visible_to(self, user):
        from sendtracker.core.access import access_for

        access = access_for(user)
        if access.national:
            return self
        if not access.sees_anything:
            return self.none()
        council_ids = (
            access.council_ids if self.health_partners_read else access.council_ids_beside_health
        )
        condition = models.Q()
        if council_ids:
            condition |= models.Q(**{f"{self.council_field}__in": council_ids})
        if access.region_ids:
            condition |= models.Q(**{f"{self._region_path()}__in": access.region_ids})
            for path in self.also_region_fields:
                condition |= models.Q(**{f"{path}__in": access.region_ids})
        return self.filter(condition) if condition else self.none()

    def for_council(self, council):
        return self.filter(**{self.council_field: council.pk})


def scoped_manager(
    council_field: str = "council",
    region_field: str | None = None,
    *,
    health_partners_read: bool = True,
):
    """The manager of a model whose records are read through `council_field`.

    For the many models that need nothing but the path to their council; a model with
    queries of its own subclasses ScopedQuerySet instead.
    """
    queryset = type(
        "ScopedQuerySet",
        (ScopedQuerySet,),
        {
            "council_field": council_field,
            "region_field": region_field,
            "health_partners_read": health_partners_read,
            "__module__": ScopedQuerySet.__module__,
        },
    )
    return queryset.as_manager()
