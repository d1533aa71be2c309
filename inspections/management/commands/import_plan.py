"""Import an improvement plan's table from a file, as the upload page does.

    python manage.py import_plan --council "Leicester" --kind APP --title "…" FILE

Imports into the council's plan of that kind and title, or creates it (responding to
the council's latest inspection of the right framework, or --inspection). --dry-run
prints the preview and saves nothing. Any error is printed and the exit status is 1.
"""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from inspections import imports, services
from inspections.models import Framework, ImprovementPlan, Inspection, PlanKind
from inspections.services.plans import check_new_plan
from sendtracker.core.errors import DomainError
from sendtracker.core.imports import ImportFileError
from sendtracker.core.models import Council, User

KIND_NAMES = {"pap": PlanKind.PRIORITY, "sap": PlanKind.STRATEGIC}
FRAMEWORK_OF = {
    PlanKind.WSOA: Framework.LOCAL_AREA_2016,
    PlanKind.APP: Framework.LOCAL_AREA_2016,
    PlanKind.PRIORITY: Framework.AREA_SEND_2023,
    PlanKind.STRATEGIC: Framework.AREA_SEND_2023,
}


def find_council(value: str) -> Council:
    """A council by its name, slug, DfE LA number or ONS code (current or previous)."""
    value = value.strip()
    query = Q(name__iexact=value) | Q(slug__iexact=value) | Q(ons_code__iexact=value)
    if value.isdigit():
        query |= Q(dfe_la_code=int(value))
    found = list(Council.objects.filter(query)[:2])
    if not found:
        found = [c for c in Council.objects.all() if value.upper() in c.previous_ons_codes]
    if len(found) != 1:
        raise CommandError(f"No council is called or coded “{value}”")
    return found[0]


def find_kind(value: str) -> str:
    key = value.strip().lower()
    if key in KIND_NAMES:
        return KIND_NAMES[key]
    for kind, label in PlanKind.choices:
        if key in (kind, label.lower()):
            return kind
    names = ", ".join(["WSOA", "APP", "PAP", "strategic", "local"])
    raise CommandError(f"“{value}” is not a kind of plan: use one of {names}")


class Command(BaseCommand):
    help = "Import an improvement plan from an XLSX, CSV or Word (DOCX) file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--council", required=True, help="Name or code of the council")
        parser.add_argument("--kind", required=True, help="WSOA, APP, PAP, strategic or local")
        parser.add_argument("--title", required=True, help="The plan's title")
        parser.add_argument("--inspection", type=int, help="Id of the inspection (a new plan)")
        parser.add_argument(
            "--split-area", type=int, help="The area the plan splits into its own sub-areas"
        )
        parser.add_argument("--by", help="Email of the user the import is recorded as")
        parser.add_argument("--dry-run", action="store_true", help="Print the preview only")

    def handle(self, *args, file, council, kind, title, dry_run=False, **options):
        council = find_council(council)
        kind = find_kind(kind)
        by = None
        if options.get("by"):
            by = User.objects.filter(email__iexact=options["by"]).first()
            if by is None:
                raise CommandError(f"No user has the email {options['by']}")
        plan = ImprovementPlan.objects.filter(council=council, kind=kind, title=title).first()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {file}")
        with path.open("rb") as handle:
            try:
                result = imports.read(File(handle, name=path.name))
            except ImportFileError as error:
                raise CommandError(f"{error.message}. Nothing has been saved") from None
        plan_options = {
            "kind": kind,
            "title": title,
            "inspection": self._inspection(council, kind, options.get("inspection"), plan),
            "split_area": options.get("split_area"),
        }
        preview = None
        if result.valid:
            try:
                target = imports.target_for(council, plan_options, plan)
            except LookupError as error:
                raise CommandError(f"{error}. Nothing has been saved") from None
            preview = imports.compare(target, result.rows)
            if plan is None:
                try:
                    check_new_plan(council=council, **imports.plan_values(plan_options, target))
                except DomainError as error:
                    raise CommandError(f"{error.message}. Nothing has been saved") from None
        self._print(result, preview, plan)
        if not result.valid:
            raise CommandError(
                f"The file has {result.error_count} problem{'s' if result.error_count != 1 else ''}"
                ". Nothing has been saved"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing has been saved.")
            return
        if plan is not None and not preview.changes_anything:
            self.stdout.write(imports.summary(preview))
            return
        try:
            plan = services.import_plan(
                council=council,
                by=by,
                preview=preview,
                filename=path.name,
                plan=plan,
                plan_values=None if plan else imports.plan_values(plan_options, target),
            )
        except DomainError as error:
            raise CommandError(f"{error.message}. Nothing has been saved") from None
        self.stdout.write(f"{imports.summary(preview)} ({plan.get_absolute_url()})")

    def _inspection(self, council, kind, pk, plan) -> int | None:
        if plan is not None:
            return plan.inspection_id
        inspections = Inspection.objects.filter(council=council)
        if pk:
            if not inspections.filter(pk=pk).exists():
                raise CommandError(f"{council.name} has no inspection {pk}")
            return pk
        framework = FRAMEWORK_OF.get(kind)
        if framework is None:
            return None
        latest = inspections.filter(framework=framework).order_by("-started_on").first()
        if latest is None:
            raise CommandError(
                f"{council.name} has no inspection a {PlanKind(kind).label} responds to: record "
                "it first, or give --inspection"
            )
        return latest.pk

    def _print(self, result, preview, plan) -> None:
        write = self.stdout.write
        write(f"Importing into {'the plan ' + plan.title if plan else 'a new plan'}")
        for heading, field in result.mapping:
            write(f"  column “{heading[:60]}” → {field}")
        for heading in result.ignored:
            write(f"  column “{heading[:60]}” ignored")
        for message in result.file_errors:
            self.stderr.write(f"Error: {message}")
        for row in result.rows:
            for message in row.errors.values():
                self.stderr.write(f"Error: row {row.number}: {message}")
        if preview is None:
            return
        for warning in preview.warnings:
            write(f"Warning: {warning}")
        counts = imports.counts(preview)
        write(
            f"{counts['create']} to create, {counts['update']} to update, "
            f"{counts['unchanged']} unchanged, {counts['areas']} areas to create, "
            f"{counts['reason_needed']} delays with reason needed"
        )
        for area in preview.new_areas:
            write(f"  new {area.label}")
        for row in preview.rows:
            if row.kind == "create":
                write(f"  create {row.ref}: {row.row.values['description'][:70]}")
            for label, old, new in row.changes:
                write(f"  update {row.ref}: {label}: {str(old)[:40]!r} → {str(new)[:40]!r}")
            for flag in row.flags:
                write(f"    {row.ref}: {flag}")
