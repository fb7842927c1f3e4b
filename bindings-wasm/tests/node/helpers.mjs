// Shared fixtures for the Node tests (run against the built package in ../../pkg).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const root = fileURLToPath(new URL("../../../", import.meta.url));
export const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
export const exampleJson = readFileSync(`${root}core/examples/community.json`, "utf8");
export const TUESDAY_8 = "2026-11-24T08:00:00";
export const meta = (key, at = "2026-11-24T10:00:00", memo) => ({ key, operator: "desk:li", at, ...(memo ? { memo } : {}) });

/** Asserts that `fn` throws a HuzhuError with this code (and these properties). */
export function throwsCode(fn, code, props = {}) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${code}, nothing was thrown`);
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`);
  assert.equal(caught.name, "HuzhuError", `${caught.name}: ${caught.message}`);
  assert.equal(caught.code, code, caught.message);
  for (const [k, v] of Object.entries(props)) assert.equal(caught[k], v, `${k} of ${caught.message}`);
  return caught;
}

/** Runs `fn`, which must throw; returns what it threw: an Error, never a panic or a trap. */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.notEqual(e.code, "INTERNAL_PANIC", e.message);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a trap: ${e.message}`);
    return e;
  }
  assert.fail("nothing was thrown");
}

/** JSON with object keys sorted, for comparisons that must not depend on key order. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
