"""Council pages: the list and its filters, a council's page and its SEND contacts form."""

import pytest
from django.urls import reverse

from sendtracker.core.audit import history_for
from sendtracker.core.errors import Change
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role, update_council_details

pytestmark = pytest.mark.django_db

STALE_MESSAGE = "Someone else saved these details after you opened this page."


@pytest.fixture
def cornwall(db):
    return Council.objects.get(name="Cornwall")


def edit_url(council):
    return reverse("council-edit", args=[council.slug])


def contacts(council, **changes):
    return {
        "local_offer_url": council.local_offer_url,
        "send_team_email": council.send_team_email,
        "improvement_board_name": council.improvement_board_name,
        "version": council.version,
        **changes,
    }


def saved(council):
    council.refresh_from_db()
    return (
        council.local_offer_url,
        council.send_team_email,
        council.improvement_board_name,
        council.version,
    )


def test_council_page_shows_its_details_and_contacts(client, officer, leicester):
    update_council_details(
        council=leicester,
        by=officer,
        expected_version=1,
        local_offer_url="https://families.leicester.gov.uk/send-local-offer/",
        send_team_email="send@leicester.gov.uk",
        improvement_board_name="SENDIB",
    )
    client.force_login(officer)

    content = client.get(leicester.get_absolute_url()).content.decode()

    for text in ("Leicester", "856", "E06000016", "East Midlands", "send@leicester.gov.uk"):
        assert text in content
    assert 'href="https://families.leicester.gov.uk/send-local-offer/"' in content
    assert "Change SEND contacts" in content


def test_council_page_offers_no_change_link_to_a_reader(client, board_member, leicester):
    client.force_login(board_member)

    content = client.get(leicester.get_absolute_url()).content.decode()

    assert "Change SEND contacts" not in content


def test_edit_form_starts_from_what_is_saved(client, officer, leicester):
    leicester.improvement_board_name = "SENDIB"
    leicester.save()
    client.force_login(officer)

    form = client.get(edit_url(leicester)).context["form"]

    assert form["improvement_board_name"].value() == "SENDIB"
    assert form["version"].value() == leicester.version


def test_officer_saves_the_councils_send_contacts(client, officer, leicester):
    client.force_login(officer)

    response = client.post(
        edit_url(leicester),
        contacts(
            leicester,
            local_offer_url="https://families.leicester.gov.uk/send-local-offer/",
            send_team_email="SEND@leicester.gov.uk",
            improvement_board_name="SEND Improvement Board (SENDIB)",
        ),
        follow=True,
    )

    assert response.redirect_chain == [(leicester.get_absolute_url(), 302)]
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert "Council details saved." in content
    assert saved(leicester) == (
        "https://families.leicester.gov.uk/send-local-offer/",
        "SEND@leicester.gov.uk",
        "SEND Improvement Board (SENDIB)",
        2,
    )
    entry = history_for(leicester).get()
    assert entry.actor == officer
    assert entry.changes_dict["improvement_board_name"] == ["", "SEND Improvement Board (SENDIB)"]


def test_web_address_without_a_scheme_is_saved_with_https(client, officer, leicester):
    client.force_login(officer)

    client.post(edit_url(leicester), contacts(leicester, local_offer_url="www.leicester.gov.uk"))

    leicester.refresh_from_db()
    assert leicester.local_offer_url == "https://www.leicester.gov.uk"


def test_stale_form_is_refused_and_shows_saved_and_entered_values(
    client, officer, make_user, leicester
):
    client.force_login(officer)
    opened = contacts(leicester)
    colleague = make_user(Role.COUNCIL_OFFICER, council=leicester)
    update_council_details(
        council=leicester,
        by=colleague,
        expected_version=1,
        local_offer_url="",
        send_team_email="theirs@leicester.gov.uk",
        improvement_board_name="Their board",
    )

    response = client.post(
        edit_url(leicester),
        {**opened, "send_team_email": "mine@leicester.gov.uk", "improvement_board_name": ""},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert STALE_MESSAGE in content
    assert response.context["stale_changes"] == [
        Change(
            "SEND team email address",
            saved="theirs@leicester.gov.uk",
            yours="mine@leicester.gov.uk",
        ),
        Change("Improvement board", saved="Their board", yours="(blank)"),
    ]
    assert (
        '<th scope="row" class="govuk-table__header">SEND team email address</th>'
        '<td class="govuk-table__cell">theirs@leicester.gov.uk</td>'
        '<td class="govuk-table__cell">mine@leicester.gov.uk</td>'
    ) in content
    assert saved(leicester) == ("", "theirs@leicester.gov.uk", "Their board", 2)


def test_after_a_stale_refusal_the_form_can_be_saved_again(client, officer, leicester):
    client.force_login(officer)
    opened = contacts(leicester)
    update_council_details(
        council=leicester,
        by=officer,
        expected_version=1,
        local_offer_url="",
        send_team_email="",
        improvement_board_name="Their board",
    )
    refused = client.post(edit_url(leicester), {**opened, "improvement_board_name": "Mine"})

    assert refused.context["form"]["version"].value() == 2
    resubmitted = client.post(edit_url(leicester), {**opened, "improvement_board_name": "Mine"})
    assert resubmitted.status_code == 200
    again = client.post(
        edit_url(leicester), {**opened, "version": 2, "improvement_board_name": "Mine"}
    )
    assert again.status_code == 302
    assert saved(leicester)[2:] == ("Mine", 3)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "local_offer_url",
            "not a web address",
            "Enter a web address in the correct format, like "
            "https://www.example.gov.uk/local-offer",
        ),
        (
            "send_team_email",
            "send at leicester",
            "Enter an email address in the correct format, like send@example.gov.uk",
        ),
        (
            "improvement_board_name",
            "x" * 151,
            "Ensure this value has at most 150 characters (it has 151).",
        ),
    ],
)
def test_invalid_contact_gets_the_error_summary_and_nothing_is_saved(
    client, officer, leicester, field, value, message
):
    client.force_login(officer)
    before = saved(leicester)

    response = client.post(
        edit_url(leicester), contacts(leicester, **{"send_team_email": "a@b.example", field: value})
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert f'<a href="#id_{field}">{message}</a>' in content
    assert "<title>Change SEND contacts – Leicester – Error" in content
    assert saved(leicester) == before


@pytest.mark.parametrize("role_fixture", ["adviser", "board_member", "grant_administrator"])
def test_reader_post_to_the_edit_form_is_forbidden_and_changes_nothing(
    request, client, leicester, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))
    before = saved(leicester)

    response = client.post(edit_url(leicester), contacts(leicester, improvement_board_name="Mine"))

    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()
    assert saved(leicester) == before
    assert not history_for(leicester).exists()


@pytest.fixture
def national(site_administrator, client):
    client.force_login(site_administrator)
    return client


def listed(response):
    return sorted(row.record.name for row in response.context["table"].page.object_list)


def test_council_list_filters_by_region(national, leicester):
    response = national.get(reverse("council-list"), {"region": leicester.region_id})

    assert response.context["table"].paginator.count == 10
    assert "Leicester" in listed(response)
    assert all(c.region_id == leicester.region_id for c in response.context["table"].data)


def test_council_list_filters_by_type(national):
    response = national.get(reverse("council-list"), {"type": "London borough"})

    assert response.context["table"].paginator.count == 32
    assert "City of London" not in listed(response)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("leic", ["Leicester", "Leicestershire"]),
        ("LEICESTERSHIRE", ["Leicestershire"]),
        ("856", ["Leicester"]),
        ("e06000016", ["Leicester"]),
        (" Cornwall ", ["Cornwall"]),
        ("99999999999999999999", []),
        ("no such council", []),
    ],
)
def test_council_list_filters_by_name_or_code(national, search, expected):
    response = national.get(reverse("council-list"), {"name": search})

    assert response.status_code == 200
    assert listed(response) == expected


def test_council_list_combines_filters(national, leicester):
    response = national.get(
        reverse("council-list"), {"region": leicester.region_id, "type": "county council"}
    )

    expected = Council.objects.filter(region=leicester.region, type="county council")
    assert listed(response) == sorted(expected.values_list("name", flat=True))
    assert 0 < len(listed(response)) < 10


def test_council_list_filters_only_within_the_users_councils(client, officer):
    client.force_login(officer)

    response = client.get(reverse("council-list"), {"name": "Cornwall"})

    assert listed(response) == []
    assert "No councils match these filters." in response.content.decode()


@pytest.mark.parametrize(
    ("per_page", "rows"), [("-1", 1), ("0", 50), ("abc", 50), ("100000", 153), ("10", 10)]
)
def test_council_list_keeps_the_page_size_sensible(national, per_page, rows):
    response = national.get(reverse("council-list"), {"per_page": per_page, "page": 2})

    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == rows


def test_council_list_ignores_a_bad_region_without_an_error_page(national):
    response = national.get(reverse("council-list"), {"region": "not-a-region"})

    assert response.status_code == 200


@pytest.fixture
def officer_of(make_user):
    """An officer of the first `count` councils."""

    def make(count):
        user = make_user()
        for council in Council.objects.order_by("pk")[:count]:
            grant_role(user=user, role=Role.COUNCIL_OFFICER, council=council)
        return user

    return make


# session, user, role assignments, count, regions (filter form), councils; the session,
# renewed at sign-in, is not saved again (sendtracker.core.sessions).
COUNCIL_LIST_QUERIES = 6
# session, user, role assignments, count, councils, roles.
HOME_QUERIES = 6


@pytest.mark.parametrize("count", [5, 50])
def test_council_list_page_costs_a_fixed_number_of_queries(
    client, officer_of, django_assert_num_queries, count
):
    client.force_login(officer_of(count))

    with django_assert_num_queries(COUNCIL_LIST_QUERIES):
        response = client.get(reverse("council-list"))

    assert len(response.context["table"].page.object_list) == count


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_costs_a_fixed_number_of_queries(
    client, officer_of, django_assert_num_queries, count
):
    client.force_login(officer_of(count))

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("home"))

    assert response.context["council_count"] == count


def test_home_page_lists_the_officers_council(client, officer, leicester):
    client.force_login(officer)

    content = client.get(reverse("home")).content.decode()

    assert f'href="{leicester.get_absolute_url()}">Leicester</a>' in content
    assert "Council officer: Leicester" in content


def test_home_page_tells_a_user_without_a_role_to_ask_for_one(client, make_user):
    client.force_login(make_user())

    content = client.get(reverse("home")).content.decode()

    assert "You do not have a role on any council yet." in content


def test_missing_page_gets_the_govuk_not_found_page(client, officer):
    client.force_login(officer)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.content.decode()


def test_missing_council_gets_the_govuk_not_found_page(client, officer):
    client.force_login(officer)

    response = client.get(reverse("council-detail", args=["atlantis"]))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("page", ["council-detail", "council-edit", "council-history"])
def test_another_councils_page_is_not_found_and_never_names_it(client, officer, cornwall, page):
    client.force_login(officer)

    response = client.get(reverse(page, args=[cornwall.slug]))

    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert "Cornwall" not in content
    assert cornwall.ons_code not in content


def test_post_to_another_councils_form_is_not_found_and_changes_nothing(client, officer, cornwall):
    client.force_login(officer)
    before = saved(cornwall)

    response = client.post(edit_url(cornwall), contacts(cornwall, improvement_board_name="Mine"))

    assert response.status_code == 404
    assert "Cornwall" not in response.content.decode()
    assert saved(cornwall) == before


def test_another_councils_page_logs_a_line(client, officer, cornwall, caplog):
    client.force_login(officer)

    client.get(reverse("council-detail", args=[cornwall.slug]))

    assert [
        (record.levelname, record.getMessage())
        for record in caplog.records
        if record.name == "django.request"
    ] == [("WARNING", f"Not Found: /councils/{cornwall.slug}/")]


@pytest.mark.parametrize("version", ["", "not-a-number", "0"])
def test_council_edit_without_a_valid_version_says_to_reload_and_saves_nothing(
    client, officer, leicester, version
):
    client.force_login(officer)
    response = client.post(
        reverse("council-edit", args=[leicester.slug]),
        {"improvement_board_name": "Forged board", "version": version},
    )
    assert response.status_code == 200
    assert "This form is incomplete. Reload the page and make your change again" in (
        response.content.decode()
    )
    leicester.refresh_from_db()
    assert leicester.improvement_board_name != "Forged board"
