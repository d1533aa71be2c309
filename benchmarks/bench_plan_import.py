"""Importing a 1,000-action plan (preview, then confirm) against writing the same rows
with a plain bulk_create; and the peak memory (tracemalloc) of reading a plan's file,
of its whole preview (upload and preview page) and of its whole confirm, as it grows:
flat in the rows, as the file is read row by row and never held as rows."""

from _harness import report, setup_django

setup_django()

import datetime
import re
import statistics
import time
import tracemalloc

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from inspections import imports
from inspections.models import Action, ActionMilestone, ImprovementPlan, StatusUpdate
from sendtracker.core.models import Council, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from tests.inspections.factories import AreaFactory, InspectionFactory
from tests.inspections.plan_files import export_row, xlsx

ACTIONS = 1000
STATUSES = ["Not started", "On track", "Minor delay", "Major delay", "Complete"]


def rows(n: int) -> list[list]:
    return [
        export_row(
            f"{i // 100 + 1}.{i % 100 + 1}",
            f"Action {i}: review the pathway and report to the board",
            Area=f"{i // 100 + 1}. Area {i // 100 + 1}",
            Progress="Progress reported to the board in the month.",
            Status=STATUSES[i % 5],
            **{
                "Evidence – output": "Minutes of the board",
                "Action milestone": "Dec 21\nMar 22",
                "Impact milestone(s)": "30/06/2022",
                "Reason for delay": "Capacity" if i % 5 in (2, 3) else "",
                "Recovery date": "31/12/2030" if i % 5 in (2, 3) else "",
            },
        )
        for i in range(n)
    ]


def bulk_baseline(inspection, officer):
    """The same actions, milestones and status updates written with bulk_create."""
    plan = ImprovementPlan.objects.create(
        council=inspection.council, inspection=inspection, kind="app", title="Bulk"
    )
    statuses = ["not_started", "on_track", "minor_delay", "major_delay", "complete"]
    actions = Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                ref=f"{i // 100 + 1}.{i % 100 + 1}",
                position=i,
                description=f"Action {i}: review the pathway and report to the board",
                leads="Head of SEND",
                progress="Progress reported to the board in the month.",
                evidence_of_output="Minutes of the board",
                status=statuses[i % 5],
                status_reason="Capacity" if i % 5 in (2, 3) else "",
                recovery_date=datetime.date(2030, 12, 31) if i % 5 in (2, 3) else None,
            )
            for i in range(ACTIONS)
        ]
    )
    ActionMilestone.objects.bulk_create(
        [
            ActionMilestone(action=a, kind=kind, due_on=day)
            for a in actions
            for kind, day in (
                ("action", datetime.date(2021, 12, 31)),
                ("action", datetime.date(2022, 3, 31)),
                ("impact", datetime.date(2022, 6, 30)),
            )
        ]
    )
    StatusUpdate.objects.bulk_create(
        [
            StatusUpdate(
                action=a,
                by=officer,
                old_status="not_started",
                new_status=a.status,
                old_stage="action",
                new_stage="action",
                version=2,
            )
            for a in actions
        ]
    )
    return plan


def peak_of(work) -> int:
    """The peak of memory traced while `work()` runs, above what was held before."""
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - base


def main() -> None:
    leicester = Council.objects.get(dfe_la_code=856)
    officer = User.objects.create_user("bench-officer@leicester.example", "bench-password-1234")
    grant_role(user=officer, role=Role.COUNCIL_OFFICER, council=leicester)
    inspection = InspectionFactory(council=leicester)
    for number in range(1, 11):
        AreaFactory(inspection=inspection, number=number)
    data = xlsx(rows(ACTIONS))
    client = Client()
    client.force_login(officer)
    url = f"/councils/{leicester.slug}/plans/import/"

    def upload(content) -> str:
        response = client.post(
            url,
            {
                "file": SimpleUploadedFile("plan.xlsx", content),
                "kind": "app",
                "title": "Imported",
                "inspection": inspection.pk,
            },
        )
        assert response.status_code == 302, response.content[:3000]
        return response["Location"]

    def import_file():
        location = upload(data)
        preview = client.get(location)
        digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode())[1]
        done = client.post(location, {"digest": digest})
        assert done.status_code == 302

    def clear():
        ImprovementPlan.objects.filter(council=leicester).delete()

    base, ours = [], []
    for _ in range(5):
        start = time.perf_counter()
        bulk_baseline(inspection, officer)
        base.append((time.perf_counter() - start) * 1000)
        clear()
        start = time.perf_counter()
        import_file()
        ours.append((time.perf_counter() - start) * 1000)
        assert Action.objects.filter(plan__title="Imported").count() == ACTIONS
        clear()
    report(
        f"Plan import of {ACTIONS:,} actions (XLSX), against bulk_create of the same rows",
        statistics.median(base),
        [("upload, preview and confirm", statistics.median(ours), 10)],
        baseline="baseline (bulk_create of the same rows)",
    )

    print("\nPeak memory (tracemalloc) as the plan's XLSX grows, in MB")
    print("    rows     file  read (all rows)  upload  preview page  confirm")
    # The upload page refuses more than 5,000 rows; 20,000 only shows the trend.
    imports.READ_OPTIONS["max_rows"] = 20_000
    for n in (1000, 5000, 20_000):
        content = xlsx(rows(n))
        read = peak_of(
            lambda content=content: imports.read(SimpleUploadedFile("plan.xlsx", content))
        )
        shown = []
        upload_peak = peak_of(lambda content=content, shown=shown: shown.append(upload(content)))
        location = shown.pop()

        def preview(location=location, shown=shown):
            page = client.get(location)
            assert page.status_code == 200
            shown.append(page.content.decode())

        page_peak = peak_of(preview)
        digest = re.search(r'name="digest" value="([0-9a-f]+)"', shown.pop())[1]

        def confirm(location=location, digest=digest):
            done = client.post(location, {"digest": digest})
            assert done.status_code == 302, done.content[:2000]

        confirm_peak = peak_of(confirm)
        assert Action.objects.filter(plan__title="Imported").count() == n
        clear()
        print(
            f"  {n:>6,} {len(content) / 1e6:>6.2f} MB {read / 1e6:9.1f}"
            f" {upload_peak / 1e6:13.1f} {page_peak / 1e6:10.1f} {confirm_peak / 1e6:10.1f}"
        )


if __name__ == "__main__":
    main()
