"""Pages cost a fixed number of queries, however many milestones, measures and risks."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import services
from programmes.models import Milestone, Observation, Progress
from sendtracker.core.models.people import Role

from . import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


def build(council, size: int):
    """A programme with `size` milestones (three levels deep), measures, observations and risks."""
    prog = f.programme(council, name=f"Programme {size}")
    workstreams = [f.workstream(prog, name=f"Workstream {i}", enablers={"G": 2}) for i in range(5)]
    others = [f.workstream(prog, name=f"Other {i}") for i in range(2)]
    services.add_interdependency(workstream=workstreams[0], depends_on=others[0], by=None)
    milestones = []
    for i in range(size):
        ws = workstreams[0] if i % 2 == 0 else workstreams[i % 5]
        parent = None
        siblings = [m for m in milestones if m.workstream_id == ws.pk]
        if siblings and i % 3:
            parent = siblings[-1] if i % 3 == 1 else siblings[-1].parent or siblings[-1]
        milestones.append(
            Milestone(
                workstream=ws,
                parent=parent,
                position=i,
                ref=str(i),
                title=f"Milestone {i}",
                planned_start=D(2024, 1, 1) + datetime.timedelta(days=i),
                planned_end=D(2024, 3, 1) + datetime.timedelta(days=i),
                progress=Progress.COMPLETE if i % 4 == 0 else Progress.IN_PROGRESS,
                completed_on=D(2024, 3, 1) if i % 4 == 0 else None,
            )
        )
        milestones[-1].save()
    measures = [
        f.measure(prog, workstream=workstreams[0], name=f"Measure {i}")
        for i in range(max(size // 50, 2))
    ]
    Observation.objects.bulk_create(
        Observation(measure=m, on=D(2023, 9, 2) + datetime.timedelta(days=d), value=d % 60)
        for m in measures
        for d in range(size)
    )
    for i in range(max(size // 25, 2)):
        services.add_risk(
            programme=prog,
            workstream=workstreams[0],
            by=None,
            description=f"Risk {i}",
            likelihood=i % 5 + 1,
            impact=(i * 2) % 5 + 1,
        )
    return prog, workstreams[0], measures[0]


def pages(prog, ws, measure):
    slug = prog.council.slug
    base = {"council_slug": slug, "programme_id": prog.pk}
    return {
        "overview": reverse("programmes:programme-detail", kwargs=base),
        "workstream": reverse(
            "programmes:workstream-detail", kwargs={**base, "workstream_id": ws.pk}
        ),
        "milestone tree": reverse(
            "programmes:milestone-tree", kwargs={**base, "workstream_id": ws.pk}
        ),
        "measure": reverse("programmes:measure-detail", kwargs={**base, "measure_id": measure.pk}),
        "risks": reverse("programmes:risk-register", kwargs=base),
    }


@pytest.mark.parametrize("page", ["overview", "workstream", "milestone tree", "measure", "risks"])
def test_query_count_does_not_grow_with_size(
    client, make_user, nelincs, page, django_assert_num_queries
):
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=nelincs))
    small = pages(*build(nelincs, 5))[page]
    large = pages(*build(nelincs, 500))[page]
    client.get(small)  # warm the session alike for both
    # Pages cache their big fragments; count the uncached render, the costly one.
    cache.clear()
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(small).status_code == 200
    # Session, user, roles, council and a session save: 5; the page's own reads: at most 12.
    assert len(baseline) <= 17, [q["sql"][:80] for q in baseline.captured_queries]
    cache.clear()
    with django_assert_num_queries(len(baseline)):
        response = client.get(large)
    assert response.status_code == 200
    if page == "milestone tree":
        assert response.content.count(b'class="govuk-table__body app-inplace"') >= 250


def test_cached_milestone_tree_shows_an_edit_at_once(client, make_user, nelincs):
    """The tree is cached under programme_stamp, which every write changes."""
    officer = make_user(Role.COUNCIL_OFFICER, council=nelincs)
    client.force_login(officer)
    prog, ws, measure = build(nelincs, 5)
    url = pages(prog, ws, measure)["milestone tree"]
    assert b"Renamed milestone" not in client.get(url).content
    milestone = Milestone.objects.filter(workstream=ws).order_by("pk").first()
    services.update_milestone_plan(
        milestone=milestone,
        by=officer,
        expected_version=milestone.version,
        title="Renamed milestone",
        parent=milestone.parent,
        planned_start=milestone.planned_start,
        planned_end=milestone.planned_end,
        owner=milestone.owner,
    )
    assert b"Renamed milestone" in client.get(url).content


def test_cached_overview_shows_a_new_risk_and_a_new_value_at_once(client, make_user, nelincs):
    officer = make_user(Role.COUNCIL_OFFICER, council=nelincs)
    client.force_login(officer)
    prog, ws, measure = build(nelincs, 5)
    url = pages(prog, ws, measure)["overview"]
    assert b"Highest new risk" not in client.get(url).content
    services.add_risk(
        programme=prog,
        workstream=ws,
        by=officer,
        description="Highest new risk",
        likelihood=5,
        impact=5,
    )
    assert b"Highest new risk" in client.get(url).content


def test_the_programme_pages_key_changes_with_the_date(nelincs):
    from sendtracker.core.fragments import data_key

    build(nelincs, 5)
    nelincs.refresh_from_db()
    assert data_key([nelincs], today=D(2026, 1, 1)) != data_key([nelincs], today=D(2026, 1, 2))
    assert data_key([nelincs], today=D(2026, 1, 1)) == data_key([nelincs], today=D(2026, 1, 1))
