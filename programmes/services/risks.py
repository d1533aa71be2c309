import datetime

from django.db import transaction

from sendtracker.core.audit import acting_as
from sendtracker.core.errors import DomainError

from ..models import Risk, RiskStatus


def _level(value, field: str, word: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(f"Enter the {word} as a whole number from 1 to 5", field=field) from None
    if str(value).strip() != str(number) or not 1 <= number <= 5:
        raise DomainError(f"The {word} must be a whole number from 1 to 5", field=field)
    return number


def add_risk(
    *,
    programme,
    by,
    description: str,
    likelihood,
    impact,
    cause: str = "",
    mitigation: str = "",
    owner: str = "",
    review_on: datetime.date | None = None,
    status: str = RiskStatus.OPEN,
    workstream=None,
) -> Risk:
    """Add a risk to a programme's register; its score is likelihood x impact."""
    description = description.strip()
    if not description:
        raise DomainError("Describe the risk", field="description")
    likelihood = _level(likelihood, "likelihood", "likelihood")
    impact = _level(impact, "impact", "impact")
    if status not in RiskStatus.values:
        raise DomainError("Choose a status from the list", field="status")
    if workstream is not None and workstream.programme_id != programme.pk:
        raise DomainError("The workstream must belong to the programme", field="workstream")
    with transaction.atomic(), acting_as(by):
        return Risk.objects.create(
            programme=programme,
            workstream=workstream,
            description=description,
            cause=cause,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=owner,
            review_on=review_on,
            status=status,
        )


def update_risk(
    *,
    risk: Risk,
    by,
    likelihood,
    impact,
    status: str,
    mitigation: str | None = None,
    review_on: datetime.date | None = None,
) -> Risk:
    """Re-assess a risk: likelihood, impact, status, mitigation and next review."""
    likelihood = _level(likelihood, "likelihood", "likelihood")
    impact = _level(impact, "impact", "impact")
    if status not in RiskStatus.values:
        raise DomainError("Choose a status from the list", field="status")
    with transaction.atomic(), acting_as(by):
        current = Risk.objects.select_for_update().get(pk=risk.pk)
        current.likelihood, current.impact, current.status = likelihood, impact, status
        if mitigation is not None:
            current.mitigation = mitigation
        if review_on is not None:
            current.review_on = review_on
        current.save()
    risk.refresh_from_db()
    return risk
