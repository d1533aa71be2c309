"""The fields and constraints every domain model declares the same way.

Each helper returns exactly what the models wrote out by hand before, so that using
one changes no migration.
"""

from django.conf import settings
from django.db import models


def council_link(related_name: str, **kwargs) -> models.ForeignKey:
    """The council a record belongs to; a council with records is never deleted."""
    return models.ForeignKey(
        "core.Council", on_delete=models.PROTECT, related_name=related_name, **kwargs
    )


def optional_link(
    to, *, related_name: str, on_delete=models.SET_NULL, **kwargs
) -> models.ForeignKey:
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=on_delete, related_name=related_name, **kwargs
    )


def parent_link(related_name: str) -> models.ForeignKey:
    """The record of the same kind this one sits under, if any."""
    return optional_link("self", related_name=related_name, on_delete=models.CASCADE)


def person_link(*, on_delete=models.PROTECT, **kwargs) -> models.ForeignKey:
    """Who did something; kept (with no reverse relation) if the person goes."""
    kwargs.setdefault("null", True)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=on_delete, related_name="+", **kwargs
    )


def version_field(**kwargs) -> models.PositiveIntegerField:
    """Rises with every change; an edit form carries it to refuse a stale save."""
    return models.PositiveIntegerField(default=1, **kwargs)


def role_title(**kwargs) -> models.CharField:
    """A person named by role (people are role titles here, never names)."""
    kwargs.setdefault("help_text", "A role title.")
    return models.CharField(max_length=200, blank=True, **kwargs)


def known(field: str, choices, *, name: str) -> models.CheckConstraint:
    """`field` holds one of `choices`' values, whatever writes it."""
    return models.CheckConstraint(name=name, condition=models.Q(**{f"{field}__in": choices.values}))


def between(field: str, low: int, high: int, *, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name, condition=models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
    )


def not_negative(field: str, *, name: str, nullable: bool = False) -> models.CheckConstraint:
    condition = models.Q(**{f"{field}__gte": 0})
    if nullable:
        condition |= models.Q(**{field: None})
    return models.CheckConstraint(name=name, condition=condition)


def in_order(first: str, then: str, *, name: str, optional: bool = False) -> models.CheckConstraint:
    """`then` is the same day as `first` or after it; with `optional`, either may be blank."""
    after = models.Q(**{f"{then}__gte": models.F(first)})
    if optional:
        after = (
            models.Q(**{f"{first}__isnull": True}) | models.Q(**{f"{then}__isnull": True}) | after
        )
    return models.CheckConstraint(name=name, condition=after)


def numbered_within(
    owner: str,
    number: str,
    *,
    name: str,
    sub_name: str,
    top: models.Q | None = None,
) -> list[models.UniqueConstraint]:
    """`number` is unique among `owner`'s top-level records and among each parent's sub-items.

    `top` is the condition naming a top-level record, as the model's migration spells it.
    """
    return [
        models.UniqueConstraint(
            fields=[owner, number],
            condition=models.Q(parent__isnull=True) if top is None else top,
            name=name,
        ),
        models.UniqueConstraint(
            fields=["parent", number],
            condition=models.Q(parent__isnull=False),
            name=sub_name,
        ),
    ]


def one_a_line(text: str) -> list[str]:
    """The non-blank lines of a field kept one item a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class lines_of:
    """A read-only property: the items of a text field kept one a line.

    `delivery_team_list = lines_of("delivery_team")` reads `record.delivery_team_list`.
    """

    def __init__(self, field: str):
        self.field = field

    def __get__(self, record, owner=None):
        return self if record is None else one_a_line(getattr(record, self.field))
