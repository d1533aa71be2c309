from .allocations import Allocation, AllocationStatus, Payment
from .determinations import (
    DeterminationStatus,
    GrantDetermination,
    Instalment,
    LegalBasis,
    SuccessMeasure,
)
from .usage import SpendCategory, UsageLine, UsageStatement, UsageStatus

__all__ = [
    "Allocation",
    "AllocationStatus",
    "DeterminationStatus",
    "GrantDetermination",
    "Instalment",
    "LegalBasis",
    "Payment",
    "SpendCategory",
    "SuccessMeasure",
    "UsageLine",
    "UsageStatement",
    "UsageStatus",
]
