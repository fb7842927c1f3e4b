"""Partitioned matching and scoring on an existing distributed engine.

A city's districts are matched independently (needs are served locally), so each district's rows
go to one task, which builds its community, matches it and returns the assignments with the
district key. The same function runs on Dask (``groupby("district").apply`` /
``map_partitions``) and on Spark (``groupBy("district").applyInArrow``).

Results by level work the same way: each task scores its district (matched, evidence simulated
with a seed or given) and returns the scorecard's tally — counts, raw response times and sums,
which add up exactly — as JSON text; the driver adds the tallies up the hierarchy with
:func:`huzhu.scoring.rollup` (``rollup_local``, ``rollup_dask``, ``rollup_spark``). Rates at the
street or the city are then the sums of the districts' numerators over the sums of their
denominators and the percentiles come from every need, exactly as if computed on the whole data.

Input: one long table per kind (residents, needs, volunteers, services; providers optional; any
other table of :meth:`huzhu.Community.from_tables`, such as workers, may be given too), each with
a ``district`` column, in the columns of :meth:`huzhu.Community.from_tables`.
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

#: Every table :meth:`huzhu.Community.from_tables` reads (a district's task takes those given).
COMMUNITY_TABLES = TABLES + ("categories", "workers", "care_files", "packages", "contacts", "activities", "feedback")


def district_community(district: Any, tables: dict[str, Any]) -> Any:
    """One district's community from its tables (pandas DataFrames or Arrow tables; a
    ``district`` column is dropped), named after the district."""
    import pandas as pd

    from . import Community

    def strip(t: Any) -> Any:
        if isinstance(t, pd.DataFrame):
            return t.drop(columns=["district"], errors="ignore")
        return t

    given = {k: strip(tables[k]) for k in COMMUNITY_TABLES if tables.get(k) is not None}
    return Community.from_tables(**given, name=str(district))


def match_district(district: Any, tables: dict[str, Any], *, now: Any = None, **match_kwargs: Any) -> Any:
    """Matches one district's tables (pandas DataFrames or Arrow tables); returns a pandas
    DataFrame of its assignments with a ``district`` column first."""
    c = district_community(district, tables)
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

    sdf = spark.createDataFrame(_stacked(tables))
    schema = (
        "district string, need long, resident long, category string, grid long, helper string, "
        "helper_kind string, helper_id long, start timestamp_ntz, distance_m long, cost long, score long"
    )

    def per_district(table: pa.Table) -> pa.Table:
        district, tabs = _unstack(table)
        out = match_district(district, tabs, now=now, **match_kwargs)
        arrow_schema = pa.schema(
            [(c, pa.string()) if c in {"district", "category", "helper", "helper_kind"} else (c, pa.timestamp("us")) if c == "start" else (c, pa.int64()) for c in out.columns]
        )
        return pa.Table.from_pandas(out, schema=arrow_schema, preserve_index=False)

    result = sdf.groupBy("district").applyInArrow(per_district, schema=schema).toPandas()
    result["start"] = pd.to_datetime(result["start"])
    return _sorted(result)


def split_by_district(districts: dict[str, Any], kinds: tuple[str, ...] = TABLES) -> dict[str, Any]:
    """Stacks several communities (``{"district name": Community}``) into long pandas tables with
    a ``district`` column — the input of the helpers above. `kinds` are the tables taken (names
    of :meth:`huzhu.Community.to_tables`; add ``"workers"`` for the workforce in the tallies)."""
    import pandas as pd

    out: dict[str, list[Any]] = {k: [] for k in kinds}
    for name, c in districts.items():
        tabs = c.to_tables()
        for k in kinds:
            df = tabs[k].to_pandas()
            df.insert(0, "district", name)
            out[k].append(df)
    return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}


# --- results by level ------------------------------------------------------------------------


def score_district(
    district: Any,
    tables: dict[str, Any],
    *,
    start: Any,
    end: Any,
    now: Any = None,
    seed: int = 2026,
    evidence: dict[str, Any] | None = None,
    **match_kwargs: Any,
) -> Any:
    """Scores one district: its community from its tables, matched (at `now`, default the latest
    need), the evidence given for it (``{district: Evidence.to_dict()}``) or simulated with `seed`,
    and the scorecard of `start`..`end`. Returns the :class:`huzhu.Scorecard`."""
    from . import Evidence, scoring

    c = district_community(district, tables)
    plan = c.match(now=now, **match_kwargs)
    given = (evidence or {}).get(str(district))
    ev = Evidence.from_dict(given) if given is not None else scoring.simulate(plan, start=start, end=end, seed=seed)
    return scoring.scorecard(plan, ev, start=start, end=end)


def tally_district(district: Any, tables: dict[str, Any], **kwargs: Any) -> str:
    """What a task returns: the tally of :func:`score_district` as JSON text (the core's
    ``Tally``: counts, raw response times and sums, which add up exactly)."""
    import json

    return json.dumps(score_district(district, tables, **kwargs).tally(), sort_keys=True)


def _parts(tables: dict[str, Any], district: Any) -> dict[str, Any]:
    return {k: (v[v["district"] == district] if v is not None else None) for k, v in tables.items()}


def tallies_local(tables: dict[str, Any], **kwargs: Any) -> dict[str, dict[str, Any]]:
    """Every district's tally, scored in this process: ``{district: tally}`` (the reference)."""
    import json

    return {str(d): json.loads(tally_district(d, _parts(tables, d), **kwargs)) for d in sorted(tables["residents"]["district"].unique())}


def tallies_dask(client: Any, tables: dict[str, Any], **kwargs: Any) -> dict[str, dict[str, Any]]:
    """Every district's tally, one Dask task per district (as :func:`match_dask`)."""
    import json

    import dask
    import dask.dataframe as dd
    import pandas as pd

    districts = sorted(tables["residents"]["district"].unique())
    scattered = {k: client.scatter(v, broadcast=True) for k, v in tables.items() if v is not None}
    keys = dd.from_pandas(pd.DataFrame({"district": districts}), npartitions=len(districts))
    meta = pd.DataFrame({"district": pd.Series(dtype="object"), "tally": pd.Series(dtype="object")})

    def run(part: Any, **tabs: Any) -> Any:
        rows = [{"district": str(d), "tally": tally_district(d, _parts(tabs, d), **kwargs)} for d in part["district"]]
        return pd.DataFrame(rows) if rows else meta

    with dask.config.set(scheduler=client):
        df = keys.map_partitions(run, meta=meta, **scattered).compute()
    return {d: json.loads(t) for d, t in sorted(zip(df["district"], df["tally"]))}


def tallies_spark(spark: Any, tables: dict[str, Any], **kwargs: Any) -> dict[str, dict[str, Any]]:
    """Every district's tally on Spark with ``groupBy("district").applyInArrow`` (the district's
    rows of every table stacked as JSON-encoded rows, as :func:`match_spark`)."""
    import json

    import pyarrow as pa

    sdf = spark.createDataFrame(_stacked(tables))

    def per_district(table: pa.Table) -> pa.Table:
        district, tabs = _unstack(table)
        t = tally_district(district, tabs, **kwargs)
        return pa.table({"district": [str(district)], "tally": [t]})

    df = sdf.groupBy("district").applyInArrow(per_district, schema="district string, tally string").toPandas()
    return {d: json.loads(t) for d, t in sorted(zip(df["district"], df["tally"]))}


def _stacked(tables: dict[str, Any]) -> Any:
    """Every table's rows by district as one frame: district, kind, payload (JSON records)."""
    import pandas as pd

    rows = []
    for kind, t in tables.items():
        if t is None:
            continue
        for d, part in t.groupby("district"):
            rows.append({"district": str(d), "kind": kind, "payload": part.drop(columns=["district"]).to_json(orient="records", date_format="iso")})
    return pd.DataFrame(rows)


def _unstack(table: Any) -> tuple[Any, dict[str, Any]]:
    """One district's tables back from its stacked rows."""
    import io

    import pandas as pd

    df = table.to_pandas()
    tabs = {kind: pd.read_json(io.StringIO(payload), orient="records", convert_dates=False) for kind, payload in zip(df["kind"], df["payload"])}
    return df["district"].iloc[0], tabs


def rollup_local(tables: dict[str, Any], nodes: Any, **kwargs: Any) -> Any:
    """Every district scored in this process, added up the hierarchy `nodes` (whose leaves are
    the districts, by their key): a :class:`huzhu.scoring.Rollup`. Keyword arguments are those of
    :func:`score_district` (`start`, `end`, `now`, `seed`, `evidence`, match settings)."""
    from . import scoring

    return scoring.rollup(nodes, tallies_local(tables, **kwargs))


def rollup_dask(client: Any, tables: dict[str, Any], nodes: Any, **kwargs: Any) -> Any:
    """As :func:`rollup_local`, each district scored in a Dask task; the tallies are added up
    on the driver."""
    from . import scoring

    return scoring.rollup(nodes, tallies_dask(client, tables, **kwargs))


def rollup_spark(spark: Any, tables: dict[str, Any], nodes: Any, **kwargs: Any) -> Any:
    """As :func:`rollup_local`, each district scored in a Spark ``applyInArrow`` group; the
    tallies are added up on the driver."""
    from . import scoring

    return scoring.rollup(nodes, tallies_spark(spark, tables, **kwargs))


__all__ = [
    "ASSIGNMENT_COLUMNS",
    "COMMUNITY_TABLES",
    "district_community",
    "match_dask",
    "match_district",
    "match_local",
    "match_spark",
    "rollup_dask",
    "rollup_local",
    "rollup_spark",
    "score_district",
    "split_by_district",
    "tallies_dask",
    "tallies_local",
    "tallies_spark",
    "tally_district",
]
