"""A programme measure that names an official indicator: its chart adds the published
council, region and England lines, with their table."""

import datetime

import pytest
from django.urls import reverse

from programmes import services
from programmes.models import Direction, Measure, Unit
from sendtracker.core.errors import DomainError
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from tests.programmes import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leicestershire(reference_places):
    return Council.objects.get(dfe_la_code=855)


def add_timeliness(programme, **values):
    return services.add_measure(
        programme=programme,
        by=None,
        name="20-week timeliness",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        baseline_value=0,
        baseline_on=datetime.date(2023, 9, 1),
        target_value=60,
        target_on=datetime.date(2025, 9, 1),
        **values,
    )


@pytest.fixture
def timeliness(leicestershire):
    measure = add_timeliness(
        factories.dbv_programme(leicestershire), official_indicator="within_20_weeks"
    )
    services.record_observation(
        measure=measure,
        by=None,
        on=datetime.date(2023, 12, 31),
        value=11,
        expected_version=measure.version,
    )
    return measure


def page(measure):
    return reverse(
        "programmes:measure-detail",
        kwargs={
            "council_slug": measure.programme.council.slug,
            "programme_id": measure.programme_id,
            "measure_id": measure.pk,
        },
    )


def test_measure_chart_shows_official_lines_beside_its_own(
    client, make_user, official, leicestershire, timeliness
):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicestershire))
    html = client.get(page(timeliness)).content.decode()
    chart = html.split(f'data-chart="measure-{timeliness.pk}-chart"')[1].split("</svg>")[0]
    assert 'data-series="observed"' in chart
    for style in ("official_council", "official_region", "official_england"):
        assert f'data-series="{style}"' in chart
    assert "<title>Leicestershire (official): 3.8% in 2022</title>" in chart
    assert "<title>England (official): 47.7% in 2022</title>" in chart
    table = html.split(f'id="measure-{timeliness.pk}-chart-table"')[1].split("</table>")[0]
    assert "3.8%" in table and "31.8%" in table and "47.7%" in table


def test_measure_without_an_indicator_has_no_official_lines(
    client, make_user, official, leicestershire, timeliness
):
    Measure.objects.filter(pk=timeliness.pk).update(official_indicator="")
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicestershire))
    html = client.get(page(timeliness)).content.decode()
    assert 'data-series="official_council"' not in html
    assert f'id="measure-{timeliness.pk}-chart-table"' not in html


def test_an_unknown_indicator_is_refused(leicestershire):
    programme = factories.dbv_programme(leicestershire)
    with pytest.raises(DomainError) as error:
        add_timeliness(programme, official_indicator="made_up")
    assert error.value.field == "official_indicator"


def test_the_measure_form_names_an_indicator(client, make_user, leicestershire, timeliness):
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=leicestershire))
    address = reverse(
        "programmes:measure-change",
        kwargs={
            "council_slug": leicestershire.slug,
            "programme_id": timeliness.programme_id,
            "measure_id": timeliness.pk,
        },
    )
    form = client.get(address).content.decode()
    assert 'name="official_indicator"' in form
    assert '<option value="within_20_weeks" selected>' in form


def test_an_officer_saves_the_indicator_through_the_form(client, make_user, leicestershire):
    from tests.programmes.test_forms import measure_post

    programme = factories.programme(leicestershire)
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=leicestershire))
    address = reverse(
        "programmes:measure-add",
        kwargs={"council_slug": leicestershire.slug, "programme_id": programme.pk},
    )
    response = client.post(address, measure_post(official_indicator="within_20_weeks"))
    assert response.status_code == 302
    assert Measure.objects.get(programme=programme).official_indicator == "within_20_weeks"
