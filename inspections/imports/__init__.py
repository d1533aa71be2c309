"""Import an improvement plan's table (XLSX, CSV or a Word table) into a plan.

The columns are those councils write (seed 002's APP table, the plan export's own
headings, and their variants); the file records the plan as it stands, so it is
compared with the plan action by action (matched by ref): rows to create, to update
(with what changes) and unchanged. `inspections.services.import_plan` saves it.
"""

from .columns import (
    EXPORT_HEADINGS,
    FORMATS,
    MAX_BYTES,
    MAX_ROWS,
    READ_OPTIONS,
    parse_status,
    read,
    spec,
)
from .compare import (
    SHOWN,
    Comparison,
    NewArea,
    Preview,
    RowPlan,
    Target,
    area_of,
    compare,
    counts,
    fingerprint,
    plan_values,
    summary,
    target_for,
)

__all__ = [
    "EXPORT_HEADINGS",
    "FORMATS",
    "MAX_BYTES",
    "MAX_ROWS",
    "READ_OPTIONS",
    "SHOWN",
    "Comparison",
    "NewArea",
    "Preview",
    "RowPlan",
    "Target",
    "area_of",
    "compare",
    "counts",
    "fingerprint",
    "parse_status",
    "plan_values",
    "read",
    "spec",
    "summary",
    "target_for",
]
