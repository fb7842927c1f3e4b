from __future__ import annotations

import csv
import json
from pathlib import Path

import huzhu
from huzhu import formats

SERVICE = {
    "id": "svc-1",
    "name": "Lunch club",
    "status": "active",
    "minimum_age": 60,
    "organization": {"id": "org-1", "name": "Street office"},
    "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "code": "meals", "name": "Meals"}}],
    "service_at_locations": [
        {
            "id": "sal-1",
            "location": {"id": "loc-1", "location_type": "physical", "latitude": 31.23, "longitude": 121.47},
            "schedules": [{"id": "sch-1", "freq": "WEEKLY", "byday": "MO,WE,FR", "dtstart": "2026-01-01", "opens_at": "11:00", "closes_at": "13:00"}],
        }
    ],
}


def test_hsds_json(tmp_path: Path, example: huzhu.Community) -> None:
    c, report, ids = formats.import_hsds(json.dumps(SERVICE))
    s = c.services.to_pandas()
    assert list(s["categories"].iloc[0]) == ["elder.meals"] and s["min_age"].iloc[0] == 60
    assert ids["services"]["sal-1"] == int(s["id"].iloc[0])
    assert isinstance(report, huzhu.Table)
    f = tmp_path / "svc.json"
    f.write_text(json.dumps(SERVICE))
    c2, _, _ = formats.import_hsds(f, community=example)
    assert c2.counts["services"] == example.counts["services"] + 1
    c3, _, _ = formats.import_hsds(SERVICE)
    assert c3.counts["services"] == 1


def test_hsds_csv_datapackage(tmp_path: Path) -> None:
    rows = {
        "organizations": [{"id": "org-1", "name": "Street office"}],
        "services": [{"id": "svc-1", "organization_id": "org-1", "name": "Lunch club", "status": "active", "minimum_age": "60"}],
        "locations": [{"id": "loc-1", "location_type": "physical", "latitude": "31.23", "longitude": "121.47"}],
        "service_at_locations": [{"id": "sal-1", "service_id": "svc-1", "location_id": "loc-1"}],
        "schedules": [{"id": "sch-1", "service_at_location_id": "sal-1", "freq": "WEEKLY", "byday": "MO", "dtstart": "2026-01-01", "opens_at": "11:00", "closes_at": "13:00"}],
        "taxonomy_terms": [{"id": "t1", "code": "meals", "name": "Meals"}],
        "attributes": [{"id": "a1", "link_id": "svc-1", "link_type": "service", "taxonomy_term_id": "t1"}],
    }
    for name, table in rows.items():
        with (tmp_path / f"{name}.csv").open("w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(table[0]))
            w.writeheader()
            w.writerows(table)
    c, report, ids = formats.import_hsds(tmp_path)
    assert c.counts["services"] == 1 and "sal-1" in ids["services"]
    # the same tables as a dict of rows go through the same importer
    c2, _, _ = formats.import_hsds(rows)
    assert c2.services.to_pylist() == c.services.to_pylist()


def test_hsds_errors() -> None:
    import pytest

    with pytest.raises(huzhu.ValidationError):
        formats.import_hsds("{not json")


def test_geojson(plan: huzhu.Plan, community: huzhu.Community) -> None:
    g = formats.to_geojson(plan)
    assert g["type"] == "FeatureCollection" and g["features"]
    cov = formats.to_geojson(community, threshold_minutes=15)
    assert cov["type"] == "FeatureCollection"
