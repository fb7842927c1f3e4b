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
