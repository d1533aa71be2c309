"""The one write path (sendtracker.core.writes): versions raised once, in the write."""

import pytest

from sendtracker.core.models import Council
from sendtracker.core.writes import GRANTS, PLANS, changed, council_write, refresh_councils

pytestmark = pytest.mark.django_db

VERSIONS = ("data_version", "plans_version", "programmes_version", "grants_version")


def versions(council):
    return list(Council.objects.values_list(*VERSIONS).get(pk=council.pk))


def test_changed_outside_a_write_is_a_programming_error(leicester):
    with pytest.raises(RuntimeError, match="inside council_write"):
        changed(leicester, [PLANS])


def test_an_unknown_part_is_refused_and_nothing_is_raised(leicester):
    before = versions(leicester)
    with pytest.raises(ValueError, match="Unknown parts: budget"), council_write(by=None):
        changed(leicester, ["budget"])
    assert versions(leicester) == before


def test_a_council_found_inside_the_write_is_raised_with_the_named_part(leicester, nelincs):
    data, plans, programmes, grants = versions(nelincs)
    with council_write(leicester, by=None, parts=[PLANS]):
        changed(nelincs, [GRANTS])
    assert versions(nelincs) == [data + 1, plans, programmes, grants + 1]


def test_a_write_with_no_parts_raises_only_the_data_version(leicester):
    data, *parts = versions(leicester)
    with council_write(leicester, by=None, parts=()):
        pass
    assert versions(leicester) == [data + 1, *parts]


def test_refresh_councils_raises_every_part_as_a_bulk_load_needs(leicester):
    before = versions(leicester)
    refresh_councils([leicester.pk])
    assert versions(leicester) == [v + 1 for v in before]
