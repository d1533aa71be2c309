import datetime

from sendtracker.core.errors import DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import lock_checked
from sendtracker.core.validation import one_of, required
from sendtracker.core.writes import PROGRAMMES, council_write

from ..models import Risk, RiskStatus
from .programmes import check_workstream


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
    description = required(description, "description", "Describe the risk")
    likelihood = _level(likelihood, "likelihood", "likelihood")
    impact = _level(impact, "impact", "impact")
    one_of(status, RiskStatus, "status", "Choose a status from the list")
    check_workstream(workstream, programme.pk)
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
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


KEEP = object()  # an argument not given: the risk keeps what it has


def update_risk(
    *,
    risk: Risk,
    by,
    likelihood,
    impact,
    status: str,
    mitigation: str | None = None,
    review_on=KEEP,
    description: str | None = None,
    cause: str | None = None,
    owner: str | None = None,
    workstream=KEEP,
    expected_version: int | None = None,
) -> Risk:
    """Re-assess a risk: likelihood, impact, status, and what else is given.

    Arguments left out keep their saved value (`review_on=None` clears the date).
    With `expected_version` (every form sends it) a form opened before someone else
    saved is refused with what they changed.
    """
    likelihood = _level(likelihood, "likelihood", "likelihood")
    impact = _level(impact, "impact", "impact")
    one_of(status, RiskStatus, "status", "Choose a status from the list")
    if description is not None:
        description = required(description, "description", "Describe the risk")
    if workstream is not KEEP:
        check_workstream(workstream, risk.programme_id)
    given = {
        "description": description,
        "cause": cause,
        "mitigation": mitigation,
        "owner": owner,
    }
    values = {
        "likelihood": likelihood,
        "impact": impact,
        "status": status,
        **{field: value for field, value in given.items() if value is not None},
        **({"review_on": review_on} if review_on is not KEEP else {}),
        **({"workstream": workstream} if workstream is not KEEP else {}),
    }
    with council_write(risk.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = lock_checked(risk, expected_version, what="risk", fields=values)
        save_new_version(current, values)
    risk.refresh_from_db()
    return risk
