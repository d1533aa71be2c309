"""Forms to add and change programme records: parsing and field messages only.

The rules (dates in order, parents in the same workstream, one row a year, versions)
are the services'; their DomainError lands on the field it names.
"""

import datetime
import re

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms

from sendtracker.core.forms import (
    GDSFormMixin,
    VersionField,
    choice_field,
    initial_from,
    optional_choice,
    optional_choices,
    text_field,
)
from sendtracker.core.models.fields import one_a_line
from sendtracker.official.indicators import IndicatorChoice

from .forms import date_field
from .models import (
    Direction,
    EnablerArea,
    FigureKind,
    ProgrammeKind,
    ProgrammeStatus,
    RiskStatus,
    Unit,
)

PHASE_ROWS = 4
LEVELS = [("", "Not assessed"), *((str(n), str(n)) for n in range(1, 6))]
ONE_TO_FIVE = [(str(n), str(n)) for n in range(1, 6)]


def area(label, *, rows=3, **kwargs) -> forms.CharField:
    return text_field(label, rows=rows, max_length=5000, **kwargs)


def workstream_choice() -> forms.ModelChoiceField:
    """A workstream of the programme, or none for the whole programme; the form sets the list."""
    return optional_choice(
        "Workstream",
        None,
        empty_label="The whole programme",
        invalid_message="Select a workstream of this programme",
    )


class VersionedForm(GDSFormMixin, forms.Form):
    """Adds the hidden version an edit form was opened at, when `versioned`."""

    def __init__(self, *args, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if versioned:
            self.fields["version"] = VersionField()
            self.submit_label = "Save changes"

    def values(self) -> dict:
        """The service's keyword arguments (and `version`), from the cleaned data."""
        return dict(self.cleaned_data)

    def build_helper(self, *fields):
        if "version" in self.fields:
            fields = (*fields, "version")
        return super().build_helper(*fields)


class ProgrammeForm(VersionedForm):
    submit_label = "Start programme"

    kind = choice_field(
        "Kind of programme", ProgrammeKind.choices, required_message="Select the kind of programme"
    )
    name = text_field("Name", required_message="Enter the programme's name")
    tranche = text_field("Tranche", max_length=100, help_text="For DBV, for example Tranche 1.")
    aim = area("Aim")
    delivery_partners = text_field(
        "Delivery partners", max_length=300, help_text="For example, Newton Europe; CIPFA."
    )
    senior_responsible_officer = text_field(
        "Senior responsible officer",
        help_text="A role title, for example Director of Children's Services.",
    )
    allocation = optional_choice(
        "Funding grant allocation",
        None,
        empty_label="Not funded by a grant recorded here",
        invalid_message="Select one of this council's grant allocations, or none",
    )
    status = choice_field(
        "Programme status",
        ProgrammeStatus.choices,
        required_message="Select the programme's status",
        widget=forms.Select,
    )

    def __init__(self, *args, allocations=None, phase_rows: int = PHASE_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].queryset = allocations
        self.fields["allocation"].label_from_instance = lambda a: (
            f"{a.determination.title} ({a.determination.financial_year})"
            if getattr(a.determination, "financial_year", None)
            else a.determination.title
        )
        self.phase_rows = phase_rows
        phase_layout = []
        for i in range(1, phase_rows + 1):
            self.fields[f"phase_{i}_name"] = text_field(f"Name of phase {i}")
            self.fields[f"phase_{i}_starts_on"] = date_field(
                label=f"Phase {i} starts", required=False, help_text="For example, 1 9 2024."
            )
            self.fields[f"phase_{i}_ends_on"] = date_field(
                label=f"Phase {i} ends", required=False, help_text=""
            )
            phase_layout.append(
                Fieldset(
                    Field.text(f"phase_{i}_name", field_width=Fluid.TWO_THIRDS),
                    Field(f"phase_{i}_starts_on"),
                    Field(f"phase_{i}_ends_on"),
                    legend=f"Phase or module {i}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = self.build_helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("name"),
            Field.text("tranche", field_width=Fluid.ONE_HALF),
            Field.textarea("aim"),
            Field.text("delivery_partners"),
            Field.text("senior_responsible_officer", field_width=Fluid.TWO_THIRDS),
            Field.select("allocation"),
            Field.select("status"),
            Fieldset(
                *phase_layout,
                legend="Phases or modules",
                legend_size=Size.MEDIUM,
            ),
        )

    @staticmethod
    def initial_for(programme) -> dict:
        initial = initial_from(
            programme,
            (
                "kind",
                "name",
                "tranche",
                "aim",
                "delivery_partners",
                "senior_responsible_officer",
                "allocation",
                "status",
            ),
        )
        for i, phase in enumerate(programme.phases.order_by("position", "pk"), start=1):
            initial |= {
                f"phase_{i}_name": phase.name,
                f"phase_{i}_starts_on": phase.starts_on,
                f"phase_{i}_ends_on": phase.ends_on,
            }
        return initial

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        phases = []
        for i in range(1, self.phase_rows + 1):
            phases.append(
                (
                    data.pop(f"phase_{i}_name"),
                    data.pop(f"phase_{i}_starts_on"),
                    data.pop(f"phase_{i}_ends_on"),
                )
            )
        return {**data, "phases": phases}


# A workstream's fields typed one item a line; the service takes them as lists.
WORKSTREAM_LISTS = (
    "delivery_team",
    "stakeholders_design",
    "stakeholders_impacted",
    "other_interdependencies",
    "likely_measures",
)


class WorkstreamForm(VersionedForm):
    submit_label = "Add workstream"

    name = text_field("Name", required_message="Enter the workstream's name")
    objective = area("Objective and approach", rows=5)
    senior_accountable_officer = text_field("Senior accountable officer", help_text="A role title.")
    project_lead = text_field("Project lead", help_text="A role title.")
    delivery_team = area("Delivery team", help_text="One role or team a line.")
    stakeholders_design = area("Stakeholders who support design", help_text="One a line.")
    stakeholders_impacted = area(
        "Stakeholders impacted by change",
        help_text="One a line: who, a colon, then how. For example, Parents: confidence improves.",
    )
    depends_on = optional_choices(
        "Workstreams it depends on",
        None,
        help_text="Other workstreams of this programme that must deliver first.",
        invalid_message="Select workstreams of this programme only",
    )
    other_interdependencies = area(
        "Other interdependencies",
        help_text="Work outside this programme it depends on, one a line.",
    )
    likely_measures = area(
        "Likely measures", help_text="Measures named in the plan, one a line, tracked or not yet."
    )

    def __init__(self, *args, others=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = others
        enabler_fields = []
        for enabler in EnablerArea:
            name = f"enabler_{enabler.value}"
            self.fields[name] = forms.ChoiceField(
                label=enabler.label,
                choices=LEVELS,
                required=False,
                error_messages={
                    "invalid_choice": f"Choose a level from 1 to 5 for {enabler.label.lower()}, "
                    "or not assessed"
                },
            )
            enabler_fields.append(Field.select(name))
        if not others:
            del self.fields["depends_on"]
        self.helper = self.build_helper(
            Field.text("name"),
            Field.textarea("objective"),
            Field.text("senior_accountable_officer", field_width=Fluid.TWO_THIRDS),
            Field.text("project_lead", field_width=Fluid.TWO_THIRDS),
            Field.textarea("delivery_team"),
            Field.textarea("stakeholders_design"),
            Field.textarea("stakeholders_impacted"),
            *([Field.checkboxes("depends_on", small=True)] if others else []),
            Field.textarea("other_interdependencies"),
            Fieldset(
                *enabler_fields,
                legend="Enablers and their maturity levels (1 lowest to 5)",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("likely_measures"),
        )

    @staticmethod
    def initial_for(workstream) -> dict:
        initial = initial_from(
            workstream,
            ("name", "objective", "senior_accountable_officer", "project_lead", *WORKSTREAM_LISTS),
        )
        initial["depends_on"] = list(workstream.depends_on.values_list("pk", flat=True))
        for enabler in workstream.enablers.all():
            initial[f"enabler_{enabler.area}"] = str(enabler.level)
        return initial

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        enablers = {
            enabler.value: int(level)
            for enabler in EnablerArea
            if (level := data.pop(f"enabler_{enabler.value}"))
        }
        for name in WORKSTREAM_LISTS:
            data[name] = one_a_line(data[name])
        data["depends_on"] = list(data.get("depends_on") or [])
        return {**data, "enablers": enablers}


class MilestoneForm(VersionedForm):
    submit_label = "Add milestone"

    ref = text_field(
        "Reference", max_length=20, help_text="As the plan numbers it, for example 7.1."
    )
    title = text_field("Milestone", max_length=300, required_message="Enter the milestone")
    parent = optional_choice(
        "Part of",
        None,
        empty_label="None: a top-level milestone",
        invalid_message="Select a milestone of this workstream that is not this one "
        "or one of its sub-milestones",
    )
    owner = text_field("Owner", help_text="A role title.")
    planned_start = date_field(
        label="Planned start", required=False, help_text="For example, 1 9 2025."
    )
    planned_end = date_field(
        label="Planned end", required=False, help_text="For example, 31 3 2026."
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.helper = self.build_helper(
            Field.text("ref", field_width=Fluid.ONE_QUARTER),
            Field.text("title"),
            Field.select("parent"),
            Field.text("owner", field_width=Fluid.TWO_THIRDS),
            Field("planned_start"),
            Field("planned_end"),
        )

    @staticmethod
    def initial_for(milestone) -> dict:
        return {
            "ref": milestone.ref,
            "title": milestone.title,
            "parent": milestone.parent_id,
            "owner": milestone.owner,
            "planned_start": milestone.planned_start,
            "planned_end": milestone.planned_end,
            "version": milestone.version,
        }


POINT = re.compile(r"^(\d{1,2})[ /.-](\d{1,2})[ /.-](\d{4})\s*[:=,]\s*(.+)$")


class MeasureForm(VersionedForm):
    submit_label = "Add measure"

    name = text_field("Name", required_message="Enter the measure's name")
    workstream = workstream_choice()
    description = area("Description", rows=2)
    unit = choice_field("Unit", Unit.choices, required_message="Select the measure's unit")
    direction = choice_field(
        "Direction of good",
        Direction.choices,
        required_message="Select whether higher or lower is better",
        invalid_message="Select whether higher or lower is better",
    )
    baseline_value = text_field(
        "Baseline value", max_length=40, required_message="Enter the baseline value"
    )
    baseline_on = date_field(
        label="Baseline date",
        help_text="For example, 1 9 2023.",
        required_message="Enter the baseline date",
    )
    target_value = text_field(
        "Target value", max_length=40, required_message="Enter the target value"
    )
    target_on = date_field(
        label="Target date",
        help_text="For example, 1 9 2025.",
        required_message="Enter the target date",
    )
    tolerance = text_field(
        "Tolerance",
        max_length=40,
        help_text="In the measure's unit: how far behind the trajectory is still a minor "
        "shortfall. Leave blank for none.",
    )
    trajectory = area(
        "Trajectory points",
        help_text="Optional. One agreed point a line: the date, a colon, then the value. "
        "For example, 31 3 2024: 20. Without points, a straight line from baseline to target.",
    )
    source = text_field("Source", max_length=300, help_text="Where the figures come from.")
    official_indicator = forms.ChoiceField(
        label="Official statistic (optional)",
        choices=[("", "None"), *IndicatorChoice.choices],
        required=False,
        help_text="A DfE series this measure tracks: its chart then shows the council's, "
        "its region's and England's published figures beside your own.",
        error_messages={"invalid_choice": "Choose the official statistic from the list"},
    )

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams
        self.helper = self.build_helper(
            Field.text("name"),
            Field.select("workstream"),
            Field.textarea("description"),
            Field.radios("unit", legend_size=Size.SMALL),
            Field.radios("direction", legend_size=Size.SMALL),
            Field.text("baseline_value", field_width=Fluid.ONE_QUARTER),
            Field("baseline_on"),
            Field.text("target_value", field_width=Fluid.ONE_QUARTER),
            Field("target_on"),
            Field.text("tolerance", field_width=Fluid.ONE_QUARTER),
            Field.textarea("trajectory"),
            Field.text("source"),
            Field.select("official_indicator"),
        )

    def clean_trajectory(self) -> list[tuple[datetime.date, str]]:
        points = []
        for line in one_a_line(self.cleaned_data["trajectory"]):
            match = POINT.match(line)
            if match is None:
                raise forms.ValidationError(
                    f"Write each trajectory point as a date, a colon and a value, like "
                    f"31 3 2024: 20 (not “{line[:40]}”)"
                )
            day, month, year, value = match.groups()
            try:
                on = datetime.date(int(year), int(month), int(day))
            except ValueError:
                raise forms.ValidationError(
                    f"Enter a real date in each trajectory point (not “{line[:40]}”)"
                ) from None
            points.append((on, value.strip()))
        return points

    @staticmethod
    def initial_for(measure) -> dict:
        values = initial_from(
            measure,
            (
                "name",
                "workstream",
                "description",
                "unit",
                "direction",
                "baseline_on",
                "target_on",
                "source",
                "official_indicator",
            ),
        )
        for name in ("baseline_value", "target_value", "tolerance"):
            values[name] = f"{getattr(measure, name).normalize():f}"
        values["trajectory"] = "\n".join(
            f"{p.on.day} {p.on.month} {p.on.year}: {p.value.normalize():f}"
            for p in measure.trajectory.all()
        )
        return values

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["tolerance"] = data["tolerance"] or "0"
        return data


class RiskForm(VersionedForm):
    submit_label = "Add risk"

    description = area("Risk", rows=3, help_text="What might happen.")
    cause = area("Cause", rows=2)
    workstream = workstream_choice()
    likelihood = choice_field(
        "Likelihood",
        ONE_TO_FIVE,
        help_text="1 (rare) to 5 (almost certain).",
        required_message="Select the likelihood, from 1 to 5",
        invalid_message="The likelihood must be a whole number from 1 to 5",
    )
    impact = choice_field(
        "Impact",
        ONE_TO_FIVE,
        help_text="1 (negligible) to 5 (severe).",
        required_message="Select the impact, from 1 to 5",
        invalid_message="The impact must be a whole number from 1 to 5",
    )
    mitigation = area("Mitigation", rows=3)
    owner = text_field("Owner", help_text="A role title.")
    review_on = date_field(label="Review date", required=False, help_text="For example, 30 6 2026.")
    status = choice_field(
        "Status",
        RiskStatus.choices,
        required_message="Select the risk's status",
        widget=forms.Select,
    )

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["description"].error_messages["required"] = "Describe the risk"
        self.fields["workstream"].queryset = workstreams
        self.helper = self.build_helper(
            Field.textarea("description"),
            Field.textarea("cause"),
            Field.select("workstream"),
            Field.radios("likelihood", legend_size=Size.SMALL, inline=True),
            Field.radios("impact", legend_size=Size.SMALL, inline=True),
            Field.textarea("mitigation"),
            Field.text("owner", field_width=Fluid.TWO_THIRDS),
            Field("review_on"),
            Field.select("status"),
        )

    @staticmethod
    def initial_for(risk) -> dict:
        values = initial_from(
            risk,
            ("description", "cause", "workstream", "mitigation", "owner", "review_on", "status"),
        )
        return values | {"likelihood": str(risk.likelihood), "impact": str(risk.impact)}


class HighNeedsYearForm(VersionedForm):
    """Money is typed as text and parsed to Decimal by the service: never a float."""

    submit_label = "Add year"

    year_starting = forms.IntegerField(
        label="Financial year starting in",
        help_text="The calendar year it starts in: 2024 for 2024/25.",
        error_messages={
            "required": "Enter the year the financial year starts in, like 2024",
            "invalid": "Enter the year the financial year starts in as 4 digits, like 2024",
        },
    )
    kind = choice_field(
        "Actual or forecast",
        FigureKind.choices,
        required_message="Select whether the figures are actual or forecast",
        invalid_message="Select whether the figures are actual or forecast",
    )
    direct_spend = text_field(
        "Direct spend (£)", max_length=30, required_message="Enter the direct spend"
    )
    indirect_spend = text_field(
        "Indirect spend (£)", max_length=30, required_message="Enter the indirect spend"
    )
    allocation = text_field(
        "DSG high-needs allocation (£)",
        max_length=30,
        required_message="Enter the DSG high-needs allocation",
    )
    cumulative_deficit = text_field(
        "Cumulative deficit at the end of the year (£)",
        max_length=30,
        help_text="The cumulative high-needs (DSG) deficit as the council reports it for "
        "this year. Leave blank if it reports none.",
    )
    source = text_field("Source", max_length=300, help_text="Where the figures come from.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        money = {"field_width": Fluid.ONE_THIRD, "inputmode": "decimal", "spellcheck": "false"}
        year = []
        if "version" in self.fields:
            del self.fields["year_starting"]  # a recorded year's year stays; add another instead
        else:
            year = [Field.text("year_starting", field_width=Fluid.ONE_QUARTER, inputmode="numeric")]
        self.helper = self.build_helper(
            *year,
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("direct_spend", **money),
            Field.text("indirect_spend", **money),
            Field.text("allocation", **money),
            Field.text("cumulative_deficit", **money),
            Field.text("source"),
        )

    @staticmethod
    def initial_for(year) -> dict:
        values = {"kind": year.kind, "source": year.source, "version": year.version}
        for name in ("direct_spend", "indirect_spend", "allocation", "cumulative_deficit"):
            value = getattr(year, name)
            values[name] = "" if value is None else f"{value:f}"
        return values
