import datetime
from decimal import Decimal

import factory

from grants import services
from grants.models import (
    Allocation,
    GrantDetermination,
    Instalment,
    LegalBasis,
    Payment,
    UsageStatement,
)
from sendtracker.core.models import Council


class DeterminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantDetermination

    title = factory.Sequence(lambda n: f"Regional Coordinator grant {n}")
    dfe_reference = factory.Sequence(lambda n: f"project_{5000 + n}")
    determination_reference = factory.Sequence(lambda n: f"31/{6000 + n}")
    financial_year = "2021-22"
    period_start = datetime.date(2021, 4, 1)
    period_end = datetime.date(2022, 3, 31)
    purpose = "Accelerated improvement in local area SEND services."
    total_available = Decimal("100000.00")
    status = "made"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    determination = factory.SubFactory(DeterminationFactory)
    council = factory.LazyFunction(lambda: Council.objects.get(dfe_la_code=856))
    base_funding = Decimal("15000.00")
    top_up = Decimal("6271.92")
    total = Decimal("21271.92")


class InstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instalment

    determination = factory.SubFactory(DeterminationFactory)
    position = factory.Sequence(lambda n: n + 1)
    due_on = datetime.date(2021, 8, 1)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    allocation = factory.SubFactory(AllocationFactory)
    amount = Decimal("1000.00")
    paid_on = datetime.date(2021, 8, 15)


# Builders that write through grants.services, as the pages and imports do, so the
# allocation's status, the history and the audit trail are what the app would make.


def determination(*, by=None, **values) -> GrantDetermination:
    """A determination made through the service; `values` override the defaults."""
    fields = {
        "title": "Regional Coordinator for the SEND Reforms Determination 2021-2022",
        "legal_basis": LegalBasis.SECTION_31,
        "dfe_reference": "",
        "determination_reference": "",
        "financial_year": "2021-22",
        "period_start": datetime.date(2021, 4, 1),
        "period_end": datetime.date(2022, 3, 31),
        "purpose": "Accelerated improvement in local area SEND services.",
        "ring_fenced": False,
        "total_available": None,
        "status": "made",
        **values,
    }
    return services.create_determination(by=by, **fields)


def allocation(determination, council, *, by=None, **amounts) -> Allocation:
    """An Annex B row; without amounts it is pending."""
    return services.create_allocation(
        determination=determination, by=by, council=council, **amounts
    )


def paid_and_reported(
    allocation, *, by=None, officer=None, paid: Decimal, paid_on, lines
) -> UsageStatement:
    """Accept the allocation, pay `paid` and submit a usage statement of `lines`."""
    allocation = services.accept_allocation(
        allocation=allocation,
        by=by,
        decision="Authorises the acceptance of the grant",
        decision_body="Cabinet",
        decided_on=paid_on - datetime.timedelta(days=44),
    )
    services.record_payment(allocation=allocation, by=by, amount=paid, paid_on=paid_on)
    return services.submit_usage_statement(
        allocation=allocation,
        by=officer,
        period="Phase 1",
        period_start=paid_on + datetime.timedelta(days=1),
        period_end=paid_on + datetime.timedelta(days=150),
        lines=lines,
    )
