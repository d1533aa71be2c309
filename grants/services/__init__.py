"""Writes to grants: determinations, allocations, payments and usage statements.

Every function takes keyword-only arguments, writes inside
`sendtracker.core.writes.council_write(council, by=by, parts=[GRANTS])` (one
transaction, the audit trail naming who did it, the council's data version and grant
figures kept true), and raises DomainError (with the form field where there is one)
when a rule refuses the write. Rules that involve sums
across rows (payments within the allocation, allocations within the determination)
lock the parent row with `select_for_update` first, so two writers cannot both pass.
Split by record; import from here.
"""

from .allocations import (
    TRANSITIONS,
    accept_allocation,
    close_allocation,
    create_allocation,
    set_allocation_amounts,
)
from .determinations import (
    DETERMINATION_FIELDS,
    add_instalment,
    add_success_measure,
    create_determination,
    update_determination,
)
from .payments import correct_payment, import_payments, record_payment
from .usage_statements import accept_usage_statement, submit_usage_statement

__all__ = [
    "DETERMINATION_FIELDS",
    "TRANSITIONS",
    "accept_allocation",
    "accept_usage_statement",
    "add_instalment",
    "add_success_measure",
    "close_allocation",
    "correct_payment",
    "create_allocation",
    "create_determination",
    "import_payments",
    "record_payment",
    "set_allocation_amounts",
    "submit_usage_statement",
    "update_determination",
]
