"""`huzhu.Table`: a result table that exports the Arrow PyCapsule stream, with helpers."""

from __future__ import annotations

from typing import Any


class Table:
    """A result table. Any Arrow consumer takes it directly (``pyarrow.table(t)``,
    ``polars.DataFrame(t)``, ``duckdb``); ``to_pandas``, ``to_polars`` and ``to_arrow`` import
    those libraries only when called."""

    __slots__ = ("_native",)

    def __init__(self, native: Any) -> None:
        self._native = native

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._native.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> Any:
        return self._native.__arrow_c_schema__()

    @property
    def column_names(self) -> list[str]:
        return list(self._native.column_names)

    @property
    def num_rows(self) -> int:
        return int(self._native.num_rows)

    def __len__(self) -> int:
        return self.num_rows

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table``."""
        import pyarrow as pa

        return pa.table(self)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (through pyarrow)."""
        return self.to_arrow().to_pandas()

    def to_polars(self) -> Any:
        """A ``polars.DataFrame``."""
        import polars as pl

        try:
            return pl.DataFrame(self)
        except TypeError:  # older polars: through pyarrow
            return pl.from_arrow(self.to_arrow())

    def to_pylist(self) -> list[dict[str, Any]]:
        """Rows as dicts (through pyarrow)."""
        return self.to_arrow().to_pylist()

    def __repr__(self) -> str:
        return f"<huzhu.Table {self.num_rows} rows × {len(self.column_names)} columns: {', '.join(self.column_names)}>"

    def _repr_html_(self) -> str:
        try:
            return self.to_pandas().head(20)._repr_html_()
        except ImportError:
            return f"<pre>{self!r}</pre>"
