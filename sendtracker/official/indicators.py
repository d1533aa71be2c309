"""The official series SEND tracker reads, by the column that names each in DfE's file.

No queries and no models: programmes names an indicator on a measure with these
choices, and the loader finds each column by its heading, so a newer edition with more
(or reordered) columns loads the same.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Indicator:
    code: str
    column: str  # the heading in DfE's SEN2 file
    label: str
    percent: bool = False  # a rate (ranked, higher is better) rather than a count

    def format(self, value) -> str:
        if self.percent:
            return f"{value:.1f}%"
        return f"{value:,.0f}"


INDICATORS = (
    Indicator("new_plans", "new_all_ehc", "New EHC plans"),
    Indicator(
        "within_20_weeks",
        "inc_exc_20week_rate",
        "EHC plans issued within 20 weeks (including exceptions)",
        percent=True,
    ),
    Indicator(
        "within_20_weeks_no_exceptions",
        "no_exc_20week_rate",
        "EHC plans issued within 20 weeks (excluding exceptions)",
        percent=True,
    ),
    Indicator("requests", "inreq_ehc", "Initial requests for an EHC needs assessment"),
    Indicator("refusals", "ass_refused_ehc", "Requests refused an assessment"),
    Indicator("mediation", "total_mediation", "Mediation cases"),
    Indicator(
        "tribunal_after_mediation",
        "total_tribunal_followed_mediation",
        "Tribunal appeals following mediation",
    ),
    Indicator("tribunal", "total_tribunal", "Tribunal appeals"),
)
BY_CODE = {i.code: i for i in INDICATORS}
HEADLINE = BY_CODE["within_20_weeks"]


# The indicators as model choices (a programme measure may name one).
IndicatorChoice = models.TextChoices(
    "IndicatorChoice", [(i.code.upper(), (i.code, i.label)) for i in INDICATORS]
)
