"""Rendered pieces of plan pages that other pages show too (the council dashboard, packs).

Each is cached under its council's data version, which every write to the council's
records raises (sendtracker.core.writes), so it is rendered once per change.
"""

from django.utils.safestring import SafeString

from sendtracker.core.fragments import cached_fragment, data_key

from . import html, selectors
from .models import ImprovementPlan


def brag_table(plan: ImprovementPlan, *, council) -> SafeString:
    """BRAG on a page for `plan`: areas x actions x stages (statuses, no dates)."""
    return cached_fragment(
        "inspections-brag",
        (data_key([council], dated=False), plan.pk),
        lambda: render_brag_table(plan, selectors.brag_on_a_page(plan)),
    )


def render_brag_table(plan: ImprovementPlan, groups) -> SafeString:
    """The BRAG matrix of these groups (selectors.brag_on_a_page or brag_groups)."""
    return html.brag_table(plan, groups)
