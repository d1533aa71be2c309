import csv
import datetime
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sendtracker.official.loader import DEFAULT_FILES, OFFICIAL_FIXTURES
from sendtracker.official.models import (
    Edition,
    Figure,
    Level,
    Outcome,
    PublishedInspection,
    RevisitResult,
)

pytestmark = pytest.mark.django_db
SEN2 = OFFICIAL_FIXTURES / "sen2_ehcp_2014_2022.csv"
INSPECTIONS_2016 = OFFICIAL_FIXTURES / "area_send_inspections_2016_framework.csv"


def load(*paths):
    out = io.StringIO()
    call_command("load_official_statistics", *map(str, paths), stdout=out)
    return out.getvalue()


def rate(name, year, indicator="within_20_weeks", level=Level.COUNCIL):
    return Figure.objects.get(level=level, name=name, year=year, indicator=indicator)


# The checks the issue names, from the data ----------------------------------------------


def test_leicester_inspected_2018_five_weaknesses_revisited_2021_four_of_five(official):
    leicester = PublishedInspection.objects.get(council__dfe_la_code=856, framework="2016")
    assert leicester.started_on == datetime.date(2018, 4, 30)
    assert leicester.published_on == datetime.date(2018, 6, 25)
    assert leicester.wsoa_required is True
    assert leicester.weaknesses == 5
    assert leicester.revisit_started_on == datetime.date(2021, 5, 5)
    assert leicester.revisit_result == RevisitResult.SOME
    assert (leicester.weaknesses_sufficient, leicester.weaknesses_insufficient) == (4, 1)


def test_20_week_rates_england_47_7_and_leicestershire_3_8_in_2022(official):
    england = rate("England", 2022, level=Level.NATIONAL)
    leicestershire = rate("Leicestershire", 2022)
    assert round(england.value, 1) == Decimal("47.7")
    assert round(leicestershire.value, 1) == Decimal("3.8")
    assert (leicestershire.rank, leicestershire.ranked_of) == (147, 148)
    assert leicestershire.council.dfe_la_code == 855


def test_nottinghamshire_2023_systemic_failings_with_two_priority_areas(official):
    notts = PublishedInspection.objects.get(area_name="Nottinghamshire", framework="2023")
    assert notts.outcome == Outcome.SYSTEMIC_FAILINGS
    assert notts.priority_action_plan_required is True
    assert notts.priority_areas == 2
    assert notts.council.name == "Nottinghamshire"


# The loader ---------------------------------------------------------------------------


def test_every_row_loaded_and_matched_by_code(official):
    assert Edition.objects.count() == 3
    assert Figure.objects.filter(indicator="new_plans").count() == 1456
    assert PublishedInspection.objects.count() == 149 + 16
    # Barnsley's rows carry its old ONS code (E08000016): matched through previous codes.
    assert rate("Barnsley", 2022).council.dfe_la_code == 370
    # An authority since replaced keeps its figures, without a council.
    assert rate("Northamptonshire", 2019).council is None
    cumbria = PublishedInspection.objects.get(area_name="Cumbria")
    assert cumbria.council is None and cumbria.region.name == "North West"


def test_loading_the_same_files_again_writes_nothing(official, django_assert_max_num_queries):
    before = list(Figure.objects.values_list("pk", "value", "marker", "rank", "edition_id"))
    with django_assert_max_num_queries(12):
        out = load(*DEFAULT_FILES)
    assert out.count("already loaded") == 3
    assert Edition.objects.count() == 3
    assert list(Figure.objects.values_list("pk", "value", "marker", "rank", "edition_id")) == before


def test_withheld_values_are_kept_as_published_never_as_zero(official):
    # Isles of Scilly's 2022 rate is a real 0; refusals in 2014 are "z", not applicable.
    assert rate("Isles of Scilly", 2022).value == 0
    withheld = Figure.objects.filter(marker__in=["c", "x", "z"])
    assert withheld.filter(marker="z").exists() and withheld.filter(marker="x").exists()
    assert not withheld.filter(value__isnull=False).exists()
    x = withheld.filter(marker="x", indicator="within_20_weeks").first()
    assert x.rank is None and x.get_marker_display() == "not available"


def test_suppressed_value_is_kept_as_c(reference_places, tmp_path):
    rows = list(csv.reader(SEN2.open()))
    header = rows[0]
    first = next(r for r in rows[1:] if r[2] == "Local authority")
    first[header.index("new_all_ehc")] = "c"
    path = tmp_path / "sen2.csv"
    with path.open("w", newline="") as f:
        csv.writer(f).writerows([header, first])
    load(path)
    figure = Figure.objects.get(indicator="new_plans")
    assert (figure.value, figure.marker) == (None, "c")


def newer_edition(tmp_path: Path) -> Path:
    """Next year's file: columns reordered, one more column, a 2023 row for England."""
    rows = list(csv.DictReader(SEN2.open()))
    england = next(
        r for r in rows if r["geographic_level"] == "National" and r["time_period"] == "2022"
    )
    new_year = {**england, "time_period": "2023", "inc_exc_20week_rate": "50.3"}
    corrected = {**england, "inc_exc_20week_rate": "47.8"}
    header = ["a_new_column", *reversed(list(rows[0]))]
    path = tmp_path / "sen2_ehcp_2014_2023.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        for row in (corrected, new_year):
            writer.writerow({"a_new_column": "ignored", **row})
    return path


def test_a_newer_edition_adds_its_year_and_updates_earlier_ones(official, tmp_path):
    count = Figure.objects.count()
    out = load(newer_edition(tmp_path))
    assert "2 rows" in out
    assert rate("England", 2023, level=Level.NATIONAL).value == Decimal("50.3")
    assert rate("England", 2022, level=Level.NATIONAL).value == Decimal("47.8")
    assert Figure.objects.count() == count + 8  # one area-year, eight indicators
    assert Edition.objects.filter(publication="sen2").count() == 2


@pytest.mark.parametrize(
    ("column", "bad", "message"),
    [
        ("new_all_ehc", "12a", "new_all_ehc is '12a', not a number or c, x or z"),
        ("new_all_ehc", "", "new_all_ehc is '', not a number or c, x or z"),
        ("geographic_level", "Ward", "geographic_level is 'Ward'"),
        ("time_period", "2022/23", "time_period is '2022/23', not a year"),
    ],
)
def test_a_bad_row_is_refused_naming_file_and_line_and_nothing_is_saved(
    reference_places, tmp_path, column, bad, message
):
    rows = list(csv.DictReader(SEN2.open()))[:5]
    rows[3][column] = bad
    path = tmp_path / "sen2_bad.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CommandError) as error:
        load(path)
    assert str(error.value).startswith("sen2_bad.csv line 5: ")
    assert message in str(error.value)
    assert not Figure.objects.exists() and not Edition.objects.exists()


def test_a_bad_inspection_row_is_refused_and_nothing_is_saved(reference_places, tmp_path):
    path = tmp_path / "inspections.csv"
    shutil.copy(INSPECTIONS_2016, path)
    lines = path.read_text().splitlines()
    lines[10] = lines[10].replace(",Yes,", ",Maybe,").replace(",No,", ",Maybe,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError, match=r"^inspections.csv line 11: wsoa_required is 'Maybe'"):
        load(path)
    assert not PublishedInspection.objects.exists() and not Edition.objects.exists()


def test_a_file_missing_a_column_is_refused(reference_places, tmp_path):
    path = tmp_path / "sen2.csv"
    path.write_text("time_period,new_all_ehc\n2022,5\n")
    with pytest.raises(CommandError, match=r"^sen2.csv: no column named geographic_level"):
        load(path)


def test_a_file_of_another_kind_is_refused(reference_places, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match=r"other.csv: not a file SEND tracker knows"):
        load(path)


def test_a_council_unknown_by_name_in_2023_is_refused(reference_places, tmp_path):
    path = tmp_path / "i2023.csv"
    text = (OFFICIAL_FIXTURES / "area_send_inspections_2023_framework.csv").read_text()
    path.write_text(text.replace("Cornwall,", "Kernow,"))
    with pytest.raises(
        CommandError, match=r"i2023.csv line 3: area_name 'Kernow' is not a council"
    ):
        load(path)
