"""HSDS 3.0 import (JSON, or the tabular CSV datapackage — one importer) and GeoJSON export."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from ._huzhu import Community, Plan
from ._huzhu import _hsds_import, coverage_geojson, plan_geojson
from ._table import Table


def _read_datapackage(folder: Path) -> str:
    tables: dict[str, list[dict[str, str]]] = {}
    for f in sorted(folder.glob("*.csv")):
        with f.open(newline="", encoding="utf-8-sig") as fh:
            tables[f.stem] = [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(fh)]
    if not tables:
        raise ValueError(f"no CSV files in {folder}")
    return json.dumps(tables)


def import_hsds(
    source: str | os.PathLike[str] | dict[str, Any] | list[Any],
    *,
    community: Community | None = None,
    name: str = "community",
    **options: Any,
) -> tuple[Community, Table, dict[str, dict[str, int]]]:
    """Imports HSDS services and organisations: returns ``(community, report, ids)``.

    `source`: HSDS JSON text, a ``.json`` file, a parsed JSON object, a folder holding the CSV
    datapackage (``services.csv``, ``locations.csv``, ``service_at_locations.csv``,
    ``schedules.csv``, …), or a dict of tables ``{"services": DataFrame or rows, …}``. The
    records are added to a copy of `community` (or a new one). `options`: ``skip_invalid``,
    ``utc_offset_minutes``, ``categories`` (HSDS term → huzhu category code), ``groups`` (term →
    special group), ``default_category``, ``radius_m``, ``capacity_per_week``.
    """
    tabular = False
    if isinstance(source, (dict, list)):
        if isinstance(source, dict) and source and all(not isinstance(v, (str, int, float)) and v is not None for v in source.values()) and "id" not in source:
            rows = {}
            for k, v in source.items():
                if hasattr(v, "to_dict") and hasattr(v, "columns"):
                    v = v.astype(str).where(v.notna(), "").to_dict(orient="records")
                rows[k] = [{kk: "" if vv is None else str(vv) for kk, vv in r.items()} for r in v]
            text, tabular = json.dumps(rows), True
        else:
            text = json.dumps(source)
    else:
        p = Path(source) if not (isinstance(source, str) and source.lstrip().startswith(("{", "["))) else None
        if p is not None and p.is_dir():
            text, tabular = _read_datapackage(p), True
        elif p is not None and p.exists():
            text = p.read_text(encoding="utf-8")
        else:
            text = str(source)
    c, report, ids = _hsds_import(text, tabular=tabular, community=community, name=name, **options)
    return c, report, ids


def to_geojson(obj: Plan | Community, *, threshold_minutes: int = 15) -> dict[str, Any]:
    """A plan (needs, helpers, match lines) or a community's living-circle coverage as GeoJSON."""
    if isinstance(obj, Plan):
        return json.loads(plan_geojson(obj))
    return json.loads(coverage_geojson(obj, threshold_minutes))


__all__ = ["import_hsds", "to_geojson"]
