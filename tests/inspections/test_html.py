"""Plan markup drawn in Python for speed (inspections.html) draws what the templates it
replaced drew: they are kept here as the reference."""

import datetime
from pathlib import Path

import pytest
from django.template import engines
from django.test.html import parse_html

from inspections.html import action_filters, action_row, action_tables, brag_table
from inspections.models import Stage
from inspections.selectors import ActionRow, BragGroup, BragRow
from sendtracker.core.permissions import ALL, LED, NONE
from sendtracker.core.status import display

HERE = Path(__file__).parent
# The row and the plan page's tables as the template language drew them before.
ROW_TEXT = (HERE / "action_row_reference.html").read_text()
REFERENCE = engines["django"].from_string(ROW_TEXT)
TABLES_REFERENCE = engines["django"].from_string(
    (HERE / "action_tables_reference.html").read_text().replace("ROW", ROW_TEXT)
)


def row(**values) -> ActionRow:
    return ActionRow(
        **{
            "pk": 7,
            "ref": '2.3 <b>"x"</b>',
            "description": "Parents & carers' <script>alert(1)</script>",
            "leads": "Head of SEND; ICB's <i>lead</i>",
            "status": display("major_delay", "brag"),
            "recovery_date": datetime.date(2026, 3, 9),
            "stage": "Impact",
            "signed_off": True,
            "action_milestones": [datetime.date(2025, 12, 1), datetime.date(2026, 1, 31)],
            "area_id": None,
            "url": "/councils/leicester/plans/2/actions/7/",
            **values,
        }
    )


NEXT = "/councils/leicester/plans/2/?status=major_delay&lead=Head of SEND"


def test_each_table_is_the_markup_the_template_drew_with_every_value_escaped(leicester):
    from .factories import AreaFactory, InspectionFactory

    area = AreaFactory(inspection=InspectionFactory(council=leicester), title="Joint <work>")
    groups = [
        {
            "area": area,
            "rows": [row(), row(pk=8, signed_off=False, recovery_date=None, action_milestones=[])],
        },
        {"area": None, "rows": [row(pk=9, status=display("complete", "grey_yellow"))]},
    ]
    for can_update in (True, False):
        updates = ALL if can_update else NONE
        ours = action_tables(groups, updates=updates, user_id=None, next_url=NEXT)
        reference = TABLES_REFERENCE.render(
            {"groups": groups, "can_update": can_update, "next": NEXT}
        )
        assert parse_html(ours) == parse_html(reference)
    assert "Joint &lt;work&gt;" in ours
    assert "<script>" not in ours and "&lt;script&gt;" in ours
    assert "Recovery 9 Mar 2026" in ours and "Dec 2025<br>Jan 2026<br>" in ours


def test_a_health_partner_gets_update_links_on_the_actions_they_lead_only():
    groups = [{"area": None, "rows": [row(pk=1, lead_user_ids=frozenset({5})), row(pk=2)]}]

    html = action_tables(groups, updates=LED, user_id=5, next_url=NEXT)

    assert 'hx-target="#action-1"' in html and 'hx-target="#action-2"' not in html
    assert "hx-get" not in action_tables(groups, updates=LED, user_id=6, next_url=NEXT)


def test_the_swapped_row_draws_the_same_cells():
    ours = action_row(row(), can_update=True, next_url=NEXT)
    reference = REFERENCE.render({"row": row(), "can_update": True, "next": NEXT})
    assert parse_html(
        f'<tbody class="govuk-table__body app-inplace" id="action-7">{ours}</tbody>'
    ) == parse_html(reference)


BRAG_REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "brag_table_reference.html").read_text()
)


def test_the_brag_matrix_is_the_markup_the_template_drew(leicester):
    from .factories import AreaFactory, PlanFactory

    plan = PlanFactory(council=leicester, title="Plan <&> of 2026")
    area = AreaFactory(inspection=plan.inspection, number=1, title="Joint <working>")
    short = AreaFactory(inspection=plan.inspection, number=2, short_title="Short & sweet")

    def brag_row(pk, stage_index, status, signed_off=False):
        return BragRow(pk, f"{pk}.1 <x>", signed_off, stage_index, display(status, "brag"))

    groups = [
        BragGroup(area, [brag_row(1, 0, "on_track", True), brag_row(2, 4, "complete")]),
        BragGroup(short, [brag_row(3, 2, "major_delay")]),
        BragGroup(None, [brag_row(4, 1, "not_started")]),
    ]
    for case in (groups, []):
        reference = BRAG_REFERENCE.render(
            {
                "groups": case,
                "stages": list(Stage),
                "plan": plan,
                "plan_url": plan.get_absolute_url(),
            }
        )
        assert parse_html(brag_table(plan, case)) == parse_html(reference)
    html = brag_table(plan, groups)
    assert "Plan &lt;&amp;&gt; of 2026" in html and "Joint &lt;working&gt;" in html


FILTERS_REFERENCE = engines["django"].from_string(
    "{% load sendtracker %}" + (HERE / "plan_filters_reference.html").read_text()
)
PLAN_PATH = "/councils/leicester/plans/2/"


def drawn_filters(plan, query: str) -> tuple[str, str]:
    """The plan page's filter form for `query`, drawn by action_filters, and by the
    template it replaced from the filter set (which lists the plan's allowed areas)."""
    from django.http import QueryDict

    from inspections.filters import ActionFilter
    from inspections.models import Action

    data = QueryDict(query)
    action_filter = ActionFilter(data or None, queryset=Action.objects.filter(plan=plan), plan=plan)
    errors = action_filter.errors if data else {}
    areas = [(a.pk, str(a)) for a in plan.allowed_areas()] if plan.inspection_id else None
    ours = action_filters(data=data, errors=errors, areas=areas, path=PLAN_PATH)
    reference = FILTERS_REFERENCE.render(
        {"filter": action_filter, "plan": plan, "query": data.urlencode(), "path": PLAN_PATH}
    )
    return ours, reference


@pytest.mark.parametrize(
    "query",
    [
        "",
        "page=2",
        "status=on_track&status=complete&stage=impact&lead=Head+of+%3CSEND%3E&overdue=on"
        "&changed_since=2026-01-31&sort=due",
        "overdue=false&sort=status&lead=",
        "overdue=TRUE&stage=",
    ],
)
def test_the_filter_form_is_the_markup_django_drew_from_the_filter_set(leicester, query):
    from .factories import AreaFactory, PlanFactory

    plan = PlanFactory(council=leicester)
    first = AreaFactory(inspection=plan.inspection, title="Joint <working>")
    AreaFactory(inspection=plan.inspection, parent=first, number=1, title="Sub & area")
    area_query = f"{query}&area={first.pk}" if query else ""
    without_inspection = PlanFactory(council=leicester, inspection=None)
    for plan_, query_ in ((without_inspection, query), (plan, area_query), (plan, query)):
        ours, reference = drawn_filters(plan_, query_)
        assert parse_html(ours) == parse_html(reference), query_
    assert "Joint &lt;working&gt;" in ours and "Sub &amp; area" in ours
    if "lead=Head" in query:
        assert 'value="Head of &lt;SEND&gt;"' in ours and " open" in ours


def test_a_refused_filter_is_named_in_the_summary_and_beside_its_field(leicester):
    from .factories import PlanFactory

    plan = PlanFactory(council=leicester)
    ours, _ = drawn_filters(plan, "changed_since=2026-02-31&status=forged&lead=x")

    page = parse_html(ours)
    assert page.count(parse_html('<a href="#id_changed_since">Enter a real date</a>')) == 1
    assert 'href="#id_status_0"' in ours  # the first checkbox: the group has no id
    assert (
        '<p class="govuk-error-message" id="id_changed_since_error">'
        '<span class="govuk-visually-hidden">Error:</span> Enter a real date</p>'
    ) in ours
    assert 'value="2026-02-31"' in ours and 'aria-describedby="id_changed_since_error"' in ours
    assert 'aria-describedby="id_status_error"' in ours
    assert ours.count("govuk-form-group--error") == 2 and 'value="x"' in ours


def test_each_row_reads_its_action_milestones_and_named_leads_from_the_database(
    leicester, make_user
):
    from inspections.models import ActionMilestone, MilestoneKind
    from inspections.selectors import action_row_values, action_rows
    from sendtracker.core.models.people import Role

    from .factories import ActionFactory, PlanFactory

    plan = PlanFactory(council=leicester)
    first = ActionFactory(plan=plan, ref="1.1", leads="Head of SEND; ICB lead")
    second = ActionFactory(plan=plan, ref="1.2", leads="Head of SEND")
    for day, kind in [
        (datetime.date(2026, 3, 1), MilestoneKind.ACTION),
        (datetime.date(2025, 12, 1), MilestoneKind.ACTION),
        (datetime.date(2025, 11, 1), MilestoneKind.IMPACT),  # not an action milestone
    ]:
        ActionMilestone.objects.create(action=first, kind=kind, due_on=day)
    icb = make_user(Role.HEALTH_PARTNER, council=leicester, job_title="ICB lead")
    dco = make_user(Role.HEALTH_PARTNER, council=leicester, job_title="", email="dco@icb.example")
    first.lead_users.add(icb)
    first.lead_users.add(dco)  # named second, so shown second

    rows = {row.ref: row for row in action_rows(plan, action_row_values(plan.actions.all()))}

    assert rows["1.1"].action_milestones == [datetime.date(2025, 12, 1), datetime.date(2026, 3, 1)]
    assert rows["1.1"].leads == "ICB lead; dco@icb.example; Head of SEND"
    assert rows["1.1"].lead_user_ids == {icb.pk, dco.pk}
    assert rows["1.2"].action_milestones == [] and rows["1.2"].leads == "Head of SEND"
    assert rows["1.2"].lead_user_ids == frozenset() and second.pk == rows["1.2"].pk
    assert action_rows(plan, []) == []
