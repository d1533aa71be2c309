"""The public pages and the council's publishing pages."""

import io
import re

import pytest
from django.test import override_settings
from pypdf import PdfReader

from inspections import services as plan_services
from sendtracker.core.models.people import Role
from sendtracker.core.status import Status
from sendtracker.publications import services
from sendtracker.publications.models import Publication

from .conftest import SECRET_REASON, set_status

pytestmark = pytest.mark.django_db


def public_url(plan, suffix=""):
    return f"/published/{plan.council.slug}/{plan.pk}/{suffix}"


def publishing_url(plan, suffix=""):
    return f"/councils/{plan.council.slug}/plans/{plan.pk}/publishing/{suffix}"


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def published(plan, publish):
    publish(plan)
    return plan


def test_a_visitor_reads_the_published_plan_without_signing_in(client, published):
    response = client.get(public_url(published))
    assert response.status_code == 200
    page = text(response)
    assert published.title in page
    assert "What the inspection found" in page and "What has changed" in page
    assert "Minor delay" in page and "Major delay" in page and "On track" in page
    assert "Head of SEND Commissioning" in page
    assert "Version 1, published" in page


@pytest.mark.parametrize("url", ["/published/", "/accessibility/", "PLAN", "PLAN_PDF"])
def test_public_pages_set_no_cookie_and_may_be_cached(client, published, url):
    url = {"PLAN": public_url(published), "PLAN_PDF": public_url(published, "pdf/")}.get(url, url)
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"] == "public, max-age=300"
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "nonce-" not in csp


def test_a_signed_in_visitor_gets_no_cookie_from_a_public_page(client, published, officer):
    client.force_login(officer)
    response = client.get(public_url(published))
    assert response.status_code == 200 and not response.cookies


def test_internal_fields_and_emails_are_not_on_the_public_page(client, published, lead):
    page = text(client.get(public_url(published)))
    assert SECRET_REASON not in page
    assert lead.email not in page and "Jo Bloggs" not in page
    assert "@" not in page


def test_the_pdf_has_the_same_content_and_no_internal_fields(client, published, lead):
    response = client.get(public_url(published, "pdf/"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    words = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert published.title in words and "What has changed" in words
    assert "Minor delay" in words
    assert SECRET_REASON not in words and lead.email not in words
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged


def not_found(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 404
    return re.sub(r'value="[^"]*"|"X-CSRFToken": "[^"]*"|nonce="[^"]*"', "", text(response))


def test_unpublished_unknown_and_withdrawn_plans_answer_the_same_404(
    client, plan, publish, board_member
):
    unknown_page = not_found(client, "/no-such-page/")
    assert not_found(client, public_url(plan)) == unknown_page  # never published
    assert not_found(client, "/published/leicester/999999/") == unknown_page
    assert not_found(client, f"/published/cornwall/{plan.pk}/") == unknown_page
    publish(plan)
    services.withdraw_plan(plan=plan, by=board_member, expected_version=1)
    assert not_found(client, public_url(plan)) == unknown_page
    assert not_found(client, public_url(plan, "pdf/")) == unknown_page


def test_later_changes_reach_the_public_page_only_when_published(client, published, publish):
    action = published.actions.get(ref="1.1")
    set_status(action, Status.COMPLETE)
    assert "status changed from Not started to Complete" not in text(
        client.get(public_url(published))
    )
    publish(published)
    page = text(client.get(public_url(published)))
    assert "Action 1.1: status changed from Not started to Complete." in page
    assert "Version 2, published" in page and "Version 1, published" in page


def test_the_public_page_costs_one_query(client, published, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(public_url(published)).status_code == 200


def test_the_index_costs_one_query_and_searches_by_council(
    client, published, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = text(client.get("/published/?council=leic"))
    assert published.title in page
    assert published.title not in text(client.get("/published/?council=cornwall"))
    assert "No published plan of a council matching" in text(
        client.get("/published/?council=cornwall")
    )


@override_settings(PUBLIC_RATE_LIMIT="3/m")
def test_public_pages_are_rate_limited_per_address(client, published):
    for _ in range(3):
        assert client.get(public_url(published)).status_code == 200
    response = client.get(public_url(published))
    assert response.status_code == 429
    assert "too many requests" in text(response)
    assert response["Cache-Control"] == "no-store" and not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    other = client.get(public_url(published), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_sign_in_page_and_footer_link_to_published_plans(client):
    page = text(client.get("/account/sign-in/"))
    assert page.count('href="/published/"') == 2
    assert 'href="/accessibility/"' in page


def test_accessibility_statement(client):
    page = text(client.get("/accessibility/"))
    assert "Accessibility statement for SEND tracker" in page
    for heading in ("Compliance status", "Non-accessible content", "Enforcement procedure"):
        assert heading in page


# The council's pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.BOARD_MEMBER, 200),
        (Role.COUNCIL_OFFICER, 403),
        (Role.HEALTH_PARTNER, 403),
    ],
)
def test_who_may_open_the_publish_page(client, plan, make_user, leicester, role, expected):
    client.force_login(make_user(role, council=leicester))
    assert client.get(publishing_url(plan, "publish/")).status_code == expected


def test_an_adviser_may_not_publish(client, plan, adviser):
    client.force_login(adviser)
    assert client.get(publishing_url(plan)).status_code == 200
    assert client.get(publishing_url(plan, "publish/")).status_code == 403


def test_another_councils_plan_is_a_404(client, plan, nelincs, make_user):
    client.force_login(make_user(Role.BOARD_MEMBER, council=nelincs))
    assert client.get(publishing_url(plan, "publish/")).status_code == 404
    response = client.get(f"/councils/nelincs/plans/{plan.pk}/publishing/publish/")
    assert response.status_code == 404


def test_an_officer_publishes_once_the_board_allows_it(client, plan, officer, board_member):
    client.force_login(officer)
    assert client.get(publishing_url(plan, "publish/")).status_code == 403
    client.force_login(board_member)
    response = client.post(f"/councils/{plan.council.slug}/publishing-rights/", {"allowed": "yes"})
    assert response.status_code == 302
    client.force_login(officer)
    response = client.post(publishing_url(plan, "publish/"), {"note": "", "version": 0})
    assert response.status_code == 302
    assert Publication.objects.get(plan=plan).published_by == officer


def test_board_member_publishes_through_the_form(client, plan, board_member):
    client.force_login(board_member)
    page = text(client.get(publishing_url(plan, "publish/")))
    assert "First publication of the plan." in page
    response = client.post(publishing_url(plan, "publish/"), {"note": "Our plan", "version": 0})
    assert response.status_code == 302 and response["Location"] == publishing_url(plan)
    assert "Version 1 published" in text(client.get(response["Location"]))


def test_publishing_nothing_new_shows_a_gov_uk_error(client, published, board_member):
    client.force_login(board_member)
    response = client.post(publishing_url(published, "publish/"), {"note": "", "version": 1})
    assert response.status_code == 200
    page = text(response)
    assert "govuk-error-summary" in page and "Nothing has changed since version 1" in page


def test_a_stale_publish_form_is_refused_without_publishing(client, published, board_member):
    client.force_login(board_member)
    response = client.post(publishing_url(published, "publish/"), {"note": "x", "version": 0})
    assert "Someone published version 1" in text(response)
    assert Publication.objects.filter(plan=published).count() == 1


def test_board_member_withdraws_through_the_form(client, published, board_member):
    client.force_login(board_member)
    response = client.post(publishing_url(published, "withdraw/"), {"version": 1})
    assert response.status_code == 302
    assert client.get(public_url(published)).status_code == 404


def test_officer_chooses_what_is_published(client, plan, officer):
    client.force_login(officer)
    area = plan.inspection.areas.get(number=1)
    response = client.post(
        publishing_url(plan, "choices/"),
        {
            "internal_fields": ["status_reason"],
            f"family_{area.pk}": "Shorter waits for families.",
            "next_update_due_0": "31",
            "next_update_due_1": "3",
            "next_update_due_2": "2027",
            "version": 0,
        },
    )
    assert response.status_code == 302, text(response)
    publishing = services.publishing_of(plan)
    assert publishing.internal_fields == ["status_reason"]
    assert publishing.family_summaries == {str(area.pk): "Shorter waits for families."}


def test_plan_page_links_to_its_publishing(client, plan, officer):
    client.force_login(officer)
    assert publishing_url(plan) in text(client.get(plan.get_absolute_url()))


def test_the_pages_plain_read_selects_what_public_publications_does(
    published, publish, board_member
):
    from sendtracker.publications import selectors

    publication = selectors.public_publications().get(plan=published)
    found = selectors.public_page(published.council.slug, published.pk)
    assert found == (publication.title, "Leicester", publication.html)
    services.withdraw_plan(plan=published, by=board_member, expected_version=1)
    assert selectors.public_page(published.council.slug, published.pk) is None
    assert selectors.public_page("cornwall", published.pk) is None


@pytest.mark.parametrize("page", ["publish/", "withdraw/", "choices/"])
def test_forms_carry_the_version_they_were_opened_at(
    client, published, board_member, page, officer
):
    client.force_login(officer if page == "choices/" else board_member)
    version = 1 if page != "choices/" else 0
    assert f'name="version" value="{version}"' in text(client.get(publishing_url(published, page)))


@pytest.mark.parametrize("search", ["LEIC", "ices", "%", "_", "\\"])
def test_the_index_search_is_any_case_and_literal(client, published, search):
    found = published.title in text(client.get("/published/", {"council": search}))
    assert found is (search.lower() in "leicester")


def test_officer_enters_the_parent_carer_forum_with_the_councils_details(
    client, officer, leicester
):
    client.force_login(officer)
    response = client.post(
        "/councils/leicester/details/",
        {
            "local_offer_url": "https://families.leicester.gov.uk/send-local-offer/",
            "send_team_email": "",
            "improvement_board_name": "SENDIB",
            "parent_carer_forum_name": "Leicester Parent Carer Forum",
            "parent_carer_forum_url": "https://forum.leicester.example/",
            "version": leicester.version,
        },
    )
    assert response.status_code == 302
    leicester.refresh_from_db()
    assert leicester.parent_carer_forum_name == "Leicester Parent Carer Forum"
    assert leicester.parent_carer_forum_url == "https://forum.leicester.example/"


def test_who_to_contact_links_the_local_offer_and_forum(client, plan, publish, leicester):
    leicester.local_offer_url = "https://families.leicester.gov.uk/send-local-offer/"
    leicester.parent_carer_forum_name = "Leicester Parent Carer Forum"
    leicester.parent_carer_forum_url = "https://forum.leicester.example/"
    leicester.save()
    publish(plan)  # `plan.council` was read before: the council is read again
    page = text(client.get(public_url(plan)))
    assert 'href="https://forum.leicester.example/">Leicester Parent Carer Forum</a>' in page
    assert 'href="https://families.leicester.gov.uk/send-local-offer/">' in page


def test_render_publications_renders_again_from_the_snapshot(published, publish):
    from django.core.management import call_command

    publication = Publication.objects.get(plan=published)
    Publication.objects.filter(pk=publication.pk).update(html="old")
    call_command("render_publications", verbosity=0)
    publication.refresh_from_db()
    assert published.title in publication.html


def test_text_is_escaped_on_the_public_page(client, plan, publish):
    action = plan.actions.get(ref="1.2")
    plan_services.update_action_details(
        action=action, by=None, expected_version=action.version, description="<b>x</b> & y"
    )
    publish(plan)
    page = client.get(public_url(plan)).content.decode()
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page and "<b>x</b>" not in page
