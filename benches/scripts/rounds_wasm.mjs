// The same day's rounds in wasm (Node), planned and then re-planned with a worker off sick,
// against the native times printed by
// `cargo run --release -p huzhu-benches --example rounds_day -- RESIDENTS DIR`.
// Usage: node benches/scripts/rounds_wasm.mjs DIR  (after bindings-wasm/scripts/build.sh)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const dir = process.argv[2] ?? "target/rounds-day";
const root = fileURLToPath(new URL("../../", import.meta.url));
const huzhu = createRequire(import.meta.url)(`${root}bindings-wasm/pkg/node/huzhu_wasm.js`);
const read = (f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
const [visits, workers, policy] = [read("visits.json"), read("workers.json"), read("policy.json")];
let best = Infinity;
let plan;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  plan = huzhu.planRounds(visits, workers, policy);
  best = Math.min(best, (performance.now() - t) / 1000);
}
const same = JSON.stringify(plan) === JSON.stringify(read("native.json"));
console.log(`${visits.length} visits, ${workers.length} workers: wasm planRounds best of 3 ${best.toFixed(3)} s; same plan as native: ${same}`);
const [sick, quick] = [read("sick_workers.json"), read("replan_policy.json")];
let bestReplan = Infinity;
let again;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  again = huzhu.replanRounds(plan, visits, sick, quick);
  bestReplan = Math.min(bestReplan, (performance.now() - t) / 1000);
}
const sameReplan = JSON.stringify(again) === JSON.stringify(read("native_replan.json"));
console.log(`a worker off sick: wasm replanRounds (30 iterations) best of 5 ${bestReplan.toFixed(3)} s; same plan as native: ${sameReplan}`);
