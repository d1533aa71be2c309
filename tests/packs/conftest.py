import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
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


def leicester_plan():
    from inspections.models import ImprovementPlan

    return ImprovementPlan.objects.select_related("council").get(
        council__dfe_la_code=856, kind="app"
    )


@pytest.fixture(scope="module")
def demo_pack(django_db_setup, django_db_blocker):
    """The Leicester plan pack from the demo data, rendered once for the module.

    A plan of North East Lincolnshire with a tell-tale action is added beside it, to
    show that the pack carries nothing of another council's.
    """
    from inspections.models import Action
    from sendtracker.core.models import Council
    from sendtracker.packs.plan import render_plan_pack
    from tests.inspections.factories import plan_with_actions

    with django_db_blocker.unblock(), transaction.atomic():
        # Never the development database: the module must be marked django_db.
        assert "memory" in connection.settings_dict["NAME"] or "test" in str(
            connection.settings_dict["NAME"]
        )
        ensure_reference_places()
        call_command("load_demo", stdout=StringIO())
        other = plan_with_actions(2, council=Council.objects.get(dfe_la_code=812))
        Action.objects.filter(plan=other).update(description="NELINCS-ONLY ACTION")
        plan = leicester_plan()
        pdf = render_plan_pack(plan, marking="OFFICIAL-SENSITIVE", as_at=AS_AT)
        facts = {
            "council": plan.council.name,
            "title": plan.title,
            "refs": list(Action.objects.filter(plan=plan).values_list("ref", flat=True)),
        }
        transaction.set_rollback(True)
    return pdf, facts


@pytest.fixture(scope="module")
def reader(demo_pack):
    return PdfReader(io.BytesIO(demo_pack[0]))


@pytest.fixture(scope="module")
def page_texts(reader):
    return [page.extract_text() for page in reader.pages]
