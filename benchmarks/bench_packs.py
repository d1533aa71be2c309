"""Plan pack of a 300-action plan against a plain WeasyPrint table of the same actions.

The floor is the same action table with no styling, through the same renderer (tagged
PDF/UA, static-only fetcher). Pages per second for both and the ratio per page; peak
memory (RSS) of this process is printed too. Never asserted on time.
"""

import resource
import time

from _harness import setup_django

setup_django()

from django.template import engines
from django.utils import timezone
from pypdf import PdfReader
import io

from inspections import selectors
from sendtracker.core.models import Council
from sendtracker.packs.plan import render_plan_pack
from sendtracker.packs.render import html_to_pdf
from tests.inspections.factories import plan_with_actions

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


def timed(fn, repeat: int = 3) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    plan = plan_with_actions(300, council=Council.objects.get(dfe_la_code=856), areas=5)
    actions = list(selectors.plan_actions(plan))
    floor_s, floor_pdf = timed(lambda: html_to_pdf(FLOOR.render({"actions": actions})))
    as_at = timezone.now()
    pack_s, pack_pdf = timed(lambda: render_plan_pack(plan, marking="OFFICIAL", as_at=as_at))
    floor_pages, pack_pages = pages(floor_pdf), pages(pack_pdf)
    floor_rate, pack_rate = floor_pages / floor_s, pack_pages / pack_s
    ratio = floor_rate / pack_rate  # seconds per page of the pack, per floor's
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
    print("\nPDF packs, 300-action plan (best of 3)")
    print(
        f"  {'floor: plain table':<34} {floor_pages:4d} pages {floor_s:6.2f} s "
        f"{floor_rate:6.1f} pages/s"
    )
    print(f"  {'plan pack':<34} {pack_pages:4d} pages {pack_s:6.2f} s {pack_rate:6.1f} pages/s")
    print(f"  time per page, pack / floor: {ratio:.2f}x (target ≤ 1.5x: {verdict})")
    print(f"  peak memory of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
