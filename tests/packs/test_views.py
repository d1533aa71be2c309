"""Exporting a plan pack: who may, what they get, and the record it leaves."""

import io

import pytest
from auditlog.models import LogEntry
from pypdf import PdfReader

from sendtracker.core.models.people import Role
from sendtracker.packs.models import JobState, PackJob
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(leicester):
    return plan_with_actions(4, council=leicester, areas=2)


def pack_url(plan):
    return f"/councils/{plan.council.slug}/plans/{plan.pk}/pack/"


@pytest.mark.parametrize("who", ["officer", "board_member", "adviser"])
def test_people_in_scope_export_the_pack_as_a_download(client, request, plan, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(pack_url(plan)).status_code == 200
    response = client.post(pack_url(plan), {"marking": "OFFICIAL"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="leicester-')
    reader = PdfReader(io.BytesIO(response.content))
    assert "OFFICIAL" in reader.pages[0].extract_text()
    job = PackJob.objects.get()
    assert (job.requested_by, job.plan, job.marking, job.state) == (
        user,
        plan,
        "OFFICIAL",
        JobState.DONE,
    )


def test_every_export_is_in_the_audit_trail(client, officer, plan):
    client.force_login(officer)
    client.post(pack_url(plan), {"marking": "OFFICIAL-SENSITIVE"})
    client.post(pack_url(plan), {"marking": "OFFICIAL"})
    entries = LogEntry.objects.filter(content_type__model="packjob").order_by("timestamp")
    assert [e.actor for e in entries] == [officer, officer]
    assert [e.changes_dict["marking"][1] for e in entries] == ["OFFICIAL-SENSITIVE", "OFFICIAL"]
    assert all(e.changes_dict["plan"][1] == str(plan.pk) for e in entries)


def test_officer_of_another_council_gets_404(client, make_user, nelincs, plan):
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=nelincs))
    assert client.get(pack_url(plan)).status_code == 404
    assert client.post(pack_url(plan), {"marking": "OFFICIAL"}).status_code == 404
    assert not PackJob.objects.exists()


def test_plan_of_another_council_under_own_council_url_gets_404(client, officer, nelincs):
    other = plan_with_actions(1, council=nelincs)
    client.force_login(officer)
    url = f"/councils/leicester/plans/{other.pk}/pack/"
    assert client.post(url, {"marking": "OFFICIAL"}).status_code == 404


def test_role_without_export_gets_403(client, grant_administrator, plan):
    client.force_login(grant_administrator)
    assert client.get(pack_url(plan)).status_code == 403
    assert client.post(pack_url(plan), {"marking": "OFFICIAL"}).status_code == 403
    assert not PackJob.objects.exists()


def test_missing_marking_is_an_error_on_the_form(client, officer, plan):
    client.force_login(officer)
    response = client.post(pack_url(plan), {})
    assert response.status_code == 200
    assert "Select a protective marking" in response.text
    assert not PackJob.objects.exists()


def test_plan_page_links_to_export_only_for_those_who_may(
    client, officer, grant_administrator, plan
):
    client.force_login(officer)
    assert pack_url(plan) in client.get(plan.get_absolute_url()).text
    client.force_login(grant_administrator)
    assert pack_url(plan) not in client.get(plan.get_absolute_url()).text


def test_large_plan_is_queued_and_shows_its_job_page(client, officer, plan, settings):
    settings.PACK_DIRECT_MAX_ACTIONS = 2
    client.force_login(officer)
    response = client.post(pack_url(plan), {"marking": "OFFICIAL"})
    job = PackJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/packs/{job.pk}/"
    page = client.get(response["Location"])
    assert page["Refresh"] == "3"
    assert "Queued" in page.text
    assert client.get(f"/packs/{job.pk}/download/").status_code == 404


def test_someone_elses_job_is_404(client, officer, board_member, plan, settings):
    settings.PACK_DIRECT_MAX_ACTIONS = 2
    client.force_login(officer)
    client.post(pack_url(plan), {"marking": "OFFICIAL"})
    job = PackJob.objects.get()
    client.force_login(board_member)
    assert client.get(f"/packs/{job.pk}/").status_code == 404


def test_adviser_follows_their_queued_job(client, adviser, plan, settings):
    settings.PACK_DIRECT_MAX_ACTIONS = 2
    client.force_login(adviser)
    response = client.post(pack_url(plan), {"marking": "OFFICIAL"})
    job = PackJob.objects.get()
    assert (job.requested_by, job.plan, job.state) == (adviser, plan, JobState.QUEUED)
    assert response["Location"] == f"/packs/{job.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Queued" in page.text
