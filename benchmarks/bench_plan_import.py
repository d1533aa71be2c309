"""Importing a 1,000-action plan (preview, then confirm) against writing the same rows
with a plain bulk_create; and the memory of reading a plan's file as it grows."""

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

    def import_file():
        response = client.post(
            url,
            {
                "file": SimpleUploadedFile("plan.xlsx", data),
                "kind": "app",
                "title": "Imported",
                "inspection": inspection.pk,
            },
        )
        assert response.status_code == 302, response.content[:3000]
        preview = client.get(response["Location"])
        digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode())[1]
        done = client.post(response["Location"], {"digest": digest})
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

    print("\nReading a plan's XLSX (peak memory, tracemalloc)")
    for n in (1000, 5000):
        content = xlsx(rows(n))
        tracemalloc.start()
        imports.read(SimpleUploadedFile("plan.xlsx", content))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  {n:>5,} rows ({len(content) / 1024:,.0f} KB): peak {peak / 1e6:6.1f} MB, "
            f"{peak / n / 1024:5.1f} KB a row"
        )


if __name__ == "__main__":
    main()
