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
    "md:## Before and after 前后对比\nThe documents report a pilot that raised the match rate from 55% to 82% with intelligent matching. The baseline it replaced is a dispatcher who works as a residents' committee does by phone: first come, first served, the nearest helper free now, no look-ahead. `compare_dispatchers` replays the same week with both, a run every two hours from 08:00 to 20:00 (`times` settings as keywords), and gives every figure side by side; `null` in a figure is \"no data\", never a number.",
    "cmp = huzhu.compare_dispatchers(community, start=district.week_start)\ncmp",
    "cmp.summary.to_pandas()",
    "md:Every need's course, and why the phone left some unserved (the reason its last call gave):",
    "phone = cmp.phone.outcomes.to_pandas()\nphone[phone.fate != 'served'][['need', 'urgency', 'fate', 'why']].head(10)",
    "md:## Why\nEvery outcome is explained from the optimum's dual prices: `plan.explain(need)` is the explanation as data (the same JSON in every language), `plan.explain_text(need)` one sentence.",
    "a = plan.assignments.to_pandas()\nprint(plan.explain_text(int(a.need.iloc[0])))\nu = plan.unmatched.to_pandas()\nfor n in u.need.head(3):\n    print(plan.explain_text(int(n)))",
    "md:## The time bank 时间银行\nA week of exchanges for the matched needs, in integer minutes, double entry.",
    "ledger, summary = huzhu.synth.time_bank_week(plan, week_start=district.week_start, starting_grant=60)\nprint(summary)\nassert ledger.total_balance == 0\nledger.balances().to_pandas().sort_values('balance', ascending=False).head()",
    "top = ledger.balances().to_pandas().query(\"kind == 'volunteer'\").sort_values('balance').iloc[-1]['account']\nledger.statement(top, district.week_start, district.now)",
    "md:## The scorecard 评估",
    "evidence = scoring.simulate(plan, seed=2026)\ncard = scoring.scorecard(plan, evidence, ledger=ledger, community_workers=5, social_workers=5)\ncard",
    "card.index.to_pandas()",
    "md:## What to change 改进方向\nThe index is the sum of its indicators' contributions (`card.index`: value, weight, effective weight, points). The points an indicator loses are `100 × effective weight × (1 − value)`: the first rows below are where the district loses most. An indicator without data is left out and listed as missing, never scored.",
    "idx = card.index.to_pandas().dropna(subset=['value'])\nidx['points_lost'] = 100 * idx.effective_weight * (1 - idx.value)\nidx.sort_values('points_lost', ascending=False)[['indicator', 'value', 'contribution', 'points_lost']].head(6)",
    "md:For the match rate, the plan's dual prices say where one more helper would serve the most unmet need: whom to recruit, where and when, each piece checked by adding the recruits and re-solving.",
    "advice = plan.staffing_advice()\nadvice.table.to_pandas()[['text_en', 'recruits', 'needs_met']]",
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

visit_rounds = [
    "md:# Visit rounds 上门走访路线\nMonday's home visits from the care files' contact schedule → who visits whom, in what order and when → a map → a worker off sick → an e-bike volunteer in the afternoon → GeoJSON for a GIS tool → a week that keeps every resident's contact interval, within a volunteer's hours shared with the matcher.",
    "import json\nimport math\nfrom pathlib import Path\nimport pandas as pd\nimport huzhu\nfrom huzhu import care, plot",
    "md:## Monday's visits 今日走访\nThe quick start's district (the same seed), cut into grids of 500 residents as in the evaluation notebook, so that each of its six grids has a grid worker (网格员), besides two social workers (社工). `district.now` is Monday 30 November 2026, 00:00: the contact schedule as of then lists each care file's visits and calls that are due (on time if made today) or overdue.",
    "district = huzhu.synth.generate(residents=3000, seed=2026, residents_per_grid=500)\ncommunity = district.community\nmonday = pd.Timestamp(district.now)\nschedule = care.contact_schedule(community, now=district.now)\nschedule",
    "due = schedule.due.to_pandas().query(\"kind == 'visit'\")\ndue.groupby('worker')['status'].value_counts().unstack(fill_value=0)",
    "md:More home visits are due than a day holds. Today's list is `huzhu.contact_visits`: the schedule's home visits, overdue first, then by resident, a dozen for each worker (`per_worker`) — a little more than two three-hour shifts of half-hour visits hold, so some will wait. One row per visit (its id is the resident's, its place the resident's home), half an hour (`minutes`) between 9:00 and 17:00 (`window`), `preferred` by the worker who keeps the care file, and an overdue visit counted as `special_group`, more urgent than a `general` one that is merely due. The rows are the visits table `plan_rounds` reads.",
    """visits = huzhu.contact_visits(community, schedule, window=(monday + pd.Timedelta(hours=9), monday + pd.Timedelta(hours=17)),
                              per_worker=12).to_pandas()
visits.head()""",
    "md:The roster is `huzhu.walkers_from_homes`: a walker for each worker the visits prefer, 9:00–12:00 and 14:00–17:00, on foot, each starting from (and coming back to) the middle of the homes on their list. One row per worker and shift, the servers table `plan_rounds` reads.",
    """shifts = [(monday + pd.Timedelta(hours=start), monday + pd.Timedelta(hours=end)) for start, end in [(9, 12), (14, 17)]]
workers = huzhu.walkers_from_homes(visits, shifts).to_pandas()
workers""",
    "md:## Plan the rounds 排路线\n`plan_rounds` makes the most urgent visits first, then travels least, and keeps a resident with the worker they know (`preferred`) while that costs less than `continuity_minutes` (20) of travel. Travel is the great-circle distance lengthened by `detour_percent` (130) at the server's speed. `iterations=200` keeps this notebook quick; the default, 2000, searches longer. The search is seeded (`seed=1`): the same tables give the same rounds.",
    "rounds = huzhu.plan_rounds(visits, workers, iterations=200)\nrounds",
    "rounds.rounds.to_pandas()",
    "md:Each stop: `arrive` when the worker gets there, `start`–`end` the visit (a worker who arrives early waits), in `order` from 1. The share of visits made by the resident's own worker:",
    "rounds.stops.to_pandas().head()",
    "stops = rounds.stops.to_pandas().merge(visits[['id', 'preferred']], left_on='visit', right_on='id')\n(stops['server'] == stops['preferred']).mean()",
    "md:Every visit is either on a round or in `unplanned`, with the reason:",
    "rounds.unplanned.to_pandas().merge(visits[['id', 'preferred', 'urgency']], left_on='visit', right_on='id')",
    """md:- `outcompeted`: the round of `server` could have made it, but the visits in `by`, more urgent, took the time. Here they are `general` visits (due today, not yet overdue) giving way to overdue ones: they wait for tomorrow's list, or for more hands (a volunteer, below).
- `shift_full`: every shift that could make it is full of visits at least as urgent.
- `window_unreachable`: nobody could make it within its window and their shift, even with nothing else to do — too far, or a window outside every shift (see the e-bike's reach below).
- `no_skilled_server`: nobody has the `skills` the visit asks for, or its `required` server has no shift.
- `budget_spent`: in a week's plan only (below), a server could make it that day but for the weekly minutes they have spent.""",
    "md:## The map 地图\nA line per round in visit order, one colour per worker, stops numbered, start and end places as squares, the visits not planned as black crosses.",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(9, 7))\nplot.routes(rounds, ax=ax)\nax.ticklabel_format(useOffset=False)\nax.legend(loc='upper left', bbox_to_anchor=(1.01, 1), fontsize='small');",
    "md:## A worker off sick 病假调整\nWorker 2 calls in sick on Monday morning. `replan_rounds(previous, visits, workers)` starts from the plan the residents were told: the others keep their visits unless moving one saves more than `stability_minutes` (30) of travel, and the sick worker's visits go where there is room, or take the place of less urgent ones.",
    "sick = 'worker#2'\nat_work = workers[workers['server'] != sick]\nagain = huzhu.replan_rounds(rounds, visits, at_work, iterations=200)\nagain",
    "md:Where the sick worker's visits went:",
    "before = rounds.stops.to_pandas().set_index('visit')\nafter = again.stops.to_pandas().set_index('visit')\nafter['server'].reindex(before.index[before['server'] == sick]).fillna('not planned').value_counts()",
    "md:And the visits the workers still at work had in the morning's plan: re-planned from it, and planned afresh without the sick worker.",
    """def changes(plan):
    old = before[before['server'] != sick]
    new = plan.stops.to_pandas().set_index('visit').reindex(old.index)
    same = new['server'].eq(old['server'])
    return pd.Series({'same worker, same time': (same & new['start'].eq(old['start'])).sum(),
                      'same worker, another time': (same & new['start'].ne(old['start'])).sum(),
                      'another worker': (new['server'].notna() & ~same).sum(),
                      'not planned now': new['server'].isna().sum()})

fresh = huzhu.plan_rounds(visits, at_work, iterations=200)
pd.DataFrame({'replan_rounds': changes(again), 'plan_rounds afresh': changes(fresh)})""",
    "md:Few visits change worker, either way: each resident's own worker is `preferred`, and in a district this small moving a visit to another worker saves a few minutes of walking, never the 30 `stability_minutes`; `replan_rounds` moves fewer than planning afresh. It keeps the worker, not the hour: a worker's day is re-ordered around the new visits (a morning visit may move to the afternoon), so compare `start` before telling residents their time.\n\nThe visits no longer planned are mostly `general` ones on the social workers' rounds, giving way to worker 2's overdue visits (`outcompeted`), and a few overdue ones for which every shift is full of visits as urgent (`shift_full`):",
    "again.unplanned.to_pandas().merge(visits[['id', 'preferred', 'urgency']], left_on='visit', right_on='id').groupby(['reason', 'urgency']).size()",
    "md:## An e-bike volunteer in the afternoon 电动车志愿者\nA volunteer free on Mondays 14:00–17:00 (their `availability`), on an e-bike: 300 m a minute, against 75 on foot. Added to the roster for the afternoon, again with `replan_rounds`:",
    """volunteers = community.volunteers.to_pandas()
v = volunteers[volunteers['availability'].apply(lambda a: 'Mon 14:00-17:00' in list(a))].iloc[0]
volunteer = f'volunteer#{v.id}'
rider = pd.DataFrame([{'server': volunteer, 'start_lat': v.lat, 'start_lon': v.lon, 'end_lat': v.lat, 'end_lon': v.lon,
                       'shift_start': monday + pd.Timedelta(hours=14), 'shift_end': monday + pd.Timedelta(hours=17), 'mode': 'e_bike'}])
helped = huzhu.replan_rounds(again, visits, pd.concat([at_work, rider], ignore_index=True), iterations=200)
helped""",
    "helped.stops.to_pandas().query('server == @volunteer')",
    "md:More visits are made than without the volunteer: the afternoon round takes some that had waited and some off full rounds, which then make room for others. The ones still waiting are `general` visits. Inside this district every home is a few hundred metres away, so the e-bike hardly shows; it shows in reach. One half-hour visit 1, 3, 10 and 20 km east of the volunteer's home, alone in the same afternoon shift, on foot and by e-bike:",
    """EARTH_RADIUS_M = 6_371_008.8

def east_of_home(km):
    return v.lon + math.degrees(km * 1000 / (EARTH_RADIUS_M * math.cos(math.radians(v.lat))))

reach = []
for km in [1, 3, 10, 20]:
    far = pd.DataFrame({'id': [1], 'lat': [v.lat], 'lon': [east_of_home(km)], 'minutes': [30]})
    for mode in ['walking', 'e_bike']:
        p = huzhu.plan_rounds(far, rider.assign(mode=mode))
        missed = p.unplanned.to_pylist()
        reach.append({'km': km, 'mode': mode, 'travel_minutes': None if missed else p.travel_minutes,
                      'reason': missed[0]['reason'] if missed else None})
pd.DataFrame(reach).pivot(index='km', columns='mode')""",
    "md:Three hours leave (180 − 30) / 2 = 75 minutes each way: on foot 75 × 75 m / 1.3 ≈ 4.3 km in a straight line, by e-bike four times as far, ≈ 17 km. Beyond that the visit is `window_unreachable`. An e-bike volunteer can cover a neighbouring community's overflow; on foot, a volunteer is for the streets around their home.",
    "md:## GeoJSON for a GIS tool 导出GeoJSON\n`geojson()` gives the rounds as a FeatureCollection in longitude, latitude (WGS 84): a LineString per round (server, shift, depart, back, travel_minutes, visits) and a Point per stop (server, shift, order, visit, arrive, start, end). The visits not planned are not in it: `unplanned` has their places. QGIS, ArcGIS or kepler.gl open the file as it is (written next to the notebook, ignored by git).",
    "collection = helped.geojson()\npd.Series([f['geometry']['type'] for f in collection['features']]).value_counts()",
    "collection['features'][0]",
    "path = Path('visit_rounds.geojson')\npath.write_text(json.dumps(collection, ensure_ascii=False), encoding='utf-8')\npath, path.stat().st_size",
    "md:## A week that keeps every contact interval 一周走访计划\nThe schedule says who is due today; a week's plan looks ahead. `huzhu.contact_rounds` lists every resident on the home-visit rounds, due yet or not, as a contact round: the visit (at home, half an hour, here any time 9:00–17:00 on a weekday), the most days allowed between two visits (`every_days`, as the care file's contact plan says) and the day of the last visit logged (`last`).",
    """days = [monday + pd.Timedelta(days=n) for n in range(5)]  # Monday to Friday
plans = huzhu.contact_rounds(community, district.now, windows=[(d + pd.Timedelta(hours=9), d + pd.Timedelta(hours=17)) for d in days]).to_pandas()
plans[['id', 'preferred', 'every_days', 'last']].head()""",
    "plans['every_days'].value_counts()",
    "md:The roster for the week: the same walkers every weekday morning and afternoon (`walkers_from_homes` on the contact rounds: the middle of all the homes on each worker's rounds). `plan_week` plans Monday to Sunday day by day, as a team would: each working day takes the visits that cannot wait for a later working day — those past their interval first, raised to `special_group` — then fills the rounds with visits due within the next working day (`early_days`, 1) when making them early adds no visit to the week. A visit made resets its resident's clock. `rounds={'iterations': 100}` keeps each day's search short.",
    """shifts = [(d + pd.Timedelta(hours=start), d + pd.Timedelta(hours=end)) for d in days for start, end in [(9, 12), (14, 17)]]
walkers = huzhu.walkers_from_homes(plans, shifts).to_pandas()
sunday = monday + pd.Timedelta(days=6)
week = huzhu.plan_week(plans, walkers, start=monday, through=sunday, rounds={'iterations': 100})
week""",
    "md:The share of residents whose interval holds every day of the week, and each working day's rounds (each `plan` is a `Rounds`: its tables, map and GeoJSON work as above):",
    "week.kept / len(week.contacts)",
    """pd.DataFrame([{'date': d.date, 'rounds': len(d.plan.rounds), 'visits': len(d.plan.stops), 'not planned': len(d.plan.unplanned),
               'travel_minutes': d.plan.travel_minutes} for d in week.days])""",
    "md:`contacts` has a row per resident: the days a visit is made (`made`), the days on which more than the interval had passed since the last visit (`overdue_days`), the last day for the next visit (`next_due`), and `kept` when no day was overdue. Those not kept:",
    """contacts = week.contacts.to_pandas().merge(plans[['id', 'preferred', 'every_days', 'last']], left_on='visit', right_on='id').drop(columns='id')
late = contacts[~contacts['kept']]
late.head()""",
    """overdue_on_monday = late['overdue_days'].apply(lambda overdue: overdue[0] == monday.date())
pd.DataFrame({'residents': [overdue_on_monday.sum(), (~overdue_on_monday).sum()],
              'overdue days': [late[overdue_on_monday]['overdue_days'].str.len().sum(), late[~overdue_on_monday]['overdue_days'].str.len().sum()],
              'first visit': [late[overdue_on_monday]['made'].str[0].value_counts().to_dict(), late[~overdue_on_monday]['made'].str[0].value_counts().to_dict()]},
             index=['overdue before the week began', 'due in the week, made late'])""",
    "md:Most of them were already past their interval on Monday morning: nothing this week could keep them, and they are seen first, nearly all on Monday. The others were due on Monday, the week's busiest day, and are seen on Tuesday, a day late. From Tuesday on every visit is made by its last day, many of them a working day early where that adds no visit to the week: Wednesday's visits are those due on Thursday, Thursday's many of those due at the weekend, when nobody works.",
    "md:## A volunteer's hours, shared with the matcher 志愿者工时\nA volunteer's weekly hours (`minutes_per_week`) go to the matcher's tasks and to the rounds. Here the week's service-package needs (`care.package_needs`) are matched first; the volunteer with the most tasks gives what is left of their week to the rounds on weekday mornings, from their home: their minutes a week less 60 per task (the match policy's `nominal_task_minutes`), as `budgets`.",
    """ready = community.with_tables(needs=care.package_needs(community, week_start=monday))
matched = ready.match(now=monday)
tasks = matched.assignments.to_pandas().query("helper_kind == 'volunteer'")['helper'].value_counts()
helper = tasks.index[0]
h = volunteers.set_index('volunteer#' + volunteers['id'].astype(str)).loc[helper]
left = int(h.minutes_per_week - 60 * tasks[helper])
helper, h.minutes_per_week, tasks[helper], left""",
    """mornings = pd.DataFrame([{'server': helper, 'start_lat': h.lat, 'start_lon': h.lon, 'end_lat': h.lat, 'end_lon': h.lon,
                          'shift_start': d + pd.Timedelta(hours=9), 'shift_end': d + pd.Timedelta(hours=12)} for d in days])
roster = pd.concat([walkers, mornings], ignore_index=True)
shared = huzhu.plan_week(plans, roster, start=monday, through=sunday, budgets={helper: left}, rounds={'iterations': 100})
shared.minutes_worked.get(helper, 0), shared.committed_tasks()""",
    "md:The volunteer takes visits the workers' rounds have no room for, within the budget: a day's shifts share what is left of it, and a visit the volunteer could have made but for the spent budget is not planned as `budget_spent`. `committed_tasks()` turns the minutes the rounds took into the matcher's tasks (rounded up), in the form `match(committed=…)` reads, so the matcher counts them against the volunteer's week:",
    """again = ready.match(now=monday, committed=shared.committed_tasks())
pd.Series({'tasks before the rounds': tasks[helper], 'tasks with the rounds counted': (again.assignments.to_pandas()['helper'] == helper).sum(),
           'needs matched before': len(matched), 'needs matched after': len(again)})""",
    "md:The volunteer's week adds up: 60 minutes a task and the rounds' minutes stay within their hours, and the tasks they no longer take go to other helpers. Without the budget the rounds would take most of their week, and the matcher would have little or nothing left to give them:",
    """unbounded = huzhu.plan_week(plans, roster, start=monday, through=sunday, rounds={'iterations': 100})
unbounded.minutes_worked.get(helper, 0), unbounded.committed_tasks(), (ready.match(now=monday, committed=unbounded.committed_tasks()).assignments.to_pandas()['helper'] == helper).sum()""",
]

NOTEBOOKS = {"quickstart": quick, "from_csv": csv, "evaluation": evaluation, "visit_rounds": visit_rounds}
for name in sys.argv[1:] or NOTEBOOKS:
    nbf.write(nb(NOTEBOOKS[name]), HERE / f"{name}.ipynb")
