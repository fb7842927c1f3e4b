"""Partitioned matching on an existing distributed engine.

A city's districts are matched independently (needs are served locally), so each district's rows
go to one task, which builds its community, matches it and returns the assignments with the
district key. The same function runs on Dask (``groupby("district").apply`` /
``map_partitions``) and on Spark (``groupBy("district").applyInArrow``).

Input: one long table per kind (residents, needs, volunteers, services; providers optional),
each with a ``district`` column, in the columns of :meth:`huzhu.Community.from_tables`.
"""

from __future__ import annotations

from typing import Any

#: Columns of the assignments table returned by the helpers (plus the ``district`` key first).
ASSIGNMENT_COLUMNS = [
    "need",
    "resident",
    "category",
    "grid",
    "helper",
    "helper_kind",
    "helper_id",
    "start",
    "distance_m",
    "cost",
    "score",
]

TABLES = ("residents", "needs", "volunteers", "services", "providers")


def match_district(district: Any, tables: dict[str, Any], *, now: Any = None, **match_kwargs: Any) -> Any:
    """Matches one district's tables (pandas DataFrames or Arrow tables); returns a pandas
    DataFrame of its assignments with a ``district`` column first."""
    import pandas as pd

    from . import Community

    def strip(t: Any) -> Any:
        if t is None:
            return None
        if isinstance(t, pd.DataFrame):
            return t.drop(columns=["district"], errors="ignore")
        return t

    c = Community.from_tables(
        residents=strip(tables["residents"]),
        needs=strip(tables.get("needs")),
        volunteers=strip(tables.get("volunteers")),
        services=strip(tables.get("services")),
        providers=strip(tables.get("providers")),
        name=str(district),
    )
    plan = c.match(now=now, **match_kwargs)
    df = plan.assignments.to_pandas()[ASSIGNMENT_COLUMNS]
    df.insert(0, "district", district)
    return df


def match_local(tables: dict[str, Any], *, now: Any = None, **match_kwargs: Any) -> Any:
    """The reference: every district matched alone, in this process (pandas in, pandas out)."""
    import pandas as pd

    out = []
    for d in sorted(tables["residents"]["district"].unique()):
        part = {k: (v[v["district"] == d] if v is not None else None) for k, v in tables.items()}
        out.append(match_district(d, part, now=now, **match_kwargs))
    return _sorted(pd.concat(out, ignore_index=True))


def _sorted(df: Any) -> Any:
    return df.sort_values(["district", "need"], kind="stable").reset_index(drop=True)


def _meta() -> Any:
    import pandas as pd

    return pd.DataFrame(
        {
            "district": pd.Series(dtype="object"),
            "need": pd.Series(dtype="int64"),
            "resident": pd.Series(dtype="int64"),
            "category": pd.Series(dtype="object"),
            "grid": pd.Series(dtype="int64"),
            "helper": pd.Series(dtype="object"),
            "helper_kind": pd.Series(dtype="object"),
            "helper_id": pd.Series(dtype="int64"),
            "start": pd.Series(dtype="datetime64[us]"),
            "distance_m": pd.Series(dtype="int64"),
            "cost": pd.Series(dtype="int64"),
            "score": pd.Series(dtype="int64"),
        }
    )


def match_dask(client: Any, tables: dict[str, Any], *, now: Any = None, **match_kwargs: Any) -> Any:
    """Matches every district on a Dask cluster: one task per district (the district's rows of
    every table go to that task, which builds the community and matches it). `tables` are pandas
    DataFrames with a ``district`` column; returns one pandas DataFrame sorted by district and
    need. `client` is a ``distributed.Client`` (e.g. on a ``LocalCluster``)."""
    import dask
    import dask.dataframe as dd
    import pandas as pd

    districts = sorted(tables["residents"]["district"].unique())
    # One partition per district: the residents' frame carries the district key; each task
    # looks up the other tables for its district (scattered once to the workers).
    scattered = {k: client.scatter(v, broadcast=True) for k, v in tables.items() if v is not None}
    keys = dd.from_pandas(pd.DataFrame({"district": districts}), npartitions=len(districts))

    def run(part: Any, **tabs: Any) -> Any:
        out = [match_district(d, {k: t[t["district"] == d] for k, t in tabs.items()}, now=now, **match_kwargs) for d in part["district"]]
        return pd.concat(out, ignore_index=True) if out else _meta()

    result = keys.map_partitions(run, meta=_meta(), **scattered)
    with dask.config.set(scheduler=client):
        df = result.compute()
    return _sorted(df)


def match_spark(spark: Any, tables: dict[str, Any], *, now: Any = None, **match_kwargs: Any) -> Any:
    """Matches every district on Spark with ``groupBy("district").applyInArrow``: each group
    receives the district's rows of all tables (stacked as JSON-encoded rows of one frame, since
    applyInArrow groups one DataFrame) and returns its assignments. Returns a pandas DataFrame
    sorted by district and need."""
    import pandas as pd
    import pyarrow as pa

    rows = []
    for kind, t in tables.items():
        if t is None:
            continue
        for d, part in t.groupby("district"):
            rows.append({"district": str(d), "kind": kind, "payload": part.drop(columns=["district"]).to_json(orient="records", date_format="iso")})
    sdf = spark.createDataFrame(pd.DataFrame(rows))
    schema = (
        "district string, need long, resident long, category string, grid long, helper string, "
        "helper_kind string, helper_id long, start timestamp_ntz, distance_m long, cost long, score long"
    )

    def per_district(table: pa.Table) -> pa.Table:
        import io

        import pandas as pd

        df = table.to_pandas()
        district = df["district"].iloc[0]
        tabs: dict[str, Any] = {}
        for kind, payload in zip(df["kind"], df["payload"]):
            tabs[kind] = pd.read_json(io.StringIO(payload), orient="records", convert_dates=False)
        out = match_district(district, tabs, now=now, **match_kwargs)
        arrow_schema = pa.schema(
            [(c, pa.string()) if c in {"district", "category", "helper", "helper_kind"} else (c, pa.timestamp("us")) if c == "start" else (c, pa.int64()) for c in out.columns]
        )
        return pa.Table.from_pandas(out, schema=arrow_schema, preserve_index=False)

    result = sdf.groupBy("district").applyInArrow(per_district, schema=schema).toPandas()
    result["start"] = pd.to_datetime(result["start"])
    return _sorted(result)


def split_by_district(districts: dict[str, Any]) -> dict[str, Any]:
    """Stacks several communities (``{"district name": Community}``) into long pandas tables with
    a ``district`` column — the input of the helpers above."""
    import pandas as pd

    out: dict[str, list[Any]] = {k: [] for k in TABLES}
    for name, c in districts.items():
        tabs = c.to_tables()
        for k in TABLES:
            df = tabs[k].to_pandas()
            df.insert(0, "district", name)
            out[k].append(df)
    return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}


__all__ = ["ASSIGNMENT_COLUMNS", "match_dask", "match_district", "match_local", "match_spark", "split_by_district"]
