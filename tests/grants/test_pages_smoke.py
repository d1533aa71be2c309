import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["grant_administrator", "officer", "two_region_adviser"])
def test_pages_render(client, request, rc, dbv_allocation, leicester_allocation, who):
    """Everyone who may see Leicester's grant reaches each page and finds it there."""
    client.force_login(request.getfixturevalue(who))
    council_grants = reverse("grants:council-grants", args=["leicester"])
    pages = {
        reverse("grants:home"): f'href="{council_grants}">Leicester<',
        reverse("grants:determination-list"): rc.title,
        reverse("grants:determination-detail", args=[rc.pk]): "£21,271.92",
        council_grants: rc.title,
        reverse("grants:allocation-detail", args=[leicester_allocation.pk]): "£21,271.92",
    }
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert shown in response.content.decode(), url
