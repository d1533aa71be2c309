"""Milestones and observations exports, read back for their importers."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import Measure, Milestone, Observation, Workstream
from sendtracker.core.imports.reader import read_table
from sendtracker.core.status import HEX
from tests.export_helpers import as_dicts, body, export_url, read_csv, read_xlsx, values

from . import factories

pytestmark = pytest.mark.django_db

MILESTONE_HEADINGS = [
    "ID",
    "Parent",
    "Level",
    "Ref",
    "Milestone",
    "Owner",
    "Planned start",
    "Planned end",
    "Progress",
    "Completed on",
    "Status",
    "Status override",
    "Override reason",
    "Latest note",
]
OBSERVATION_HEADINGS = ["Measure", "Period", "Value", "Unit", "Expected", "Note"]


class Upload:
    def __init__(self, data, name):
        self.data, self.size, self.name = data, len(data), name

    def read(self):
        return self.data


@pytest.fixture
def inclusion(nel):
    return Workstream.objects.get(programme=nel, name__startswith="Culture")


def tree_url(workstream, fmt, **params):
    programme = workstream.programme
    page = reverse(
        "programmes:milestone-tree", args=[programme.council.slug, programme.pk, workstream.pk]
    )
    return export_url(page, fmt, **params)


def test_milestones_xlsx_nests_by_parent_in_page_order(client, nelincs_officer, inclusion):
    Milestone.objects.filter(workstream=inclusion, ref="8.1").update(owner="=HYPERLINK(1)")
    client.force_login(nelincs_officer)
    response = client.get(tree_url(inclusion, "xlsx"))
    assert response.status_code == 200
    assert "-workstream-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = values(sheet)
    assert list(rows[0]) == MILESTONE_HEADINGS
    parent, first, second = as_dicts(rows)
    roll_out = Milestone.objects.get(workstream=inclusion, ref="8")
    assert (parent["ID"], parent["Parent"], parent["Level"]) == (roll_out.pk, None, 1)
    assert (first["Parent"], first["Level"], first["Ref"]) == (roll_out.pk, 2, "8.1")
    assert second["Ref"] == "8.2"
    assert first["Planned start"] == datetime.datetime(2023, 9, 1)
    assert first["Completed on"] == datetime.datetime(2024, 7, 19)
    assert first["Progress"] == "Complete" and second["Progress"] == "In progress"
    assert second["Status"] == "Major delay" and parent["Status"] == "Major delay"
    assert sheet["K4"].fill.fgColor.rgb.endswith(HEX["Red"][0])
    assert sheet["G2"].is_date and sheet["G2"].number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"
    assert first["Owner"] == "=HYPERLINK(1)" and sheet["F3"].quotePrefix
    assert sheet["F3"].data_type == "s"


def test_milestones_read_back_unchanged(client, nelincs_officer, inclusion):
    """Round trip: the core import reader rebuilds each milestone's stored values."""
    second = Milestone.objects.get(workstream=inclusion, ref="8.2")
    Milestone.objects.filter(pk=second.pk).update(
        status_override="minor_delay", override_reason="- new schools joined", note="+3 schools"
    )
    client.force_login(nelincs_officer)
    data = body(client.get(tree_url(inclusion, "xlsx")))
    table = read_table(Upload(data, "milestones.xlsx"))
    assert table.headers == MILESTONE_HEADINGS
    n = len(MILESTONE_HEADINGS)
    read = [dict(zip(table.headers, cells + [""] * n, strict=False)) for _, cells in table.rows]
    stored = Milestone.objects.filter(workstream=inclusion)
    assert len(read) == stored.count()
    for row in read:
        m = stored.get(pk=int(row["ID"]))
        assert row["Parent"] == (str(m.parent_id) if m.parent_id else "")
        assert row["Ref"] == m.ref and row["Milestone"] == m.title and row["Owner"] == m.owner
        for heading, day in (
            ("Planned start", m.planned_start),
            ("Planned end", m.planned_end),
            ("Completed on", m.completed_on),
        ):
            assert row[heading] == (day.isoformat() if day else "")
        assert row["Progress"] == m.get_progress_display()
        assert row["Status override"] == m.get_status_override_display()
        assert row["Override reason"] == m.override_reason
        assert row["Latest note"] == m.note


def test_milestones_csv(client, nelincs_officer, inclusion):
    Milestone.objects.filter(workstream=inclusion, ref="8.1").update(title="@risky title")
    client.force_login(nelincs_officer)
    rows = read_csv(client.get(tree_url(inclusion, "csv")))
    assert rows[0] == MILESTONE_HEADINGS
    assert rows[2][4] == "'@risky title"
    assert rows[2][6] == "2023-09-01"


def test_milestone_page_links_to_its_downloads(client, nelincs_officer, inclusion):
    client.force_login(nelincs_officer)
    page = reverse(
        "programmes:milestone-tree",
        args=[inclusion.programme.council.slug, inclusion.programme.pk, inclusion.pk],
    )
    html = client.get(page).content.decode()
    assert 'href="?export=csv"' in html and 'href="?export=xlsx"' in html


def test_another_councils_officer_cannot_export_milestones(client, officer, inclusion, leicester):
    client.force_login(officer)
    assert client.get(tree_url(inclusion, "xlsx")).status_code == 404
    programme = inclusion.programme
    forged = reverse("programmes:milestone-tree", args=[leicester.slug, programme.pk, inclusion.pk])
    assert client.get(export_url(forged, "csv")).status_code == 404


def test_milestone_export_queries_do_not_grow(client, nelincs_officer, nel, inclusion):
    small = Workstream.objects.get(programme=nel, name__startswith="Data")
    parent = Milestone.objects.get(workstream=inclusion, ref="8")
    for i in range(30):
        factories.milestone(inclusion, title=f"Step {i}", parent=parent if i % 2 else None)
    client.force_login(nelincs_officer)

    def count(workstream):
        url = tree_url(workstream, "xlsx")
        with CaptureQueriesContext(connection) as queries:
            assert len(values(read_xlsx(client.get(url)))) > 1
        return len(queries)

    assert count(inclusion) == count(small)


# Observations ----------------------------------------------------------------------


def measure_url(measure, fmt):
    return export_url(measure.get_absolute_url(), fmt)


def test_observations_xlsx(client, nelincs_officer, turnaround):
    Observation.objects.filter(measure=turnaround, on=datetime.date(2024, 3, 31)).update(
        note="=SUM(A1:A9)"
    )
    client.force_login(nelincs_officer)
    response = client.get(measure_url(turnaround, "xlsx"))
    assert "-observations-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = values(sheet)
    assert list(rows[0]) == OBSERVATION_HEADINGS
    first, second, _ = as_dicts(rows)
    assert first["Measure"] == "EHCPs issued within 20 weeks"
    assert first["Period"] == datetime.datetime(2023, 9, 30)
    assert first["Value"] == 41
    assert first["Unit"] == "Percentage"
    assert second["Expected"] == 45  # on the agreed trajectory point
    assert second["Note"] == "=SUM(A1:A9)" and sheet["F3"].quotePrefix
    assert sheet["B2"].number_format == "dd/mm/yyyy"


def test_observations_read_back_unchanged(client, nelincs_officer, turnaround):
    Observation.objects.filter(measure=turnaround).update(note="-2 on last time")
    client.force_login(nelincs_officer)
    data = body(client.get(measure_url(turnaround, "xlsx")))
    table = read_table(Upload(data, "observations.xlsx"))
    assert table.headers == OBSERVATION_HEADINGS
    read = [
        (datetime.date.fromisoformat(cells[1]), Decimal(cells[2]), cells[5])
        for _, cells in table.rows
    ]
    assert read == [(o.on, o.value, o.note) for o in turnaround.observations.order_by("on")]
    assert {cells[0] for _, cells in table.rows} == {turnaround.name}


def test_observations_in_pounds_are_money(client, nelincs_officer, nel):
    spend = factories.measure(
        nel,
        name="Spend on independent places",
        unit="pounds",
        direction="down",
        baseline_value="1000000",
        target_value="750000",
    )
    factories.observations(spend, [(datetime.date(2024, 3, 31), "987654.32")])
    client.force_login(nelincs_officer)
    sheet = read_xlsx(client.get(measure_url(spend, "xlsx")))
    assert sheet["C2"].value == pytest.approx(987654.32)
    assert sheet["C2"].number_format.startswith('"£"')
    rows = read_csv(client.get(measure_url(spend, "csv")))
    assert rows[1][:3] == ["Spend on independent places", "2024-03-31", "987654.32"]


def test_another_councils_officer_cannot_export_observations(client, officer, turnaround):
    client.force_login(officer)
    assert client.get(measure_url(turnaround, "xlsx")).status_code == 404


def test_observation_export_queries_do_not_grow(client, nelincs_officer, nel, turnaround):
    empty = Measure.objects.get(programme=nel, name__startswith="Children at SEN")
    factories.observations(empty, [(datetime.date(2023, 4, 30), 150)])
    start = datetime.date(2024, 10, 31)
    factories.observations(
        turnaround,
        [(start + datetime.timedelta(days=31 * i), 48 + i) for i in range(12)],
    )
    client.force_login(nelincs_officer)

    def count(measure):
        url = measure_url(measure, "xlsx")
        with CaptureQueriesContext(connection) as queries:
            assert len(values(read_xlsx(client.get(url)))) > 1
        return len(queries)

    assert count(turnaround) == count(empty)


# Risks and High Needs Block ---------------------------------------------------------


def risks_url(programme, fmt):
    page = reverse("programmes:risk-register", args=[programme.council.slug, programme.pk])
    return export_url(page, fmt)


def test_risks_xlsx_highest_score_first_with_bands(client, nelincs_officer, nel):
    nel.risks.filter(likelihood=2, impact=3).update(mitigation="+ more staff", status="closed")
    client.force_login(nelincs_officer)
    response = client.get(risks_url(nel, "xlsx"))
    assert "-risks-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = as_dicts(values(sheet))
    assert [r["Score"] for r in rows] == [12, 12, 9, 8, 6]  # the closed one last
    assert rows[0]["Rating"] == "High"
    assert sheet["G2"].fill.fgColor.rgb.endswith(HEX["Amber"][0])
    assert rows[-1]["Status"] == "Closed" and rows[-1]["Mitigation"] == "+ more staff"
    assert sheet["H6"].quotePrefix
    assert sheet["J2"].is_date
    csv_rows = read_csv(client.get(risks_url(nel, "csv")))
    assert csv_rows[-1][7] == "'+ more staff"


def test_another_councils_officer_cannot_export_risks(client, officer, nel):
    client.force_login(officer)
    assert client.get(risks_url(nel, "csv")).status_code == 404


def test_high_needs_in_pounds_and_pence(client, officer, leicester, leicester_years):
    client.force_login(officer)
    url = export_url(reverse("programmes:high-needs", args=[leicester.slug]), "xlsx")
    sheet = read_xlsx(client.get(url))
    rows = as_dicts(values(sheet))
    assert [r["Year"] for r in rows][:2] == ["2015/16", "2016/17"]
    first = rows[0]
    assert first["Direct spend"] == 34_532_000
    assert first["Total spend"] == 34_532_000 + 5_531_000
    assert sheet["C2"].number_format.startswith('"£"')
    assert rows[-1]["Figures"] == "Forecast" and rows[-1]["Growth since"] == "2020/21"
    csv_rows = read_csv(client.get(url.replace("xlsx", "csv")))
    assert csv_rows[1][2] == "34532000.00"


def test_another_councils_officer_cannot_export_high_needs(
    client, nelincs_officer, leicester, leicester_years
):
    client.force_login(nelincs_officer)
    url = export_url(reverse("programmes:high-needs", args=[leicester.slug]), "csv")
    assert client.get(url).status_code == 404


def test_programme_page_downloads_every_measures_observations(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    page = nel.get_absolute_url()
    assert 'href="?export=xlsx"' in client.get(page).content.decode()
    response = client.get(export_url(page, "xlsx"))
    assert "-observations-" in response["Content-Disposition"]
    rows = as_dicts(values(read_xlsx(response)))
    assert len(rows) == 6  # three values of each of two measures; the third has none
    by_measure = {}
    for row in rows:
        by_measure.setdefault(row["Measure"], []).append(row["Value"])
    assert by_measure == {
        "Children and young people starting EHCPs in the year": [405, 398, 392],
        "EHCPs issued within 20 weeks": [41, 44, 47],
    }


def test_another_councils_officer_cannot_export_a_programme(client, officer, nel):
    client.force_login(officer)
    assert client.get(export_url(nel.get_absolute_url(), "csv")).status_code == 404


def test_programme_page_downloads_its_measures_rated(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    page = nel.get_absolute_url()
    assert 'href="?table=measures&amp;export=xlsx"' in client.get(page).content.decode()
    response = client.get(export_url(page, "xlsx", table="measures"))
    assert "-measures-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = {r["Measure"]: r for r in as_dicts(values(sheet))}
    turnaround = rows["EHCPs issued within 20 weeks"]
    assert turnaround["Latest value"] == 47
    assert turnaround["Latest date"] == datetime.datetime(2024, 9, 30)
    assert turnaround["Baseline"] == 38 and turnaround["Target"] == 70
    none_yet = rows["Children at SEN support receiving a suspension"]
    assert none_yet["Rating"] == "No observations yet" and none_yet["Latest value"] is None
    assert sheet["F2"].is_date


def test_measure_and_programme_exports_cost_fixed_queries(client, nelincs_officer, nel):
    client.force_login(nelincs_officer)
    urls = [
        export_url(nel.get_absolute_url(), "xlsx", table="measures"),
        export_url(nel.get_absolute_url(), "xlsx"),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for i in range(5):
        m = factories.measure(nel, name=f"Extra measure {i}")
        factories.observations(
            m, [(datetime.date(2024, 1, 31), 10), (datetime.date(2024, 6, 30), 20)]
        )
    assert counts() == before
