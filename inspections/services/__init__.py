"""Every write to inspections and improvement plans: plain functions with keyword-only
arguments.

Each takes the write path of docs/architecture.md. Split by record; import from here.
"""

from .actions import ACTION_DETAIL_FIELDS, add_action, update_action_details
from .deadlines import override_deadline, remove_deadline_override
from .imports import import_plan, import_plan_rows
from .inspections import (
    add_area,
    create_inspection,
    record_monitoring_inspection,
    record_revisit,
    update_inspection,
)
from .plans import PLAN_FIELDS, create_plan, update_plan
from .status import sign_off_action, update_action_status

__all__ = [
    "ACTION_DETAIL_FIELDS",
    "PLAN_FIELDS",
    "add_action",
    "add_area",
    "create_inspection",
    "create_plan",
    "import_plan",
    "import_plan_rows",
    "override_deadline",
    "record_monitoring_inspection",
    "record_revisit",
    "remove_deadline_override",
    "sign_off_action",
    "update_action_details",
    "update_action_status",
    "update_inspection",
    "update_plan",
]
