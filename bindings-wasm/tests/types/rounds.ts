// Type-checked with the rest (tests/types/tsconfig.json): the visit rounds' types are real.
import {
  planRounds, replanRounds, roundsGeoJson, defaultRoundsPolicy,
  type RoundVisit, type RoundWorker, type RoundsPolicy, type Rounds, type Round, type Stop, type Unplanned,
  type ServerLabel, type RoundsGeoJson, type RoundLineFeature, type HuzhuError,
} from "../../pkg/huzhu.js";

export function rounds(): string[] {
  const centre = { lat: 31.2, lon: 121.5 };
  const morning = { start: "2026-12-08T09:00:00", end: "2026-12-08T12:00:00" };
  const visits: RoundVisit[] = [
    { id: 1, place: { lat: 31.201, lon: 121.5 }, minutes: 30 },
    { id: 2, source: { contact: 7 }, place: centre, minutes: 45, windows: [morning], skills: ["nursing"], preferred: "worker#1", urgency: "special_group" },
    { id: 3, source: { need: 12 }, place: centre, minutes: 20, required: "volunteer#4" },
    { id: 4, source: "other", place: centre, minutes: 20, required: null, preferred: null },
  ];
  const workers: RoundWorker[] = [
    { server: "worker#1", start: centre, end: centre, shifts: [morning], skills: ["nursing"] },
    { server: "volunteer#4", start: centre, end: centre, shifts: [morning], mode: "e_bike", max_minutes_per_shift: 120 },
  ];
  // @ts-expect-error: a server is a worker or a volunteer, by label
  const resident: RoundWorker = { server: "resident#3", start: centre, end: centre, shifts: [] };
  // @ts-expect-error: the modes are walking, cycling and e_bike
  const car: RoundWorker = { server: "worker#2", start: centre, end: centre, shifts: [], mode: "car" };
  // @ts-expect-error: unknown members are refused
  const colour: RoundVisit = { id: 5, place: centre, minutes: 30, colour: "red" };
  // @ts-expect-error: a visit has a place and a length
  const bare: RoundVisit = { id: 6 };
  const policy: RoundsPolicy = defaultRoundsPolicy();
  const plan: Rounds = planRounds(visits, workers, { detour_percent: policy.detour_percent, seed: 7 });
  planRounds(visits, workers);
  planRounds(visits, workers, null);
  // @ts-expect-error: policy settings are the core's
  planRounds(visits, workers, { detour: 120 });
  const first: Round | undefined = plan.rounds[0];
  const server: ServerLabel | undefined = first?.server;
  const stops: Stop[] = first?.stops ?? [];
  const lines = stops.map((s) => `${s.visit} ${s.arrive} ${s.start}–${s.end}`);
  for (const [visit, why] of plan.unplanned) {
    const u: Unplanned = why;
    lines.push(u.reason === "outcompeted" ? `${visit}: ${u.server} ${u.by.join(",")}` : `${visit}: ${u.reason}`);
  }
  const again: Rounds = replanRounds(plan, visits, workers.slice(1), { stability_minutes: 10 });
  const g: RoundsGeoJson = roundsGeoJson(again, visits, workers);
  for (const f of g.features) {
    if (f.geometry.type === "LineString") {
      const line = f as RoundLineFeature;
      const [lon, lat] = line.geometry.coordinates[0];
      lines.push(`${line.properties.server} ${line.properties.visits.length} ${lon} ${lat}`);
    }
  }
  try {
    planRounds([visits[0], visits[0]], workers);
  } catch (e) {
    const err = e as HuzhuError;
    lines.push(`${err.code} ${err.record ?? ""} ${err.field ?? ""}`);
  }
  lines.push(String(server), String(resident), String(car), String(colour), String(bare));
  return lines;
}
