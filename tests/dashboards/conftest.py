import pytest

from sendtracker.core.models import User


@pytest.fixture
def demo(reference_places):
    """Every app's demo data, as `manage.py load_demo` loads it."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def demo_user(demo):
    return lambda email: User.objects.get(email=email)
