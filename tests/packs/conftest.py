import datetime
import io

import pytest
from django.db import connection, transaction
from pypdf import PdfReader

AS_AT = datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC)


def ensure_reference_places() -> None:
    from sendtracker.core import reference
    from sendtracker.core.models import Council, Region

    if not Council.objects.exists():
        reference.sync(
            reference.read_rows(reference.COUNCILS_CSV),
            Region=Region,
            Council=Council,
            previous_codes=reference.read_previous_codes(),
        )


@pytest.fixture(scope="module")
def plan_pack(django_db_setup, django_db_blocker):
    """A Leicester plan pack, rendered once for the module.

    The plan has 14 actions over three areas, some delayed and some overdue, written
    through the services (tests.inspections.factories.plan_through_services). A plan
    of North East Lincolnshire with a tell-tale action is added beside it, to show that
    the pack carries nothing of another council's.
    """
    from inspections.models import Action
    from sendtracker.core.models import Council
    from sendtracker.packs.plan import render_plan_pack
    from tests.inspections.factories import plan_through_services, plan_with_actions

    with django_db_blocker.unblock(), transaction.atomic():
        # Never the development database: the module must be marked django_db.
        assert "memory" in connection.settings_dict["NAME"] or "test" in str(
            connection.settings_dict["NAME"]
        )
        ensure_reference_places()
        plan = plan_through_services(Council.objects.get(dfe_la_code=856))
        other = plan_with_actions(2, council=Council.objects.get(dfe_la_code=812))
        Action.objects.filter(plan=other).update(description="NELINCS-ONLY ACTION")
        pdf = render_plan_pack(plan, marking="OFFICIAL-SENSITIVE", as_at=AS_AT)
        facts = {
            "council": plan.council.name,
            "title": plan.title,
            "refs": list(Action.objects.filter(plan=plan).values_list("ref", flat=True)),
        }
        transaction.set_rollback(True)
    return pdf, facts


@pytest.fixture(scope="module")
def reader(plan_pack):
    return PdfReader(io.BytesIO(plan_pack[0]))


@pytest.fixture(scope="module")
def page_texts(reader):
    return [page.extract_text() for page in reader.pages]
