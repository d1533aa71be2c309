"""Import observations, milestones and High Needs Block years: core's upload → preview →
confirm (sendtracker.core.views.imports), over programmes.imports' comparisons.

Officers of the council and site administrators only ("change_council", as the edit
pages): another council answers 404, a reader 403.
"""

from django.urls import reverse

from sendtracker.core.imports.messages import row_errors_summary
from sendtracker.core.imports.options import SPREADSHEET_VALUES
from sendtracker.core.views.imports import ImportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import imports
from ..models import Measure
from ..services import imports as import_services
from .mixins import MeasureMixin, ProgrammeMixin, WorkstreamMixin, tree_url


class ProgrammesImport(ImportMixin):
    """What the programmes imports share: pages, limits, messages and the preview."""

    upload_template = "programmes/import_upload.html"
    preview_template = "imports/changes_preview.html"
    read_options = SPREADSHEET_VALUES
    file_help = "A CSV or Excel (XLSX) file of 2MB or less, with the headings below."
    intro_template = ""
    heading = ""
    what = ""  # "Observations": the summary's first word
    plural = ""  # "observations"
    preview_url_name = ""
    # Saves the preview: called with `by`, `preview` and import_service_kwargs().
    import_service = None

    def import_service_kwargs(self) -> dict:
        raise NotImplementedError

    def save_import(self, result, prepared, options, filename):
        type(self).import_service(
            by=self.request.user, preview=prepared, **self.import_service_kwargs()
        )
        return None, prepared.summary(self.what, self.plural)

    def url_kwargs(self) -> dict:
        return {"council_slug": self.council.slug}

    def back_url(self) -> str:
        raise NotImplementedError

    def caption(self) -> str:
        return self.council.name

    def fingerprint(self, options) -> str:
        return imports.programmes_fingerprint(
            self.council, f"{self.import_kind}:{self.import_target()}"
        )

    def preview_url(self, token: str) -> str:
        return reverse(self.preview_url_name, kwargs=self.url_kwargs() | {"token": token})

    def upload_url(self) -> str:
        return reverse(self.preview_url_name.removesuffix("-preview"), kwargs=self.url_kwargs())

    def error_messages(self, result) -> list[str]:
        return row_errors_summary(result)

    def import_context(self) -> dict:
        return {
            "caption": self.caption(),
            "heading": self.heading,
            "plural": self.plural,
            "back_url": self.back_url(),
            "upload_url": self.upload_url(),
            "intro_template": self.intro_template,
            "headings": self.headings,
        }

    def preview_context(self, result, prepared, options) -> dict:
        return {"counts": prepared.counts}

    def imported_url(self, saved) -> str:
        return self.back_url()


class ProgrammePartImport(ProgrammeMixin, ProgrammesImport):
    """An import into one record of a programme (`part()`: the programme itself, a
    workstream, a measure), which the URL names by `part_kwarg`."""

    part_kwarg = ""

    def part(self):
        raise NotImplementedError

    def url_kwargs(self) -> dict:
        return super().url_kwargs() | {
            "programme_id": self.get_programme().pk,
            self.part_kwarg: self.part().pk,
        }

    def import_target(self) -> str:
        return str(self.part().pk)

    def caption(self) -> str:
        return f"{self.council.name} · {self.part().name}"

    def back_url(self) -> str:
        return self.part().get_absolute_url()


# Observations ------------------------------------------------------------------------


class ProgrammeObservationImport(ProgrammePartImport):
    """Values of a programme's measures, as its observations export writes them."""

    permission = "change_council"

    import_kind = "programme-observations"
    preview_url_name = "programmes:observation-import-preview"
    intro_template = "programmes/_import_intro_observations.html"
    file_label = "Upload the values"
    heading = "Import measures' values"
    what, plural = "Values", "values"
    headings = imports.OBSERVATION_HEADINGS
    import_service = import_services.import_observations

    part_kwarg = "programme_id"

    def part(self):
        return self.get_programme()

    def measures(self) -> list[Measure]:
        if not hasattr(self, "_measures"):
            programme = self.get_programme()
            self._measures = list(Measure.objects.filter(programme=programme))
            for measure in self._measures:
                measure.programme = programme
        return self._measures

    def get_spec(self, options):
        return imports.observation_spec(self.measures())

    def prepare(self, result, options):
        return imports.compare_observations(self.measures(), result.rows)

    def import_service_kwargs(self) -> dict:
        return {"programme": self.get_programme()}


class MeasureObservationImport(MeasureMixin, ProgrammeObservationImport):
    """Values of one measure (the measure's page): the Measure column may be left out."""

    import_kind = "measure-observations"
    preview_url_name = "programmes:measure-observation-import-preview"

    part_kwarg = "measure_id"

    def part(self):
        return self.get_measure()

    def measures(self) -> list[Measure]:
        return [self.get_measure()]

    def get_spec(self, options):
        # Every measure of the programme is known, so a row of another is named as such.
        return imports.observation_spec(super().measures(), one=self.get_measure())


# Milestones --------------------------------------------------------------------------


class MilestoneImport(WorkstreamMixin, ProgrammePartImport):
    """A workstream's milestones, as its milestones export writes them."""

    permission = "change_council"

    import_kind = "workstream-milestones"
    preview_url_name = "programmes:milestone-import-preview"
    intro_template = "programmes/_import_intro_milestones.html"
    file_label = "Upload the milestones"
    heading = "Import milestones"
    what, plural = "Milestones", "milestones"
    headings = imports.MILESTONE_HEADINGS
    import_service = import_services.import_milestones

    part_kwarg = "workstream_id"

    def part(self):
        return self.get_workstream()

    def caption(self) -> str:
        return f"{self.council.name} · {self.get_programme().name} · {self.part().name}"

    def back_url(self) -> str:
        return tree_url(self.get_workstream())

    def get_spec(self, options):
        return imports.milestone_spec()

    def prepare(self, result, options):
        return imports.compare_milestones(self.get_workstream(), result.rows)

    def import_service_kwargs(self) -> dict:
        return {"workstream": self.get_workstream()}


# High Needs Block years --------------------------------------------------------------


class HighNeedsImport(CouncilScopedMixin, ProgrammesImport):
    """A council's High Needs Block years, one row a financial year."""

    permission = "change_council"

    import_kind = "high-needs"
    preview_url_name = "programmes:high-needs-import-preview"
    intro_template = "programmes/_import_intro_high_needs.html"
    file_label = "Upload the years"
    heading = "Import High Needs Block years"
    what, plural = "Years", "years"
    headings = imports.HIGH_NEEDS_HEADINGS
    import_service = import_services.import_high_needs

    def import_target(self) -> str:
        return str(self.council.pk)

    def back_url(self) -> str:
        return reverse("programmes:high-needs", args=[self.council.slug])

    def get_spec(self, options):
        return imports.high_needs_spec()

    def prepare(self, result, options):
        return imports.compare_high_needs(
            self.council, result.rows, in_thousands=imports.thousands(result)
        )

    def import_service_kwargs(self) -> dict:
        return {"council": self.council}
