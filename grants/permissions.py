"""Who may do what to grants: administrators keep determinations and allocations; a
council's officers report their own allocation's usage (core's rules, by record)."""

from sendtracker.core.permissions import can_administer_grants, can_submit_usage_statement


def can_change_determination(user, determination=None) -> bool:
    return can_administer_grants(user)


def can_report_usage(user, allocation) -> bool:
    return can_submit_usage_statement(user, allocation.council)
