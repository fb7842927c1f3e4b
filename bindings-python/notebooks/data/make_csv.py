"""Writes the CSV files from the example snapshot (core/examples/community.json)."""

from pathlib import Path

import huzhu

HERE = Path(__file__).parent
c = huzhu.Community.from_json((HERE.parents[2] / "core" / "examples" / "community.json").read_text(encoding="utf-8"))
for name, table in c.to_tables().items():
    df = table.to_pandas()
    for col in df.columns:
        if df[col].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            df[col] = df[col].map(lambda v: ";".join(map(str, v)) if v is not None else "")
    df.to_csv(HERE / f"{name}.csv", index=False)
