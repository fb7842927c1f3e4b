"""Writes the notebooks (run once when they change; the tests run them with nbmake).

`python make_notebooks.py` writes them all; `python make_notebooks.py evaluation` only the ones named
(cell ids are random: rewriting a notebook that did not change only churns them).
"""

import sys
from pathlib import Path

import nbformat as nbf

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

evaluation = [
    "md:# Evaluation 评估\nFrom scorecard to evaluation: a synthetic district over the four quarters of 2026 → KPIs against the documents' targets → what moved between the last two quarters → results by level (grid → community) → staffing advice → one self-contained report to hand on.",
    "import datetime as dt\nimport huzhu\nfrom huzhu import scoring",
    "md:## Four quarters\nEach quarter: a week of needs (seeded; the district recruits more volunteers each quarter), matched exactly, and the quarter's evidence simulated with a seed — with the workers' training and the service funding received added to it.",
    """QUARTERS = [(dt.date(2026, 1, 1), dt.date(2026, 4, 1)), (dt.date(2026, 4, 1), dt.date(2026, 7, 1)),
            (dt.date(2026, 7, 1), dt.date(2026, 10, 1)), (dt.date(2026, 10, 1), dt.date(2027, 1, 1))]
MONDAYS = [dt.date(2026, 1, 5), dt.date(2026, 4, 6), dt.date(2026, 7, 6), dt.date(2026, 10, 5)]
cards, plans = [], []
for i, ((start, end), monday) in enumerate(zip(QUARTERS, MONDAYS)):
    district = huzhu.synth.generate(residents=3000, seed=2026, week_start=monday, residents_per_grid=500,
                                    volunteer_permille=6 + 3 * i, recorded_in_advance=True, name='梅花街道 Plum Blossom')
    community = district.community
    plan = community.match(now=monday)
    evidence = scoring.simulate(plan, start=start, end=end, seed=2026 + i).to_dict()
    evidence['training'] = [{'worker': w, 'date': str(start + dt.timedelta(days=30)), 'minutes': 240 + 120 * i}
                            for w in community.workers.to_pandas()['id']]
    evidence['funding'] = [{'source': 'government', 'date': str(start + dt.timedelta(days=10)), 'amount_fen': 3_000_000},
                           {'source': 'charity', 'date': str(start + dt.timedelta(days=40)), 'amount_fen': 500_000 * (i + 1)}]
    card = scoring.scorecard(plan, huzhu.Evidence.from_dict(evidence), start=start, end=end,
                             now=dt.datetime.combine(end, dt.time()), community_workers=6, social_workers=2)
    cards.append(card)
    plans.append(plan)
[(c.start, round(c.score, 1), round(c.measure('match_rate'), 3)) for c in cards]""",
    "md:Staffing beyond head counts and funding, in the last quarter: residents per worker (500–800), the qualified share (12%), training hours a year (40), funding per resident a year (50 yuan).",
    "last = cards[-1]\n{k: v for k, v in last.workforce.items() if k != 'loads'}",
    "last.funding['by_source'].to_pandas()",
    "md:## KPIs 关键指标\nThe documents' targets for a work plan starting on 1 January 2026 (match rate 55% → 82%, participation 31% → 60%, handling time 7 days → 2, the staffing and funding norms, …), due at the end of consolidation (month 36), judged on 1 January 2027.",
    "kpis = scoring.default_kpis(dt.date(2026, 1, 1))\nprogress = scoring.evaluate_kpis(kpis, cards, today=dt.date(2027, 1, 1)).to_pandas()\nprogress[['name_zh', 'name_en', 'baseline', 'target', 'latest', 'progress', 'expected', 'status', 'needed_per_period']]",
    "md:## What moved 变化\nThe last two quarters side by side: the change of every counted rate and whether it is more than noise (Newcombe's interval at 95%).",
    "last.compare(cards[-2]).to_pandas()",
    "md:## By level 分级\nThe last quarter's tallies by grid, added up to the community: every rate is the sum of the grids' numerators over the sum of their denominators, the response percentiles come from every need. The same `rollup` adds communities up to streets, districts and the city (see `huzhu.distributed` for districts scored on Dask or Spark).",
    """grids = last.grid_tallies()
nodes = [{'id': 'community', 'name': community.name, 'level': 'community'}] + [
    {'id': str(g), 'name': f'网格 grid {g}', 'level': 'grid', 'parent': 'community'} for g in grids]
levels = scoring.rollup(nodes, grids)
levels""",
    "levels.contributions.to_pandas().query(\"rate == 'match_rate'\")",
    "md:## Staffing advice 招募建议\nWhom to recruit, where and when, for the last quarter's unmet needs; each piece is checked by adding the recruits and matching again.",
    "advice = plans[-1].staffing_advice()\nadvice.table.to_pandas()[['text_zh', 'text_en', 'recruits', 'needs_met']]",
    "more = community.with_tables(volunteers=advice.volunteers(0)).match(now=plans[-1].now)\nassert len(more) - len(plans[-1]) == advice.table.to_pylist()[0]['needs_met']\nlen(plans[-1]), len(more)",
    "md:## The report 评估报告\nOne self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched), bilingual, printable to A4: open it in a browser or hand it on.",
    """path = last.report('evaluation_report.html', history=cards[:-1], kpis=kpis, levels=levels, advice=advice,
                   generated=dt.date(2027, 1, 4), title_zh='2026年度社区服务评估', title_en='Community services in 2026')
path, path.stat().st_size""",
]

NOTEBOOKS = {"quickstart": quick, "from_csv": csv, "evaluation": evaluation}
for name in sys.argv[1:] or NOTEBOOKS:
    nbf.write(nb(NOTEBOOKS[name]), HERE / f"{name}.ipynb")
