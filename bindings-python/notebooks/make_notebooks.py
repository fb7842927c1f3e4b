"""Writes the two notebooks (run once when they change; the tests run them with nbmake)."""

import nbformat as nbf
from pathlib import Path

HERE = Path(__file__).parent


def nb(cells):
    n = nbf.v4.new_notebook()
    n.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    n.cells = [nbf.v4.new_markdown_cell(c[3:]) if c.startswith("md:") else nbf.v4.new_code_cell(c) for c in cells]
    return n


quick = [
    "md:# huzhu quick start 互助快速上手\nA synthetic district → exact matching → explanations → the time bank → the scorecard → plots. No data of your own needed.",
    "import huzhu\nfrom huzhu import plot, scoring\nhuzhu.__version__",
    "md:## A district\nSeeded: the same arguments give the same district.",
    "district = huzhu.synth.generate(residents=3000, seed=2026)\ncommunity = district.community\ndistrict",
    "community",
    "community.needs.to_pandas().head()",
    "md:## Match\nExact min-cost matching; `progress=True` shows a bar, Ctrl-C stops it. Keyword arguments are the match policy's settings.",
    "plan = community.match(progress=True)\nplan",
    "plan.assignments.to_pandas()[['need', 'category', 'helper', 'start', 'distance_m', 'cost', 'score']].head()",
    "plan.unmatched.to_pandas()['reason'].value_counts()",
    "md:## Why\nEvery outcome is explained from the optimum's dual prices: `plan.explain(need)` is the explanation as data (the same JSON in every language), `plan.explain_text(need)` one sentence.",
    "a = plan.assignments.to_pandas()\nprint(plan.explain_text(int(a.need.iloc[0])))\nu = plan.unmatched.to_pandas()\nfor n in u.need.head(3):\n    print(plan.explain_text(int(n)))",
    "md:## The time bank 时间银行\nA week of exchanges for the matched needs, in integer minutes, double entry.",
    "ledger, summary = huzhu.synth.time_bank_week(plan, week_start=district.week_start, starting_grant=60)\nprint(summary)\nassert ledger.total_balance == 0\nledger.balances().to_pandas().sort_values('balance', ascending=False).head()",
    "top = ledger.balances().to_pandas().query(\"kind == 'volunteer'\").sort_values('balance').iloc[-1]['account']\nledger.statement(top, district.week_start, district.now)",
    "md:## The scorecard 评估",
    "evidence = scoring.simulate(plan, seed=2026)\ncard = scoring.scorecard(plan, evidence, ledger=ledger, community_workers=5, social_workers=5)\ncard",
    "card.index.to_pandas()",
    "md:## Plots",
    "import matplotlib\nmatplotlib.use('Agg')\nplot.matches_map(plan);",
    "plot.unmet_by_grid(plan);",
    "plot.scorecard(card);",
]

csv = [
    "md:# From CSV files 从表格导入\nThe tables a residents' committee keeps, as CSV files (shipped in `data/`): lists are separated by `;`, weekly schedules are text such as `Mon-Fri 09:00-12:00`.",
    "import pandas as pd\nfrom pathlib import Path\nimport huzhu\ndata = Path('data')\ntables = {name: pd.read_csv(data / f'{name}.csv') for name in ['categories', 'providers', 'residents', 'volunteers', 'services', 'needs']}\ntables['residents']",
    "community = huzhu.Community.from_tables(**tables, name='Plum Blossom Lane 梅花里')\ncommunity",
    "md:A bad cell is reported with its table, row and column:",
    "bad = tables['residents'].copy()\nbad.loc[1, 'lat'] = 123.0\ntry:\n    huzhu.Community.from_tables(residents=bad)\nexcept huzhu.ValidationError as e:\n    print(e)\n    print(e.table, e.row, e.column, e.record)",
    "plan = community.match(now='2026-11-24T08:00:00')\nplan",
    "plan.assignments.to_pandas()[['need', 'category', 'helper', 'start', 'distance_m', 'score']]",
    "for n in tables['needs']['id']:\n    print(plan.explain_text(int(n)))",
    "md:The same community as a JSON snapshot, and back:",
    "assert huzhu.Community.from_json(community.to_json()) == community",
]

nbf.write(nb(quick), HERE / "quickstart.ipynb")
nbf.write(nb(csv), HERE / "from_csv.ipynb")
