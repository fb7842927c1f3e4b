from __future__ import annotations

import math
import os
import shutil
import sys
from typing import Any, Iterator

import pandas as pd
import pytest

import huzhu
from huzhu import distributed, scoring

GENERATED = {
    f"district-{i}": huzhu.synth.generate(residents=600, seed=100 + i, name=f"district-{i}", centre=(31.20 + 0.05 * i, 121.45))
    for i in range(3)
}


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    districts = {name: d.community for name, d in GENERATED.items()}
    return distributed.split_by_district(districts, kinds=distributed.TABLES + ("workers",))


@pytest.fixture(scope="module")
def reference(city: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return distributed.match_local(city)


def test_reference_is_each_district_alone(city: dict[str, pd.DataFrame], reference: pd.DataFrame) -> None:
    assert set(reference["district"]) == set(city["residents"]["district"])
    assert len(reference) > 0


def test_dask_local_cluster_equals_each_district_alone(city: dict[str, pd.DataFrame], reference: pd.DataFrame) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
        result = distributed.match_dask(client, city)
    pd.testing.assert_frame_equal(result, reference, check_dtype=False)


def _spark_available() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (Spark needs Java 17)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    why = _spark_available()
    if why is not None:
        # Not a skip: `make test` installs pyspark (the venv) and Java (scripts/ensure-toolchain.sh).
        pytest.fail(f"{why}: run `make test`, which installs both")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("huzhu-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()


def test_spark_apply_in_arrow_equals_each_district_alone(spark: Any, city: dict[str, pd.DataFrame], reference: pd.DataFrame) -> None:
    result = distributed.match_spark(spark, city)
    pd.testing.assert_frame_equal(result, reference, check_dtype=False)


# --- results by level: districts scored apart, added up on the driver ---------------------------

# The synthetic "districts" are community-sized (600 residents): here they are the communities of
# two streets of one city; the hierarchy, not the data, says what level a partition is.
NODES = [
    {"id": "city", "name": "City 市", "level": "city"},
    {"id": "east", "name": "East street", "level": "street", "parent": "city"},
    {"id": "west", "name": "West street", "level": "street", "parent": "city"},
    {"id": "district-0", "name": "D0", "level": "community", "parent": "east"},
    {"id": "district-1", "name": "D1", "level": "community", "parent": "east"},
    {"id": "district-2", "name": "D2", "level": "community", "parent": "west"},
]
WEEK = GENERATED["district-0"].week_start
SCORE = {"start": WEEK, "end": WEEK + pd.Timedelta(days=7).to_pytimedelta(), "seed": 7}


@pytest.fixture(scope="module")
def levels(city: dict[str, pd.DataFrame]) -> huzhu.scoring.Rollup:
    return distributed.rollup_local(city, NODES, **SCORE)


def rows(r: huzhu.scoring.Rollup) -> tuple[list[dict], list[dict], list[dict]]:
    return r.table.to_pylist(), r.contributions.to_pylist(), r.nodes.to_pylist()


def nearest_rank(values: list[int], q: float) -> int:
    v = sorted(values)
    return v[max(1, math.ceil(q * len(v))) - 1]


def test_rollup_city_equals_the_whole_data_at_once(city: dict[str, pd.DataFrame], levels: huzhu.scoring.Rollup) -> None:
    """The city's row from per-district tallies equals the city computed with pandas from every
    district's per-need and per-resident rows concatenated."""
    needs, responses = [], []
    for d in sorted(city["residents"]["district"].unique()):
        part = {k: v[v["district"] == d] for k, v in city.items()}
        c = distributed.district_community(d, part)
        plan = c.match()
        n = c.needs.to_pandas()
        n["matched"] = n["id"].isin(plan.assignments.to_pandas()["need"])
        n["district"] = d
        needs.append(n)
        card = scoring.scorecard(plan, scoring.simulate(plan, start=SCORE["start"], end=SCORE["end"], seed=SCORE["seed"]), start=SCORE["start"], end=SCORE["end"])
        responses.append(card.response.to_pandas())
    n = pd.concat(needs, ignore_index=True)
    start, end = pd.Timestamp(SCORE["start"]), pd.Timestamp(SCORE["end"])
    n = n[(n["created_at"] >= start) & (n["created_at"] < end)]
    r = pd.concat(responses, ignore_index=True)
    minutes = [int(x) for x in r["response_minutes"].dropna()]
    decided = r["on_time"].dropna()
    table, _, nodes = rows(levels)
    top = {x["rate"]: x for x in table if x["node"] == "city"}
    assert (top["match_rate"]["count"], top["match_rate"]["of_total"]) == (int(n["matched"].sum()), len(n))
    assert top["match_rate"]["share"] == pytest.approx(n["matched"].sum() / len(n), abs=1e-12)
    rc = top["response_compliance"]
    assert (rc["count"], rc["of_total"]) == (int(decided.astype(bool).sum()), len(decided))
    assert rc["share"] == pytest.approx(decided.astype(bool).sum() / len(decided), abs=1e-12)
    assert len(minutes) > 10
    assert (rc["response_p50"], rc["response_p90"]) == (nearest_rank(minutes, 0.5), nearest_rank(minutes, 0.9))
    assert rc["residents"] == len(city["residents"])
    node = {x["node"]: x for x in nodes}
    assert node["city"]["residents_per_worker"] == pytest.approx(len(city["residents"]) / len(city["workers"]), abs=1e-12)
    # A street is its two districts: 0 + 1.
    east = {x["rate"]: x for x in table if x["node"] == "east"}
    e = n[n["district"].isin(["district-0", "district-1"])]
    assert (east["match_rate"]["count"], east["match_rate"]["of_total"]) == (int(e["matched"].sum()), len(e))


def test_rollup_on_a_dask_local_cluster_equals_the_local_rollup(city: dict[str, pd.DataFrame], levels: huzhu.scoring.Rollup) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
        result = distributed.rollup_dask(client, city, NODES, **SCORE)
    assert rows(result) == rows(levels)


def test_rollup_on_spark_equals_the_local_rollup(spark: Any, city: dict[str, pd.DataFrame], levels: huzhu.scoring.Rollup) -> None:
    result = distributed.rollup_spark(spark, city, NODES, **SCORE)
    assert rows(result) == rows(levels)
