import pytest

from programmes import demo
from sendtracker.core import demo as core_demo
from sendtracker.core.models import User


@pytest.fixture
def demo_data(db):
    core_demo.load()
    demo.load()


@pytest.fixture
def nelincs_officer(demo_data):
    return User.objects.get(email="officer@nelincs.example")
