"""The shared model fields and constraints: each one means what the models wrote by hand."""

import pytest
from django.db import models

from programmes.models import Phase
from sendtracker.core.models import Council
from sendtracker.core.models.fields import (
    between,
    council_link,
    in_order,
    known,
    lines_of,
    not_negative,
    one_a_line,
    optional_link,
    parent_link,
    person_link,
    role_title,
    version_field,
)
from sendtracker.core.querysets import ScopedQuerySet, scoped_manager


class Colour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"


def test_a_council_link_protects_the_council():
    field = council_link("things")

    assert field.remote_field.on_delete is models.PROTECT
    assert field.remote_field.related_name == "things"


def test_an_optional_link_may_be_blank_and_is_let_go_by_default():
    field = optional_link("core.Region", related_name="+")

    assert (field.null, field.blank) == (True, True)
    assert field.remote_field.on_delete is models.SET_NULL


def test_a_parent_link_points_at_its_own_kind_and_goes_with_it():
    field = parent_link("children")

    assert field.remote_field.model == "self"
    assert field.remote_field.on_delete is models.CASCADE
    assert field.null


def test_a_person_link_keeps_no_reverse_relation():
    field = person_link()

    assert field.remote_field.related_name == "+"
    assert field.null and not field.blank
    assert not person_link(null=False).null


def test_versions_start_at_1_and_role_titles_say_so():
    assert version_field().default == 1
    assert role_title().help_text == "A role title."
    assert role_title().max_length == 200


def test_constraints_say_what_they_check():
    assert known("colour", Colour, name="c").condition == models.Q(colour__in=["red", "green"])
    assert between("level", 1, 5, name="b").condition == models.Q(level__gte=1, level__lte=5)
    assert not_negative("amount", name="n").condition == models.Q(amount__gte=0)
    assert not_negative("amount", name="n", nullable=True).condition == (
        models.Q(amount__gte=0) | models.Q(amount=None)
    )
    assert in_order("start", "end", name="o").condition == models.Q(end__gte=models.F("start"))
    assert in_order("start", "end", name="o", optional=True).condition == (
        models.Q(start__isnull=True)
        | models.Q(end__isnull=True)
        | models.Q(end__gte=models.F("start"))
    )


def test_one_a_line_drops_blank_lines_and_spaces():
    assert one_a_line("  Data team \n\n SEND advisers\n") == ["Data team", "SEND advisers"]


def test_a_scoped_manager_reads_through_its_path_to_the_council():
    manager = scoped_manager("programme__council")
    manager.model = Phase

    queryset = manager.get_queryset()

    assert isinstance(queryset, ScopedQuerySet)
    assert queryset.council_field == "programme__council"
    assert queryset._region_path() == "programme__council__region"


@pytest.mark.django_db
def test_models_scope_through_their_manager(reference_places):
    leicester = Council.objects.get(dfe_la_code=856)

    where = str(Phase.objects.for_council(leicester).query).split("WHERE")[1]

    assert f'"programmes_programme"."council_id" = {leicester.pk}' in where


def test_lines_of_reads_a_fields_items_one_a_line():
    class Minutes:
        attendees = "Chair (independent)\n\n Head of SEND \n"
        attendee_list = lines_of("attendees")

    assert Minutes().attendee_list == ["Chair (independent)", "Head of SEND"]
    assert isinstance(Minutes.attendee_list, lines_of)
