"""PDF packs against a plain WeasyPrint table of the same actions (the floor).

1. The plan pack of a 300-action plan.
2. The council pack of the biggest scale-data council (`generate_scale_data --councils
   33`: London's councils, in DfE code order), as a national adviser sees it.
3. London's region pack (about 60 pages), queued and made by a real `db_worker`
   process: its wall time, and its peak memory read back through RUSAGE_CHILDREN.

The floor is the action table with no styling, through the same renderer (tagged
PDF/UA, static-only fetcher). Pages per second for both and the ratio per page, each
the best of five runs with floor and pack taking turns. Never asserted on time.
"""

import os
import resource
import subprocess
import sys
import time

from _harness import setup_django

setup_django()

import io

from django.core.management import call_command
from django.db.models import Count
from django.template import engines
from django.utils import timezone
from pypdf import PdfReader

from inspections import selectors
from inspections.models import Action
from sendtracker.core.models import Council, Region, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from sendtracker.packs import services
from sendtracker.packs.council import render_council_pack
from sendtracker.packs.plan import render_plan_pack
from sendtracker.packs.render import html_to_pdf
from tests.inspections.factories import plan_with_actions

WORKER_FLAGS = ["--batch", "--no-reload", "--no-startup-delay", "--verbosity", "0"]
SCALE_COUNCILS = 33  # DfE codes 201-320: every London council, so one whole region

FLOOR = engines["django"].from_string(
    """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Floor</title></head>
<body><table><thead><tr><th>Ref</th><th>Action</th><th>Leads</th><th>Progress</th>
<th>Evidence of output</th><th>Action milestone</th><th>Evidence of impact</th>
<th>Status</th><th>Stage</th></tr></thead><tbody>
{% for a in actions %}<tr><td>{{ a.ref }}</td><td>{{ a.description }}</td><td>{{ a.leads }}</td>
<td>{{ a.progress }}</td><td>{{ a.evidence_of_output }}</td>
<td>{% for m in a.milestones.all %}{{ m.due_on|date:"M Y" }} {% endfor %}</td>
<td>{{ a.evidence_of_impact }}</td><td>{{ a.get_status_display }}</td>
<td>{{ a.get_stage_display }}</td></tr>{% endfor %}</tbody></table></body></html>"""
)


REPEAT = 5


def timed_pair(floor_fn, pack_fn, repeat: int = REPEAT):
    """Best of `repeat` runs of each, the floor and the pack taking turns.

    On a shared machine load comes and goes: alternating the two lets a busy spell
    fall on both rather than on whichever happened to run then.
    """
    best = [float("inf"), float("inf")]
    outs = [b"", b""]
    for _ in range(repeat):
        for i, fn in enumerate((floor_fn, pack_fn)):
            start = time.perf_counter()
            outs[i] = fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return (best[0], outs[0]), (best[1], outs[1])


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def keep(name: str, pdf: bytes) -> None:
    """Write a pack to $BENCH_PACKS_OUT, if set, to look at."""
    folder = os.environ.get("BENCH_PACKS_OUT")
    if folder:
        with open(os.path.join(folder, name), "wb") as out:
            out.write(pdf)


def floor_pdf(actions) -> bytes:
    return html_to_pdf(FLOOR.render({"actions": actions}))


def compare(title: str, floor: tuple[float, bytes], pack: tuple[float, bytes]) -> None:
    (floor_s, floor_out), (pack_s, pack_out) = floor, pack
    floor_pages, pack_pages = pages(floor_out), pages(pack_out)
    floor_rate, pack_rate = floor_pages / floor_s, pack_pages / pack_s
    ratio = floor_rate / pack_rate  # seconds per page of the pack, per floor's
    verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
    print(f"\n{title} (best of {REPEAT}, floor and pack alternating)")
    print(
        f"  {'floor: plain table':<34} {floor_pages:4d} pages {floor_s:6.2f} s "
        f"{floor_rate:6.1f} pages/s"
    )
    print(f"  {'pack':<34} {pack_pages:4d} pages {pack_s:6.2f} s {pack_rate:6.1f} pages/s")
    print(f"  time per page, pack / floor: {ratio:.2f}x (target ≤ 1.5x: {verdict})")


def council_pack(adviser) -> None:
    council = (
        Council.objects.annotate(n=Count("improvement_plans__actions"))
        .order_by("-n", "dfe_la_code")
        .first()
    )
    actions = list(
        Action.objects.filter(plan__council=council)
        .select_related("plan")
        .prefetch_related("milestones")
        .order_by("plan", "position")
    )
    as_at = timezone.now()
    floor, pack = timed_pair(
        lambda: floor_pdf(actions),
        lambda: render_council_pack(adviser, council, marking="OFFICIAL", as_at=as_at),
    )
    compare(f"Council pack of {council.name} ({len(actions)} actions, scale data)", floor, pack)
    keep("council-pack.pdf", pack[1])


def region_pack_in_worker(adviser, region) -> None:
    """Queue the region pack and run one worker process for it, as `make run` does."""
    job = services.request_region_pack(region=region, by=adviser, marking="OFFICIAL")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "db_worker", "--queue-name", "packs", *WORKER_FLAGS],
        check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        env=os.environ,
    )
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    job.refresh_from_db()
    made = (job.finished_at - job.started_at).total_seconds()
    pdf = job.file.read() if job.file else b""
    count = pages(pdf) if pdf else 0
    keep("region-pack.pdf", pdf)
    assert job.state == "done", (job.state, job.error)
    ok = "ok" if wall <= 30 and peak_mb <= 500 else "OVER TARGET"
    print(f"\nRegion pack of {region.name} made by a db_worker process")
    print(f"  {count} pages; worker {wall:.1f} s in all (start-up included), pack {made:.1f} s")
    print(f"  peak memory of the worker: {peak_mb:.0f} MB (before: {before / 1024:.0f} MB)")
    print(f"  targets ≤ 30 s and ≤ 500 MB: {ok}")


def main() -> None:
    started = time.monotonic()
    call_command("generate_scale_data", "--councils", str(SCALE_COUNCILS), verbosity=0)
    print(f"scale data for {SCALE_COUNCILS} councils in {time.monotonic() - started:.0f} s")
    national = User.objects.create_user("bench-national@dfe.example", "bench-password-1234")
    grant_role(user=national, role=Role.ADVISER)
    london = Region.objects.get(name="London")
    adviser = User.objects.create_user("bench-london@dfe.example", "bench-password-1234")
    grant_role(user=adviser, role=Role.ADVISER, region=london)
    council_pack(national)  # first: the plan pack below adds a bigger council
    region_pack_in_worker(adviser, london)
    plan_pack()


def plan_pack() -> None:
    plan = plan_with_actions(300, council=Council.objects.get(dfe_la_code=856), areas=5)
    actions = list(selectors.plan_actions(plan))
    as_at = timezone.now()
    floor, pack = timed_pair(
        lambda: floor_pdf(actions),
        lambda: render_plan_pack(plan, marking="OFFICIAL", as_at=as_at),
    )
    compare("Plan pack, 300-action plan", floor, pack)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process so far: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
