import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction

from grants import services
from grants.models import Allocation, AllocationStatus, Payment, UsageStatus
from sendtracker.core.audit import history_for
from sendtracker.core.errors import DomainError
from sendtracker.core.models import Council, Region
from tests.grants.factories import AllocationFactory, DeterminationFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def determination():
    return DeterminationFactory(total_available=D("50000.00"))


@pytest.fixture
def allocation(determination, leicester):
    return services.create_allocation(
        determination=determination,
        by=None,
        council=leicester,
        region_supported=Region.objects.get(name="West Midlands"),
        las_in_region=14,
        base_funding=D("15000.00"),
        top_up=D("6271.92"),
        total=D("21271.92"),
    )


def test_allocation_total_is_base_plus_top_up_to_the_penny(allocation):
    assert allocation.total == allocation.base_funding + allocation.top_up == D("21271.92")


def test_total_worked_out_when_only_base_and_top_up_given(determination, nelincs):
    allocation = services.create_allocation(
        determination=determination, by=None, council=nelincs, base_funding="0.10", top_up="0.20"
    )
    allocation.refresh_from_db()
    assert allocation.total == D("0.30")


def test_total_not_equal_to_base_plus_top_up_is_refused(determination, leicester):
    with pytest.raises(DomainError) as error:
        services.create_allocation(
            determination=determination,
            by=None,
            council=leicester,
            base_funding=D("15000.00"),
            top_up=D("6271.92"),
            total=D("21271.93"),
        )
    assert error.value.field == "total"
    assert error.value.message == (
        "The total must equal the base funding plus the top-up (£21,271.92)"
    )
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1.00", "The base funding cannot be negative"),
        ("abc", "The base funding must be an amount in pounds and pence"),
        ("1.005", "The base funding cannot have more than 2 decimal places"),
        ("NaN", "The base funding must be an amount in pounds and pence"),
    ],
)
def test_bad_money_is_refused_with_its_message(determination, leicester, value, message):
    with pytest.raises(DomainError) as error:
        services.create_allocation(
            determination=determination,
            by=None,
            council=leicester,
            base_funding=value,
            top_up=D("1.00"),
        )
    assert error.value.message == message
    assert error.value.field == "base_funding"


def test_money_is_never_a_float(determination, leicester):
    with pytest.raises(TypeError):
        services.create_allocation(
            determination=determination, by=None, council=leicester, total=21271.92
        )


def test_only_one_of_base_and_top_up_is_refused(determination, leicester):
    with pytest.raises(DomainError, match="Enter both the base funding and the top-up"):
        services.create_allocation(
            determination=determination, by=None, council=leicester, base_funding=D("1.00")
        )


def test_database_refuses_total_not_base_plus_top_up(determination, leicester):
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            determination=determination,
            council=leicester,
            base_funding=D("1.00"),
            top_up=D("2.00"),
            total=D("3.01"),
        )


def test_database_accepts_sum_that_floating_point_gets_wrong(determination, leicester):
    assert 0.1 + 0.2 != 0.3  # the sum the constraint must not check in floating point
    created = Allocation.objects.create(
        determination=determination,
        council=leicester,
        base_funding=D("0.10"),
        top_up=D("0.20"),
        total=D("0.30"),
    )
    saved = Allocation.objects.get(pk=created.pk)
    assert (saved.base_funding, saved.top_up, saved.total) == (D("0.10"), D("0.20"), D("0.30"))


def test_database_refuses_negative_amounts(determination, leicester):
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(determination=determination, council=leicester, total=D("-1"))


def test_duplicate_allocation_for_the_same_council_is_refused(allocation, leicester):
    with pytest.raises(DomainError) as error:
        services.create_allocation(
            determination=allocation.determination, by=None, council=leicester, total=D("1.00")
        )
    assert error.value.message == "Leicester already has an allocation under this determination"
    assert Allocation.objects.count() == 1


def test_allocations_cannot_exceed_the_determination_total(allocation, nelincs):
    with pytest.raises(DomainError) as error:
        services.create_allocation(
            determination=allocation.determination, by=None, council=nelincs, total=D("28728.09")
        )
    assert error.value.message == (
        "Allocations cannot exceed the determination's total of £50,000.00: "
        "£28,728.08 is left to allocate"
    )
    services.create_allocation(
        determination=allocation.determination, by=None, council=nelincs, total=D("28728.08")
    )


def test_determination_total_cannot_drop_below_what_is_allocated(allocation):
    with pytest.raises(DomainError, match="already allocated"):
        services.update_determination(
            determination=allocation.determination, by=None, total_available=D("21271.91")
        )


def test_pending_allocation_has_no_amount_and_takes_no_payment(determination, nelincs):
    pending = services.create_allocation(determination=determination, by=None, council=nelincs)
    assert pending.pending
    with pytest.raises(DomainError, match="This allocation is pending"):
        services.record_payment(
            allocation=pending, by=None, amount=D("1.00"), paid_on=datetime.date(2021, 8, 1)
        )
    with pytest.raises(DomainError, match="pending allocation cannot be accepted"):
        services.accept_allocation(
            allocation=pending,
            by=None,
            decision="Accept",
            decision_body="Cabinet",
            decided_on=datetime.date(2023, 2, 15),
        )
    services.set_allocation_amounts(
        allocation=pending, by=None, base_funding=None, top_up=None, total=D("1000.00")
    )
    pending.refresh_from_db()
    assert not pending.pending


def test_payments_never_exceed_the_allocation(allocation, grant_administrator):
    services.record_payment(
        allocation=allocation,
        by=grant_administrator,
        amount=D("21271.91"),
        paid_on=datetime.date(2021, 8, 1),
    )
    with pytest.raises(DomainError) as error:
        services.record_payment(
            allocation=allocation,
            by=grant_administrator,
            amount=D("0.02"),
            paid_on=datetime.date(2022, 2, 1),
        )
    assert error.value.message == (
        "Payments cannot exceed the allocation of £21,271.92: £0.01 is left to pay"
    )
    services.record_payment(
        allocation=allocation,
        by=grant_administrator,
        amount=D("0.01"),
        paid_on=datetime.date(2022, 2, 1),
    )
    assert sum(p.amount for p in Payment.objects.all()) == allocation.total


def test_zero_or_negative_payment_is_refused(allocation):
    for amount, message in [("0", "more than £0.00"), ("-5", "cannot be negative")]:
        with pytest.raises(DomainError, match=message):
            services.record_payment(
                allocation=allocation, by=None, amount=amount, paid_on=datetime.date(2021, 8, 1)
            )
    assert not Payment.objects.exists()


def test_allocation_total_cannot_drop_below_what_is_paid(allocation):
    services.record_payment(
        allocation=allocation, by=None, amount=D("20000"), paid_on=datetime.date(2021, 8, 1)
    )
    with pytest.raises(DomainError, match="already paid"):
        services.set_allocation_amounts(
            allocation=allocation, by=None, base_funding=None, top_up=None, total=D("19999.99")
        )


def test_instalment_outside_the_grant_period_is_saved_with_a_warning(determination):
    inside = services.add_instalment(
        determination=determination, by=None, due_on=datetime.date(2021, 8, 1)
    )
    outside = services.add_instalment(
        determination=determination, by=None, due_on=datetime.date(2020, 8, 1)
    )
    assert (inside.position, outside.position) == (1, 2)
    assert not inside.outside_period
    assert outside.outside_period


def test_lifecycle_offered_accepted_paid_reported_closed_is_audited(
    allocation, grant_administrator, officer
):
    assert allocation.status == AllocationStatus.OFFERED
    services.accept_allocation(
        allocation=allocation,
        by=officer,
        decision="Authorises the acceptance of the grant",
        decision_body="Cabinet",
        decided_on=datetime.date(2023, 2, 15),
    )
    services.record_payment(
        allocation=allocation,
        by=grant_administrator,
        amount=D("21271.92"),
        paid_on=datetime.date(2021, 8, 1),
    )
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.PAID
    statement = services.submit_usage_statement(
        allocation=allocation,
        by=officer,
        period="Phase 1",
        lines=[("staff", "Coordinator", D("10000.00"))],
    )
    services.accept_usage_statement(statement=statement, by=grant_administrator)
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.REPORTED
    services.close_allocation(allocation=allocation, by=grant_administrator)
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.CLOSED

    statuses = [
        entry.changes_dict["status"][1]
        for entry in history_for(allocation).order_by("timestamp", "pk")
        if "status" in (entry.changes_dict or {})
    ]
    assert statuses[-4:] == ["accepted", "paid", "reported", "closed"]
    actors = {e.actor for e in history_for(allocation) if e.action == LogEntry.Action.UPDATE}
    assert actors == {officer, grant_administrator}


def test_wrong_transitions_are_refused(allocation):
    with pytest.raises(DomainError, match="An allocation that is offered cannot be closed"):
        services.close_allocation(allocation=allocation, by=None)
    services.accept_allocation(
        allocation=allocation,
        by=None,
        decision="",
        decision_body="Cabinet",
        decided_on=datetime.date(2023, 2, 15),
    )
    with pytest.raises(DomainError, match="accepted cannot be accepted"):
        services.accept_allocation(
            allocation=allocation,
            by=None,
            decision="",
            decision_body="Cabinet",
            decided_on=datetime.date(2023, 2, 15),
        )


def test_closed_allocation_takes_no_payment_or_statement(allocation):
    services.record_payment(
        allocation=allocation, by=None, amount=D("1.00"), paid_on=datetime.date(2021, 8, 1)
    )
    services.close_allocation(allocation=allocation, by=None)
    with pytest.raises(DomainError, match="closed"):
        services.record_payment(
            allocation=allocation, by=None, amount=D("1.00"), paid_on=datetime.date(2021, 8, 1)
        )
    with pytest.raises(DomainError, match="closed"):
        services.submit_usage_statement(
            allocation=allocation, by=None, period="P1", lines=[("staff", "", D("1"))]
        )


def test_usage_beyond_what_was_paid_is_saved_and_flagged(allocation, officer):
    from grants.selectors import totals_of, visible_allocations

    services.record_payment(
        allocation=allocation, by=None, amount=D("100.00"), paid_on=datetime.date(2021, 8, 1)
    )
    statement = services.submit_usage_statement(
        allocation=allocation,
        by=officer,
        period="Phase 1",
        lines=[("staff", "", D("80.00")), ("data", "Dashboard", D("20.01"))],
    )
    assert statement.status == UsageStatus.SUBMITTED
    totals = totals_of(visible_allocations(officer))
    assert totals.paid == D("100.00")
    assert totals.reported == D("100.01")
    assert totals.over_reported == [allocation]


def test_usage_statement_needs_a_period_lines_and_a_unique_period(allocation):
    services.record_payment(
        allocation=allocation, by=None, amount=D("1.00"), paid_on=datetime.date(2021, 8, 1)
    )
    with pytest.raises(DomainError, match="Enter the phase or period"):
        services.submit_usage_statement(allocation=allocation, by=None, period=" ", lines=[])
    with pytest.raises(DomainError, match="Enter at least one line of spend"):
        services.submit_usage_statement(allocation=allocation, by=None, period="P1", lines=[])
    services.submit_usage_statement(
        allocation=allocation, by=None, period="P1", lines=[("staff", "", D("1"))]
    )
    with pytest.raises(DomainError, match="already been submitted"):
        services.submit_usage_statement(
            allocation=allocation, by=None, period="P1", lines=[("staff", "", D("1"))]
        )


def test_usage_on_an_offered_allocation_is_refused(allocation):
    with pytest.raises(DomainError, match="offered"):
        services.submit_usage_statement(
            allocation=allocation, by=None, period="P1", lines=[("staff", "", D("1"))]
        )


def test_success_measures_have_one_level_of_sub_items(determination):
    top = services.add_success_measure(determination=determination, by=None, text="Evidence")
    sub = services.add_success_measure(
        determination=determination, by=None, text="Local Offer", parent=top
    )
    second = services.add_success_measure(determination=determination, by=None, text="Strategy")
    assert (top.position, sub.position, second.position) == (1, 1, 2)
    with pytest.raises(DomainError, match="Sub-items cannot have sub-items"):
        services.add_success_measure(determination=determination, by=None, text="x", parent=sub)


def test_determination_reference_is_unique(determination):
    with pytest.raises(DomainError, match="already exists"):
        services.create_determination(
            by=None,
            title="Another",
            financial_year="2021-22",
            period_start=datetime.date(2021, 4, 1),
            period_end=datetime.date(2022, 3, 31),
            determination_reference=determination.determination_reference,
        )


def test_determination_period_must_be_in_order():
    with pytest.raises(DomainError, match="must be after its start"):
        services.create_determination(
            by=None,
            title="Backwards",
            financial_year="2021-22",
            period_start=datetime.date(2022, 4, 1),
            period_end=datetime.date(2021, 3, 31),
        )


def test_payment_for_another_determinations_instalment_is_refused(allocation):
    other = DeterminationFactory()
    instalment = services.add_instalment(
        determination=other, by=None, due_on=datetime.date(2021, 8, 1)
    )
    with pytest.raises(DomainError, match="Choose an instalment of this determination"):
        services.record_payment(
            allocation=allocation,
            by=None,
            amount=D("1"),
            paid_on=datetime.date(2021, 8, 1),
            instalment=instalment,
        )


def test_factory_allocation_is_valid():
    allocation = AllocationFactory(council=Council.objects.get(dfe_la_code=812))
    assert allocation.total == D("21271.92")
