"""Rendered pieces of plan pages that other pages show too (the council dashboard, packs).

Each is cached under its council's data version, which every write to the council's
records raises (sendtracker.core.writes), so it is rendered once per change.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sendtracker.core.fragments import cached_fragment, data_key

from . import selectors
from .models import ImprovementPlan, Stage


def brag_table(plan: ImprovementPlan, *, council) -> SafeString:
    """BRAG on a page for `plan`: areas x actions x stages (statuses, no dates)."""
    return cached_fragment(
        "inspections-brag",
        (data_key([council], dated=False), plan.pk),
        lambda: render_brag_table(plan, selectors.brag_on_a_page(plan)),
    )


def render_brag_table(plan: ImprovementPlan, groups) -> str:
    """The BRAG matrix of these groups (selectors.brag_on_a_page or brag_groups)."""
    return render_to_string(
        "inspections/_brag_table.html",
        {
            "groups": groups,
            "stages": list(Stage),
            "plan": plan,
            "plan_url": plan.get_absolute_url(),
        },
    )
