"""Exporting council and region packs: who may, what they get, and the record it leaves."""

import io

import pytest
from auditlog.models import LogEntry
from pypdf import PdfReader

from sendtracker.core.models.people import Role
from sendtracker.packs import services
from sendtracker.packs.models import JobState, PackJob, PackKind
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(leicester):
    return plan_with_actions(4, council=leicester, areas=2)


def council_url(council):
    return f"/councils/{council.slug}/pack/"


def region_url(region):
    return f"/regions/{region.slug}/pack/"


@pytest.mark.parametrize("who", ["officer", "board_member", "adviser"])
def test_people_in_scope_export_the_council_pack_as_a_download(
    client, request, plan, leicester, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(council_url(leicester)).status_code == 200
    response = client.post(council_url(leicester), {"marking": "OFFICIAL"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="leicester-')
    reader = PdfReader(io.BytesIO(response.content))
    assert "Council progress pack" in reader.pages[0].extract_text()
    job = PackJob.objects.get()
    assert (job.kind, job.council, job.requested_by, job.state) == (
        PackKind.COUNCIL,
        leicester,
        user,
        JobState.DONE,
    )


def test_every_council_pack_export_is_in_the_audit_trail(client, officer, plan, leicester):
    client.force_login(officer)
    client.post(council_url(leicester), {"marking": "OFFICIAL-SENSITIVE"})
    entries = LogEntry.objects.filter(content_type__model="packjob")
    assert [e.actor for e in entries] == [officer]
    assert entries[0].changes_dict["kind"][1] == "council"
    assert entries[0].changes_dict["marking"][1] == "OFFICIAL-SENSITIVE"


def test_officer_of_another_council_gets_404_on_the_council_pack(
    client, make_user, nelincs, leicester
):
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=nelincs))
    assert client.get(council_url(leicester)).status_code == 404
    assert client.post(council_url(leicester), {"marking": "OFFICIAL"}).status_code == 404
    assert not PackJob.objects.exists()


def test_grant_administrator_gets_403_on_both_packs(client, grant_administrator, leicester):
    client.force_login(grant_administrator)
    assert client.get(council_url(leicester)).status_code == 403
    assert client.post(council_url(leicester), {"marking": "OFFICIAL"}).status_code == 403
    assert client.get(region_url(leicester.region)).status_code == 403
    assert client.post(region_url(leicester.region), {"marking": "OFFICIAL"}).status_code == 403
    assert not PackJob.objects.exists()


def test_large_council_is_made_in_the_background(client, officer, plan, leicester, settings):
    settings.PACK_DIRECT_MAX_ROWS = 3  # the plan has 4 actions
    client.force_login(officer)
    assert "made in the background" in client.get(council_url(leicester)).text
    response = client.post(council_url(leicester), {"marking": "OFFICIAL"})
    job = PackJob.objects.get()
    assert (job.kind, job.background, job.state) == (PackKind.COUNCIL, True, JobState.QUEUED)
    assert response["Location"] == f"/packs/{job.pk}/"
    page = client.get(response["Location"])
    assert page["Refresh"] == "3"
    assert "Back to the dashboard" in page.text


def test_adviser_queues_the_region_pack_and_follows_it(client, adviser, leicester):
    client.force_login(adviser)
    form = client.get(region_url(leicester.region))
    assert form.status_code == 200
    assert "made in the background" in form.text
    response = client.post(region_url(leicester.region), {"marking": "OFFICIAL"})
    job = PackJob.objects.get()
    assert (job.kind, job.region, job.requested_by, job.state) == (
        PackKind.REGION,
        leicester.region,
        adviser,
        JobState.QUEUED,
    )
    assert response["Location"] == f"/packs/{job.pk}/"
    assert client.get(response["Location"]).status_code == 200
    entry = LogEntry.objects.get(content_type__model="packjob")
    assert (entry.actor, entry.changes_dict["kind"][1]) == (adviser, "region")


def test_adviser_for_another_region_gets_404_on_the_region_pack(
    client, make_user, leicester, nelincs
):
    client.force_login(make_user(Role.ADVISER, region=nelincs.region))
    assert client.get(region_url(leicester.region)).status_code == 404
    assert client.post(region_url(leicester.region), {"marking": "OFFICIAL"}).status_code == 404
    assert not PackJob.objects.exists()


@pytest.mark.parametrize("who", ["officer", "board_member"])
def test_council_people_get_404_on_the_region_pack(client, request, leicester, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(region_url(leicester.region)).status_code == 404


def test_unknown_region_is_404(client, adviser):
    client.force_login(adviser)
    assert client.get("/regions/atlantis/pack/").status_code == 404


def test_region_pack_service_refuses_an_adviser_for_another_region(make_user, leicester, nelincs):
    from sendtracker.core.errors import DomainError

    other = make_user(Role.ADVISER, region=nelincs.region)
    with pytest.raises(DomainError):
        services.request_region_pack(region=leicester.region, by=other, marking="OFFICIAL")


def test_region_pack_choice_lists_the_advisers_regions(client, adviser, leicester):
    client.force_login(adviser)
    page = client.get("/regions/packs/")
    assert region_url(leicester.region) in page.text


def test_dashboards_link_to_the_exports(client, adviser, plan, leicester):
    client.force_login(adviser)
    assert council_url(leicester) in client.get(f"/councils/{leicester.slug}/dashboard/").text
    assert "/regions/packs/" in client.get("/dashboards/region/").text


def test_council_dashboard_has_no_export_link_for_grant_administrators(
    client, grant_administrator, leicester
):
    client.force_login(grant_administrator)
    page = client.get(f"/councils/{leicester.slug}/dashboard/")
    assert page.status_code == 200
    assert council_url(leicester) not in page.text


@pytest.mark.django_db(transaction=True)
def test_region_pack_is_made_by_the_worker_and_downloaded(
    client, reference_places, adviser, leicester, settings, tmp_path
):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    plan_with_actions(3, council=leicester)
    job = services.request_region_pack(region=leicester.region, by=adviser, marking="OFFICIAL")
    call_command(
        "db_worker",
        "--queue-name",
        "packs",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        verbosity=0,
    )
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    client.force_login(adviser)
    response = client.get(f"/packs/{job.pk}/download/")
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Councils compared" in text and leicester.name in text
