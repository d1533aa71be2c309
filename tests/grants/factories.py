import datetime
from decimal import Decimal

import factory

from grants.models import Allocation, GrantDetermination, Instalment, Payment
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
