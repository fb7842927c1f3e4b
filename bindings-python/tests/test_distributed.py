from __future__ import annotations

import os
import shutil
import sys

import pandas as pd
import pytest

import huzhu
from huzhu import distributed


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    districts = {
        f"district-{i}": huzhu.synth.generate(residents=600, seed=100 + i, name=f"district-{i}", centre=(31.20 + 0.05 * i, 121.45)).community
        for i in range(3)
    }
    return distributed.split_by_district(districts)


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


@pytest.mark.skipif(_spark_available() is not None, reason=str(_spark_available()))
def test_spark_apply_in_arrow_equals_each_district_alone(city: dict[str, pd.DataFrame], reference: pd.DataFrame) -> None:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
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
        result = distributed.match_spark(spark, city)
    finally:
        spark.stop()
    pd.testing.assert_frame_equal(result, reference, check_dtype=False)
