"""Money parsed once for every app: pounds and pence, exact, with messages that name it."""

from decimal import Decimal

import pytest

from sendtracker.core.errors import DomainError
from sendtracker.core.money import money_field, parse_money, pounds


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("£1,234.50", Decimal("1234.50")),
        (" 1234.5 ", Decimal("1234.50")),
        ("£ 32,717,000", Decimal("32717000.00")),
        (Decimal("21271.92"), Decimal("21271.92")),
        (7, Decimal("7.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_amounts_as_people_type_them_are_read_to_the_penny(value, amount):
    parsed = parse_money(value, field="amount", label="amount")

    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ten pounds", "The base funding must be an amount in pounds and pence"),
        ("1.2m", "The base funding must be an amount in pounds and pence"),
        ("NaN", "The base funding must be an amount in pounds and pence"),
        ("Infinity", "The base funding must be an amount in pounds and pence"),
        ("1000000000000", "The base funding must be an amount in pounds and pence"),
        ("1.005", "The base funding cannot have more than 2 decimal places"),
        ("-1.00", "The base funding cannot be negative"),
        ("-£5", "The base funding cannot be negative"),
    ],
)
def test_bad_amounts_are_refused_with_a_message_naming_the_field(value, message):
    with pytest.raises(DomainError) as error:
        parse_money(value, field="base_funding", label="base funding")

    assert error.value.message == message
    assert error.value.field == "base_funding"


def test_a_form_keeps_its_own_wording():
    with pytest.raises(DomainError) as error:
        parse_money(
            "abc",
            field="direct_spend",
            label="direct spend",
            not_an_amount="Enter the {label} in pounds, like 32717000",
        )

    assert error.value.message == "Enter the direct spend in pounds, like 32717000"


def test_nothing_is_none_unless_an_amount_is_required():
    assert parse_money("", field="total", label="total") is None
    assert parse_money(None, field="total", label="total") is None
    with pytest.raises(DomainError, match=r"^Enter the total$"):
        parse_money("", field="total", label="total", allow_none=False)


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        parse_money(21271.92, field="total", label="total")


def test_pounds_are_written_with_commas_and_pence_unless_told():
    assert pounds(Decimal("1234567.5")) == "£1,234,567.50"
    assert pounds(Decimal("1234567.5"), pence=False) == "£1,234,568"


def test_money_field_holds_pounds_and_pence_below_a_trillion():
    field = money_field("amount")

    assert (field.max_digits, field.decimal_places) == (14, 2)
