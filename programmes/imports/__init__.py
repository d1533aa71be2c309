"""Import a programme's measure observations, a workstream's milestones and a council's
High Needs Block years from CSV or XLSX (core's upload → preview → confirm).

The headings are programmes.exports' (on the exports branch), so a file downloaded,
edited and uploaded again changes only what was edited. Each import compares the file
with the records, row by row, matched by a key: rows to create, rows to update (with
what changes) and rows unchanged. A row is never deleted for being missing from the
file. `programmes.services.imports` saves a comparison in one transaction.

- Observations (`Measure | Period | Value | Unit | Expected | Note`): key = (measure,
  period). The measure is matched by its name within the programme (case, spacing and
  punctuation do not matter); Unit and Expected are ignored. Values are parsed as the
  measure's form parses them (services.parse_value).
- Milestones (`ID | Parent | Level | Ref | Milestone | Owner | Planned start | Planned
  end | Progress | Completed on | Status | Status override | Override reason | Latest
  note`): key = ID; a row without an ID is a new milestone. Level and Status are
  ignored. Parent is the ID of a milestone of the workstream, or, for a parent that is
  itself a new row of the file, that row's Ref (written "Ref 2.1" where the Ref is
  also a milestone's ID).
- High Needs Block years (`Year | Figures | Direct spend | Indirect spend | Allocation
  | Cumulative deficit | Source`; the export's derived columns are ignored): key = the
  year, written 2019/20, 2019-20 or 2019. Amounts in £'000 where the heading says so.
  A council report's table as seed 002's Appendix 5 lays it out (years across, cost
  lines down) is read too: see HighNeedsSpec.
"""

from sendtracker.core.imports.changes import Preview, RowPlan

from .base import programmes_fingerprint
from .high_needs import (
    HIGH_NEEDS_HEADINGS,
    HighNeedsSpec,
    compare_high_needs,
    high_needs_spec,
    parse_year,
    thousands,
)
from .milestones import MILESTONE_HEADINGS, MilestonePlan, compare_milestones, milestone_spec
from .observations import OBSERVATION_HEADINGS, compare_observations, observation_spec

__all__ = [
    "HIGH_NEEDS_HEADINGS",
    "MILESTONE_HEADINGS",
    "OBSERVATION_HEADINGS",
    "HighNeedsSpec",
    "MilestonePlan",
    "Preview",
    "RowPlan",
    "compare_high_needs",
    "compare_milestones",
    "compare_observations",
    "high_needs_spec",
    "milestone_spec",
    "observation_spec",
    "parse_year",
    "programmes_fingerprint",
    "thousands",
]
