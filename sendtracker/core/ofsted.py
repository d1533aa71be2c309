"""Ofsted's words that both a council's own inspection record (inspections) and Ofsted's
published list of inspections (official) use, defined once so the two compare."""

from django.db import models


class Outcome(models.TextChoices):
    """A 2023 framework inspection's outcome, worded as Ofsted words it."""

    POSITIVE = "positive", "Typically positive experiences and outcomes"
    INCONSISTENT = "inconsistent", "Inconsistent experiences and outcomes"
    SYSTEMIC_FAILINGS = "systemic_failings", "Widespread and/or systemic failings"
