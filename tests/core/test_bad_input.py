"""Input a server must not fail on, nor show other than it holds.

The same new record submitted at once by several people (or a double click): exactly
one is saved and the rest get the form's own "already taken" message, never a server
error. Real concurrency needs PostgreSQL's row locks and unique index waits."""

import threading

import pytest
from django.db import connections

from inspections import services as plan_services
from sendtracker.core import services
from sendtracker.core.errors import DomainError
from sendtracker.core.models import User
from sendtracker.core.writes import unique_or_refused
from tests.inspections.factories import PlanFactory


def at_once(count: int, write) -> list[str]:
    """Run `write()` in `count` threads released together: each one's outcome."""
    start = threading.Barrier(count)
    results = []

    def run():
        try:
            start.wait()
            write()
            results.append("saved")
        except DomainError as error:
            results.append(str(error))
        except Exception as error:
            results.append(f"ERROR {type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_people_adding_the_same_action_ref_at_once(leicester):
    plan = PlanFactory(council=leicester, inspection__council=leicester)
    results = at_once(
        10,
        lambda: plan_services.add_action(plan=plan, ref="4.1", description="Audit", leads="SENCO"),
    )
    assert results.count("saved") == 1, results
    assert results.count("The plan already has an action 4.1: enter a different reference") == 9
    assert plan.actions.filter(ref="4.1").count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_administrators_adding_the_same_person_at_once(reference_places):
    results = at_once(10, lambda: services.add_person(email="new.person@leicester.example"))
    assert results.count("saved") == 1, results
    assert results.count("Someone with this email address already has an account") == 9
    assert User.objects.filter(email="new.person@leicester.example").count() == 1


@pytest.mark.django_db
def test_a_unique_value_taken_meanwhile_is_refused_with_the_message_and_nothing_else_lost(
    leicester,
):
    plan = PlanFactory(council=leicester, inspection__council=leicester)
    plan_services.add_action(plan=plan, ref="1.1", description="First", leads="SENCO")
    from inspections.models import Action

    with (
        pytest.raises(DomainError, match="taken") as refused,
        unique_or_refused("taken", field="ref"),
    ):
        Action.objects.create(plan=plan, ref="1.1", description="Second", position=2)
    assert refused.value.field == "ref"
    # the surrounding transaction goes on: the savepoint only was rolled back
    assert Action.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("ref", ["2.3\n4.1", "2.3\u202e1.4", "2.\u20663", "2.3\x00"])
def test_a_reference_that_would_read_differently_from_what_it_holds_is_refused(leicester, ref):
    plan = PlanFactory(council=leicester, inspection__council=leicester)
    with pytest.raises(DomainError, match="one line of text, without line breaks") as refused:
        plan_services.add_action(plan=plan, ref=ref, description="Audit", leads="SENCO")
    assert refused.value.field == "ref"
    assert not plan.actions.exists()


@pytest.mark.django_db
def test_names_and_titles_are_one_line_too(leicester):
    from programmes import services as programme_services

    with pytest.raises(DomainError, match="The name must be one line"):
        programme_services.create_programme(
            council=leicester, name="DBV\u202e", kind="dbv", by=None
        )
