"""Plots (``pip install huzhu[plot]``): each function returns the matplotlib figure."""

from __future__ import annotations

from typing import Any


def _plt() -> Any:
    try:
        import matplotlib

        if matplotlib.get_backend().lower() not in {"module://matplotlib_inline.backend_inline", "agg"}:
            pass
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - the extra is missing
        raise ImportError("huzhu.plot needs matplotlib: pip install 'huzhu[plot]'") from e
    return plt


def matches_map(plan: Any, *, ax: Any = None, max_lines: int = 5000) -> Any:
    """A map of matches: a line from each helper to the need it serves, coloured by category
    group; unmatched needs as black crosses."""
    plt = _plt()
    a = plan.assignments.to_pandas()
    u = plan.unmatched.to_pandas()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 7))
    else:
        fig = ax.figure
    a["group"] = a["category"].str.split(".").str[0]
    cmap = plt.get_cmap("tab10")
    for i, (g, part) in enumerate(sorted(a.groupby("group"), key=lambda x: x[0])):
        part = part.head(max_lines)
        colour = cmap(i % 10)
        for row in part.itertuples():
            ax.plot([row.helper_lon, row.need_lon], [row.helper_lat, row.need_lat], color=colour, lw=0.6, alpha=0.6)
        ax.scatter(part["need_lon"], part["need_lat"], s=6, color=colour, label=f"{g} ({len(part)})")
    if len(u):
        ax.scatter(u["need_lon"], u["need_lat"], s=12, marker="x", color="black", label=f"unmatched ({len(u)})")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title("Matches by category group")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(fontsize="small", loc="best")
    return fig


def unmet_by_grid(plan: Any, *, ax: Any = None) -> Any:
    """Unmet need by grid: matched and unmatched needs per grid cell, stacked bars."""
    plt = _plt()
    a = plan.assignments.to_pandas()
    u = plan.unmatched.to_pandas()
    matched = a.groupby("grid").size()
    unmatched = u.groupby("grid").size()
    grids = sorted(set(matched.index) | set(unmatched.index))
    m = [int(matched.get(g, 0)) for g in grids]
    n = [int(unmatched.get(g, 0)) for g in grids]
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6, len(grids) * 0.35), 4))
    else:
        fig = ax.figure
    x = range(len(grids))
    ax.bar(x, m, label="matched", color="#4c9a2a")
    ax.bar(x, n, bottom=m, label="unmatched", color="#c0392b")
    ax.set_xticks(list(x), [str(g) for g in grids], rotation=90, fontsize="small")
    ax.set_xlabel("grid")
    ax.set_ylabel("needs")
    ax.set_title("Unmet need by grid")
    ax.legend()
    return fig


def scorecard(card: Any, *, ax: Any = None) -> Any:
    """The scorecard: each indicator's value (0–100%) and its contribution to the index."""
    plt = _plt()
    df = card.index.to_pandas()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(df) + 1.5))
    else:
        fig = ax.figure
    values = (df["value"].fillna(0) * 100).tolist()
    ax.barh(df["name_en"], values, color="#2e86c1")
    for i, (v, c) in enumerate(zip(values, df["contribution"])):
        ax.text(v + 1, i, f"{v:.0f}%  (+{c:.1f})", va="center", fontsize="small")
    ax.set_xlim(0, 115)
    ax.invert_yaxis()
    score = card.score
    ax.set_title(f"Community service index: {score:.1f}" if score is not None else "Community service index")
    ax.set_xlabel("indicator value (%)")
    fig.tight_layout()
    return fig


__all__ = ["matches_map", "scorecard", "unmet_by_grid"]
