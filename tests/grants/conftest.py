import pytest

from grants import demo as grants_demo
from grants.models import Allocation, GrantDetermination
from sendtracker.core import demo as core_demo
from sendtracker.core.models import User


@pytest.fixture
def demo(db):
    core_demo.load()
    grants_demo.load()


@pytest.fixture
def demo_user(demo, client):
    def sign_in(email):
        user = User.objects.get(email=email)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def rc(demo):
    return GrantDetermination.objects.get(determination_reference="31/5492")


@pytest.fixture
def dbv_allocation(demo):
    return Allocation.objects.get(council__dfe_la_code=812)


@pytest.fixture
def leicester_allocation(demo):
    return Allocation.objects.get(council__dfe_la_code=856)
