import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "email", ["grants@dfe.example", "officer@leicester.example", "adviser@dfe.example"]
)
def test_pages_render(client, demo_user, rc, dbv_allocation, leicester_allocation, email):
    demo_user(email)
    urls = [
        reverse("grants:home"),
        reverse("grants:determination-list"),
        reverse("grants:determination-detail", args=[rc.pk]),
        reverse("grants:council-grants", args=["leicester"]),
        reverse("grants:allocation-detail", args=[leicester_allocation.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
