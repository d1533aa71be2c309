"""Read pages: plans, their actions, BRAG on a page, exceptions and changes."""

import datetime

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from sendtracker.core.audit import history_for
from sendtracker.core.fragments import cached_fragment, data_key
from sendtracker.core.models import Council
from sendtracker.core.permissions import LED, actions_updatable_by, has_permission
from sendtracker.core.status import legend
from sendtracker.core.views.exports import ExportMixin, TableExportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import exports, fragments, html, selectors
from ..filters import ActionFilter, MyActionFilter
from ..forms import StatusUpdateForm
from ..models import Action
from ..tables import PlanTable
from .mixins import ActionMixin, PlanMixin

ACTIONS_PER_PAGE = 50


class HomeView(TableExportMixin, SingleTableView):
    """Improvement plans the user may see, across their councils."""

    template_name = "inspections/home.html"
    table_class = PlanTable

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def get_export(self):
        return exports.plans(self.table_rows())


class CouncilPlansView(CouncilScopedMixin, TemplateView):
    template_name = "inspections/council_plans.html"

    def get_context_data(self, **kwargs):
        plans = selectors.plans_visible_to(self.request.user).filter(council=self.council)
        inspections = self.council.inspections.prefetch_related(
            "areas",
            "areas__sub_areas",
            "plans__council",
            "revisits__judgements__area",
            "monitoring_inspections__findings__area",
        )
        inspections = selectors.inspections_with_deadlines(self.council, inspections)
        return super().get_context_data(plans=plans, inspections=inspections, **kwargs)


class PlanDetailView(ExportMixin, PlanMixin, TemplateView):
    """The plan's actions grouped by area, filtered, sorted and paginated.

    Everything below the heading depends only on the council's records, the date
    (what is overdue), the query string and whether the user may update, so it is
    rendered once per combination and cached under the council's data version, which
    every write raises.
    """

    template_name = "inspections/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        user = self.request.user
        updates = actions_updatable_by(user, self.council)
        query = self.request.GET.urlencode()
        fragment = cached_fragment(
            "inspections-plan",
            # A health partner's "Update" links are on the actions they lead: theirs.
            (data_key([self.council]), plan.pk, user.pk if updates == LED else updates, query),
            lambda: render_to_string(
                "inspections/_plan_actions.html",
                self.actions_context(plan, updates=updates),
                request=self.request,
            ),
        )
        # What the plan addresses and its deadlines (met, due or overdue: the day).
        may_change = has_permission(user, "change_council", self.council)
        head = cached_fragment(
            "inspections-plan-head",
            (data_key([self.council]), plan.pk, may_change),
            lambda: render_to_string(
                "inspections/_plan_head.html",
                {
                    "plan": plan,
                    "focus": selectors.plan_focus(plan),
                    "deadlines": selectors.plan_deadlines(plan),
                    "may_change": may_change,
                    "council": self.council,
                },
            ),
        )
        return super().get_context_data(
            actions_fragment=fragment, head_fragment=head, may_change=may_change, **kwargs
        )

    def filter_actions(self, plan):
        """The plan's actions, the errors of what the page's filter was sent, and the
        actions it selects (all of them if nothing was sent or it is not valid), in the
        order chosen. The page as it opens, with nothing sent, needs no filter set."""
        actions = Action.objects.filter(plan=plan).order_by("position", "pk")
        if not self.request.GET:
            return actions, {}, actions
        action_filter = ActionFilter(self.request.GET, queryset=actions, plan=plan)
        if not action_filter.is_valid():
            return actions, action_filter.errors, actions
        return actions, {}, action_filter.qs

    def get_export(self):
        plan = self.get_plan()
        _, _, filtered = self.filter_actions(plan)
        return exports.plan_actions(plan, selectors.actions_for_export(filtered))

    def actions_context(self, plan, *, updates: str) -> dict:
        actions, filter_errors, filtered = self.filter_actions(plan)
        counts = selectors.status_counts(actions)
        paginator = Paginator(selectors.action_row_values(filtered), ACTIONS_PER_PAGE)
        if filtered is actions:
            paginator.count = sum(counts.values())  # the counts have read them all
        page = paginator.get_page(self.request.GET.get("page"))
        rows = selectors.action_rows(plan, page.object_list)
        areas = selectors.plan_areas(plan, {row.area_id for row in rows if row.area_id})
        filters = html.action_filters(
            data=self.request.GET,
            errors=filter_errors,
            areas=[(area.pk, str(area)) for area in areas.values() if area.allowed]
            if plan.inspection_id
            else None,
            path=self.request.path,
        )
        groups = []
        for row in rows:
            if not groups or groups[-1]["area_id"] != row.area_id:
                groups.append({"area_id": row.area_id, "area": areas.get(row.area_id), "rows": []})
            groups[-1]["rows"].append(row)
        return {
            "plan": plan,
            "council": self.council,
            "filters": filters,
            "page": page,
            "groups": groups,
            "updates": updates,
            "user_id": self.request.user.pk,
            "counts": counts,
            "legend_counts": [(item, counts[item["value"]]) for item in legend(plan.status_key)],
            "status_key": plan.status_key,
            "next": self.request.get_full_path(),
            "path": self.request.path,
            "query": self.request.GET.urlencode(),
        }


class ActionDetailView(ActionMixin, TemplateView):
    template_name = "inspections/action_detail.html"

    def get_context_data(self, **kwargs):
        action = self.get_action()
        user = self.request.user
        return super().get_context_data(
            action=action,
            milestones=action.milestones.all(),
            timeline=selectors.action_timeline(action),
            history=history_for(action)[:50],
            can_edit=has_permission(user, "change_council", self.council),
            can_update=has_permission(user, "update_action", action),
            can_sign_off=has_permission(user, "sign_off", self.council),
            form=StatusUpdateForm(initial=StatusUpdateForm.initial_for(action), action=action),
            **kwargs,
        )


class BragView(PlanMixin, TemplateView):
    template_name = "inspections/brag.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        return super().get_context_data(
            brag_table=fragments.brag_table(plan, council=self.council),
            legend=legend(plan.status_key),
            **kwargs,
        )


class PlanExceptionsView(ExportMixin, PlanMixin, TemplateView):
    template_name = "inspections/exceptions.html"

    def get_export(self):
        plan = self.get_plan()
        rows = selectors.exception_report(Action.objects.filter(plan=plan))
        return exports.plan_exceptions(plan, rows)

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        rows = selectors.exception_report(Action.objects.filter(plan=plan))
        return super().get_context_data(rows=rows, scope_label=plan.title, **kwargs)


class PlanHistoryView(PlanMixin, TemplateView):
    """The audit trail of the plan and of its inspection: who changed what, and when.

    A tab of its own, as a council's history is a page of its own, so that the plan
    page, where an officer lands after every update, does not read it.
    """

    permission = "view_history"
    template_name = "inspections/plan_history.html"


class PlanChangesView(PlanMixin, TemplateView):
    """What changed since a date (the last board meeting, by default four weeks ago)."""

    template_name = "inspections/changes.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        since, error = self.parse_since()
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        updates = selectors.updates_since(plan.actions.all(), start)
        page = Paginator(updates, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            since=since, since_error=error, page=page, updates=page.object_list, **kwargs
        )

    def parse_since(self):
        default = timezone.localdate() - datetime.timedelta(weeks=4)
        raw = self.request.GET.get("since", "").strip()
        if not raw:
            return default, None
        try:
            return datetime.date.fromisoformat(raw), None
        except ValueError:
            return default, "Enter a real date, like 2026-10-31"


class MyActionsView(ExportMixin, TemplateView):
    """The actions the signed-in person leads by name, with what needs them, filtered."""

    template_name = "inspections/my_actions.html"

    def filter_actions(self):
        user = self.request.user
        led = selectors.actions_led_by(user)
        councils = Council.objects.visible_to(user).filter(
            improvement_plans__actions__lead_users=user
        )
        filterset = MyActionFilter(
            self.request.GET or None, queryset=led, councils=councils.distinct()
        )
        actions = filterset.qs if filterset.is_bound and filterset.is_valid() else led
        return led, filterset, actions

    def get_export(self):
        _, _, actions = self.filter_actions()
        return exports.my_actions(selectors.my_action_rows(actions))

    def get_context_data(self, **kwargs):
        led, filterset, actions = self.filter_actions()
        page = Paginator(actions, ACTIONS_PER_PAGE).get_page(self.request.GET.get("page"))
        rows = selectors.my_action_rows(led.filter(pk__in=[a.pk for a in page.object_list]))
        return super().get_context_data(
            filter=filterset, page=page, rows=rows, total=led.count(), **kwargs
        )
