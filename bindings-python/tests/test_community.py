from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import huzhu


def tables_pandas(c: huzhu.Community) -> dict[str, pd.DataFrame]:
    return {k: v.to_pandas() for k, v in c.to_tables().items()}


def test_version_and_repr(community: huzhu.Community) -> None:
    assert isinstance(huzhu.__version__, str) and huzhu.__version__
    assert repr(community).startswith("<huzhu.Community")
    assert "<table>" in community._repr_html_()
    assert community.counts["residents"] == 1500


def test_round_trip_pandas(community: huzhu.Community) -> None:
    t = tables_pandas(community)
    back = huzhu.Community.from_tables(**t, name=community.name)
    assert back == community


def test_round_trip_pyarrow(community: huzhu.Community) -> None:
    t = {k: v.to_arrow() for k, v in community.to_tables().items()}
    assert isinstance(t["residents"], pa.Table)
    assert huzhu.Community.from_tables(**t, name=community.name) == community


def test_round_trip_polars(community: huzhu.Community) -> None:
    t = {k: v.to_polars() for k, v in community.to_tables().items()}
    assert isinstance(t["needs"], pl.DataFrame)
    assert huzhu.Community.from_tables(**t, name=community.name) == community


def test_round_trip_native_tables(community: huzhu.Community) -> None:
    # huzhu.Table itself exports the Arrow stream
    assert huzhu.Community.from_tables(**community.to_tables(), name=community.name) == community


def test_json_round_trip(example: huzhu.Community) -> None:
    text = example.to_json()
    assert huzhu.Community.from_json(text) == example
    # tables carry the records; the calendar and deadline settings live in the snapshot only
    back = huzhu.Community.from_tables(**example.to_tables(), name=example.name)
    for k, t in example.to_tables().items():
        assert back.to_tables()[k].to_pylist() == t.to_pylist(), k


def test_csv_friendly_text_columns() -> None:
    residents = pd.DataFrame(
        {
            "id": [1, 2],
            "birth_date": ["1941-03-08", "1980-01-01"],
            "lat": [31.23, 31.231],
            "lon": [121.47, 121.471],
            "grid": [1, 1],
            "household": ["lives_alone", "with_family"],
            "groups": ["elderly_living_alone", ""],
            "languages": ["zh;wuu", "zh"],
        }
    )
    volunteers = pd.DataFrame(
        {"id": [1], "lat": [31.2305], "lon": [121.4705], "skills": ["cleaning;cooking"], "availability": ["Mon-Fri 09:00-12:00"]}
    )
    needs = pd.DataFrame(
        {
            "id": [1],
            "resident": [1],
            "category": ["elder.cleaning"],
            "created_at": ["2026-11-24T08:00:00"],
            "window_start": [dt.datetime(2026, 11, 24, 9)],
            "window_end": [dt.datetime(2026, 11, 24, 12)],
            "duration_minutes": [60],
        }
    )
    c = huzhu.Community.from_tables(residents=residents, volunteers=volunteers, needs=needs)
    r = c.residents.to_pandas()
    assert list(r.loc[0, "languages"]) == ["zh", "wuu"]
    assert list(r.loc[0, "groups"]) == ["elderly_living_alone"]
    v = c.volunteers.to_pandas()
    assert len(v.loc[0, "availability"]) == 5
    plan = c.match()
    assert plan.assignments.to_pandas()["helper"].tolist() == ["volunteer#1"]


def test_list_of_dicts_input() -> None:
    c = huzhu.Community.from_tables(
        residents=[{"id": 1, "birth_date": "1950-01-01", "lat": 31.0, "lon": 121.0, "grid": 1}]
    )
    assert c.counts["residents"] == 1


def bad_residents(**change: object) -> pd.DataFrame:
    row = {"id": [1, 2], "birth_date": ["1950-01-01", "1951-02-02"], "lat": [31.0, 31.0], "lon": [121.0, 121.0], "grid": [1, 1]}
    row.update(change)  # type: ignore[arg-type]
    return pd.DataFrame(row)


def test_error_names_table_row_column() -> None:
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=bad_residents(lat=[31.0, 91.0]))
    err = e.value
    assert isinstance(err, huzhu.HuzhuError) and isinstance(err, ValueError)
    assert err.table == "residents"
    assert err.row == "1"
    assert err.record == "resident#2"
    assert "home.lat" in str(err)


def test_error_bad_code() -> None:
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=bad_residents(household=["with_family", "alone-ish"]))
    assert e.value.column == "household"
    assert e.value.row == "1"
    assert "lives_alone" in str(e.value)


def test_repeated_codes_read_alike_and_a_late_bad_one_names_its_row() -> None:
    """Each distinct code text is parsed once per column; repeats and spellings give the same value."""
    c = huzhu.Community.from_tables(residents=bad_residents(household=["Lives Alone", "lives-alone"]))
    assert set(c.residents.to_pandas()["household"]) == {"lives_alone"}
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=bad_residents(household=["lives_alone", "lives alone!"]))
    assert e.value.row == "1" and e.value.column == "household"


def test_error_missing_column() -> None:
    df = bad_residents().drop(columns=["birth_date"])
    with pytest.raises(huzhu.ValidationError, match="column `birth_date`: required column is missing"):
        huzhu.Community.from_tables(residents=df)


def test_error_wrong_type() -> None:
    with pytest.raises(huzhu.ValidationError, match="table `residents`, row 0, column `id`: expected a whole number"):
        huzhu.Community.from_tables(residents=bad_residents(id=["one", "two"]))


def test_error_unknown_reference() -> None:
    needs = pd.DataFrame(
        {
            "id": [1],
            "resident": [99],
            "category": ["elder.cleaning"],
            "created_at": ["2026-11-24T08:00:00"],
            "window_start": ["2026-11-24T09:00:00"],
            "window_end": ["2026-11-24T12:00:00"],
            "duration_minutes": [60],
        }
    )
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=bad_residents(), needs=needs)
    assert e.value.table == "needs" and e.value.record == "need#1" and e.value.field == "resident"


def test_error_bad_json() -> None:
    with pytest.raises(huzhu.ValidationError, match="^JSON, line 1 column 2: ") as e:
        huzhu.Community.from_json("{not json")
    assert (e.value.code, e.value.line, e.value.record) == ("MODEL_JSON", 1, None)


def test_not_a_table() -> None:
    with pytest.raises((TypeError, ValueError)):
        huzhu.Community.from_tables(residents=42)


def test_validation_error_line_is_set_only_for_json_parse_errors() -> None:
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_json('{\n  "format": "huzhu.community",\n  oops')
    assert e.value.line == 3
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=bad_residents(lat=[31.0, 91.0]))
    assert e.value.line is None


def test_services_subsidy_columns_and_the_former_name() -> None:
    """`free_for_subsidised` (read also as `free_for_priority`) and a care-card price."""
    residents = bad_residents()
    services = pd.DataFrame({
        "id": [1, 2], "provider": [1, 1], "lat": [31.0, 31.0], "lon": [121.0, 121.0], "capacity_per_week": [40, 40],
        "categories": ["elder.meals", "elder.meals"], "fee_tier": ["low_cost", "paid"], "price_fen": [600, 1500],
        "care_card_price_fen": [300, None], "free_for_priority": [True, False],
    })
    c = huzhu.Community.from_tables(residents=residents, services=services)
    out = c.services.to_pylist()
    assert [(s["fee_tier"], s["price_fen"], s["care_card_price_fen"], s["free_for_subsidised"]) for s in out] == [
        ("low_cost", 600, 300, True), ("paid", 1500, None, False)]
    assert "free_for_priority" not in out[0]
    # The new name wins where both are given.
    both = services.assign(free_for_subsidised=[False, True])
    assert [s["free_for_subsidised"] for s in huzhu.Community.from_tables(residents=residents, services=both).services.to_pylist()] == [False, True]
    assert json.loads(c.to_json())["services"][0]["fee"] == {"tier": "low_cost", "price_fen": 600, "care_card_discount_pct": 0, "care_card_price_fen": 300}
    assert huzhu.Community.from_tables(**c.to_tables()) == c


def test_new_groups_provider_kinds_and_care_areas_round_trip() -> None:
    residents = bad_residents(groups=["extreme_poverty", "severe_disability;disabled"])
    providers = pd.DataFrame({"id": [1, 2, 3], "name": ["Owners", "Silver team", "Chess club"],
                              "kind": ["owners_committee", "volunteer_team", "interest_group"], "stars": [3, 4, 0]})
    categories = pd.DataFrame({"code": ["local.tea"], "name_en": ["Tea chat"], "name_zh": ["茶话"], "group": ["elder"], "care_area": ["emotional_support"]})
    c = huzhu.Community.from_tables(residents=residents, providers=providers, categories=categories)
    assert [r["groups"] for r in c.residents.to_pylist()] == [["extreme_poverty"], ["disabled", "severe_disability"]]
    assert [p["kind"] for p in c.providers.to_pylist()] == ["owners_committee", "volunteer_team", "interest_group"]
    # Self-governing organisations graded 3A and above get resources first: the owners' committee
    # (3 stars) and the volunteer team (4), not the ungraded interest group.
    assert [p["priority"] for p in c.providers.to_pylist()] == [True, True, False]
    areas = {k["code"]: k["care_area"] for k in c.categories.to_pylist()}
    assert (areas["local.tea"], areas["elder.meals"], areas["health.family_doctor"], areas["elder.emergency"]) == (
        "emotional_support", "daily_care", "medical_help", None)
    assert huzhu.Community.from_tables(**c.to_tables()) == c
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Community.from_tables(residents=residents, categories=categories.assign(care_area=["spa"]))
    assert (e.value.table, e.value.column, e.value.record) == ("categories", "care_area", 'category "local.tea"')
    assert c.subsidy == {"aged_from": 80}
