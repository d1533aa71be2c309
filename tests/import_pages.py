"""Every import page (core's upload → preview → confirm), with a signed-in user who may
use it and the headings its file needs: one table for the tests that upload hostile or
generated files to all of them. A new import page gets a row here (test_import_pages_
are_all_listed in tests/property/test_imports.py fails until it has one)."""

import dataclasses
from collections.abc import Callable

from django.apps import apps
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


def _determination(council):
    from tests.grants.factories import DeterminationFactory

    return [DeterminationFactory(total_available=None).pk]


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


PAGES = [
    ImportPage("grants:allocation-import", "grant_administrator", _determination, ANNEX_B_HEADINGS),
    ImportPage("grants:payment-import", "grant_administrator", _determination, PAYMENT_HEADINGS),
    ImportPage(
        "inspections:plan-import",
        "officer",
        _plan,
        PLAN_HEADINGS,
        formats=("csv", "xlsx", "docx"),
    ),
    ImportPage(
        "inspections:plan-import-new",
        "officer",
        lambda council: [council.slug],
        PLAN_HEADINGS,
        formats=("csv", "xlsx", "docx"),
        fields=(("kind", "local"), ("title", "Local improvement plan")),
    ),
    ImportPage("programmes:milestone-import", "officer", _workstream, MILESTONE_HEADINGS),
    ImportPage(
        "programmes:observation-import", "officer", _programme_with_measure, OBSERVATION_HEADINGS
    ),
    ImportPage("programmes:measure-observation-import", "officer", _measure, OBSERVATION_HEADINGS),
    ImportPage(
        "programmes:high-needs-import",
        "officer",
        lambda council: [council.slug],
        HIGH_NEEDS_HEADINGS,
    ),
]


def page_url(page: ImportPage, council) -> str:
    return reverse(page.name, args=page.build(council))


def row_counts() -> dict[str, int]:
    """Rows in every table of the project's own models and the audit log: what a
    refused upload or form must leave as it was (sessions are not counted: a preview
    lives there)."""
    counted = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in ("sessions", "contenttypes", "auth", "axes"):
            continue
        if label in ("core.ImportUpload",):  # a streamed import's kept file: its preview
            continue
        counted[label] = model._default_manager.count()
    return counted
