from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size
from django import forms
from django.utils import timezone
from django.utils.functional import cached_property

from sendtracker.core.access import people_of_area
from sendtracker.core.forms import (
    DateField,
    GDSFormMixin,
    VersionField,
    choice_field,
    optional_choice,
    optional_choices,
    prefixed_for,
    text_field,
)
from sendtracker.core.models import BoardMeeting
from sendtracker.core.status import Status, StatusKey

from .models import (
    AreaKind,
    AreaOfWeakness,
    Framework,
    ImprovementPlan,
    Inspection,
    Outcome,
    PlanKind,
    Stage,
)
from .services import ACTION_DETAIL_FIELDS, PLAN_FIELDS


class StatusUpdateForm(GDSFormMixin, forms.Form):
    """The short form an officer fills in on the plan page, one per action."""

    status = choice_field(
        None, Status.choices, required_message="Select a status", widget=forms.Select
    )
    stage = choice_field(
        None, Stage.choices, required_message="Select a stage", widget=forms.Select
    )
    note = text_field(
        "Progress note",
        max_length=5000,
        rows=3,
        help_text="What has happened since the last update.",
    )
    reason = text_field(
        "Reason for delay", max_length=2000, rows=2, help_text="Needed for a minor or major delay."
    )
    recovery_date = DateField(
        label="Recovery date",
        required=False,
        help_text="When the action will be back on track. For example, 27 3 2027.",
    )
    evidence_of_output = text_field(
        "Evidence of output",
        max_length=5000,
        rows=2,
        help_text="Needed to mark the action complete, if not recorded already.",
    )
    version = VersionField()
    submit_label = "Update status"

    def __init__(self, *args, action=None, **kwargs):
        # One form per action on the plan page.
        super().__init__(*args, **prefixed_for("action", action, kwargs))

    @cached_property
    def helper(self) -> FormHelper:
        # Built when the form is drawn: a valid post redirects without drawing it.
        return self.build_helper(
            Field.select("status", label_size=Size.SMALL),
            Field.select("stage", label_size=Size.SMALL),
            Field.textarea("note", label_size=Size.SMALL),
            Field.textarea("reason", label_size=Size.SMALL),
            Field("recovery_date"),
            Field.textarea("evidence_of_output", label_size=Size.SMALL),
            "version",
        )

    @classmethod
    def initial_for(cls, action) -> dict:
        return {
            "status": action.status,
            "stage": action.stage,
            "reason": action.status_reason,
            "recovery_date": action.recovery_date,
            "version": action.version,
        }


class SignOffForm(GDSFormMixin, forms.Form):
    """The board signs a complete action off at one of its meetings (held by today)."""

    submit_label = "Sign off"
    meeting = forms.ModelChoiceField(
        label="Board meeting",
        queryset=BoardMeeting.objects.none(),
        empty_label="Choose a meeting",
        help_text="The meeting that signed the action off.",
        error_messages={
            "required": "Choose the board meeting that signed the action off",
            "invalid_choice": "Choose a meeting of the council's board from the list",
        },
    )
    minute = forms.CharField(
        label="Minute reference",
        max_length=50,
        required=False,
        help_text="Optional. For example, 5.2.",
        error_messages={"max_length": "The minute reference must be 50 characters or fewer"},
    )
    version = VersionField()

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = BoardMeeting.objects.filter(
            council_id=action.plan.council_id, held_on__lte=timezone.localdate()
        ).order_by("-held_on", "-pk")
        self.helper = self.build_helper(
            Field.select("meeting"), Field.text("minute", field_width=Fixed.TEN), "version"
        )

    @staticmethod
    def initial_for(action) -> dict:
        return {"version": action.version}


# Create and edit pages: input parsing and field errors; inspections.services decides.


def url_field(label: str, example: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": f"Enter a web address in the correct format, like {example}"},
    )


class VersionedFormMixin:
    """An edit form carries the version it was opened at, to refuse a stale save."""

    def add_version(self):
        self.fields["version"] = VersionField()
        self.helper.layout.insert(len(self.helper.layout) - 1, "version")


class InspectionForm(GDSFormMixin, forms.Form):
    framework = choice_field(
        "Framework",
        Framework.choices,
        required_message="Select the framework the inspection followed",
    )
    inspectorates = text_field(
        "Inspectorates",
        max_length=100,
        initial="Ofsted and CQC",
        required_message="Enter the inspectorates, like Ofsted and CQC",
    )
    started_on = DateField(label="Date the inspection started")
    ended_on = DateField(label="Date the inspection ended")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "Not yet published"), *Outcome.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text="2023 framework only. A 2016 inspection names areas of weakness instead.",
    )
    report_url = url_field("Published report", "https://reports.ofsted.gov.uk/provider/44/80512")
    report_published_on = DateField(label="Date the report was published", required=False)
    submit_label = "Save inspection"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.radios("framework", legend_size=Size.SMALL),
            Field.text("inspectorates", field_width=Fluid.TWO_THIRDS),
            Field("started_on"),
            Field("ended_on"),
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.text("report_url"),
            Field("report_published_on"),
        )


class AreaForm(GDSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of area",
        choices=[],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select the kind of area from the list"},
    )
    parent = optional_choice(
        "Sub-area of",
        AreaOfWeakness.objects.none(),
        empty_label="None: this is an area of its own",
        invalid_message="Choose an area of this inspection from the list",
    )
    plan = optional_choice(
        "Plan that splits the area",
        ImprovementPlan.objects.none(),
        empty_label="None",
        help_text="For a sub-area: the plan whose own split of the area it is. Sub-areas "
        "are shown as the plan's, not as inspection findings.",
        invalid_message="Choose a plan that responds to this inspection from the list",
    )
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        max_value=99,
        help_text="For a sub-area, its number within the area: 2 for Area 4.2.",
        error_messages={
            "required": "Enter the number of the area",
            "invalid": "The number must be a whole number, like 4",
            "min_value": "The number must be 1 or more",
            "max_value": "The number must be 99 or less",
        },
    )
    title = text_field(
        "Title",
        max_length=300,
        rows=3,
        help_text="As the inspection report words it.",
        required_message="Enter the title of the area of weakness",
    )
    text = text_field(
        "Full wording",
        max_length=None,
        rows=5,
        help_text="The report's full wording of the area, if longer than its title.",
    )
    short_title = text_field(
        "Short title",
        max_length=100,
        help_text="As the BRAG on a page shows it. For example, Joint commissioning.",
    )
    submit_label = "Save area"

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = inspection.areas.filter(parent__isnull=True)
        self.fields["parent"].label_from_instance = lambda area: f"{area.label}: {area.title}"
        self.fields["plan"].queryset = inspection.plans.all()
        self.fields["plan"].label_from_instance = lambda plan: plan.title
        kinds = inspection.area_kinds
        layout = [Field.select("parent"), Field.select("plan")]
        if len(kinds) > 1:
            self.fields["kind"].choices = [(k, AreaKind(k).label) for k in kinds]
            self.fields[
                "kind"
            ].help_text = "Not needed for a sub-area, which is of its area's kind."
            layout.insert(0, Field.radios("kind", legend_size=Size.SMALL))
            self.fields["title"].error_messages["required"] = "Enter the title of the area"
        else:
            del self.fields["kind"]
        self.helper = self.build_helper(
            *layout,
            Field.text("number", field_width=Fixed.TWO),
            Field.textarea("title"),
            Field.textarea("text"),
            Field.text("short_title", field_width=Fluid.TWO_THIRDS),
        )


class FollowUpForm(GDSFormMixin, forms.Form):
    """What followed an inspection: its dates, its published letter and a yes-or-no
    verdict on each of the inspection's top-level areas that `areas_of` picks."""

    letter_url = url_field("Published letter", "https://reports.ofsted.gov.uk/provider/44/80512")
    field_order = ["started_on", "ended_on", "letter_url"]  # the subclasses' dates first
    yes_no: tuple[str, str]  # the labels of the verdict's two choices
    required_message: str  # with {label}: the area's label
    verdicts_legend: str

    def areas_of(self, inspection: Inspection):
        return inspection.areas.filter(parent__isnull=True)

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(self.areas_of(inspection))
        verdicts = []
        for area in self.areas:
            name = f"area_{area.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{area.label}: {area.title}",
                choices=list(zip(("yes", "no"), self.yes_no, strict=True)),
                widget=forms.RadioSelect,
                error_messages={"required": self.required_message.format(label=area.label)},
            )
            verdicts.append(Field.radios(name, legend_size=Size.SMALL, inline=True))
        self.helper = self.build_helper(
            Field("started_on"),
            Field("ended_on"),
            Field.text("letter_url"),
            Fieldset(*verdicts, legend=self.verdicts_legend, legend_size=Size.MEDIUM),
        )

    def verdicts(self) -> dict[int, bool]:
        """Each answered area's id: True for yes."""
        return {
            area.pk: self.cleaned_data[f"area_{area.pk}"] == "yes"
            for area in self.areas
            if self.cleaned_data.get(f"area_{area.pk}")
        }


class RevisitForm(FollowUpForm):
    started_on = DateField(label="Date the revisit started")
    ended_on = DateField(label="Date the revisit ended")
    submit_label = "Save revisit"
    yes_no = ("Sufficient progress", "Not sufficient progress")
    required_message = "Select whether {label} made sufficient progress"
    verdicts_legend = "Judgements"


class MonitoringInspectionForm(FollowUpForm):
    started_on = DateField(label="Date the monitoring inspection started")
    ended_on = DateField(label="Date the monitoring inspection ended")
    submit_label = "Save monitoring inspection"
    yes_no = ("Improved", "Not improved")
    required_message = "Select whether {label} has improved"
    verdicts_legend = "Findings for each area for priority action"

    def areas_of(self, inspection: Inspection):
        return inspection.areas.filter(parent__isnull=True, kind=AreaKind.PRIORITY_ACTION)


def slots(saved: int, *, least: int = 3) -> int:
    """How many blank rows a repeated field shows: all saved ones and one more."""
    return max(least, saved + 1)


def plan_kind_field():
    return choice_field(
        "Kind of plan", PlanKind.choices, required_message="Select the kind of plan"
    )


def plan_title_field():
    return text_field(
        "Title",
        help_text="For example, Accelerated Progress Plan: Area 4.",
        required_message="Enter the title of the plan",
    )


class PlanForm(VersionedFormMixin, GDSFormMixin, forms.Form):
    kind = plan_kind_field()
    title = plan_title_field()
    summary = text_field("Summary", max_length=None, rows=3)
    inspection = optional_choice(
        "Inspection",
        Inspection.objects.none(),
        empty_label="None: a local improvement plan",
        help_text="The inspection the plan responds to.",
        invalid_message="Choose one of the council's inspections from the list",
    )
    approved_on = DateField(label="Date judged fit for purpose", required=False)
    approved_by = text_field(
        "Judged fit for purpose by", help_text="For example, DfE and NHS England."
    )
    board_cadence = text_field(
        "Board monitoring", max_length=100, help_text="For example, Monthly SEND Improvement Board."
    )
    dfe_cadence = text_field(
        "DfE and NHS England monitoring", max_length=100, help_text="For example, Quarterly."
    )
    published = forms.BooleanField(label="The plan is published", required=False)
    status_key = choice_field(
        "Status colours",
        StatusKey.choices,
        initial=StatusKey.BRAG,
        required_message="Select the status colours",
    )
    submit_label = "Save plan"

    def __init__(self, *args, council, review_points: int = 0, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = council.inspections.all()
        self.fields["inspection"].error_messages["invalid_choice"] = (
            f"Choose one of {council.name}'s inspections from the list"
        )
        self.review_point_slots = slots(review_points, least=2)
        rows = []
        for n in range(1, self.review_point_slots + 1):
            self.fields[f"review_point_{n}_name"] = text_field(
                f"Review point {n}",
                max_length=100,
                help_text="For example, Six-month review." if n == 1 else "",
            )
            self.fields[f"review_point_{n}_date"] = DateField(
                label=f"Date of review point {n}", required=False
            )
            rows += [
                Field.text(f"review_point_{n}_name", field_width=Fluid.TWO_THIRDS),
                Field(f"review_point_{n}_date"),
            ]
        self.helper = self.build_helper(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("title"),
            Field.textarea("summary"),
            Field.select("inspection"),
            Field("approved_on"),
            Field.text("approved_by", field_width=Fluid.TWO_THIRDS),
            Field.text("board_cadence", field_width=Fluid.TWO_THIRDS),
            Field.text("dfe_cadence", field_width=Fluid.TWO_THIRDS),
            Field.checkbox("published"),
            Field.radios("status_key", legend_size=Size.SMALL),
            Fieldset(*rows, legend="Review points", legend_size=Size.MEDIUM),
        )
        if versioned:
            self.add_version()

    def clean(self):
        data = super().clean()
        for n in range(1, self.review_point_slots + 1):
            name, date = data.get(f"review_point_{n}_name"), data.get(f"review_point_{n}_date")
            if name and date is None and not self.has_error(f"review_point_{n}_date"):
                self.add_error(f"review_point_{n}_date", f"Enter the date of review point {n}")
            if date and not name:
                self.add_error(f"review_point_{n}_name", f"Enter the name of review point {n}")
        return data

    def review_points(self) -> list:
        return [
            (
                self.cleaned_data[f"review_point_{n}_name"],
                self.cleaned_data[f"review_point_{n}_date"],
            )
            for n in range(1, self.review_point_slots + 1)
            if self.cleaned_data.get(f"review_point_{n}_name")
        ]

    def plan_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS}

    @staticmethod
    def initial_for(plan) -> dict:
        initial = {name: getattr(plan, name) for name in PLAN_FIELDS if name != "inspection"}
        initial["inspection"] = plan.inspection_id
        initial["version"] = plan.version
        for n, point in enumerate(plan.review_points.all(), start=1):
            initial[f"review_point_{n}_name"] = point.name
            initial[f"review_point_{n}_date"] = point.due_on
        return initial


class ActionForm(VersionedFormMixin, GDSFormMixin, forms.Form):
    ref = text_field(
        "Reference",
        max_length=20,
        help_text="For example, 2.3.",
        required_message="Enter the action's reference, like 2.3",
    )
    area = optional_choice(
        "Area of weakness",
        AreaOfWeakness.objects.none(),
        empty_label="None",
        help_text="The area or sub-area of the plan's inspection the action addresses.",
        invalid_message="Choose an area of weakness of the plan's inspection from the list",
    )
    description = text_field("Action", max_length=None, rows=4, required_message="Enter the action")
    lead_users = optional_choices(
        "Named leads",
        people_of_area(None),
        help_text="People with an account and a role in the council's area, by role title.",
        invalid_message="Choose named leads who have a role in the council's area",
    )
    leads = text_field(
        "Other leads",
        max_length=300,
        help_text="Partners without an account, as role titles, not names. For example, "
        "Designated Clinical Officer.",
    )
    evidence_of_output = text_field("Evidence of output", max_length=None, rows=3)
    evidence_of_impact = text_field("Evidence of impact", max_length=None, rows=3)
    submit_label = "Save action"

    def __init__(
        self, *args, plan, action_milestones: int = 0, impact_milestones: int = 0, **kwargs
    ):
        versioned = kwargs.pop("versioned", False)
        super().__init__(*args, **kwargs)
        areas = AreaOfWeakness.objects.none()
        if plan.inspection_id:
            # Only the areas the plan addresses are offered; inspections.services refuses
            # any other area of the inspection, naming this field.
            areas = (
                plan.allowed_areas().select_related("parent").order_by("parent__number", "number")
            )
            # Areas first, each followed by its sub-areas.
            areas = sorted(
                areas,
                key=lambda a: (
                    a.parent.number if a.parent_id else a.number,
                    bool(a.parent_id),
                    a.number,
                ),
            )
        leads = self.fields["lead_users"]
        leads.queryset = people_of_area(plan.council_id)
        leads.label_from_instance = lambda user: user.job_title or user.email
        field = self.fields["area"]
        field.queryset = AreaOfWeakness.objects.filter(inspection_id=plan.inspection_id)
        field.choices = [("", "None")] + [(a.pk, f"{a.label}: {a.title}") for a in areas]
        if plan.kind == PlanKind.PRIORITY:
            field.label = "Area for priority action"
            field.help_text = "The plan's area for priority action the action addresses."
        elif plan.kind == PlanKind.STRATEGIC:
            field.label = "Area for improvement"
            field.help_text = "The plan's area for improvement the action addresses."
        self.slot_counts = {
            "action": slots(action_milestones),
            "impact": slots(impact_milestones),
        }
        groups = []
        for kind, legend in (("action", "Action milestones"), ("impact", "Impact milestones")):
            names = []
            for n in range(1, self.slot_counts[kind] + 1):
                name = f"{kind}_milestone_{n}"
                self.fields[name] = DateField(
                    label=f"{legend[:-1]} {n}", required=False, help_text=""
                )
                names.append(Field(name))
            groups.append(
                Fieldset(
                    *names,
                    legend=legend,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = self.build_helper(
            Field.text("ref", field_width=Fixed.FIVE),
            Field.select("area"),
            Field.textarea("description"),
            Field.checkboxes("lead_users", small=True),
            Field.text("leads"),
            Field.textarea("evidence_of_output"),
            groups[0],
            Field.textarea("evidence_of_impact"),
            groups[1],
        )
        if versioned:
            self.add_version()

    def milestones(self, kind: str) -> list:
        return [
            self.cleaned_data[f"{kind}_milestone_{n}"]
            for n in range(1, self.slot_counts[kind] + 1)
            if self.cleaned_data.get(f"{kind}_milestone_{n}")
        ]

    def action_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTION_DETAIL_FIELDS}

    @staticmethod
    def initial_for(action) -> dict:
        initial = {
            "ref": action.ref,
            "area": action.area_id,
            "description": action.description,
            "leads": action.leads,
            "lead_users": [lead.pk for lead in action.lead_users.all()],
            "evidence_of_output": action.evidence_of_output,
            "evidence_of_impact": action.evidence_of_impact,
            "version": action.version,
        }
        counts = {"action": 0, "impact": 0}
        for milestone in action.milestones.order_by("kind", "due_on"):
            counts[milestone.kind] += 1
            initial[f"{milestone.kind}_milestone_{counts[milestone.kind]}"] = milestone.due_on
        return initial
