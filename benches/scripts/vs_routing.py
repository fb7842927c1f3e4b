"""huzhu's visit-round solver against PyVRP and OR-Tools routing, in the same run, with the
same time limit, on the same integers (Solomon format; distances, times and service ×10,
rounded per edge, exactly as `huzhu-solve vrptw` reads them).

Usage: python benches/scripts/vs_routing.py FILE... [--seconds 1 5] [--seeds 1 2 3]
Prints a markdown table: for each instance and time limit, each solver's mean cost over the
seeds, vehicles used, unserved customers, and huzhu's cost over PyVRP's and OR-Tools'.
"""
import argparse
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCALE = 10


def read(path):
    """(vehicles, capacity, nodes) as huzhu's reader: rows of 7 numbers, header optional."""
    vehicles, capacity, nodes = 25, 200, []
    lines = pathlib.Path(path).read_text().splitlines()
    for i, line in enumerate(lines):
        if line.strip().upper().startswith("NUMBER") and "CAPACITY" in line.upper():
            v = lines[i + 1].split()
            vehicles, capacity = int(v[0]), int(v[1])
            continue
        f = line.split()
        if len(f) != 7:
            continue
        try:
            values = [float(x) for x in f]
        except ValueError:
            continue
        nodes.append(values[1:])
    return vehicles, capacity, nodes


def scaled(x):
    return int(math.floor(x * SCALE + 0.5))


def matrix(nodes):
    return [[scaled(math.hypot(a[0] - b[0], a[1] - b[1])) for b in nodes] for a in nodes]


def huzhu(path, seconds, seed):
    exe = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "huzhu-solve"
    out = subprocess.run([str(exe), "vrptw", str(path), "--time-limit", str(seconds), "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["cost"], r["vehicles"], r["unserved"]


def pyvrp(path, seconds, seed):
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime
    vehicles, capacity, nodes = read(path)
    d = matrix(nodes)
    m = Model()
    locs = [m.add_location(x=n[0], y=n[1]) for n in nodes]
    m.add_depot(locs[0], tw_early=scaled(nodes[0][3]), tw_late=scaled(nodes[0][4]))
    m.add_vehicle_type(num_available=vehicles, capacity=capacity,
                       tw_early=scaled(nodes[0][3]), tw_late=scaled(nodes[0][4]))
    for loc, n in zip(locs[1:], nodes[1:]):
        m.add_client(loc, delivery=int(n[2]), service_duration=scaled(n[5]),
                     tw_early=scaled(n[3]), tw_late=scaled(n[4]))
    for i, a in enumerate(locs):
        for j, b in enumerate(locs):
            m.add_edge(a, b, distance=d[i][j], duration=d[i][j])
    res = m.solve(stop=MaxRuntime(seconds), seed=seed, display=False)
    sol = res.best
    unserved = len(nodes) - 1 - sol.num_clients()
    return (sol.distance() if sol.is_feasible() else None), sol.num_routes(), unserved


def ortools(path, seconds, seed):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    vehicles, capacity, nodes = read(path)
    d = matrix(nodes)
    manager = pywrapcp.RoutingIndexManager(len(nodes), vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    dist = routing.RegisterTransitCallback(lambda i, j: d[manager.IndexToNode(i)][manager.IndexToNode(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(dist)
    service = [scaled(n[5]) for n in nodes]
    time = routing.RegisterTransitCallback(
        lambda i, j: service[manager.IndexToNode(i)] + d[manager.IndexToNode(i)][manager.IndexToNode(j)])
    horizon = scaled(nodes[0][4])
    routing.AddDimension(time, horizon, horizon, False, "Time")
    td = routing.GetDimensionOrDie("Time")
    for n in range(1, len(nodes)):
        td.CumulVar(manager.NodeToIndex(n)).SetRange(scaled(nodes[n][3]), scaled(nodes[n][4]))
    for v in range(vehicles):
        td.CumulVar(routing.Start(v)).SetRange(scaled(nodes[0][3]), horizon)
        td.CumulVar(routing.End(v)).SetRange(scaled(nodes[0][3]), horizon)
    demand = [int(n[2]) for n in nodes]
    dem = routing.RegisterUnaryTransitCallback(lambda i: demand[manager.IndexToNode(i)])
    routing.AddDimensionWithVehicleCapacity(dem, 0, [capacity] * vehicles, True, "Load")
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    sol = routing.SolveWithParameters(params)
    if sol is None:
        return None, 0, len(nodes) - 1
    used = sum(1 for v in range(vehicles) if not routing.IsEnd(sol.Value(routing.NextVar(routing.Start(v)))))
    return sol.ObjectiveValue(), used, 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--seconds", type=float, nargs="+", default=[1.0, 5.0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    a = ap.parse_args()
    print("| instance | seconds | huzhu cost (vehicles) | PyVRP cost (vehicles) | OR-Tools cost (vehicles) | huzhu / PyVRP | huzhu / OR-Tools |")
    print("|---|---|---|---|---|---|---|")
    for f in a.files:
        for s in a.seconds:
            runs = {"huzhu": [], "pyvrp": [], "ortools": []}
            for seed in a.seeds:
                runs["huzhu"].append(huzhu(f, s, seed))
                runs["pyvrp"].append(pyvrp(f, s, seed))
                runs["ortools"].append(ortools(f, s, seed))
            cell = {}
            mean = {}
            for k, rs in runs.items():
                costs = [r[0] for r in rs if r[0] is not None and r[2] == 0]
                mean[k] = statistics.mean(costs) if len(costs) == len(rs) else None
                veh = statistics.mean(r[1] for r in rs)
                cell[k] = f"{mean[k]:.1f} ({veh:.1f})" if mean[k] is not None else "infeasible"
            ratio = lambda o: f"{mean['huzhu'] / mean[o]:.4f}" if mean["huzhu"] and mean[o] else "–"
            print(f"| {pathlib.Path(f).stem} | {s:g} | {cell['huzhu']} | {cell['pyvrp']} | {cell['ortools']} | "
                  f"{ratio('pyvrp')} | {ratio('ortools')} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
