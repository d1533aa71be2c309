import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes import services
from programmes.models import Measure, Milestone, Observation, Progress
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.core.status import Status

from . import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def url(name, programme, **kwargs):
    return reverse(
        f"programmes:{name}",
        kwargs={"council_slug": programme.council.slug, "programme_id": programme.pk, **kwargs},
    )


def milestone_post(milestone, **data):
    prefix = f"milestone-{milestone.pk}-"
    values = {
        "progress": Progress.COMPLETE,
        "completed_on_0": "1",
        "completed_on_1": "11",
        "completed_on_2": "2026",
        "status_override": "",
        "override_reason": "",
        "note": "Pilot finished",
        "version": milestone.version,
        **data,
    }
    return {prefix + k: v for k, v in values.items()}


def test_every_page_answers_for_the_councils_officer(client, nelincs_officer, nel, turnaround):
    client.force_login(nelincs_officer)
    ws = nel.workstreams.get(name__startswith="Data")
    risk = nel.risks.first()
    shown = {
        reverse("programmes:home"): nel.council.name,
        reverse("programmes:council-programmes", args=[nel.council.slug]): nel.name,
        reverse("programmes:high-needs", args=[nel.council.slug]): nel.council.name,
        url("programme-detail", nel): ws.name,
        url("risk-register", nel): risk.description,
        url("workstream-detail", nel, workstream_id=ws.pk): turnaround.name,
        url("milestone-tree", nel, workstream_id=ws.pk): "Pilot a priority data set",
        url("measure-detail", nel, measure_id=turnaround.pk): turnaround.name,
    }
    for address, text in shown.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert text in response.content.decode(), address


def test_other_councils_programme_milestone_and_measure_answer_404(
    client, officer, nel, leaf, turnaround
):
    client.force_login(officer)  # Leicester's officer
    ws = leaf.workstream
    for address in [
        url("programme-detail", nel),
        url("workstream-detail", nel, workstream_id=ws.pk),
        url("milestone-tree", nel, workstream_id=ws.pk),
        url("measure-detail", nel, measure_id=turnaround.pk),
        url("risk-register", nel),
        reverse("programmes:high-needs", args=[nel.council.slug]),
    ]:
        assert client.get(address).status_code == 404, address


def test_ids_from_another_council_under_ones_own_council_answer_404(
    client, make_user, nel, leaf, turnaround
):
    shire = factories.programme(Council.objects.get(name="Leicestershire"))
    user = make_user(Role.COUNCIL_OFFICER, council=shire.council)
    client.force_login(user)
    # Leicestershire's URL with North East Lincolnshire's ids.
    assert (
        client.get(url("programme-detail", shire).replace(str(shire.pk), str(nel.pk))).status_code
        == 404
    )
    assert client.get(url("measure-detail", shire, measure_id=turnaround.pk)).status_code == 404
    response = client.post(
        url("milestone-update", shire, milestone_id=leaf.pk), milestone_post(leaf)
    )
    assert response.status_code == 404
    response = client.post(
        url("observation-add", shire, measure_id=turnaround.pk),
        {f"measure-{turnaround.pk}-value": "50", f"measure-{turnaround.pk}-version": 1},
    )
    assert response.status_code == 404
    leaf.refresh_from_db()
    assert leaf.progress == Progress.IN_PROGRESS and leaf.version == 2
    assert turnaround.observations.count() == 3


def test_post_for_another_councils_milestone_changes_nothing(client, officer, nel, leaf):
    client.force_login(officer)
    response = client.post(url("milestone-update", nel, milestone_id=leaf.pk), milestone_post(leaf))
    assert response.status_code == 404
    leaf.refresh_from_db()
    assert leaf.progress == Progress.IN_PROGRESS


@pytest.mark.parametrize("role", [Role.ADVISER, Role.BOARD_MEMBER])
def test_adviser_and_board_member_read_but_cannot_update(
    client, make_user, nel, leaf, turnaround, role
):
    kwargs = {"region": nel.council.region} if role == Role.ADVISER else {"council": nel.council}
    client.force_login(make_user(role, **kwargs))
    assert (
        client.get(url("milestone-tree", nel, workstream_id=leaf.workstream_id)).status_code == 200
    )
    page = client.get(url("workstream-detail", nel, workstream_id=leaf.workstream_id))
    assert b"/observations/" not in page.content  # no "Record a value" link
    assert (
        client.post(
            url("milestone-update", nel, milestone_id=leaf.pk), milestone_post(leaf)
        ).status_code
        == 403
    )
    obs = {
        f"measure-{turnaround.pk}-value": "50",
        f"measure-{turnaround.pk}-version": turnaround.version,
    }
    assert (
        client.post(url("observation-add", nel, measure_id=turnaround.pk), obs).status_code == 403
    )
    leaf.refresh_from_db()
    assert leaf.progress == Progress.IN_PROGRESS
    assert turnaround.observations.count() == 3


def test_officer_completes_a_milestone_without_javascript(client, nelincs_officer, nel, leaf):
    client.force_login(nelincs_officer)
    tree = url("milestone-tree", nel, workstream_id=leaf.workstream_id)
    data = milestone_post(leaf)
    data["next"] = tree
    response = client.post(url("milestone-update", nel, milestone_id=leaf.pk), data)
    assert response.status_code == 302 and response.url == tree
    leaf.refresh_from_db()
    assert (leaf.progress, leaf.completed_on) == (Progress.COMPLETE, D(2026, 11, 1))
    page = client.get(tree)
    assert b"Milestone updated." in page.content


def test_officer_updates_in_place_with_htmx_and_the_parent_rolls_up(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    child = Milestone.objects.get(workstream__programme=nel, ref="8.2")
    response = client.post(
        url("milestone-update", nel, milestone_id=child.pk),
        milestone_post(
            child,
            progress=Progress.IN_PROGRESS,
            status_override=Status.ON_TRACK,
            override_reason="New contract signed",
            completed_on_0="",
            completed_on_1="",
            completed_on_2="",
        ),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#milestone-tree"
    html = response.content.decode()
    assert '<div id="milestone-tree"' in html[:300]
    assert "Milestone 8.2 updated: On track." in html
    parent = child.parent
    assert f'data-milestone-status="{parent.pk}"' in html
    segment = html.split(f'data-milestone-status="{parent.pk}"')[1][:200]
    assert "On track" in segment  # the override of the only late child rolled up


def test_update_link_opens_the_form_in_the_row_with_htmx_or_on_its_own_page(
    client, nelincs_officer, nel, leaf
):
    client.force_login(nelincs_officer)
    address = url("milestone-update", nel, milestone_id=leaf.pk)
    tree = client.get(url("milestone-tree", nel, workstream_id=leaf.workstream_id)).content.decode()
    assert (
        f'hx-get="{address}"' in tree and "<form" not in tree.split("<main")[1].split("</main>")[0]
    )
    row = client.get(address, HTTP_HX_REQUEST="true").content.decode()
    assert row.lstrip().startswith(
        f'<tbody class="govuk-table__body app-inplace" id="milestone-{leaf.pk}"'
    )
    assert f'name="milestone-{leaf.pk}-progress"' in row and "Cancel" in row
    closed = client.get(address + "?view=row", HTTP_HX_REQUEST="true").content.decode()
    assert "<form" not in closed
    page = client.get(address).content.decode()
    assert '<h1 class="govuk-heading-l">Update milestone 8</h1>' in page


def test_bad_milestone_input_returns_the_row_with_its_message_and_keeps_the_input(
    client, nelincs_officer, nel, leaf
):
    client.force_login(nelincs_officer)
    response = client.post(
        url("milestone-update", nel, milestone_id=leaf.pk),
        milestone_post(leaf, status_override=Status.MINOR_DELAY, note="Keep this note"),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Enter the reason for overriding the status" in html
    assert "Keep this note" in html
    leaf.refresh_from_db()
    assert leaf.progress == Progress.IN_PROGRESS


def test_stale_milestone_edit_is_refused_in_place(client, nelincs_officer, nel, leaf):
    client.force_login(nelincs_officer)
    stale = milestone_post(leaf)
    services.update_milestone(
        milestone=leaf,
        by=nelincs_officer,
        progress=Progress.IN_PROGRESS,
        note="Someone else",
        expected_version=leaf.version,
    )
    response = client.post(
        url("milestone-update", nel, milestone_id=leaf.pk), stale, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Someone else updated this milestone after you opened it" in html
    assert "note: “Someone else”" in html
    leaf.refresh_from_db()
    assert leaf.progress == Progress.IN_PROGRESS and leaf.note == "Someone else"
    # The form now carries the saved version: submitting again works.
    assert f'value="{leaf.version}"' in html


def test_officer_records_a_value_in_place_and_sees_its_rating(
    client, nelincs_officer, nel, turnaround
):
    client.force_login(nelincs_officer)
    prefix = f"measure-{turnaround.pk}-"
    today = timezone.localdate()
    response = client.post(
        url("observation-add", nel, measure_id=turnaround.pk),
        {
            prefix + "on_0": today.day,
            prefix + "on_1": today.month,
            prefix + "on_2": today.year,
            prefix + "value": "72%",
            prefix + "version": turnaround.version,
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith(
        f'<tbody class="govuk-table__body app-inplace" id="measure-{turnaround.pk}"'
    )
    assert "Value recorded for EHCPs issued within 20 weeks: 72%" in html
    assert 'data-rating="on_track"' in html
    assert Observation.objects.filter(measure=turnaround, on=today).get().value == 72


def test_wrong_unit_observation_shows_its_message_without_javascript(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    measure = Measure.objects.get(
        programme=nel, name__startswith="Children and young people starting"
    )
    prefix = f"measure-{measure.pk}-"
    response = client.post(
        url("observation-add", nel, measure_id=measure.pk),
        {
            prefix + "on_0": "1",
            prefix + "on_1": "10",
            prefix + "on_2": "2026",
            prefix + "value": "12%",
            prefix + "version": measure.version,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "This measure is a number, not a percentage: enter it without %" in html
    assert 'value="12%"' in html
    assert measure.observations.count() == 3


def test_risk_register_heat_map_counts(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    html = client.get(url("risk-register", nel)).content.decode()
    # The programme's five risks: (3,4) twice, (3,3), (2,4), (2,3).
    cell = html.split('data-likelihood="3" data-impact="4"')[1][:400]
    assert '<span class="govuk-!-font-weight-bold" data-count>2</span>' in cell
    assert "High" in cell


def test_high_needs_page_shows_derived_figures(client, officer, leicester_years):
    client.force_login(officer)
    html = client.get(reverse("programmes:high-needs", args=["leicester"])).content.decode()
    row = html.split('data-year="2022/23"')[1].split("</tr>")[0]
    assert "65,714" in row and "(60,153)" not in row and "5,561" in row and "12.2%" in row
    assert "9.2% over the grant" in row  # 5,561 over 60,153
    assert "30,115" not in row and "Not reported" in row  # no sum of overspends as a deficit
    assert 'role="img"' in html and '<title id="high-needs-chart-title">' in html


def test_measure_chart_is_accessible_svg_with_a_table(client, nelincs_officer, nel, turnaround):
    client.force_login(nelincs_officer)
    html = client.get(url("measure-detail", nel, measure_id=turnaround.pk)).content.decode()
    ident = f"measure-{turnaround.pk}-chart"
    assert f'aria-labelledby="{ident}-title {ident}-desc"' in html
    assert "<desc id=" in html and "Latest 47% on 30 Sep 2024" in html
    assert 'data-series="observed"' in html and 'data-series="trajectory"' in html
    assert "Values recorded" in html  # the data table alternative
    assert "(circles, solid line)" in html  # not colour alone


def test_record_pages_show_their_history_naming_records(client, nelincs_officer, nel, turnaround):
    """Programme, workstream, milestone, measure and risk pages show their history in the
    shared history table, as council and grant pages do; no change reads like
    "programmes.Milestone.None" (a related manager, which names no record)."""
    client.force_login(nelincs_officer)
    ws = nel.workstreams.get(name__startswith="Data")
    milestone = Milestone.objects.filter(workstream=ws).first()
    risk = nel.risks.first()
    pages = {
        url("programme-detail", nel): "History of this programme",
        url("workstream-detail", nel, workstream_id=ws.pk): "History of this workstream",
        url("measure-detail", nel, measure_id=turnaround.pk): "History of this measure",
        url("milestone-update", nel, milestone_id=milestone.pk): "History of this milestone",
        url("risk-change", nel, risk_id=risk.pk): "History",
    }
    for address, caption in pages.items():
        body = client.get(address).content.decode()
        assert caption in body, address
        history = body.split(caption)[1]
        assert "<del>" in history or "<ins>" in history, address  # entries, not "No changes"
        assert ".None<" not in history and ".None " not in history, address
