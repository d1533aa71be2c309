"""The clocks the inspection frameworks set, worked out from records already read.

Pure functions, no queries: given an inspection (or a plan) and what followed it, each
rule gives a `Deadline` with the date it works out, how ("70 working days after the
report of 18 June 2018 …"), whatever answered it (the plan declared fit for purpose,
the revisit) and any date set by hand in its place (a `DeadlineOverride`). Every window
is read from `settings.SEND_FRAMEWORK_WINDOWS`, nothing else, because the frameworks
change. Reminders read the same deadlines: `due_on` is the date in force.

2016 framework: the written statement of action (WSOA) is due 70 working days after
the report; a revisit is expected about 18 months after the WSOA's acceptance; an
accelerated progress plan (APP) has its progress review 6 months after its acceptance,
with evidence to DfE 14 days before. 2023 framework: after widespread and/or systemic
failings, the priority action plan is due a number of working days after the report
and a monitoring inspection is expected about 18 months after it; the next full
inspection is expected about 3 years after the report for the lower two outcomes and
5 for the top one.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

from sendtracker.core.workdays import add_months, add_working_days, bank_holidays_between

from .models import DeadlineKind, Framework, Outcome, PlanKind


def window(name: str) -> int:
    return settings.SEND_FRAMEWORK_WINDOWS[name]


def day(value: datetime.date) -> str:
    return f"{value:%-d %B %Y}"


@dataclass(frozen=True)
class Status:
    """Where a deadline stands on a day: a word and its tag colour."""

    word: str
    colour: str  # a GOV.UK tag modifier: green, yellow, red, blue, grey

    @property
    def tag_class(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


@dataclass
class Deadline:
    """One clock of one inspection or plan.

    `worked_out_on` is the framework's date; `due_on` the date in force (an override's,
    if set). `done_on` is what answered it, if anything recorded does (`done_text` says
    what); `tracked` is False for a date nothing records the meeting of (a review).
    `owed_by_council`: the council's to meet (a plan) rather than the inspectorates' to
    hold (a visit), which changes the words: "Overdue" against "Expected date passed".
    """

    kind: str
    worked_out_on: datetime.date
    basis: str
    inspection_id: int | None = None
    plan_id: int | None = None
    done_on: datetime.date | None = None
    done_text: str = ""
    tracked: bool = True
    owed_by_council: bool = True
    override_on: datetime.date | None = None
    override_reason: str = ""
    status: Status | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return DeadlineKind(self.kind).label

    @property
    def due_on(self) -> datetime.date:
        return self.override_on or self.worked_out_on

    @property
    def overridden(self) -> bool:
        return self.override_on is not None

    @property
    def is_open(self) -> bool:
        """Still to be met: nothing answered it yet (and something could)."""
        return self.tracked and self.done_on is None

    def status_on(self, today: datetime.date) -> Status:
        if self.done_on is not None:
            if self.done_on <= self.due_on:
                return Status("Met" if self.owed_by_council else "Happened", "green")
            return Status("Met late" if self.owed_by_council else "Happened later", "yellow")
        if self.due_on >= today:
            if not self.tracked:
                return Status("Upcoming", "blue")
            return Status("Due" if self.owed_by_council else "Expected", "blue")
        if not self.tracked:
            return Status("Date passed", "grey")
        if self.owed_by_council:
            return Status("Overdue", "red")
        return Status("Expected date passed", "grey")

    @property
    def due_word(self) -> str:
        """ "Due" for what the council owes, "Expected" for a visit the inspectorates hold."""
        return "Due" if self.owed_by_council else "Expected"

    @property
    def summary(self) -> str:
        """One line, as reminders may put it: "Due 25 September 2018 (70 working days
        after …)", or with an override "Due X (overridden: reason; worked out as Y: …)"."""
        if self.overridden:
            return (
                f"{self.due_word} {day(self.due_on)} (overridden: {self.override_reason}; "
                f"worked out as {day(self.worked_out_on)}: {self.basis})"
            )
        return f"{self.due_word} {day(self.due_on)} ({self.basis})"


def assess(deadlines: Iterable[Deadline], today: datetime.date) -> list[Deadline]:
    """The deadlines in date order, each with its `status` on `today`."""
    result = sorted(deadlines, key=lambda d: (d.due_on, d.kind))
    for deadline in result:
        deadline.status = deadline.status_on(today)
    return result


def override_key(override) -> tuple:
    """How overrides are looked up: ("inspection" | "plan", its id, kind)."""
    if override.inspection_id:
        return ("inspection", override.inspection_id, override.kind)
    return ("plan", override.plan_id, override.kind)


def index_overrides(overrides: Iterable) -> dict[tuple, object]:
    return {override_key(o): o for o in overrides}


def _overridden(deadline: Deadline, overrides: dict) -> Deadline:
    target = ("inspection", deadline.inspection_id) if deadline.inspection_id else None
    target = target or ("plan", deadline.plan_id)
    override = overrides.get((*target, deadline.kind))
    if override is not None:
        deadline.override_on = override.due_on
        deadline.override_reason = override.reason
    return deadline


def _working_days_basis(days: int, start: datetime.date, end: datetime.date) -> str:
    skipped = bank_holidays_between(start, end)
    if not skipped:
        excluded = "weekends not counted"
    elif len(skipped) == 1:
        excluded = f"weekends and the bank holiday of {day(skipped[0])} not counted"
    else:
        listed = ", ".join(day(d) for d in skipped[:-1]) + f" and {day(skipped[-1])}"
        excluded = f"weekends and the bank holidays of {listed} not counted"
    return f"{days} working days after the report of {day(start)}; {excluded}"


def _first(dates: Iterable[datetime.date | None]) -> datetime.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def inspection_deadlines(
    inspection,
    *,
    plans: Iterable = (),
    names_weaknesses: bool = True,
    first_revisit_on: datetime.date | None = None,
    first_monitoring_on: datetime.date | None = None,
    next_inspection_on: datetime.date | None = None,
    overrides: dict | None = None,
) -> list[Deadline]:
    """The inspection's clocks (unsorted), from it and what followed it.

    `plans`: the plans that respond to it (their kinds and acceptance dates);
    `names_weaknesses`: whether a 2016 inspection named areas of weakness (no WSOA is
    asked for otherwise, unless a WSOA is recorded); the first revisit's or monitoring
    inspection's start, and the start of the council's next inspection, if any.
    """
    overrides = overrides or {}
    plans = list(plans)
    report = inspection.report_published_on
    found: list[Deadline] = []

    def add(**values) -> None:
        found.append(_overridden(Deadline(inspection_id=inspection.pk, **values), overrides))

    def add_working_days_after_report(kind: str, window_name: str, **values) -> None:
        days = window(window_name)
        due = add_working_days(report, days)
        add(kind=kind, worked_out_on=due, basis=_working_days_basis(days, report, due), **values)

    def accepted(kind: str) -> datetime.date | None:
        return _first(p.approved_on for p in plans if p.kind == kind)

    if inspection.framework == Framework.LOCAL_AREA_2016:
        wsoa_accepted = accepted(PlanKind.WSOA)
        has_wsoa = any(p.kind == PlanKind.WSOA for p in plans)
        if report and (names_weaknesses or has_wsoa):
            add_working_days_after_report(
                DeadlineKind.WSOA_DUE,
                "wsoa_working_days",
                done_on=wsoa_accepted,
                done_text="declared fit for purpose",
            )
        if wsoa_accepted:
            months = window("revisit_months")
            add(
                kind=DeadlineKind.REVISIT,
                worked_out_on=add_months(wsoa_accepted, months),
                basis=(
                    f"about {months} months after the written statement of action was "
                    f"declared fit for purpose on {day(wsoa_accepted)}"
                ),
                done_on=first_revisit_on,
                done_text="revisit began",
                owed_by_council=False,
            )
        return found

    if not report or not inspection.outcome:
        return found
    if inspection.outcome == Outcome.SYSTEMIC_FAILINGS:
        add_working_days_after_report(
            DeadlineKind.PRIORITY_PLAN_DUE,
            "priority_action_plan_working_days",
            done_on=accepted(PlanKind.PRIORITY),
            done_text="judged fit for purpose",
        )
        months = window("monitoring_inspection_months")
        add(
            kind=DeadlineKind.MONITORING_INSPECTION,
            worked_out_on=add_months(report, months),
            basis=(
                f"about {months} months after the report of {day(report)} "
                "(widespread and/or systemic failings)"
            ),
            done_on=first_monitoring_on,
            done_text="monitoring inspection began",
            owed_by_council=False,
        )
    if inspection.outcome == Outcome.POSITIVE:
        years = window("next_inspection_years_top_outcome")
    else:
        years = window("next_inspection_years_lower_outcomes")
    add(
        kind=DeadlineKind.NEXT_INSPECTION,
        worked_out_on=add_months(report, 12 * years),
        basis=(
            f"about {years} years after the report of {day(report)} "
            f"({Outcome(inspection.outcome).label.lower()})"
        ),
        done_on=next_inspection_on,
        done_text="next inspection began",
        owed_by_council=False,
    )
    return found


def plan_deadlines(plan, *, overrides: dict | None = None) -> list[Deadline]:
    """The plan's own clocks (unsorted): an accelerated progress plan's progress review
    and the evidence due before it, once the plan is accepted.

    The evidence is counted back from the review in force, so a review moved by hand
    moves its evidence date too.
    """
    overrides = overrides or {}
    if plan.kind != PlanKind.APP or not plan.approved_on:
        return []
    months = window("app_review_months")
    review = _overridden(
        Deadline(
            kind=DeadlineKind.APP_REVIEW,
            plan_id=plan.pk,
            worked_out_on=add_months(plan.approved_on, months),
            basis=f"{months} months after the plan was accepted on {day(plan.approved_on)}",
            tracked=False,
        ),
        overrides,
    )
    before = window("app_evidence_days_before_review")
    evidence = _overridden(
        Deadline(
            kind=DeadlineKind.APP_EVIDENCE,
            plan_id=plan.pk,
            worked_out_on=review.due_on - datetime.timedelta(days=before),
            basis=f"{before} days before the progress review of {day(review.due_on)}",
            tracked=False,
        ),
        overrides,
    )
    return [review, evidence]


# The inspection's clocks a plan's page shows beside its own: those the plan answers.
PLAN_ANSWERS = {
    PlanKind.WSOA: (DeadlineKind.WSOA_DUE, DeadlineKind.REVISIT),
    PlanKind.PRIORITY: (DeadlineKind.PRIORITY_PLAN_DUE, DeadlineKind.MONITORING_INSPECTION),
}
