import { test } from "node:test";
import assert from "node:assert/strict";
import { solveBmatch } from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

test("solveBmatch: the exact optimum of a small instance", () => {
  assert.deepEqual(solveBmatch("2 1 2 10\n1\n0 0 5\n1 0 7\n"), {
    needs: 2, suppliers: 1, arcs: 2, objective: 15, assigned: 1, unassigned: 1, optimal: true, iterations: solveBmatch("2 1 2 10\n1\n0 0 5\n1 0 7\n").iterations,
  });
  const r = solveBmatch("3 2 4\n1 2\n0 0 5\n1 0 3\n1 1 4\n2 1 1\n");
  assert.equal(r.objective, 10);
  assert.equal(r.unassigned, 0);
});

test("solveBmatch errors name the line", () => {
  throwsCode(() => solveBmatch("2 1 2\n2\n0 0 5\n1 3 7\n"), "FORMAT_INVALID_NUMBER", { line: 4 });
  throwsCode(() => solveBmatch(""), "FORMAT_UNEXPECTED_EOF");
  throwsCode(() => solveBmatch("1 1\n"), "FORMAT_MALFORMED", { line: 1 });
  throwsCode(() => solveBmatch("2 1 2\n1\n0 0 5\n1 0 7\n"), "SOLVER_INFEASIBLE");
});
