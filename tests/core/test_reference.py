"""Reference data for places: what migrate loads and what refresh_councils changes."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sendtracker.core.models import Council, Region
from sendtracker.core.reference import COUNCILS_CSV

pytestmark = pytest.mark.django_db

SHARED_CSV = Path("/work/shared/data/english_local_authorities.csv")
REGIONS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def fixture_rows():
    return read_csv(COUNCILS_CSV)


def write_csv(path, rows, fieldnames=None):
    fieldnames = fieldnames or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def refresh(path):
    from io import StringIO

    out = StringIO()
    call_command("refresh_councils", str(path), stdout=out)
    return out.getvalue()


def snapshot():
    return list(
        Council.objects.order_by("pk").values_list(
            "pk", "name", "slug", "dfe_la_code", "ons_code", "previous_ons_codes", "type", "region"
        )
    ), list(Region.objects.order_by("pk").values_list("pk", "name", "ons_code"))


def replace_row(rows, dfe_code, **changes):
    return [{**row, **changes} if row["dfe_la_code"] == str(dfe_code) else row for row in rows]


def test_migrate_loads_the_nine_regions():
    assert dict(Region.objects.values_list("ons_code", "name")) == REGIONS


def test_migrate_loads_153_councils():
    assert Council.objects.count() == 153
    assert Council.objects.values("region").distinct().count() == 9


def test_leicester_is_856_e06000016_in_the_east_midlands(leicester):
    assert leicester.name == "Leicester"
    assert leicester.dfe_la_code == 856
    assert leicester.ons_code == "E06000016"
    assert leicester.type == "unitary authority"
    assert leicester.region.name == "East Midlands"
    assert leicester.slug == "leicester"


def test_councils_keep_their_previous_ons_codes():
    barnsley = Council.objects.get(dfe_la_code=370)
    assert barnsley.ons_code == "E08000038"
    assert barnsley.previous_ons_codes == ["E08000016"]
    assert Council.objects.get(dfe_la_code=933).previous_ons_codes == ["E10000027"]


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="no shared list of local authorities")
def test_every_row_of_the_shared_list_matches_the_fixture_and_the_database():
    shared = read_csv(SHARED_CSV)
    assert len(shared) == 153
    assert shared == fixture_rows()
    councils = {c.dfe_la_code: c for c in Council.objects.select_related("region")}
    for row in shared:
        council = councils[int(row["dfe_la_code"])]
        assert (
            council.name,
            council.ons_code,
            council.type,
            council.region.name,
            council.region.ons_code,
        ) == (row["name"], row["ons_code"], row["type"], row["region_name"], row["region_ons_code"])


def test_refresh_with_the_shipped_file_changes_nothing():
    before = snapshot()

    output = refresh(COUNCILS_CSV)

    assert "0 created, 0 updated, 153 unchanged." in output
    assert snapshot() == before


def test_refresh_updates_a_changed_name(tmp_path, leicester):
    path = write_csv(tmp_path / "new.csv", replace_row(fixture_rows(), 856, name="Leicester City"))

    output = refresh(path)

    leicester.refresh_from_db()
    assert leicester.name == "Leicester City"
    assert leicester.slug == "leicester-city"
    assert leicester.ons_code == "E06000016"
    assert "0 created, 1 updated, 152 unchanged." in output
    assert Council.objects.count() == 153


def test_refresh_matches_a_row_with_an_old_ons_code_to_the_existing_council(tmp_path):
    rows = replace_row(fixture_rows(), 370, ons_code="E08000016")
    path = write_csv(tmp_path / "older.csv", rows)

    output = refresh(path)

    assert Council.objects.count() == 153
    barnsley = Council.objects.get(name="Barnsley")
    assert barnsley.dfe_la_code == 370
    assert barnsley.ons_code == "E08000038"
    assert barnsley.previous_ons_codes == ["E08000016"]
    assert "0 created, 0 updated" in output


def test_refresh_matches_on_an_old_ons_code_when_the_dfe_number_changed(tmp_path):
    rows = replace_row(fixture_rows(), 933, ons_code="E10000027", dfe_la_code="934")
    path = write_csv(tmp_path / "renumbered.csv", rows)

    refresh(path)

    assert Council.objects.count() == 153
    somerset = Council.objects.get(name="Somerset")
    assert somerset.dfe_la_code == 934
    assert somerset.ons_code == "E06000066"
    assert somerset.previous_ons_codes == ["E10000027"]


def test_refresh_records_the_replaced_code_when_a_council_takes_a_new_one(tmp_path, leicester):
    path = write_csv(tmp_path / "new.csv", replace_row(fixture_rows(), 856, ons_code="E06000099"))

    refresh(path)

    leicester.refresh_from_db()
    assert leicester.ons_code == "E06000099"
    assert leicester.previous_ons_codes == ["E06000016"]


def test_refresh_is_idempotent(tmp_path):
    rows = replace_row(fixture_rows(), 856, name="Leicester City")
    rows = replace_row(rows, 370, ons_code="E08000016")
    path = write_csv(tmp_path / "changed.csv", rows)
    refresh(path)
    after_first = snapshot()

    output = refresh(path)

    assert "0 created, 0 updated, 153 unchanged." in output
    assert snapshot() == after_first


def test_refresh_creates_a_new_council(tmp_path):
    rows = fixture_rows()
    rows.append({**rows[-1], "name": "New Council", "dfe_la_code": "999", "ons_code": "E06000999"})
    path = write_csv(tmp_path / "new.csv", rows)

    output = refresh(path)

    assert Council.objects.get(dfe_la_code=999).name == "New Council"
    assert "1 created, 0 updated" in output


def test_refresh_of_a_missing_column_names_the_line_and_changes_nothing(tmp_path):
    rows = replace_row(fixture_rows(), 856, name="Leicester City")
    fields = [name for name in rows[0] if name != "region_ons_code"]
    path = write_csv(tmp_path / "bad.csv", rows, fieldnames=fields)
    before = snapshot()

    with pytest.raises(CommandError, match=r"bad\.csv: line 1: missing columns region_ons_code"):
        refresh(path)

    assert snapshot() == before


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("ons_code", "X06000016", "ONS code 'X06000016' is not valid"),
        ("dfe_la_code", "85", "DfE LA code must be 3 digits"),
        ("type", "parish council", "unknown council type 'parish council'"),
        ("region_ons_code", "", "region ONS code '' is not valid"),
        ("name", "", "name is empty"),
        ("dfe_la_code", "855", "dfe_la_code '855' repeats line"),
        ("name", "Leicestershire", "name 'Leicestershire' repeats line"),
    ],
)
def test_refresh_of_a_bad_row_names_the_line_and_changes_nothing(tmp_path, column, value, message):
    rows = replace_row(fixture_rows(), 370, name="Barnsley Metropolitan Borough")
    line = next(n for n, row in enumerate(rows, start=2) if row["dfe_la_code"] == "856")
    rows = replace_row(rows, 856, **{column: value})
    path = write_csv(tmp_path / "bad.csv", rows)
    before = snapshot()

    with pytest.raises(CommandError, match=rf"^bad\.csv: line \d+: {message}") as error:
        refresh(path)

    assert f"line {line}" in str(error.value)  # a repeat names both lines
    assert snapshot() == before


def test_refresh_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        refresh(tmp_path / "absent.csv")
