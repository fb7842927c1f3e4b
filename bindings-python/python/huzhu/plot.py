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


def routes(rounds: Any, *, ax: Any = None, numbers: bool = True) -> Any:
    """A map of visit rounds (``huzhu.Rounds``): each round a line in visit order from its start
    to its end place, one colour per server; stops as dots numbered in order; the start and end
    places as squares; visits not planned as black crosses. Drawn from ``rounds.geojson()`` (the
    places the plan was made from) and ``rounds.unplanned``: one line per round, in
    ``rounds.rounds`` order, each labelled ``server (shift n)``."""
    plt = _plt()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 7))
    else:
        fig = ax.figure
    features = rounds.geojson()["features"]
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    stops = [f for f in features if f["geometry"]["type"] == "Point"]
    cmap = plt.get_cmap("tab10")
    servers = sorted({f["properties"]["server"] for f in lines})
    colour = {s: cmap(i % 10) for i, s in enumerate(servers)}
    ends_x: list[float] = []
    ends_y: list[float] = []
    for f in lines:
        p = f["properties"]
        xs = [c[0] for c in f["geometry"]["coordinates"]]
        ys = [c[1] for c in f["geometry"]["coordinates"]]
        ax.plot(xs, ys, color=colour[p["server"]], lw=1.2, alpha=0.8, label=f"{p['server']} (shift {p['shift']})")
        ends_x += [xs[0], xs[-1]]
        ends_y += [ys[0], ys[-1]]
    if ends_x:
        ax.scatter(ends_x, ends_y, marker="s", s=40, color="white", edgecolors="black", zorder=3)
    if stops:
        ax.scatter(
            [f["geometry"]["coordinates"][0] for f in stops],
            [f["geometry"]["coordinates"][1] for f in stops],
            s=30,
            color=[colour[f["properties"]["server"]] for f in stops],
            zorder=4,
        )
        if numbers:
            for f in stops:
                x, y = f["geometry"]["coordinates"]
                ax.annotate(str(f["properties"]["order"]), (x, y), textcoords="offset points", xytext=(4, 4), fontsize="small")
    missed = rounds.unplanned.to_pylist()
    if missed:
        ax.scatter([u["lon"] for u in missed], [u["lat"] for u in missed], s=40, marker="x", color="black", zorder=4, label=f"not planned ({len(missed)})")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"Visit rounds: {len(lines)} rounds, {rounds.travel_minutes} minutes travelling")
    ax.set_aspect("equal", adjustable="datalim")
    if lines or missed:
        ax.legend(fontsize="small", loc="best")
    return fig


__all__ = ["matches_map", "routes", "scorecard", "unmet_by_grid"]
