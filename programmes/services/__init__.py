"""Every write to programmes: plain functions with keyword-only arguments.

Each takes the write path of docs/architecture.md. Split by record; import from here.
"""

from .finance import add_high_needs_year, record_high_needs_year, update_high_needs_year
from .measures import (
    add_measure,
    correct_observation,
    parse_value,
    record_observation,
    update_measure,
)
from .milestones import add_milestone, move_milestone, update_milestone, update_milestone_plan
from .programmes import (
    add_interdependency,
    add_phase,
    add_workstream,
    create_programme,
    set_enabler,
    update_programme,
    update_workstream,
)
from .risks import add_risk, update_risk

__all__ = [
    "add_high_needs_year",
    "add_interdependency",
    "add_measure",
    "add_milestone",
    "add_phase",
    "add_risk",
    "add_workstream",
    "correct_observation",
    "create_programme",
    "move_milestone",
    "parse_value",
    "record_high_needs_year",
    "record_observation",
    "set_enabler",
    "update_high_needs_year",
    "update_measure",
    "update_milestone",
    "update_milestone_plan",
    "update_programme",
    "update_risk",
    "update_workstream",
]
