"""Every import page (core's upload → preview → confirm), with a signed-in user who may
use it and the headings its file needs: one table for the tests that upload hostile or
generated files to all of them. A new import page gets a row here (test_import_pages_
are_all_listed in tests/property/test_imports.py fails until it has one)."""

import dataclasses
from collections.abc import Callable

from django.apps import apps
from django.db import connection
from django.urls import reverse

from grants.imports import HEADINGS as ANNEX_B_HEADINGS
from grants.imports import PAYMENT_HEADINGS
from inspections.exports import HEADINGS as PLAN_HEADINGS
from programmes.imports.high_needs import HIGH_NEEDS_HEADINGS
from programmes.imports.milestones import MILESTONE_HEADINGS
from programmes.imports.observations import OBSERVATION_HEADINGS


@dataclasses.dataclass(frozen=True)
class ImportPage:
    name: str  # the upload page's URL name
    role: str  # a fixture of tests/conftest.py: the user who may import
    build: Callable  # (council) -> the URL's args
    headings: list[str]
    formats: tuple[str, ...] = ("csv", "xlsx")
    fields: tuple[tuple[str, str], ...] = ()  # what the upload form needs besides the file
    example: tuple = ()  # a row that imports, under `headings`


def _determination(council):
    from tests.grants.factories import DeterminationFactory

    return [DeterminationFactory(total_available=None).pk]


def _paying(council):
    """A determination with an instalment and an allocation to `council` to pay."""
    from tests.grants.factories import AllocationFactory, DeterminationFactory, InstalmentFactory

    determination = DeterminationFactory(total_available=None)
    InstalmentFactory(determination=determination, position=1)
    AllocationFactory(determination=determination, council=council)
    return [determination.pk]


def _plan(council):
    from tests.inspections.factories import InspectionFactory, PlanFactory

    inspection = InspectionFactory(council=council)
    return [council.slug, PlanFactory(council=council, inspection=inspection).pk]


def _programme(council):
    from tests.programmes import factories

    return factories.programme(council)


def _workstream(council):
    from tests.programmes import factories

    programme = _programme(council)
    workstream = factories.workstream(programme)
    factories.milestone(workstream, ref="1", title="Design phase")
    return [council.slug, programme.pk, workstream.pk]


def _measure(council):
    from tests.programmes import factories

    programme = _programme(council)
    measure = factories.measure(programme, name="EHCP 20-week timeliness")
    return [council.slug, programme.pk, measure.pk]


def _programme_with_measure(council):
    slug, programme, _ = _measure(council)
    return [slug, programme]


PLAN_EXAMPLE = ("1.1", "", "Audit of plans", "SENCO", "", "", "31/03/2024")
PLAN_EXAMPLE += ("", "", "Action", "On track", "", "", "")
MILESTONE_EXAMPLE = ("", "", "", "2", "Pilot", "Head of SEND", "01/04/2024", "30/09/2024")
MILESTONE_EXAMPLE += ("Not started", "", "", "", "", "")
OBSERVATION_EXAMPLE = ("EHCP 20-week timeliness", "31/03/2024", "42", "", "", "")

PAGES = [
    ImportPage(
        "grants:allocation-import",
        "grant_administrator",
        _determination,
        ANNEX_B_HEADINGS,
        example=("Leicester City Council", "14", "East Midlands", "15000", "6271.92", "21271.92"),
    ),
    ImportPage(
        "grants:payment-import",
        "grant_administrator",
        _paying,
        PAYMENT_HEADINGS,
        example=("Leicester", "1", "15/08/2021", "1000", "BACS 1"),
    ),
    ImportPage(
        "inspections:plan-import",
        "officer",
        _plan,
        PLAN_HEADINGS,
        formats=("csv", "xlsx", "docx"),
        example=PLAN_EXAMPLE,
    ),
    ImportPage(
        "inspections:plan-import-new",
        "officer",
        lambda council: [council.slug],
        PLAN_HEADINGS,
        formats=("csv", "xlsx", "docx"),
        fields=(("kind", "local"), ("title", "Local improvement plan")),
        example=PLAN_EXAMPLE,
    ),
    ImportPage(
        "programmes:milestone-import",
        "officer",
        _workstream,
        MILESTONE_HEADINGS,
        example=MILESTONE_EXAMPLE,
    ),
    ImportPage(
        "programmes:observation-import",
        "officer",
        _programme_with_measure,
        OBSERVATION_HEADINGS,
        example=OBSERVATION_EXAMPLE,
    ),
    ImportPage(
        "programmes:measure-observation-import",
        "officer",
        _measure,
        OBSERVATION_HEADINGS,
        example=OBSERVATION_EXAMPLE,
    ),
    ImportPage(
        "programmes:high-needs-import",
        "officer",
        lambda council: [council.slug],
        HIGH_NEEDS_HEADINGS,
        example=("2023/24", "Actual", "1000", "500", "1200", "", "DfE"),
    ),
]


def page_url(page: ImportPage, council) -> str:
    return reverse(page.name, args=page.build(council))


def row_counts() -> dict[str, int]:
    """Rows in every table of the project's own models and the audit log: what a
    refused upload or form must leave as it was (sessions are not counted: a preview
    lives there; nor sign-in attempts). One query, for tests that count often."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label not in ("sessions", "contenttypes", "auth", "axes")
            and model._meta.label != "core.ImportUpload"  # a streamed import's preview
            and model._meta.managed
            and not model._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    # Table names from the models, quoted: nothing here comes from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))
