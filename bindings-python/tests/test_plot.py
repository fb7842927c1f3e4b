from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import huzhu
from huzhu import plot, scoring


def test_plots_return_figures(plan: huzhu.Plan) -> None:
    from matplotlib.figure import Figure

    card = scoring.scorecard(plan, scoring.simulate(plan))
    for fig in [plot.matches_map(plan), plot.unmet_by_grid(plan), plot.scorecard(card)]:
        assert isinstance(fig, Figure)
        assert fig.axes


def test_routes_map_draws_a_line_per_round() -> None:
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    centre = {"lat": 31.2, "lon": 121.5}
    day = [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T16:00:00"}]
    morning = [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}]
    # Eight half-hour visits in one morning: more than one walker can make.
    visits = [{"id": i, "place": {"lat": 31.2 + 0.001 * (i % 4), "lon": 121.5 + 0.001 * (i // 4)}, "minutes": 30,
               "windows": morning} for i in range(1, 9)]
    visits.append({"id": 99, "place": {"lat": 31.21, "lon": 121.51}, "minutes": 30, "skills": ["legal"]})
    workers = [{"server": s, "start": centre, "end": centre, "shifts": day} for s in ("worker#1", "volunteer#2")]
    workers[1]["shifts"] = [day[0], {"start": "2026-12-09T09:00:00", "end": "2026-12-09T10:00:00"}]
    rounds = huzhu.plan_rounds(visits, workers)
    fig = plot.routes(rounds)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    table = rounds.rounds.to_pylist()
    assert len(ax.lines) == len(table) >= 2, "one line per round"
    strings = [f for f in rounds.geojson()["features"] if f["geometry"]["type"] == "LineString"]
    for line, r, feature in zip(ax.lines, table, strings):
        assert line.get_label() == f"{r['server']} (shift {r['shift']})"
        # From the start through the visits in order to the end.
        assert [list(p) for p in line.get_xydata()] == feature["geometry"]["coordinates"]
        assert len(line.get_xdata()) == len(r["visits"]) + 2
    # Stops numbered in order on each round; the visit nobody can make marked.
    orders = sorted(int(t.get_text()) for t in ax.texts)
    assert orders == sorted(s["order"] for s in rounds.stops.to_pylist())
    missed = rounds.unplanned.to_pylist()
    assert missed[0]["visit"] == 99
    crosses = [c for c in ax.collections if c.get_label() == f"not planned ({len(missed)})"]
    assert len(crosses) == 1 and [list(p) for p in crosses[0].get_offsets()] == [[u["lon"], u["lat"]] for u in missed]
    plt.close(fig)
    # On a given Axes.
    fig, given = plt.subplots()
    assert plot.routes(rounds, ax=given, numbers=False) is fig and not given.texts
    plt.close(fig)
